// Accounts, sessions, delegate sign-in links and API tokens. Transport-free: takes the Prisma client.
import { hash, verify } from "@node-rs/argon2";
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient, Role } from "@prisma/client";
import type { Actor } from "~/policy";
import type { SqlQuery } from "~/services.server";
import { DomainError } from "./errors";

export const SESSION_DAYS = 30;
export const DELEGATE_LINK_DAYS = 14;

export const hashPassword = (password: string) => hash(password);
export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** 256 random bits, URL-safe. */
export const newToken = () => randomBytes(32).toString("base64url");

export interface SessionUser extends Actor {
  email: string;
  name: string;
  locale: "ar" | "ku" | "en";
  sessionId?: string;
  memberships: { conferenceId: string; role: Role; forceId: string | null }[];
}

const userSelect = {
  id: true,
  email: true,
  name: true,
  locale: true,
  disabledAt: true,
  memberships: { select: { conferenceId: true, role: true, forceId: true } },
} as const;

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
  const { passwordHash: _, disabledAt: __, ...rest } = user;
  return rest;
}

export async function createSession(prisma: PrismaClient, userId: string, meta: { ip?: string; userAgent?: string } = {}) {
  return prisma.session.create({
    data: {
      id: newToken(),
      userId,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 86400_000),
      ip: meta.ip?.slice(0, 100),
      userAgent: meta.userAgent?.slice(0, 300),
    },
  });
}

/**
 * The signed-in user of a session, with their memberships, or null (unknown, expired or disabled).
 * Every request and every paper connection asks this, so it is one statement: the ORM's nested select
 * took two to three times as long (bench/README.md). Plain SQL on the database runner, so the Yjs gate
 * can queue it before the paper's read (ADR 0011). Expiry is compared in SQL against UTC: the column is
 * a UTC timestamp without zone.
 */
export async function userForSession(sql: SqlQuery, sessionId: string): Promise<SessionUser | null> {
  const [row] = (await sql.query(
    `SELECT u."id", u."email", u."name", u."locale"::text AS "locale",
       COALESCE((SELECT json_agg(json_build_object('conferenceId', m."conferenceId", 'role', m."role", 'forceId', m."forceId") ORDER BY m."conferenceId")
         FROM "Membership" m WHERE m."userId" = u."id"), '[]'::json) AS "memberships"
     FROM "Session" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."id" = $1 AND s."expiresAt" > (now() AT TIME ZONE 'UTC') AND u."disabledAt" IS NULL`,
    [sessionId],
  )) as Omit<SessionUser, "sessionId">[];
  return row ? { ...row, sessionId } : null;
}

export async function endSession(prisma: PrismaClient, sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

export async function userForApiToken(prisma: PrismaClient, token: string): Promise<SessionUser | null> {
  const t = await prisma.apiToken.findUnique({ where: { tokenHash: sha256(token) }, select: { id: true, revokedAt: true, user: { select: userSelect } } });
  if (!t || t.revokedAt || t.user.disabledAt) return null;
  await prisma.apiToken.update({ where: { id: t.id }, data: { lastUsedAt: new Date() } });
  const { disabledAt: _, ...user } = t.user;
  return user;
}

export async function issueApiToken(prisma: PrismaClient, input: { userId: string; name: string; createdById: string }) {
  const token = `tq_${newToken()}`;
  const row = await prisma.apiToken.create({ data: { userId: input.userId, name: input.name, tokenHash: sha256(token), createdById: input.createdById } });
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
