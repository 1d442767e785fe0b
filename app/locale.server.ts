// The reader's language: explicit choice (cookie) first, then the account's, then Arabic.
import { createCookie } from "@remix-run/node";
import { defaultLocale, isLocale, type Locale } from "./i18n";

export const localeCookie = createCookie("tq_lang", { path: "/", sameSite: "lax", maxAge: 365 * 86400, httpOnly: true });

export async function localeOf(request: Request, userLocale?: string | null): Promise<Locale> {
  const chosen = await localeCookie.parse(request.headers.get("cookie")).catch(() => null);
  if (isLocale(chosen)) return chosen;
  if (isLocale(userLocale)) return userLocale;
  return defaultLocale;
}

/** Whose names a page's tables sort by (NameOrderSchema): ?names= when asked for, else the reader's language. */
export async function nameOrderOf(request: Request, userLocale?: string | null): Promise<Locale> {
  const asked = new URL(request.url).searchParams.get("names");
  return isLocale(asked) ? asked : localeOf(request, userLocale);
}
