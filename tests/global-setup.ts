// Builds nothing; checks the services the integration tests need are reachable, so a missing
// PostgreSQL is one clear message instead of many timeouts.
import pg from "pg";
import { PG_ADMIN_URL } from "./helpers/db.js";

export default async function setup() {
  if (process.env.TEST_SKIP_PG === "1") return;
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL} (start it, or set TEST_SKIP_PG=1): ${(err as Error).message}`);
  }
}
