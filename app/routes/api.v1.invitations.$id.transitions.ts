// POST /api/v1/invitations/:id/transitions { "to": "CONFIRMED", "note": "…", "version": n }
// 200 with the invitation; 409 illegal_transition or stale_version (nothing changed); 403; 404.
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { transitionInvitation } from "~/domain/invitations.server";
import { TransitionSchema } from "~/domain/invitations-schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  const inv = await transitionInvitation(services.prisma, user, params.id!, await readJson(request, TransitionSchema), commandMeta(request, services));
  return inv;
});
