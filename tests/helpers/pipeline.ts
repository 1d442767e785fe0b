// A conference with one user per role, as plain Actors the domain accepts (no HTTP, no session).
import type { PrismaClient, Role } from "@prisma/client";
import type { Actor } from "~/policy";

export interface PipelineFixture {
  conferenceId: string;
  organizer: Actor;
  organizer2: Actor;
  committee: Actor;
  observer: Actor;
  /** A delegate of `ownForceId`. */
  delegate: Actor;
  ownForceId: string;
}

export async function pipelineFixture(prisma: PrismaClient, slug = "conf"): Promise<PipelineFixture> {
  const conf = await prisma.conference.create({ data: { slug, nameAr: "مؤتمر الاختبار", city: "قامشلو" } });
  const own = await prisma.force.create({
    data: { conferenceId: conf.id, kind: "PARTY", nameAr: "حزب المندوب", nameKey: "حزب المندوب", searchText: "حزب المندوب", region: "NORTH_EAST_SYRIA" },
  });
  const mk = async (email: string, role: Role, forceId: string | null = null): Promise<Actor> => {
    const u = await prisma.user.create({ data: { email: `${email}-${slug}@example.org`, name: email } });
    await prisma.membership.create({ data: { userId: u.id, conferenceId: conf.id, role, forceId } });
    return { id: u.id, memberships: [{ conferenceId: conf.id, role, forceId }] };
  };
  return {
    conferenceId: conf.id,
    organizer: await mk("organizer", "ORGANIZER"),
    organizer2: await mk("organizer2", "ORGANIZER"),
    committee: await mk("committee", "COMMITTEE"),
    observer: await mk("observer", "OBSERVER"),
    delegate: await mk("delegate", "DELEGATE", own.id),
    ownForceId: own.id,
  };
}
