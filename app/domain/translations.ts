// What the translation pages and the domain share (browser-safe): the languages a paper is translated
// into, the size of a translation, and the input a translator sends (ADR 0063).
import { z } from "zod";

/** The paper is drafted in Arabic; these are the languages it is translated into. */
export const translationLanguages = ["ku", "en"] as const;
export type TranslationLanguage = (typeof translationLanguages)[number];
export const TRANSLATION_MAX = 20_000;

export type TranslationStatus = "current" | "outdated" | "missing";

export const SaveTranslationSchema = z
  .object({
    blockId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    language: z.enum(translationLanguages),
    /** save: write the text (new or changed); confirm: the text still fits the Arabic as it is now. */
    intent: z.enum(["save", "confirm"]),
    text: z.string().trim().max(TRANSLATION_MAX).optional(),
    /** The row's version the translator saw; absent for a first translation. */
    version: z.coerce.number().int().min(1).max(1_000_000).optional(),
  })
  .strict()
  .refine((v) => v.intent !== "save" || !!v.text, { path: ["text"], params: { rule: "required" } });
export type SaveTranslationInput = z.input<typeof SaveTranslationSchema>;

/** A block's text as the live document holds it (ADR 0074): empty when the translator cleared it. */
export const LiveTranslationSchema = z
  .object({
    blockId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    language: z.enum(translationLanguages),
    text: z.string().trim().max(TRANSLATION_MAX),
  })
  .strict();

/** The event a saved or confirmed translation sends to the conference's room (the translations page reloads its data). */
export const TRANSLATION_CHANGED = "paper.translation";

export interface TranslationChangedEvent {
  conferenceId: string;
  paperId: string;
  blockId: string;
  language: TranslationLanguage;
  version: number;
}

export const TranslationQuerySchema = z.object({ lang: z.enum(translationLanguages) }).strict();
