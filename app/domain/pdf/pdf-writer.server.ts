// A small page writer over pdfkit for the PDF exports (ADR 0064): Vazirmatn (OFL, Arabic and Latin with
// Kurmanji's ç ê î û ş) embedded from its npm package, paragraphs laid out by bidi-lines (UAX #9) and drawn
// piece by piece, Arabic pieces shaped by fontkit, so that text extraction (copy, search, screen readers)
// gets the words back in reading order.
import PDFDocument from "pdfkit";
import { createRequire } from "node:module";
import { DomainError } from "../errors";
import { layoutParagraph, type BoldRanges, type Direction, type Piece } from "./bidi-lines";

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve("vazirmatn/fonts/ttf/Vazirmatn-Regular.ttf"),
  bold: require.resolve("vazirmatn/fonts/ttf/Vazirmatn-Bold.ttf"),
};

/** Longest text one paragraph or cell prints; the rest is cut with an ellipsis (bounds the file). */
export const PDF_TEXT_MAX = 20_000;
/** Most pages one export may have: past that the export is refused rather than tie up the server. */
export const PDF_PAGES_MAX = 1_000;

export interface TextStyle {
  size?: number;
  /** The whole text bold; `boldRanges` for parts of it (the paper's bold marks). */
  bold?: boolean;
  boldRanges?: BoldRanges;
  color?: string;
  /** The paragraph's base direction; from its first strong letter when absent. */
  direction?: Direction;
}

export interface Cell extends TextStyle {
  text: string;
  /** Share of the content width, from the left edge. */
  x: number;
  width: number;
}

interface PdfKitFontInternals {
  font: { layout(text: string): { glyphs: { id: number; codePoints: number[] }[] } };
  subset: { includeGlyph(id: number): number };
  unicode: number[][];
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<Buffer>;
  private pages = 1;
  readonly margin = 48;

  constructor(opts: { title: string; landscape?: boolean; language?: string }) {
    this.doc = new PDFDocument({
      size: "A4",
      layout: opts.landscape ? "landscape" : "portrait",
      margin: this.margin,
      info: { Title: opts.title, Creator: "Tawafuq", Producer: "Tawafuq" },
      lang: opts.language ?? "ar",
      displayTitle: true,
      font: FONTS.regular,
    } as PDFKit.PDFDocumentOptions);
    this.doc.registerFont("regular", FONTS.regular);
    this.doc.registerFont("bold", FONTS.bold);
    const chunks: Buffer[] = [];
    this.doc.on("data", (c: Buffer) => chunks.push(c));
    this.done = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve(Buffer.concat(chunks)));
      this.doc.on("error", reject);
    });
    this.doc.y = this.margin;
  }

  get contentWidth(): number {
    return this.doc.page.width - 2 * this.margin;
  }

  private get bottom(): number {
    return this.doc.page.height - this.margin;
  }

  private use(style: TextStyle) {
    this.doc.font(style.bold ? "bold" : "regular").fontSize(style.size ?? 11).fillColor(style.color ?? "#111111");
  }

  /** The face of a piece of text in `style` (bold when the style or the piece is); size and colour stay. */
  private face(style: TextStyle, bold: boolean) {
    this.doc.font(style.bold || bold ? "bold" : "regular");
  }

  private layout(text: string, width: number, style: TextStyle) {
    this.use(style);
    const clipped = text.length > PDF_TEXT_MAX ? `${text.slice(0, PDF_TEXT_MAX)}…` : text;
    const measure = (s: string, bold: boolean) => {
      this.face(style, bold);
      return this.doc.widthOfString(s);
    };
    return layoutParagraph(clipped, { width, measure, direction: style.direction, bold: style.boldRanges });
  }

  private lineHeight(style: TextStyle): number {
    this.use(style);
    return this.doc.currentLineHeight(true) * 1.15;
  }

  /**
   * Extraction tools read a right-to-left run's glyphs in visual order and reverse them; a ligature glyph
   * (lam-alef) stands for several letters, so its ToUnicode entry is written reversed to come out right.
   * Uses pdfkit's embedded-font internals (font, subset, unicode); the export test guards them.
   */
  private mapLigatures(text: string) {
    const f = (this.doc as unknown as { _font: Partial<PdfKitFontInternals> })._font;
    if (!f?.font || !f.subset || !f.unicode) return;
    for (const g of f.font.layout(text).glyphs) {
      if (g.codePoints.length < 2) continue;
      const gid = f.subset.includeGlyph(g.id);
      f.unicode[gid] ??= [...g.codePoints].reverse();
    }
  }

  /**
   * Draws one line's pieces between x and x + width, right-aligned for a right-to-left paragraph. Each
   * piece has its place from the visual order; what is written first is chosen for text extraction.
   */
  private drawLine(pieces: Piece[], x: number, y: number, width: number, direction: Direction, style: TextStyle) {
    this.use(style);
    const widths = pieces.map((p) => {
      this.face(style, p.bold);
      return this.doc.widthOfString(p.text);
    });
    const total = widths.reduce((a, b) => a + b, 0);
    let cx = direction === "rtl" ? x + width - total : x;
    const lefts = widths.map((w) => (cx += w) - w);
    // Extractors (pdf.js, and PDFs from word processors) read a stretch of glyphs in one font in the order
    // written, which is left to right as a viewer sees it, and run the bidi algorithm to recover its reading
    // order; a change of font starts a new stretch. So the line is written stretch by stretch of one face
    // in reading order (a bold word of an Arabic sentence comes out in its place), and each stretch's
    // pieces left to right, spaces included. Without bold the line is one stretch.
    const logical = pieces.map((_p, i) => i).sort((a, b) => pieces[a]!.start - pieces[b]!.start);
    const bold = (i: number) => !!style.bold || pieces[i]!.bold;
    for (let k = 0; k < logical.length; ) {
      let end = k + 1;
      while (end < logical.length && bold(logical[end]!) === bold(logical[k]!)) end++;
      for (const i of logical.slice(k, end).sort((a, b) => a - b)) {
        const p = pieces[i]!;
        this.face(style, p.bold);
        if (p.rtl && !p.space) this.mapLigatures(p.text);
        this.doc.text(p.text, lefts[i]!, y, { lineBreak: false });
      }
      k = end;
    }
  }

  /** Starts a new page when fewer than `height` points are left. */
  ensureRoom(height: number) {
    if (this.doc.y + height > this.bottom) {
      if (++this.pages > PDF_PAGES_MAX) throw new DomainError("bad_request", `The PDF would have more than ${PDF_PAGES_MAX} pages`, { reason: "tooLarge" });
      this.doc.addPage();
      this.doc.y = this.margin;
    }
  }

  /** A full-width paragraph, continued on the next page when needed. */
  paragraph(text: string, style: TextStyle & { gapAfter?: number } = {}) {
    this.cells([{ ...style, text, x: 0, width: 1 }], style.gapAfter);
  }

  /**
   * Cells side by side (columns of a record or of a bilingual block), their lines aligned row by row so a
   * long block continues on the next page; each cell keeps its own direction and alignment.
   */
  cells(cells: Cell[], gapAfter = 6) {
    const gutter = cells.length > 1 ? 10 : 0;
    const laid = cells.map((c) => {
      const width = c.width * this.contentWidth - gutter;
      const left = this.margin + c.x * this.contentWidth + (c.x > 0 ? gutter / 2 : 0);
      return { c, width, left, para: this.layout(c.text, width, c), lh: this.lineHeight(c) };
    });
    const rows = Math.max(...laid.map((l) => l.para.lines.length));
    const heightOf = (i: number) => Math.max(...laid.map((l) => (i < l.para.lines.length ? l.lh : 0)));
    // Side-by-side cells that fit on a page stay together on one (a translation beside its Arabic).
    if (cells.length > 1) {
      let total = 0;
      for (let i = 0; i < rows; i++) total += heightOf(i);
      if (total <= this.bottom - this.margin) this.ensureRoom(total);
    }
    for (let i = 0; i < rows; ) {
      this.ensureRoom(heightOf(i));
      // The rows that fit on this page; each cell's lines are drawn together, one cell after the other, so
      // extraction reads a column's text whole instead of interleaving the columns line by line.
      const top = this.doc.y;
      let end = i;
      let y = top;
      while (end < rows && (end === i || y + heightOf(end) <= this.bottom)) y += heightOf(end++);
      for (const l of laid) {
        let ly = top;
        for (let k = i; k < end; k++) {
          const line = l.para.lines[k];
          if (line) this.drawLine(line, l.left, ly, l.width, l.para.direction, l.c);
          ly += heightOf(k);
        }
      }
      this.doc.y = y;
      i = end;
    }
    this.doc.y += gapAfter;
  }

  /** A thin horizontal rule across the content width. */
  rule(gap = 6) {
    this.ensureRoom(gap * 2);
    const y = this.doc.y + gap / 2;
    this.doc.moveTo(this.margin, y).lineTo(this.margin + this.contentWidth, y).lineWidth(0.5).strokeColor("#999999").stroke();
    this.doc.y = y + gap;
  }

  /** Ends the document and returns its bytes. */
  end(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}
