// Amendment figures for the dashboard (issue 19): how many amendments stand in each state, and per force
// how many are open, accepted, rejected or withdrawn, over every paper of the conference. Drafts are not
// counted: they are a force's working copy, which staff do not see (visibility.server.ts).
import type { AmendmentState, Prisma, PrismaClient } from "@prisma/client";
import type { Actor } from "~/policy";
import { amendmentGroups, countedStates, groupOf, type AmendmentGroup } from "../amendment-figures";
import { assertMay } from "../errors";

type Db = PrismaClient | Prisma.TransactionClient;

export interface AmendmentFigures {
  byState: Record<Exclude<AmendmentState, "DRAFT">, number>;
  /** Forces with at least one counted amendment, most amendments first. */
  byForce: { forceId: string; nameAr: string; nameKu: string | null; nameEn: string | null; groups: Record<AmendmentGroup, number>; total: number }[];
}

export async function amendmentFigures(db: Db, actor: Actor, conferenceId: string): Promise<AmendmentFigures> {
  assertMay(actor, "amendment.read", { conferenceId, forceId: null }, "You may not read every force's amendments in this conference");
  const rows = await db.amendment.groupBy({ by: ["forceId", "state"], where: { paper: { conferenceId }, state: { not: "DRAFT" } }, _count: { _all: true } });
  const byState = Object.fromEntries(countedStates.map((s) => [s, 0])) as AmendmentFigures["byState"];
  const perForce = new Map<string, Record<AmendmentGroup, number>>();
  for (const r of rows) {
    const state = r.state as Exclude<AmendmentState, "DRAFT">;
    byState[state] += r._count._all;
    const g = perForce.get(r.forceId) ?? { open: 0, accepted: 0, rejected: 0, withdrawn: 0 };
    g[groupOf[state]] += r._count._all;
    perForce.set(r.forceId, g);
  }
  const forces = await db.force.findMany({ where: { id: { in: [...perForce.keys()] } }, select: { id: true, nameAr: true, nameKu: true, nameEn: true } });
  const byForce = forces
    .map((f) => {
      const groups = perForce.get(f.id)!;
      return { forceId: f.id, nameAr: f.nameAr, nameKu: f.nameKu, nameEn: f.nameEn, groups, total: amendmentGroups.reduce((s, k) => s + groups[k], 0) };
    })
    .sort((a, b) => b.total - a.total || a.nameAr.localeCompare(b.nameAr, "ar"));
  return { byState, byForce };
}
