// The demo conference (prisma/seed.ts) as actors and ids, for the coordination area's data tests.
import type { PrismaClient } from "@prisma/client";
import type { Actor } from "../../app/policy.js";
import { afterAll, beforeAll } from "vitest";
import { seedDemo } from "../../prisma/seed.js";
import { freshDb, type Backend, type TestDb } from "./db.js";

export interface DemoWorld {
  conferenceId: string;
  actors: Record<"organizer" | "committee" | "committee2" | "delegate" | "delegate2" | "observer", Actor & { name: string }>;
  /** Forces by their English demo name. */
  force(nameEn: string): string;
  outsider: Actor;
}

export async function demoWorld(prisma: PrismaClient): Promise<DemoWorld> {
  await seedDemo(prisma);
  const conf = await prisma.conference.findFirstOrThrow({ where: { slug: "opposition-conference" } });
  const users = await prisma.user.findMany({ select: { id: true, email: true, name: true, memberships: { select: { conferenceId: true, role: true, forceId: true } } } });
  const actors = Object.fromEntries(users.map((u) => [u.email.split("@")[0]!, { id: u.id, name: u.name, memberships: u.memberships }])) as DemoWorld["actors"];
  const forces = await prisma.force.findMany({ where: { conferenceId: conf.id }, select: { id: true, nameEn: true } });
  const other = await prisma.conference.create({ data: { slug: `other-${Date.now()}`, nameAr: "مؤتمر آخر", city: "أربيل" } });
  const outsiderUser = await prisma.user.create({ data: { email: `outsider-${Date.now()}@example.org`, name: "من الخارج" } });
  await prisma.membership.create({ data: { userId: outsiderUser.id, conferenceId: other.id, role: "ORGANIZER" } });
  return {
    conferenceId: conf.id,
    actors,
    force(nameEn) {
      const f = forces.find((x) => x.nameEn === nameEn);
      if (!f) throw new Error(`no demo force ${nameEn}`);
      return f.id;
    },
    outsider: { id: outsiderUser.id, memberships: [{ conferenceId: other.id, role: "ORGANIZER", forceId: null }] },
  };
}

/**
 * A fresh database holding the demo world for the enclosing describe block, dropped after it: `ready`
 * receives both (and may prepare more) before the first test.
 */
export function withDemoWorld(backend: Backend, ready: (db: TestDb, w: DemoWorld) => void | Promise<void>) {
  let db: TestDb | undefined;
  beforeAll(async () => {
    db = await freshDb(backend);
    await ready(db, await demoWorld(db.prisma));
  });
  afterAll(async () => db?.destroy());
}
