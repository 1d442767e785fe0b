// POST /api/v1/speakers/:id/end — the chair ends the speech running (ADR 0069)
import { commandMeta } from "~/http/request.server";
import { api, methodNotAllowed } from "~/http/api.server";
import { endSpeech } from "~/domain/speakers.server";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return endSpeech(services.prisma, user, params.id!, commandMeta(request, services));
});
