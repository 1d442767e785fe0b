// Word-level comparison (Arabic first), DOCX export directions, and restore semantics on plain Y.Docs.
import { describe, it, expect } from "vitest";
import * as Y from "yjs";
import JSZip from "jszip";
import type { JSONContent } from "@tiptap/core";
import { comparePapers, textBlocks } from "~/domain/papers-diff";
import { directionOf, docxFileName, paperDocx } from "~/domain/papers-export.server";
import { docFromState, outlineOf, paperJson, replaceContent } from "~/domain/papers.server";
import { appendSections, buildPaperState, paperText } from "~/domain/paper-doc";

const p = (text: string): JSONContent => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] });
const h = (text: string, level = 2): JSONContent => ({ type: "heading", attrs: { level }, content: [{ type: "text", text }] });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

describe("comparePapers", () => {
  it("marks whole Arabic words, never parts of words", () => {
    const d = comparePapers(
      doc(p("يعمل مكتب العلاقات العامة على تطوير آلية عمله، والتواصل مع القوى.")),
      doc(p("يعمل مكتب العلاقات الخارجية على تطوير آلية عمله، والتواصل مع القوى السورية.")),
    );
    expect(d.blocks).toHaveLength(1);
    expect(d.blocks[0]!.status).toBe("changed");
    const del = d.blocks[0]!.parts.filter((x) => x.op === "del").map((x) => x.text.trim());
    const ins = d.blocks[0]!.parts.filter((x) => x.op === "ins").map((x) => x.text.trim());
    expect(del).toEqual(["العامة"]);
    expect(ins).toEqual(["الخارجية", "السورية"]);
    expect([d.insertedWords, d.deletedWords]).toEqual([2, 1]);
    // Reassembling the kept + inserted parts gives the new text exactly, the kept + deleted the old one.
    expect(d.blocks[0]!.parts.filter((x) => x.op !== "del").map((x) => x.text).join("")).toBe("يعمل مكتب العلاقات الخارجية على تطوير آلية عمله، والتواصل مع القوى السورية.");
    expect(d.blocks[0]!.parts.filter((x) => x.op !== "ins").map((x) => x.text).join("")).toBe("يعمل مكتب العلاقات العامة على تطوير آلية عمله، والتواصل مع القوى.");
  });

  it("treats Arabic punctuation as its own token", () => {
    const d = comparePapers(doc(p("الحوار والتواصل")), doc(p("الحوار، والتواصل")));
    expect(d.blocks[0]!.parts.filter((x) => x.op === "ins").map((x) => x.text)).toEqual(["،"]);
    expect(d.deletedWords).toBe(0);
  });

  it("tells added, removed and rewritten paragraphs apart and keeps unchanged ones", () => {
    const d = comparePapers(
      doc(h("١. المهام"), p("فقرة باقية كما هي"), p("فقرة ستحذف")),
      doc(h("١. المهام"), p("فقرة باقية كما هي"), p("نص مختلف تماما عن السابق"), p("English paragraph added")),
    );
    expect(d.blocks.map((b) => b.status)).toEqual(["same", "same", "deleted", "inserted", "inserted"]);
    expect(d.blocks[3]!.parts).toEqual([{ op: "ins", text: "نص مختلف تماما عن السابق" }]);
    expect(d.blocks[4]!.parts).toEqual([{ op: "ins", text: "English paragraph added" }]);
  });

  it("reports identical texts as unchanged", () => {
    const a = doc(h("عنوان"), p("نص"));
    const d = comparePapers(a, structuredClone(a));
    expect(d.blocks.every((b) => b.status === "same")).toBe(true);
    expect([d.insertedWords, d.deletedWords]).toEqual([0, 0]);
  });

  it("flattens lists, quotes and table cells into typed blocks", () => {
    const blocks = textBlocks(
      doc(
        { type: "bulletList", content: [{ type: "listItem", content: [p("بند أول")] }] },
        { type: "blockquote", content: [p("اقتباس")] },
        { type: "table", content: [{ type: "tableRow", content: [{ type: "tableHeader", content: [p("رأس")] }, { type: "tableCell", content: [p("خلية")] }] }] },
        { type: "paragraph", content: [{ type: "text", text: "سطر" }, { type: "hardBreak" }, { type: "text", text: "ثان" }] },
      ),
    );
    expect(blocks).toEqual([
      { kind: "item", text: "بند أول" },
      { kind: "quote", text: "اقتباس" },
      { kind: "cell", text: "رأس" },
      { kind: "cell", text: "خلية" },
      { kind: "paragraph", text: "سطر\nثان" },
    ]);
  });
});

describe("paper JSON from Yjs", () => {
  it("reads the seed's sections as headings and paragraphs, with an outline", () => {
    const d = docFromState(buildPaperState([{ title: "١. العنوان", paragraphs: ["الفقرة الأولى", "الثانية"] }]));
    const json = paperJson(d);
    expect(json.type).toBe("doc");
    expect(json.content?.map((n) => n.type)).toEqual(["heading", "paragraph", "paragraph"]);
    expect(outlineOf(json)).toEqual([{ level: 2, text: "١. العنوان" }]);
  });
});

describe("replaceContent (restore)", () => {
  it("makes the text equal to the version's while keeping concurrent edits mergeable", () => {
    const version = docFromState(buildPaperState([{ title: "قديم", paragraphs: ["نص النسخة"] }]));
    const live = new Y.Doc();
    appendSections(live, [{ title: "جديد", paragraphs: ["نص حالي"] }]);
    // A second replica with the same history, editing while the restore happens.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live));
    const extra = new Y.XmlElement("paragraph");
    extra.insert(0, [new Y.XmlText("إضافة متزامنة")]);
    other.getXmlFragment("default").insert(other.getXmlFragment("default").length, [extra]);

    replaceContent(live, version);
    expect(paperText(live)).toBe("قديم\nنص النسخة");

    Y.applyUpdate(live, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live));
    expect(paperText(live)).toBe(paperText(other));
    expect(paperText(live)).toContain("نص النسخة");
    expect(paperText(live)).toContain("إضافة متزامنة");
    expect(paperText(live)).not.toContain("نص حالي");
  });

  it("keeps formatting (marks) of the restored text", () => {
    const source = new Y.Doc();
    const para = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    para.insert(0, [text]);
    source.getXmlFragment("default").insert(0, [para]);
    text.insert(0, "كلمة عريضة", { bold: {} });
    const target = new Y.Doc();
    replaceContent(target, source);
    expect(paperJson(target).content?.[0]?.content?.[0]).toEqual({ type: "text", text: "كلمة عريضة", marks: [{ type: "bold", attrs: {} }] });
  });
});

describe("DOCX export", () => {
  it("detects a paragraph's direction from its first strong letter", () => {
    expect(directionOf("١٢ الورقة")).toBe("rtl");
    expect(directionOf("2026 — Konferansa")).toBe("ltr");
    expect(directionOf("«مسد» and SDC")).toBe("rtl");
    expect(directionOf("123")).toBe("ltr");
  });

  it("writes Arabic paragraphs right-to-left and English/Kurmanji ones left-to-right", async () => {
    const buf = await paperDocx({
      title: "ورقة عمل مكتب العلاقات العامة",
      content: doc(
        h("١. هيكلية المكتب"),
        { type: "paragraph", content: [{ type: "text", text: "نص " }, { type: "text", text: "عريض", marks: [{ type: "bold" }] }, { type: "text", text: " ورابط", marks: [{ type: "link", attrs: { href: "https://example.org" } }] }] },
        p("An English paragraph"),
        p("Paragrafek bi Kurmancî"),
        { type: "orderedList", content: [{ type: "listItem", content: [p("البند الأول")] }] },
        { type: "table", content: [{ type: "tableRow", content: [{ type: "tableHeader", content: [p("القوة")] }, { type: "tableCell", content: [p("الموقف")] }] }] },
      ),
    });
    const zip = await JSZip.loadAsync(buf);
    const xml = await zip.file("word/document.xml")!.async("string");
    const paragraphs = [...xml.matchAll(/<w:p>(.*?)<\/w:p>/gs)].map((m) => m[1]!);
    const para = (text: string) => paragraphs.find((x) => x.includes(text))!;
    const isRtl = (x: string) => /<w:bidi\/>/.test(x) && /<w:rtl\/>/.test(x);
    expect(isRtl(para("ورقة عمل مكتب"))).toBe(true);
    expect(isRtl(para("١. هيكلية المكتب"))).toBe(true);
    expect(para("١. هيكلية المكتب")).toContain('w:pStyle w:val="Heading2"');
    expect(isRtl(para("عريض"))).toBe(true);
    expect(para("عريض")).toMatch(/<w:b\/>.*<w:bCs\/>/s);
    expect(para("ورابط")).toContain("<w:hyperlink");
    expect(isRtl(para("An English paragraph"))).toBe(false);
    expect(isRtl(para("Paragrafek bi Kurmancî"))).toBe(false);
    expect(para("البند الأول")).toContain("<w:numPr>");
    expect(xml).toContain("<w:bidiVisual/>");
    const rels = await zip.file("word/_rels/document.xml.rels")!.async("string");
    expect(rels).toContain("https://example.org");
  });

  it("names files safely", () => {
    expect(docxFileName("ورقة عمل: المكتب/العام", "2026-11-29")).toBe("ورقة-عمل-المكتب-العام-2026-11-29.docx");
    expect(docxFileName("///")).toBe("paper.docx");
  });
});
