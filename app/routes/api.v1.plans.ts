// GET /api/v1/plans — plan items (filters: horizon, status, ownerId, forceId, representationId, overdue)
// POST /api/v1/plans — create a plan item
import { api } from "~/http/api.server";
import { conferenceParam, created, methodNotAllowed, queryIn, readObject } from "~/http/coordination-api.server";
import { PlanFilter, createPlanItem, listPlanItems } from "~/domain/plans.server";
import { clientIp } from "~/http/request.server";

export const loader = api(async ({ request, user, services }) => ({ items: await listPlanItems(services.prisma, user, conferenceParam(request, user), queryIn(request, PlanFilter)) }));

export const action = api(async ({ request, user, services }) => {
  if (request.method !== "POST") return methodNotAllowed("GET", "POST");
  return created(await createPlanItem(services.prisma, user, conferenceParam(request, user), await readObject(request), {}, { ip: clientIp(request) }));
});
