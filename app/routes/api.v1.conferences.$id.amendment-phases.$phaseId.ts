// PATCH  /api/v1/conferences/:id/amendment-phases/:phaseId { name?, openAt, closeAt } — change a phase
// DELETE /api/v1/conferences/:id/amendment-phases/:phaseId — remove it (its submissions stay)
import { json } from "@remix-run/node";
import { z } from "zod";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { deletePhase, updatePhase } from "~/domain/amendments.server";
import { amendmentDeps } from "~/http/amendments-page.server";

export const loader = api(async () => methodNotAllowed("PATCH, DELETE"));

export const action = api(async ({ request, params, user, context }) => {
  const deps = amendmentDeps(context, request);
  if (request.method === "DELETE") {
    await deletePhase(deps, user, params.id!, params.phaseId!);
    return new Response(null, { status: 204 });
  }
  if (request.method !== "PATCH") return methodNotAllowed("PATCH, DELETE");
  const body = await readJson(request, z.record(z.string(), z.unknown()));
  const p = await updatePhase(deps, user, params.id!, { ...body, id: params.phaseId! });
  return json({ id: p.id, name: p.name, openAt: p.openAt.toISOString(), closeAt: p.closeAt.toISOString() });
});
