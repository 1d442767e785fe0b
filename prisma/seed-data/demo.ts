// Demo data derived from the meeting report (meeting-report.ar.txt, kept byte for byte beside this file).
// Forces are plainly fictional: no positions are attributed to real organisations or people.
import type { ForceKind, InvitationStatus, Region, Role } from "@prisma/client";
import type { PaperSection } from "../../app/domain/paper-doc.js";

export const DEMO_PASSWORD = "tawafuq-demo";

export const conference = {
  slug: "opposition-conference",
  nameAr: "مؤتمر القوى والشخصيات السورية المعارضة",
  nameKu: "Konferansa Hêz û Kesayetiyên Opozîsyona Sûriyeyê",
  nameEn: "Conference of Syrian Opposition Forces and Personalities",
  city: "قامشلو",
  // Where letters and their calendar file say the conference meets (issue 18).
  venue: "قاعة المؤتمرات في المركز الثقافي",
};

export const paperTitle = "ورقة عمل مكتب العلاقات العامة";

export const sections: PaperSection[] = [
  {
    title: "١. هيكلية المكتب ومهامه على المستوى الوطني",
    paragraphs: [
      "يعمل مكتب العلاقات العامة في «مسـد» على تطوير آلية عمله بعد أن توسع عمل المجلس على المستوى الدبلوماسي ولمواجهة تحديات المرحلة.",
      "يتألف المكتب من رئاسة مشتركة ولجان متخصصة تتابع ملفات الأحزاب والتشكيلات السياسية على المستوى الوطني السوري.",
    ],
  },
  {
    title: "٢. التواصل والحوار مع القوى والشخصيات السورية",
    paragraphs: [
      "استمرار التواصل والحوار مع القوى والشخصيات السورية، وإشراك الأحزاب والتشكيلات السياسية في صياغة خطط وبرامج فاعلة على كافة المستويات.",
      "تمتين الجبهة الداخلية والتواصل مع المجتمعات السورية خارج مناطق الإدارة الذاتية، وتطوير العلاقة مع الشرائح الاجتماعية المختلفة كالعشائر.",
    ],
  },
  {
    title: "٣. مهام وأهداف الممثليات (الدول العربية، أوروبا، أمريكا)",
    paragraphs: [
      "تتابع ممثليات المجلس في الدول العربية والأوروبية وأميركا التواصل مع الجهات السياسية الدولية الرسمية وغير الرسمية ومنظمات المجتمع المدني.",
    ],
  },
  {
    title: "٤. استراتيجية عمل المكتب في المرحلة الراهنة",
    paragraphs: [
      "الاستمرار في مسار توحيد المعارضة السورية، ودعم عمل اللجنة التحضيرية لعقد مؤتمر للقوى والشخصيات السورية المعارضة، لبناء توافقات وطنية جامعة.",
      "للمكتب خطط وبرامج على المدى القريب والمتوسط والبعيد.",
    ],
  },
  {
    title: "٥. مرتكزات الدبلوماسية",
    paragraphs: [
      "تقوم دبلوماسية المجلس على الحوار مع القوى السورية الديمقراطية ومع الدول الفاعلة في الملف السوري، بما يحقق مصالح الشعب السوري وتطلعاته.",
    ],
  },
];

export interface DemoForce {
  key: string;
  kind: ForceKind;
  nameAr: string;
  nameKu?: string;
  nameEn: string;
  region: Region;
  country?: string;
  city?: string;
  isMember: boolean;
  isOfficial?: boolean;
  tags?: string[];
  /** The letter's language is the contact's (Contact.locale, Arabic unless told). */
  contact?: { name: string; role: string; phone?: string; email?: string; locale?: "ar" | "ku" | "en" };
  invitation?: InvitationStatus;
}

export const forces: DemoForce[] = [
  { key: "horizon", kind: "PARTY", nameAr: "حزب الأفق الديمقراطي", nameKu: "Partiya Asoya Demokratîk", nameEn: "Democratic Horizon Party", region: "NORTH_EAST_SYRIA", city: "قامشلو", isMember: true, tags: ["مؤسس"], contact: { name: "سلمى يوسف", role: "مسؤولة العلاقات", phone: "+963 900 000 001", email: "salma@horizon-party.example" }, invitation: "CONFIRMED" },
  { key: "euphrates", kind: "PARTY", nameAr: "حزب ضفاف الفرات", nameKu: "Partiya Peravên Firatê", nameEn: "Euphrates Banks Party", region: "NORTH_EAST_SYRIA", city: "الرقة", isMember: true, contact: { name: "خالد العمر", role: "أمين السر", email: "khaled@euphrates-party.example" }, invitation: "SENT" },
  { key: "dawn", kind: "PARTY", nameAr: "حزب الفجر السوري", nameEn: "Syrian Dawn Party", region: "OTHER_SYRIAN_REGIONS", city: "السويداء", isMember: true, invitation: "CONFIRMED" },
  { key: "cedar", kind: "PARTY", nameAr: "حزب الأرز الوطني", nameEn: "National Cedar Party", region: "OTHER_SYRIAN_REGIONS", city: "دمشق", isMember: false, contact: { name: "نادر الشامي", role: "ممثل الحزب", email: "nader@cedar-party.example" }, invitation: "DECLINED" },
  { key: "national-bloc", kind: "BLOC", nameAr: "الكتلة الوطنية للتغيير", nameKu: "Bloka Neteweyî ya Guhertinê", nameEn: "National Bloc for Change", region: "NORTH_EAST_SYRIA", city: "الحسكة", isMember: true, contact: { name: "Rêber Hesen", role: "Berdevk", email: "reber@national-bloc.example", locale: "ku" }, invitation: "APPROVED" },
  { key: "coast-bloc", kind: "BLOC", nameAr: "كتلة الساحل المدني", nameEn: "Civic Coast Bloc", region: "OTHER_SYRIAN_REGIONS", city: "اللاذقية", isMember: false, invitation: "CANDIDATE" },
  { key: "renewal", kind: "CURRENT", nameAr: "تيار التجديد الديمقراطي", nameEn: "Democratic Renewal Current", region: "ABROAD", country: "ألمانيا", city: "برلين", isMember: true, invitation: "NO_RESPONSE" },
  { key: "citizens", kind: "CURRENT", nameAr: "تيار المواطنة المتساوية", nameEn: "Equal Citizenship Current", region: "OTHER_SYRIAN_REGIONS", city: "حمص", isMember: false, invitation: "SENT" },
  { key: "tribe-north", kind: "TRIBE", nameAr: "عشيرة الوادي الأخضر", nameEn: "Green Valley Tribe", region: "NORTH_EAST_SYRIA", city: "دير الزور", isMember: false, tags: ["عشائر"], contact: { name: "الشيخ فهد الراشد", role: "شيخ العشيرة" }, invitation: "CONFIRMED" },
  { key: "tribe-plain", kind: "TRIBE", nameAr: "عشيرة السهل الشرقي", nameEn: "Eastern Plain Tribe", region: "NORTH_EAST_SYRIA", city: "الحسكة", isMember: false, tags: ["عشائر"], invitation: "CANDIDATE" },
  { key: "women-cso", kind: "CSO", nameAr: "منظمة نساء من أجل السلام", nameKu: "Rêxistina Jinan ji bo Aştiyê", nameEn: "Women for Peace Organisation", region: "NORTH_EAST_SYRIA", city: "قامشلو", isMember: false, invitation: "ATTENDED" },
  { key: "youth-cso", kind: "CSO", nameAr: "شبكة الشباب المدني", nameEn: "Civic Youth Network", region: "ABROAD", country: "تركيا", city: "إسطنبول", isMember: false, invitation: "SENT" },
  { key: "rights-cso", kind: "CSO", nameAr: "مرصد الحقوق والحريات", nameEn: "Rights and Freedoms Observatory", region: "ABROAD", country: "فرنسا", city: "باريس", isMember: false, invitation: "WITHDRAWN" },
  { key: "intl-forum", kind: "INTERNATIONAL_BODY", nameAr: "المنتدى الدولي للحوار", nameEn: "International Dialogue Forum", region: "ABROAD", country: "سويسرا", city: "جنيف", isMember: false, isOfficial: false, contact: { name: "Anna Keller", role: "Programme officer", email: "anna.keller@dialogue-forum.example", locale: "en" }, invitation: "APPROVED" },
  { key: "intl-council", kind: "INTERNATIONAL_BODY", nameAr: "المجلس الأوروبي للسلام", nameEn: "European Peace Council", region: "ABROAD", country: "بلجيكا", city: "بروكسل", isMember: false, isOfficial: true, invitation: "CANDIDATE" },
  { key: "community-syriac", kind: "COMMUNITY", nameAr: "جمعية أبناء الجزيرة", nameEn: "Sons of Jazira Society", region: "NORTH_EAST_SYRIA", city: "القحطانية", isMember: false, invitation: "CONFIRMED" },
  { key: "community-diaspora", kind: "COMMUNITY", nameAr: "رابطة السوريين في المهجر", nameEn: "League of Syrians Abroad", region: "ABROAD", country: "السويد", city: "ستوكهولم", isMember: false, invitation: "NO_SHOW" },
  { key: "person-writer", kind: "PERSONALITY", nameAr: "الكاتبة ليلى منصور", nameEn: "Writer Layla Mansour", region: "ABROAD", country: "الولايات المتحدة", city: "واشنطن", isMember: false, invitation: "SENT" },
  { key: "person-lawyer", kind: "PERSONALITY", nameAr: "المحامي عمر الحسن", nameEn: "Lawyer Omar al-Hasan", region: "OTHER_SYRIAN_REGIONS", city: "حلب", isMember: false, invitation: "CANDIDATE" },
  { key: "person-elder", kind: "PERSONALITY", nameAr: "الوجيه سليمان داود", nameEn: "Notable Suleiman Dawood", region: "NORTH_EAST_SYRIA", city: "كوباني", isMember: false, invitation: "DECLINED" },
];

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  forceKey?: string;
}

export const users: DemoUser[] = [
  { email: "organizer@example.org", name: "منسق المؤتمر", role: "ORGANIZER" },
  { email: "committee@example.org", name: "عضو اللجنة التحضيرية", role: "COMMITTEE" },
  { email: "committee2@example.org", name: "عضوة اللجنة التحضيرية", role: "COMMITTEE" },
  { email: "delegate@example.org", name: "مندوب حزب الأفق", role: "DELEGATE", forceKey: "horizon" },
  { email: "delegate2@example.org", name: "مندوبة تيار التجديد", role: "DELEGATE", forceKey: "renewal" },
  { email: "observer@example.org", name: "مراقب", role: "OBSERVER" },
];
