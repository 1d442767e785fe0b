// The audit trail (issue 17, ADR 0032): one way in (recordAudit), one check (verifyAuditChain).
// The database chains every row on insert (trigger "AuditEvent_chain", under an advisory lock) and
// refuses UPDATE, DELETE and TRUNCATE; this module recomputes the chain on its own to verify it.
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { Actor } from "~/policy";
import { addDays, calendarDate, officeTimeZone } from "./due-dates";
import { assertMay, DomainError } from "./errors";
import { instantOf } from "./local-time";
import { auditKinds } from "./audit-kinds";
import { openSealed } from "./person-keys.server";

export { auditKinds };

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
  /**
   * What changed. Never passwords, tokens or codes, nor free text that may quote a person; a person's
   * email or name only sealed under their key (sealFor, ADR 0034), so erasing them shreds it.
   */
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

/** A download of the conference's data: what, in which format, with which filters, how many rows. */
export async function recordExport(
  db: Db,
  input: { actorId: string; conferenceId: string; what: string; format: string; filters?: string; rows?: number },
  meta: AuditMeta = {},
) {
  await recordAudit(db, {
    actorId: input.actorId,
    action: `export.${input.what}`,
    subjectType: "Conference",
    subjectId: input.conferenceId,
    conferenceId: input.conferenceId,
    ip: meta.ip,
    data: { format: input.format, ...(input.filters ? { filters: input.filters.slice(0, 500) } : {}), ...(input.rows !== undefined ? { rows: input.rows } : {}) },
  });
}

// ——— Reading the trail (the /audit page and its CSV) ———

export const AuditFilter = z
  .object({
    actor: z.string().trim().min(1).max(100).optional(),
    kind: z.enum(auditKinds).optional(),
    day: calendarDate.optional(),
    /** Keyset paging: events older than this id. */
    before: z.string().regex(/^[1-9][0-9]{0,17}$/).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AUDIT_PAGE = 100;
export const AUDIT_MAX_PAGE = 200;
export const AUDIT_MAX_EXPORT = 10_000;

/** Filters from a query string (the page's GET form): empty fields are absent; anything else invalid is a 400. */
export function parseAuditFilter(params: URLSearchParams, ignore: string[] = ["conf"]): AuditFilter {
  const raw: Record<string, string> = {};
  for (const [k, v] of params) {
    if (ignore.includes(k) || v === "") continue;
    if (k in raw) throw new DomainError("bad_request", `${k} is given twice`, { field: k });
    raw[k] = v;
  }
  const r = AuditFilter.safeParse(raw);
  if (!r.success) throw new DomainError("bad_request", "Invalid audit filters", { fieldErrors: r.error.flatten().fieldErrors });
  return r.data;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: unknown;
  ip: string | null;
}

/**
 * A conference's events, newest first: those written for it, and the account events (sign-ins, second
 * factor, password, tokens) of its current members. Organizers only (audit.read). Sealed personal values
 * are opened while their person's key exists, else shown as `erased` (the reader's word, ADR 0034).
 */
export async function listAudit(
  prisma: PrismaClient,
  actor: Actor,
  conferenceId: string,
  filter: AuditFilter,
  opts: { take?: number; timeZone?: string; erased?: string } = {},
): Promise<{ rows: AuditRow[]; nextBefore: string | null }> {
  assertMay(actor, "audit.read", { conferenceId });
  const take = Math.min(Math.max(1, opts.take ?? AUDIT_PAGE), AUDIT_MAX_EXPORT);
  const members = (await prisma.membership.findMany({ where: { conferenceId }, select: { userId: true } })).map((m) => m.userId);
  const where: Prisma.AuditEventWhereInput = {
    AND: [
      {
        OR: [
          { conferenceId },
          { conferenceId: null, OR: [{ actorId: { in: members } }, { subjectType: "User", subjectId: { in: members } }] },
        ],
      },
      filter.actor ? { actorId: filter.actor } : {},
      filter.kind ? { action: { startsWith: `${filter.kind}.` } } : {},
      filter.day ? dayRange(filter.day, opts.timeZone ?? officeTimeZone()) : {},
      filter.before ? { id: { lt: BigInt(filter.before) } } : {},
    ],
  };
  const found = await prisma.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: take + 1 });
  const page = found.slice(0, take);
  const actorIds = [...new Set(page.map((e) => e.actorId).filter((x): x is string => !!x))];
  const users = new Map((await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u]));
  const data = await openSealed(prisma, page.map((e) => e.data), opts.erased ?? "[erased]");
  return {
    rows: page.map((e, i) => ({
      id: String(e.id),
      at: e.createdAt,
      actor: e.actorId ? (users.get(e.actorId) ?? { id: e.actorId, name: "", email: "" }) : null,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      data: data[i],
      ip: e.ip,
    })),
    nextBefore: found.length > take ? String(page.at(-1)!.id) : null,
  };
}

/** The instants of a calendar day in the office's zone, as a createdAt range (also the activity page's). */
export function dayRange(day: string, timeZone: string): Prisma.AuditEventWhereInput {
  const from = instantOf(`${day}T00:00`, timeZone);
  const to = instantOf(`${addDays(day, 1)}T00:00`, timeZone);
  if (!from || !to) throw new DomainError("bad_request", "Invalid day", { field: "day" });
  return { createdAt: { gte: from, lt: to } };
}
