// Accounts, sessions, delegate sign-in links and API tokens. Transport-free: takes the Prisma client.
import { hash, verify } from "@node-rs/argon2";
import type { Prisma, PrismaClient, Role } from "@prisma/client";
import type { Actor } from "~/policy";
import { DomainError } from "./errors";

import { newToken, sha256 } from "./tokens.server";

export { createSession, endSession, userForSession, SESSION_DAYS } from "./sessions.server";
export { newToken, sha256 } from "./tokens.server";

export const DELEGATE_LINK_DAYS = 14;

export const hashPassword = (password: string) => hash(password);

export interface SessionUser extends Actor {
  email: string;
  name: string;
  locale: "ar" | "ku" | "en";
  sessionId?: string;
  /** A confirmed second factor (TOTP). */
  secondFactor: boolean;
  memberships: { conferenceId: string; role: Role; forceId: string | null; secondFactorRequired: boolean }[];
}

const userSelect = {
  id: true,
  email: true,
  name: true,
  locale: true,
  disabledAt: true,
  totpConfirmedAt: true,
  memberships: { select: { conferenceId: true, role: true, forceId: true, conference: { select: { requireSecondFactor: true } } } },
} as const;

type SelectedUser = Prisma.UserGetPayload<{ select: typeof userSelect }>;

/** The same shape userForSession returns (sessions.server.ts), from the ORM's select. */
function toSessionUser(u: SelectedUser): SessionUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    locale: u.locale,
    secondFactor: !!u.totpConfirmedAt,
    memberships: u.memberships
      .map((m) => ({ conferenceId: m.conferenceId, role: m.role, forceId: m.forceId, secondFactorRequired: m.conference.requireSecondFactor }))
      .sort((a, b) => (a.conferenceId < b.conferenceId ? -1 : a.conferenceId > b.conferenceId ? 1 : 0)),
  };
}

// A fixed hash to verify against when the account does not exist, so timing does not enumerate accounts.
let dummyHash: Promise<string> | undefined;

/** Checks email + password. Same error for unknown email and wrong password. */
export async function verifyCredentials(prisma: PrismaClient, email: string, password: string): Promise<SessionUser> {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { ...userSelect, passwordHash: true } });
  const stored = user?.passwordHash ?? (await (dummyHash ??= hashPassword("not-a-password")));
  const ok = await verify(stored, password).catch(() => false);
  if (!user || !user.passwordHash || !ok || user.disabledAt) {
    throw new DomainError("unauthenticated", "Wrong email or password");
  }
  return toSessionUser(user);
}

export async function userForApiToken(prisma: PrismaClient, token: string): Promise<SessionUser | null> {
  const t = await prisma.apiToken.findUnique({ where: { tokenHash: sha256(token) }, select: { id: true, revokedAt: true, user: { select: userSelect } } });
  if (!t || t.revokedAt || t.user.disabledAt) return null;
  await prisma.apiToken.update({ where: { id: t.id }, data: { lastUsedAt: new Date() } });
  return toSessionUser(t.user);
}

export async function issueApiToken(prisma: PrismaClient, input: { userId: string; name: string; createdById: string }) {
  const token = `tq_${newToken()}`;
  const row = await prisma.apiToken.create({ data: { userId: input.userId, name: input.name, tokenHash: sha256(token), createdById: input.createdById, expiresAt: new Date(Date.now() + 90 * 86400_000) } });
  await audit(prisma, input.createdById, "apiToken.issue", "ApiToken", row.id, { userId: input.userId });
  return { id: row.id, token };
}

export async function revokeApiToken(prisma: PrismaClient, id: string, actorId: string) {
  await prisma.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  await audit(prisma, actorId, "apiToken.revoke", "ApiToken", id);
}

/** Organizer creates a one-time sign-in link for a person of a force. Returns the raw token once. */
export async function createDelegateLink(
  prisma: PrismaClient,
  input: { conferenceId: string; forceId: string; personName: string; email?: string | null; createdById: string; days?: number },
) {
  const force = await prisma.force.findFirst({ where: { id: input.forceId, conferenceId: input.conferenceId } });
  if (!force) throw new DomainError("not_found", "Force not found in this conference");
  if (!input.personName.trim()) throw new DomainError("bad_request", "The person's name is required");
  const token = newToken();
  const link = await prisma.delegateLink.create({
    data: {
      conferenceId: input.conferenceId,
      forceId: input.forceId,
      personName: input.personName.trim(),
      email: input.email?.trim().toLowerCase() || null,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + (input.days ?? DELEGATE_LINK_DAYS) * 86400_000),
      createdById: input.createdById,
    },
  });
  await audit(prisma, input.createdById, "delegateLink.create", "DelegateLink", link.id, { forceId: input.forceId });
  return { link, token };
}

export async function revokeDelegateLink(prisma: PrismaClient, input: { conferenceId: string; id: string; actorId: string }) {
  const { count } = await prisma.delegateLink.updateMany({
    where: { id: input.id, conferenceId: input.conferenceId, revokedAt: null, usedAt: null },
    data: { revokedAt: new Date() },
  });
  if (!count) throw new DomainError("conflict", "This link is already used, revoked or unknown");
  await audit(prisma, input.actorId, "delegateLink.revoke", "DelegateLink", input.id);
}

/**
 * Exchanges a delegate link for a user with a DELEGATE membership of the link's force.
 * The claim is one conditional UPDATE, so two simultaneous uses cannot both succeed.
 */
export async function redeemDelegateLink(prisma: PrismaClient, token: string): Promise<{ userId: string }> {
  const link = await prisma.delegateLink.findUnique({ where: { tokenHash: sha256(token) } });
  if (!link) throw new DomainError("not_found", "This sign-in link is not valid");
  if (link.revokedAt) throw new DomainError("gone", "This sign-in link was revoked");
  if (link.usedAt) throw new DomainError("gone", "This sign-in link was already used");
  if (link.expiresAt < new Date()) throw new DomainError("gone", "This sign-in link has expired");
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.delegateLink.updateMany({ where: { id: link.id, usedAt: null, revokedAt: null }, data: { usedAt: new Date() } });
    if (!claimed.count) throw new DomainError("gone", "This sign-in link was already used");
    const email = link.email ?? `delegate-${link.id}@links.tawafuq.invalid`;
    const user = await tx.user.upsert({ where: { email }, update: {}, create: { email, name: link.personName } });
    const existing = await tx.membership.findUnique({ where: { userId_conferenceId: { userId: user.id, conferenceId: link.conferenceId } } });
    if (existing && existing.role !== "DELEGATE") {
      // A link never lowers nor raises an existing member's role.
    } else {
      await tx.membership.upsert({
        where: { userId_conferenceId: { userId: user.id, conferenceId: link.conferenceId } },
        update: { forceId: link.forceId },
        create: { userId: user.id, conferenceId: link.conferenceId, role: "DELEGATE", forceId: link.forceId },
      });
    }
    await tx.delegateLink.update({ where: { id: link.id }, data: { userId: user.id } });
    await tx.auditEvent.create({ data: { actorId: user.id, action: "delegateLink.redeem", subjectType: "DelegateLink", subjectId: link.id } });
    return { userId: user.id };
  });
}

export async function audit(prisma: PrismaClient, actorId: string | null, action: string, subjectType: string, subjectId?: string | null, data?: object) {
  await prisma.auditEvent.create({ data: { actorId, action, subjectType, subjectId: subjectId ?? null, data: data as any } });
}
