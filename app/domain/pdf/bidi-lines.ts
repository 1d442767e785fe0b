// Lays out one paragraph of mixed Arabic/Latin/digits for the PDF writer (ADR 0064). pdfkit draws text left
// to right and knows no bidi; fontkit shapes an Arabic run (contextual forms, lam-alef) and returns its
// glyphs in visual order. This module does the rest with bidi-js, the Unicode bidi algorithm (UAX #9):
// embedding levels for the whole paragraph, line breaks in logical order, then per line the visual order of
// pieces (rule L2). A piece is also cut where bold starts or ends, so a line mixes faces and keeps its
// order. Pure: a `measure` function stands in for the font, so it is testable without a PDF.
import bidiFactory from "bidi-js";

const bidi = bidiFactory();

export type Direction = "rtl" | "ltr";

/** A piece of a line, drawn as one unit: `text` in logical order, shaped as a right-to-left run when `rtl`. */
export interface Piece {
  text: string;
  rtl: boolean;
  /** A run of spaces: its own piece, since pdfkit would lay out the words around it left to right. */
  space: boolean;
  /** Drawn with the bold face (the paper's bold marks). */
  bold: boolean;
  /** Where the piece starts in the paragraph's text (logical order). */
  start: number;
}

/** Width of a text in the regular or the bold face. */
export type Measure = (s: string, bold: boolean) => number;
/** Logical [start, end) ranges of a paragraph's text drawn bold. */
export type BoldRanges = readonly (readonly [number, number])[];

/** Per character of a text of `length`, 1 where it is bold. */
function boldFlags(length: number, ranges: BoldRanges = []): Uint8Array {
  const flags = new Uint8Array(length);
  for (const [from, to] of ranges) flags.fill(1, Math.max(0, from), Math.min(length, to));
  return flags;
}

export interface LaidOutParagraph {
  direction: Direction;
  /** Lines from top to bottom, each a list of pieces from left to right. */
  lines: Piece[][];
}

const STRONG_RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
/** Letters fontkit shapes as an Arabic run (and reverses itself); everything else at an odd level we reverse. */
const ARABIC = /[\p{Script=Arabic}\u064B-\u065F\u0670\u0640]/u;

/** Direction of a text from its first strong letter (UAX #9 rule P2), `fallback` when it has none. */
export function directionOf(text: string, fallback: Direction = "ltr"): Direction {
  const m = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]|\p{L}/u.exec(text);
  if (!m) return fallback;
  return STRONG_RTL.test(m[0]) ? "rtl" : "ltr";
}

/** Logical [start, end) ranges of the lines of `text` no wider than `width` (hard breaks at "\n"); `flags` marks bold characters. */
export function wrapLines(text: string, width: number, measure: Measure, flags = boldFlags(text.length)): [number, number][] {
  /** Width of text[from, to), each stretch in its own face. */
  const widthOf = (from: number, to: number) => {
    let w = 0;
    for (let i = from; i < to; ) {
      let j = i + 1;
      while (j < to && flags[j] === flags[i]) j++;
      w += measure(text.slice(i, j), flags[i] === 1);
      i = j;
    }
    return w;
  };
  const out: [number, number][] = [];
  let lineStart = 0;
  for (const hard of text.split("\n")) {
    const base = lineStart;
    lineStart += hard.length + 1;
    // Words with the spaces before them; a line breaks before a word that would not fit.
    const words = [...hard.matchAll(/\s*\S+/g)];
    if (!words.length) {
      out.push([base, base + hard.length]);
      continue;
    }
    let start = base;
    let used = 0;
    for (const w of words) {
      const wStart = base + w.index!;
      const lead = w[0].length - w[0].trimStart().length;
      const wordWidth = widthOf(wStart + lead, wStart + w[0].length);
      const leadWidth = lead ? widthOf(wStart, wStart + lead) : 0;
      if (used > 0 && used + leadWidth + wordWidth > width) {
        out.push([start, wStart]);
        start = wStart + lead;
        used = 0;
      } else if (used > 0) used += leadWidth;
      if (wordWidth > width) {
        // A word wider than the line (a long URL): cut it by characters. `used` is 0 here: the line broke above.
        let acc = 0;
        for (let i = wStart + lead; i < wStart + w[0].length; i++) {
          const cw = widthOf(i, i + 1);
          if (acc > 0 && acc + cw > width) {
            out.push([start, i]);
            start = i;
            acc = 0;
          }
          acc += cw;
        }
        used = acc;
        continue;
      }
      used += wordWidth;
    }
    out.push([start, base + hard.length]);
  }
  return out;
}

/** The pieces of text[start, end) from left to right, given the paragraph's embedding levels. */
export function visualPieces(text: string, levels: Uint8Array, start: number, end: number, base: Direction, flags = boldFlags(text.length)): Piece[] {
  // Rule L1: trailing whitespace goes to the paragraph level.
  const lv = Array.from(levels.subarray(start, end));
  for (let i = lv.length - 1; i >= 0 && /\s/.test(text[start + i]!); i--) lv[i] = base === "rtl" ? 1 : 0;
  // Logical pieces: maximal runs with one level, one kind (space / Arabic / other) and one face. Reversing
  // whole pieces below keeps a bold word of an Arabic sentence where the bidi algorithm puts it.
  const kind = (ch: string) => (/\s/.test(ch) ? "s" : ARABIC.test(ch) ? "a" : "o");
  const logical: { from: number; to: number; level: number }[] = [];
  for (let i = start; i < end; i++) {
    const last = logical[logical.length - 1];
    const level = lv[i - start]!;
    if (last && last.level === level && kind(text[i]!) === kind(text[last.to - 1]!) && flags[i] === flags[last.to - 1]) last.to = i + 1;
    else logical.push({ from: i, to: i + 1, level });
  }
  // Rule L2 on pieces: from the highest level down to the lowest odd one, reverse every sequence at that level or above.
  const order = logical.slice();
  const max = Math.max(0, ...order.map((p) => p.level));
  const minOdd = Math.min(...order.map((p) => (p.level % 2 ? p.level : p.level + 1)), max + 1);
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < order.length; ) {
      if (order[i]!.level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && order[j]!.level >= level) j++;
      order.splice(i, j - i, ...order.slice(i, j).reverse());
      i = j;
    }
  }
  return order.map(({ from, to, level }) => {
    const raw = text.slice(from, to);
    const rtl = level % 2 === 1;
    const bold = flags[from] === 1;
    if (/^\s+$/.test(raw)) return { text: raw, rtl, space: true, bold, start: from };
    if (!rtl || ARABIC.test(raw)) return { text: raw, rtl, space: false, bold, start: from };
    // Neutrals and numbers at an odd level that the shaper would leave left to right: mirror brackets and
    // reverse them here, so "(" of an Arabic sentence opens on the right.
    const mirrored = [...raw].map((ch) => bidi.getMirroredCharacter(ch) ?? ch).reverse().join("");
    return { text: mirrored, rtl: false, space: false, bold, start: from };
  });
}

/** A paragraph cut into lines of at most `width`, each line's pieces in visual order. */
export function layoutParagraph(text: string, opts: { width: number; measure: Measure; direction?: Direction; bold?: BoldRanges }): LaidOutParagraph {
  const direction = opts.direction ?? directionOf(text);
  const { levels } = bidi.getEmbeddingLevels(text, direction);
  const flags = boldFlags(text.length, opts.bold);
  const lines = wrapLines(text, opts.width, opts.measure, flags).map(([s, e]) => visualPieces(text, levels, s, e, direction, flags));
  return { direction, lines };
}

/** The characters of a laid-out line in visual order, left to right (what a reader's eye meets): for tests and diagnostics. */
export function visualText(pieces: Piece[]): string {
  return pieces.map((p) => (p.rtl && !p.space ? [...p.text].reverse().join("") : p.text)).join("");
}
