// Page titles (<title>) that no heading key already words: the pages of one thing (an amendment, a
// force…). Every other page titles itself with its heading's key (app/i18n/meta.ts).
const ar = {
  amendment: "تعديل",
  force: "قوة",
  invitation: "دعوة",
  mailMessage: "رسالة",
  outreachEntry: "تواصل",
  planItem: "بند خطة",
  representation: "ممثلية",
};

type Shape = typeof ar;

const ku: Shape = {
  amendment: "Guhertin",
  force: "Hêz",
  invitation: "Vexwendin",
  mailMessage: "Peyam",
  outreachEntry: "Têkilî",
  planItem: "Xala planê",
  representation: "Nûneratî",
};

const en: Shape = {
  amendment: "Amendment",
  force: "Force",
  invitation: "Invitation",
  mailMessage: "Message",
  outreachEntry: "Outreach",
  planItem: "Plan item",
  representation: "Representation",
};

export default { ar, ku, en };
