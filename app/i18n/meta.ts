// The one way a page words its <title>: "<page> — Tawafuq" in the reader's language (the root loader's
// locale), optionally led by a name from the page's own data (a paper's title), which is never translated.
import type { MetaFunction } from "@remix-run/node";
import { defaultLocale, isLocale, t, type Locale } from "./index";

type Matches = Parameters<MetaFunction>[0]["matches"];

export function localeOfMatches(matches: Matches): Locale {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  return isLocale(locale) ? locale : defaultLocale;
}

export function pageTitle<Loader = unknown>(key: string, lead?: (data: Parameters<MetaFunction<Loader>>[0]["data"]) => string | null | undefined): MetaFunction<Loader> {
  return ({ data, matches }) => {
    const locale = localeOfMatches(matches);
    return [{ title: [lead?.(data), t(locale, key), t(locale, "app.name")].filter(Boolean).join(" — ") }];
  };
}
