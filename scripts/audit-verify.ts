// npm run audit:verify — recomputes the audit trail's hash chain (ADR 0032) on the database the server
// would open (DATA_DIR or DATABASE_URL) and reports the first broken row. Exit code 1 on a break.
// Pending migrations are applied first, as at start. On the embedded database the server must be
// stopped first (one process owns the data folder).
import { join } from "node:path";
import { loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db/client.js";
import { verifyAuditChain } from "../app/domain/audit.server.js";

const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, "db"), pgliteThread: "main" });
let code = 0;
try {
  const report = await verifyAuditChain(db.prisma);
  if (report.ok) {
    console.log(`${report.count} events, chain intact${report.head ? ` (head ${report.head})` : ""}`);
  } else {
    console.error(`chain broken at event ${report.brokenAt} (${report.reason === "hash" ? "its content does not match its hash" : "it does not follow the event before it"}); ${report.count} events before it verify`);
    code = 1;
  }
} catch (err) {
  console.error(`could not verify: ${(err as Error).message}`);
  code = 2;
} finally {
  await db.close();
}
process.exit(code);
