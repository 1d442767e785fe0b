// Erasure of a person (issue 17, ADR 0033): a contact of a force, a delegate named in a delegation, or a
// member account. Their personal fields are replaced by a placeholder wherever the app keeps them; the
// rows stay (forces, invitations, amendments, history), so counts, links and authorship still add up.
// The erasure deletes the person's audit key (ADR 0034), so what the append-only audit trail sealed for
// them can no longer be read, and is recorded in the trail without the erased data, all in one
// transaction. Organizers only (`person.erase`).
import type { Prisma, PrismaClient } from "@prisma/client";
import type { Actor } from "~/policy";
import { recordAudit, type AuditMeta } from "./audit.server";
import { forgetPerson, type Person } from "./person-keys.server";
import { assertMay, DomainError, notFound } from "./errors";
import { forceSearchText } from "./forces.server";

type Tx = Prisma.TransactionClient;

/** What an erased person is shown as: no personal data, distinct per person (from the row's id). */
export function erasedName(id: string): string {
  return `شخص محذوف #${id.slice(-6)}`;
}

export type ErasedKind = "contact" | "delegate" | "member";

/** The history of invitations may be rewritten by this transaction only (migration 20261206020000). */
async function allowHistoryRewrite(tx: Tx) {
  await tx.$executeRawUnsafe(`SELECT set_config('tawafuq.erasure', 'on', true)`);
}

/**
 * Replaces every old value (names, emails, phones) in the free text of the conference that may quote
 * them: outreach entries, invitation notes and history, delegate links. Values shorter than 3 characters
 * are not searched for (they would match inside other words).
 */
async function scrubText(tx: Tx, conferenceId: string, olds: (string | null | undefined)[], placeholder: string) {
  const values = [...new Set(olds.filter((v): v is string => !!v && v.trim().length >= 3).map((v) => v.trim()))];
  if (!values.length) return;
  const swap = (s: string | null) => (s == null ? s : values.reduce((acc, v) => acc.split(v).join(placeholder), s));
  const hit = (s: string | null | undefined) => !!s && values.some((v) => s.includes(v));
  for (const e of await tx.outreachEntry.findMany({ where: { conferenceId }, select: { id: true, participants: true, summary: true, outcome: true, followUp: true } })) {
    if ([e.participants, e.summary, e.outcome, e.followUp].some(hit)) {
      await tx.outreachEntry.update({ where: { id: e.id }, data: { participants: swap(e.participants)!, summary: swap(e.summary)!, outcome: swap(e.outcome), followUp: swap(e.followUp) } });
    }
  }
  for (const i of await tx.invitation.findMany({ where: { conferenceId }, select: { id: true, note: true } })) {
    if (hit(i.note)) await tx.invitation.update({ where: { id: i.id }, data: { note: swap(i.note) } });
  }
  const events = await tx.invitationEvent.findMany({ where: { invitation: { conferenceId } }, select: { id: true, note: true, data: true } });
  const touched = events.filter((e) => hit(e.note) || hit(e.data == null ? null : JSON.stringify(e.data)));
  if (touched.length) await allowHistoryRewrite(tx);
  for (const e of touched) {
    const data = e.data == null ? e.data : JSON.parse(values.reduce((acc, v) => acc.split(JSON.stringify(v).slice(1, -1)).join(placeholder), JSON.stringify(e.data)));
    await tx.invitationEvent.update({ where: { id: e.id }, data: { note: swap(e.note), data: data ?? undefined } });
  }
  for (const l of await tx.delegateLink.findMany({ where: { conferenceId }, select: { id: true, personName: true, email: true } })) {
    if (hit(l.personName) || hit(l.email)) await tx.delegateLink.update({ where: { id: l.id }, data: { personName: swap(l.personName)!, email: hit(l.email) ? null : l.email } });
  }
  // Notices and mail to others may quote the person (a follow-up's words, a digest listing them).
  const swapJson = (j: unknown) => JSON.parse(values.reduce((acc, v) => acc.split(JSON.stringify(v).slice(1, -1)).join(placeholder), JSON.stringify(j)));
  for (const n of await tx.notification.findMany({ where: { conferenceId }, select: { id: true, params: true } })) {
    if (hit(JSON.stringify(n.params))) await tx.notification.update({ where: { id: n.id }, data: { params: swapJson(n.params) } });
  }
  const quoting = values.flatMap((v) => [{ subject: { contains: v } }, { text: { contains: v } }, { html: { contains: v } }, { toName: { contains: v } }]);
  for (const m of await tx.outboxMail.findMany({ where: { conferenceId, OR: quoting }, select: { id: true, subject: true, text: true, html: true, toName: true } })) {
    await tx.outboxMail.update({ where: { id: m.id }, data: { subject: swap(m.subject)!, text: swap(m.text)!, html: swap(m.html)!, toName: swap(m.toName) } });
  }
}

/** The person's audit key goes and the erasure is recorded, inside the erasure's transaction. */
async function shredAndRecord(tx: Tx, actor: Actor, conferenceId: string, person: Person, subjectType: string, kind: ErasedKind, meta: AuditMeta) {
  await forgetPerson(tx, person);
  await recordAudit(tx, { actorId: actor.id, action: "person.erase", subjectType, subjectId: person.id, data: { kind, conferenceId }, conferenceId, ip: meta.ip });
}

/**
 * Mail to or about the person (ADR 0049): queued mail is not sent, and what was sent is not kept, since
 * its address, name and words would outlive the erasure. Their notifications go with them too.
 */
async function forgetMail(tx: Tx, conferenceId: string, who: { addresses: (string | null | undefined)[]; userId?: string }) {
  const addresses = [...new Set(who.addresses.filter((a): a is string => !!a).map((a) => a.trim().toLowerCase()))];
  const to = [...(addresses.length ? [{ toAddress: { in: addresses } }] : []), ...(who.userId ? [{ userId: who.userId }] : [])];
  if (to.length) await tx.outboxMail.deleteMany({ where: { OR: [{ conferenceId }, { conferenceId: null }], AND: [{ OR: to }] } });
  if (who.userId) {
    await tx.notification.deleteMany({ where: { userId: who.userId } });
    await tx.notificationPreference.deleteMany({ where: { userId: who.userId } });
  }
}

/** The force's folded search text again, from what it holds now. */
async function refreshForceSearch(tx: Tx, forceId: string) {
  const f = await tx.force.findUniqueOrThrow({ where: { id: forceId }, include: { contacts: true } });
  await tx.force.update({ where: { id: forceId }, data: { searchText: forceSearchText(f) } });
}

/** A contact of a force: name, role, phone, email and messaging replaced; outreach keeps its link. */
export async function eraseContact(prisma: PrismaClient, actor: Actor, conferenceId: string, contactId: string, meta: AuditMeta = {}): Promise<void> {
  assertMay(actor, "person.erase", { conferenceId });
  await prisma.$transaction(async (tx) => {
    const c = await tx.contact.findFirst({ where: { id: contactId, force: { conferenceId } } });
    if (!c) throw notFound("Contact");
    const placeholder = erasedName(c.id);
    await tx.contact.update({ where: { id: c.id }, data: { name: placeholder, role: null, phone: null, email: null, messaging: null } });
    await scrubText(tx, conferenceId, [c.name, c.email, c.phone, c.messaging], placeholder);
    await forgetMail(tx, conferenceId, { addresses: [c.email] });
    await refreshForceSearch(tx, c.forceId);
    await shredAndRecord(tx, actor, conferenceId, { kind: "contact", id: c.id }, "Contact", "contact", meta);
  });
}

/** A delegate named in a delegation: the member row stays (seat counts), its personal fields go. */
export async function eraseDelegate(prisma: PrismaClient, actor: Actor, conferenceId: string, memberId: string, meta: AuditMeta = {}): Promise<void> {
  assertMay(actor, "person.erase", { conferenceId });
  await prisma.$transaction(async (tx) => {
    const m = await tx.delegationMember.findFirst({ where: { id: memberId, invitation: { conferenceId } } });
    if (!m) throw notFound("Delegation member");
    const placeholder = erasedName(m.id);
    await tx.delegationMember.update({ where: { id: m.id }, data: { name: placeholder, role: null, contact: null, travelNeeds: null, consentToPublish: false } });
    // The contact field is free text: the emails in it are looked for on their own too (delegate links).
    const emails = m.contact?.match(/[^\s,;<>()]+@[^\s,;<>()]+/g) ?? [];
    await scrubText(tx, conferenceId, [m.name, m.contact, ...emails], placeholder);
    await forgetMail(tx, conferenceId, { addresses: emails });
    await shredAndRecord(tx, actor, conferenceId, { kind: "delegate", id: m.id }, "DelegationMember", "delegate", meta);
  });
}

/**
 * A member account: name and email replaced, password, second factor, sessions, tokens and links gone,
 * the account disabled (it can never sign in again). Its memberships and authorship stay, shown under
 * the placeholder. Like disabling (ADR 0023), only for an account that belongs to this conference alone.
 */
export async function eraseMember(prisma: PrismaClient, actor: Actor, conferenceId: string, userId: string, meta: AuditMeta = {}): Promise<void> {
  assertMay(actor, "person.erase", { conferenceId });
  if (userId === actor.id) throw new DomainError("conflict", "You cannot erase your own account");
  await prisma.$transaction(async (tx) => {
    const u = await tx.user.findUnique({ where: { id: userId }, include: { memberships: { select: { conferenceId: true } } } });
    if (!u || !u.memberships.some((m) => m.conferenceId === conferenceId)) throw notFound("Member");
    if (u.memberships.some((m) => m.conferenceId !== conferenceId)) {
      throw new DomainError("conflict", "This account belongs to other conferences too; only its holder or those conferences' organizers can act on it there");
    }
    const placeholder = erasedName(u.id);
    await tx.user.update({
      where: { id: u.id },
      data: { name: placeholder, email: `erased-${u.id}@erased.invalid`, passwordHash: null, passwordChangedAt: null, totpSecret: null, totpConfirmedAt: null, disabledAt: new Date() },
    });
    await tx.session.deleteMany({ where: { userId: u.id } });
    await tx.apiToken.deleteMany({ where: { userId: u.id } });
    await tx.recoveryCode.deleteMany({ where: { userId: u.id } });
    await tx.accountToken.deleteMany({ where: { userId: u.id } });
    await tx.delegateLink.updateMany({ where: { userId: u.id }, data: { personName: placeholder, email: null, revokedAt: new Date() } });
    await scrubText(tx, conferenceId, [u.name, u.email], placeholder);
    await forgetMail(tx, conferenceId, { addresses: [u.email], userId: u.id });
    await shredAndRecord(tx, actor, conferenceId, { kind: "user", id: u.id }, "User", "member", meta);
  });
}

/** Who an erasure would erase, named for the confirmation step (organizers only, like the erasure). */
export interface ErasureTarget {
  kind: ErasedKind;
  id: string;
  name: string;
  /** Email, phone: what else of theirs goes. */
  details: string[];
}

export async function erasureTarget(prisma: PrismaClient, actor: Actor, conferenceId: string, kind: ErasedKind, id: string): Promise<ErasureTarget> {
  assertMay(actor, "person.erase", { conferenceId });
  const present = (...v: (string | null | undefined)[]) => v.filter((x): x is string => !!x);
  if (kind === "contact") {
    const c = await prisma.contact.findFirst({ where: { id, force: { conferenceId } } });
    if (!c) throw notFound("Contact");
    return { kind, id, name: c.name, details: present(c.email, c.phone, c.messaging) };
  }
  if (kind === "delegate") {
    const m = await prisma.delegationMember.findFirst({ where: { id, invitation: { conferenceId } } });
    if (!m) throw notFound("Delegation member");
    return { kind, id, name: m.name, details: present(m.contact) };
  }
  if (id === actor.id) throw new DomainError("conflict", "You cannot erase your own account");
  const u = await prisma.user.findFirst({ where: { id, memberships: { some: { conferenceId } } } });
  if (!u) throw notFound("Member");
  return { kind, id, name: u.name, details: [u.email] };
}

export async function erasePerson(prisma: PrismaClient, actor: Actor, conferenceId: string, kind: ErasedKind, id: string, meta: AuditMeta = {}): Promise<void> {
  if (kind === "contact") return eraseContact(prisma, actor, conferenceId, id, meta);
  if (kind === "delegate") return eraseDelegate(prisma, actor, conferenceId, id, meta);
  return eraseMember(prisma, actor, conferenceId, id, meta);
}
