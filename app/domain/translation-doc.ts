// A paper's translation into one language as a live Yjs document (ADR 0074), shared by the browser's
// editors, the collab server and the domain. One document per (paper, language), named
// "<paperId>:<language>"; in it, one XmlFragment per block of the paper, "block:<blockId>", holding
// paragraphs of plain text (no marks, no attributes): the same shape Tiptap's Collaboration writes.
// Its text per block is what the PaperTranslation rows hold (paragraphs joined by a line break).
import * as Y from "yjs";
import { translationLanguages, type TranslationLanguage } from "./translations";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export const TRANSLATION_PARAGRAPH = "paragraph";
const FIELD_PREFIX = "block:";
const FIELD = /^block:([A-Za-z0-9_-]{1,64})$/;

export function translationDocName(paperId: string, language: TranslationLanguage): string {
  return `${paperId}:${language}`;
}

/** The paper and language a document name stands for, or null when it names no translation. */
export function parseTranslationDocName(name: string): { paperId: string; language: TranslationLanguage } | null {
  const [paperId, language, ...rest] = name.split(":");
  if (rest.length || !paperId || !ID.test(paperId)) return null;
  return (translationLanguages as readonly string[]).includes(language ?? "") ? { paperId, language: language as TranslationLanguage } : null;
}

/** The top-level fragment holding a block's translation. */
export function blockField(blockId: string): string {
  return FIELD_PREFIX + blockId;
}

/** The block id a top-level type's name stands for, or null when it is not a block's fragment. */
export function blockIdOfField(name: string): string | null {
  return FIELD.exec(name)?.[1] ?? null;
}

function paragraphText(el: Y.XmlElement): string {
  let text = "";
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlText) for (const d of child.toDelta() as { insert?: unknown }[]) if (typeof d.insert === "string") text += d.insert;
  }
  return text;
}

/** A block's translation as the rows hold it: its paragraphs joined by line breaks, trimmed. */
export function fragmentText(fragment: Y.XmlFragment): string {
  return fragment
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
    .map(paragraphText)
    .join("\n")
    .trim();
}

/**
 * Makes the block's fragment hold `text` (a save that did not come from the live editor: a form, the
 * API, the rows a document is first built from). Unchanged text changes nothing; a one-paragraph edit
 * replaces only the characters between the common start and end, so that a translator typing elsewhere
 * in the paragraph at that moment keeps their place.
 */
export function setFragmentText(fragment: Y.XmlFragment, text: string): boolean {
  const wanted = text.trim();
  if (fragmentText(fragment) === wanted) return false;
  const doc = fragment.doc!;
  doc.transact(() => {
    const nodes = fragment.toArray();
    const only = nodes.length === 1 && nodes[0] instanceof Y.XmlElement ? nodes[0] : null;
    const textNode = only && only.length === 1 && only.get(0) instanceof Y.XmlText ? (only.get(0) as Y.XmlText) : null;
    if (textNode && !wanted.includes("\n")) {
      const old = paragraphText(only!);
      let start = 0;
      while (start < old.length && start < wanted.length && old[start] === wanted[start]) start++;
      let end = 0;
      while (end < old.length - start && end < wanted.length - start && old[old.length - 1 - end] === wanted[wanted.length - 1 - end]) end++;
      textNode.delete(start, old.length - start - end);
      textNode.insert(start, wanted.slice(start, wanted.length - end));
      return;
    }
    fragment.delete(0, fragment.length);
    fragment.insert(
      0,
      wanted.split("\n").map((line) => {
        const p = new Y.XmlElement(TRANSLATION_PARAGRAPH);
        p.insert(0, [new Y.XmlText(line)]);
        return p;
      }),
    );
  });
  return true;
}

/** The text of every block the document holds a fragment for. */
export function translationTexts(doc: Y.Doc): Map<string, string> {
  const texts = new Map<string, string>();
  for (const name of doc.share.keys()) {
    const blockId = blockIdOfField(name);
    if (blockId) texts.set(blockId, fragmentText(doc.getXmlFragment(name)));
  }
  return texts;
}

/** A document holding the given translations (a language's rows, when its document is first opened). */
export function translationDocFrom(rows: { blockId: string; text: string }[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const r of rows) if (ID.test(r.blockId)) setFragmentText(doc.getXmlFragment(blockField(r.blockId)), r.text);
  });
  return doc;
}
