// POST /api/v1/agenda/items/:id/move — to a position in its session or another of the conference (ADR 0057)
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { moveItem } from "~/domain/agenda.server";
import { MoveItemSchema } from "~/domain/agenda-schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return moveItem(services.prisma, user, params.id!, await readJson(request, MoveItemSchema), commandMeta(request, services));
});
