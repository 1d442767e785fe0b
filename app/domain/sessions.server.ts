// Sessions (ADR 0005, ADR 0023). The cookie carries a random session id; the database keeps only its
// sha256, so someone who reads the table (a backup, a WAL file) cannot sign in with what they read.
// Transport-free: takes the Prisma client or the plain SQL runner.
import type { PrismaClient } from "@prisma/client";
import type { SqlQuery } from "~/services.server";
import type { SessionUser } from "./accounts.server";
import { newToken, sha256 } from "./tokens.server";
import { recordAudit, type AuditMeta } from "./audit.server";

/** Absolute lifetime of a session. */
export const SESSION_DAYS = 30;
/** A session unused for this long ends (SESSION_IDLE_HOURS, default 12). */
export const sessionIdleHours = () => {
  const h = Number(process.env.SESSION_IDLE_HOURS ?? 12);
  return Number.isFinite(h) && h > 0 ? h : 12;
};
/** lastSeenAt is written at most this often per session: a write per request would cost every page. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionMeta {
  ip?: string;
  userAgent?: string;
  /** Password checked, second factor not yet given: the session authenticates nothing until it is. */
  pendingSecondFactor?: boolean;
}

/** Creates a session; `id` is the raw id for the cookie, never stored. */
export async function createSession(prisma: PrismaClient, userId: string, meta: SessionMeta = {}) {
  const id = newToken();
  const row = await prisma.session.create({
    data: {
      id: sha256(id),
      userId,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 86400_000),
      ip: meta.ip?.slice(0, 100),
      userAgent: meta.userAgent?.slice(0, 300),
      pendingSecondFactor: meta.pendingSecondFactor ?? false,
    },
  });
  return { id, userId, expiresAt: row.expiresAt, pendingSecondFactor: row.pendingSecondFactor };
}

/**
 * The signed-in user of a session, with their memberships, or null (unknown, expired, idle too long,
 * waiting for its second factor, or a disabled account). Every request and every paper connection asks
 * this, so it is one statement: the ORM's nested select took two to three times as long
 * (bench/README.md). Plain SQL on the database runner, so the Yjs gate can queue it before the paper's
 * read (ADR 0011). Times are compared in SQL against UTC: the columns are UTC timestamps without zone.
 * `touch: false` asks without counting as use (re-checking an open socket is not the person acting).
 */
export async function userForSession(sql: SqlQuery, sessionId: string, opts: { touch?: boolean } = {}): Promise<SessionUser | null> {
  const key = sha256(sessionId);
  const [row] = (await sql.query(
    `SELECT u."id", u."email", u."name", u."locale"::text AS "locale", (u."totpConfirmedAt" IS NOT NULL) AS "secondFactor",
       s."lastSeenAt" < (now() AT TIME ZONE 'UTC') - interval '${TOUCH_EVERY_MS} milliseconds' AS "stale",
       COALESCE((SELECT json_agg(json_build_object('conferenceId', m."conferenceId", 'role', m."role", 'forceId', m."forceId",
                   'secondFactorRequired', c."requireSecondFactor") ORDER BY m."conferenceId")
         FROM "Membership" m JOIN "Conference" c ON c."id" = m."conferenceId" WHERE m."userId" = u."id"), '[]'::json) AS "memberships"
     FROM "Session" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."id" = $1 AND s."expiresAt" > (now() AT TIME ZONE 'UTC') AND NOT s."pendingSecondFactor"
       AND s."lastSeenAt" > (now() AT TIME ZONE 'UTC') - make_interval(hours => $2::int) AND u."disabledAt" IS NULL`,
    [key, sessionIdleHours()],
  )) as (Omit<SessionUser, "sessionId"> & { stale: boolean })[];
  if (!row) return null;
  const { stale, ...user } = row;
  if (stale && opts.touch !== false) {
    // Best effort: a lost touch only shortens the idle window by a minute.
    void sql.query(`UPDATE "Session" SET "lastSeenAt" = (now() AT TIME ZONE 'UTC') WHERE "id" = $1`, [key]).catch(() => {});
  }
  return { ...user, sessionId };
}

export async function endSession(prisma: PrismaClient, sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sha256(sessionId) } });
}

/** Where and when a session was opened and last used, for the account holder's "your sessions" page. */
export interface SessionRow {
  /** The stored id: the hash of the cookie's id, which cannot be turned back into a cookie. */
  id: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** The account's live sessions (not expired, not idle, second factor given), newest use first. */
export async function listSessions(prisma: PrismaClient, userId: string, currentSessionId?: string): Promise<SessionRow[]> {
  const now = Date.now();
  const rows = await prisma.session.findMany({
    where: { userId, pendingSecondFactor: false, expiresAt: { gt: new Date(now) }, lastSeenAt: { gt: new Date(now - sessionIdleHours() * 3600_000) } },
    orderBy: { lastSeenAt: "desc" },
    take: 200,
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
  });
  const current = currentSessionId ? sha256(currentSessionId) : null;
  return rows.map((r) => ({ ...r, current: r.id === current }));
}

/** Ends one of the account's own sessions by its stored id; another account's id matches nothing. */
export async function endOwnSession(prisma: PrismaClient, userId: string, storedId: string, meta: AuditMeta = {}): Promise<boolean> {
  const { count } = await prisma.session.deleteMany({ where: { id: storedId, userId } });
  if (count) await recordAudit(prisma, { actorId: userId, action: "account.sessionEnd", subjectType: "User", subjectId: userId, ip: meta.ip });
  return count > 0;
}

/** Ends every session of the account but the one with this (raw) id; returns how many ended. */
export async function endOtherSessions(prisma: PrismaClient, userId: string, keepSessionId: string, meta: AuditMeta = {}): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId, id: { not: sha256(keepSessionId) } } });
  await recordAudit(prisma, { actorId: userId, action: "account.sessionsEndOthers", subjectType: "User", subjectId: userId, data: { ended: count }, ip: meta.ip });
  return count;
}

/** Ends every session of the account (disabled account, password set by someone else). */
export async function endAllSessions(prisma: PrismaClient, userId: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId } });
  return count;
}
