// Built-in wording of every mail (issue 18): subject and body per kind, with {{placeholders}} that
// app/domain/mail/templates.server.ts fills; a conference may replace any of them (MailTemplate). A kind
// "a.b" is kept under "aB" (catalogueKeyOf). Then the organizers' mail pages (/mail, /mail/:id,
// /mail/templates, ADR 0052).
const ar = {
  templates: {
    notification: {
      subject: "{{conference}}: {{title}}",
      body: "{{title}}\n\n{{body}}\n\nللاطلاع: {{link}}\n\nتصلك هذه الرسالة لأنك عضو في {{conference}}. غيّر ما يصلك بالبريد من صفحة الإشعارات: {{preferencesLink}}",
    },
    digest: {
      subject: "{{conference}}: ملخص إشعاراتك اليومي ({{count}})",
      body: "مرحباً {{name}}،\n\nهذا ما جدّ منذ ملخص الأمس، {{count}} إشعاراً:\n\n{{items}}\n\nكل الإشعارات: {{link}}\n\nتصلك هذه الرسالة لأنك اخترت الملخص اليومي لبعض الإشعارات في {{conference}}. غيّر ذلك من هنا: {{preferencesLink}}",
    },
    invitationLetter: {
      subject: "دعوة للمشاركة في {{conference}}",
      body:
        "السادة في {{force}} المحترمون،\nعناية {{contactName}}\n\nتحية طيبة وبعد،\n\n" +
        "يتشرّف مكتب العلاقات العامة واللجنة التحضيرية بدعوتكم إلى المشاركة في {{conference}}، الذي يُعقد في {{place}} خلال الفترة من {{startsOn}} إلى {{endsOn}}.\n\n" +
        "عدد المقاعد المخصّصة لوفدكم: {{seats}}.\n\n" +
        "نرجو التكرّم بتأكيد مشاركتكم وتسمية ممثليكم في موعد أقصاه {{deadline}}، عبر الرابط الشخصي التالي:\n\n{{link}}\n\n" +
        "هذا الرابط خاص بكم ويُستعمل مرة واحدة، فنرجو عدم مشاركته مع غيركم. وقد أرفقنا بهذه الرسالة موعد المؤتمر في ملف تقويم يمكنكم إضافته إلى تقويمكم.\n\n" +
        "{{organizerNote}}\n\n" +
        "وتفضّلوا بقبول فائق الاحترام والتقدير.\n\nمكتب العلاقات العامة\nاللجنة التحضيرية لـ{{conference}}",
    },
    invitationReminder: {
      subject: "تذكير: تأكيد المشاركة في {{conference}} قبل {{deadline}}",
      body:
        "السادة في {{force}} المحترمون،\nعناية {{contactName}}\n\nتحية طيبة وبعد،\n\n" +
        "نودّ تذكيركم بأن موعد تأكيد مشاركتكم في {{conference}} ينتهي في {{deadline}} (الأيام المتبقية: {{daysLeft}}).\n\n" +
        "إن لم تكونوا قد أكّدتم مشاركتكم بعد، نرجو التكرّم بذلك عبر الرابط الشخصي الوارد في رسالة الدعوة، أو بالدخول إلى المنصة:\n\n{{link}}\n\n" +
        "وإن تعذّر عليكم استعمال الرابط، فيسعدنا أن نرسل إليكم رابطاً جديداً عند طلبكم. وإن كنتم قد أرسلتم ردّكم، فنرجو إهمال هذا التذكير.\n\n" +
        "وتفضّلوا بقبول فائق الاحترام.\n\nمكتب العلاقات العامة\nاللجنة التحضيرية لـ{{conference}}",
    },
    invitationOverdueDigest: {
      subject: "{{conference}}: دعوات تجاوزت موعد التأكيد ({{count}})",
      body:
        "مرحباً {{name}}،\n\nالدعوات التالية أُرسلت وتجاوزت موعد تأكيدها دون ردّ حتى الآن (العدد: {{count}}):\n\n{{list}}\n\n" +
        "يمكنكم التواصل مع هذه القوى، أو تسجيلها «دون رد» من صفحة الدعوات التي تحتاج متابعة:\n{{link}}",
    },
    checkinCode: {
      subject: "{{conference}}: رمز تسجيل حضورك",
      body:
        "مرحباً {{name}}،\n\n" +
        "تأكّدت مشاركة وفد {{force}} في {{conference}}. هذا رمز تسجيل حضورك الشخصي، وهو المطبوع على شارتك:\n\n{{code}}\n\n" +
        "أظهر رمز الاستجابة السريعة المرفق بهذه الرسالة، أو الرمز أعلاه، عند مكتب التسجيل يوم المؤتمر. الرمز خاص بك فلا تشاركه مع غيرك.\n\n" +
        "يظهر الرمز أيضاً في صفحة دعوة قوتكم على المنصة:\n{{link}}\n\nاللجنة التحضيرية لـ{{conference}}",
    },
    decisionsPublished: {
      subject: "{{conference}}: نُشرت قرارات اللجنة بشأن التعديلات",
      body:
        "السادة في {{force}} المحترمون،\nعناية {{contactName}}\n\nتحية طيبة وبعد،\n\n" +
        "نعلمكم بأن اللجنة التحضيرية نشرت قراراتها بشأن التعديلات المقترحة على ورقة العمل في {{conference}}.\n\n" +
        "التعديلات المقبولة: {{accepted}}\nالتعديلات المرفوضة: {{rejected}}\nمن تعديلاتكم: المقبولة {{forceAccepted}}، والمرفوضة {{forceRejected}}.\n\n" +
        "للاطلاع على القرارات وأسبابها:\n{{link}}\n\n" +
        "وتفضّلوا بقبول فائق الاحترام.\n\nمكتب العلاقات العامة\nاللجنة التحضيرية لـ{{conference}}",
    },
  },
  // Values a letter fills in when the conference has not set them.
  values: {
    toBeAnnounced: "يُحدَّد لاحقاً",
    calendarTitle: "{{conference}}",
    calendarDescription: "دعوة {{force}} إلى {{conference}}.",
  },
  nav: "البريد",
  outbox: {
    title: "صندوق البريد الصادر",
    intro: "كل رسالة يرسلها المؤتمر: الدعوات والتذكيرات والإشعارات. ما لم يُضبط خادم بريد (SMTP_URL) تبقى الرسائل هنا وتُقرأ كما كانت ستصل.",
    state: "الحالة",
    any: "الكل",
    apply: "عرض",
    templates: "نصوص الرسائل والإعدادات",
    to: "إلى",
    subject: "الموضوع",
    kind: "النوع",
    created: "أُنشئت",
    sent: "أُرسلت",
    attempts: "المحاولات",
    empty: "لا رسائل تطابق التصفية.",
    count: "الرسائل: {{count}}",
    resend: "إعادة الإرسال",
    resent: "أُعيدت الرسالة إلى قائمة الإرسال.",
    previous: "السابق",
    next: "التالي",
    pageOf: "الصفحة {{page}} من {{pages}}",
    noAddress: "دعوات أُرسلت دون عنوان بريد",
    noAddressIntro: "لهذه القوى دعوة بحالة «أُرسلت» لكن لا بريد لأيٍّ من جهات اتصالها، فلم تصلها رسالة. أضيفوا عنواناً في صفحة القوة أو تواصلوا معها بطريقة أخرى.",
    states: { QUEUED: "في الانتظار", SENDING: "قيد الإرسال", SENT: "أُرسلت", FAILED: "فشلت", KEPT: "محفوظة في التطبيق" },
    kinds: {
      notification: "إشعار",
      invitationLetter: "رسالة دعوة",
      invitationReminder: "تذكير بالتأكيد",
      invitationOverdueDigest: "ملخص التأخر",
      checkinCode: "رمز تسجيل الحضور",
      decisionsPublished: "نشر القرارات",
      digest: "ملخص يومي",
    },
  },
  read: {
    back: "العودة إلى البريد الصادر",
    to: "إلى",
    subject: "الموضوع",
    date: "التاريخ",
    state: "الحالة",
    error: "الخطأ",
    messageId: "معرّف الرسالة",
    text: "نص الرسالة",
    html: "جزء HTML (المصدر)",
    attachments: "المرفقات",
    linkKept: "الرسالة محفوظة في التطبيق: رابط الدخول ظاهر أعلاه كما كان سيصل، فيمكن نسخه وتسليمه.",
    linkGone: "أُرسل رابط الدخول ولم يعد محفوظاً.",
    gone: "(أُرسل الرابط ولم يعد محفوظاً)",
    sealed: "(رابط الدخول مختوم حتى الإرسال)",
  },
  edit: {
    title: "نصوص الرسائل",
    intro: "لكل نوع من الرسائل ولكل لغة موضوع ونص. تُستبدل العناصر بين قوسين مزدوجين، مثل {{example}}، عند الإرسال؛ يُقبل منها ما هو مذكور تحت كل نوع فقط.",
    placeholders: "العناصر المتاحة",
    subject: "الموضوع",
    body: "النص",
    save: "حفظ",
    reset: "العودة إلى النص الأصلي",
    custom: "نص خاص بالمؤتمر",
    builtIn: "النص الأصلي",
    saved: "حُفظ النص.",
    wasReset: "عاد النص الأصلي.",
    unknownPlaceholders: "عناصر غير معروفة: {{names}}",
    required: "هذا الحقل مطلوب.",
    tooLong: "النص أطول من المسموح.",
    invalid: "القيمة غير صالحة.",
    languages: { ar: "العربية", ku: "الكردية", en: "الإنكليزية" },
  },
  settings: {
    title: "إعدادات البريد للمؤتمر",
    reminderDays: "أيام التذكير قبل موعد التأكيد",
    reminderDaysHint: "من يوم إلى خمسة أعداد مختلفة بين 1 و60، مفصولة بفواصل، مثل: 7، 2",
    timeZone: "المنطقة الزمنية",
    timeZoneHint: "اسم منطقة IANA مثل Asia/Damascus؛ فارغ: منطقة المكتب ({{zone}}).",
    venue: "مكان الانعقاد",
    save: "حفظ الإعدادات",
    saved: "حُفظت الإعدادات.",
    badDays: "اكتبوا من يوم إلى خمسة أعداد مختلفة بين 1 و60.",
    badZone: "ليست منطقة زمنية معروفة.",
    tooLong: "النص أطول من 300 حرف.",
  },
};

type Shape = typeof ar;

const ku: Shape = {
  templates: {
    notification: {
      subject: "{{conference}}: {{title}}",
      body: "{{title}}\n\n{{body}}\n\nBibîne: {{link}}\n\nEv name ji te re tê çimkî tu endamê {{conference}} yî. Tiştên ku bi e-nameyê tên ji rûpela agahdariyan biguherîne: {{preferencesLink}}",
    },
    digest: {
      subject: "{{conference}}: kurteya rojane ya agahdariyên te ({{count}})",
      body: "Silav {{name}},\n\nJi kurteya duh ve {{count}} agahdarî hene:\n\n{{items}}\n\nHemû agahdarî: {{link}}\n\nEv name ji te re tê çimkî te ji bo hin agahdariyên {{conference}} kurteya rojane hilbijart. Li vir biguherîne: {{preferencesLink}}",
    },
    invitationLetter: {
      subject: "Vexwendina beşdarbûna {{conference}}",
      body:
        "Ji bo {{force}}\nBi destê {{contactName}}\n\nSilav û rêz,\n\n" +
        "Nivîsgeha Têkiliyên Giştî û Komîteya Amadekar bi rûmet we vedixwînin ku hûn beşdarî {{conference}} bibin, ku dê li {{place}} ji {{startsOn}} heta {{endsOn}} pêk were.\n\n" +
        "Hejmara kursiyên ji bo şandeya we: {{seats}}.\n\n" +
        "Ji kerema xwe heta {{deadline}} beşdarbûna xwe piştrast bikin û nûnerên xwe diyar bikin, bi rêya vê girêdana taybet:\n\n{{link}}\n\n" +
        "Ev girêdan tenê ji bo we ye û carekê tê bikaranîn; ji kerema xwe wê bi kesî re parve nekin. Dîrokên konferansê wek pelê salnameyê bi vê nameyê re hatine şandin.\n\n" +
        "{{organizerNote}}\n\n" +
        "Bi rêz û hurmet,\n\nNivîsgeha Têkiliyên Giştî\nKomîteya Amadekar a {{conference}}",
    },
    invitationReminder: {
      subject: "Bîranîn: beşdarbûna {{conference}} heta {{deadline}} piştrast bikin",
      body:
        "Ji bo {{force}}\nBi destê {{contactName}}\n\nSilav û rêz,\n\n" +
        "Em dixwazin bînin bîra we ku dema piştrastkirina beşdarbûna we di {{conference}} de di {{deadline}} de diqede (rojên mayî: {{daysLeft}}).\n\n" +
        "Heke we hîn beşdarbûna xwe piştrast nekiribe, ji kerema xwe bi girêdana taybet a di nameya vexwendinê de, an jî bi ketina platformê, wiya bikin:\n\n{{link}}\n\n" +
        "Heke girêdan ji bo we naxebite, em ê bi daxwaza we girêdaneke nû bişînin. Heke we bersiva xwe şandibe, ji kerema xwe vê bîranînê paşguh bikin.\n\n" +
        "Bi rêz û hurmet,\n\nNivîsgeha Têkiliyên Giştî\nKomîteya Amadekar a {{conference}}",
    },
    invitationOverdueDigest: {
      subject: "{{conference}}: vexwendinên ku dema wan derbas bûye ({{count}})",
      body:
        "Silav {{name}},\n\nEv vexwendin hatine şandin û dema piştrastkirina wan bê bersiv derbas bûye (hejmar: {{count}}):\n\n{{list}}\n\n" +
        "Hûn dikarin bi van hêzan re têkilî daynin, an wan wek «bê bersiv» tomar bikin, ji rûpela vexwendinên ku şopandin dixwazin:\n{{link}}",
    },
    checkinCode: {
      subject: "{{conference}}: koda te ya tomarkirina amadebûnê",
      body:
        "Silav {{name}},\n\n" +
        "Beşdariya şandeya {{force}} di {{conference}} de hat piştrastkirin. Ev koda te ya kesane ya tomarkirina amadebûnê ye, ya ku li ser nîşana te çapkirî ye:\n\n{{code}}\n\n" +
        "Roja konferansê koda QR ya bi vê nameyê re, an koda jorîn, li ber maseya tomarkirinê nîşan bide. Kod taybetî te ye; bi kesî re parve neke.\n\n" +
        "Kod di rûpela vexwendina hêza we de jî xuya dibe:\n{{link}}\n\nKomîteya Amadekar a {{conference}}",
    },
    decisionsPublished: {
      subject: "{{conference}}: biryarên komîteyê li ser guhertinan hatin weşandin",
      body:
        "Ji bo {{force}}\nBi destê {{contactName}}\n\nSilav û rêz,\n\n" +
        "Em we agahdar dikin ku Komîteya Amadekar biryarên xwe li ser guhertinên pêşniyazkirî yên kaxeza xebatê ya {{conference}} weşandin.\n\n" +
        "Guhertinên pejirandî: {{accepted}}\nGuhertinên redkirî: {{rejected}}\nJi guhertinên we: pejirandî {{forceAccepted}}, redkirî {{forceRejected}}.\n\n" +
        "Ji bo dîtina biryar û sedemên wan:\n{{link}}\n\n" +
        "Bi rêz û hurmet,\n\nNivîsgeha Têkiliyên Giştî\nKomîteya Amadekar a {{conference}}",
    },
  },
  values: {
    toBeAnnounced: "dê paşê were diyarkirin",
    calendarTitle: "{{conference}}",
    calendarDescription: "Vexwendina {{force}} ji bo {{conference}}.",
  },
  nav: "E-name",
  outbox: {
    title: "Qutiya e-nameyên derketî",
    intro: "Her nameya ku konferans dişîne: vexwendin, bîranîn û agahdarî. Heta ku servera e-nameyê (SMTP_URL) neyê sazkirin, name li vir dimînin û wek ku dê bigihîştana tên xwendin.",
    state: "Rewş",
    any: "Hemû",
    apply: "Nîşan bide",
    templates: "Nivîsên nameyan û mîheng",
    to: "Ji bo",
    subject: "Mijar",
    kind: "Cure",
    created: "Hat çêkirin",
    sent: "Hat şandin",
    attempts: "Ceribandin",
    empty: "Tu name li gorî parzûnê nînin.",
    count: "Name: {{count}}",
    resend: "Dîsa bişîne",
    resent: "Name dîsa ket rêza şandinê.",
    previous: "Berê",
    next: "Paşê",
    pageOf: "Rûpel {{page}} ji {{pages}}",
    noAddress: "Vexwendinên bê navnîşana e-nameyê hatine şandin",
    noAddressIntro: "Van hêzan vexwendineke «hat şandin» heye, lê tu navnîşana e-nameyê ya têkiliyên wan tune, ji ber vê tu name negihîşt wan. Li rûpela hêzê navnîşanekê zêde bikin an bi rêyeke din têkilî daynin.",
    states: { QUEUED: "Li bendê", SENDING: "Tê şandin", SENT: "Hat şandin", FAILED: "Bi ser neket", KEPT: "Di sepanê de hat parastin" },
    kinds: {
      notification: "Agahdarî",
      invitationLetter: "Nameya vexwendinê",
      invitationReminder: "Bîranîna piştrastkirinê",
      invitationOverdueDigest: "Kurteya derengmayînê",
      checkinCode: "Koda tomarkirina amadebûnê",
      decisionsPublished: "Weşandina biryaran",
      digest: "Kurteya rojane",
    },
  },
  read: {
    back: "Vegere qutiya derketî",
    to: "Ji bo",
    subject: "Mijar",
    date: "Dîrok",
    state: "Rewş",
    error: "Çewtî",
    messageId: "Nasnameya nameyê",
    text: "Nivîsa nameyê",
    html: "Beşa HTML (çavkanî)",
    attachments: "Pêvek",
    linkKept: "Name di sepanê de hatiye parastin: girêdana têketinê li jor wek ku dê bigihîşta xuya dike, ji ber vê dikare were kopîkirin û radestkirin.",
    linkGone: "Girêdana têketinê hat şandin û êdî nayê parastin.",
    gone: "(girêdan hat şandin û êdî nayê parastin)",
    sealed: "(girêdana têketinê heta şandinê girtî ye)",
  },
  edit: {
    title: "Nivîsên nameyan",
    intro: "Her cureyê nameyê ji bo her zimanî mijarek û nivîsek heye. Hêmanên di navbera kevanên ducar de, wek {{example}}, dema şandinê tên guhertin; tenê yên li binê her cureyê hatine nivîsandin tên qebûlkirin.",
    placeholders: "Hêmanên berdest",
    subject: "Mijar",
    body: "Nivîs",
    save: "Tomar bike",
    reset: "Vegere nivîsa bingehîn",
    custom: "Nivîsa taybet a konferansê",
    builtIn: "Nivîsa bingehîn",
    saved: "Nivîs hat tomarkirin.",
    wasReset: "Nivîsa bingehîn vegeriya.",
    unknownPlaceholders: "Hêmanên nenas: {{names}}",
    required: "Ev qad pêwîst e.",
    tooLong: "Nivîs ji sînorê dirêjtir e.",
    invalid: "Nirx ne derbasdar e.",
    languages: { ar: "Erebî", ku: "Kurdî", en: "Îngilîzî" },
  },
  settings: {
    title: "Mîhengên e-nameyê yên konferansê",
    reminderDays: "Rojên bîranînê berî dema piştrastkirinê",
    reminderDaysHint: "Ji yek heta pênc hejmarên cuda di navbera 1 û 60 de, bi bêhnokê veqetandî, wek: 7, 2",
    timeZone: "Herêma demê",
    timeZoneHint: "Navê herêmeke IANA wek Asia/Damascus; vala: herêma nivîsgehê ({{zone}}).",
    venue: "Cihê civînê",
    save: "Mîhengan tomar bike",
    saved: "Mîheng hatin tomarkirin.",
    badDays: "Ji yek heta pênc hejmarên cuda di navbera 1 û 60 de binivîsin.",
    badZone: "Ev ne herêmeke demê ya naskirî ye.",
    tooLong: "Nivîs ji 300 tîpan dirêjtir e.",
  },
};

const en: Shape = {
  templates: {
    notification: {
      subject: "{{conference}}: {{title}}",
      body: "{{title}}\n\n{{body}}\n\nSee: {{link}}\n\nYou receive this because you are a member of {{conference}}. Change what reaches you by mail on the notifications page: {{preferencesLink}}",
    },
    digest: {
      subject: "{{conference}}: your daily digest ({{count}})",
      body: "Hello {{name}},\n\nSince yesterday's digest, {{count}} notices:\n\n{{items}}\n\nAll notices: {{link}}\n\nYou receive this because you chose the daily digest for some notices in {{conference}}. Change that here: {{preferencesLink}}",
    },
    invitationLetter: {
      subject: "Invitation to take part in {{conference}}",
      body:
        "To {{force}}\nAttention: {{contactName}}\n\nDear {{contactName}},\n\n" +
        "On behalf of the Public Relations Office and the Preparatory Committee, we have the honour of inviting you to take part in {{conference}}, to be held at {{place}} from {{startsOn}} to {{endsOn}}.\n\n" +
        "Seats reserved for your delegation: {{seats}}.\n\n" +
        "Please confirm your participation and name your delegates by {{deadline}}, through this personal link:\n\n{{link}}\n\n" +
        "This link is yours alone and works once; please do not share it. The conference dates are attached as a calendar file you can add to your calendar.\n\n" +
        "{{organizerNote}}\n\n" +
        "With our highest regards,\n\nPublic Relations Office\nPreparatory Committee of {{conference}}",
    },
    invitationReminder: {
      subject: "Reminder: please confirm your participation in {{conference}} by {{deadline}}",
      body:
        "To {{force}}\nAttention: {{contactName}}\n\nDear {{contactName}},\n\n" +
        "This is a kind reminder that the deadline to confirm your participation in {{conference}} is {{deadline}} (days left: {{daysLeft}}).\n\n" +
        "If you have not confirmed yet, please do so through the personal link in the invitation letter, or by signing in to the platform:\n\n{{link}}\n\n" +
        "Should the link not work for you, we will gladly send a new one on request. If you have already answered, please disregard this reminder.\n\n" +
        "With our highest regards,\n\nPublic Relations Office\nPreparatory Committee of {{conference}}",
    },
    invitationOverdueDigest: {
      subject: "{{conference}}: invitations past their confirmation deadline ({{count}})",
      body:
        "Hello {{name}},\n\nThese invitations were sent and are past their confirmation deadline without an answer ({{count}}):\n\n{{list}}\n\n" +
        "You may contact these forces, or record them as “no response”, from the invitations that need attention:\n{{link}}",
    },
    checkinCode: {
      subject: "{{conference}}: your check-in code",
      body:
        "Hello {{name}},\n\n" +
        "The delegation of {{force}} to {{conference}} is confirmed. This is your personal check-in code, the one printed on your badge:\n\n{{code}}\n\n" +
        "Show the QR code in this mail, or the code above, at the check-in desk on the day. The code is yours alone; please do not share it.\n\n" +
        "It is also shown on your force's invitation page:\n{{link}}\n\nPreparatory Committee of {{conference}}",
    },
    decisionsPublished: {
      subject: "{{conference}}: the committee's decisions on the amendments are published",
      body:
        "To {{force}}\nAttention: {{contactName}}\n\nDear {{contactName}},\n\n" +
        "We are pleased to inform you that the Preparatory Committee has published its decisions on the amendments proposed to the working paper of {{conference}}.\n\n" +
        "Amendments accepted: {{accepted}}\nAmendments rejected: {{rejected}}\nOf yours: {{forceAccepted}} accepted, {{forceRejected}} rejected.\n\n" +
        "The decisions and their reasons:\n{{link}}\n\n" +
        "With our highest regards,\n\nPublic Relations Office\nPreparatory Committee of {{conference}}",
    },
  },
  values: {
    toBeAnnounced: "to be announced",
    calendarTitle: "{{conference}}",
    calendarDescription: "Invitation of {{force}} to {{conference}}.",
  },
  nav: "Mail",
  outbox: {
    title: "Outbox",
    intro: "Every mail the conference sends: letters, reminders and notices. Until a mail server is set (SMTP_URL) mails stay here and read as they would have been received.",
    state: "State",
    any: "All",
    apply: "Show",
    templates: "Mail wording and settings",
    to: "To",
    subject: "Subject",
    kind: "Kind",
    created: "Created",
    sent: "Sent",
    attempts: "Attempts",
    empty: "No mail matches the filter.",
    count: "Mails: {{count}}",
    resend: "Send again",
    resent: "The mail is queued again.",
    previous: "Previous",
    next: "Next",
    pageOf: "Page {{page}} of {{pages}}",
    noAddress: "Invitations sent without a mail address",
    noAddressIntro: "These forces have an invitation in status “sent” but none of their contacts has a mail address, so no letter reached them. Add an address on the force's page or reach them another way.",
    states: { QUEUED: "Queued", SENDING: "Sending", SENT: "Sent", FAILED: "Failed", KEPT: "Kept in the app" },
    kinds: {
      notification: "Notice",
      invitationLetter: "Invitation letter",
      invitationReminder: "Confirmation reminder",
      invitationOverdueDigest: "Overdue digest",
      checkinCode: "Check-in code",
      decisionsPublished: "Decisions published",
      digest: "Daily digest",
    },
  },
  read: {
    back: "Back to the outbox",
    to: "To",
    subject: "Subject",
    date: "Date",
    state: "State",
    error: "Error",
    messageId: "Message-ID",
    text: "Text",
    html: "HTML part (source)",
    attachments: "Attachments",
    linkKept: "This mail is kept in the app: its sign-in link is shown above as it would have been received, so it can be copied and handed over.",
    linkGone: "The sign-in link was delivered and is no longer kept.",
    gone: "(link delivered, no longer kept)",
    sealed: "(sign-in link, sealed until delivered)",
  },
  edit: {
    title: "Mail wording",
    intro: "Each kind of mail has a subject and a text per language. The names in double braces, such as {{example}}, are filled in when sending; only those listed under each kind are accepted.",
    placeholders: "Available names",
    subject: "Subject",
    body: "Text",
    save: "Save",
    reset: "Back to the built-in wording",
    custom: "The conference's own wording",
    builtIn: "Built-in wording",
    saved: "The wording is saved.",
    wasReset: "The built-in wording is back.",
    unknownPlaceholders: "Unknown names: {{names}}",
    required: "This field is required.",
    tooLong: "The text is longer than allowed.",
    invalid: "The value is not valid.",
    languages: { ar: "Arabic", ku: "Kurdish", en: "English" },
  },
  settings: {
    title: "The conference's mail settings",
    reminderDays: "Reminder days before the confirmation deadline",
    reminderDaysHint: "One to five different numbers from 1 to 60, separated by commas, e.g. 7, 2",
    timeZone: "Time zone",
    timeZoneHint: "An IANA zone name such as Asia/Damascus; empty: the office's ({{zone}}).",
    venue: "Venue",
    save: "Save settings",
    saved: "The settings are saved.",
    badDays: "Write one to five different numbers from 1 to 60.",
    badZone: "Not a known time zone.",
    tooLong: "The text is longer than 300 characters.",
  },
};

export default { ar, ku, en };
