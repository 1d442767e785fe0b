// The PDF layout layer (ADR 0064): bidi order of mixed Arabic/Latin/digit lines, wrapping, Arabic shaping by
// the embedded font, and the round trip through a real PDF and pdf.js's text extraction.
import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import { directionOf, layoutParagraph, visualText, wrapLines } from "~/domain/pdf/bidi-lines";
import { PdfWriter } from "~/domain/pdf/pdf-writer.server";
import { paperPdf } from "~/domain/pdf/paper-pdf.server";
import { exportBlocks } from "~/domain/paper-languages";
import { pdfItems, pdfText } from "../helpers/pdf-text";

const oneEach = (s: string) => [...s].length * 10;
const line = (text: string, direction?: "rtl" | "ltr") => {
  const { lines } = layoutParagraph(text, { width: 10_000, measure: oneEach, direction });
  expect(lines).toHaveLength(1);
  return lines[0]!;
};

describe("bidi layout", () => {
  it("puts Arabic words right to left and keeps numbers and Latin left to right inside them", () => {
    const pieces = line("المادة 12 من Tawafuq");
    // Visual order, left to right: the Latin word is leftmost, then "من", "12", "المادة" at the right.
    expect(pieces.filter((p) => !p.space).map((p) => p.text)).toEqual(["Tawafuq", "من", "12", "المادة"]);
    expect(pieces.find((p) => p.text === "المادة")!.rtl).toBe(true);
    expect(pieces.find((p) => p.text === "12")!.rtl).toBe(false);
    expect(visualText(pieces)).toBe("Tawafuq نم 12 ةداملا");
  });

  it("keeps an Arabic phrase in its own order inside an English sentence", () => {
    const pieces = line("The paper «ورقة العمل» has 3 parts.");
    expect(visualText(pieces)).toBe("The paper «لمعلا ةقرو» has 3 parts.");
  });

  it("mirrors brackets and reverses punctuation in a right-to-left paragraph", () => {
    const pieces = line("المسودة (الثانية): نعم");
    // Drawn left to right, the bracket that opens on the right of the Arabic word looks like ")" (mirrored).
    expect(visualText(pieces)).toBe("معن :(ةيناثلا) ةدوسملا");
  });

  it("takes the direction from the first strong letter", () => {
    expect(directionOf("12 - مادة")).toBe("rtl");
    expect(directionOf("Xala 3: çêîûş")).toBe("ltr");
    expect(directionOf("2026", "rtl")).toBe("rtl");
  });

  it("wraps in logical order: the first words go on the first line", () => {
    const text = "أولا ثانيا ثالثا رابعا";
    const ranges = wrapLines(text, 120, oneEach);
    expect(ranges.map(([s, e]) => text.slice(s, e).trim())).toEqual(["أولا ثانيا", "ثالثا رابعا"]);
    // A word wider than the line is cut by characters.
    expect(wrapLines("x".repeat(25), 100, oneEach).map(([s, e]) => e - s)).toEqual([10, 10, 5]);
    expect(wrapLines("سطر\nسطر ثان", 1000, oneEach)).toHaveLength(2);
  });

  it("cuts pieces where bold starts and ends, and keeps them in bidi order", () => {
    const text = "نص المادة الأولى من Tawafuq مع كلمة bold هنا";
    const at = (w: string) => [text.indexOf(w), text.indexOf(w) + w.length] as [number, number];
    const { lines } = layoutParagraph(text, { width: 10_000, measure: oneEach, bold: [at("الأولى"), at("bold")] });
    const words = lines[0]!.filter((p) => !p.space);
    // Left to right: the last words of the Arabic sentence first, the Latin word left to right among them.
    expect(words.map((p) => p.text)).toEqual(["هنا", "bold", "كلمة", "مع", "Tawafuq", "من", "الأولى", "المادة", "نص"]);
    expect(words.filter((p) => p.bold).map((p) => p.text)).toEqual(["bold", "الأولى"]);
    expect(words.map((p) => p.start)).toEqual(words.map((p) => text.indexOf(p.text)));
  });

  it("measures bold stretches in the bold face when it wraps", () => {
    const measure = (s: string, bold: boolean) => [...s].length * (bold ? 20 : 10);
    const text = "aaaa bbbb cccc";
    expect(wrapLines(text, 140, measure).map(([s, e]) => text.slice(s, e).trim())).toEqual(["aaaa bbbb cccc"]);
    const { lines } = layoutParagraph(text, { width: 140, measure, bold: [[5, 9]] });
    expect(lines.map((l) => l.map((p) => p.text).join("").trim())).toEqual(["aaaa bbbb", "cccc"]);
  });
});

describe("Arabic shaping by the embedded font", () => {
  const font = fontkit.openSync(createRequire(import.meta.url).resolve("vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf")) as fontkit.Font;
  it("joins letters in their contextual forms and forms lam-alef, in visual order", () => {
    const alone = font.layout("ب").glyphs[0]!.id;
    const run = font.layout("بب");
    // Two different glyphs (final and initial forms), neither the isolated one.
    expect(new Set(run.glyphs.map((g) => g.id)).size).toBe(2);
    expect(run.glyphs.map((g) => g.id)).not.toContain(alone);
    const la = font.layout("لا");
    expect(la.glyphs).toHaveLength(1);
    // fontkit returns right-to-left runs in visual order: the last letter first.
    expect(font.layout("من").glyphs.map((g) => g.codePoints[0])).toEqual([0x646, 0x645]);
    for (const ch of "çêîûş") expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!)).toBe(true);
  });
});

describe("PdfWriter", () => {
  it("writes Arabic, Kurmanji and mixed lines that pdf.js extracts in reading order", async () => {
    const w = new PdfWriter({ title: "اختبار" });
    w.paragraph("السلام عليكم ورحمة الله", { size: 14, bold: true });
    w.paragraph("المادة 12 من Tawafuq (مسودة)");
    // Side by side, both wrapping over several lines: each column still reads whole and in order.
    const arabic = "لا إكراه في الرأي، والحوار بين القوى السياسية هو الطريق إلى توافق وطني جامع في المرحلة الراهنة";
    const kurdish = "Ti zorê di ramanê de nîne: çêîûş, û diyalog di navbera hêzên siyasî de rêya lihevkirinê ye";
    w.cells([
      { text: arabic, x: 0.5, width: 0.5 },
      { text: kurdish, x: 0, width: 0.5 },
    ]);
    const pages = await pdfText(await w.end());
    const text = pages.join("\n");
    expect(text).toContain("السلام عليكم ورحمة الله");
    expect(text).toMatch(/المادة\s*12\s*من\s*Tawafuq/);
    const words = (s: string) => new RegExp(s.split(" ").join("\\s+"));
    expect(text).toMatch(words(arabic));
    expect(text).toMatch(words(kurdish));
  });

  it("draws the paper's bold words with the bold face, written in reading order", async () => {
    const bold = (text: string) => ({ type: "text", text, marks: [{ type: "bold" }] });
    const plain = (text: string) => ({ type: "text", text });
    const content = {
      type: "doc",
      content: [
        { type: "paragraph", content: [plain("تنص "), bold("المادة الأولى"), plain(" على أن "), bold("Tawafuq"), plain(" منصة للتوافق")] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [plain("بند فيه "), bold("كلمة بارزة"), plain(" وسط السطر")] }] }] },
        { type: "paragraph", content: [plain("An "), { type: "text", text: "italic", marks: [{ type: "italic" }] }, plain(" word and a "), bold("bold"), plain(" one.")] },
      ],
    };
    const blocks = exportBlocks(content);
    expect(blocks[0]!.bold).toEqual([[4, 17], [25, 32]]);
    const labels = { arabic: "ع", translation: "t", missing: "m", outdated: "o" };
    const items = (await pdfItems(await paperPdf({ title: "الورقة", subtitle: "نسخة", blocks, lang: "ar", labels }))).flat();
    const fontOf = (str: string) => items.find((i) => i.str.trim() === str)?.font;
    for (const word of ["المادة الأولى", "Tawafuq", "كلمة بارزة", "bold"]) expect(fontOf(word), word).toMatch(/\+Vazirmatn-Bold$/);
    for (const words of ["تنص", "على أن", "منصة للتوافق", "وسط السطر", "one."]) expect(items.find((i) => i.str.includes(words))?.font, words).toMatch(/\+Vazirmatn-Regular$/);
    // Italic has no face in Vazirmatn (and Arabic none at all): the word is drawn upright.
    expect(items.find((i) => i.str.includes("italic"))?.font).toMatch(/\+Vazirmatn-Regular$/);
    // Written in reading order: an extractor that reads the items one after the other gets the sentence.
    const order = items.map((i) => i.str.trim());
    const seq = (...parts: string[]) => parts.map((p) => order.findIndex((s) => s.includes(p)));
    for (const found of [seq("تنص", "المادة الأولى", "على أن", "Tawafuq", "منصة للتوافق"), seq("بند فيه", "كلمة بارزة", "وسط السطر"), seq("An italic word and a", "bold", "one.")]) {
      expect(found.every((i) => i >= 0), JSON.stringify(order)).toBe(true);
      expect(found, JSON.stringify(order)).toEqual(found.slice().sort((a, b) => a - b));
    }
  });
});
