import { describe, it, expect } from "vitest";
import { catalogues, createI18n, dirOf } from "~/i18n";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("catalogues", () => {
  it("Kurmanji and English have exactly the Arabic keys, none empty", () => {
    const ar = keys(catalogues.ar).sort();
    expect(keys(catalogues.en).sort()).toEqual(ar);
    expect(keys(catalogues.ku).sort()).toEqual(ar);
    for (const lang of ["ar", "ku", "en"] as const) {
      const i18n = createI18n(lang);
      for (const k of ar) expect(String(i18n.t(k)).trim(), `${lang}:${k}`).not.toBe("");
    }
  });
  it("Arabic is RTL, Kurmanji and English LTR", () => {
    expect([dirOf("ar"), dirOf("ku"), dirOf("en")]).toEqual(["rtl", "ltr", "ltr"]);
  });
  it("interpolates", () => {
    expect(createI18n("ar").t("auth.limited", { seconds: 30 })).toContain("30");
  });
});
