// GET  /api/v1/conferences/:id/votes — the conference's votes, newest first, each as the caller may see it
// POST /api/v1/conferences/:id/votes — the chair opens a vote (ADR 0053)
import { json } from "@remix-run/node";
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { listVotes, openVote } from "~/domain/conference-day/votes.server";
import { OpenVoteSchema } from "~/domain/conference-day/schema";

export const loader = api(async ({ params, user, services }) => ({ data: await listVotes(services.prisma, user, params.id!) }));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("GET", "POST");
  const vote = await openVote(services.prisma, user, params.id!, await readJson(request, OpenVoteSchema), commandMeta(request, services));
  return json(vote, { status: 201 });
});
