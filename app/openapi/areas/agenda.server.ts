// OpenAPI for the agenda (issue 20, ADR 0054 and 0057). Request and response schemas are the ones the
// domain validates with and answers in (app/domain/agenda-schema.ts).
import { z } from "zod";
import type { ApiRegistry } from "../registry.server";
import { body, json } from "../content";
import {
  AgendaItemSchema, AgendaSchema, AgendaSessionSchema, CreateSessionSchema, MovedItemSchema, MovedSessionSchema, MoveItemSchema, MoveSessionSchema, NewItemSchema, NextItemSchema, SetCurrentSchema, TransitionItemSchema, UpdateItemSchema, UpdateSessionSchema,
} from "~/domain/agenda-schema";

const STALE = "409 `stale_version` (details.version: the version now) when someone changed it since `version` was read; nothing was changed.";

export function register({ registry, schema, errors, tag }: ApiRegistry) {
  tag("Agenda", "The plenary's sessions and items, and the item on the floor");
  const Agenda = schema("Agenda", AgendaSchema);
  const Session = schema("AgendaSession", AgendaSessionSchema.omit({ items: true }));
  const Item = schema("AgendaItem", AgendaItemSchema);
  const conf = z.object({ id: z.string().meta({ description: "Conference id" }) });
  const session = z.object({ id: z.string().meta({ description: "Agenda session id" }) });
  const item = z.object({ id: z.string().meta({ description: "Agenda item id" }) });
  const versionQuery = z.object({ version: z.number().int().min(1).meta({ description: "The version read" }) });
  const deleted = z.object({ id: z.string(), deleted: z.literal(true) });
  const floor = z.object({ currentItemId: z.string().nullable() });
  const path = (method: "get" | "post" | "put" | "delete", p: string, summary: string, request: object, responses: object, description?: string) =>
    registry.registerPath({ method, path: p, tags: ["Agenda"], summary, ...(description ? { description } : {}), request, responses } as never);

  path("get", "/api/v1/conferences/{id}/agenda", "The agenda by day and start: sessions with their items (proposed items to organizers and the committee only) and the current item's id",
    { params: conf }, { 200: json(Agenda, "The agenda"), ...errors(401, 403) });
  path("post", "/api/v1/conferences/{id}/agenda/sessions", "Add a session (organizers and the committee); times are HH:MM in the conference's time zone",
    { params: conf, ...body(CreateSessionSchema) }, { 201: json(Session, "The new session"), ...errors(400, 401, 403) });
  path("post", "/api/v1/conferences/{id}/agenda/next", "The chair's next: the item on the floor is DONE, the next SCHEDULED one CURRENT",
    { params: conf, ...body(NextItemSchema) }, { 200: json(floor, "The item now on the floor (null: the last one is done)"), ...errors(400, 401, 403, 409) },
    "`currentId` is the item the chair saw on the floor (null for none): 409 `moved_on` when the floor moved since, so a double press skips nothing; 409 `no_next` when nothing is scheduled.");
  path("put", "/api/v1/agenda/sessions/{id}", "Replace a session's title, day, times, room and chair (organizers and the committee)",
    { params: session, ...body(UpdateSessionSchema) }, { 200: json(Session, "The session"), ...errors(400, 401, 403, 404, 409) }, STALE);
  path("delete", "/api/v1/agenda/sessions/{id}", "Delete a session with its items; the floor empties if one of them was on it",
    { params: session, query: versionQuery }, { 200: json(deleted, "Deleted"), ...errors(400, 401, 403, 404, 409) }, STALE);
  path("post", "/api/v1/agenda/sessions/{id}/move", "Move a session to a position (from 0; past the end is last) among its day's sessions; it takes that time slot",
    { params: session, ...body(MoveSessionSchema) }, { 200: json(MovedSessionSchema, "Where the session is now, and its times"), ...errors(400, 401, 403, 404, 409) },
    `The day keeps its timetable: its sessions take the day's time slots (start, end) in their new order, and each session whose slot changed gets a new version. ${STALE}`);
  path("post", "/api/v1/agenda/sessions/{id}/items", "Add an item, last in the session; it starts PROPOSED",
    { params: session, ...body(NewItemSchema) }, { 201: json(Item, "The new item"), ...errors(400, 401, 403, 404) },
    "`refId` is an amendment's or a vote's id of this conference, or a paper section's heading; none for FREE. 400 `unknown_ref` when it names nothing of this conference.");
  path("put", "/api/v1/agenda/items/{id}", "Replace an item's kind, title, reference and notes",
    { params: item, ...body(UpdateItemSchema) }, { 200: json(Item, "The item"), ...errors(400, 401, 403, 404, 409) }, STALE);
  path("delete", "/api/v1/agenda/items/{id}", "Delete an item; the floor empties if it was on it",
    { params: item, query: versionQuery }, { 200: json(deleted, "Deleted"), ...errors(400, 401, 403, 404, 409) }, STALE);
  path("post", "/api/v1/agenda/items/{id}/move", "Move an item to a position (from 0; past the end is last) in its session or, with `sessionId`, another session of the conference",
    { params: item, ...body(MoveItemSchema) }, { 200: json(MovedItemSchema, "Where the item is now"), ...errors(400, 401, 403, 404, 409) },
    `The sessions it left and entered are renumbered 0..n-1. ${STALE}`);
  path("post", "/api/v1/agenda/items/{id}/current", "Put an item on the floor (the chair); the one there before is DONE",
    { params: item, ...body(SetCurrentSchema) }, { 200: json(floor, "The item on the floor"), ...errors(400, 401, 403, 404, 409) },
    `409 \`bad_transition\` unless the item is SCHEDULED or DONE; 409 \`moved_on\` when another chair moved the floor at the same time. ${STALE}`);
  path("post", "/api/v1/agenda/items/{id}/transitions", "One step along the item's graph (PROPOSED → SCHEDULED | DROPPED, …); to CURRENT is the same as /current",
    { params: item, ...body(TransitionItemSchema) }, { 200: json(z.union([Item, floor]), "The item, or the floor for CURRENT"), ...errors(400, 401, 403, 404, 409) },
    `409 \`bad_transition\` for a step off the graph. ${STALE}`);
}
