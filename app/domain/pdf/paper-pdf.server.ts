// The working paper as a PDF (ADR 0064), in Arabic, in one translation, or bilingual side by side with the
// Arabic (authoritative) on the right and the translation on the left, block by block (ADR 0065).
import { languagesOf, type ExportBlock, type ExportLanguage } from "../paper-languages";
import { PdfWriter, type TextStyle } from "./pdf-writer.server";

export interface PaperPdfLabels {
  arabic: string;
  translation: string;
  missing: string;
  outdated: string;
}

const styleOf = (b: ExportBlock): TextStyle => {
  if (b.kind === "heading") return { size: b.level && b.level <= 1 ? 17 : b.level === 2 ? 15 : 13, bold: true };
  if (b.kind === "quote") return { size: 11, color: "#444444" };
  return { size: 11 };
};

const withMarker = (b: ExportBlock, text: string) => (b.marker ? `${b.marker} ${text}` : text);
/** The block's own text with its marker, and where it is bold (the paper's marks; Vazirmatn has no italic). */
const arabicOf = (b: ExportBlock): { text: string; boldRanges?: [number, number][] } => {
  const shift = b.marker ? b.marker.length + 1 : 0;
  return { text: withMarker(b, b.text), boldRanges: b.bold?.map(([s, e]) => [s + shift, e + shift]) };
};

/** The translation's text as printed: marked when out of date; the marker alone when missing. */
function translationText(b: ExportBlock, labels: PaperPdfLabels): { text: string; color?: string } {
  const t = b.translation;
  if (!t || t.status === "missing") return { text: `[${labels.missing}]`, color: "#9a3412" };
  return { text: withMarker(b, t.status === "outdated" ? `${t.text} [${labels.outdated}]` : t.text) };
}

export async function paperPdf(input: { title: string; subtitle: string; blocks: ExportBlock[]; lang: ExportLanguage; labels: PaperPdfLabels }): Promise<Buffer> {
  const { arabic, translation } = languagesOf(input.lang);
  const w = new PdfWriter({ title: input.title, language: arabic ? "ar" : translation! });
  w.paragraph(input.title, { size: 20, bold: true, gapAfter: 2 });
  w.paragraph(input.subtitle, { size: 10, color: "#555555", gapAfter: 4 });
  w.rule(8);
  const bilingual = arabic && !!translation;
  if (bilingual) {
    w.cells(
      [
        { text: input.labels.arabic, x: 0.5, width: 0.5, bold: true, size: 10, color: "#555555", direction: "rtl" },
        { text: input.labels.translation, x: 0, width: 0.5, bold: true, size: 10, color: "#555555", direction: "ltr" },
      ],
      4,
    );
  }
  for (const b of input.blocks) {
    if (b.kind === "rule") {
      w.rule();
      continue;
    }
    const style = styleOf(b);
    const own = arabicOf(b);
    if (b.kind === "heading") w.ensureRoom(60);
    const gapAfter = b.kind === "heading" ? 4 : 6;
    if (!translation || !b.text.trim()) {
      w.paragraph(own.text, { ...style, boldRanges: own.boldRanges, gapAfter });
    } else if (bilingual) {
      const tr = translationText(b, input.labels);
      w.cells(
        [
          { ...style, ...own, x: 0.5, width: 0.5, direction: "rtl" },
          { ...style, ...(tr.color ? { color: tr.color, bold: false, size: 10 } : {}), text: tr.text, x: 0, width: 0.5, direction: "ltr" },
        ],
        gapAfter,
      );
    } else if (b.translation?.status === "missing") {
      // One language, no translation yet: say so, then give the Arabic rather than leave a hole.
      w.paragraph(`[${input.labels.missing}]`, { size: 9, color: "#9a3412", direction: "ltr", gapAfter: 0 });
      w.paragraph(own.text, { ...style, boldRanges: own.boldRanges, gapAfter });
    } else {
      w.paragraph(translationText(b, input.labels).text, { ...style, direction: "ltr", gapAfter });
    }
  }
  return w.end();
}
