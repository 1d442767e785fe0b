// The list of speakers' inputs and answers (ADR 0069): the zod schemas the domain validates with and
// the API documents.
import { z } from "zod";
import { listPosition, rowId } from "./agenda-schema";

export const speakerStates = ["WAITING", "SPEAKING", "DONE", "WITHDRAWN", "REMOVED"] as const;

/** Where a waiting speaker goes, counted from 0 (past the end means last). */
export const MoveSpeakerSchema = z.object({ position: listPosition }).strict();
/** "Next" names the speech the chair saw running (null: none), so a double press skips no one. */
export const NextSpeakerSchema = z.object({ speakingId: rowId.nullable() }).strict();
export const SpeakersClosedSchema = z.object({ closed: z.boolean() }).strict();

export const SpeakerSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  forceId: z.string().nullable(),
  forceName: z.string().nullable(),
  state: z.enum(speakerStates),
  position: z.number().int(),
  requestedAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export const SpeakersSchema = z.object({
  itemId: z.string(),
  itemTitle: z.string(),
  closed: z.boolean().meta({ description: "The chair closed the list: no one may ask to speak" }),
  speaking: SpeakerSchema.nullable(),
  waiting: z.array(SpeakerSchema),
  done: z.array(SpeakerSchema).meta({ description: "Speeches given, in the order they were given (the last 50)" }),
});
