// Strings of the bell, the notifications page and the preferences (issue 18).
const ar = {
  title: "الإشعارات",
};

type Shape = typeof ar;

const ku: Shape = {
  title: "Agahdarî",
};

const en: Shape = {
  title: "Notifications",
};

export default { ar, ku, en };
