// DELETE /api/v1/speakers/:id — a waiting request leaves the list: withdrawn by its speaker, removed by the chair (ADR 0069)
import { commandMeta } from "~/http/request.server";
import { api, methodNotAllowed } from "~/http/api.server";
import { removeSpeaker } from "~/domain/speakers.server";

export const loader = api(async () => methodNotAllowed("DELETE"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "DELETE") return methodNotAllowed("DELETE");
  return removeSpeaker(services.prisma, user, params.id!, commandMeta(request, services));
});
