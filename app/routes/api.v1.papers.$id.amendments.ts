// GET  /api/v1/papers/:id/amendments — the amendments of a paper the caller may see (filters:
//      section, forceId, forceKind, type, state), in paper order, with anchors resolved and overlaps.
// POST /api/v1/papers/:id/amendments — a new draft on behalf of the caller's force.
import { json } from "@remix-run/node";
import { z } from "zod";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { createAmendment, getAmendment, listAmendments } from "~/domain/amendments.server";
import { amendmentDeps, filtersFrom } from "~/http/amendments-page.server";

export const loader = api(async ({ request, params, user, context }) => {
  const list = await listAmendments(amendmentDeps(context), user, params.id!, filtersFrom(new URL(request.url)));
  return { paper: list.paper, amendments: list.items, sections: list.sections, counts: list.counts };
});

export const action = api(async ({ request, params, user, context }) => {
  if (request.method !== "POST") return methodNotAllowed("GET", "POST");
  const body = await readJson(request, z.record(z.string(), z.unknown()));
  const deps = amendmentDeps(context, request);
  const a = await createAmendment(deps, user, params.id!, body);
  return json({ amendment: (await getAmendment(deps, user, a.id)).amendment }, { status: 201 });
});
