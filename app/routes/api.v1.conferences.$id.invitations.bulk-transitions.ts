// POST /api/v1/conferences/:id/invitations/bulk-transitions { to, note?, items: [{ id, version? }] }
// Each row is checked on its own; the answer lists the rows changed and the rows refused, with why.
import { clientIp } from "~/lib/http.server";
import { api, readJson, methodNotAllowed } from "~/lib/api.server";
import { bulkTransition } from "~/domain/invitations.server";
import { BulkTransitionSchema } from "~/domain/invitations-schema";
import { publishInvitationChanges } from "~/lib/invitations-live.server";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  const res = await bulkTransition(services.prisma, user, params.id!, await readJson(request, BulkTransitionSchema), { ip: clientIp(request) });
  publishInvitationChanges(services, params.id!, user.id, res.changed.map((c) => ({ id: c.id, forceId: c.forceId, status: c.to, version: c.version })));
  return {
    changed: res.changed.map(({ id, from, to, version }) => ({ id, from, to, version })),
    refused: res.refused,
  };
});
