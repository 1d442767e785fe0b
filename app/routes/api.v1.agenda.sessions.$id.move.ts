// POST /api/v1/agenda/sessions/:id/move — to a position among its day's sessions, taking that time slot (ADR 0071)
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { moveSession } from "~/domain/agenda.server";
import { MoveSessionSchema } from "~/domain/agenda-schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return moveSession(services.prisma, user, params.id!, await readJson(request, MoveSessionSchema), commandMeta(request, services));
});
