// The one rule for "in the reader's language" (app/i18n/reader.ts, ADR 0066), table by table: which name
// a reader sees when theirs is missing, how a time zone is labelled, how Kurmanji dates read.
import { describe, it, expect } from "vitest";
import { dateIn, dateTimeIn, dayIn, kurdishMonths, nameIn, nameOf, zoneLabel } from "~/i18n/reader";

const LRI = "\u2066";
const PDI = "\u2069";

describe("a name in the reader's language", () => {
  const all = { ar: "حزب الأفق", ku: "Partiya Asoyê", en: "Horizon Party" };
  const table: [string, Parameters<typeof nameIn>[1], string][] = [
    ["ar", all, "حزب الأفق"],
    ["ku", all, "Partiya Asoyê"],
    ["en", all, "Horizon Party"],
    // A Kurdish reader without a Kurdish name gets the Arabic one, not the English.
    ["ku", { ar: "حزب الأفق", en: "Horizon Party" }, "حزب الأفق"],
    ["ku", { ar: "حزب الأفق", ku: "  ", en: "Horizon Party" }, "حزب الأفق"],
    ["en", { ar: "حزب الأفق", ku: "Partiya Asoyê" }, "حزب الأفق"],
    ["en", { ar: "", ku: "Partiya Asoyê" }, "Partiya Asoyê"],
    ["ar", { ar: null, ku: "Partiya Asoyê", en: "Horizon Party" }, "Horizon Party"],
    // An unknown language reads as Arabic, the platform's first.
    ["fr", all, "حزب الأفق"],
    ["ar", {}, ""],
    ["ku", null, ""],
  ];
  it.each(table)("%s reader, %j → %s", (lang, names, expected) => {
    expect(nameIn(lang, names)).toBe(expected);
  });

  it("reads the rows' nameAr / nameKu / nameEn the same way", () => {
    expect(nameOf("ku", { nameAr: "كتلة الساحل", nameKu: null, nameEn: "Coast Bloc" })).toBe("كتلة الساحل");
    expect(nameOf("en", { nameAr: "كتلة الساحل", nameEn: "Coast Bloc" })).toBe("Coast Bloc");
    expect(nameOf("ar", undefined)).toBe("");
  });
});

describe("a time zone's label", () => {
  const winter = new Date("2026-01-15T12:00:00Z");
  const table: [string, string, string][] = [
    ["ar", "Asia/Damascus", `توقيت سوريا (${LRI}UTC+03:00${PDI})`],
    ["ku", "Asia/Damascus", `Saeta Sûriyeyê (${LRI}UTC+03:00${PDI})`],
    ["en", "Asia/Damascus", `Syria time (${LRI}UTC+03:00${PDI})`],
    ["en", "UTC", `Coordinated Universal Time (${LRI}UTC+00:00${PDI})`],
    ["en", "Europe/Berlin", `Central European Time (${LRI}UTC+01:00${PDI})`],
    ["ar", "Europe/Berlin", `توقيت وسط أوروبا (${LRI}UTC+01:00${PDI})`],
    // Half hours west of UTC, with a real minus sign.
    ["en", "America/St_Johns", `Newfoundland Time (${LRI}UTC−03:30${PDI})`],
  ];
  it.each(table)("%s: %s", (lang, zone, expected) => {
    expect(zoneLabel(lang, zone, winter)).toBe(expected);
  });

  it("never shows the IANA identifier or ICU's placeholder to a reader", () => {
    for (const lang of ["ar", "ku", "en"]) {
      for (const zone of ["Asia/Damascus", "Europe/Berlin", "Europe/Istanbul", "Asia/Baghdad", "America/New_York"]) {
        const label = zoneLabel(lang, zone, winter);
        expect(label, `${lang} ${zone}`).not.toContain("/");
        expect(label, `${lang} ${zone}`).not.toContain("(y)");
      }
    }
  });

  it("follows the clock change (Berlin in summer)", () => {
    expect(zoneLabel("en", "Europe/Berlin", new Date("2026-07-01T12:00:00Z"))).toContain("UTC+02:00");
  });
});

describe("dates as the reader writes them", () => {
  const at = new Date("2026-12-04T22:30:00Z"); // 5 December, 01:30 in Damascus
  const table: [string, "date" | "dateTime", string][] = [
    ["ku", "date", "5 Berfanbar 2026"],
    ["ku", "dateTime", "5 Berfanbar 2026, 01:30"],
    ["ar", "date", "05‏/12‏/2026"],
    ["ar", "dateTime", "05‏/12‏/2026، 01:30"],
    ["en", "dateTime", "5 Dec 2026, 01:30"],
    ["en", "date", "5 Dec 2026"],
  ];
  it.each(table)("%s %s in Damascus", (lang, what, expected) => {
    expect(what === "date" ? dateIn(lang, at, "Asia/Damascus") : dateTimeIn(lang, at, "Asia/Damascus")).toBe(expected);
  });

  it("writes every Kurmanji month in full, never Intl's abbreviations", () => {
    expect(kurdishMonths).toHaveLength(12);
    for (let m = 1; m <= 12; m++) {
      const day = `2027-${String(m).padStart(2, "0")}-10`;
      expect(dayIn("ku", day)).toBe(`10 ${kurdishMonths[m - 1]} 2027`);
      expect(dayIn("ku", day, "long")).toBe(`10 ${kurdishMonths[m - 1]} 2027`);
    }
    expect(dayIn("ar", "2027-01-10", "long")).toBe("10 كانون الثاني 2027");
    expect(dayIn("en", "2027-01-10", "long")).toBe("10 January 2027");
    expect(dayIn("ku", "not a day")).toBe("not a day");
  });
});
