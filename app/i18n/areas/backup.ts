// Strings of the organizer's backup page (ADR 0029).
const ar = {
  title: "نسخة احتياطية مشفّرة",
  intro:
    "ملف واحد فيه كل بيانات المؤتمر: القوى وجهات الاتصال، الدعوات والوفود، الأعضاء (مع كلمات المرور المجزّأة)، الورقة بتاريخها ونسخها، التعديلات، التواصل والخطط والتمثيلات، وسجل التدقيق. يُشفَّر الملف بعبارة المرور التي تختارها هنا.",
  warning: "احفظ عبارة المرور في مكان آمن بعيداً عن الملف: لا يمكن لأحد، ولا لنا، فتح الملف من دونها.",
  passphrase: "عبارة المرور (12 حرفاً على الأقل)",
  again: "عبارة المرور مرة أخرى",
  submit: "تنزيل النسخة الاحتياطية",
  restoreHint: "الاستعادة من سطر الأوامر في قاعدة بيانات فارغة: npm run restore -- الملف",
  errors: {
    mismatch: "عبارتا المرور غير متطابقتين.",
    short: "عبارة المرور قصيرة: 12 حرفاً على الأقل.",
    long: "عبارة المرور طويلة: 1000 حرف على الأكثر.",
  },
};

type Shape = typeof ar;

const ku: Shape = {
  title: "Paşkefta şîfrekirî",
  intro:
    "Pelek tenê ku hemû daneyên konferansê tê de ne: hêz û têkilî, vexwendin û şande, endam (bi haşên şîfreyan), kaxez bi dîrok û guhertoyên wê, guherandin, têkilîdanîn, plan û nûnertî, û tomara kontrolê. Pel bi hevoka şîfreyê ya ku tu li vir hildibijêrî tê şîfrekirin.",
  warning: "Hevoka şîfreyê li cihekî ewle, dûrî pelê, biparêze: bê wê kes, ne em jî, nikare pelê veke.",
  passphrase: "Hevoka şîfreyê (herî kêm 12 tîp)",
  again: "Hevoka şîfreyê dîsa",
  submit: "Paşkeftê daxe",
  restoreHint: "Vegerandin ji rêzika fermanê, di danegeheke vala de: npm run restore -- PEL",
  errors: {
    mismatch: "Her du hevokên şîfreyê ne wek hev in.",
    short: "Hevoka şîfreyê kurt e: herî kêm 12 tîp.",
    long: "Hevoka şîfreyê dirêj e: herî zêde 1000 tîp.",
  },
};

const en: Shape = {
  title: "Encrypted backup",
  intro:
    "One file with the whole conference: forces and contacts, invitations and delegations, members (with their password hashes), the paper with its history and versions, amendments, outreach, plans and representations, and the audit trail. The file is encrypted with the passphrase you choose here.",
  warning: "Keep the passphrase somewhere safe, apart from the file: without it nobody, not even us, can open the file.",
  passphrase: "Passphrase (at least 12 characters)",
  again: "Passphrase again",
  submit: "Download the backup",
  restoreHint: "Restore from the command line into an empty database: npm run restore -- FILE",
  errors: {
    mismatch: "The two passphrases differ.",
    short: "The passphrase is too short: at least 12 characters.",
    long: "The passphrase is too long: at most 1000 characters.",
  },
};

export default { ar, ku, en };
