// GET   /api/v1/agenda/items/:id/speakers — the item's list of speakers (ADR 0069)
// POST  /api/v1/agenda/items/:id/speakers — the caller asks to speak (no body)
// PATCH /api/v1/agenda/items/:id/speakers { "closed": true|false } — the chair closes or reopens the list
import { json } from "@remix-run/node";
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { listSpeakers, requestToSpeak, setSpeakersClosed } from "~/domain/speakers.server";
import { SpeakersClosedSchema } from "~/domain/speakers-schema";

export const loader = api(async ({ params, user, services }) => listSpeakers(services.prisma, user, params.id!));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method === "POST") return json(await requestToSpeak(services.prisma, user, params.id!, commandMeta(request, services)), { status: 201 });
  if (request.method === "PATCH") return setSpeakersClosed(services.prisma, user, params.id!, await readJson(request, SpeakersClosedSchema), commandMeta(request, services));
  return methodNotAllowed("GET", "POST", "PATCH");
});
