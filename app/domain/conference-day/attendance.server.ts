// Check-in of delegation members (issue 20, ADR 0053): organizers check a member in by the code on
// their badge or by id, and undo it; the first member of a confirmed delegation moves its invitation to
// ATTENDED through the invitation pipeline's own command (its graph, version, history and audit).
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "@prisma/client";
import type { z } from "zod";
import { may, type Actor } from "~/policy";
import { assertMay, DomainError, notFound, parseInput } from "../errors";
import { recordAudit } from "../audit.server";
import { rooms } from "../rooms";
import { transitionInvitation } from "../invitations.server";
import { attendingStatuses, iso, type Db, type DayMeta } from "./common.server";
import { ATTENDANCE_CHANGED, CHECKIN_STATE_CHANGED, type AttendanceChangedEvent, type CheckInStateEvent } from "./live";
import { formatCode, newCheckInCode, normalizeCode } from "./codes.server";
import { issueCodesIn } from "./delegate-codes.server";
import { CheckInSchema, UndoCheckInSchema, VotingDelegateSchema, VotingModeSchema } from "./schema";

export { formatCode, newCheckInCode, normalizeCode };

const onlyOrganizers = "Only organizers check delegations in";

interface MemberRow {
  id: string;
  name: string;
  invitationId: string;
  isSubstitute: boolean;
  forceId: string;
  status: string;
  version: number;
}

async function findMember(db: Db, conferenceId: string, by: { code?: string; memberId?: string }): Promise<MemberRow> {
  const where = by.code ? Prisma.sql`m."checkInCode" = ${normalizeCode(by.code)}` : Prisma.sql`m.id = ${by.memberId!}`;
  const rows = await db.$queryRaw<MemberRow[]>`
    SELECT m.id, m.name, m."invitationId", m."isSubstitute", i."forceId", i.status::text AS status, i.version
    FROM "DelegationMember" m JOIN "Invitation" i ON i.id = m."invitationId"
    WHERE i."conferenceId" = ${conferenceId} AND ${where}`;
  if (!rows[0]) throw new DomainError("not_found", by.code ? "No delegation member of this conference has this code" : "Delegation member not found in this conference", { reason: "unknown_member" });
  return rows[0];
}

function announce(meta: DayMeta, e: AttendanceChangedEvent) {
  meta.realtime?.emit(rooms.staff(e.conferenceId), ATTENDANCE_CHANGED, e);
}

/**
 * Moves a confirmed invitation to ATTENDED with the pipeline's command. Another check-in of the same
 * delegation may have moved it first (stale version, or already ATTENDED): that is the same outcome.
 * Run after the attendance row is committed; a later check-in of the delegation repairs a crash between.
 */
async function markAttended(prisma: PrismaClient, actor: Actor, m: MemberRow, meta: DayMeta): Promise<string> {
  if (m.status !== "CONFIRMED") return m.status;
  try {
    return (await transitionInvitation(prisma, actor, m.invitationId, { to: "ATTENDED", version: m.version }, meta)).status;
  } catch (err) {
    if (err instanceof DomainError && (err.code === "stale_version" || err.code === "illegal_transition")) {
      const inv = await prisma.invitation.findUniqueOrThrow({ where: { id: m.invitationId }, select: { status: true } });
      return inv.status;
    }
    throw err;
  }
}

export async function checkIn(prisma: PrismaClient, actor: Actor, conferenceId: string, input: z.input<typeof CheckInSchema>, meta: DayMeta = {}) {
  assertMay(actor, "attendance.manage", { conferenceId }, onlyOrganizers);
  const data = parseInput(CheckInSchema, input);
  const { member, checkedInAt, already } = await prisma.$transaction(async (tx) => {
    await assertCheckInOpen(tx, conferenceId);
    const member = await findMember(tx, conferenceId, data);
    if (member.status !== "CONFIRMED" && member.status !== "ATTENDED") {
      throw new DomainError("conflict", `This delegation's invitation is ${member.status}: only confirmed delegations are checked in. Nothing was changed`, { reason: "not_confirmed", status: member.status });
    }
    let substituteFor: string | null = null;
    if (data.substituteFor) {
      const named = await tx.$queryRaw<{ id: string; isSubstitute: boolean }[]>`
        SELECT id, "isSubstitute" FROM "DelegationMember" WHERE id = ${data.substituteFor} AND "invitationId" = ${member.invitationId}`;
      if (!member.isSubstitute || !named[0] || named[0].isSubstitute || named[0].id === member.id) {
        throw new DomainError("bad_request", "A substitute replaces a named delegate of the same delegation", { reason: "bad_substitute", fieldErrors: { substituteFor: ["invalid"] } });
      }
      substituteFor = named[0].id;
    }
    const inserted = await tx.$queryRaw<{ checkedInAt: Date }[]>`
      INSERT INTO "Attendance" (id, "invitationId", "delegationMemberId", "checkedInById", "substituteForId")
      VALUES (${randomUUID()}, ${member.invitationId}, ${member.id}, ${actor.id}, ${substituteFor})
      ON CONFLICT ("delegationMemberId") DO NOTHING RETURNING "checkedInAt"`;
    if (!inserted[0]) {
      // Scanned twice (or on two devices): the first check-in stands, nothing is recorded twice.
      const [row] = await tx.$queryRaw<{ checkedInAt: Date }[]>`SELECT "checkedInAt" FROM "Attendance" WHERE "delegationMemberId" = ${member.id}`;
      return { member, checkedInAt: row!.checkedInAt, already: true };
    }
    await recordAudit(tx, {
      actorId: actor.id, action: "attendance.checkin", subjectType: "DelegationMember", subjectId: member.id,
      data: { invitationId: member.invitationId, forceId: member.forceId, by: data.code ? "code" : "id", ...(substituteFor ? { substituteFor } : {}) },
      conferenceId, ip: meta.ip,
    });
    return { member, checkedInAt: inserted[0].checkedInAt, already: false };
  });
  const invitationStatus = await markAttended(prisma, actor, member, meta);
  if (!already) announce(meta, { conferenceId, forceId: member.forceId, memberId: member.id, present: true });
  return { memberId: member.id, name: member.name, invitationId: member.invitationId, forceId: member.forceId, checkedInAt: iso(checkedInAt)!, already, invitationStatus };
}

/**
 * Undoes a check-in (a mistake at the desk, or the member left). The invitation stays ATTENDED: the graph
 * has no way back, and someone of the delegation did come. Ballots already cast stay counted.
 */
export async function undoCheckIn(prisma: PrismaClient, actor: Actor, conferenceId: string, input: z.input<typeof UndoCheckInSchema>, meta: DayMeta = {}) {
  assertMay(actor, "attendance.manage", { conferenceId }, onlyOrganizers);
  const { memberId } = parseInput(UndoCheckInSchema, input);
  const row = await prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ invitationId: string; forceId: string }[]>`
      DELETE FROM "Attendance" a USING "Invitation" i
      WHERE a."delegationMemberId" = ${memberId} AND i.id = a."invitationId" AND i."conferenceId" = ${conferenceId}
      RETURNING a."invitationId", i."forceId"`;
    if (!row) throw new DomainError("not_found", "This member is not checked in; nothing was changed", { reason: "not_checked_in" });
    await recordAudit(tx, { actorId: actor.id, action: "attendance.undo", subjectType: "DelegationMember", subjectId: memberId, data: { invitationId: row.invitationId, forceId: row.forceId }, conferenceId, ip: meta.ip });
    return row;
  });
  announce(meta, { conferenceId, forceId: row.forceId, memberId, present: false });
  return { memberId, invitationId: row.invitationId, forceId: row.forceId };
}

/**
 * Gives every member of a confirmed delegation that has none a code; returns how many were given. With
 * meta.mail, each member with a mail address is sent their code and its QR, once (ADR 0058).
 */
export async function issueCheckInCodes(prisma: PrismaClient, actor: Actor, conferenceId: string, meta: DayMeta = {}): Promise<number> {
  assertMay(actor, "attendance.manage", { conferenceId }, onlyOrganizers);
  const { issued, mailed } = await prisma.$transaction(async (tx) => {
    const out = await issueCodesIn(tx, { conferenceId, mail: meta.mail });
    if (out.issued) await recordAudit(tx, { actorId: actor.id, action: "attendance.codes", subjectType: "Conference", subjectId: conferenceId, data: { issued: out.issued }, conferenceId, ip: meta.ip });
    return out;
  });
  if (mailed) meta.mail?.wake?.();
  return issued;
}

/** Who in a delegation casts the force's ballot when the conference votes by voting delegate, and their account. */
export async function designateVotingDelegate(prisma: PrismaClient, actor: Actor, conferenceId: string, input: z.input<typeof VotingDelegateSchema>, meta: DayMeta = {}) {
  assertMay(actor, "attendance.manage", { conferenceId }, onlyOrganizers);
  const { memberId, userId } = parseInput(VotingDelegateSchema, input);
  await prisma.$transaction(async (tx) => {
    const member = await findMember(tx, conferenceId, { memberId });
    if (userId) {
      const delegate = await tx.membership.findFirst({ where: { userId, conferenceId, role: "DELEGATE", forceId: member.forceId } });
      if (!delegate) throw new DomainError("bad_request", "The account must be a delegate of this force", { reason: "not_force_delegate", fieldErrors: { userId: ["invalid"] } });
    }
    await tx.$executeRaw`UPDATE "DelegationMember" SET "isVotingDelegate" = (id = ${memberId}), "userId" = CASE WHEN id = ${memberId} THEN ${userId} ELSE "userId" END WHERE "invitationId" = ${member.invitationId}`;
    await recordAudit(tx, { actorId: actor.id, action: "attendance.votingDelegate", subjectType: "DelegationMember", subjectId: memberId, data: { invitationId: member.invitationId, forceId: member.forceId, userId }, conferenceId, ip: meta.ip });
  });
  return { memberId, userId };
}

/** Names an invitation's member its force's voting delegate (the invitation page, the API). */
export async function designateVotingDelegateOf(
  db: PrismaClient,
  actor: Actor,
  invitationId: string,
  input: z.input<typeof VotingDelegateSchema>,
  meta: DayMeta = {},
) {
  const { memberId, userId } = parseInput(VotingDelegateSchema, input);
  const member = await db.delegationMember.findUnique({ where: { id: memberId }, select: { invitationId: true, invitation: { select: { conferenceId: true, forceId: true } } } });
  // Another invitation's member, or one the actor may not see, is "not found" (no existence leak).
  if (!member || member.invitationId !== invitationId || !may(actor, "invitation.read", member.invitation)) throw notFound("Delegation member");
  assertMay(actor, "attendance.manage", member.invitation, "Only organizers name a force's voting delegate");
  return designateVotingDelegate(db, actor, member.invitation.conferenceId, { memberId, userId }, meta);
}

/** The conference's voting mode: every member may know who casts a force's ballot. */
export async function getVotingMode(db: Db, actor: Actor, conferenceId: string) {
  assertMay(actor, "conference.read", { conferenceId }, "You are not a member of this conference");
  const row = await db.conference.findUnique({ where: { id: conferenceId }, select: { votingMode: true } });
  if (!row) throw notFound("Conference");
  return { votingMode: row.votingMode };
}

export async function setVotingMode(prisma: PrismaClient, actor: Actor, conferenceId: string, input: z.input<typeof VotingModeSchema>, meta: DayMeta = {}) {
  assertMay(actor, "attendance.manage", { conferenceId }, "Only organizers decide who casts a force's ballot");
  const { votingMode } = parseInput(VotingModeSchema, input);
  await prisma.$transaction(async (tx) => {
    const n = await tx.$executeRaw`UPDATE "Conference" SET "votingMode" = ${votingMode}::"VotingMode" WHERE id = ${conferenceId}`;
    if (!n) throw notFound("Conference");
    await recordAudit(tx, { actorId: actor.id, action: "attendance.votingMode", subjectType: "Conference", subjectId: conferenceId, data: { votingMode }, conferenceId, ip: meta.ip });
  });
  return { votingMode };
}

type Figures = { expected: number; present: number };

/**
 * The attendance board: forces and members expected (confirmed) and present, by kind and region, per
 * delegation; organizers also get the roster with each member's code (badges, the check-in desk).
 * Readable by those who may read every invitation (organizers, committee, observers).
 */
export async function attendanceBoard(db: Db, actor: Actor, conferenceId: string) {
  assertMay(actor, "invitation.read", { conferenceId, forceId: null }, "Only the conference's staff see the attendance board");
  const delegations = await db.$queryRaw<{ invitationId: string; forceId: string; forceName: string; kind: string; region: string; status: string; members: number; present: number }[]>`
    SELECT i.id AS "invitationId", i."forceId", f."nameAr" AS "forceName", f.kind::text AS kind, f.region::text AS region, i.status::text AS status,
      (SELECT count(*)::int FROM "DelegationMember" m WHERE m."invitationId" = i.id) AS members,
      (SELECT count(*)::int FROM "Attendance" a WHERE a."invitationId" = i.id) AS present
    FROM "Invitation" i JOIN "Force" f ON f.id = i."forceId"
    WHERE i."conferenceId" = ${conferenceId} AND i.status IN ${attendingStatuses}
    ORDER BY f."nameAr"`;
  const zero = (): Figures => ({ expected: 0, present: 0 });
  const forces = zero(), members = zero();
  const byKind: Record<string, Figures> = {}, byRegion: Record<string, Figures> = {};
  for (const d of delegations) {
    const here = d.present > 0 ? 1 : 0;
    for (const f of [forces, (byKind[d.kind] ??= zero()), (byRegion[d.region] ??= zero())]) (f.expected += 1), (f.present += here);
    members.expected += d.members;
    members.present += d.present;
  }
  let roster = null;
  if (may(actor, "attendance.manage", { conferenceId })) {
    const rows = await db.$queryRaw<{ memberId: string; invitationId: string; forceId: string; name: string; isSubstitute: boolean; code: string | null; checkedInAt: Date | null }[]>`
      SELECT m.id AS "memberId", m."invitationId", i."forceId", m.name, m."isSubstitute", m."checkInCode" AS code, a."checkedInAt"
      FROM "DelegationMember" m JOIN "Invitation" i ON i.id = m."invitationId" LEFT JOIN "Attendance" a ON a."delegationMemberId" = m.id
      WHERE i."conferenceId" = ${conferenceId} AND i.status IN ${attendingStatuses} ORDER BY m.name`;
    roster = rows.filter((r) => r.code).map((r) => ({ ...r, code: formatCode(r.code!), checkedInAt: iso(r.checkedInAt) }));
  }
  return { forces, members, byKind, byRegion, delegations, roster, checkIn: await checkInState(db, conferenceId) };
}

/**
 * Refuses a check-in once an organizer closed check-in (ADR 0068). The row is read FOR SHARE: closing
 * updates it, so it waits for the check-ins in flight to commit, and none commits after it.
 */
async function assertCheckInOpen(tx: Db, conferenceId: string) {
  const [row] = await tx.$queryRaw<{ closedAt: Date | null }[]>`SELECT "checkInClosedAt" AS "closedAt" FROM "Conference" WHERE id = ${conferenceId} FOR SHARE`;
  if (!row) throw notFound("Conference");
  if (row.closedAt) throw new DomainError("conflict", "Check-in of this conference is closed; an organizer may reopen it. Nothing was changed", { reason: "checkin_closed", closedAt: iso(row.closedAt) });
}

const onlyOrganizersClose = "Only organizers close and reopen check-in";

function announceCheckIn(meta: DayMeta, e: CheckInStateEvent) {
  meta.realtime?.emit(rooms.staff(e.conferenceId), CHECKIN_STATE_CHANGED, e);
}

/** Whether check-in is closed, since when, and how many delegations were marked no-show. */
export async function checkInState(db: Db, conferenceId: string) {
  const [row] = await db.$queryRaw<{ closedAt: Date | null; noShow: number }[]>`
    SELECT c."checkInClosedAt" AS "closedAt", (SELECT count(*)::int FROM "Invitation" i WHERE i."conferenceId" = c.id AND i.status = 'NO_SHOW') AS "noShow"
    FROM "Conference" c WHERE c.id = ${conferenceId}`;
  if (!row) throw notFound("Conference");
  return { closedAt: iso(row.closedAt), noShow: row.noShow };
}

/**
 * Closes check-in (ADR 0068): later check-ins are refused, and every confirmed invitation moves through
 * the pipeline's own command (graph, version, history, audit): to NO_SHOW when none of its members was
 * checked in, to ATTENDED when one was (a check-in whose own move was lost to a crash). Idempotent and
 * safe to run twice or at once: a second run finds check-in closed and sweeps what is left; an invitation
 * another run moved first (stale version, or no longer CONFIRMED) is that run's and is skipped.
 */
export async function closeCheckIn(prisma: PrismaClient, actor: Actor, conferenceId: string, meta: DayMeta = {}) {
  assertMay(actor, "attendance.close", { conferenceId }, onlyOrganizersClose);
  const { closedAt, already } = await prisma.$transaction(async (tx) => {
    const [closed] = await tx.$queryRaw<{ closedAt: Date }[]>`
      UPDATE "Conference" SET "checkInClosedAt" = now(), "checkInClosedById" = ${actor.id}
      WHERE id = ${conferenceId} AND "checkInClosedAt" IS NULL RETURNING "checkInClosedAt" AS "closedAt"`;
    if (closed) {
      await recordAudit(tx, { actorId: actor.id, action: "attendance.close", subjectType: "Conference", subjectId: conferenceId, data: {}, conferenceId, ip: meta.ip });
      return { closedAt: closed.closedAt, already: false };
    }
    const [was] = await tx.$queryRaw<{ closedAt: Date }[]>`SELECT "checkInClosedAt" AS "closedAt" FROM "Conference" WHERE id = ${conferenceId}`;
    if (!was) throw notFound("Conference");
    return { closedAt: was.closedAt, already: true };
  });
  // After the close committed no check-in can add a member, so what this reads stays true.
  const confirmed = await prisma.$queryRaw<{ id: string; version: number; present: boolean }[]>`
    SELECT i.id, i.version, EXISTS (SELECT 1 FROM "Attendance" a WHERE a."invitationId" = i.id) AS present
    FROM "Invitation" i WHERE i."conferenceId" = ${conferenceId} AND i.status = 'CONFIRMED' ORDER BY i.id`;
  let noShow = 0, attended = 0;
  for (const inv of confirmed) {
    const to = inv.present ? "ATTENDED" : "NO_SHOW";
    try {
      await transitionInvitation(prisma, actor, inv.id, { to, version: inv.version }, meta);
      if (to === "NO_SHOW") noShow++;
      else attended++;
    } catch (err) {
      if (!(err instanceof DomainError && (err.code === "stale_version" || err.code === "illegal_transition"))) throw err;
    }
  }
  announceCheckIn(meta, { conferenceId, closed: true });
  return { closedAt: iso(closedAt)!, already, noShow, attended };
}

/**
 * Reopens check-in (a late member of a delegation that came, a desk closed too early). Invitations already
 * NO_SHOW stay so: the pipeline's graph ends there (ADR 0020); reopening changes only who may be checked in.
 */
export async function reopenCheckIn(prisma: PrismaClient, actor: Actor, conferenceId: string, meta: DayMeta = {}) {
  assertMay(actor, "attendance.close", { conferenceId }, onlyOrganizersClose);
  const reopened = await prisma.$transaction(async (tx) => {
    const n = await tx.$executeRaw`UPDATE "Conference" SET "checkInClosedAt" = NULL, "checkInClosedById" = NULL WHERE id = ${conferenceId} AND "checkInClosedAt" IS NOT NULL`;
    if (n) await recordAudit(tx, { actorId: actor.id, action: "attendance.reopen", subjectType: "Conference", subjectId: conferenceId, data: {}, conferenceId, ip: meta.ip });
    else if (!(await tx.conference.findUnique({ where: { id: conferenceId }, select: { id: true } }))) throw notFound("Conference");
    return n > 0;
  });
  if (reopened) announceCheckIn(meta, { conferenceId, closed: false });
  return { reopened };
}
