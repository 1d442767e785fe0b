// POST /api/v1/conferences/:id/agenda/next — the chair's "next", naming the item it saw on the floor (ADR 0054, 0057)
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { nextItem } from "~/domain/agenda.server";
import { NextItemSchema } from "~/domain/agenda-schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return nextItem(services.prisma, user, params.id!, await readJson(request, NextItemSchema), commandMeta(request, services));
});
