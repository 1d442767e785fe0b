// Dates and times as the reader writes them, always in the office's time zone (TAWAFUQ_TIME_ZONE, which
// the root loader sends): the server and the browser then render the same text wherever the browser is.
// Formatting in the browser's own zone made React's hydration fail (a different hour than the server's).
import { useMemo } from "react";
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

const intlLocale = (language: string) => (language === "ar" ? "ar-SY" : language === "ku" ? "ku-Latn" : language);

export function useOfficeTime() {
  const { i18n } = useTranslation();
  const timeZone = (useRouteLoaderData("root") as { timeZone?: string } | undefined)?.timeZone ?? "UTC";
  return useMemo(() => {
    const locale = intlLocale(i18n.language);
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
    return {
      /** An instant (ISO) as date and time in the office's zone. */
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      /** An instant's calendar day in the office's zone. */
      date: (iso: string) => date.format(new Date(iso)),
    };
  }, [i18n.language, timeZone]);
}
