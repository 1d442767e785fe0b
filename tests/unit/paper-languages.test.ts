// Paper exports' languages (ADR 0065): the ?lang= parameter, blocks matched to translations by block id with
// their status, and the paper's JSON in one translation with missing and out-of-date ones marked.
import { describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import { exportBlocks, langParam, languagesOf, translatedContent } from "~/domain/paper-languages";

const para = (blockid: string, text: string): JSONContent => ({ type: "paragraph", attrs: { blockid }, content: [{ type: "text", text, marks: [{ type: "bold" }] }] });
const doc: JSONContent = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2, blockid: "h1" }, content: [{ type: "text", text: "المبادئ" }] },
    para("p1", "نص أول"),
    { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [para("p2", "بند")] }, { type: "listItem", content: [para("p3", "بند ثان")] }] },
    { type: "paragraph", attrs: { blockid: "p4" } },
    { type: "horizontalRule" },
  ],
};
const rows = new Map([
  ["h1", { text: "Bingeh", sourceText: "المبادئ" }],
  ["p2", { text: "Xal", sourceText: "بند قديم" }],
]);

describe("export languages", () => {
  it("reads ?lang=, a space standing for the + of an address", () => {
    expect(langParam.parse("ar ku")).toBe("ar+ku");
    expect(langParam.parse("en")).toBe("en");
    expect(langParam.parse(undefined)).toBeUndefined();
    expect(() => langParam.parse("fr")).toThrow();
    expect(() => langParam.parse("ku+en")).toThrow();
    expect(languagesOf("ar+en")).toEqual({ arabic: true, translation: "en" });
    expect(languagesOf("ku")).toEqual({ arabic: false, translation: "ku" });
  });

  it("lists blocks in reading order with list markers and each translation's status", () => {
    const blocks = exportBlocks(doc, rows);
    expect(blocks.map((b) => [b.kind, b.marker ?? "", b.text, b.translation?.status ?? "-"])).toEqual([
      ["heading", "", "المبادئ", "current"],
      ["paragraph", "", "نص أول", "missing"],
      ["item", "3.", "بند", "outdated"],
      ["item", "4.", "بند ثان", "missing"],
      ["paragraph", "", "", "-"],
      ["rule", "", "", "-"],
    ]);
    expect(exportBlocks(doc).every((b) => b.translation === undefined)).toBe(true);
  });

  it("puts one translation in the paper's place, marking what is missing or out of date", () => {
    const out = exportBlocks(translatedContent(doc, rows, { missing: "Tune", outdated: "Kevn" }));
    expect(out.map((b) => b.text)).toEqual(["Bingeh", "[Tune] نص أول", "Xal [Kevn]", "[Tune] بند ثان", "", ""]);
  });
});
