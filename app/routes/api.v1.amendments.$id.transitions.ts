// POST /api/v1/amendments/:id/transitions { to, note?, decidedText?, merge?, version? }
// Submit and withdraw (the force), review, decide and merge (the committee); the domain core checks the
// state graph, the policy, the window and the anchor. 409 with a reason when refused.
import { json } from "@remix-run/node";
import { z } from "zod";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { getAmendment, transition } from "~/domain/amendments.server";
import { amendmentDeps } from "~/http/amendments-page.server";

export const loader = async () => methodNotAllowed("POST");

export const action = api(async ({ request, params, user, context }) => {
  const body = await readJson(request, z.record(z.string(), z.unknown()));
  const deps = amendmentDeps(context, request);
  const result = await transition(deps, user, params.id!, body);
  return json({ ...result, amendment: (await getAmendment(deps, user, params.id!)).amendment });
});
