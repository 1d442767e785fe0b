// Opens the database: embedded PGlite by default, PostgreSQL when DATABASE_URL is set (ADR 0002).
import { PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { applyMigrations, type SqlRunner } from "./migrate.js";
import { PGliteRemote, asPGlite } from "./pglite-remote.js";
import { claimDataFolder, explainFsError, restrictTree } from "../data-folder.js";

export type DbKind = "pglite" | "postgresql";

export interface Database {
  prisma: PrismaClient;
  kind: DbKind;
  /** Runs raw SQL outside Prisma (migrations, tests). */
  sql: SqlRunner;
  /** Collects the database thread's garbage, where there is one (memory measurements). */
  collectGarbage?(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgresql://… selects PostgreSQL; otherwise PGlite. */
  url?: string;
  /** PGlite folder, or "memory://" for tests. */
  dataDir?: string;
  /** PGlite on its own worker thread (default; ADR 0007) or on the caller's thread. */
  pgliteThread?: "worker" | "main";
  migrate?: boolean;
  /** Told when PostgreSQL closes an idle pooled connection (restart, shutdown). */
  onIdleError?: (err: Error) => void;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const db = opts.url && /^postgres(ql)?:\/\//.test(opts.url) ? await openPostgres(opts.url, opts.onIdleError) : await openPglite(opts.dataDir ?? "./data/db", opts.pgliteThread ?? pgliteThreadFromEnv());
  if (opts.migrate !== false) await applyMigrations(db.sql);
  return db;
}

function pgliteThreadFromEnv(): "worker" | "main" {
  return process.env.PGLITE_THREAD === "main" ? "main" : "worker";
}

async function openPglite(dataDir: string, thread: "worker" | "main"): Promise<Database> {
  // One process per folder (ADR 0027): a second one refuses to start instead of corrupting it.
  const lock = dataDir.startsWith("memory://") ? null : claimDataFolder(dataDir);
  let remote: PGliteRemote | null = null;
  let client: PGlite;
  try {
    remote = thread === "worker" ? await PGliteRemote.create(dataDir) : null;
    client = remote ? asPGlite(remote) : await PGlite.create(dataDir, { extensions: { pg_trgm } });
    // A new folder is unpacked from PGlite's initdb image with that image's modes (0666): take them back.
    if (lock) restrictTree(dataDir);
  } catch (err) {
    lock?.release();
    throw explainFsError(dataDir, err);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  let closed = false;
  return {
    prisma,
    kind: "pglite",
    ...(remote ? { collectGarbage: () => remote.collectGarbage() } : {}),
    sql: {
      query: async (text, params) => (await client.query(text, params as unknown[])).rows as any[],
      exec: async (text) => void (await client.exec(text)),
      transaction: (fn) =>
        client.transaction((tx) =>
          fn({
            query: async (text, params) => (await tx.query(text, params as unknown[])).rows as any[],
            exec: async (text) => void (await tx.exec(text)),
          }),
        ),
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await client.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string, onIdleError?: (err: Error) => void): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_POOL_MAX ?? 10) });
  // An idle connection that the server closes (PostgreSQL restarted, the database dropped while we shut
  // down) is an 'error' event on the pool; unheard, it would crash the process. The pool discards that
  // connection and opens another on the next query, which reports the failure if there is one.
  pool.on("error", (err) => onIdleError?.(err));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closed = false;
  return {
    prisma,
    kind: "postgresql",
    sql: {
      query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
      exec: async (text) => void (await pool.query(text)),
      async transaction(fn) {
        const conn = await pool.connect();
        try {
          await conn.query("BEGIN");
          const result = await fn({
            query: async (text, params) => (await conn.query(text, params as unknown[])).rows,
            exec: async (text) => void (await conn.query(text)),
          });
          await conn.query("COMMIT");
          return result;
        } catch (err) {
          await conn.query("ROLLBACK").catch(() => {});
          throw err;
        } finally {
          conn.release();
        }
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}
