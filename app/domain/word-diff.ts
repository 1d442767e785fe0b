// Word-level diff that is correct for Arabic, shared by paper versions and amendments: jsdiff's default
// word tokenizer knows Latin letters only and would split Arabic words into letters; Intl.Segmenter finds
// Arabic (and Kurmanji, English) word boundaries, harakat and tatweel staying inside their word.
import { diffArrays } from "diff";

export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

const segmenters = new Map<string, Intl.Segmenter>();
export function segments(s: string, locale = "ar") {
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: "word" })));
  return [...segmenter.segment(s)];
}
const isWord = (token: string) => /[\p{L}\p{N}]/u.test(token);
export const wordCount = (s: string) => segments(s).filter((seg) => seg.isWordLike).length;

/**
 * Parts that put back together give both texts exactly: words, spaces and punctuation are tokens,
 * aligned with jsdiff's diffArrays. Within a run of changes all removed text comes first and all added
 * text after it, and a lone space between two changes joins the run, so a rewritten phrase reads as one
 * removal and one addition rather than word-by-word confetti.
 */
export function wordDiff(before: string, after: string, locale = "ar"): DiffPart[] {
  const changes = diffArrays(
    segments(before, locale).map((x) => x.segment),
    segments(after, locale).map((x) => x.segment),
  );
  const parts: DiffPart[] = [];
  let removed = "";
  let added = "";
  const flush = () => {
    if (removed) parts.push({ kind: "removed", text: removed });
    if (added) parts.push({ kind: "added", text: added });
    removed = added = "";
  };
  changes.forEach((c, i) => {
    const text = c.value.join("");
    if (c.added) added += text;
    else if (c.removed) removed += text;
    else if ((removed || added) && !c.value.some(isWord) && i < changes.length - 1 && text.length <= 1) {
      removed += text;
      added += text;
    } else {
      flush();
      parts.push({ kind: "same", text });
    }
  });
  flush();
  return parts;
}
