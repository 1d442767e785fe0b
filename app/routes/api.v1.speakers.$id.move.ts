// POST /api/v1/speakers/:id/move { "position": n } — the chair moves a waiting request (ADR 0069)
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { moveSpeaker } from "~/domain/speakers.server";
import { MoveSpeakerSchema } from "~/domain/speakers-schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return moveSpeaker(services.prisma, user, params.id!, await readJson(request, MoveSpeakerSchema), commandMeta(request, services));
});
