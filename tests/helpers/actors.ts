// An account as the policy sees it (its memberships), read from the database: for tests that call the
// domain directly, which asks the policy itself (ADR 0037).
import type { PrismaClient } from "@prisma/client";
import type { Actor } from "~/policy";

export async function actorFor(prisma: PrismaClient, userId: string): Promise<Actor> {
  const memberships = await prisma.membership.findMany({ where: { userId }, select: { conferenceId: true, role: true, forceId: true } });
  return { id: userId, memberships };
}
