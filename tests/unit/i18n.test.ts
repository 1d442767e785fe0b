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
  it("isolates a quoted user value from the sentence's direction, in every language", () => {
    const params = { value: "MARS", allowed: "NORTH_EAST_SYRIA, ABROAD" };
    expect(createI18n("ar").t("forces.csv.bad_region", params)).toBe("«\u2068MARS\u2069» ليست منطقة معروفة (\u2068NORTH_EAST_SYRIA, ABROAD\u2069).");
    expect(createI18n("en").t("coordination.search.none", { q: "مسد" })).toBe("Nothing matches “\u2068مسد\u2069”.");
    // Every {{…, isolate}} of Arabic has its counterpart in Kurmanji and English.
    const isolated = (c: object) => JSON.stringify(c).match(/\{\{\w+, isolate\}\}/g)?.length;
    expect([isolated(catalogues.ku), isolated(catalogues.en)]).toEqual([isolated(catalogues.ar), isolated(catalogues.ar)]);
  });
});
