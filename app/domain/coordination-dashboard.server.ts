// What the dashboard shows of the coordination area: the reader's follow-ups due now, and what is
// overdue in the office (follow-ups and plan items). Null for those who may not read outreach.
import type { PrismaClient } from "@prisma/client";
import { may, type Actor } from "~/policy";
import { openFollowUps, type Clock } from "./outreach.server";
import { listPlanItems } from "./plans.server";

export async function coordinationDue(prisma: PrismaClient, actor: Actor, conferenceId: string, clock: Clock = {}) {
  if (!may(actor, "outreach.read", { conferenceId })) return null;
  const [mine, dueNow, overduePlans] = await Promise.all([
    openFollowUps(prisma, actor, conferenceId, { ownerId: actor.id, dueNowOnly: true }, clock),
    openFollowUps(prisma, actor, conferenceId, { dueNowOnly: true, limit: 50 }, clock),
    may(actor, "plan.read", { conferenceId }) ? listPlanItems(prisma, actor, conferenceId, { overdue: true }, clock) : Promise.resolve([]),
  ]);
  return {
    canWrite: may(actor, "outreach.write", { conferenceId }),
    mine,
    overdueFollowUps: dueNow.filter((e) => e.followUp?.state === "overdue").slice(0, 10),
    overduePlans: overduePlans.slice(0, 10),
  };
}
