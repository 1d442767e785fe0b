// POST /api/v1/agenda/sessions/:id/items — add an item to the session, last (ADR 0057)
import { json } from "@remix-run/node";
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { createItem } from "~/domain/agenda.server";
import { NewItemSchema } from "~/domain/agenda-schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const input = await readJson(request, NewItemSchema);
  return json(await createItem(services.prisma, user, { ...input, sessionId: params.id! }, commandMeta(request, services)), { status: 201 });
});
