// POST /api/v1/amendments/:id/recommendation { recommendation: ACCEPT|ACCEPT_WITH_CHANGES|REJECT, note? }
// The committee's recommendation, kept apart from the decision.
import { json } from "@remix-run/node";
import { z } from "zod";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { recommend } from "~/domain/amendments.server";
import { amendmentDeps } from "~/http/amendments-page.server";

export const loader = async () => methodNotAllowed("POST");

export const action = api(async ({ request, params, user, context }) => {
  const body = await readJson(request, z.record(z.string(), z.unknown()));
  const view = await recommend(amendmentDeps(context, request), user, params.id!, body);
  return json({ amendment: view.amendment });
});
