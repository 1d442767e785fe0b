// POST /api/v1/votes/:id/ballots { "option": "YES" } — a delegate casts their present force's ballot.
// 201 with the receipt; 409 details.reason already_voted | vote_closed (with closedAt) | force_absent.
import { json } from "@remix-run/node";
import { commandMeta } from "~/http/request.server";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { castBallot } from "~/domain/conference-day/votes.server";
import { CastBallotSchema } from "~/domain/conference-day/schema";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const receipt = await castBallot(services.prisma, user, params.id!, await readJson(request, CastBallotSchema), commandMeta(request, services));
  return json(receipt, { status: 201 });
});
