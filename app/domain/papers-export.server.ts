// DOCX export of the paper (current text or a version) with the `docx` library (ADR 0018). Each paragraph
// takes its direction from its own first strong letter, like dir="auto" in the editor: an Arabic paragraph
// is a right-to-left (bidi) paragraph with RTL runs, an English or Kurmanji one stays left-to-right.
import {
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import type { JSONContent } from "@tiptap/core";
import { inlineText } from "./papers-diff";
import type { ExportBlock, TranslationMarks } from "./paper-languages";

/** Direction of a text from its first strong letter (Unicode bidi rule P2), "ltr" when there is none. */
export function directionOf(text: string): "rtl" | "ltr" {
  const m = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]|\p{L}/u.exec(text);
  return m && /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u.test(m[0]) ? "rtl" : "ltr";
}

const headingLevels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;
const FONT = "Noto Naskh Arabic";

function runs(node: JSONContent, rtl: boolean): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const child of node.content ?? []) {
    if (child.type === "hardBreak") {
      out.push(new TextRun({ text: "", break: 1 }));
      continue;
    }
    if (child.type !== "text" || !child.text) continue;
    const marks = new Set((child.marks ?? []).map((m) => m.type));
    const style = {
      text: child.text,
      // Word draws Arabic with the complex-script properties (bCs, iCs).
      ...(marks.has("bold") ? { bold: true, boldComplexScript: true } : {}),
      ...(marks.has("italic") ? { italics: true, italicsComplexScript: true } : {}),
      ...(marks.has("underline") ? { underline: {} } : {}),
      ...(marks.has("strike") ? { strike: true } : {}),
      rightToLeft: rtl,
      font: FONT,
    };
    const link = child.marks?.find((m) => m.type === "link")?.attrs?.href;
    if (typeof link === "string" && /^(https?:\/\/|mailto:)/i.test(link)) {
      out.push(new ExternalHyperlink({ link, children: [new TextRun({ ...style, style: "Hyperlink" })] }));
    } else out.push(new TextRun(style));
  }
  return out;
}

interface BlockContext {
  list?: { ordered: boolean; level: number; instance: number };
  quote?: boolean;
}

let listInstances = 0;

function blocks(node: JSONContent, ctx: BlockContext = {}): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const child of node.content ?? []) {
    switch (child.type) {
      case "heading":
      case "paragraph": {
        const rtl = directionOf(inlineText(child)) === "rtl";
        const level = Math.min(Math.max(Number(child.attrs?.level ?? 2), 1), 4) - 1;
        out.push(
          new Paragraph({
            children: runs(child, rtl),
            bidirectional: rtl,
            heading: child.type === "heading" ? headingLevels[level] : undefined,
            style: ctx.quote && child.type === "paragraph" ? "IntenseQuote" : undefined,
            ...(ctx.list
              ? ctx.list.ordered
                ? { numbering: { reference: "paper-ordered", level: ctx.list.level, instance: ctx.list.instance } }
                : { bullet: { level: ctx.list.level } }
              : {}),
          }),
        );
        break;
      }
      case "bulletList":
      case "orderedList": {
        const level = ctx.list ? Math.min(ctx.list.level + 1, 8) : 0;
        const list = { ordered: child.type === "orderedList", level, instance: ++listInstances };
        for (const item of child.content ?? []) out.push(...blocks(item, { ...ctx, list }));
        break;
      }
      case "blockquote":
        out.push(...blocks(child, { ...ctx, quote: true }));
        break;
      case "table":
        out.push(table(child));
        break;
      case "horizontalRule":
        out.push(new Paragraph({ children: [], border: { bottom: { style: "single", size: 6, color: "999999", space: 1 } } }));
        break;
      default:
        out.push(...blocks(child, ctx));
    }
  }
  return out;
}

function table(node: JSONContent): Table {
  const rows = node.content ?? [];
  const rtl = directionOf(inlineText(node)) === "rtl";
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    // Columns run right to left when the table's text is Arabic.
    visuallyRightToLeft: rtl,
    rows: rows.map(
      (row) =>
        new TableRow({
          tableHeader: (row.content ?? []).every((c) => c.type === "tableHeader"),
          children: (row.content ?? []).map((cell) => {
            const content = blocks(cell);
            return new TableCell({
              columnSpan: Number(cell.attrs?.colspan ?? 1),
              rowSpan: Number(cell.attrs?.rowspan ?? 1),
              children: content.length ? content : [new Paragraph({})],
            });
          }),
        }),
    ),
  });
}

/** The paper as a .docx file. */
export async function paperDocx(input: { title: string; subtitle?: string; content: JSONContent }): Promise<Buffer> {
  const titleRtl = directionOf(input.title) === "rtl";
  const doc = new Document({
    title: input.title,
    creator: "Tawafuq",
    styles: { default: { document: { run: { font: FONT } } } },
    numbering: {
      config: [
        {
          reference: "paper-ordered",
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [
      {
        properties: {},
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, bidirectional: titleRtl, children: [new TextRun({ text: input.title, rightToLeft: titleRtl, font: FONT })] }),
          ...(input.subtitle
            ? [new Paragraph({ bidirectional: directionOf(input.subtitle) === "rtl", children: [new TextRun({ text: input.subtitle, rightToLeft: directionOf(input.subtitle) === "rtl", italics: true, font: FONT })] })]
            : []),
          ...blocks(input.content),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * The paper bilingual (ADR 0065): one table row per block, the Arabic (authoritative) in the right-hand
 * column and the translation on the left, a missing or out-of-date translation marked.
 */
export async function paperDocxBilingual(input: { title: string; subtitle?: string; blocks: ExportBlock[]; labels: TranslationMarks & { arabic: string; translation: string } }): Promise<Buffer> {
  const para = (text: string, rtl: boolean, opts: { bold?: boolean; italics?: boolean; heading?: boolean } = {}) =>
    new Paragraph({
      bidirectional: rtl,
      children: [new TextRun({ text, rightToLeft: rtl, font: FONT, bold: opts.bold || opts.heading, boldComplexScript: opts.bold || opts.heading, italics: opts.italics, size: opts.heading ? 28 : undefined })],
    });
  const row = (arabic: Paragraph, translation: Paragraph, header = false) =>
    new TableRow({ tableHeader: header, children: [new TableCell({ children: [arabic] }), new TableCell({ children: [translation] })] });
  const rows = [row(para(input.labels.arabic, true, { bold: true }), para(input.labels.translation, false, { bold: true }), true)];
  for (const b of input.blocks) {
    if (b.kind === "rule" || !b.text.trim()) continue;
    const heading = b.kind === "heading";
    const mark = (t: string) => (b.marker ? `${b.marker} ${t}` : t);
    const tr = b.translation;
    const right =
      !tr || tr.status === "missing"
        ? para(`[${input.labels.missing}]`, false, { italics: true })
        : para(mark(tr.status === "outdated" ? `${tr.text} [${input.labels.outdated}]` : tr.text), false, { heading });
    rows.push(row(para(mark(b.text), directionOf(b.text) === "rtl", { heading }), right));
  }
  const doc = new Document({
    title: input.title,
    creator: "Tawafuq",
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [
      {
        properties: {},
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, bidirectional: directionOf(input.title) === "rtl", children: [new TextRun({ text: input.title, rightToLeft: directionOf(input.title) === "rtl", font: FONT })] }),
          ...(input.subtitle ? [para(input.subtitle, directionOf(input.subtitle) === "rtl", { italics: true })] : []),
          // The Arabic column first, drawn on the right.
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, visuallyRightToLeft: true, rows }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A file name that survives every OS: the title's letters and digits, dashes otherwise. */
export function docxFileName(title: string, suffix?: string, ext: "docx" | "pdf" = "docx"): string {
  const base = `${title}${suffix ? ` ${suffix}` : ""}`.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "paper";
  return `${base}.${ext}`;
}
