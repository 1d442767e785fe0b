// PUT /api/v1/invitations/:id/delegates/:memberId/voting-delegate { "userId": "…" | null } — organizers name
// this member the force's voting delegate (the one before is no longer), linked to a delegate account or none.
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { designateVotingDelegateOf } from "~/domain/conference-day/attendance.server";
import { VotingDelegateBodySchema } from "~/domain/conference-day/schema";

export const loader = api(async () => methodNotAllowed("PUT"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "PUT") return methodNotAllowed("PUT");
  const { userId } = await readJson(request, VotingDelegateBodySchema);
  return designateVotingDelegateOf(services.prisma, user, params.id!, { memberId: params.memberId!, userId }, commandMeta(request, services));
});
