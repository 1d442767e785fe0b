// The signed-in person changes their own password (ADR 0025). Whoever may have learnt the old one may
// hold a session too: on success every session of the account ends and this browser gets a new one.
// Transport-free: the route sets the new cookie and signals the re-authorisation of open sockets.
import { verify } from "@node-rs/argon2";
import type { PrismaClient } from "@prisma/client";
import { audit, hashPassword } from "./accounts.server";
import { DomainError } from "./errors";
import { assertAcceptablePassword } from "./passwords.server";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { createSession, type SessionMeta } from "./sessions.server";

/**
 * Wrong current passwords per account: a stolen session must not become a password oracle. In process
 * (the session itself is the gate here); the fifth wrong one answers 429 until its 15 minutes pass.
 */
const WRONG_CURRENT_MAX = 5;
export const currentPasswordLimiter = new RateLimiterMemory({ points: WRONG_CURRENT_MAX, duration: 15 * 60 });

async function retryAfter(userId: string): Promise<number> {
  const r = await currentPasswordLimiter.get(userId);
  return r && r.consumedPoints >= WRONG_CURRENT_MAX ? Math.max(1, Math.ceil(r.msBeforeNext / 1000)) : 0;
}

export interface PasswordChange {
  userId: string;
  current: string;
  password: string;
  again: string;
}

/** Returns the new session (raw id for the cookie); every earlier session of the account has ended. */
export async function changePassword(prisma: PrismaClient, input: PasswordChange, meta: SessionMeta = {}) {
  const wait = await retryAfter(input.userId);
  if (wait > 0) throw new DomainError("rate_limited", "Too many wrong passwords; try again later", { seconds: wait });
  const user = await prisma.user.findUnique({ where: { id: input.userId }, select: { email: true, name: true, passwordHash: true, disabledAt: true } });
  if (!user || user.disabledAt) throw new DomainError("unauthenticated", "Sign in again");
  // An account that never had a password (made by a delegate link) sets its first one from its session.
  const ok = user.passwordHash ? await verify(user.passwordHash, input.current).catch(() => false) : true;
  if (!ok) {
    await currentPasswordLimiter.penalty(input.userId);
    throw new DomainError("bad_request", "The current password is wrong", { reason: "wrongCurrent", fieldErrors: { current: ["wrongCurrent"] } });
  }
  if (input.password !== input.again) throw new DomainError("bad_request", "The two new passwords differ", { reason: "mismatch", fieldErrors: { again: ["mismatch"] } });
  assertAcceptablePassword(input.password, [user.email, user.name]);
  await currentPasswordLimiter.delete(input.userId);
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction([
    prisma.user.update({ where: { id: input.userId }, data: { passwordHash, passwordChangedAt: new Date() } }),
    prisma.session.deleteMany({ where: { userId: input.userId } }),
  ]);
  const session = await createSession(prisma, input.userId, meta);
  await audit(prisma, input.userId, "password.change", "User", input.userId, { first: !user.passwordHash }, { ip: meta.ip });
  return session;
}
