// Built-in wording of every mail (issue 18): subject and body per kind, with {{placeholders}} that
// app/domain/mail/templates.server.ts fills; a conference may replace any of them (MailTemplate).
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
  },
};

export default { ar, ku, en };
