// A notice's words in the reader's language (issue 18): rows keep the kind and its parameters, never
// the sentence, so the bell, the list and the mail say it in whatever language the reader uses now.
import type { Locale } from "@prisma/client";
import { t } from "~/i18n";
import { nameIn as nameInLanguage } from "~/i18n/reader";
import { isKind } from "./kinds";

/** A name as the conference keeps it in its three languages (forces). */
export interface Names {
  ar: string;
  ku?: string | null;
  en?: string | null;
}

/** What the rows' `params` hold; every field a kind does not use is absent. */
export interface NoticeParams {
  paper?: string;
  force?: Names;
  event?: string;
  state?: string;
  recommendation?: string;
  /** Who wrote a message: "committee" or "force". */
  from?: string;
  followUp?: string;
  goal?: string;
  due?: string;
}

/** Quoted text in a notice stays short: the link leads to the whole. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A name in the reader's language (the one rule: app/i18n/reader.ts). */
export const nameIn = (names: Names, locale: Locale) => nameInLanguage(locale, names);

export function noticeText(locale: Locale, kind: string, raw: unknown): { title: string; body: string } {
  const p = (raw && typeof raw === "object" ? raw : {}) as NoticeParams;
  const values = {
    paper: p.paper ?? "",
    force: p.force ? nameIn(p.force, locale) : "",
    state: p.state ? t(locale, `amendments.states.${p.state}`) : "",
    recommendation: p.recommendation ? t(locale, `amendments.recommendations.${p.recommendation}`) : "",
    from: p.from ? t(locale, `notifications.sides.${p.from}`) : "",
    followUp: p.followUp ?? "",
    goal: p.goal ?? "",
    due: p.due ?? "",
  };
  if (!isKind(kind)) return { title: t(locale, "notifications.texts.unknown"), body: "" };
  // An amendment's change is said by what happened to it (submitted, decided…), every other kind by itself.
  const titleKey = kind === "amendment.changed" ? `notifications.texts.amendment.changed.${p.event ?? "decided"}` : `notifications.texts.${kind}.title`;
  return { title: t(locale, titleKey, values), body: t(locale, `notifications.texts.${kind}.body`, values) };
}
