// GET /api/v1/plans/progress — per horizon: totals by status, overdue, percent done (dropped items left out)
import { api } from "~/http/api.server";
import { conferenceParam, noQuery, methodNotAllowed } from "~/http/coordination-api.server";
import { listPlanItems, progressByHorizon } from "~/domain/plans.server";

export const loader = api(async ({ request, user, services }) => (noQuery(request), { progress: progressByHorizon(await listPlanItems(services.prisma, user, conferenceParam(request, user))) }));

export const action = async () => methodNotAllowed("GET");
