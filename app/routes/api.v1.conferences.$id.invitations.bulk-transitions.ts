// POST /api/v1/conferences/:id/invitations/bulk-transitions { to, note?, items: [{ id, version? }] }
// Each row is checked on its own; the answer lists the rows changed and the rows refused, with why.
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { bulkTransition } from "~/domain/invitations.server";
import { BulkTransitionSchema } from "~/domain/invitations-schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  const res = await bulkTransition(services.prisma, user, params.id!, await readJson(request, BulkTransitionSchema), commandMeta(request, services));
  return {
    changed: res.changed.map(({ id, from, to, version }) => ({ id, from, to, version })),
    refused: res.refused,
  };
});
