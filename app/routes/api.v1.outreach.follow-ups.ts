// GET /api/v1/outreach/follow-ups?owner=me|all|<userId>&dueNow=1&withinDays=7 — open follow-ups, most urgent first
import { api } from "~/http/api.server";
import { conferenceParam, methodNotAllowed, queryIn } from "~/http/coordination-api.server";
import { FollowUpsFilter, openFollowUps } from "~/domain/outreach.server";

export const loader = api(async ({ request, user, services }) => {
  const q = queryIn(request, FollowUpsFilter);
  const ownerId = q.owner === "me" ? user.id : q.owner === "all" ? undefined : q.owner;
  return { followUps: await openFollowUps(services.prisma, user, conferenceParam(request, user), { ownerId, dueNowOnly: q.dueNow, withinDays: q.withinDays }) };
});

export const action = async () => methodNotAllowed("GET");
