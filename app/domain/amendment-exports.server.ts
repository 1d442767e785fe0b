// Exports of the consolidated amendment table: CSV (UTF-8 with BOM, so spreadsheet programs read
// Arabic correctly) through csv-stringify, DOCX laid out right-to-left through `docx`, and PDF through
// the PDF writer (ADR 0064).
import { writeCsv } from "~/domain/csv.server";
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { consolidatedTable } from "~/domain/amendments.server";
import { t as translate, type Locale } from "~/i18n";
import { PdfWriter } from "~/domain/pdf/pdf-writer.server";
import { nameOf, type NamedRow } from "~/i18n/reader";

type TableData = Awaited<ReturnType<typeof consolidatedTable>>;

const forceName = (f: NamedRow, l: Locale) => nameOf(l, f);

function rowsOf(table: TableData, locale: Locale, only?: TableData["sections"][number]) {
  const t = (k: string) => translate(locale, `amendments.${k}`);
  return (only ? [only] : table.sections).flatMap((section) =>
    section.rows.map((s) => ({
      section: section.title || t("unplaced"),
      force: forceName(s.force, locale),
      type: t(`types.${s.type}`),
      quote: s.anchor.textNow ?? s.anchor.quote,
      proposed: [s.proposedTitle, s.decidedText ?? s.proposedText].filter(Boolean).join("\n"),
      rationale: s.rationale,
      recommendation: s.recommendation ? t(`recommendations.${s.recommendation}`) : "",
      decision: t(`states.${s.state}`),
      reason: s.decisionReason ?? "",
    })),
  );
}

const columns = ["section", "force", "type", "quote", "proposed", "rationale", "recommendation", "decision", "reason"] as const;

export function tableCsv(table: TableData, locale: Locale): string {
  const header = columns.map((c) => translate(locale, `amendments.tableCols.${c}`));
  const body = rowsOf(table, locale).map((r) => columns.map((c) => r[c]));
  return writeCsv([header, ...body]);
}

export async function tableDocx(table: TableData, locale: Locale): Promise<Buffer> {
  const rtl = locale === "ar";
  const t = (k: string) => translate(locale, `amendments.${k}`);
  const run = (text: string, bold = false) => new TextRun({ text, bold, rightToLeft: rtl, font: rtl ? "Noto Naskh Arabic" : undefined });
  const para = (text: string, opts: { bold?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {}) =>
    new Paragraph({ bidirectional: rtl, alignment: rtl ? AlignmentType.RIGHT : AlignmentType.LEFT, heading: opts.heading, children: [run(text, opts.bold)] });
  const cell = (text: string, bold = false) => new TableCell({ children: text.split("\n").map((line) => para(line, { bold })) });
  const children: (Paragraph | Table)[] = [para(`${t("table")} — ${table.paper.title}`, { heading: HeadingLevel.TITLE })];
  for (const section of table.sections) {
    children.push(para(section.title || t("unplaced"), { heading: HeadingLevel.HEADING_1 }));
    if (section.text.length) {
      children.push(para(t("currentText"), { bold: true }));
      for (const p of section.text) children.push(para(p));
    }
    const mine = rowsOf(table, locale, section);
    if (!mine.length) continue;
    const cols = columns.filter((c) => c !== "section");
    children.push(
      new Table({
        visuallyRightToLeft: rtl,
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: cols.map((c) => cell(translate(locale, `amendments.tableCols.${c}`), true)) }),
          ...mine.map((r) => new TableRow({ children: cols.map((c) => cell(r[c])) })),
        ],
      }),
    );
  }
  const doc = new Document({
    creator: "Tawafuq",
    title: `${t("table")} — ${table.paper.title}`,
    sections: [{ properties: {}, children }],
  });
  return Packer.toBuffer(doc);
}

/**
 * The table as a PDF: per section its current text, then each amendment as a record, the column names on
 * the reading side (right in Arabic) and the values beside them, so long texts wrap within a page's width.
 */
export async function tablePdf(table: TableData, locale: Locale): Promise<Buffer> {
  const t = (k: string) => translate(locale, `amendments.${k}`);
  const rtl = locale === "ar";
  const direction = rtl ? ("rtl" as const) : ("ltr" as const);
  const w = new PdfWriter({ title: `${t("table")} — ${table.paper.title}`, language: locale });
  w.paragraph(`${t("table")} — ${table.paper.title}`, { size: 18, bold: true, direction });
  const cols = columns.filter((c) => c !== "section");
  const label = { x: rtl ? 0.78 : 0, width: 0.22 };
  const value = { x: rtl ? 0 : 0.22, width: 0.78 };
  for (const section of table.sections) {
    w.ensureRoom(80);
    w.paragraph(section.title || t("unplaced"), { size: 14, bold: true, direction, gapAfter: 4 });
    if (section.text.length) {
      w.paragraph(t("currentText"), { size: 10, bold: true, color: "#555555", direction, gapAfter: 2 });
      for (const p of section.text) w.paragraph(p, { size: 10.5, gapAfter: 3 });
    }
    for (const r of rowsOf(table, locale, section)) {
      w.rule(6);
      for (const c of cols) {
        if (!r[c]) continue;
        w.cells(
          [
            { ...label, text: translate(locale, `amendments.tableCols.${c}`), bold: true, size: 9.5, color: "#555555", direction },
            { ...value, text: r[c], size: 10.5 },
          ],
          2,
        );
      }
    }
    w.rule(10);
  }
  return w.end();
}
