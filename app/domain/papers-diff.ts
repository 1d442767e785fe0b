// Word-level comparison of two states of the working paper (ADR 0016). Blocks (headings, paragraphs,
// list items, quotes, table cells) are aligned first, then changed blocks are compared token by token, tokens
// cut by an Intl.Segmenter, which splits Arabic, Kurmanji and English into words (jsdiff's default regex treats
// every Arabic letter as a word boundary). The result is plain data; the page marks it with <ins>/<del>.
import { diffArrays } from "diff";
import { wordCount, wordDiff } from "~/domain/word-diff";
import type { JSONContent } from "@tiptap/core";

export type BlockKind = "heading" | "paragraph" | "item" | "quote" | "cell";

export interface TextBlock {
  kind: BlockKind;
  level?: number;
  text: string;
}

export interface DiffPart {
  op: "same" | "ins" | "del";
  text: string;
}

export interface DiffBlock {
  kind: BlockKind;
  level?: number;
  status: "same" | "changed" | "inserted" | "deleted";
  parts: DiffPart[];
}

export interface PaperDiff {
  blocks: DiffBlock[];
  /** Words inserted / deleted (whitespace not counted). */
  insertedWords: number;
  deletedWords: number;
}

/** The paper's text as a flat list of blocks, in reading order. */
export function textBlocks(json: JSONContent): TextBlock[] {
  const out: TextBlock[] = [];
  const walk = (node: JSONContent, context: BlockKind) => {
    switch (node.type) {
      case "heading":
        out.push({ kind: "heading", level: Number(node.attrs?.level ?? 2), text: inlineText(node) });
        return;
      case "paragraph":
        out.push({ kind: context, text: inlineText(node) });
        return;
      case "listItem":
        return node.content?.forEach((c) => walk(c, "item"));
      case "blockquote":
        return node.content?.forEach((c) => walk(c, "quote"));
      case "tableCell":
      case "tableHeader":
        return node.content?.forEach((c) => walk(c, "cell"));
      default:
        node.content?.forEach((c) => walk(c, context));
    }
  };
  walk(json, "paragraph");
  return out;
}

export function inlineText(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  return (node.content ?? []).map(inlineText).join("");
}

const opOf = { same: "same", added: "ins", removed: "del" } as const;
const blockWordDiff = (a: string, b: string): DiffPart[] => wordDiff(a, b).map((p) => ({ op: opOf[p.kind], text: p.text }));

/** Share of words two block texts have in common (0..1), to tell an edited block from a replaced one. */
function similarity(parts: DiffPart[]): number {
  let same = 0;
  let before = 0;
  let after = 0;
  for (const p of parts) {
    const n = wordCount(p.text);
    if (p.op === "same") same += n;
    if (p.op !== "ins") before += n;
    if (p.op !== "del") after += n;
  }
  const total = Math.max(before, after);
  return total === 0 ? 1 : same / total;
}

/** Compares `from` (older) with `to` (newer). */
export function comparePapers(from: JSONContent, to: JSONContent): PaperDiff {
  const a = textBlocks(from);
  const b = textBlocks(to);
  const sameBlock = (x: TextBlock, y: TextBlock) => x.kind === y.kind && x.level === y.level && x.text === y.text;
  const changes = diffArrays(a, b, { comparator: sameBlock });
  const blocks: DiffBlock[] = [];
  const whole = (blk: TextBlock, status: "inserted" | "deleted"): DiffBlock => ({
    kind: blk.kind,
    level: blk.level,
    status,
    parts: [{ op: status === "inserted" ? "ins" : "del", text: blk.text }],
  });

  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (!c.added && !c.removed) {
      for (const blk of c.value) blocks.push({ kind: blk.kind, level: blk.level, status: "same", parts: [{ op: "same", text: blk.text }] });
      continue;
    }
    // A removed run followed by an added run: pair the blocks up in order; a pair that still shares
    // enough words is one edited block, shown word by word.
    const removed = c.removed ? c.value : [];
    const next = changes[i + 1];
    const added = c.removed && next?.added ? (i++, next.value) : c.added ? c.value : [];
    const n = Math.max(removed.length, added.length);
    for (let k = 0; k < n; k++) {
      const r = removed[k];
      const ad = added[k];
      const parts = r && ad && r.kind === ad.kind ? blockWordDiff(r.text, ad.text) : null;
      if (r && ad && parts && similarity(parts) >= 0.3) {
        blocks.push({ kind: ad.kind, level: ad.level, status: "changed", parts });
      } else {
        if (r) blocks.push(whole(r, "deleted"));
        if (ad) blocks.push(whole(ad, "inserted"));
      }
    }
  }

  let insertedWords = 0;
  let deletedWords = 0;
  for (const blk of blocks)
    for (const p of blk.parts) {
      if (p.op === "ins") insertedWords += wordCount(p.text);
      if (p.op === "del") deletedWords += wordCount(p.text);
    }
  return { blocks, insertedWords, deletedWords };
}
