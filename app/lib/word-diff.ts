// Word-level diff that is correct for Arabic: jsdiff's default word tokenizer knows Latin letters
// only and would split Arabic words into letters; Intl.Segmenter finds Arabic (and Kurdish, English)
// word boundaries, harakat and tatweel staying inside their word.
import { diffWords } from "diff";

export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

const segmenters = new Map<string, Intl.Segmenter>();

export function wordDiff(before: string, after: string, locale = "ar"): DiffPart[] {
  let segmenter = segmenters.get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: "word" })));
  return diffWords(before, after, { intlSegmenter: segmenter }).map((p) => ({
    kind: p.added ? "added" : p.removed ? "removed" : "same",
    text: p.value,
  }));
}
