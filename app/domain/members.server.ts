// Conference membership: who is in, with which role, and for delegates which force they speak for.
// Every command asks the policy itself (member.manage, ADR 0037); the members page asks first only to
// answer with its own page.
import type { Membership, PrismaClient, Role } from "@prisma/client";
import { assertMay, DomainError, forbidden } from "./errors";
import { stripInvisible } from "~/domain/arabic";
import { audit, createAccountSetupToken } from "./accounts.server";
import type { AuditMeta } from "./audit.server";
import { sealFor } from "./person-keys.server";
import { rolesSpeakingForAForce, rolesThatMay, type Actor } from "~/policy";

export async function listMembers(prisma: PrismaClient, actor: Actor, conferenceId: string) {
  assertMay(actor, "member.manage", { conferenceId });
  const rows = await prisma.membership.findMany({
    where: { conferenceId },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      role: true,
      forceId: true,
      force: { select: { nameAr: true, nameEn: true, nameKu: true } },
      user: { select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true } },
    },
  });
  // Whether the person has set a password yet, never the hash itself.
  return rows.map(({ user: { passwordHash, ...user }, ...m }) => ({ ...m, user: { ...user, hasPassword: !!passwordHash } }));
}

async function checkForce(prisma: PrismaClient, conferenceId: string, role: Role, forceId: string | null | undefined) {
  if (!rolesSpeakingForAForce.includes(role)) return null;
  if (!forceId) throw new DomainError("bad_request", "A delegate must represent a force", { reason: "forceRequired", fieldErrors: { forceId: ["required"] } });
  const force = await prisma.force.findFirst({ where: { id: forceId, conferenceId }, select: { id: true } });
  if (!force) throw new DomainError("not_found", "Force not found in this conference");
  return forceId;
}

/**
 * Adds a person to the conference (ADR 0023). An existing account is added as it is: its password,
 * name and other memberships are never touched. A new account has no password: the result carries a
 * one-time setup link (`setupToken`) for the person to choose their own.
 */
export async function addMember(
  prisma: PrismaClient,
  actor: Actor,
  input: { conferenceId: string; email: string; name: string; role: Role; forceId?: string | null },
  meta: AuditMeta = {},
): Promise<{ membership: Membership; newAccount: boolean; setupToken: string | null }> {
  assertMay(actor, "member.manage", { conferenceId: input.conferenceId });
  const email = input.email.trim().toLowerCase();
  const forceId = await checkForce(prisma, input.conferenceId, input.role, input.forceId);
  const { membership, newAccount, userId } = await prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    const user = existing ?? (await tx.user.create({ data: { email, name: stripInvisible(input.name).trim() || email }, select: { id: true } }));
    const member = await tx.membership.findUnique({ where: { userId_conferenceId: { userId: user.id, conferenceId: input.conferenceId } } });
    if (member) throw new DomainError("conflict", "This person is already a member of the conference");
    const created = await tx.membership.create({ data: { userId: user.id, conferenceId: input.conferenceId, role: input.role, forceId } });
    return { membership: created, newAccount: !existing, userId: user.id };
  });
  // The email under the account's key (ADR 0034): erasing the member shreds it from this row too.
  await audit(prisma, actor.id, "member.add", "Membership", membership.id, { role: input.role, userId, email: await sealFor(prisma, { kind: "user", id: userId }, email), newAccount }, { conferenceId: input.conferenceId, ip: meta.ip });
  const setupToken = newAccount ? await createAccountSetupToken(prisma, { userId, createdById: actor.id }) : null;
  return { membership, newAccount, setupToken };
}

/**
 * A new setup link for a member who has never set a password (the first one expired or was lost).
 * Refused for an account with a password or one that belongs to another conference too: an organizer
 * must never be able to choose the password of an account they do not alone administer.
 */
export async function renewAccountSetup(prisma: PrismaClient, actor: Actor, input: { conferenceId: string; membershipId: string }, meta: AuditMeta = {}) {
  assertMay(actor, "member.manage", { conferenceId: input.conferenceId });
  const m = await prisma.membership.findFirst({
    where: { id: input.membershipId, conferenceId: input.conferenceId },
    select: { userId: true, user: { select: { passwordHash: true, _count: { select: { memberships: true } } } } },
  });
  if (!m) throw new DomainError("not_found", "Member not found");
  if (m.user.passwordHash || m.user._count.memberships > 1) {
    throw new DomainError("conflict", "This account already has a password or belongs to another conference", { reason: "hasPassword" });
  }
  await prisma.accountToken.updateMany({ where: { userId: m.userId, purpose: "setup", usedAt: null }, data: { usedAt: new Date() } });
  const token = await createAccountSetupToken(prisma, { userId: m.userId, createdById: actor.id });
  await audit(prisma, actor.id, "member.setupLink", "User", m.userId, undefined, { conferenceId: input.conferenceId, ip: meta.ip });
  return token;
}

// The conference keeps at least one member who may manage its members (its "last organizer").
const managers = rolesThatMay("member.manage");
const isManager = (role: Role) => managers.includes(role);

async function organizerCount(prisma: PrismaClient, conferenceId: string) {
  return prisma.membership.count({ where: { conferenceId, role: { in: managers } } });
}

export async function setRole(
  prisma: PrismaClient,
  actor: Actor,
  input: { conferenceId: string; membershipId: string; role: Role; forceId?: string | null },
  meta: AuditMeta = {},
) {
  assertMay(actor, "member.manage", { conferenceId: input.conferenceId });
  const m = await prisma.membership.findFirst({ where: { id: input.membershipId, conferenceId: input.conferenceId } });
  if (!m) throw new DomainError("not_found", "Member not found");
  if (isManager(m.role) && !isManager(input.role) && (await organizerCount(prisma, input.conferenceId)) <= 1) {
    throw new DomainError("conflict", "The last organizer cannot be demoted", { reason: "lastOrganizer" });
  }
  const forceId = await checkForce(prisma, input.conferenceId, input.role, input.forceId ?? m.forceId);
  const updated = await prisma.membership.update({ where: { id: m.id }, data: { role: input.role, forceId } });
  await audit(prisma, actor.id, "member.role", "Membership", m.id, { userId: m.userId, from: m.role, to: input.role, ...(forceId !== m.forceId ? { forceId } : {}) }, { conferenceId: input.conferenceId, ip: meta.ip });
  return updated;
}

export async function removeMember(prisma: PrismaClient, actor: Actor, input: { conferenceId: string; membershipId: string }, meta: AuditMeta = {}) {
  assertMay(actor, "member.manage", { conferenceId: input.conferenceId });
  const m = await prisma.membership.findFirst({ where: { id: input.membershipId, conferenceId: input.conferenceId } });
  if (!m) throw new DomainError("not_found", "Member not found");
  if (isManager(m.role) && (await organizerCount(prisma, input.conferenceId)) <= 1) {
    throw new DomainError("conflict", "The last organizer cannot be removed", { reason: "lastOrganizer" });
  }
  await prisma.membership.delete({ where: { id: m.id } });
  // Their open sessions keep nothing in this conference: memberships are read on every request (open
  // sockets are re-checked when the route signals the change).
  await audit(prisma, actor.id, "member.remove", "Membership", m.id, { userId: m.userId, role: m.role }, { conferenceId: input.conferenceId, ip: meta.ip });
  return { userId: m.userId };
}

/**
 * An organizer disables the account of a member of their conference (ADR 0025): it can no longer sign
 * in, its sessions end and its API tokens are revoked. Only an account that belongs to this conference
 * alone (an organizer of one conference does not lock someone out of another), never oneself, never
 * the conference's last organizer. Returns the account's id, for the re-authorisation of its sockets.
 */
export async function disableAccount(prisma: PrismaClient, actor: Actor, input: { conferenceId: string; membershipId: string }, meta: AuditMeta = {}) {
  assertMay(actor, "member.manage", { conferenceId: input.conferenceId });
  const m = await prisma.membership.findFirst({
    where: { id: input.membershipId, conferenceId: input.conferenceId },
    select: { userId: true, role: true, user: { select: { disabledAt: true, _count: { select: { memberships: true } } } } },
  });
  if (!m) throw new DomainError("not_found", "Member not found");
  if (m.userId === actor.id) throw new DomainError("conflict", "You cannot disable your own account", { reason: "notSelf" });
  if (m.user._count.memberships > 1) throw forbidden("This account belongs to other conferences too");
  if (isManager(m.role) && (await organizerCount(prisma, input.conferenceId)) <= 1) {
    throw new DomainError("conflict", "The last organizer cannot be disabled", { reason: "lastOrganizer" });
  }
  const now = new Date();
  await prisma.$transaction([
    prisma.user.updateMany({ where: { id: m.userId, disabledAt: null }, data: { disabledAt: now } }),
    prisma.session.deleteMany({ where: { userId: m.userId } }),
    prisma.apiToken.updateMany({ where: { userId: m.userId, revokedAt: null }, data: { revokedAt: now } }),
  ]);
  await audit(prisma, actor.id, "account.disable", "User", m.userId, { conferenceId: input.conferenceId }, { conferenceId: input.conferenceId, ip: meta.ip });
  return { userId: m.userId };
}
