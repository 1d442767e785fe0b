// POST /api/v1/amendments/:id/sign-off { step: ask|sendBack, note?, version? }
// The force's internal sign-off (ADR 0061): a delegate asks the force's lead to submit a draft; the lead
// sends it back with a note. The lead submits through /transitions { to: SUBMITTED }.
import { json } from "@remix-run/node";
import { z } from "zod";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { getAmendment, signOffStep } from "~/domain/amendments.server";
import { amendmentDeps } from "~/http/amendments-page.server";

export const loader = async () => methodNotAllowed("POST");

export const action = api(async ({ request, params, user, context }) => {
  const body = await readJson(request, z.record(z.string(), z.unknown()));
  const deps = amendmentDeps(context, request);
  const result = await signOffStep(deps, user, params.id!, body);
  const view = await getAmendment(deps, user, params.id!);
  return json({ ...result, amendment: view.amendment, signOff: view.signOff });
});
