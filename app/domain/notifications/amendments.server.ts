// Who is told what about amendments (issue 18, ADR 0051), called by the amendment commands inside their
// transactions. The force hears what the force may see (state changes; a recommendation only once it
// is shared with the forces; never a note, a reason or an internal comment); the committee hears of
// new submissions and of the force's messages.
import type { AmendmentState, Prisma, PrismaClient, Recommendation } from "@prisma/client";
import { rolesSpeakingForAForce, rolesThatMay } from "~/policy";
import type { MailContext } from "../mail/outbox.server";
import type { AmendmentEvent } from "./kinds";
import { notify } from "./notify.server";
import type { NoticeParams } from "./text.server";

type Db = PrismaClient | Prisma.TransactionClient;

/** An amendment as the commands hold it (visibility.server's Loaded). */
export interface AmendmentRef {
  id: string;
  forceId: string;
  paper: { conferenceId: string; title: string };
  force: { nameAr: string; nameKu: string | null; nameEn: string | null };
}

const paramsOf = (a: AmendmentRef): NoticeParams => ({ paper: a.paper.title, force: { ar: a.force.nameAr, ku: a.force.nameKu, en: a.force.nameEn } });
const linkOf = (a: AmendmentRef) => `/amendments/${a.id}`;

const userIdsOf = async (db: Db, where: Prisma.MembershipWhereInput) => (await db.membership.findMany({ where, select: { userId: true } })).map((m) => m.userId);
/** The force's delegates. */
const delegatesOf = (db: Db, a: AmendmentRef) => userIdsOf(db, { conferenceId: a.paper.conferenceId, forceId: a.forceId, role: { in: [...rolesSpeakingForAForce] } });
/** Those who review amendments (committee and organizers). */
const reviewersOf = (db: Db, conferenceId: string) => userIdsOf(db, { conferenceId, role: { in: rolesThatMay("amendment.review") } });

/** The force's delegates, but the one who acted, hear what happened to its amendment. */
export async function noticeAmendmentChange(
  db: Db,
  mail: MailContext | undefined,
  a: AmendmentRef,
  actorId: string,
  change: { event: AmendmentEvent; state?: AmendmentState; recommendation?: Recommendation | null },
): Promise<string[]> {
  const params: NoticeParams = { ...paramsOf(a), event: change.event, ...(change.state ? { state: change.state } : {}), ...(change.recommendation ? { recommendation: change.recommendation } : {}) };
  return notify(
    db,
    { conferenceId: a.paper.conferenceId, kind: "amendment.changed", userIds: await delegatesOf(db, a), params, link: linkOf(a), about: { action: "amendment.read", forceId: a.forceId }, actorId },
    mail,
  );
}

/** A submission: its force's other delegates, and the committee's queue. */
export async function noticeSubmission(db: Db, mail: MailContext | undefined, a: AmendmentRef, actorId: string): Promise<string[]> {
  const force = await noticeAmendmentChange(db, mail, a, actorId, { event: "submitted", state: "SUBMITTED" });
  const committee = await notify(
    db,
    { conferenceId: a.paper.conferenceId, kind: "amendment.submitted", userIds: await reviewersOf(db, a.paper.conferenceId), params: paramsOf(a), link: linkOf(a), about: { action: "amendment.review", forceId: a.forceId }, actorId },
    mail,
  );
  return [...force, ...committee];
}

/**
 * A message in the discussion: the committee's reaches the force's delegates, the force's reaches the
 * committee. An internal note reaches no one (the committee reads it where it works).
 */
export async function noticeComment(
  db: Db,
  mail: MailContext | undefined,
  a: AmendmentRef,
  actorId: string,
  comment: { internal: boolean; fromForce: boolean },
): Promise<string[]> {
  if (comment.internal) return [];
  // Which side wrote, not who nor what: a person's name or words copied here would outlive their erasure.
  const params: NoticeParams = { ...paramsOf(a), from: comment.fromForce ? "force" : "committee" };
  const [userIds, action] = comment.fromForce
    ? ([await reviewersOf(db, a.paper.conferenceId), "amendment.review"] as const)
    : ([await delegatesOf(db, a), "amendment.comment"] as const);
  return notify(db, { conferenceId: a.paper.conferenceId, kind: "amendment.comment", userIds, params, link: linkOf(a), about: { action, forceId: a.forceId }, actorId }, mail);
}

/** Every member of the conference hears that the decisions are public. */
export async function noticeDecisionsPublished(db: Db, mail: MailContext | undefined, conferenceId: string, actorId: string): Promise<string[]> {
  return notify(
    db,
    { conferenceId, kind: "decisions.published", userIds: await userIdsOf(db, { conferenceId }), params: {}, link: "/amendments", about: { action: "conference.read" }, actorId },
    mail,
  );
}
