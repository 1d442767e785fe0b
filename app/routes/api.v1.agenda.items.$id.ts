// PUT    /api/v1/agenda/items/:id — replace an item's kind, title, reference and notes at the version read
// DELETE /api/v1/agenda/items/:id?version=n — delete it (the floor empties if it was on it; ADR 0057)
import { z } from "zod";
import { commandMeta } from "~/http/request.server";
import { parseQuery } from "~/domain/query-params";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { deleteItem, updateItem } from "~/domain/agenda.server";
import { UpdateItemSchema } from "~/domain/agenda-schema";

export const loader = api(async () => methodNotAllowed("PUT", "DELETE"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method === "PUT") return updateItem(services.prisma, user, params.id!, await readJson(request, UpdateItemSchema), commandMeta(request, services));
  if (request.method !== "DELETE") return methodNotAllowed("PUT", "DELETE");
  const { version } = parseQuery(z.object({ version: z.coerce.number().int().min(1) }), new URL(request.url).searchParams);
  await deleteItem(services.prisma, user, params.id!, { version }, commandMeta(request, services));
  return { id: params.id!, deleted: true };
});
