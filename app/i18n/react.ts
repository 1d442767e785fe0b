// useTranslation for the app's components: react-i18next's hook, minus its per-call cost. Rendering the
// invitations table spent a quarter of the server's time in react-i18next and i18next (one wrapper per
// hook call, a full resolve per t(); bench/README.md). Instances never change language (one per locale,
// app/i18n/index.ts), so a plain key's translation is computed once per instance and kept.
import { useContext } from "react";
import { I18nContext } from "react-i18next";
import type { i18n as I18n } from "i18next";

export type Translate = (key: string, options?: Record<string, unknown>) => string;

const translators = new WeakMap<I18n, Translate>();

export function translatorOf(i18n: I18n): Translate {
  let t = translators.get(i18n);
  if (!t) {
    const plain = new Map<string, string>();
    t = (key, options) => {
      // With options (counts, values, defaults) the result varies: always resolved.
      if (options) return String(i18n.t(key, options as never));
      let s = plain.get(key);
      if (s === undefined) plain.set(key, (s = String(i18n.t(key))));
      return s;
    };
    translators.set(i18n, t);
  }
  return t;
}

export function useTranslation(): { t: Translate; i18n: I18n } {
  const { i18n } = useContext(I18nContext);
  return { t: translatorOf(i18n), i18n };
}
