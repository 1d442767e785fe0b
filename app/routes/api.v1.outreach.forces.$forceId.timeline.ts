// GET /api/v1/outreach/forces/:forceId/timeline — outreach, invitation events and amendments of one force, newest first
import { api } from "~/http/api.server";
import { conferenceParam, noQuery, methodNotAllowed } from "~/http/coordination-api.server";
import { forceTimeline } from "~/domain/outreach.server";

export const loader = api(async ({ request, params, user, services }) => (noQuery(request), forceTimeline(services.prisma, user, conferenceParam(request, user), params.forceId!)));

export const action = async () => methodNotAllowed("GET");
