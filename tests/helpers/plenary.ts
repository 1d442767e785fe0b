// A conference on its day, for the plenary tests: forces with confirmed invitations and named delegation
// members, two delegate accounts per force, the chair's roles, and a paper with amendments to vote on.
import type { ForceKind, PrismaClient, Region, Role } from "@prisma/client";
import type { Actor } from "~/policy";

export interface PlenaryForce {
  forceId: string;
  invitationId: string;
  /** Delegation member ids: [named delegate, second delegate, substitute]. */
  members: [string, string, string];
  /** Two accounts speaking for the force. */
  delegates: [Actor, Actor];
}

export interface Plenary {
  conferenceId: string;
  organizer: Actor;
  committee: Actor;
  observer: Actor;
  forces: PlenaryForce[];
  paperId: string;
  /** Amendments in state SUBMITTED, one per force. */
  amendments: string[];
  /** An amendment still a draft (not votable). */
  draft: string;
  /** An invitation still SENT, with a member. */
  unconfirmed: { invitationId: string; memberId: string };
  /** An organizer of another conference. */
  outsider: Actor;
}

const kinds: ForceKind[] = ["PARTY", "BLOC", "CSO", "TRIBE"];
const regions: Region[] = ["NORTH_EAST_SYRIA", "OTHER_SYRIAN_REGIONS", "ABROAD"];

export async function plenary(prisma: PrismaClient, forceCount = 6): Promise<Plenary> {
  const tag = Math.random().toString(36).slice(2, 8);
  const conf = await prisma.conference.create({ data: { slug: `day-${tag}`, nameAr: "مؤتمر الهيئة العامة", city: "قامشلو", requireSecondFactor: false } });
  const person = async (key: string, role: Role, forceId: string | null = null, conferenceId = conf.id): Promise<Actor> => {
    const u = await prisma.user.create({ data: { email: `${key}-${tag}@example.org`, name: key } });
    await prisma.membership.create({ data: { userId: u.id, conferenceId, role, forceId } });
    return { id: u.id, memberships: [{ conferenceId, role, forceId }] };
  };
  const organizer = await person("organizer", "ORGANIZER");
  const paper = await prisma.paper.create({ data: { conferenceId: conf.id, title: "ورقة العمل" } });
  const forces: PlenaryForce[] = [];
  const amendments: string[] = [];
  for (let i = 0; i < forceCount; i++) {
    const nameAr = `القوة ${i + 1}`;
    const f = await prisma.force.create({ data: { conferenceId: conf.id, kind: kinds[i % kinds.length]!, nameAr, nameKey: nameAr, region: regions[i % regions.length]! } });
    const inv = await prisma.invitation.create({ data: { conferenceId: conf.id, forceId: f.id, status: "CONFIRMED", version: 4, seatQuota: 3 } });
    const m = async (name: string, isSubstitute = false) => (await prisma.delegationMember.create({ data: { invitationId: inv.id, name, isSubstitute } })).id;
    const members: [string, string, string] = [await m(`مندوب أول ${i + 1}`), await m(`مندوب ثان ${i + 1}`), await m(`بديل ${i + 1}`, true)];
    forces.push({ forceId: f.id, invitationId: inv.id, members, delegates: [await person(`d${i}a`, "DELEGATE", f.id), await person(`d${i}b`, "DELEGATE", f.id)] });
    amendments.push((await prisma.amendment.create({ data: { paperId: paper.id, forceId: f.id, type: "GENERAL", state: "SUBMITTED", proposedText: `تعديل ${i + 1}`, createdById: organizer.id } })).id);
  }
  const draft = (await prisma.amendment.create({ data: { paperId: paper.id, forceId: forces[0]!.forceId, type: "GENERAL", state: "DRAFT", createdById: organizer.id } })).id;
  const late = await prisma.force.create({ data: { conferenceId: conf.id, kind: "PARTY", nameAr: "قوة لم تؤكد", nameKey: "قوة لم تؤكد", region: "ABROAD" } });
  const lateInv = await prisma.invitation.create({ data: { conferenceId: conf.id, forceId: late.id, status: "SENT", version: 3 } });
  const lateMember = await prisma.delegationMember.create({ data: { invitationId: lateInv.id, name: "مندوب متأخر" } });
  const other = await prisma.conference.create({ data: { slug: `other-${tag}`, nameAr: "مؤتمر آخر", city: "أربيل" } });
  return {
    conferenceId: conf.id,
    organizer,
    committee: await person("committee", "COMMITTEE"),
    observer: await person("observer", "OBSERVER"),
    forces,
    paperId: paper.id,
    amendments,
    draft,
    unconfirmed: { invitationId: lateInv.id, memberId: lateMember.id },
    outsider: await person("outsider", "ORGANIZER", null, other.id),
  };
}
