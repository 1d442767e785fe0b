// The invitation pipeline's core: the one place where an invitation's status, terms or delegation
// change. Every change is checked against the graph (invitation-status.ts), against the version the
// caller saw (optimistic concurrency), and recorded as an InvitationEvent in the same transaction.
// Refusals throw DomainError and leave the database as it was. Once a change is committed, the command
// itself announces it to open pages (ADR 0037), so no adapter has to remember to.
import { parseQuery } from "./query-params";
import { Prisma, type ForceKind, type InvitationStatus, type PrismaClient, type Region } from "@prisma/client";
import { likePattern } from "~/domain/arabic";
import { z } from "zod";
import { may, membershipIn, type Actor } from "~/policy";
import { assertMay, DomainError, notFound, parseInput } from "./errors";
import { recordAudit, type AuditMeta } from "./audit.server";
import type { ActivityAction } from "./activity-kinds";
import type { Realtime } from "~/services.server";
import { rooms } from "~/domain/rooms";
import { INVITATION_CHANGED, type InvitationChange, type InvitationChangedEvent } from "~/domain/invitations-live";
import { sealFor } from "./person-keys.server";
import { enqueueInvitationLetters } from "./mail/letters.server";
import { issueCodesIn } from "./conference-day/delegate-codes.server";
import type { MailContext } from "./mail/outbox.server";
import { instantOf, officeTimeZone } from "./local-time";
import { bucketOf, canTransition, invitationTransitions } from "./invitation-status";
import { forceFilterWhere, searchWords, type Db } from "./forces.server";
import { nameColumns } from "./forces-schema";
import {
  BulkTransitionSchema,
  DelegationMemberChangeSchema,
  InvitationCreateSchema,
  InvitationQuerySchema,
  InvitationTermsSchema,
  TransitionSchema,
  type AttentionReason,
  type InvitationQuery,
} from "./invitations-schema";

const parse = parseInput;

/** The invitations table's query string, strictly (ADR 0033); `allow` names parameters the caller reads itself. */
export function parseInvitationQuery(params: URLSearchParams | Record<string, unknown>, allow: readonly string[] = []): InvitationQuery {
  return parseQuery(InvitationQuerySchema, params, { allow });
}

/**
 * A deadline given as a day runs to the end of that day in the office's time zone (its last millisecond),
 * so it is shown as that day and turns overdue at the office's midnight, not at UTC's. A timestamp is
 * taken as given.
 */
export function parseDeadline(s: string | null | undefined, timeZone: string = officeTimeZone()): Date | null {
  if (!s) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return new Date(s);
  const lastSecond = instantOf(`${s}T23:59:59`, timeZone);
  return lastSecond && new Date(lastSecond.getTime() + 999);
}

const invitationInclude = {
  force: { select: { id: true, nameAr: true, nameKu: true, nameEn: true, kind: true, region: true, country: true, city: true, isMember: true, archivedAt: true } },
  _count: { select: { delegates: { where: { isSubstitute: false } } } },
} satisfies Prisma.InvitationInclude;
type InvitationRow = Prisma.InvitationGetPayload<{ include: typeof invitationInclude }>;

async function substitutesOf(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const g = await db.delegationMember.groupBy({ by: ["invitationId"], where: { invitationId: { in: ids }, isSubstitute: true }, _count: { _all: true } });
  return new Map(g.map((r) => [r.invitationId, r._count._all]));
}

export function presentInvitation(i: InvitationRow, substitutes = 0) {
  const { archivedAt, ...force } = i.force;
  return {
    id: i.id,
    conferenceId: i.conferenceId,
    forceId: i.forceId,
    status: i.status,
    version: i.version,
    seatQuota: i.seatQuota,
    confirmationDeadline: i.confirmationDeadline?.toISOString() ?? null,
    note: i.note,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    force: { ...force, archived: !!archivedAt },
    namedDelegates: i._count.delegates,
    substitutes,
    allowedNext: [...invitationTransitions[i.status]],
  };
}
export type InvitationView = ReturnType<typeof presentInvitation>;

/** Who may see which invitations of a conference: all of them, or one force's (delegates). */
function readScope(actor: Actor, conferenceId: string): { forceId?: string } {
  if (may(actor, "invitation.read", { conferenceId, forceId: null })) return {};
  const m = membershipIn(actor, conferenceId);
  if (m?.forceId && may(actor, "invitation.read", { conferenceId, forceId: m.forceId })) return { forceId: m.forceId };
  throw new DomainError("forbidden", "You may not read invitations of this conference");
}

/** Loads an invitation the actor may read; one they may not read is "not found" (no existence leak). */
async function loadReadable(db: Db, actor: Actor, id: string) {
  const inv = await db.invitation.findUnique({ where: { id }, include: invitationInclude });
  if (!inv || !may(actor, "invitation.read", { conferenceId: inv.conferenceId, forceId: inv.forceId })) throw notFound("Invitation");
  return inv;
}

function staleVersion(current: InvitationRow, substitutes = 0) {
  return new DomainError("stale_version", `Someone else changed this invitation meanwhile (it is now at version ${current.version}, status ${current.status}); nothing was changed`, {
    current: presentInvitation(current, substitutes),
  });
}

function illegal(from: InvitationStatus, to: InvitationStatus) {
  const allowed = invitationTransitions[from];
  return new DomainError(
    "illegal_transition",
    from === to
      ? `The invitation is already ${from}; nothing was changed`
      : `An invitation cannot move from ${from} to ${to}; from ${from} it may move to ${allowed.length ? allowed.join(", ") : "nothing (final status)"}. Nothing was changed`,
    { from, to, allowed },
  );
}

type EventKind = "CREATED" | "STATUS" | "TERMS" | "DELEGATION";
const auditAction: Record<EventKind, ActivityAction<"invitations">> = { CREATED: "invitation.create", STATUS: "invitation.status", TERMS: "invitation.terms", DELEGATION: "invitation.delegation" };

/**
 * The audit row of an invitation change (ADR 0032), in its transaction: statuses, the names of the changed
 * terms, a delegate's id; never notes (free text), and a delegate's name only sealed under their key (ADR 0034).
 */
async function auditInvitation(
  tx: Prisma.TransactionClient,
  e: { invitationId: string; conferenceId: string; actorId: string; kind: EventKind; from: InvitationStatus | null; to: InvitationStatus; data?: object },
  meta: AuditMeta,
) {
  let data: object = e.from === e.to ? {} : { from: e.from, to: e.to };
  if (e.kind === "TERMS" && e.data) data = { changed: Object.keys(e.data).sort() };
  if (e.kind === "DELEGATION" && e.data) {
    const d = e.data as { action: string; memberId: string; name: string; isSubstitute: boolean };
    data = { action: d.action, memberId: d.memberId, isSubstitute: d.isSubstitute, name: await sealFor(tx, { kind: "delegate", id: d.memberId }, d.name) };
  }
  await recordAudit(tx, { actorId: e.actorId, action: auditAction[e.kind], subjectType: "Invitation", subjectId: e.invitationId, data, conferenceId: e.conferenceId, ip: meta.ip });
}

async function emitEvent(
  tx: Prisma.TransactionClient,
  e: { invitationId: string; conferenceId: string; actorId: string; kind: EventKind; from: InvitationStatus | null; to: InvitationStatus; note?: string | null; data?: object },
  meta: AuditMeta,
) {
  await tx.invitationEvent.create({
    data: { invitationId: e.invitationId, actorId: e.actorId, kind: e.kind, fromStatus: e.from, toStatus: e.to, note: e.note || null, data: (e.data ?? undefined) as Prisma.InputJsonValue | undefined },
  });
  await auditInvitation(tx, e, meta);
}

/**
 * Bumps the version from the one the caller saw; returns false when someone else got there first.
 * The WHERE re-checks version (and status) under the row lock, so of two concurrent writers one wins.
 */
async function bump(tx: Prisma.TransactionClient, id: string, version: number, data: Prisma.InvitationUpdateManyMutationInput, status?: InvitationStatus) {
  const res = await tx.invitation.updateMany({ where: { id, version, ...(status ? { status } : {}) }, data: { ...data, version: { increment: 1 } } });
  return res.count === 1;
}

// ---------------------------------------------------------------------------------------------
// Announcing committed changes

/** Who asks from where (the audit trail), and the bus that tells open pages of a committed change. */
export interface InvitationMeta extends AuditMeta {
  realtime?: Pick<Realtime, "emit">;
  /**
   * Where letters point and the key that seals their links (commandMeta gives it to every route and the
   * socket handler). Without it (data-layer calls and older tests) a move to SENT writes no letter and
   * mints no link; the transition itself is the same.
   */
  mail?: MailContext;
}

const changeOf = (inv: InvitationView): InvitationChange => ({ id: inv.id, forceId: inv.forceId, status: inv.status, version: inv.version });

/**
 * Tells everyone who may see an invitation that it changed: the conference's staff room (organizers,
 * committee, observers) gets every change, each force's room (its delegates) only its own.
 */
function announce(meta: InvitationMeta, conferenceId: string, actorId: string, changes: InvitationChange[]) {
  // Letters the transaction queued (a move to SENT; check-in codes of a confirmed delegation) go out now
  // rather than at the worker's next poll.
  if (changes.some((c) => c.status === "SENT" || c.status === "CONFIRMED")) meta.mail?.wake?.();
  if (!meta.realtime || !changes.length) return;
  const staff: InvitationChangedEvent = { conferenceId, actorId, changes };
  meta.realtime.emit(rooms.staff(conferenceId), INVITATION_CHANGED, staff);
  for (const c of changes) {
    const own: InvitationChangedEvent = { conferenceId, actorId, changes: [c] };
    meta.realtime.emit(rooms.force(conferenceId, c.forceId), INVITATION_CHANGED, own);
  }
}

/** Many invitations arrived at once (an import): open staff tables and boards reload once (an empty list). */
export function announceInvitationsReload(meta: InvitationMeta, conferenceId: string, actorId: string) {
  const e: InvitationChangedEvent = { conferenceId, actorId, changes: [] };
  meta.realtime?.emit(rooms.staff(conferenceId), INVITATION_CHANGED, e);
}

// ---------------------------------------------------------------------------------------------
// Status transitions

const onlyOrganizersMove = "Only organizers change an invitation's status";

export async function transitionInvitation(prisma: PrismaClient, actor: Actor, invitationId: string, input: z.input<typeof TransitionSchema>, meta: InvitationMeta = {}): Promise<InvitationView> {
  const { to, version, note } = parse(TransitionSchema, input);
  const inv = await prisma.$transaction(async (tx) => {
    const inv = await loadReadable(tx, actor, invitationId);
    assertMay(actor, "invitation.manage", { conferenceId: inv.conferenceId, forceId: inv.forceId }, onlyOrganizersMove);
    if (inv.version !== version) throw staleVersion(inv, (await substitutesOf(tx, [inv.id])).get(inv.id));
    if (!canTransition(inv.status, to)) throw illegal(inv.status, to);
    if (!(await bump(tx, inv.id, version, { status: to }, inv.status))) {
      throw staleVersion(await tx.invitation.findUniqueOrThrow({ where: { id: inv.id }, include: invitationInclude }));
    }
    await emitEvent(tx, { invitationId: inv.id, conferenceId: inv.conferenceId, actorId: actor.id, kind: "STATUS", from: inv.status, to, note }, meta);
    // The letter and its sign-in links commit with the move to SENT, or not at all.
    if (to === "SENT" && meta.mail) await enqueueInvitationLetters(tx, { invitationId: inv.id, actorId: actor.id, note, mail: meta.mail }, meta);
    // A confirmed delegation's members get their check-in codes, and with meta.mail each their mail (ADR 0058).
    if (to === "CONFIRMED") await issueCodesIn(tx, { conferenceId: inv.conferenceId, invitationId: inv.id, mail: meta.mail });
    const fresh = await tx.invitation.findUniqueOrThrow({ where: { id: inv.id }, include: invitationInclude });
    return presentInvitation(fresh, (await substitutesOf(tx, [inv.id])).get(inv.id));
  });
  announce(meta, inv.conferenceId, actor.id, [changeOf(inv)]);
  return inv;
}

export interface BulkResult {
  changed: { id: string; from: InvitationStatus; to: InvitationStatus; version: number; forceId: string; conferenceId: string }[];
  refused: { id: string; code: string; message: string; from: InvitationStatus | null }[];
}

/**
 * Moves many invitations of one conference to one status. Each row is checked on its own (graph,
 * version, permission); the legal ones change together in one transaction, the others are reported.
 */
export async function bulkTransition(prisma: PrismaClient, actor: Actor, conferenceId: string, input: z.input<typeof BulkTransitionSchema>, meta: InvitationMeta = {}): Promise<BulkResult> {
  const { to, note, items } = parse(BulkTransitionSchema, input);
  assertMay(actor, "invitation.manage", { conferenceId }, onlyOrganizersMove);
  const unique = [...new Map(items.map((i) => [i.id, i])).values()];
  const res = await prisma.$transaction(
    async (tx) => {
      const rows = await tx.invitation.findMany({ where: { id: { in: unique.map((i) => i.id) }, conferenceId }, select: { id: true, status: true, version: true, forceId: true } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      const result: BulkResult = { changed: [], refused: [] };
      const events: Prisma.InvitationEventCreateManyInput[] = [];
      for (const item of unique) {
        const row = byId.get(item.id);
        if (!row) {
          result.refused.push({ id: item.id, code: "not_found", message: "Invitation not found in this conference", from: null });
          continue;
        }
        if (item.version !== undefined && item.version !== row.version) {
          result.refused.push({ id: row.id, code: "stale_version", message: `Changed by someone else meanwhile (now version ${row.version}, ${row.status})`, from: row.status });
          continue;
        }
        if (!canTransition(row.status, to)) {
          const e = illegal(row.status, to);
          result.refused.push({ id: row.id, code: e.code, message: e.message, from: row.status });
          continue;
        }
        if (!(await bump(tx, row.id, row.version, { status: to }, row.status))) {
          result.refused.push({ id: row.id, code: "stale_version", message: "Changed by someone else meanwhile", from: row.status });
          continue;
        }
        events.push({ invitationId: row.id, actorId: actor.id, kind: "STATUS", fromStatus: row.status, toStatus: to, note: note || null });
        result.changed.push({ id: row.id, from: row.status, to, version: row.version + 1, forceId: row.forceId, conferenceId });
      }
      if (events.length) await tx.invitationEvent.createMany({ data: events });
      for (const c of result.changed) await auditInvitation(tx, { invitationId: c.id, conferenceId, actorId: actor.id, kind: "STATUS", from: c.from, to: c.to }, meta);
      // As for one invitation: each letter commits with its move to SENT (none without meta.mail).
      if (to === "SENT" && meta.mail) for (const c of result.changed) await enqueueInvitationLetters(tx, { invitationId: c.id, actorId: actor.id, note, mail: meta.mail }, meta);
      if (to === "CONFIRMED") for (const c of result.changed) await issueCodesIn(tx, { conferenceId, invitationId: c.id, mail: meta.mail });
      return result;
    },
    { timeout: 60_000 },
  );
  announce(meta, conferenceId, actor.id, res.changed.map((c) => ({ id: c.id, forceId: c.forceId, status: c.to, version: c.version })));
  return res;
}

// ---------------------------------------------------------------------------------------------
// Creating, terms, delegation

export async function createInvitation(prisma: PrismaClient, actor: Actor, conferenceId: string, input: z.input<typeof InvitationCreateSchema>, meta: InvitationMeta = {}): Promise<InvitationView> {
  const data = parse(InvitationCreateSchema, input);
  assertMay(actor, "invitation.manage", { conferenceId, forceId: data.forceId }, "Only organizers create invitations");
  const created = await prisma.$transaction(async (tx) => {
    const force = await tx.force.findFirst({ where: { id: data.forceId, conferenceId }, select: { id: true, archivedAt: true } });
    if (!force) throw notFound("Force");
    if (force.archivedAt) throw new DomainError("conflict", "This force is archived; restore it before inviting it");
    const existing = await tx.invitation.findUnique({ where: { conferenceId_forceId: { conferenceId, forceId: data.forceId } }, select: { id: true } });
    if (existing) throw new DomainError("conflict", "This force has an invitation to this conference already", { invitationId: existing.id });
    const inv = await tx.invitation.create({
      data: { conferenceId, forceId: data.forceId, seatQuota: data.seatQuota, confirmationDeadline: parseDeadline(data.confirmationDeadline), note: data.note || null },
      include: invitationInclude,
    });
    await emitEvent(tx, { invitationId: inv.id, conferenceId, actorId: actor.id, kind: "CREATED", from: null, to: "CANDIDATE", note: data.note }, meta);
    return presentInvitation(inv);
  });
  announce(meta, conferenceId, actor.id, [changeOf(created)]);
  return created;
}

/** Seat quota, confirmation deadline and the organizers' note. */
export async function updateTerms(prisma: PrismaClient, actor: Actor, invitationId: string, input: z.input<typeof InvitationTermsSchema>, meta: InvitationMeta = {}): Promise<InvitationView> {
  const data = parse(InvitationTermsSchema, input);
  const inv = await prisma.$transaction(async (tx) => {
    const inv = await loadReadable(tx, actor, invitationId);
    assertMay(actor, "invitation.manage", { conferenceId: inv.conferenceId, forceId: inv.forceId }, "Only organizers change an invitation's terms");
    if (inv.version !== data.version) throw staleVersion(inv);
    const changes: Record<string, [unknown, unknown]> = {};
    const patch: Prisma.InvitationUpdateManyMutationInput = {};
    if (data.seatQuota !== undefined && data.seatQuota !== inv.seatQuota) (changes.seatQuota = [inv.seatQuota, data.seatQuota]), (patch.seatQuota = data.seatQuota);
    if (data.confirmationDeadline !== undefined) {
      const d = parseDeadline(data.confirmationDeadline);
      if ((d?.getTime() ?? null) !== (inv.confirmationDeadline?.getTime() ?? null)) {
        changes.confirmationDeadline = [inv.confirmationDeadline?.toISOString() ?? null, d?.toISOString() ?? null];
        patch.confirmationDeadline = d;
      }
    }
    if (data.note !== undefined && (data.note || null) !== inv.note) (changes.note = [inv.note, data.note || null]), (patch.note = data.note || null);
    if (!Object.keys(changes).length) return presentInvitation(inv, (await substitutesOf(tx, [inv.id])).get(inv.id));
    if (!(await bump(tx, inv.id, data.version, patch))) throw staleVersion(await tx.invitation.findUniqueOrThrow({ where: { id: inv.id }, include: invitationInclude }));
    await emitEvent(tx, { invitationId: inv.id, conferenceId: inv.conferenceId, actorId: actor.id, kind: "TERMS", from: inv.status, to: inv.status, data: changes }, meta);
    const fresh = await tx.invitation.findUniqueOrThrow({ where: { id: inv.id }, include: invitationInclude });
    return presentInvitation(fresh, (await substitutesOf(tx, [inv.id])).get(inv.id));
  });
  announce(meta, inv.conferenceId, actor.id, [changeOf(inv)]);
  return inv;
}

async function delegationChange<T>(
  prisma: PrismaClient,
  actor: Actor,
  invitationId: string,
  version: number,
  fn: (tx: Prisma.TransactionClient, inv: InvitationRow) => Promise<{ data: object; result: T }>,
  meta: InvitationMeta,
): Promise<{ invitation: InvitationView; result: T }> {
  const out = await prisma.$transaction(async (tx) => {
    const inv = await loadReadable(tx, actor, invitationId);
    assertMay(actor, "delegation.manage", { conferenceId: inv.conferenceId, forceId: inv.forceId }, "You may not change this delegation");
    if (inv.status === "WITHDRAWN" || inv.status === "ATTENDED" || inv.status === "NO_SHOW") {
      throw new DomainError("conflict", `The delegation of a ${inv.status} invitation cannot change`);
    }
    if (inv.version !== version) throw staleVersion(inv);
    const { data, result } = await fn(tx, inv);
    if (!(await bump(tx, inv.id, version, {}))) throw staleVersion(await tx.invitation.findUniqueOrThrow({ where: { id: inv.id }, include: invitationInclude }));
    // A member named (or given an address) after confirmation gets a code and its mail too.
    if (inv.status === "CONFIRMED") await issueCodesIn(tx, { conferenceId: inv.conferenceId, invitationId: inv.id, mail: meta.mail });
    await emitEvent(tx, { invitationId: inv.id, conferenceId: inv.conferenceId, actorId: actor.id, kind: "DELEGATION", from: inv.status, to: inv.status, data }, meta);
    const fresh = await tx.invitation.findUniqueOrThrow({ where: { id: inv.id }, include: invitationInclude });
    return { invitation: presentInvitation(fresh, (await substitutesOf(tx, [inv.id])).get(inv.id)), result };
  });
  announce(meta, out.invitation.conferenceId, actor.id, [changeOf(out.invitation)]);
  return out;
}

export async function addDelegationMember(prisma: PrismaClient, actor: Actor, invitationId: string, input: z.input<typeof DelegationMemberChangeSchema>, meta: InvitationMeta = {}) {
  const { version, ...m } = parse(DelegationMemberChangeSchema, input, "The delegation member");
  return delegationChange(prisma, actor, invitationId, version, async (tx, inv) => {
    if ((await tx.delegationMember.count({ where: { invitationId: inv.id } })) >= 200) throw new DomainError("bad_request", "A delegation has at most 200 members");
    const member = await tx.delegationMember.create({ data: { ...m, role: m.role || null, contact: m.contact || null, travelNeeds: m.travelNeeds || null, invitationId: inv.id } });
    return { data: { action: "added", memberId: member.id, name: member.name, isSubstitute: member.isSubstitute }, result: member };
  }, meta);
}

export async function updateDelegationMember(prisma: PrismaClient, actor: Actor, invitationId: string, memberId: string, input: z.input<typeof DelegationMemberChangeSchema>, meta: InvitationMeta = {}) {
  const { version, ...m } = parse(DelegationMemberChangeSchema, input, "The delegation member");
  return delegationChange(prisma, actor, invitationId, version, async (tx, inv) => {
    const existing = await tx.delegationMember.findFirst({ where: { id: memberId, invitationId: inv.id } });
    if (!existing) throw notFound("Delegation member");
    const member = await tx.delegationMember.update({ where: { id: memberId }, data: { ...m, role: m.role || null, contact: m.contact || null, travelNeeds: m.travelNeeds || null } });
    return { data: { action: "updated", memberId, name: member.name, isSubstitute: member.isSubstitute }, result: member };
  }, meta);
}

export async function removeDelegationMember(prisma: PrismaClient, actor: Actor, invitationId: string, memberId: string, version: number, meta: InvitationMeta = {}) {
  return delegationChange(prisma, actor, invitationId, version, async (tx, inv) => {
    const existing = await tx.delegationMember.findFirst({ where: { id: memberId, invitationId: inv.id } });
    if (!existing) throw notFound("Delegation member");
    await tx.delegationMember.delete({ where: { id: memberId } });
    return { data: { action: "removed", memberId, name: existing.name, isSubstitute: existing.isSubstitute }, result: null };
  }, meta);
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function getInvitation(db: Db, actor: Actor, invitationId: string) {
  const inv = await loadReadable(db, actor, invitationId);
  const delegationVisible = may(actor, "delegation.read", { conferenceId: inv.conferenceId, forceId: inv.forceId });
  const [events, delegates, subs] = await Promise.all([
    db.invitationEvent.findMany({ where: { invitationId: inv.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.delegationMember.findMany({ where: { invitationId: inv.id, ...(delegationVisible ? {} : { consentToPublish: true }) }, orderBy: [{ isSubstitute: "asc" }, { createdAt: "asc" }] }),
    substitutesOf(db, [inv.id]),
  ]);
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x))];
  const users = new Map((await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u]));
  return {
    ...presentInvitation(inv, subs.get(inv.id)),
    delegationVisible,
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      data: e.data ?? null,
      actor: e.actorId ? (users.get(e.actorId) ?? { id: e.actorId, name: "—" }) : null,
      createdAt: e.createdAt.toISOString(),
    })),
    delegates: delegates.map((d) =>
      delegationVisible
        ? { id: d.id, name: d.name, role: d.role, contact: d.contact, isSubstitute: d.isSubstitute, travelNeeds: d.travelNeeds, needsVisa: d.needsVisa, consentToPublish: d.consentToPublish }
        : { id: d.id, name: d.name, role: d.role, contact: null, isSubstitute: d.isSubstitute, travelNeeds: null, needsVisa: false, consentToPublish: true },
    ),
  };
}
export type InvitationDetail = Awaited<ReturnType<typeof getInvitation>>;

export async function invitationForForce(db: Db, actor: Actor, conferenceId: string, forceId: string) {
  const inv = await db.invitation.findUnique({ where: { conferenceId_forceId: { conferenceId, forceId } }, select: { id: true } });
  return inv ? getInvitation(db, actor, inv.id) : null;
}

/** The rows an actor sees under the table's filters (delegates: their own force's only). */
export async function invitationListWhere(db: Db, actor: Actor, conferenceId: string, query: InvitationQuery, now = new Date(), reasonsOut?: Map<string, AttentionReason[]>) {
  const scope = readScope(actor, conferenceId);
  let attentionIds: string[] | undefined;
  if (query.attention) {
    const reasons = await attentionReasonsOf(db, conferenceId, now, scope.forceId);
    for (const [k, v] of reasons) reasonsOut?.set(k, v);
    attentionIds = [...reasons.keys()];
  }
  return {
    conferenceId,
    ...(scope.forceId ? { forceId: scope.forceId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(attentionIds ? { id: { in: attentionIds } } : {}),
    force: forceFilterWhere(query),
  } satisfies Prisma.InvitationWhereInput;
}

/**
 * One page of the invitations table. Written as one SQL statement (page, total by window function,
 * delegation counts for the page only): the table is the busiest read of the pipeline, and the ORM's
 * count + include + group-by round trips cost several times more (bench/http).
 */
export async function listInvitations(db: Db, actor: Actor, conferenceId: string, query: InvitationQuery, now = new Date()) {
  const scope = readScope(actor, conferenceId);
  let reasons: Map<string, AttentionReason[]> | undefined;
  const conds: Prisma.Sql[] = [Prisma.sql`i."conferenceId" = ${conferenceId}`];
  if (scope.forceId) conds.push(Prisma.sql`i."forceId" = ${scope.forceId}`);
  if (query.attention) {
    reasons = await attentionReasonsOf(db, conferenceId, now, scope.forceId);
    conds.push(reasons.size ? Prisma.sql`i."id" IN (${Prisma.join([...reasons.keys()])})` : Prisma.sql`FALSE`);
  }
  if (query.status) conds.push(Prisma.sql`i."status" = ${query.status}::"InvitationStatus"`);
  for (const w of searchWords(query.q)) conds.push(Prisma.sql`f."searchText" LIKE ${likePattern(w)}`);
  if (query.kind) conds.push(Prisma.sql`f."kind" = ${query.kind}::"ForceKind"`);
  if (query.region) conds.push(Prisma.sql`f."region" = ${query.region}::"Region"`);
  if (query.member !== undefined) conds.push(Prisma.sql`f."isMember" = ${query.member}`);
  if (query.official !== undefined) conds.push(Prisma.sql`f."isOfficial" = ${query.official}`);
  if (query.tag) conds.push(Prisma.sql`${query.tag} = ANY(f."tags")`);
  // Sort keys come from a fixed list (never from the request text).
  const direction = query.dir === "desc" ? "DESC" : "ASC";
  const dir = Prisma.raw(direction);
  // By name as a reader of that language sees them (NameOrderSchema): their names first, then by Arabic.
  const byName = (d: "ASC" | "DESC") => Prisma.raw(nameColumns(query.names).map((c) => `f."${c}" ${d}${c === "nameAr" ? "" : " NULLS LAST"}`).join(", "));
  const order: Record<InvitationQuery["sort"], Prisma.Sql> = {
    name: byName(direction),
    status: Prisma.sql`i."status" ${dir}, ${byName("ASC")}`,
    kind: Prisma.sql`f."kind" ${dir}, ${byName("ASC")}`,
    region: Prisma.sql`f."region" ${dir}, ${byName("ASC")}`,
    deadline: Prisma.sql`i."confirmationDeadline" ${dir} NULLS LAST, ${byName("ASC")}`,
    updated: Prisma.sql`i."updatedAt" ${dir}`,
  };
  const orderBy = Prisma.sql`${order[query.sort]}, i."id" ASC`;
  const rows = await db.$queryRaw<ListRow[]>`
    WITH page AS (
      SELECT i."id", i."conferenceId", i."forceId", i."status"::text AS "status", i."version", i."seatQuota",
        i."confirmationDeadline", i."note", i."createdAt", i."updatedAt",
        f."nameAr", f."nameKu", f."nameEn", f."kind"::text AS "kind", f."region"::text AS "region", f."country", f."city",
        f."isMember", f."archivedAt",
        COUNT(*) OVER ()::int AS "total",
        ROW_NUMBER() OVER (ORDER BY ${orderBy})::int AS "rn"
      FROM "Invitation" i JOIN "Force" f ON f."id" = i."forceId"
      WHERE ${Prisma.join(conds, " AND ")}
      ORDER BY ${orderBy}
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}
    )
    SELECT page.*,
      (SELECT COUNT(*) FROM "DelegationMember" m WHERE m."invitationId" = page."id" AND NOT m."isSubstitute")::int AS "named",
      (SELECT COUNT(*) FROM "DelegationMember" m WHERE m."invitationId" = page."id" AND m."isSubstitute")::int AS "subs"
    FROM page ORDER BY page."rn"`;
  let total = rows[0]?.total ?? 0;
  if (!rows.length && query.page > 1) {
    // Past the last page: the window count is not there; count alone.
    const c = await db.$queryRaw<{ n: number }[]>`SELECT COUNT(*)::int AS n FROM "Invitation" i JOIN "Force" f ON f."id" = i."forceId" WHERE ${Prisma.join(conds, " AND ")}`;
    total = c[0]?.n ?? 0;
  }
  return {
    rows: rows.map((r) => ({ ...presentListRow(r), ...(reasons ? { attention: reasons.get(r.id) ?? [] } : {}) })),
    page: { page: query.page, pageSize: query.pageSize, total, pages: Math.max(1, Math.ceil(total / query.pageSize)) },
  };
}

interface ListRow {
  id: string;
  conferenceId: string;
  forceId: string;
  status: InvitationStatus;
  version: number;
  seatQuota: number;
  confirmationDeadline: Date | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
  nameAr: string;
  nameKu: string | null;
  nameEn: string | null;
  kind: ForceKind;
  region: Region;
  country: string | null;
  city: string | null;
  isMember: boolean;
  archivedAt: Date | null;
  total: number;
  named: number;
  subs: number;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function presentListRow(r: ListRow): InvitationView {
  return {
    id: r.id,
    conferenceId: r.conferenceId,
    forceId: r.forceId,
    status: r.status,
    version: r.version,
    seatQuota: r.seatQuota,
    confirmationDeadline: iso(r.confirmationDeadline),
    note: r.note,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
    force: { id: r.forceId, nameAr: r.nameAr, nameKu: r.nameKu, nameEn: r.nameEn, kind: r.kind, region: r.region, country: r.country, city: r.city, isMember: r.isMember, archived: !!r.archivedAt },
    namedDelegates: r.named,
    substitutes: r.subs,
    allowedNext: [...invitationTransitions[r.status]],
  };
}

/** Every invitation that needs an organizer's attention now, with why. */
async function attentionReasonsOf(db: Db, conferenceId: string, now: Date, forceId?: string): Promise<Map<string, AttentionReason[]>> {
  const rows = await db.$queryRaw<{ id: string; overdue: boolean; no_delegates: boolean; over_quota: boolean }[]>`
    SELECT i."id",
      (i."status" IN ('APPROVED', 'SENT') AND i."confirmationDeadline" < ${now}) AS overdue,
      (i."status" = 'CONFIRMED' AND COALESCE(d.named, 0) = 0) AS no_delegates,
      (i."status" NOT IN ('WITHDRAWN', 'DECLINED', 'NO_SHOW') AND COALESCE(d.named, 0) > i."seatQuota") AS over_quota
    FROM "Invitation" i
    LEFT JOIN (
      SELECT "invitationId", COUNT(*) FILTER (WHERE NOT "isSubstitute") AS named
      FROM "DelegationMember" GROUP BY "invitationId"
    ) d ON d."invitationId" = i."id"
    WHERE i."conferenceId" = ${conferenceId}
      AND (${forceId ?? null}::text IS NULL OR i."forceId" = ${forceId ?? null}::text)
      AND (
        (i."status" IN ('APPROVED', 'SENT') AND i."confirmationDeadline" < ${now})
        OR (i."status" = 'CONFIRMED' AND COALESCE(d.named, 0) = 0)
        OR (i."status" NOT IN ('WITHDRAWN', 'DECLINED', 'NO_SHOW') AND COALESCE(d.named, 0) > i."seatQuota")
      )`;
  const out = new Map<string, AttentionReason[]>();
  for (const r of rows) {
    const list: AttentionReason[] = [];
    if (r.overdue) list.push("deadline_passed");
    if (r.no_delegates) list.push("no_delegates");
    if (r.over_quota) list.push("over_quota");
    out.set(r.id, list);
  }
  return out;
}

/** The "needs attention" list: deadlines passed without answer, confirmed without delegates, quota exceeded. */
export async function needsAttention(db: Db, actor: Actor, conferenceId: string, now = new Date()) {
  return listInvitations(db, actor, conferenceId, { ...InvitationQuerySchema.parse({}), attention: true, sort: "deadline", pageSize: 500 }, now);
}

// ---------------------------------------------------------------------------------------------
// Dashboard

export interface DashboardFigures {
  byKind: Record<string, Record<"confirmed" | "pending" | "declined" | "withdrawn", number>>;
  byRegion: Record<string, Record<"confirmed" | "pending" | "declined" | "withdrawn", number>>;
  byStatus: Record<string, number>;
  seats: { quotaConfirmed: number; namedConfirmed: number; quotaOpen: number };
  readiness: { settled: number; active: number; percent: number };
  attention: number;
}

/**
 * Figures for the dashboard, computed in the database. Readiness: of the invitations still in play
 * (not withdrawn), the share that is settled — declined, or confirmed with at least one named delegate
 * and within quota; attended / no-show count as settled too.
 */
export async function dashboardFigures(db: Db, actor: Actor, conferenceId: string, now = new Date()): Promise<DashboardFigures> {
  assertMay(actor, "invitation.read", { conferenceId, forceId: null }, "You may not read the pipeline of this conference");
  const rows = await db.$queryRaw<{ kind: string; region: string; status: InvitationStatus; n: number; quota: number; named: number; settled: number }[]>`
    SELECT f."kind"::text AS kind, f."region"::text AS region, i."status",
      COUNT(*)::int AS n,
      COALESCE(SUM(i."seatQuota"), 0)::int AS quota,
      COALESCE(SUM(LEAST(COALESCE(d.named, 0), i."seatQuota")), 0)::int AS named,
      COUNT(*) FILTER (WHERE i."status" IN ('DECLINED', 'ATTENDED', 'NO_SHOW')
        OR (i."status" = 'CONFIRMED' AND COALESCE(d.named, 0) BETWEEN 1 AND i."seatQuota"))::int AS settled
    FROM "Invitation" i
    JOIN "Force" f ON f."id" = i."forceId"
    LEFT JOIN (
      SELECT "invitationId", COUNT(*) FILTER (WHERE NOT "isSubstitute") AS named FROM "DelegationMember" GROUP BY "invitationId"
    ) d ON d."invitationId" = i."id"
    WHERE i."conferenceId" = ${conferenceId}
    GROUP BY 1, 2, 3`;
  const empty = () => ({ confirmed: 0, pending: 0, declined: 0, withdrawn: 0 });
  const fig: DashboardFigures = {
    byKind: {},
    byRegion: {},
    byStatus: {},
    seats: { quotaConfirmed: 0, namedConfirmed: 0, quotaOpen: 0 },
    readiness: { settled: 0, active: 0, percent: 0 },
    attention: 0,
  };
  for (const r of rows) {
    const b = bucketOf[r.status];
    (fig.byKind[r.kind] ??= empty())[b] += r.n;
    (fig.byRegion[r.region] ??= empty())[b] += r.n;
    fig.byStatus[r.status] = (fig.byStatus[r.status] ?? 0) + r.n;
    if (r.status === "CONFIRMED" || r.status === "ATTENDED") {
      fig.seats.quotaConfirmed += r.quota;
      fig.seats.namedConfirmed += r.named;
    } else if (b === "pending") fig.seats.quotaOpen += r.quota;
    if (r.status !== "WITHDRAWN") {
      fig.readiness.active += r.n;
      fig.readiness.settled += r.settled;
    }
  }
  fig.readiness.percent = fig.readiness.active ? Math.round((100 * fig.readiness.settled) / fig.readiness.active) : 0;
  fig.attention = (await attentionReasonsOf(db, conferenceId, now)).size;
  return fig;
}
