// PUT    /api/v1/agenda/sessions/:id — replace a session's fields at the version read (409 stale_version)
// DELETE /api/v1/agenda/sessions/:id?version=n — delete it with its items (ADR 0057)
import { z } from "zod";
import { commandMeta } from "~/http/request.server";
import { parseQuery } from "~/domain/query-params";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { deleteSession, updateSession } from "~/domain/agenda.server";
import { UpdateSessionSchema } from "~/domain/agenda-schema";

export const loader = api(async () => methodNotAllowed("PUT", "DELETE"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method === "PUT") return updateSession(services.prisma, user, params.id!, await readJson(request, UpdateSessionSchema), commandMeta(request, services));
  if (request.method !== "DELETE") return methodNotAllowed("PUT", "DELETE");
  const { version } = parseQuery(z.object({ version: z.coerce.number().int().min(1) }), new URL(request.url).searchParams);
  await deleteSession(services.prisma, user, params.id!, { version }, commandMeta(request, services));
  return { id: params.id!, deleted: true };
});
