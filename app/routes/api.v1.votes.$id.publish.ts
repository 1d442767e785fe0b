// POST /api/v1/votes/:id/publish { "version"?: n } — the chair publishes a closed vote's result to everyone.
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { publishVote } from "~/domain/conference-day/votes.server";
import { VoteStepSchema } from "~/domain/conference-day/schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return publishVote(services.prisma, user, params.id!, await readJson(request, VoteStepSchema), commandMeta(request, services));
});
