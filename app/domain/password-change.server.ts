// The signed-in person changes their own password (ADR 0025). Whoever may have learnt the old one may
// hold a session too: on success every session of the account ends and this browser gets a new one.
// Transport-free: the route sets the new cookie and signals the re-authorisation of open sockets.
import { verify } from "@node-rs/argon2";
import type { PrismaClient } from "@prisma/client";
import { audit, hashPassword } from "./accounts.server";
import { DomainError } from "./errors";
import { assertAcceptablePassword } from "./passwords.server";
import { AttemptLimiter } from "./rate-limit";
import { createSession, type SessionMeta } from "./sessions.server";

/**
 * Wrong current passwords per account: a stolen session must not become a password oracle. In process,
 * like the sign-in windows (ADR 0005); a hit answers 429 until the window slides.
 */
export const currentPasswordLimiter = new AttemptLimiter(5, 15 * 60_000);

export interface PasswordChange {
  userId: string;
  current: string;
  password: string;
  again: string;
}

/** Returns the new session (raw id for the cookie); every earlier session of the account has ended. */
export async function changePassword(prisma: PrismaClient, input: PasswordChange, meta: SessionMeta = {}) {
  const wait = currentPasswordLimiter.retryAfter(input.userId);
  if (wait > 0) throw new DomainError("rate_limited", "Too many wrong passwords; try again later", { seconds: wait });
  const user = await prisma.user.findUnique({ where: { id: input.userId }, select: { email: true, name: true, passwordHash: true, disabledAt: true } });
  if (!user || user.disabledAt) throw new DomainError("unauthenticated", "Sign in again");
  const ok = user.passwordHash ? await verify(user.passwordHash, input.current).catch(() => false) : false;
  if (!ok) {
    currentPasswordLimiter.fail(input.userId);
    throw new DomainError("bad_request", "The current password is wrong", { field: "current", problem: "wrongCurrent" });
  }
  if (input.password !== input.again) throw new DomainError("bad_request", "The two new passwords differ", { field: "again", problem: "mismatch" });
  assertAcceptablePassword(input.password, [user.email, user.name]);
  currentPasswordLimiter.reset(input.userId);
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction([
    prisma.user.update({ where: { id: input.userId }, data: { passwordHash, passwordChangedAt: new Date() } }),
    prisma.session.deleteMany({ where: { userId: input.userId } }),
  ]);
  const session = await createSession(prisma, input.userId, meta);
  await audit(prisma, input.userId, "password.change", "User", input.userId);
  return session;
}
