// Input: one set of schemas for the JSON API and the forms (strings from forms are coerced).
import { z } from "zod";
import { stripInvisible } from "~/lib/arabic";
import { amendmentStates, amendmentTypes } from "../amendment-states";

export const LIMITS = { proposedText: 20_000, title: 300, rationale: 10_000, note: 5_000, comment: 10_000 } as const;

/** Plain text: no control characters but line breaks and tabs; Windows line ends folded. */
export const plain = (max: number) =>
  z
    .string()
    .transform((s) => stripInvisible(s.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")).trim())
    .pipe(z.string().max(max, `At most ${max} characters`));

export const offset = z.coerce.number().int("A whole number").min(0, "Not negative");

/** Yjs relative positions made in the browser on the live paper (ADR 0050), base64, with the text they held. */
export const position = z
  .base64("Not a position: expected base64")
  .max(400, "Not a position: too long")
  .transform((s) => new Uint8Array(Buffer.from(s, "base64")));

export const sentSelection = z.object({
  start: position,
  end: position,
  quote: z.string().max(LIMITS.proposedText, `At most ${LIMITS.proposedText} characters`),
});

export const draftInput = z.object({
  type: z.enum(amendmentTypes),
  /** The selection as offsets into the paper text (the no-JS page, the API)… */
  start: offset.optional(),
  end: offset.optional(),
  /** …or as positions taken in the live paper, which hold against edits made since. */
  anchor: sentSelection.optional(),
  proposedText: plain(LIMITS.proposedText).default(""),
  proposedTitle: plain(LIMITS.title).optional(),
  rationale: plain(LIMITS.rationale).default(""),
  /** Organizers entering a force's amendment received on paper; delegates always act for their own force. */
  forceId: z.string().optional(),
});

export type DraftInput = z.input<typeof draftInput>;

export const draftUpdate = z.object({
  type: z.enum(amendmentTypes).optional(),
  start: offset.optional(),
  end: offset.optional(),
  anchor: sentSelection.optional(),
  proposedText: plain(LIMITS.proposedText).optional(),
  proposedTitle: plain(LIMITS.title).optional(),
  rationale: plain(LIMITS.rationale).optional(),
  version: z.coerce.number().int(),
});

export const transitionInput = z.object({
  to: z.enum(amendmentStates),
  note: plain(LIMITS.note).optional(),
  /** ACCEPTED_WITH_CHANGES: the text as the committee amended it. */
  decidedText: plain(LIMITS.proposedText).optional(),
  /** A decision to accept that should also merge at once (the page's "accept and merge"). */
  merge: z.boolean().optional(),
  version: z.coerce.number().int().optional(),
});

export const recommendationInput = z.object({
  recommendation: z.enum(["ACCEPT", "ACCEPT_WITH_CHANGES", "REJECT"]),
  note: plain(LIMITS.note).default(""),
});

export const commentInput = z.object({ body: plain(LIMITS.comment).pipe(z.string().min(1, "Write a message")), internal: z.boolean().default(false) });

export const reanchorInput = z.object({ start: offset, end: offset, version: z.coerce.number().int().optional() });

export const listFilters = z.object({
  section: z.coerce.number().int().min(0).max(100_000).optional(),
  forceId: z.string().max(64).optional(),
  forceKind: z.enum(["PARTY", "BLOC", "CURRENT", "TRIBE", "CSO", "INTERNATIONAL_BODY", "COMMUNITY", "PERSONALITY"]).optional(),
  type: z.enum(amendmentTypes).optional(),
  state: z.enum(amendmentStates).optional(),
});

export type ListFilters = z.infer<typeof listFilters>;

export const windowInput = z
  .object({ openAt: z.coerce.date().nullable(), closeAt: z.coerce.date().nullable() })
  .refine((w) => !w.openAt || !w.closeAt || w.openAt < w.closeAt, "The window must open before it closes");

export { parseInput as parse } from "../errors";
