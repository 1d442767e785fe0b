// Arabic folding for matching (never for display): «مسـد», «مســد» and «مَسد» all fold to «مسد».
const TATWEEL = /\u0640/g;
// Harakat, Quranic annotation marks and superscript alef.
const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
const ALEF_FORMS = /[\u0622\u0623\u0625\u0671\u0672\u0673]/g; // آ أ إ ٱ ٲ ٳ → ا
const YA_FORMS = /[\u0649\u06CC]/g; // ى ی → ي
const TA_MARBUTA = /\u0629/g; // ة → ه
const HAMZA_CARRIERS: Record<string, string> = { "\u0624": "\u0648", "\u0626": "\u064A" }; // ؤ→و ئ→ي
const KAF_FORMS = /\u06A9/g; // Persian/Kurdish ک → ك
// Dropped for matching: STRIPPED_MARKS below, and the joiners ZWNJ/ZWJ (U+200C/U+200D).
const INVISIBLES = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * Invisible characters removed from every name and free-text field the app stores (stripInvisible):
 * the soft hyphen (U+00AD), zero width space (U+200B), byte order mark (U+FEFF) and every bidi control —
 * the marks LRM/RLM/ALM (U+200E, U+200F, U+061C), the embeddings and overrides (U+202A–U+202E) and the
 * isolates (U+2066–U+2069). Decision: bidi overrides are removed, not balanced or kept — an override
 * makes «حزب\u202Eالأفق» display as another name and hide a duplicate; the app sets direction itself
 * (dir="auto" on user text). ZWNJ and ZWJ (U+200C/U+200D) are kept in stored text: they shape words in
 * Persian-script writing (Sorani Kurdish, Persian names); search folding ignores them all the same.
 */
const STRIPPED_MARKS = /[\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Removes STRIPPED_MARKS: the one cleaning of names and free text before they are stored. */
export function stripInvisible(input: string): string {
  return input.replace(STRIPPED_MARKS, "");
}

function foldDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/** Folds text for search and duplicate detection: same key for the spelling variants users type. */
export function foldArabic(input: string): string {
  return foldDigits(
    input
      .normalize("NFC")
      .replace(INVISIBLES, "")
      .replace(TATWEEL, "")
      .replace(DIACRITICS, "")
      .replace(ALEF_FORMS, "\u0627")
      .replace(YA_FORMS, "\u064A")
      .replace(TA_MARBUTA, "\u0647")
      .replace(/[\u0624\u0626]/g, (c) => HAMZA_CARRIERS[c]!)
      .replace(KAF_FORMS, "\u0643"),
  )
    .toLocaleLowerCase("en")
    .replace(/\s+/g, " ")
    .trim();
}

/** Key of a name for "is this a duplicate?": folded, punctuation and quotes dropped. */
export function nameKey(name: string): string {
  return foldArabic(name)
    .replace(/[«»"“”'‘’()\[\]{}.,،؛;:!?؟\-_/\\]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Escapes LIKE wildcards so a user's % or _ is matched literally. */
export function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
