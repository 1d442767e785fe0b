// The reader's selection in the live paper as an amendment anchor (ADR 0050). The anchor is made in the
// browser, on the Y.Doc the reader sees, at the moment they choose to propose: its Yjs relative
// positions follow that text through any edit the committee makes before the proposal is saved, and
// the server finds the same characters in its own copy. Browser and server share anchors.ts.
import type { Node as PMNode } from "@tiptap/pm/model";
import type * as Y from "yjs";
import { toBase64 } from "lib0/buffer";
import { createAnchor, layoutOf } from "~/domain/anchors";

const isBlock = (n: PMNode) => n.type.name === "heading" || n.type.name === "paragraph";
/** Inline leaves (hard breaks) hold no character of the paper text, as in layoutOf. */
const noLeafText = () => "";

/**
 * Paper-text offset (anchors.ts coordinates: blocks' text joined by "\n") of a ProseMirror position.
 * The editor's headings and paragraphs are the Y.Doc's, in the same order, so the n-th textblock here
 * is the n-th block of layoutOf. A position between blocks counts as the start of the next one.
 */
export function paperOffsetAt(doc: PMNode, pos: number, blockStarts: number[]): number {
  let n = 0;
  let found: number | null = null;
  doc.descendants((node, nodePos) => {
    if (found !== null) return false;
    if (!isBlock(node)) return true;
    const inside = nodePos + 1;
    if (pos <= nodePos) found = blockStarts[n] ?? 0;
    else if (pos <= inside + node.content.size) found = (blockStarts[n] ?? 0) + node.textBetween(0, pos - inside, undefined, noLeafText).length;
    n++;
    return false;
  });
  return found ?? Number.MAX_SAFE_INTEGER;
}

export interface SelectionAnchor {
  /** Base64 of the Yjs relative positions, as the proposal form and API take them. */
  start: string;
  end: string;
  quote: string;
  sectionTitle: string | null;
}

/** The anchor of the editor selection [from, to) in the Y.Doc the editor is bound to; null when it holds no text. */
export function anchorOfSelection(ydoc: Y.Doc, pmDoc: PMNode, from: number, to: number): SelectionAnchor | null {
  if (from >= to) return null;
  const layout = layoutOf(ydoc);
  const starts = layout.blocks.map((b) => b.start);
  const start = paperOffsetAt(pmDoc, from, starts);
  const end = Math.min(paperOffsetAt(pmDoc, to, starts), layout.text.length);
  try {
    const a = createAnchor(ydoc, start, end, layout);
    return { start: toBase64(a.start), end: toBase64(a.end), quote: a.quote, sectionTitle: a.sectionTitle };
  } catch {
    // Only line breaks or a node without text selected.
    return null;
  }
}
