// "What changed today" (issue 19): the conference's changes of one day to invitations, amendments, paper
// versions and outreach, newest first, read from the audit trail (ADR 0032) that every change already
// writes in its transaction. For organizers and the committee (activity.read); the full trail with
// sign-ins, addresses and data stays the organizers' audit page.
import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { Actor } from "~/policy";
import { dayRange } from "./audit.server";
import { calendarDay, officeTimeZone } from "./due-dates";
import { assertMay, parseInput } from "./errors";

import { activityKinds, activityPrefixes as prefixOf, type ActivityKind } from "./activity-kinds";

export { activityKinds };
const kindOf = (action: string) => activityKinds.find((k) => action.startsWith(prefixOf[k]))!;

export const ACTIVITY_MAX = 200;

const filterSchema = z.object({
  kind: z.enum(activityKinds).optional(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type ActivityFilter = z.infer<typeof filterSchema>;

export interface ActivityRow {
  id: string;
  at: Date;
  kind: ActivityKind;
  action: string;
  actor: string | null;
  subjectType: string;
  subjectId: string | null;
}

export async function listActivity(prisma: PrismaClient, actor: Actor, conferenceId: string, input: unknown, timeZone = officeTimeZone()): Promise<{ day: string; kind: ActivityKind | null; rows: ActivityRow[]; more: boolean }> {
  assertMay(actor, "activity.read", { conferenceId });
  const filter = parseInput(filterSchema, input);
  const day = filter.day ?? calendarDay(new Date(), timeZone);
  const kinds = filter.kind ? [filter.kind] : activityKinds;
  const where: Prisma.AuditEventWhereInput = {
    AND: [{ conferenceId }, { OR: kinds.map((k) => ({ action: { startsWith: prefixOf[k] } })) }, dayRange(day, timeZone)],
  };
  const found = await prisma.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: ACTIVITY_MAX + 1, select: { id: true, createdAt: true, action: true, actorId: true, subjectType: true, subjectId: true } });
  const page = found.slice(0, ACTIVITY_MAX);
  const ids = [...new Set(page.map((e) => e.actorId).filter((x): x is string => !!x))];
  const names = new Map((await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return {
    day,
    kind: filter.kind ?? null,
    more: found.length > ACTIVITY_MAX,
    rows: page.map((e) => ({ id: String(e.id), at: e.createdAt, kind: kindOf(e.action), action: e.action, actor: e.actorId ? (names.get(e.actorId) ?? null) : null, subjectType: e.subjectType, subjectId: e.subjectId })),
  };
}
