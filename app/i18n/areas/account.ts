// Strings of the signed-in person's own account: sessions, password, second factor, API tokens,
// and the one-time links that set a password. Each section belongs to one page.
const ar = {
  title: "حسابي",
};

type Shape = typeof ar;

const ku: Shape = {
  title: "Hesabê min",
};

const en: Shape = {
  title: "My account",
};

export default { ar, ku, en };
