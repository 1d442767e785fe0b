// Strings of erasing a person (ADR 0033): a contact on the force page, a member on the members page.
const ar = {
  contactsTitle: "محو بيانات شخص",
  intro: "يحذف المحو اسم الشخص وبريده وهاتفه وكل ما يدل عليه من السجلات، ويُبقي السجلات نفسها باسم «شخص محذوف». لا رجعة فيه.",
  erase: "محو البيانات",
  erased: "مُحيت بيانات الشخص.",
  confirmTitle: "تأكيد المحو",
  confirmText: "ستُمحى بيانات {{name, isolate}} نهائياً، ومعها:",
  confirmNothingElse: "لا بيانات أخرى مسجلة.",
  confirm: "نعم، امحُ البيانات نهائياً",
  cancel: "إلغاء",
};

const ku = {
  contactsTitle: "Daneyên kesekî jê bibe",
  intro: "Jêbirin nav, e-name, telefon û her tiştê ku kesê nîşan dide ji tomaran radike; tomar bi navê «kesê jêbirî» dimînin. Nayê vegerandin.",
  erase: "Daneyan jê bibe",
  erased: "Daneyên kesê hatin jêbirin.",
  confirmTitle: "Jêbirinê piştrast bike",
  confirmText: "Daneyên {{name, isolate}} dê bi temamî werin jêbirin, bi van re:",
  confirmNothingElse: "Daneyên din nehatine tomarkirin.",
  confirm: "Erê, daneyan bi temamî jê bibe",
  cancel: "Betal bike",
};

const en = {
  contactsTitle: "Erase a person's data",
  intro: "Erasing removes the person's name, email, phone and everything that identifies them from the records; the records stay, under «erased person». It cannot be undone.",
  erase: "Erase data",
  erased: "The person's data was erased.",
  confirmTitle: "Confirm the erasure",
  confirmText: "The data of {{name, isolate}} will be erased for good, together with:",
  confirmNothingElse: "No other data is recorded.",
  confirm: "Yes, erase the data for good",
  cancel: "Cancel",
};

export default { ar, ku, en };
