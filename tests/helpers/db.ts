// Fresh databases for data-layer tests: an in-memory PGlite, and a throwaway database on the real
// PostgreSQL (TEST_PG_URL, default the local server's `test` database's cluster). Each call is isolated.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../server/db/client.js";

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export type Backend = "pglite" | "postgresql";
export const backends: Backend[] = process.env.TEST_SKIP_PG === "1" ? ["pglite"] : ["pglite", "postgresql"];

export interface TestDb extends Database {
  /** Drops the throwaway database (PostgreSQL) or closes the in-memory one. */
  destroy(): Promise<void>;
  url?: string;
}

export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tawafuq_t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

export async function freshDb(backend: Backend): Promise<TestDb> {
  if (backend === "pglite") {
    const db = await openDatabase({ dataDir: "memory://" });
    return Object.assign(db, { destroy: () => db.close() });
  }
  const { url, drop } = await createPgDatabase();
  const db = await openDatabase({ url });
  return Object.assign(db, {
    url,
    async destroy() {
      await db.close();
      await drop();
    },
  });
}

/** Whether the PostgreSQL at PG_ADMIN_URL answers (benchmarks skip it when it does not). */
export async function pgReachable(): Promise<boolean> {
  try {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}
