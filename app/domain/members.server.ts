// Conference membership: who is in, with which role, and for delegates which force they speak for.
import type { PrismaClient, Role } from "@prisma/client";
import { DomainError, forbidden } from "./errors";
import { audit, hashPassword } from "./accounts.server";
import { may, type Actor } from "~/policy";

export async function listMembers(prisma: PrismaClient, conferenceId: string) {
  return prisma.membership.findMany({
    where: { conferenceId },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: { id: true, role: true, forceId: true, force: { select: { nameAr: true, nameEn: true, nameKu: true } }, user: { select: { id: true, email: true, name: true, disabledAt: true } } },
  });
}

async function checkForce(prisma: PrismaClient, conferenceId: string, role: Role, forceId: string | null | undefined) {
  if (role !== "DELEGATE") return null;
  if (!forceId) throw new DomainError("bad_request", "A delegate must represent a force", { field: "forceId" });
  const force = await prisma.force.findFirst({ where: { id: forceId, conferenceId }, select: { id: true } });
  if (!force) throw new DomainError("not_found", "Force not found in this conference");
  return forceId;
}

/** Adds a person (creating the account if new) to the conference. */
export async function addMember(
  prisma: PrismaClient,
  input: { conferenceId: string; email: string; name: string; role: Role; forceId?: string | null; password?: string | null; actorId: string },
) {
  const email = input.email.trim().toLowerCase();
  const forceId = await checkForce(prisma, input.conferenceId, input.role, input.forceId);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const membership = await prisma.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email },
      update: passwordHash ? { passwordHash } : {},
      create: { email, name: input.name.trim() || email, passwordHash },
    });
    const existing = await tx.membership.findUnique({ where: { userId_conferenceId: { userId: user.id, conferenceId: input.conferenceId } } });
    if (existing) throw new DomainError("conflict", "This person is already a member of the conference");
    return tx.membership.create({ data: { userId: user.id, conferenceId: input.conferenceId, role: input.role, forceId } });
  });
  await audit(prisma, input.actorId, "member.add", "Membership", membership.id, { role: input.role, email });
  return membership;
}

async function organizerCount(prisma: PrismaClient, conferenceId: string) {
  return prisma.membership.count({ where: { conferenceId, role: "ORGANIZER" } });
}

export async function setRole(
  prisma: PrismaClient,
  input: { conferenceId: string; membershipId: string; role: Role; forceId?: string | null; actorId: string },
) {
  const m = await prisma.membership.findFirst({ where: { id: input.membershipId, conferenceId: input.conferenceId } });
  if (!m) throw new DomainError("not_found", "Member not found");
  if (m.role === "ORGANIZER" && input.role !== "ORGANIZER" && (await organizerCount(prisma, input.conferenceId)) <= 1) {
    throw new DomainError("conflict", "The last organizer cannot be demoted");
  }
  const forceId = await checkForce(prisma, input.conferenceId, input.role, input.forceId ?? m.forceId);
  const updated = await prisma.membership.update({ where: { id: m.id }, data: { role: input.role, forceId } });
  await audit(prisma, input.actorId, "member.role", "Membership", m.id, { from: m.role, to: input.role });
  return updated;
}

export async function removeMember(prisma: PrismaClient, input: { conferenceId: string; membershipId: string; actorId: string }) {
  const m = await prisma.membership.findFirst({ where: { id: input.membershipId, conferenceId: input.conferenceId } });
  if (!m) throw new DomainError("not_found", "Member not found");
  if (m.role === "ORGANIZER" && (await organizerCount(prisma, input.conferenceId)) <= 1) {
    throw new DomainError("conflict", "The last organizer cannot be removed");
  }
  await prisma.membership.delete({ where: { id: m.id } });
  // Their open sessions keep nothing in this conference: memberships are read on every request (open
  // sockets are re-checked when the route signals the change).
  await audit(prisma, input.actorId, "member.remove", "Membership", m.id, { userId: m.userId });
  return { userId: m.userId };
}

/**
 * An organizer disables the account of a member of their conference (ADR 0025): it can no longer sign
 * in, its sessions end and its API tokens are revoked. Only an account that belongs to this conference
 * alone (an organizer of one conference does not lock someone out of another), never oneself, never
 * the conference's last organizer. Returns the account's id, for the re-authorisation of its sockets.
 */
export async function disableAccount(prisma: PrismaClient, actor: Actor, input: { conferenceId: string; membershipId: string }) {
  if (!may(actor, "member.manage", { conferenceId: input.conferenceId })) throw forbidden();
  const m = await prisma.membership.findFirst({
    where: { id: input.membershipId, conferenceId: input.conferenceId },
    select: { userId: true, role: true, user: { select: { disabledAt: true, _count: { select: { memberships: true } } } } },
  });
  if (!m) throw new DomainError("not_found", "Member not found");
  if (m.userId === actor.id) throw new DomainError("conflict", "You cannot disable your own account", { problem: "self" });
  if (m.user._count.memberships > 1) throw forbidden("This account belongs to other conferences too");
  if (m.role === "ORGANIZER" && (await organizerCount(prisma, input.conferenceId)) <= 1) {
    throw new DomainError("conflict", "The last organizer cannot be disabled");
  }
  const now = new Date();
  await prisma.$transaction([
    prisma.user.updateMany({ where: { id: m.userId, disabledAt: null }, data: { disabledAt: now } }),
    prisma.session.deleteMany({ where: { userId: m.userId } }),
    prisma.apiToken.updateMany({ where: { userId: m.userId, revokedAt: null }, data: { revokedAt: now } }),
  ]);
  await audit(prisma, actor.id, "account.disable", "User", m.userId, { conferenceId: input.conferenceId });
  return { userId: m.userId };
}
