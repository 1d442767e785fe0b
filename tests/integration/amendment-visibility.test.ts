// Who sees which amendment is decided twice: in SQL (visibleWhere, the list's query) and in JS
// (audienceOf, for one amendment and for each listed row). A property test on a real PGlite database:
// for random amendments, actors (any role, force, second-factor standing, or none) and publication
// states, the rows the SQL filter returns are exactly those audienceOf lets the actor see.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fc from "fast-check";
import type { AmendmentState, Role } from "@prisma/client";
import { freshDb, type TestDb } from "../helpers/db.js";
import { audienceOf, visibleWhere } from "../../app/domain/amendments.server.js";
import { amendmentStates } from "../../app/domain/amendment-states.js";
import { roles, type Actor, type ActorMembership } from "../../app/policy.js";

describe("amendment visibility: audienceOf and visibleWhere agree (PGlite)", () => {
  let db: TestDb;
  let conferenceId: string;
  let otherConferenceId: string;
  let paperId: string;
  let forces: string[];
  let users: string[];

  beforeAll(async () => {
    db = await freshDb("pglite");
    const conf = await db.prisma.conference.create({ data: { slug: "visibility", nameAr: "مؤتمر", city: "قامشلو" } });
    const other = await db.prisma.conference.create({ data: { slug: "elsewhere", nameAr: "مؤتمر آخر", city: "برلين" } });
    [conferenceId, otherConferenceId] = [conf.id, other.id];
    const force = (conferenceId: string, nameAr: string) => db.prisma.force.create({ data: { conferenceId, kind: "PARTY", nameAr, nameKey: nameAr, region: "NORTH_EAST_SYRIA" } });
    // Two forces here, and one of the other conference (a membership may name a force it has no amendment of).
    forces = [(await force(conf.id, "حزب أ")).id, (await force(conf.id, "حزب ب")).id, (await force(other.id, "حزب ج")).id];
    users = [];
    for (let i = 0; i < 4; i++) users.push((await db.prisma.user.create({ data: { email: `u${i}@example.org`, name: `user ${i}` } })).id);
    paperId = (await db.prisma.paper.create({ data: { conferenceId: conf.id, title: "ورقة" } })).id;
  });
  afterAll(async () => db?.destroy());

  const membership = fc.record({
    role: fc.constantFrom<Role>(...roles),
    // Delegates name a force; other roles usually do not, but the rule must hold either way.
    force: fc.constantFrom<number | null>(null, 0, 1, 2),
    secondFactorRequired: fc.boolean(),
  });
  const actorArb = fc.record({
    user: fc.nat({ max: 3 }),
    here: fc.option(membership, { nil: undefined }),
    elsewhere: fc.option(membership, { nil: undefined }),
    secondFactor: fc.boolean(),
  });
  const amendmentArb = fc.record({
    force: fc.nat({ max: 1 }),
    state: fc.constantFrom<AmendmentState>(...amendmentStates),
    creator: fc.nat({ max: 3 }),
  });

  it("for random amendments, actors and publication, the SQL filter returns exactly what audienceOf shows", async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(amendmentArb, { maxLength: 14 }), fc.array(actorArb, { minLength: 1, maxLength: 6 }), async (published, amendments, actors) => {
        await db.prisma.amendment.deleteMany({ where: { paperId } });
        const conference = await db.prisma.conference.update({ where: { id: conferenceId }, data: { decisionsPublishedAt: published ? new Date() : null } });
        await db.prisma.amendment.createMany({
          data: amendments.map((a) => ({ paperId, forceId: forces[a.force]!, type: "GENERAL" as const, state: a.state, createdById: users[a.creator]!, rationale: "ملاحظة" })),
        });
        const all = await db.prisma.amendment.findMany({
          where: { paperId },
          include: { paper: { select: { id: true, conferenceId: true, title: true } }, force: { select: { id: true, kind: true, nameAr: true, nameKu: true, nameEn: true } } },
        });
        for (const a of actors) {
          const m = (conf: string, x: typeof a.here): ActorMembership[] =>
            x ? [{ conferenceId: conf, role: x.role, forceId: x.force === null ? null : forces[x.force]!, secondFactorRequired: x.secondFactorRequired }] : [];
          const actor: Actor = { id: users[a.user]!, secondFactor: a.secondFactor, memberships: [...m(otherConferenceId, a.elsewhere), ...m(conferenceId, a.here)] };
          const bySql = await db.prisma.amendment.findMany({ where: { paperId, AND: [visibleWhere(actor, conferenceId, conference)] }, select: { id: true } });
          const byJs = all.filter((x) => audienceOf(actor, x, conference) !== null).map((x) => x.id);
          expect(new Set(bySql.map((r) => r.id)), JSON.stringify({ published, actor, amendments })).toEqual(new Set(byJs));
        }
      }),
      { numRuns: 150 },
    );
  });
});
