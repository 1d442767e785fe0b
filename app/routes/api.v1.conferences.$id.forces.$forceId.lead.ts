// PUT /api/v1/conferences/:id/forces/:forceId/lead { userId: string|null }
// Names the force's lead delegate, who signs off its amendments (ADR 0061): organizers, or the current lead.
import { z } from "zod";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { setForceLead } from "~/domain/amendments.server";
import { amendmentDeps } from "~/http/amendments-page.server";

export const loader = api(async () => methodNotAllowed("PUT"));

export const action = api(async ({ request, params, user, context }) => {
  if (request.method !== "PUT") return methodNotAllowed("PUT");
  const body = await readJson(request, z.record(z.string(), z.unknown()));
  return setForceLead(amendmentDeps(context, request), user, params.id!, params.forceId!, body);
});
