// Dates and times as the reader writes them, always in the office's time zone (TAWAFUQ_TIME_ZONE, which
// the root loader sends): the server and the browser then render the same text wherever the browser is.
// Formatting in the browser's own zone made React's hydration fail (a different hour than the server's).
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { calendarDay } from "~/domain/due-dates";
import { dateIn, dateTimeIn, dayIn } from "~/i18n/reader";

// The formats themselves (Kurmanji months, Intl elsewhere) are the one rule in app/i18n/reader.ts.
export { intlLocale } from "~/i18n/reader";

export interface OfficeTime {
  /** An instant (ISO) as date and time in the office's zone. */
  dateTime(iso: string): string;
  /** An instant's calendar day in the office's zone. */
  date(iso: string): string;
  /** That day as "YYYY-MM-DD" (an <input type="date">'s value). */
  day(iso: string): string;
}

function officeTime(language: string, timeZone: string): OfficeTime {
  return {
    dateTime: (iso) => dateTimeIn(language, new Date(iso), timeZone),
    date: (iso) => dateIn(language, new Date(iso), timeZone),
    day: (iso) => calendarDay(new Date(iso), timeZone),
  };
}

/**
 * A calendar day ("YYYY-MM-DD", no instant and no zone) as the reader writes dates; the day itself when it
 * is not one.
 */
export const dayText = (language: string, day: string, style: "medium" | "long" = "medium"): string => dayIn(language, day, style);

export function useOfficeTime(): OfficeTime {
  const { i18n } = useTranslation();
  const timeZone = (useRouteLoaderData("root") as { timeZone?: string } | undefined)?.timeZone ?? "UTC";
  return officeTime(i18n.language, timeZone);
}
