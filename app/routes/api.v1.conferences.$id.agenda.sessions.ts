// POST /api/v1/conferences/:id/agenda/sessions — add a session (organizers and the committee; ADR 0057)
import { json } from "@remix-run/node";
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { createSession } from "~/domain/agenda.server";
import { CreateSessionSchema } from "~/domain/agenda-schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return json(await createSession(services.prisma, user, params.id!, await readJson(request, CreateSessionSchema), commandMeta(request, services)), { status: 201 });
});
