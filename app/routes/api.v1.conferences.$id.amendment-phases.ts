// GET  /api/v1/conferences/:id/amendment-phases — the phases and where the window stands now
// POST /api/v1/conferences/:id/amendment-phases { name?, openAt, closeAt } — add a phase (organizers)
// ADR 0061: submission is open while one of the conference's non-overlapping phases is.
import { json } from "@remix-run/node";
import { z } from "zod";
import { api, readJson, methodNotAllowed } from "~/http/api.server";
import { addPhase, windowAt, windowView } from "~/domain/amendments.server";
import { amendmentDeps } from "~/http/amendments-page.server";
import { assertMay } from "~/domain/errors";

export const loader = api(async ({ params, user, context }) => {
  assertMay(user, "conference.read", { conferenceId: params.id! });
  const now = new Date();
  const w = await windowAt(context.services.prisma, params.id!, now);
  return json({ phases: w.phases.map((p) => ({ id: p.id, name: p.name, number: w.numberOf(p), openAt: p.openAt.toISOString(), closeAt: p.closeAt.toISOString() })), window: windowView(w, now) });
});

export const action = api(async ({ request, params, user, context }) => {
  if (request.method !== "POST") return methodNotAllowed("GET, POST");
  const body = await readJson(request, z.record(z.string(), z.unknown()));
  const p = await addPhase(amendmentDeps(context, request), user, params.id!, body);
  return json({ id: p.id, name: p.name, openAt: p.openAt.toISOString(), closeAt: p.closeAt.toISOString() }, { status: 201 });
});
