// The language of a paper export (ADR 0065): the Arabic alone, one translation alone, or bilingual with the
// Arabic (authoritative) beside a translation, block by block. Browser-safe: the print page uses it too.
import { z } from "zod";
import type { JSONContent } from "@tiptap/core";
import { BLOCK_ID_ATTRIBUTE } from "./block-ids";
import { inlineText } from "./papers-diff";
import type { TranslationLanguage, TranslationStatus } from "./translations";

export const exportLanguages = ["ar", "ku", "en", "ar+ku", "ar+en"] as const;
export type ExportLanguage = (typeof exportLanguages)[number];

/** ?lang=: a "+" typed into an address reads as a space, so "ar ku" is "ar+ku". */
export const langParam = z.preprocess((v) => (typeof v === "string" ? v.replace(" ", "+") : v), z.enum(exportLanguages)).optional();

export function languagesOf(lang: ExportLanguage): { arabic: boolean; translation: TranslationLanguage | null } {
  switch (lang) {
    case "ar":
      return { arabic: true, translation: null };
    case "ku":
    case "en":
      return { arabic: false, translation: lang };
    case "ar+ku":
      return { arabic: true, translation: "ku" };
    case "ar+en":
      return { arabic: true, translation: "en" };
  }
}

/** The query string for an export link ("" for the Arabic alone). */
export const langQuery = (lang: ExportLanguage) => (lang === "ar" ? "" : `lang=${encodeURIComponent(lang)}`);

export interface StoredTranslation {
  text: string;
  sourceText: string;
}

/** One block of the paper as exports print it, with its translation when one was asked for. */
export interface ExportBlock {
  kind: "heading" | "paragraph" | "item" | "quote" | "cell" | "rule";
  level?: number;
  /** "•" or "3." for list items. */
  marker?: string;
  text: string;
  /** [start, end) ranges of `text` marked bold in the paper (translations are plain text). */
  bold?: [number, number][];
  blockId?: string;
  translation?: { text: string; status: Exclude<TranslationStatus, "missing"> } | { text: null; status: "missing" };
}

/** Where a block's inline text (as inlineText spells it) is bold: adjacent bold runs make one range. */
function boldRanges(node: JSONContent): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  const walk = (n: JSONContent) => {
    if (n.type === "hardBreak") at += 1;
    else if (n.type === "text") {
      const end = at + (n.text ?? "").length;
      if (n.marks?.some((m) => m.type === "bold")) {
        const last = out[out.length - 1];
        if (last && last[1] === at) last[1] = end;
        else out.push([at, end]);
      }
      at = end;
    } else n.content?.forEach(walk);
  };
  walk(node);
  return out;
}

/** The paper's blocks in reading order, each with its block id (ADR 0062) where it has one. */
export function exportBlocks(content: JSONContent, translations?: Map<string, StoredTranslation>): ExportBlock[] {
  const out: ExportBlock[] = [];
  const push = (node: JSONContent, kind: ExportBlock["kind"], extra: Partial<ExportBlock> = {}) => {
    const text = inlineText(node);
    const blockId = typeof node.attrs?.[BLOCK_ID_ATTRIBUTE] === "string" ? (node.attrs[BLOCK_ID_ATTRIBUTE] as string) : undefined;
    const block: ExportBlock = { kind, text, blockId, ...extra };
    const bold = boldRanges(node);
    if (bold.length) block.bold = bold;
    if (translations && text.trim()) {
      const row = blockId ? translations.get(blockId) : undefined;
      block.translation = row ? { text: row.text, status: row.sourceText === text ? "current" : "outdated" } : { text: null, status: "missing" };
    }
    out.push(block);
  };
  const walk = (node: JSONContent, kind: ExportBlock["kind"], marker?: string) => {
    switch (node.type) {
      case "heading":
        return push(node, "heading", { level: Number(node.attrs?.level ?? 2) });
      case "paragraph":
        return push(node, kind, marker ? { marker } : {});
      case "horizontalRule":
        return out.push({ kind: "rule", text: "" });
      case "bulletList":
      case "orderedList":
        return node.content?.forEach((item, i) =>
          // The marker goes on the item's first paragraph only.
          item.content?.forEach((c, j) => walk(c, "item", j === 0 ? (node.type === "orderedList" ? `${Number(node.attrs?.start ?? 1) + i}.` : "•") : undefined)),
        );
      case "blockquote":
      case "tableCell":
      case "tableHeader":
        return node.content?.forEach((c) => walk(c, node.type === "blockquote" ? "quote" : "cell"));
      default:
        node.content?.forEach((c) => walk(c, kind, marker));
    }
  };
  walk(content, "paragraph");
  return out;
}

/** Labels for marking translations, in the translation's own language. */
export interface TranslationMarks {
  missing: string;
  outdated: string;
}

/**
 * The paper's JSON in one translation (DOCX and print in ku or en): each translated block's text replaced by
 * its translation, an out-of-date one marked, and a missing one marked before the Arabic it lacks.
 */
export function translatedContent(content: JSONContent, translations: Map<string, StoredTranslation>, marks: TranslationMarks): JSONContent {
  const map = (node: JSONContent): JSONContent => {
    if (node.type === "paragraph" || node.type === "heading") {
      const text = inlineText(node);
      if (!text.trim()) return node;
      const id = node.attrs?.[BLOCK_ID_ATTRIBUTE];
      const row = typeof id === "string" ? translations.get(id) : undefined;
      if (!row) return { ...node, content: [{ type: "text", text: `[${marks.missing}] `, marks: [{ type: "italic" }] }, ...(node.content ?? [])] };
      const body: JSONContent[] = [{ type: "text", text: row.text }];
      if (row.sourceText !== text) body.push({ type: "text", text: ` [${marks.outdated}]`, marks: [{ type: "italic" }] });
      return { ...node, content: body };
    }
    return node.content ? { ...node, content: node.content.map(map) } : node;
  };
  return map(content);
}
