// Strings of the sign-in code step, the second-factor page and a conference's sign-in security setting.
const ar = {
  code: {
    title: "رمز التحقق",
    intro: "أدخل الرمز المكوَّن من ستة أرقام من تطبيق المصادقة، أو أحد رموز الاسترداد.",
    label: "الرمز",
    submit: "تحقق",
    wrong: "الرمز غير صحيح أو استُخدم من قبل.",
    expired: "انتهت مهلة هذه الخطوة. سجّل الدخول من جديد.",
  },
  twoFactor: {
    title: "التحقق بخطوتين",
    required: "يتطلب هذا المؤتمر من المنسقين وأعضاء اللجنة التحقق بخطوتين. فعّله لتتابع عملك.",
    scan: "امسح الرمز بتطبيق مصادقة، أو أدخل المفتاح يدوياً، ثم أدخل الرمز الذي يظهره.",
    key: "المفتاح",
    confirm: "تفعيل",
    enabled: "التحقق بخطوتين مفعَّل منذ {{date}}.",
    codesLeft: "رموز الاسترداد المتبقية: {{count}}",
    recoveryTitle: "رموز الاسترداد",
    recoveryOnce: "احفظ هذه الرموز في مكان آمن: لن تظهر مرة أخرى. يصلح كل رمز مرة واحدة إن فقدت هاتفك.",
    regenerate: "رموز استرداد جديدة",
    disable: "إيقاف التحقق بخطوتين",
    currentCode: "الرمز الحالي",
    wrong: "الرمز غير صحيح أو استُخدم من قبل.",
    disabled: "أُوقف التحقق بخطوتين.",
    continue: "متابعة",
  },
  security: {
    title: "أمان الدخول",
    require: "اشتراط التحقق بخطوتين على المنسقين وأعضاء اللجنة",
    on: "مشترط",
    off: "غير مشترط",
    save: "حفظ",
    saved: "حُفظ.",
  },
};

type Shape = typeof ar;

const ku: Shape = {
  code: {
    title: "Koda piştrastkirinê",
    intro: "Koda şeş hejmarî ya sepana piştrastkirinê binivîse, an yek ji kodên vegerandinê.",
    label: "Kod",
    submit: "Piştrast bike",
    wrong: "Kod ne rast e an berê hatiye bikaranîn.",
    expired: "Dema vê gavê qediya. Ji nû ve têkeve.",
  },
  twoFactor: {
    title: "Piştrastkirina du-gavî",
    required: "Ev konferans ji organîzator û endamên komîteyê piştrastkirina du-gavî dixwaze. Ji bo berdewamkirinê wê çalak bike.",
    scan: "Kodê bi sepana piştrastkirinê bişopîne, an mifteyê bi destan binivîse, paşê koda ku nîşan dide binivîse.",
    key: "Mifte",
    confirm: "Çalak bike",
    enabled: "Piştrastkirina du-gavî ji {{date}} ve çalak e.",
    codesLeft: "Kodên vegerandinê yên mayî: {{count}}",
    recoveryTitle: "Kodên vegerandinê",
    recoveryOnce: "Van kodan li cihekî ewle biparêze: careke din nayên nîşandan. Her kod carekê dixebite, heke telefona te winda bibe.",
    regenerate: "Kodên vegerandinê yên nû",
    disable: "Piştrastkirina du-gavî rawestîne",
    currentCode: "Koda niha",
    wrong: "Kod ne rast e an berê hatiye bikaranîn.",
    disabled: "Piştrastkirina du-gavî hat rawestandin.",
    continue: "Berdewam bike",
  },
  security: {
    title: "Ewlehiya têketinê",
    require: "Piştrastkirina du-gavî ji organîzator û endamên komîteyê bixwaze",
    on: "Tê xwestin",
    off: "Nayê xwestin",
    save: "Tomar bike",
    saved: "Hat tomarkirin.",
  },
};

const en: Shape = {
  code: {
    title: "Verification code",
    intro: "Enter the six-digit code from your authenticator app, or one of your recovery codes.",
    label: "Code",
    submit: "Verify",
    wrong: "The code is wrong or was already used.",
    expired: "This step has timed out. Sign in again.",
  },
  twoFactor: {
    title: "Two-step verification",
    required: "This conference requires organizers and committee members to use two-step verification. Turn it on to continue.",
    scan: "Scan the code with an authenticator app, or type the key in by hand, then enter the code it shows.",
    key: "Key",
    confirm: "Turn on",
    enabled: "Two-step verification is on since {{date}}.",
    codesLeft: "Recovery codes left: {{count}}",
    recoveryTitle: "Recovery codes",
    recoveryOnce: "Keep these codes somewhere safe: they will not be shown again. Each works once if you lose your phone.",
    regenerate: "New recovery codes",
    disable: "Turn off two-step verification",
    currentCode: "Current code",
    wrong: "The code is wrong or was already used.",
    disabled: "Two-step verification is off.",
    continue: "Continue",
  },
  security: {
    title: "Sign-in security",
    require: "Require two-step verification of organizers and committee members",
    on: "Required",
    off: "Not required",
    save: "Save",
    saved: "Saved.",
  },
};

export default { ar, ku, en };
