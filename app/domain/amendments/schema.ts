// Input: one set of schemas for the JSON API and the forms (strings from forms are coerced).
import { z } from "zod";
import { stripInvisible } from "~/domain/arabic";
import { amendmentStates, amendmentTypes, draftSteps } from "../amendment-states";

export const LIMITS = { proposedText: 20_000, title: 300, rationale: 10_000, note: 5_000, comment: 10_000, phaseName: 120, phases: 12 } as const;

/** Plain text: no control characters but line breaks and tabs; Windows line ends folded. */
export const plain = (max: number) =>
  z
    .string()
    .transform((s) => stripInvisible(s.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")).trim())
    .pipe(z.string().max(max, `At most ${max} characters`))
    .meta({ maxLength: max }); // the limit applies after cleaning; documented on the input (OpenAPI)

export const offset = z.coerce.number().int("A whole number").min(0, "Not negative");

/** Yjs relative positions made in the browser on the live paper (ADR 0050), base64, with the text they held. */
export const position = z
  .base64("Not a position: expected base64")
  .max(400, "Not a position: too long")
  .transform((s) => new Uint8Array(Buffer.from(s, "base64")))
  .meta({ contentEncoding: "base64", maxLength: 400 });

export const sentSelection = z.object({
  start: position.meta({ description: "Y.encodeRelativePosition of the first selected character (assoc 0), as anchors.ts createAnchor makes it" }),
  end: position.meta({ description: "Y.encodeRelativePosition after the last selected character (assoc -1)" }),
  quote: z
    .string()
    .max(LIMITS.proposedText, `At most ${LIMITS.proposedText} characters`)
    .meta({ description: "The selected text as the browser saw it; must still be the text between the positions" }),
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
  forceId: z.string().optional().meta({ description: "Organizers only (a force's amendment received on paper): the force it is from; delegates always act for their own force" }),
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
  note: plain(LIMITS.note).optional().meta({ description: "Required for decisions (the reason)" }),
  decidedText: plain(LIMITS.proposedText).optional().meta({ description: "ACCEPTED_WITH_CHANGES: the text as the committee amended it" }),
  merge: z.boolean().optional().meta({ description: "With an acceptance: merge at once (the page's \"accept and merge\"); refused whole if the anchor is not intact" }),
  version: z.coerce.number().int().optional().meta({ description: "The version read; a stale one is refused with 409" }),
});

export const recommendationInput = z.object({
  recommendation: z.enum(["ACCEPT", "ACCEPT_WITH_CHANGES", "REJECT"]),
  note: plain(LIMITS.note).default(""),
});

export const commentInput = z.object({ body: plain(LIMITS.comment).pipe(z.string().min(1, "Write a message")), internal: z.boolean().default(false) });

export const reanchorInput = z.object({ start: offset, end: offset, version: z.coerce.number().int().optional() });

export const listFilters = z.object({
  section: z.coerce.number().int().min(0).max(100_000).optional().meta({ description: "Block index of the section heading" }),
  forceId: z.string().max(64).optional(),
  forceKind: z.enum(["PARTY", "BLOC", "CURRENT", "TRIBE", "CSO", "INTERNATIONAL_BODY", "COMMUNITY", "PERSONALITY"]).optional(),
  type: z.enum(amendmentTypes).optional(),
  state: z.enum(amendmentStates).optional(),
});

export type ListFilters = z.infer<typeof listFilters>;

export const windowInput = z
  .object({ openAt: z.coerce.date().nullable(), closeAt: z.coerce.date().nullable() })
  .refine((w) => !w.openAt || !w.closeAt || w.openAt < w.closeAt, "The window must open before it closes");

/** An amendment phase (ADR 0061): its name (may be empty: "Phase n") and its times. */
const phaseTimes = z
  .object({
    name: plain(LIMITS.phaseName).default(""),
    openAt: z.coerce.date("Not a date"),
    closeAt: z.coerce.date("Not a date"),
  })
  .refine((p) => p.openAt < p.closeAt, { message: "The phase must open before it closes", path: ["closeAt"] });
export const phaseInput = phaseTimes;
export const phaseUpdate = phaseTimes.and(z.object({ id: z.string().min(1).max(64) }));

/** The force's lead delegate (ADR 0061), or null for none. */
export const leadInput = z.object({
  userId: z.string().max(64).nullable().transform((s) => s || null).meta({ description: "A delegate of the force; null or empty: no lead (any delegate submits)" }),
});

/** A step of the force's internal sign-off: ask the lead to submit, or (the lead) send the draft back. */
export const signOffInput = z
  .object({
    step: z.enum(draftSteps),
    note: plain(LIMITS.note).default("").meta({ description: "sendBack: required, what to change" }),
    version: z.coerce.number().int().optional().meta({ description: "The version read; a stale one is refused with 409" }),
  })
  .refine((s) => s.step !== "sendBack" || s.note.length > 0, { message: "Say what should change", path: ["note"] });

export { parseInput as parse } from "../errors";
