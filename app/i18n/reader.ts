// The one rule for "in the reader's language" (ADR 0066): a name kept in several languages, a time zone's
// label, a date. Pages, mail and notices all ask here, so the Kurdish page, the Kurdish letter and the
// Kurdish notice agree. Pure and deterministic where Intl is weak (Kurmanji months), so the server's
// render and the browser's hydration give the same text.
import { offsetMinutes, wallClock } from "~/domain/local-time";

type Language = "ar" | "ku" | "en";
const asLanguage = (l: string): Language => (l === "ku" || l === "en" ? l : "ar");

/**
 * Which name a reader sees when their own is missing. A Kurdish reader in Syria went to school in Arabic
 * and the Arabic name is the force's own (the only one required): ku → ar, never an English name first.
 * An English reader gets the Arabic original before a Kurdish translation of it.
 */
export const nameFallback: Record<Language, readonly Language[]> = {
  ar: ["ar", "en", "ku"],
  ku: ["ku", "ar", "en"],
  en: ["en", "ar", "ku"],
};

export interface Names { ar?: string | null; ku?: string | null; en?: string | null }
/** How names are stored on forces and conferences. */
export interface NamedRow { nameAr: string; nameKu?: string | null; nameEn?: string | null }

/** The first non-blank name in the reader's fallback order; "" when there is none. */
export function nameIn(language: string, names: Names | null | undefined): string {
  if (!names) return "";
  for (const l of nameFallback[asLanguage(language)]) {
    const n = names[l]?.trim();
    if (n) return n;
  }
  return "";
}

/** A force's or conference's name (nameAr / nameKu / nameEn) in the reader's language. */
export const nameOf = (language: string, row: NamedRow | null | undefined): string =>
  row ? nameIn(language, { ar: row.nameAr, ku: row.nameKu, en: row.nameEn }) : "";

/** Kurmanji month names in full (Intl's "ku" data gives "brf" for December, and not the same in every runtime). */
export const kurdishMonths = ["Rêbendan", "Reşemî", "Adar", "Avrêl", "Gulan", "Pûşper", "Tîrmeh", "Gelawêj", "Rezber", "Kewçêr", "Sermawez", "Berfanbar"] as const;

/**
 * The Intl locale of a page language: Syrian month names (كانون الأول) with the digits the rest of the UI
 * uses; English day first (4 Dec 2026), as read in the region and in Europe. Kurmanji dates do not use it.
 */
const intlLocales: Record<Language, string> = { ar: "ar-SY-u-nu-latn", ku: "ku-Latn", en: "en-GB" };
export const intlLocale = (language: string) => intlLocales[language as Language] ?? language;

export type DateStyle = "medium" | "long";
const pad = (n: number) => String(n).padStart(2, "0");

// A formatter costs more to build than to use: one per language, style and zone, kept.
const formats = new Map<string, Intl.DateTimeFormat>();
function intlFormat(language: Language, style: DateStyle, timeZone: string, withTime: boolean) {
  const key = `${language} ${style} ${timeZone} ${withTime}`;
  let f = formats.get(key);
  // 24-hour clock in every language: the agenda, the forms and the window are written that way.
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(intlLocales[language], { dateStyle: style, ...(withTime ? { timeStyle: "short", hourCycle: "h23" } : {}), timeZone })));
  return f;
}

/** An instant's calendar day in a zone, as the reader writes dates ("4 كانون الأول 2026", "4 Berfanbar 2026"). */
export function dateIn(language: string, instant: Date, timeZone: string, style: DateStyle = "medium"): string {
  const l = asLanguage(language);
  if (l !== "ku") return intlFormat(l, style, timeZone, false).format(instant);
  const w = wallClock(instant, timeZone);
  return `${w.day} ${kurdishMonths[w.month - 1]} ${w.year}`;
}

/** An instant as date and time (24-hour clock) in a zone. */
export function dateTimeIn(language: string, instant: Date, timeZone: string, style: DateStyle = "medium"): string {
  const l = asLanguage(language);
  if (l !== "ku") return intlFormat(l, style, timeZone, true).format(instant);
  const w = wallClock(instant, timeZone);
  return `${dateIn(l, instant, timeZone)}, ${pad(w.hour)}:${pad(w.minute)}`;
}

/** A calendar day ("YYYY-MM-DD", no instant and no zone) as the reader writes dates; the text itself when it is not one. */
export function dayIn(language: string, day: string, style: DateStyle = "medium"): string {
  const at = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(at.getTime()) ? day : dateIn(language, at, "UTC", style);
}

/**
 * Zones the platform is used in, named as their readers say it. Others take ICU's generic name
 * ("Central European Time"), which is good in Arabic and English.
 */
const zoneNames: Record<string, Record<Language, string>> = {
  "Asia/Damascus": { ar: "توقيت سوريا", ku: "Saeta Sûriyeyê", en: "Syria time" },
  "Europe/Istanbul": { ar: "توقيت تركيا", ku: "Saeta Tirkiyeyê", en: "Türkiye time" },
  "Asia/Baghdad": { ar: "توقيت العراق", ku: "Saeta Iraqê", en: "Iraq time" },
  UTC: { ar: "التوقيت العالمي المنسق", ku: "Saeta gerdûnî (UTC)", en: "Coordinated Universal Time" },
};
zoneNames["Etc/UTC"] = zoneNames.UTC!;

function zoneName(language: Language, timeZone: string, at: Date): string {
  const known = zoneNames[timeZone]?.[language];
  if (known) return known;
  let name = "";
  try {
    name = new Intl.DateTimeFormat(intlLocales[language], { timeZone, timeZoneName: "longGeneric" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "";
  } catch {
    name = "";
  }
  // ICU writes the Kurmanji ezafe with a placeholder ("Saeta Almanya(y)ê"); without a name it gives an
  // offset ("GMT+03:00"), already in the label: then the zone's city, as the IANA name spells it.
  name = name.replace(/\(y\)/g, "y");
  if (!name || /GMT|غرينتش|UTC/.test(name)) name = timeZone.split("/").pop()!.replace(/_/g, " ");
  return name;
}

/**
 * A time zone's label in the reader's language with its offset at an instant: «توقيت سوريا (UTC+03:00)».
 * The offset is isolated (U+2066…U+2069) so it reads left to right inside Arabic text.
 */
export function zoneLabel(language: string, timeZone: string, at: Date = new Date()): string {
  const minutes = offsetMinutes(at, timeZone);
  const abs = Math.abs(minutes);
  const offset = `UTC${minutes < 0 ? "−" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${zoneName(asLanguage(language), timeZone, at)} (\u2066${offset}\u2069)`;
}
