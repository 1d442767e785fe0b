// Anchors of amendments in the live paper, and the edits an accepted amendment makes (ADR 0031).
//
// Coordinates: an offset into paperText(doc) — the blocks' plain text joined by "\n". That is what
// the server-rendered paper, the proposal form and the API speak. An anchor turns a [start, end)
// range into two Yjs relative positions inside the paragraphs' XmlText nodes, so it follows the text
// through any later concurrent edit; resolving it maps the positions back to offsets in the current
// document. Pure: takes a Y.Doc, no I/O.
import * as Y from "yjs";
import { PAPER_FRAGMENT } from "./paper-doc";
import { DomainError } from "./errors";

/** A run of text inside a block: one XmlText, with where its characters sit in the paper text. */
interface Segment {
  text: Y.XmlText;
  /** Global offset of the segment's first character. */
  from: number;
  length: number;
  /** Y index of each text character (embeds take a Y index but no character). */
  yIndex: number[];
  /** Y length of the XmlText. */
  yLength: number;
}

export interface LaidBlock {
  index: number;
  el: Y.XmlElement;
  type: "heading" | "paragraph";
  level?: number;
  text: string;
  start: number;
  end: number;
  segments: Segment[];
}

export interface PaperLayout {
  text: string;
  blocks: LaidBlock[];
}

/** The paper's blocks with their global offsets; same walk and text as paperBlocks/paperText. */
export function layoutOf(doc: Y.Doc): PaperLayout {
  const blocks: LaidBlock[] = [];
  let offset = 0;
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === "heading" || child.nodeName === "paragraph") {
        if (blocks.length) offset += 1; // the "\n" between blocks
        const start = offset;
        const segments: Segment[] = [];
        let text = "";
        const collect = (el: Y.XmlElement) => {
          for (const c of el.toArray()) {
            if (c instanceof Y.XmlText) {
              const yIndex: number[] = [];
              let y = 0;
              let s = "";
              for (const d of c.toDelta() as { insert: unknown }[]) {
                if (typeof d.insert === "string") {
                  for (let i = 0; i < d.insert.length; i++) yIndex.push(y + i);
                  s += d.insert;
                  y += d.insert.length;
                } else y += 1;
              }
              segments.push({ text: c, from: start + text.length, length: s.length, yIndex, yLength: y });
              text += s;
            } else if (c instanceof Y.XmlElement) collect(c);
          }
        };
        collect(child);
        offset = start + text.length;
        const level = child.getAttribute("level") as unknown as number | undefined;
        blocks.push({
          index: blocks.length,
          el: child,
          type: child.nodeName,
          level: level ? Number(level) : undefined,
          text,
          start,
          end: offset,
          segments,
        });
      } else walk(child);
    }
  };
  walk(doc.getXmlFragment(PAPER_FRAGMENT));
  return { text: blocks.map((b) => b.text).join("\n"), blocks };
}

/** Y index in the segment's XmlText of a text offset local to the segment (0..length). */
function yAt(seg: Segment, local: number): number {
  return local >= seg.length ? seg.yLength : seg.yIndex[local]!;
}

/** Text offset local to the segment of a Y index. */
function localOf(seg: Segment, y: number): number {
  let i = 0;
  while (i < seg.length && seg.yIndex[i]! < y) i++;
  return i;
}

export function blockAt(layout: PaperLayout, offset: number): LaidBlock | undefined {
  return layout.blocks.find((b) => b.start <= offset && offset <= b.end);
}

/** The heading that governs a block (the last heading at or before it). */
export function sectionOf(layout: PaperLayout, blockIndex: number): LaidBlock | undefined {
  for (let i = Math.min(blockIndex, layout.blocks.length - 1); i >= 0; i--) if (layout.blocks[i]!.type === "heading") return layout.blocks[i];
  return undefined;
}

export interface Anchor {
  start: Uint8Array;
  end: Uint8Array;
  quote: string;
  stateVector: Uint8Array;
  /** Normalised offsets at anchoring time. */
  from: number;
  to: number;
  sectionTitle: string | null;
}

/**
 * Anchors [start, end) of the current paper text. The range is trimmed to text (a bound on the line
 * break between two blocks moves into the neighbouring block); an empty or out-of-paper range is a
 * bad request.
 */
export function createAnchor(doc: Y.Doc, start: number, end: number, layout = layoutOf(doc)): Anchor {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > layout.text.length || start >= end) {
    throw new DomainError("bad_request", `The selection [${start}, ${end}) is outside the paper (0–${layout.text.length}) or empty`, { reason: "selection" });
  }
  const first = layout.blocks.find((b) => b.end > start && b.end > b.start);
  const last = [...layout.blocks].reverse().find((b) => b.start < end && b.end > b.start);
  if (!first || !last) throw new DomainError("bad_request", "The selection holds no text of the paper", { reason: "selection" });
  const from = Math.max(start, first.start);
  const to = Math.min(end, last.end);
  if (from >= to) throw new DomainError("bad_request", "The selection holds no text of the paper", { reason: "selection" });
  const sSeg = first.segments.find((s) => s.from <= from && from < s.from + s.length)!;
  const eSeg = last.segments.find((s) => s.from < to && to <= s.from + s.length)!;
  // Start sticks to the first selected character, end to the last one: text typed just outside the
  // selection stays outside, text typed inside it is inside.
  const startPos = Y.createRelativePositionFromTypeIndex(sSeg.text, yAt(sSeg, from - sSeg.from), 0);
  const endPos = Y.createRelativePositionFromTypeIndex(eSeg.text, yAt(eSeg, to - eSeg.from), -1);
  return {
    start: Y.encodeRelativePosition(startPos),
    end: Y.encodeRelativePosition(endPos),
    quote: layout.text.slice(from, to),
    stateVector: Y.encodeStateVector(doc),
    from,
    to,
    sectionTitle: sectionOf(layout, first.index)?.text ?? null,
  };
}

export type AnchorStatus = "intact" | "changed" | "orphaned";

export interface ResolvedAnchor {
  status: AnchorStatus;
  /** The quoted text at submission. */
  quote: string;
  /** Current offsets and text; null when orphaned. */
  from: number | null;
  to: number | null;
  textNow: string | null;
  blockIndex: number | null;
  sectionIndex: number | null;
  sectionTitle: string | null;
}

/** The absolute position of an encoded relative position, or null when the bytes name nothing in this document. */
function absoluteOf(doc: Y.Doc, encoded: Uint8Array): Y.AbsolutePosition | null {
  try {
    return Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(encoded), doc);
  } catch {
    return null;
  }
}

/** Paper-text offset of an absolute position, or null when its text is not in the paper any more. */
function offsetOf(layout: PaperLayout, abs: Y.AbsolutePosition): number | null {
  // A position inside a paragraph that was removed resolves to its (deleted) XmlText: not in the layout.
  for (const b of layout.blocks) for (const s of b.segments) if (s.text === abs.type) return s.from + localOf(s, abs.index);
  return null;
}

function resolvePosition(doc: Y.Doc, layout: PaperLayout, encoded: Uint8Array): number | null {
  const abs = absoluteOf(doc, encoded);
  return abs ? offsetOf(layout, abs) : null;
}

/** A selection made in a browser's copy of the live paper: createAnchor's positions and quote there. */
export interface SentSelection {
  start: Uint8Array;
  end: Uint8Array;
  quote: string;
}

/**
 * Where a selection taken in a browser's copy of the paper is in this document (ADR 0050). The browser's
 * relative positions followed the text through every edit made since the reader selected it, so the
 * range found here holds the same characters, or the text is gone. Refuses positions that name nothing
 * in this paper or an empty range (bad_request), and a range whose text is no longer the quote (conflict).
 */
export function locateSelection(doc: Y.Doc, sent: SentSelection, layout = layoutOf(doc)): { from: number; to: number } {
  const same = sent.start.length === sent.end.length && sent.start.every((b, i) => b === sent.end[i]);
  if (!sent.quote || same) throw new DomainError("bad_request", "The selection is empty", { reason: "selection" });
  const startAbs = absoluteOf(doc, sent.start);
  const endAbs = absoluteOf(doc, sent.end);
  if (!startAbs || !endAbs) throw new DomainError("bad_request", "The selection's positions are not positions in this paper", { reason: "anchorForeign" });
  const from = offsetOf(layout, startAbs);
  const to = offsetOf(layout, endAbs);
  if (from === null || to === null || from >= to) {
    throw new DomainError("conflict", "The text you selected has since been deleted from the paper; select the text again", { reason: "anchorGone" });
  }
  const textNow = layout.text.slice(from, to);
  if (textNow !== sent.quote) {
    throw new DomainError("conflict", `The text you selected has since been changed (it now reads «${textNow}»); select the text again`, { reason: "anchorChanged", textNow });
  }
  return { from, to };
}

/** Where the anchor is in the current document, and whether its text is still the quoted text. */
export function resolveAnchor(doc: Y.Doc, anchor: { start: Uint8Array; end: Uint8Array; quote: string }, layout = layoutOf(doc)): ResolvedAnchor {
  const from = resolvePosition(doc, layout, anchor.start);
  const to = resolvePosition(doc, layout, anchor.end);
  const orphan: ResolvedAnchor = { status: "orphaned", quote: anchor.quote, from: null, to: null, textNow: null, blockIndex: null, sectionIndex: null, sectionTitle: null };
  // Every anchored character deleted: both ends collapse onto the same point (or out of the paper).
  if (from === null || to === null || from >= to) return orphan;
  const textNow = layout.text.slice(from, to);
  const block = blockAt(layout, from)!;
  const section = sectionOf(layout, block.index);
  return {
    status: textNow === anchor.quote ? "intact" : "changed",
    quote: anchor.quote,
    from,
    to,
    textNow,
    blockIndex: block.index,
    sectionIndex: section?.index ?? null,
    sectionTitle: section?.text ?? null,
  };
}

/** Splits proposed text into paragraphs: one per non-empty line. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "");
}

function indexInParent(el: Y.XmlElement): { parent: Y.XmlElement | Y.XmlFragment; index: number } {
  const parent = el.parent as Y.XmlElement | Y.XmlFragment;
  const index = parent.toArray().indexOf(el);
  return { parent, index };
}

function newBlock(name: string, text: string, level?: number): Y.XmlElement {
  const el = new Y.XmlElement(name);
  if (level !== undefined) el.setAttribute("level", level as unknown as string);
  el.insert(0, [new Y.XmlText(text)]);
  return el;
}

/** Deletes the text [from, to) of one block (global offsets inside the block). */
function deleteInBlock(block: LaidBlock, from: number, to: number) {
  // Last segment first, so earlier Y indexes stay valid.
  for (const seg of [...block.segments].reverse()) {
    const a = Math.max(from, seg.from) - seg.from;
    const b = Math.min(to, seg.from + seg.length) - seg.from;
    if (a < b) seg.text.delete(yAt(seg, a), yAt(seg, b) - yAt(seg, a));
  }
}

/** Inserts inline text at a global offset inside a block; it takes the formatting of the text before it. */
function insertInBlock(block: LaidBlock, at: number, text: string) {
  if (!text) return;
  const seg = block.segments.find((s) => s.from < at && at <= s.from + s.length) ?? block.segments.find((s) => s.from === at);
  if (seg) seg.text.insert(yAt(seg, at - seg.from), text);
  else block.el.insert(block.el.length, [new Y.XmlText(text)]);
}

/** Moves the block's text after `at` into a new block of the same kind right after it (an editor's Enter). */
function splitBlock(block: LaidBlock, at: number): Y.XmlElement {
  const tail: { insert: string; attributes?: Record<string, unknown> }[] = [];
  for (const seg of block.segments) {
    const a = Math.max(at, seg.from) - seg.from;
    if (a >= seg.length) continue;
    const ops = seg.text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
    let pos = 0;
    for (const op of ops) {
      if (typeof op.insert !== "string") continue;
      const s = op.insert;
      const lo = Math.max(a - pos, 0);
      if (lo < s.length) tail.push({ insert: s.slice(lo), attributes: op.attributes });
      pos += s.length;
    }
  }
  deleteInBlock(block, at, block.end);
  const el = new Y.XmlElement(block.type === "heading" ? "paragraph" : block.el.nodeName);
  const t = new Y.XmlText();
  el.insert(0, [t]);
  const { parent, index } = indexInParent(block.el);
  parent.insert(index + 1, [el]);
  let pos = 0;
  for (const op of tail) {
    t.insert(pos, op.insert, op.attributes ?? {});
    pos += op.insert.length;
  }
  return el;
}

/**
 * Replaces the paper text [from, to) with `paragraphs` (the first one inline at `from`, the others as
 * new paragraphs). Blocks outside the range keep their Yjs identity, so other anchors survive; a
 * block left without text by a deletion is removed.
 */
export function spliceText(doc: Y.Doc, from: number, to: number, paragraphs: string[], layout = layoutOf(doc)) {
  const S = blockAt(layout, from);
  const E = blockAt(layout, to);
  if (!S || !E) throw new DomainError("bad_request", "The range is outside the paper");
  const [first = "", ...rest] = paragraphs;
  doc.transact(() => {
    if (S === E) {
      if (rest.length && to < S.end) {
        // New paragraphs in the middle of one: split it after the range, as pressing Enter would.
        splitBlock(S, to);
        deleteInBlock(S, from, to);
        const relaid = layoutOf(doc).blocks[S.index]!;
        insertInBlock(relaid, from, first);
        const { parent, index } = indexInParent(S.el);
        parent.insert(index + 1, rest.map((p) => newBlock("paragraph", p)));
        return;
      }
      insertInBlock(S, to, first);
      deleteInBlock(S, from, to);
      const { parent, index } = indexInParent(S.el);
      if (rest.length) parent.insert(index + 1, rest.map((p) => newBlock("paragraph", p)));
      if (!first && from === S.start && to === S.end && !rest.length) parent.delete(index, 1);
      return;
    }
    // Across blocks: cut the head of the last block, drop those in between, cut the tail of the first.
    const between = layout.blocks.filter((b) => b.index > S.index && b.index < E.index);
    if (to === E.end) {
      const { parent, index } = indexInParent(E.el);
      parent.delete(index, 1);
    } else deleteInBlock(E, E.start, to);
    for (const b of between.reverse()) {
      const { parent, index } = indexInParent(b.el);
      parent.delete(index, 1);
    }
    deleteInBlock(S, from, S.end);
    insertInBlock(S, from, first);
    const { parent, index } = indexInParent(S.el);
    if (rest.length) parent.insert(index + 1, rest.map((p) => newBlock("paragraph", p)));
    if (!first && from === S.start) parent.delete(index, 1);
  });
}

/** Inserts a new section (heading + paragraphs) after the section that contains `at`. */
export function insertSection(doc: Y.Doc, at: number, title: string, paragraphs: string[], layout = layoutOf(doc)) {
  const block = blockAt(layout, at);
  if (!block) throw new DomainError("bad_request", "The position is outside the paper");
  const heading = sectionOf(layout, block.index);
  const level = heading?.level ?? 2;
  const next = layout.blocks.find((b) => b.index > block.index && b.type === "heading" && (b.level ?? 2) <= level);
  const fragment = doc.getXmlFragment(PAPER_FRAGMENT);
  // Sections are top-level nodes: insert before the next section's top-level node, or at the end.
  let index = fragment.length;
  if (next) {
    let top: Y.XmlElement = next.el;
    while (top.parent !== fragment) top = top.parent as Y.XmlElement;
    index = fragment.toArray().indexOf(top);
  }
  doc.transact(() => {
    fragment.insert(index, [newBlock("heading", title, level), ...paragraphs.map((p) => newBlock("paragraph", p))]);
  });
}

/** A deep copy of a document (previews run the change on it, never on the live paper). */
export function cloneDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** What an amendment asks to change, as the merge applies it. */
export interface TextChange {
  type: "REPLACE" | "INSERT" | "DELETE" | "NEW_SECTION" | "GENERAL";
  /** The text to merge: the committee's amended text when accepted with changes, else the proposal. */
  text: string;
  title?: string | null;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

/** Paragraphs of a proposal: a one-line text is kept as typed, several lines become paragraphs. */
const paragraphsOrLine = (text: string) => (/[\r\n]/.test(text) ? paragraphsOf(text) : [text]);

/**
 * Applies an amendment's change to the document at its resolved anchor. The caller has checked the
 * anchor is intact; nothing here throws after the first edit (a refused merge changes nothing).
 */
export function applyChange(doc: Y.Doc, change: TextChange, at: { from: number; to: number }, layout = layoutOf(doc)) {
  const { from, to } = at;
  switch (change.type) {
    case "REPLACE":
      return spliceText(doc, from, to, paragraphsOrLine(change.text), layout);
    case "INSERT": {
      const [first = "", ...rest] = paragraphsOrLine(change.text);
      // Inline after a word: one space between, unless the proposal brings its own.
      const sep = first && !isSpace(layout.text[to - 1]) && !isSpace(first[0]) && !/^[.,;:!?،؛؟)»]/.test(first) ? " " : "";
      return spliceText(doc, to, to, [sep + first, ...rest], layout);
    }
    case "DELETE": {
      // Deleting words between spaces leaves one space; before punctuation or a line end, none.
      const before = layout.text[from - 1], after = layout.text[to];
      if (from > 0 && before === " " && after === " ") return spliceText(doc, from, to + 1, [], layout);
      if (from > 0 && before === " " && (after === undefined || after === "\n" || /[.,;:!?،؛؟)»]/.test(after))) return spliceText(doc, from - 1, to, [], layout);
      return spliceText(doc, from, to, [], layout);
    }
    case "NEW_SECTION":
      return insertSection(doc, from, change.title ?? "", paragraphsOf(change.text), layout);
    case "GENERAL":
      return;
  }
}

/** The text of the range before and after the change, for the word diff. */
export function changeTexts(change: TextChange, textNow: string): { before: string; after: string } {
  switch (change.type) {
    case "REPLACE":
      return { before: textNow, after: change.text };
    case "INSERT": {
      const sep = change.text && !isSpace(textNow.at(-1)) && !isSpace(change.text[0]) ? " " : "";
      return { before: textNow, after: textNow + sep + change.text };
    }
    case "DELETE":
      return { before: textNow, after: "" };
    case "NEW_SECTION":
      return { before: "", after: [change.title ?? "", change.text].filter(Boolean).join("\n") };
    case "GENERAL":
      return { before: textNow, after: textNow };
  }
}
