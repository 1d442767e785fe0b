// GET /api/v1/conferences/:id/voting-mode — who casts a force's ballot (every member may read it)
// PUT /api/v1/conferences/:id/voting-mode { "votingMode": "ANY_PRESENT_DELEGATE" | "VOTING_DELEGATE" } — organizers
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { getVotingMode, setVotingMode } from "~/domain/conference-day/attendance.server";
import { VotingModeSchema } from "~/domain/conference-day/schema";

export const loader = api(async ({ params, user, services }) => getVotingMode(services.prisma, user, params.id!));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "PUT") return methodNotAllowed("GET", "PUT");
  return setVotingMode(services.prisma, user, params.id!, await readJson(request, VotingModeSchema), commandMeta(request, services));
});
