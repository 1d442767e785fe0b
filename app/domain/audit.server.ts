// The audit trail (issue 17, ADR 0030): one way in (recordAudit), one check (verifyAuditChain).
// The database chains every row on insert (trigger "AuditEvent_chain", under an advisory lock) and
// refuses UPDATE, DELETE and TRUNCATE; this module recomputes the chain on its own to verify it.
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

/** Where a write came from; domain functions take it optionally and stay transport-free. */
export interface AuditMeta {
  ip?: string | null;
}

export interface AuditEntry {
  actorId: string | null;
  /** "<area>.<verb>", e.g. "outreach.create"; the page filters by its prefix. */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** What changed. Never passwords, tokens or codes. */
  data?: object | null;
  conferenceId?: string | null;
  ip?: string | null;
}

/** Appends one event (inside the caller's transaction when given one). */
export async function recordAudit(db: Db, entry: AuditEntry) {
  await db.auditEvent.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      data: (entry.data ?? undefined) as Prisma.InputJsonValue | undefined,
      conferenceId: entry.conferenceId ?? null,
      ip: entry.ip ? entry.ip.slice(0, 100) : null,
    },
  });
}

/** The text a row's hash covers, as the migration's "AuditEvent_content" builds it (jsonb's array output). */
export function auditContent(row: {
  actorId: string | null; action: string; subjectType: string; subjectId: string | null;
  /** The data as PostgreSQL prints the jsonb value (data::text), or null. */
  dataText: string | null;
  ip: string | null; conferenceId: string | null;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
}) {
  const s = (v: string | null) => (v === null ? "null" : JSON.stringify(v));
  return `[${[s(row.actorId), s(row.action), s(row.subjectType), s(row.subjectId), row.dataText ?? "null", s(row.ip), s(row.conferenceId), s(row.at)].join(", ")}]`;
}

export function auditHash(prevHash: string | null, content: string) {
  return createHash("sha256").update(`${prevHash ?? ""}\n${content}`, "utf8").digest("hex");
}

export type ChainReport =
  | { ok: true; count: number; head: string | null }
  | { ok: false; count: number; brokenAt: string; reason: "hash" | "link" };

/** Recomputes the whole chain in id order; the first row whose hash or link does not match is reported. */
export async function verifyAuditChain(prisma: PrismaClient, batch = 1000): Promise<ChainReport> {
  let prev: string | null = null;
  let after = -1n;
  let count = 0;
  for (;;) {
    const rows: any[] = await prisma.$queryRawUnsafe(
      `SELECT "id", "actorId", "action", "subjectType", "subjectId", "data"::text AS "dataText", "ip", "conferenceId",
              to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "at", "prevHash", "hash"
         FROM "AuditEvent" WHERE "id" > $1 ORDER BY "id" LIMIT ${Math.max(1, Math.floor(batch))}`,
      after,
    );
    for (const r of rows) {
      const id = String(r.id);
      if ((r.prevHash ?? null) !== prev) return { ok: false, count, brokenAt: id, reason: "link" };
      const expected = auditHash(prev, auditContent(r));
      if (r.hash !== expected) return { ok: false, count, brokenAt: id, reason: "hash" };
      prev = r.hash;
      count++;
      after = BigInt(r.id);
    }
    if (rows.length < batch) return { ok: true, count, head: prev };
  }
}

/** The names of the fields whose values differ (dates by instant): what an update changed, without the values. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const norm = (v: unknown) => (v instanceof Date ? v.getTime() : v ?? null);
  return Object.keys(after)
    .filter((k) => JSON.stringify(norm(before[k])) !== JSON.stringify(norm(after[k])))
    .sort();
}
