// OpenAPI for the list of speakers per agenda item (issue 20, ADR 0069) and closing check-in (ADR 0068).
// Request and response schemas are the ones the domain validates with (speakers-schema.ts, conference-day/schema.ts).
import { z } from "zod";
import type { ApiRegistry } from "../registry.server";
import { body, json } from "../content";
import { MoveSpeakerSchema, NextSpeakerSchema, SpeakerSchema, SpeakersClosedSchema, SpeakersSchema } from "~/domain/speakers-schema";
import { CloseCheckInResultSchema } from "~/domain/conference-day/schema";

export function register({ registry, schema, errors, tag }: ApiRegistry) {
  tag("Speakers", "The list of speakers of each agenda item: requests to speak, their order, the speech running");
  const Speakers = schema("Speakers", SpeakersSchema);
  const Speaker = schema("Speaker", SpeakerSchema);
  const item = z.object({ id: z.string().meta({ description: "Agenda item id" }) });
  const speaker = z.object({ id: z.string().meta({ description: "Speaker (request to speak) id" }) });
  const conf = z.object({ id: z.string().meta({ description: "Conference id" }) });
  const path = (method: "get" | "post" | "patch" | "delete", p: string, tags: string[], summary: string, request: object, responses: object, description?: string) =>
    registry.registerPath({ method, path: p, tags, summary, ...(description ? { description } : {}), request, responses } as never);

  path("get", "/api/v1/agenda/items/{id}/speakers", ["Speakers"], "The item's list: the speech running, the waiting in order, the speeches given (every member)",
    { params: item }, { 200: json(Speakers, "The list"), ...errors(401, 403, 404) });
  path("post", "/api/v1/agenda/items/{id}/speakers", ["Speakers"], "Ask to speak on a scheduled or current item (a delegate of a present force, the committee, organizers); no body",
    { params: item }, { 201: json(Speaker, "The request, last on the list"), ...errors(401, 403, 404, 409, 429) },
    "409 `already_waiting` (a person waits at most once per item), `list_closed`, `list_full` (at most 100 waiting), `not_present` (no member of the delegate's force is checked in), `item_not_open`; 429 `too_often` after 5 requests on the item in 10 minutes.");
  path("patch", "/api/v1/agenda/items/{id}/speakers", ["Speakers"], "Close or reopen the list (the chair: organizers and the committee); those waiting stay",
    { params: item, ...body(SpeakersClosedSchema) }, { 200: json(z.object({ itemId: z.string(), closed: z.boolean() }), "The list's state"), ...errors(400, 401, 403, 404) });
  path("post", "/api/v1/agenda/items/{id}/speakers/next", ["Speakers"], "The chair's next: the speech running ends (its end time kept) and the first waiting starts",
    { params: item, ...body(NextSpeakerSchema) }, { 200: json(z.object({ speakingId: z.string().nullable() }), "The speech now running (null: none was waiting)"), ...errors(400, 401, 403, 404, 409) },
    "`speakingId` is the speech the chair saw running (null for none): 409 `moved_on` when the list moved since, so a double press skips no one; 409 `no_next` when no one speaks or waits.");
  path("delete", "/api/v1/speakers/{id}", ["Speakers"], "A waiting request leaves the list: withdrawn by its speaker, removed by the chair",
    { params: speaker }, { 200: json(z.object({ id: z.string(), state: z.enum(["WITHDRAWN", "REMOVED"]) }), "Its state now"), ...errors(401, 403, 404, 409) },
    "409 `not_waiting` once it was started, withdrawn or removed.");
  path("post", "/api/v1/speakers/{id}/end", ["Speakers"], "End the speech running (the chair); no one starts",
    { params: speaker }, { 200: json(z.object({ id: z.string(), state: z.literal("DONE"), endedAt: z.string() }), "Ended"), ...errors(401, 403, 404, 409) },
    "409 `not_speaking` when it is not running.");
  path("post", "/api/v1/speakers/{id}/move", ["Speakers"], "Move a waiting request to a position among the waiting (from 0; past the end is last; the chair)",
    { params: speaker, ...body(MoveSpeakerSchema) }, { 200: json(z.object({ id: z.string(), position: z.number().int() }), "Where it is now"), ...errors(400, 401, 403, 404, 409) });

  path("post", "/api/v1/conferences/{id}/attendance/close", ["Attendance"], "Close check-in (organizers): every CONFIRMED invitation with no member checked in moves to NO_SHOW, one with a member to ATTENDED",
    { params: conf }, { 200: json(CloseCheckInResultSchema, "What this call moved"), ...errors(401, 403, 404) },
    "Each invitation moves through the invitation pipeline (version, history, audit). Idempotent: a second call (or two at once) moves nothing twice. Check-ins are then refused with 409 `checkin_closed` until reopened.");
  path("delete", "/api/v1/conferences/{id}/attendance/close", ["Attendance"], "Reopen check-in (organizers); NO_SHOW invitations stay so (the pipeline ends there)",
    { params: conf }, { 200: json(z.object({ reopened: z.boolean().meta({ description: "false: it was open" }) }), "Reopened"), ...errors(401, 403, 404) });
}
