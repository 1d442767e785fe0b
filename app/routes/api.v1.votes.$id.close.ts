// POST /api/v1/votes/:id/close { "version"?: n } — the chair closes an open vote; no ballot is taken after.
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { closeVote } from "~/domain/conference-day/votes.server";
import { VoteStepSchema } from "~/domain/conference-day/schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return closeVote(services.prisma, user, params.id!, await readJson(request, VoteStepSchema), commandMeta(request, services));
});
