// POST /api/v1/agenda/items/:id/transitions — one step along the item's graph (ADR 0054, 0057)
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { transitionItem } from "~/domain/agenda.server";
import { TransitionItemSchema } from "~/domain/agenda-schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return (await transitionItem(services.prisma, user, params.id!, await readJson(request, TransitionItemSchema), commandMeta(request, services))) ?? { currentItemId: params.id! };
});
