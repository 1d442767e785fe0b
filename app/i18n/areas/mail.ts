// Built-in wording of every mail (issue 18): subject and body per kind, with {{placeholders}} that
// app/domain/mail/templates.server.ts fills; a conference may replace any of them (MailTemplate).
const ar = {
  templates: {
    notification: {
      subject: "{{conference}}: {{title}}",
      body: "{{title}}\n\n{{body}}\n\nللاطلاع: {{link}}\n\nتصلك هذه الرسالة لأنك عضو في {{conference}}. غيّر ما يصلك بالبريد من صفحة الإشعارات: {{preferencesLink}}",
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
  },
};

const en: Shape = {
  templates: {
    notification: {
      subject: "{{conference}}: {{title}}",
      body: "{{title}}\n\n{{body}}\n\nSee: {{link}}\n\nYou receive this because you are a member of {{conference}}. Change what reaches you by mail on the notifications page: {{preferencesLink}}",
    },
  },
};

export default { ar, ku, en };
