// POST /api/v1/agenda/items/:id/current — the chair puts the item on the floor (ADR 0054, 0057)
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { setCurrent } from "~/domain/agenda.server";
import { SetCurrentSchema } from "~/domain/agenda-schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  await setCurrent(services.prisma, user, params.id!, await readJson(request, SetCurrentSchema), commandMeta(request, services));
  return { currentItemId: params.id! };
});
