// The agenda's inputs (ADR 0054): the zod schemas the domain validates with and the API documents.
import { z } from "zod";
import { agendaKinds, agendaStatuses } from "./agenda-status";
import { calendarDate } from "./due-dates";

/** A row's id as a client names it, and a place in an ordered list counted from 0 (past the end: last). */
export const rowId = z.string().trim().min(1).max(64);
export const listPosition = z.number().int().min(0).max(10_000);
const version = z.number().int().min(1);
/** A time of day in the conference's zone, "HH:MM". */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const sessionFields = {
  title: z.string().trim().min(1).max(200),
  day: calendarDate,
  startsAt: timeOfDay,
  endsAt: timeOfDay.optional(),
  room: z.string().trim().max(120).default(""),
  chair: z.string().trim().max(200).default(""),
};
const endsAfterStart = (v: { startsAt?: string; endsAt?: string }) => !v.endsAt || !v.startsAt || v.endsAt > v.startsAt;

export const CreateSessionSchema = z.object(sessionFields).strict().refine(endsAfterStart, { path: ["endsAt"], params: { rule: "afterStart" } });
export const UpdateSessionSchema = z.object({ ...sessionFields, version }).strict().refine(endsAfterStart, { path: ["endsAt"], params: { rule: "afterStart" } });
export const VersionSchema = z.object({ version }).strict();

const itemFields = {
  kind: z.enum(agendaKinds).default("FREE"),
  title: z.string().trim().min(1).max(300),
  /** The amendment's id, the vote's id, or the paper section's heading, by kind; none for FREE. */
  refId: z.string().trim().min(1).max(300).optional(),
  notes: z.string().trim().max(4000).default(""),
};
const refFits = (v: { kind: string; refId?: string }) => (v.kind === "FREE" ? !v.refId : !!v.refId);
export const CreateItemSchema = z.object({ sessionId: rowId, ...itemFields }).strict().refine(refFits, { path: ["refId"], params: { rule: "fitsKind" } });
/** An item posted to a session's own path (the API): the session comes from the path. */
export const NewItemSchema = z.object(itemFields).strict().refine(refFits, { path: ["refId"], params: { rule: "fitsKind" } });
export const UpdateItemSchema = z.object({ ...itemFields, version }).strict().refine(refFits, { path: ["refId"], params: { rule: "fitsKind" } });
export const TransitionItemSchema = z.object({ to: z.enum(agendaStatuses), version }).strict();
/** Where the item goes, counted from 0 (past the end means last); in another session of the conference when `sessionId` names one. */
export const MoveItemSchema = z.object({ position: listPosition, version, sessionId: rowId.optional() }).strict();
/** Where the session goes among its day's sessions, counted from 0 (past the end means last). */
export const MoveSessionSchema = z.object({ position: listPosition, version }).strict();
export const SetCurrentSchema = z.object({ version }).strict();
/** "Next" names the item the chair saw on the floor, so a double press does not skip one. */
export const NextItemSchema = z.object({ currentId: rowId.nullable() }).strict();

/** The agenda as the API answers it (listAgenda). */
export const AgendaItemSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  position: z.number().int(),
  kind: z.enum(agendaKinds),
  title: z.string(),
  refId: z.string().nullable(),
  notes: z.string(),
  status: z.enum(agendaStatuses),
  version: z.number().int(),
});
/** Where a move left the item. */
export const MovedItemSchema = z.object({ id: z.string(), sessionId: z.string(), position: z.number().int(), version: z.number().int() });
/** Where a move left the session: its place in its day and the time slot it took. */
export const MovedSessionSchema = z.object({
  id: z.string(),
  day: z.string().meta({ description: "YYYY-MM-DD" }),
  position: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  version: z.number().int(),
});
export const AgendaSessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  day: z.string().meta({ description: "YYYY-MM-DD" }),
  startsAt: z.string().meta({ description: "HH:MM in the conference's time zone" }),
  endsAt: z.string().nullable(),
  room: z.string(),
  chair: z.string(),
  position: z.number().int(),
  version: z.number().int(),
  items: z.array(AgendaItemSchema),
});
export const AgendaSchema = z.object({
  timeZone: z.string(),
  currentItemId: z.string().nullable(),
  conferenceName: z.string(),
  venue: z.string().nullable(),
  sessions: z.array(AgendaSessionSchema),
});
