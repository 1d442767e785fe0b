import { describe, it, expect } from "vitest";
import { catalogues, createI18n, dirOf } from "~/i18n";
import { activityActions, activityKinds, activityPrefixes } from "~/domain/activity-kinds";
import { auditActionKey } from "~/domain/audit-kinds";
import audit from "~/i18n/areas/audit";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** A counted message's plural forms (key_one, key_few…) are one message; each language has the forms it needs. */
const messages = (obj: object) => [...new Set(keys(obj).map((k) => k.replace(PLURAL, "")))].sort();

describe("catalogues", () => {
  it("Kurmanji and English have exactly the Arabic messages, none empty", () => {
    const ar = messages(catalogues.ar);
    expect(messages(catalogues.en)).toEqual(ar);
    expect(messages(catalogues.ku)).toEqual(ar);
    for (const lang of ["ar", "ku", "en"] as const) {
      const i18n = createI18n(lang);
      for (const k of keys(catalogues[lang])) expect(String(i18n.t(k)).trim(), `${lang}:${k}`).not.toBe("");
    }
  });

  it("every counted message has each plural form its language's rules ask for", () => {
    for (const lang of ["ar", "ku", "en"] as const) {
      const all = keys(catalogues[lang]);
      const counted = new Set(all.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const missing = [...counted].flatMap((k) => needed.map((c) => `${k}_${c}`)).filter((k) => !all.includes(k));
      expect(missing, lang).toEqual([]);
    }
    expect(new Intl.PluralRules("ar").resolvedOptions().pluralCategories.sort()).toEqual(["few", "many", "one", "other", "two", "zero"]);
  });

  it("counts in Arabic agree with the number (one, two, few, many)", () => {
    const t = createI18n("ar").t;
    expect([1, 2, 3, 11, 100].map((count) => t("invitations.bulkChanged", { count }))).toEqual([
      "تغيّرت دعوة واحدة.",
      "تغيّرت دعوتان.",
      "تغيّرت 3 دعوات.",
      "تغيّرت 11 دعوة.",
      "تغيّرت 100 دعوة.",
    ]);
    expect(createI18n("en").t("forces.importConfirm", { count: 1 })).toBe("Import 1 row");
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

describe("the activity page's labels", () => {
  const listed = activityKinds.flatMap((kind) => activityActions[kind].map((action) => ({ kind, action })));

  it("lists the actions of every kind, each under its kind's prefix", () => {
    for (const kind of activityKinds) {
      expect(activityActions[kind].length, kind).toBeGreaterThan(0);
      for (const action of activityActions[kind]) expect(action.startsWith(activityPrefixes[kind]), action).toBe(true);
    }
  });

  it.each(listed.flatMap((row) => (["ar", "ku", "en"] as const).map((lang) => ({ ...row, lang }))))("labels $action in $lang", ({ action, lang }) => {
    const i18n = createI18n(lang);
    expect(i18n.exists(auditActionKey(action), { fallbackLng: [] }), `${lang}: ${auditActionKey(action)}`).toBe(true);
    const label = i18n.t(auditActionKey(action));
    expect(label.trim()).not.toBe("");
    expect(label).not.toBe(action);
  });

  it("keeps no label for an action the page cannot show, and has none for an unknown one", () => {
    const wanted = listed.map(({ action }) => auditActionKey(action).replace("audit.actions.", "")).sort();
    for (const lang of ["ar", "ku", "en"] as const) expect(Object.keys(audit[lang].actions).sort(), lang).toEqual(wanted);
    expect(createI18n("en").exists(auditActionKey("outreach.somethingNew"))).toBe(false);
  });
});
