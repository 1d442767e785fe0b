// The check-in desk's one command, shared by the no-JavaScript page action (/checkin) and the JSON
// endpoint the page's script posts to (/checkin/scan, which lets it tell a network failure from a refusal).
import type { PrismaClient } from "@prisma/client";
import type { Actor } from "~/policy";
import { checkIn } from "~/domain/conference-day/attendance.server";
import type { DayMeta } from "~/domain/conference-day/common.server";

export interface DeskOutcome {
  kind: "checkin";
  memberId: string;
  name: string;
  forceName: string;
  already: boolean;
  checkedInAt: string;
}

export async function deskCheckIn(prisma: PrismaClient, actor: Actor, conferenceId: string, input: { code: string; substituteFor?: string }, meta: DayMeta): Promise<DeskOutcome> {
  const r = await checkIn(prisma, actor, conferenceId, { code: input.code, ...(input.substituteFor ? { substituteFor: input.substituteFor } : {}) }, meta);
  const force = await prisma.force.findUniqueOrThrow({ where: { id: r.forceId }, select: { nameAr: true } });
  return { kind: "checkin", memberId: r.memberId, name: r.name, forceName: force.nameAr, already: r.already, checkedInAt: r.checkedInAt };
}
