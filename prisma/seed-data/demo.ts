// Demo data derived from the meeting report (meeting-report.ar.txt, kept byte for byte beside this file).
// Forces are plainly fictional: no positions are attributed to real organisations or people.
import type { AgendaItemKind, AmendmentState, AmendmentType, ForceKind, InvitationStatus, Recommendation, Region, Role } from "@prisma/client";
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

/**
 * The confirmed delegations (every CONFIRMED invitation, within its seats): fictional names; contacts are
 * phone numbers only, so no check-in code is ever mailed to a made-up address. `account` links the member
 * to a demo account, so that delegate can vote once checked in; that member is the force's voting delegate.
 */
export interface DemoMember {
  name: string;
  role?: string;
  contact?: string;
  isSubstitute?: boolean;
  account?: string;
}

export const delegations: Record<string, DemoMember[]> = {
  horizon: [
    { name: "كريم الأحمد", role: "رئيس الوفد", contact: "+963 900 000 101", account: "delegate@example.org" },
    { name: "هيفاء سليمان", role: "عضوة الوفد", contact: "+963 900 000 102" },
    { name: "جوان خليل", role: "عضو احتياط", contact: "+963 900 000 103", isSubstitute: true },
  ],
  dawn: [
    { name: "سامر العلي", role: "رئيس الوفد", contact: "+963 900 000 111" },
    { name: "رنا الحلبي", role: "عضوة الوفد", contact: "+963 900 000 112" },
  ],
  "tribe-north": [
    { name: "محمود الجاسم", role: "رئيس الوفد", contact: "+963 900 000 121" },
    { name: "عبد الله الحمد", role: "عضو الوفد", contact: "+963 900 000 122" },
  ],
  "community-syriac": [
    { name: "شمعون يوحنا", role: "رئيس الوفد", contact: "+963 900 000 131" },
    { name: "مريم إيشو", role: "عضوة الوفد", contact: "+963 900 000 132" },
    { name: "آرام نعوم", role: "عضو الوفد", contact: "+963 900 000 133" },
  ],
};

/**
 * Member forces' amendments to the paper, one per state the review goes through (drafted, submitted,
 * under review with the committee's recommendation, decided and not yet published). Each quotes text of
 * the paper exactly once; the ideas come from the meeting report's discussion ("proposals to be added to
 * the working paper"). `by` drafted and submitted it (the office enters it for a force without accounts).
 */
export interface DemoAmendment {
  key: string;
  forceKey: string;
  by: string;
  type: Exclude<AmendmentType, "GENERAL">;
  state: Extract<AmendmentState, "DRAFT" | "SUBMITTED" | "UNDER_REVIEW" | "ACCEPTED" | "REJECTED">;
  quote: string;
  proposedTitle?: string;
  proposedText: string;
  rationale: string;
  recommendation?: { value: Recommendation; note: string };
  decisionReason?: string;
}

export const amendments: DemoAmendment[] = [
  {
    key: "strife",
    forceKey: "horizon",
    by: "delegate@example.org",
    type: "INSERT",
    state: "DRAFT",
    quote: "كالعشائر",
    proposedText: "، ومواجهة الفتن ووأدها",
    rationale: "ذكر تقرير الاجتماع مواجهة الفتن ووأدها إلى جانب تطوير العلاقة مع الشرائح الاجتماعية، ولم تذكرها الورقة.",
  },
  {
    key: "levels",
    forceKey: "dawn",
    by: "organizer@example.org",
    type: "REPLACE",
    state: "SUBMITTED",
    quote: "على كافة المستويات",
    proposedText: "على المستويين المحلي والوطني، عبر مشاورات دورية معلنة",
    rationale: "تسمية المستويات وطريقة الإشراك تجعل المهمة قابلة للمتابعة والتقييم.",
  },
  {
    key: "communities",
    forceKey: "horizon",
    by: "delegate@example.org",
    type: "NEW_SECTION",
    state: "SUBMITTED",
    quote: "ومنظمات المجتمع المدني",
    proposedTitle: "٣ مكرر. التواصل مع الجاليات السورية",
    proposedText: "تعمل الممثليات على إشراك الجاليات السورية في الخارج في نقاش ورقة العمل، عبر لقاءات دورية وتقارير تُرفع إلى المكتب.",
    rationale: "الممثليات أقرب إلى السوريين في الخارج، وإشراكهم يوسّع قاعدة التوافق.",
  },
  {
    key: "participation",
    forceKey: "renewal",
    by: "delegate2@example.org",
    type: "INSERT",
    state: "UNDER_REVIEW",
    quote: "لبناء توافقات وطنية جامعة",
    proposedText: "تشارك في صياغتها النساء والشباب",
    rationale: "التوافقات الجامعة تحتاج مشاركة فعلية للنساء والشباب في صياغتها لا في إقرارها فقط.",
    recommendation: { value: "ACCEPT", note: "الإضافة منسجمة مع هدف إشراك الأحزاب والتشكيلات في صياغة الخطط؛ توصي اللجنة بقبولها." },
  },
  {
    key: "challenges",
    forceKey: "national-bloc",
    by: "organizer@example.org",
    type: "DELETE",
    state: "REJECTED",
    quote: "ولمواجهة تحديات المرحلة",
    proposedText: "",
    rationale: "العبارة عامة ولا تضيف مهمة محددة للمكتب.",
    recommendation: { value: "REJECT", note: "العبارة تربط تطوير آلية العمل بظروف المرحلة كما وردت في تقرير الاجتماع." },
    decisionReason: "تُبقي اللجنة العبارة: تطوير المكتب جاء لمواجهة تحديات المرحلة كما قال تقرير الاجتماع.",
  },
  {
    key: "international",
    forceKey: "euphrates",
    by: "organizer@example.org",
    type: "REPLACE",
    state: "ACCEPTED",
    quote: "ومع الدول الفاعلة في الملف السوري",
    proposedText: "ومع الدول والجهات الدولية الرسمية وغير الرسمية الفاعلة في الملف السوري",
    rationale: "يذكر تقرير الاجتماع التواصل مع جهات سياسية دولية رسمية وغير رسمية، لا مع الدول وحدها.",
    recommendation: { value: "ACCEPT", note: "صياغة أدق لما ورد في التقرير." },
    decisionReason: "مقبول: يطابق ما ورد في تقرير الاجتماع عن الجهات الدولية الرسمية وغير الرسمية.",
  },
];

/**
 * The plenary's first day: sessions in the conference's zone, all items scheduled and none on the floor
 * (the projector stays blank until the chair starts). A PAPER_SECTION item names a section by its index
 * in `sections` (stored as its heading); an AMENDMENT item by the key of one of `amendments`.
 */
export interface DemoAgendaItem {
  kind: Exclude<AgendaItemKind, "VOTE">;
  title: string;
  section?: number;
  amendment?: string;
  notes?: string;
}

/** Every session sits in the main hall under the conference's co-chairs. */
const plenaryHall = { room: "القاعة الكبرى", chair: "الرئاسة المشتركة للمؤتمر" };

export const agenda: { title: string; startsAt: string; endsAt: string; room: string; chair: string; items: DemoAgendaItem[] }[] = [
  {
    title: "الجلسة الافتتاحية",
    startsAt: "09:00",
    endsAt: "10:30",
    ...plenaryHall,
    items: [
      { kind: "FREE", title: "افتتاح المؤتمر والترحيب بالوفود" },
      { kind: "FREE", title: "إقرار جدول الأعمال" },
    ],
  },
  {
    title: "مناقشة ورقة العمل",
    startsAt: "11:00",
    endsAt: "14:00",
    ...plenaryHall,
    items: [
      { kind: "PAPER_SECTION", title: "هيكلية المكتب ومهامه على المستوى الوطني", section: 0, notes: "عرض من مكتب العلاقات العامة، ١٥ دقيقة" },
      { kind: "PAPER_SECTION", title: "التواصل والحوار مع القوى والشخصيات السورية", section: 1 },
      { kind: "PAPER_SECTION", title: "مهام وأهداف الممثليات", section: 2 },
      { kind: "PAPER_SECTION", title: "استراتيجية عمل المكتب في المرحلة الراهنة", section: 3 },
      { kind: "AMENDMENT", title: "تعديل على القسم الرابع: المشاركة في صياغة التوافقات", amendment: "participation", notes: "توصية اللجنة: القبول" },
    ],
  },
  {
    title: "الجلسة الختامية",
    startsAt: "15:00",
    endsAt: "16:00",
    ...plenaryHall,
    items: [
      { kind: "FREE", title: "التصويت على ورقة العمل بصيغتها المعدّلة" },
      { kind: "FREE", title: "البيان الختامي" },
    ],
  },
];
