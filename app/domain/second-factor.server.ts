// The second factor (ADR 0026): TOTP (RFC 6238, otplib) and one-time recovery codes. Transport-free.
// The TOTP secret is sealed with AES-256-GCM under a key derived (HKDF) from the session secret, so a
// database dump alone does not yield codes. The column holds "<sealed>|<last used time step>": a code is
// accepted only after the last accepted step, and the step is written with a compare-and-set on the column,
// so a code cannot be used twice, not even by two requests at once.
import { hkdfSync, randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { generateSecret, generateURI, verify } from "otplib";
import { DomainError } from "./errors";
import { audit } from "./accounts.server";
import type { AuditMeta } from "./audit.server";
import { sha256 } from "./tokens.server";
import { openText, sealText } from "./sealing.server";

export const RECOVERY_CODES = 10;
/** A pending (password only) session is good for this long. */
export const PENDING_MINUTES = 10;
/** One step either side for clocks that drift. */
const TOLERANCE_SECONDS = 30;
const ISSUER = "Tawafuq";

const keyOf = (sessionSecret: string) => Buffer.from(hkdfSync("sha256", sessionSecret, "tawafuq", "totp-secret-v1", 32));

export function seal(sessionSecret: string, plain: string): string {
  return `v1.${sealText(keyOf(sessionSecret), plain)}`;
}

export function unseal(sessionSecret: string, sealed: string): string {
  if (!sealed.startsWith("v1.")) throw new Error("Unknown sealed format");
  return openText(keyOf(sessionSecret), sealed.slice(3));
}

interface Stored {
  sealed: string;
  lastStep: number;
}
const parse = (column: string): Stored => {
  const [sealed, step] = column.split("|");
  return { sealed: sealed!, lastStep: Number(step ?? -1) || -1 };
};
const format = (s: Stored) => `${s.sealed}|${s.lastStep}`;

/** Starts (or continues) an enrolment: the secret to show, not confirmed yet. */
export async function beginEnrolment(prisma: PrismaClient, sessionSecret: string, userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpSecret: true, totpConfirmedAt: true } });
  if (user.totpConfirmedAt) throw new DomainError("conflict", "A second factor is already set up");
  let secret: string;
  let kept: string | undefined;
  try {
    kept = user.totpSecret ? unseal(sessionSecret, parse(user.totpSecret).sealed) : undefined;
  } catch {
    kept = undefined; // sealed under another SESSION_SECRET: start again
  }
  if (kept) secret = kept;
  else {
    secret = generateSecret();
    await prisma.user.update({ where: { id: userId }, data: { totpSecret: format({ sealed: seal(sessionSecret, secret), lastStep: -1 }) } });
  }
  return { secret, uri: generateURI({ issuer: ISSUER, label: user.email, secret }) };
}

/**
 * Checks a current TOTP code and records its time step; false when wrong or already used. Optionally
 * also accepts an unconfirmed secret (the enrolment's confirmation).
 */
export async function acceptTotp(prisma: PrismaClient, sessionSecret: string, userId: string, code: string, opts: { confirming?: boolean } = {}): Promise<boolean> {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return false;
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpConfirmedAt: true } });
  if (!user?.totpSecret || !!user.totpConfirmedAt === !!opts.confirming) return false;
  const stored = parse(user.totpSecret);
  let secret: string;
  try {
    secret = unseal(sessionSecret, stored.sealed);
  } catch {
    return false; // sealed under another SESSION_SECRET: recovery codes still work
  }
  const result = await verify({
    secret,
    token,
    epochTolerance: TOLERANCE_SECONDS,
    ...(stored.lastStep >= 0 ? { afterTimeStep: stored.lastStep } : {}),
  });
  if (!result.valid || !("timeStep" in result)) return false;
  const next = format({ ...stored, lastStep: result.timeStep });
  const { count } = await prisma.user.updateMany({
    where: { id: userId, totpSecret: user.totpSecret },
    data: { totpSecret: next, ...(opts.confirming ? { totpConfirmedAt: new Date() } : {}) },
  });
  return count === 1;
}

const newRecoveryCode = () => {
  const s = randomBytes(10).toString("hex"); // 80 bits
  return `${s.slice(0, 5)}-${s.slice(5, 10)}-${s.slice(10, 15)}-${s.slice(15)}`;
};
const normalise = (code: string) => code.trim().toLowerCase().replace(/[^0-9a-f]/g, "");

/** Replaces the user's recovery codes; returns them in clear, once. */
export async function newRecoveryCodes(prisma: PrismaClient, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await prisma.$transaction([
    prisma.recoveryCode.deleteMany({ where: { userId } }),
    prisma.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: sha256(normalise(c)) })) }),
  ]);
  return codes;
}

/** Spends a recovery code: one conditional UPDATE, so it works once. */
export async function spendRecoveryCode(prisma: PrismaClient, userId: string, code: string, meta: AuditMeta = {}): Promise<boolean> {
  const n = normalise(code);
  if (n.length !== 20) return false;
  const { count } = await prisma.recoveryCode.updateMany({ where: { userId, codeHash: sha256(n), usedAt: null }, data: { usedAt: new Date() } });
  if (count === 1) await audit(prisma, userId, "secondFactor.recoveryCodeUse", "User", userId, undefined, { ip: meta.ip });
  return count === 1;
}

/** Confirms the enrolment with a current code; returns the recovery codes to show once. */
export async function confirmEnrolment(prisma: PrismaClient, sessionSecret: string, userId: string, code: string, meta: AuditMeta = {}): Promise<string[]> {
  if (!(await acceptTotp(prisma, sessionSecret, userId, code, { confirming: true }))) throw new DomainError("bad_request", "The code is not right");
  const codes = await newRecoveryCodes(prisma, userId);
  await audit(prisma, userId, "secondFactor.enrol", "User", userId, undefined, { ip: meta.ip });
  return codes;
}

export async function regenerateRecoveryCodes(prisma: PrismaClient, sessionSecret: string, userId: string, code: string, meta: AuditMeta = {}): Promise<string[]> {
  if (!(await acceptTotp(prisma, sessionSecret, userId, code))) throw new DomainError("bad_request", "The code is not right");
  const codes = await newRecoveryCodes(prisma, userId);
  await audit(prisma, userId, "secondFactor.recoveryCodes", "User", userId, undefined, { ip: meta.ip });
  return codes;
}

export async function disableSecondFactor(prisma: PrismaClient, sessionSecret: string, userId: string, code: string, meta: AuditMeta = {}) {
  if (!(await acceptTotp(prisma, sessionSecret, userId, code))) throw new DomainError("bad_request", "The code is not right");
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { totpSecret: null, totpConfirmedAt: null } }),
    prisma.recoveryCode.deleteMany({ where: { userId } }),
  ]);
  await audit(prisma, userId, "secondFactor.disable", "User", userId, undefined, { ip: meta.ip });
}

export async function secondFactorStatus(prisma: PrismaClient, userId: string) {
  const [user, unused] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { totpConfirmedAt: true } }),
    prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { confirmedAt: user.totpConfirmedAt, recoveryCodesLeft: unused };
}

/** The user waiting on a pending session (password given, code not yet), if it is still fresh. */
export async function pendingSessionUser(prisma: PrismaClient, sessionId: string) {
  const s = await prisma.session.findUnique({
    where: { id: sha256(sessionId) },
    select: { pendingSecondFactor: true, createdAt: true, expiresAt: true, user: { select: { id: true, email: true, disabledAt: true, totpConfirmedAt: true } } },
  });
  if (!s || !s.pendingSecondFactor || s.user.disabledAt || !s.user.totpConfirmedAt) return null;
  if (s.createdAt.getTime() < Date.now() - PENDING_MINUTES * 60_000 || s.expiresAt < new Date()) return null;
  return s.user;
}

/** Sets the requirement for a conference's organizers and committee (the caller checked member.manage). */
export async function setConferenceRequirement(prisma: PrismaClient, conferenceId: string, required: boolean, actorId: string, meta: AuditMeta = {}) {
  await prisma.conference.update({ where: { id: conferenceId }, data: { requireSecondFactor: required } });
  await audit(prisma, actorId, required ? "conference.secondFactor.require" : "conference.secondFactor.relax", "Conference", conferenceId, undefined, { conferenceId, ip: meta.ip });
}
