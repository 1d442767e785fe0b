// Accounts, sessions, delegate sign-in links and API tokens. Transport-free: takes the Prisma client.
import { hash, verify } from "@node-rs/argon2";
import type { Prisma, PrismaClient, Role } from "@prisma/client";
import type { Actor } from "~/policy";
import { assertMay, DomainError } from "./errors";
import { assertAcceptablePassword } from "./passwords.server";
import { API_TOKEN_DAYS, API_TOKEN_MAX_DAYS } from "./account-limits";

import { newToken, sha256 } from "./tokens.server";
import { recordAudit, type AuditMeta } from "./audit.server";

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
function toSessionUser({ id, email, name, locale, totpConfirmedAt, memberships }: SelectedUser): SessionUser {
  return {
    id, email, name, locale,
    secondFactor: !!totpConfirmedAt,
    memberships: memberships
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

/** The token's owner and the token's scope, or null (unknown, revoked, expired, disabled account). */
export async function userForApiToken(prisma: PrismaClient, token: string): Promise<(SessionUser & { tokenScope: ApiTokenScope }) | null> {
  const t = await prisma.apiToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: { id: true, revokedAt: true, expiresAt: true, scope: true, user: { select: userSelect } },
  });
  if (!t || t.revokedAt || t.expiresAt <= new Date() || t.user.disabledAt) return null;
  await prisma.apiToken.update({ where: { id: t.id }, data: { lastUsedAt: new Date() } });
  return { ...toSessionUser(t.user), tokenScope: t.scope };
}

export type ApiTokenScope = "READ" | "WRITE";

/**
 * A personal API token (ADR 0023): it acts only for the account that creates it, within its scope
 * (READ: safe methods only), until it expires or its owner revokes it. Nobody mints tokens for others.
 */
export async function issueApiToken(prisma: PrismaClient, input: { userId: string; name: string; scope?: ApiTokenScope; days?: number }, meta: AuditMeta = {}) {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new DomainError("bad_request", "A token needs a name of at most 100 characters", { fieldErrors: { name: ["tooLong"] } });
  const days = input.days ?? API_TOKEN_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > API_TOKEN_MAX_DAYS) {
    throw new DomainError("bad_request", `A token lives 1 to ${API_TOKEN_MAX_DAYS} days`, { fieldErrors: { days: ["invalid"] } });
  }
  const token = `tq_${newToken()}`;
  const scope = input.scope ?? "READ";
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId: input.userId, name, scope, tokenHash: sha256(token), createdById: input.userId, expiresAt: new Date(Date.now() + days * 86400_000) },
    });
    await audit(tx, input.userId, "apiToken.issue", "ApiToken", created.id, { scope, days }, { ip: meta.ip });
    return created;
  });
  return { id: row.id, token, scope, expiresAt: row.expiresAt };
}

/** The owner's tokens, newest first; the secret itself is never kept. */
export async function listApiTokens(prisma: PrismaClient, userId: string) {
  return prisma.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, name: true, scope: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Only the owner revokes a token; someone else's token id is "not found", as if it did not exist. */
export async function revokeApiToken(prisma: PrismaClient, input: { id: string; userId: string }, meta: AuditMeta = {}) {
  const { count } = await prisma.apiToken.updateMany({ where: { id: input.id, userId: input.userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (!count) throw new DomainError("not_found", "Token not found");
  await audit(prisma, input.userId, "apiToken.revoke", "ApiToken", input.id, undefined, { ip: meta.ip });
}

/** Organizer creates a one-time sign-in link for a person of a force. Returns the raw token once. */
export async function createDelegateLink(
  prisma: PrismaClient,
  actor: Actor,
  input: { conferenceId: string; forceId: string; personName: string; email?: string | null; days?: number },
  meta: AuditMeta = {},
) {
  assertMay(actor, "member.manage", { conferenceId: input.conferenceId }, "Only organizers create sign-in links");
  const force = await prisma.force.findFirst({ where: { id: input.forceId, conferenceId: input.conferenceId } });
  if (!force) throw new DomainError("not_found", "Force not found in this conference");
  if (!input.personName.trim()) throw new DomainError("bad_request", "The person's name is required");
  return delegateLinkIn(prisma, actor.id, input, meta);
}

/**
 * The link row and its audit, in the caller's transaction when given one (the invitation letter mints
 * its links in the transaction that moves the invitation to SENT). The caller has checked the policy,
 * the force and the name. Returns the raw token once; only its hash is kept.
 */
export async function delegateLinkIn(
  db: PrismaClient | Prisma.TransactionClient,
  actorId: string,
  input: { conferenceId: string; forceId: string; personName: string; email?: string | null; days?: number },
  meta: AuditMeta = {},
) {
  const token = newToken();
  const link = await db.delegateLink.create({
    data: {
      conferenceId: input.conferenceId,
      forceId: input.forceId,
      personName: input.personName.trim(),
      email: input.email?.trim().toLowerCase() || null,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + (input.days ?? DELEGATE_LINK_DAYS) * 86400_000),
      createdById: actorId,
    },
  });
  await audit(db, actorId, "delegateLink.create", "DelegateLink", link.id, { forceId: input.forceId }, { conferenceId: input.conferenceId, ip: meta.ip });
  return { link, token };
}

export async function revokeDelegateLink(prisma: PrismaClient, actor: Actor, input: { conferenceId: string; id: string }, meta: AuditMeta = {}) {
  assertMay(actor, "member.manage", { conferenceId: input.conferenceId }, "Only organizers revoke sign-in links");
  const { count } = await prisma.delegateLink.updateMany({
    where: { id: input.id, conferenceId: input.conferenceId, revokedAt: null, usedAt: null },
    data: { revokedAt: new Date() },
  });
  if (!count) throw new DomainError("conflict", "This link is already used, revoked or unknown");
  await audit(prisma, actor.id, "delegateLink.revoke", "DelegateLink", input.id, undefined, { conferenceId: input.conferenceId, ip: meta.ip });
}

/**
 * Exchanges a delegate link for a DELEGATE membership of the link's force (ADR 0023). A link never
 * takes over an existing account: it binds a new account, or, when its email already has an account,
 * only that account, signed in, may accept it (`signedInUserId`), and only if it is not yet a member
 * of the conference (a link never moves a delegate to another force nor changes anyone's role).
 * The claim is one conditional UPDATE, so two simultaneous uses cannot both succeed.
 */
export async function redeemDelegateLink(
  prisma: PrismaClient,
  token: string,
  opts: { signedInUserId?: string | null } & AuditMeta = {},
): Promise<{ userId: string; newAccount: boolean }> {
  const link = await prisma.delegateLink.findUnique({ where: { tokenHash: sha256(token) } });
  if (!link) throw new DomainError("not_found", "This sign-in link is not valid", { reason: "invalid" });
  if (link.revokedAt) throw new DomainError("gone", "This sign-in link was revoked", { reason: "revoked" });
  if (link.usedAt) throw new DomainError("gone", "This sign-in link was already used", { reason: "used" });
  if (link.expiresAt < new Date()) throw new DomainError("gone", "This sign-in link has expired", { reason: "expired" });
  const email = link.email ?? `delegate-${link.id}@links.tawafuq.invalid`;
  return prisma.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { email }, select: { id: true, disabledAt: true } });
    if (owner && owner.id !== opts.signedInUserId) {
      throw new DomainError("conflict", "This email already has an account: sign in to it, then open the link again", { reason: "accountExists" });
    }
    if (owner?.disabledAt) throw new DomainError("forbidden", "This account is disabled", { reason: "disabled" });
    if (owner) {
      const member = await tx.membership.findUnique({ where: { userId_conferenceId: { userId: owner.id, conferenceId: link.conferenceId } } });
      if (member) throw new DomainError("conflict", "This account is already a member of the conference", { reason: "alreadyMember" });
    }
    const claimed = await tx.delegateLink.updateMany({ where: { id: link.id, usedAt: null, revokedAt: null }, data: { usedAt: new Date() } });
    if (!claimed.count) throw new DomainError("gone", "This sign-in link was already used", { reason: "used" });
    const user = owner ?? (await tx.user.create({ data: { email, name: link.personName }, select: { id: true } }));
    await tx.membership.create({ data: { userId: user.id, conferenceId: link.conferenceId, role: "DELEGATE", forceId: link.forceId } });
    await tx.delegateLink.update({ where: { id: link.id }, data: { userId: user.id } });
    await audit(tx, user.id, owner ? "delegateLink.accept" : "delegateLink.redeem", "DelegateLink", link.id, { forceId: link.forceId }, { conferenceId: link.conferenceId, ip: opts.ip });
    return { userId: user.id, newAccount: !owner };
  });
}

/** How long a link to set one's own password (new member) stays valid. */
export const ACCOUNT_SETUP_DAYS = 7;

/** A one-time link for the account holder to set their password; the raw token is returned once. */
export async function createAccountSetupToken(prisma: PrismaClient, input: { userId: string; createdById: string }) {
  const token = newToken();
  await prisma.accountToken.create({
    data: {
      userId: input.userId,
      purpose: "setup",
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + ACCOUNT_SETUP_DAYS * 86400_000),
      createdById: input.createdById,
    },
  });
  return token;
}

/** Who a setup link is for, or a DomainError saying why it cannot be used. */
export async function accountSetupFor(prisma: PrismaClient, token: string) {
  const row = await prisma.accountToken.findUnique({ where: { tokenHash: sha256(token) }, include: { user: { select: { id: true, email: true, name: true, disabledAt: true } } } });
  if (!row || row.purpose !== "setup" || row.user.disabledAt) throw new DomainError("not_found", "This link is not valid", { reason: "invalid" });
  if (row.usedAt) throw new DomainError("gone", "This link was already used", { reason: "used" });
  if (row.expiresAt < new Date()) throw new DomainError("gone", "This link has expired", { reason: "expired" });
  return row;
}

/**
 * The account holder sets their password through a setup link: checked against the password rule,
 * claimed once (conditional UPDATE), every earlier session of the account ended.
 */
export async function completeAccountSetup(prisma: PrismaClient, token: string, password: string, meta: AuditMeta = {}): Promise<{ userId: string }> {
  const row = await accountSetupFor(prisma, token);
  assertAcceptablePassword(password, [row.user.email, row.user.name]);
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.accountToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (!claimed.count) throw new DomainError("gone", "This link was already used", { reason: "used" });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, passwordChangedAt: new Date() } });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    await audit(tx, row.userId, "account.setup", "User", row.userId, undefined, { ip: meta.ip });
    return { userId: row.userId };
  });
}

/** Appends to the audit trail through recordAudit (app/domain/audit.server.ts, ADR 0032). */
export async function audit(
  prisma: PrismaClient | Prisma.TransactionClient,
  actorId: string | null,
  action: string,
  subjectType: string,
  subjectId?: string | null,
  data?: object,
  where?: { conferenceId?: string | null; ip?: string | null },
) {
  await recordAudit(prisma, { actorId, action, subjectType, subjectId, data, conferenceId: where?.conferenceId, ip: where?.ip });
}
