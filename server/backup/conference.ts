// One conference's whole state, out of a database and into an empty one (ADR 0029). Generic: a list of
// tables in foreign-key order, each with the WHERE that picks the conference's rows ($1 = its id). Rows
// travel as PostgreSQL's own JSON (to_jsonb) and come back through jsonb_populate_recordset, so every
// column type (timestamps, dates, enums, arrays, Json, bigint) round-trips exactly on both backends;
// bytea columns are carried as base64.
import type { SqlRunner, SqlTx } from "../db/migrate.js";
import { listMigrations } from "../db/migrate.js";
import type { SqlQuery } from "../../app/services.server.js";
import { BackupError } from "./format.js";

const members = `SELECT "userId" FROM "Membership" WHERE "conferenceId" = $1`;
const forces = `SELECT id FROM "Force" WHERE "conferenceId" = $1`;
const invitations = `SELECT id FROM "Invitation" WHERE "conferenceId" = $1`;
const papers = `SELECT id FROM "Paper" WHERE "conferenceId" = $1`;
const amendments = `SELECT id FROM "Amendment" WHERE "paperId" IN (${papers})`;

/**
 * What a backup holds, parents before children. Left out on purpose: Session, ApiToken and AccountToken
 * (credentials of this server: after a restore everyone signs in again and integrations get new tokens)
 * and RateLimiterFlexible (counters).
 */
export const backupTables: { name: string; where: string; orderBy?: string }[] = [
  // The conference's members, with password hashes and second-factor columns (the file is encrypted).
  { name: "User", where: `id IN (${members})` },
  { name: "RecoveryCode", where: `"userId" IN (${members})` },
  { name: "Conference", where: `id = $1` },
  { name: "Representation", where: `"conferenceId" = $1` },
  { name: "Force", where: `"conferenceId" = $1` },
  { name: "Contact", where: `"forceId" IN (${forces})` },
  { name: "Membership", where: `"conferenceId" = $1` },
  { name: "DelegateLink", where: `"conferenceId" = $1` },
  { name: "Invitation", where: `"conferenceId" = $1` },
  { name: "InvitationEvent", where: `"invitationId" IN (${invitations})` },
  { name: "DelegationMember", where: `"invitationId" IN (${invitations})` },
  { name: "Attendance", where: `"invitationId" IN (${invitations})` },
  { name: "Paper", where: `"conferenceId" = $1` },
  { name: "PaperUpdate", where: `"paperId" IN (${papers})` },
  { name: "PaperSnapshot", where: `"paperId" IN (${papers})` },
  { name: "PaperVersion", where: `"paperId" IN (${papers})` },
  { name: "PaperTextIndex", where: `"paperId" IN (${papers})`, orderBy: `"paperId"` },
  { name: "PaperTextBlock", where: `"paperId" IN (${papers})` },
  // Translations per block (ADR 0063).
  { name: "PaperTranslation", where: `"paperId" IN (${papers})` },
  // Their live documents (ADR 0074), stored like the paper's.
  { name: "TranslationUpdate", where: `"paperId" IN (${papers})` },
  { name: "TranslationSnapshot", where: `"paperId" IN (${papers})` },
  // Amendment phases (ADR 0061) before the amendments submitted in them.
  { name: "AmendmentPhase", where: `"conferenceId" = $1` },
  { name: "Amendment", where: `"paperId" IN (${papers})` },
  { name: "AmendmentEvent", where: `"amendmentId" IN (${amendments})` },
  { name: "Comment", where: `"amendmentId" IN (${amendments})` },
  // Plenary votes and each force's ballot (ADR 0053).
  { name: "Vote", where: `"conferenceId" = $1` },
  { name: "Ballot", where: `"voteId" IN (SELECT id FROM "Vote" WHERE "conferenceId" = $1)` },
  // The agenda (ADR 0054): sessions, then their items.
  { name: "AgendaSession", where: `"conferenceId" = $1` },
  { name: "AgendaItem", where: `"sessionId" IN (SELECT id FROM "AgendaSession" WHERE "conferenceId" = $1)` },
  { name: "OutreachEntry", where: `"conferenceId" = $1` },
  { name: "PlanItem", where: `"conferenceId" = $1` },
  // Mail (ADR 0049): the outbox is the record of what the conference sent; its sign-in links are sealed
  // with this server's key and do not open elsewhere. Notifications of the conference's members.
  { name: "MailTemplate", where: `"conferenceId" = $1` },
  { name: "OutboxMail", where: `"conferenceId" = $1` },
  { name: "Notification", where: `"conferenceId" = $1 AND "userId" IN (${members})` },
  { name: "NotificationPreference", where: `"userId" IN (${members})`, orderBy: `"userId", "kind"` },
  // The audit events about the conference: done by one of its members, or done to the conference, one of
  // its members, memberships, forces, delegate links, papers or amendments. On a server with one
  // conference (the usual case) that is the whole trail.
  {
    name: "AuditEvent",
    where: `"conferenceId" = $1 OR "actorId" IN (${members}) OR "subjectId" = $1 OR "subjectId" IN (${members})
      OR "subjectId" IN (SELECT id FROM "Membership" WHERE "conferenceId" = $1) OR "subjectId" IN (${forces})
      OR "subjectId" IN (SELECT id FROM "DelegateLink" WHERE "conferenceId" = $1) OR "subjectId" IN (${papers})
      OR "subjectId" IN (${amendments})`,
  },
  // The keys that open what the trail sealed for the conference's people (ADR 0034): without them a
  // restored trail would show every sealed value as erased. An erased person has no key to carry.
  {
    name: "PersonKey",
    where: `("kind" = 'user' AND "personId" IN (${members}))
      OR ("kind" = 'contact' AND "personId" IN (SELECT id FROM "Contact" WHERE "forceId" IN (${forces})))
      OR ("kind" = 'delegate' AND "personId" IN (SELECT id FROM "DelegationMember" WHERE "invitationId" IN (${invitations})))`,
    orderBy: `"kind", "personId"`,
  },
];

export interface BackupPayload {
  conference: { id: string; slug: string };
  /** Migrations the source database had: a release that lacks one of them cannot restore the file. */
  migrations: string[];
  tables: { name: string; rows: Record<string, unknown>[] }[];
}

async function columnsOf(sql: Pick<SqlTx, "query">): Promise<Map<string, Map<string, { type: string; serial: boolean }>>> {
  const rows = await sql.query(
    `SELECT table_name, column_name, data_type, column_default FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  const out = new Map<string, Map<string, { type: string; serial: boolean }>>();
  for (const r of rows) {
    if (!out.has(r.table_name)) out.set(r.table_name, new Map());
    out.get(r.table_name)!.set(r.column_name, { type: r.data_type, serial: typeof r.column_default === "string" && r.column_default.startsWith("nextval(") });
  }
  return out;
}

/** The conference by slug, or the only one when no slug is given. */
export async function findConference(sql: SqlTx, slug?: string): Promise<{ id: string; slug: string }> {
  const rows = await sql.query(`SELECT id, slug FROM "Conference" ${slug ? "WHERE slug = $1" : ""} ORDER BY slug`, slug ? [slug] : []);
  if (slug && !rows.length) throw new BackupError(`No conference with the slug "${slug}".`);
  if (!rows.length) throw new BackupError("The database holds no conference.");
  if (rows.length > 1) throw new BackupError(`The database holds ${rows.length} conferences (${rows.map((r) => r.slug).join(", ")}): name one with --conference.`);
  return { id: rows[0].id, slug: rows[0].slug };
}

/** The server's runner (AppServices types it as a plain query function: its transactions are used when there). */
export type BackupSql = SqlQuery | SqlRunner;

export async function exportConference(sql: BackupSql, conferenceId: string): Promise<BackupPayload> {
  // One transaction (repeatable read): rows of different tables agree with each other.
  const inTransaction = <T>(fn: (tx: Pick<SqlTx, "query">) => Promise<T>): Promise<T> =>
    "transaction" in sql
      ? sql.transaction(async (tx) => {
          await tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
          return fn(tx);
        })
      : fn(sql as SqlTx);
  return inTransaction(async (tx) => {
    const [conf] = await tx.query(`SELECT id, slug FROM "Conference" WHERE id = $1`, [conferenceId]);
    if (!conf) throw new BackupError("No such conference.");
    const columns = await columnsOf(tx);
    const migrations = (await tx.query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`)).map(
      (r) => r.migration_name as string,
    );
    const tables: BackupPayload["tables"] = [];
    for (const t of backupTables) {
      const bytea = [...(columns.get(t.name) ?? [])].filter(([, c]) => c.type === "bytea").map(([n]) => n);
      const rows = (await tx.query(`SELECT to_jsonb(t) AS r FROM "${t.name}" t WHERE ${t.where} ORDER BY ${t.orderBy ?? "id"}`, [conferenceId])).map((x) => {
        const row = (typeof x.r === "string" ? JSON.parse(x.r) : x.r) as Record<string, unknown>;
        for (const c of bytea) if (typeof row[c] === "string") row[c] = Buffer.from((row[c] as string).slice(2), "hex").toString("base64");
        return row;
      });
      tables.push({ name: t.name, rows });
    }
    return { conference: { id: conf.id, slug: conf.slug }, migrations, tables };
  });
}

/** Names the first table of the backup that already has rows, or null when the database is empty. */
export async function firstNonEmptyTable(sql: SqlTx): Promise<string | null> {
  for (const t of backupTables) if ((await sql.query(`SELECT 1 FROM "${t.name}" LIMIT 1`)).length) return t.name;
  return null;
}

/** Inserts the payload into an empty, migrated database, in one transaction. */
export async function restoreConference(sql: SqlRunner, payload: BackupPayload): Promise<{ rows: number }> {
  const known = new Set(listMigrations().map((m) => m.name));
  const newer = payload.migrations.filter((m) => !known.has(m));
  if (newer.length) throw new BackupError(`This backup was made by a newer release (schema ${newer.at(-1)}): restore it with that release or a later one.`);
  const order = new Map(backupTables.map((t, i) => [t.name, i]));
  const unknown = payload.tables.find((t) => !order.has(t.name));
  if (unknown) throw new BackupError(`This backup holds a table this release does not know (${unknown.name}).`);
  return sql.transaction(async (tx) => {
    const busy = await firstNonEmptyTable(tx);
    if (busy) throw new BackupError(`The database is not empty (table ${busy} has rows): restore into a new DATA_DIR or an empty PostgreSQL database.`);
    const columns = await columnsOf(tx);
    let count = 0;
    for (const t of [...payload.tables].sort((a, b) => order.get(a.name)! - order.get(b.name)!)) {
      const cols = columns.get(t.name)!;
      if (!t.rows.length) continue;
      const names = Object.keys(t.rows[0]!);
      const stray = names.find((n) => !cols.has(n));
      if (stray) throw new BackupError(`This backup holds a column this release does not know (${t.name}.${stray}).`);
      const bytea = names.filter((n) => cols.get(n)!.type === "bytea");
      const list = names.map((n) => `"${n}"`).join(", ");
      for (let i = 0; i < t.rows.length; i += 500) {
        const chunk = t.rows.slice(i, i + 500).map((row) => {
          const copy = { ...row };
          for (const c of bytea) if (typeof copy[c] === "string") copy[c] = `\\x${Buffer.from(copy[c] as string, "base64").toString("hex")}`;
          return copy;
        });
        await tx.query(`INSERT INTO "${t.name}" (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::"${t.name}", $1::jsonb)`, [JSON.stringify(chunk)]);
      }
      count += t.rows.length;
      // Autoincrement ids (PaperUpdate, AuditEvent) continue after the restored ones.
      if (cols.get("id")?.serial) {
        await tx.query(`SELECT setval(pg_get_serial_sequence('"${t.name}"', 'id'), (SELECT max(id) FROM "${t.name}"))`);
      }
    }
    return { rows: count };
  });
}
