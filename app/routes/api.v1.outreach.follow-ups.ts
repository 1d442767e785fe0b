// GET /api/v1/outreach/follow-ups?owner=me|all|<userId>&dueNow=1&withinDays=7 — open follow-ups, most urgent first
import { z } from "zod";
import { api } from "~/lib/api.server";
import { conferenceParam, methodNotAllowed, queryIn } from "~/lib/coordination-api.server";
import { openFollowUps } from "~/domain/outreach.server";
import { flag } from "~/domain/coordination-common";

export const FollowUpsQuery = z.object({
  owner: z.string().trim().min(1).max(64).default("me"),
  dueNow: flag.optional(),
  withinDays: z.coerce.number().int().min(0).max(3650).optional(),
});

export const loader = api(async ({ request, user, services }) => {
  const q = queryIn(request, FollowUpsQuery);
  const ownerId = q.owner === "me" ? user.id : q.owner === "all" ? undefined : q.owner;
  return { followUps: await openFollowUps(services.prisma, user, conferenceParam(request, user), { ownerId, dueNowOnly: q.dueNow, withinDays: q.withinDays }) };
});

export const action = async () => methodNotAllowed(["GET"]);
