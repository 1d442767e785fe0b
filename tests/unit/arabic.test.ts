import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { foldArabic, likePattern, nameKey, stripInvisible } from "~/domain/arabic";

const report = readFileSync("prisma/seed-data/meeting-report.ar.txt", "utf8");

describe("foldArabic", () => {
  it("folds the tatweel spellings of «مسد» in the meeting report", () => {
    expect(report).toContain("«مسـد»");
    expect(report).toContain("«مســد»");
    expect(foldArabic("مسـد")).toBe("مسد");
    expect(foldArabic("مســد")).toBe("مسد");
    // Every spelling in the report folds to the same key.
    const spellings = new Set([...report.matchAll(/«(مس\u0640*د)»/g)].map((m) => foldArabic(m[1]!)));
    expect([...spellings]).toEqual(["مسد"]);
  });

  it("drops harakat and shadda (المُشارِكة, منّا)", () => {
    expect(report).toContain("المُشارِكة");
    expect(foldArabic("المُشارِكة")).toBe(foldArabic("المشاركة"));
    expect(foldArabic("منّا")).toBe("منا");
    expect(foldArabic("يُأمل")).toBe("يامل");
  });

  it("folds alef, ya and ta-marbuta forms", () => {
    expect(foldArabic("أحزاب")).toBe("احزاب");
    expect(foldArabic("إضافة")).toBe("اضافه");
    expect(foldArabic("آفاق")).toBe("افاق");
    expect(foldArabic("ٱلقوى")).toBe("القوي");
    expect(foldArabic("مستوى")).toBe(foldArabic("مستوي"));
    expect(foldArabic("الديمقراطية")).toBe("الديمقراطيه");
  });

  it("turns Arabic-Indic and Persian digits into ASCII", () => {
    expect(foldArabic("٢٠٢٦")).toBe("2026");
    expect(foldArabic("۱۲۳")).toBe("123");
  });

  it("keeps words apart, folds case and whitespace, leaves Kurmanji letters alone", () => {
    expect(foldArabic("  Partiya   Asoya ")).toBe("partiya asoya");
    expect(foldArabic("Hêz û Kesayetî")).toBe("hêz û kesayetî");
    expect(foldArabic("بر امج")).toBe("بر امج");
  });

  it("every word of the report folds idempotently", () => {
    for (const word of report.split(/\s+/)) expect(foldArabic(foldArabic(word))).toBe(foldArabic(word));
  });
});

describe("nameKey and likePattern", () => {
  it("ignores quotes and punctuation for duplicate names", () => {
    expect(nameKey("«مسـد»")).toBe(nameKey("مسد"));
    expect(nameKey("حزب الأفق الديمقراطي.")).toBe(nameKey("حزب الافق الديمقراطى"));
  });
  it("escapes LIKE wildcards", () => {
    expect(likePattern("50%_x")).toBe("%50\\%\\_x%");
  });
});

describe("stripInvisible", () => {
  it("removes the soft hyphen and every bidi control, keeps the joiners and the text", () => {
    expect(stripInvisible("حزب\u202Eالأفق")).toBe("حزبالأفق");
    expect(stripInvisible("Hori\u00ADzon")).toBe("Horizon");
    expect(stripInvisible("\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200B\uFEFFx")).toBe("x");
    // ZWNJ shapes Persian-script words (Sorani Kurdish, Persian names): kept in stored text.
    expect(stripInvisible("می\u200Cخواهم")).toBe("می\u200Cخواهم");
    expect(stripInvisible("سلمى يوسف")).toBe("سلمى يوسف");
  });

  it("folding drops what it drops, so a stored name and a query with the marks still meet", () => {
    for (const s of ["حزب\u202Eالأفق", "حزب\u00ADالأفق", "حزب\u061Cالأفق", "حزب\u2067الأفق\u2069"]) {
      expect(foldArabic(s)).toBe(foldArabic(stripInvisible(s)));
      expect(foldArabic(s)).toBe("حزبالافق");
    }
  });
});
