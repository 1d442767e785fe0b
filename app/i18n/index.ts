// i18n: Arabic by default (RTL), Kurmanji and English (LTR). Every UI string lives in the catalogues.
import i18next, { type i18n as I18n } from "i18next";
import ar from "./ar";
import en from "./en";
import ku from "./ku";
import amendments from "./areas/amendments";
import coordination from "./areas/coordination";
import paper from "./areas/paper";
import forces from "./areas/forces";
import invitations from "./areas/invitations";
import account from "./areas/account";
import signin from "./areas/signin";
import sessions from "./areas/sessions";
import audit from "./areas/audit";
import backup from "./areas/backup";
import erasure from "./areas/erasure";
import mail from "./areas/mail";
import notifications from "./areas/notifications";
import votes from "./areas/votes";
import checkin from "./areas/checkin";
import agenda from "./areas/agenda";
import translations from "./areas/translations";
import speakers from "./areas/speakers";
import titles from "./areas/titles";
import { translatorOf } from "./react";

export const locales = ["ar", "ku", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "ar";
export const dirOf = (l: Locale) => (l === "ar" ? "rtl" : "ltr");
export const isLocale = (s: unknown): s is Locale => typeof s === "string" && (locales as readonly string[]).includes(s);

// Feature areas keep their strings in app/i18n/areas/<area>.ts as { ar, ku, en } under their own key,
// so each area's catalogue stays next to the others' and never collides.
const areas: Record<string, { ar: object; ku: object; en: object }> = { paper, amendments, coordination, forces, invitations, account, signin, sessions, audit, backup, erasure, mail, notifications, votes, checkin, agenda, translations, titles, speakers };

export const catalogues = {
  ar: { ...ar, ...Object.fromEntries(Object.entries(areas).map(([k, v]) => [k, v.ar])) },
  ku: { ...ku, ...Object.fromEntries(Object.entries(areas).map(([k, v]) => [k, v.ku])) },
  en: { ...en, ...Object.fromEntries(Object.entries(areas).map(([k, v]) => [k, v.en])) },
};

// One instance per locale, made once: building one (every catalogue, three languages) cost a few ms and
// much garbage on every server render and every server-side t() (bench/README.md, HTTP benchmark).
// Shared safely because nothing calls changeLanguage: each instance keeps its one language.
const instances = new Map<Locale, I18n>();

export function createI18n(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) instances.set(locale, (instance = newI18n(locale)));
  return instance;
}

function newI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: ["en", "ar"],
    resources: { ar: { translation: catalogues.ar }, ku: { translation: catalogues.ku }, en: { translation: catalogues.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  // «{{value, isolate}}»: a value quoted from the user (a CSV cell, a search) keeps its own direction
  // inside a sentence of the other (Unicode isolates), so «MARS» reads whole in an Arabic message.
  instance.services.formatter?.add("isolate", (value) => `\u2068${value}\u2069`);
  return instance;
}

/** Server-side translator (emails, exports, API messages). */
export function t(locale: Locale, key: string, options?: Record<string, unknown>): string {
  return translatorOf(createI18n(locale))(key, options);
}
