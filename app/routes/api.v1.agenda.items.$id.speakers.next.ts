// POST /api/v1/agenda/items/:id/speakers/next { "speakingId": "…"|null } — the chair's next speaker (ADR 0069)
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { nextSpeaker } from "~/domain/speakers.server";
import { NextSpeakerSchema } from "~/domain/speakers-schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return nextSpeaker(services.prisma, user, params.id!, await readJson(request, NextSpeakerSchema), commandMeta(request, services));
});
