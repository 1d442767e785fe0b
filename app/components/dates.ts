// Dates and times as the reader writes them, always in the office's time zone (TAWAFUQ_TIME_ZONE, which
// the root loader sends): the server and the browser then render the same text wherever the browser is.
// Formatting in the browser's own zone made React's hydration fail (a different hour than the server's).
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { calendarDay } from "~/domain/due-dates";

/**
 * The Intl locale of a page language: Syrian month names (كانون الأول) with the digits the rest of the UI
 * uses; English day first (4 Dec 2026), as read in the region and in Europe.
 */
const intlLocales: Record<string, string> = { ar: "ar-SY-u-nu-latn", ku: "ku-Latn", en: "en-GB" };
export const intlLocale = (language: string) => intlLocales[language] ?? language;

export interface OfficeTime {
  /** An instant (ISO) as date and time in the office's zone. */
  dateTime(iso: string): string;
  /** An instant's calendar day in the office's zone. */
  date(iso: string): string;
  /** That day as "YYYY-MM-DD" (an <input type="date">'s value). */
  day(iso: string): string;
}

// A formatter costs more to build than to use, and every server render would build its own: one per
// language and zone, kept.
const made = new Map<string, OfficeTime>();

function officeTime(language: string, timeZone: string): OfficeTime {
  const key = `${language} ${timeZone}`;
  let fmt = made.get(key);
  if (!fmt) {
    const locale = intlLocale(language);
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
    made.set(key, (fmt = { dateTime: (iso) => dateTime.format(new Date(iso)), date: (iso) => date.format(new Date(iso)), day: (iso) => calendarDay(new Date(iso), timeZone) }));
  }
  return fmt;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar day ("YYYY-MM-DD", no instant and no zone) as the reader writes dates; the day itself when it
 * is not one.
 */
export function dayText(language: string, day: string, style: "medium" | "long" = "medium"): string {
  const key = `${language} ${style}`;
  let fmt = dayFormats.get(key);
  if (!fmt) dayFormats.set(key, (fmt = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: style, timeZone: "UTC" })));
  const at = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(at.getTime()) ? day : fmt.format(at);
}

export function useOfficeTime(): OfficeTime {
  const { i18n } = useTranslation();
  const timeZone = (useRouteLoaderData("root") as { timeZone?: string } | undefined)?.timeZone ?? "UTC";
  return officeTime(i18n.language, timeZone);
}
