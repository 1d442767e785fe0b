// The amendment diff is word-level for Arabic (jsdiff alone would split Arabic words into letters).
import { describe, it, expect } from "vitest";
import { wordDiff } from "~/domain/word-diff";

const changed = (parts: ReturnType<typeof wordDiff>, kind: "added" | "removed") => parts.filter((p) => p.kind === kind).map((p) => p.text.trim());

describe("wordDiff", () => {
  it("marks whole Arabic words, not letters", () => {
    const parts = wordDiff("يعمل مكتب العلاقات العامة على تطوير", "يعمل مكتب العلاقات الخارجية على تطوير");
    expect(changed(parts, "removed")).toEqual(["العامة"]);
    expect(changed(parts, "added")).toEqual(["الخارجية"]);
  });
  it("keeps harakat and tatweel inside their word", () => {
    const parts = wordDiff("مسـد يعمل", "مُسَدّ يعمل");
    expect(changed(parts, "removed")).toEqual(["مسـد"]);
    expect(changed(parts, "added")).toEqual(["مُسَدّ"]);
  });
  it("reassembles both texts exactly", () => {
    const before = "تمتين الجبهة الداخلية، والتواصل مع المجتمعات (خارج المناطق) ١٢٣.";
    const after = "تعزيز الجبهة الداخلية، والتواصل الدائم مع المجتمعات ١٢٤.";
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe(before);
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(after);
  });
  it("works for Kurmanji and English too", () => {
    expect(changed(wordDiff("Partiya Asoya Demokratîk", "Partiya Asoya Azad", "ku"), "added")).toEqual(["Azad"]);
  });
});
