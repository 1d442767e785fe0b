// The HTTP benchmark's reference: the same invitations list (the domain's listInvitations, the same
// database, the same Prisma client) behind bare node:http — no Express, no Remix, no session lookup, no
// request log. What it measures is the data layer's floor on this machine; the distance from it to the
// API's figures is what the web stack costs. Signed in once at start as the organizer.
// Env: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded PGlite, the server's folder), PORT.
import { createServer } from "node:http";
import { join } from "node:path";
import { openDatabase } from "../../server/db/client.js";
import { verifyCredentials } from "../../app/domain/accounts.server.js";
import { listInvitations, parseInvitationQuery } from "../../app/domain/invitations.server.js";

const db = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: join(process.env.DATA_DIR ?? "./data", "db") });
const actor = await verifyCredentials(db.prisma, "organizer@example.org", "tawafuq-demo");

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://reference");
  const m = /^\/api\/v1\/conferences\/([^/]+)\/invitations$/.exec(url.pathname);
  if (!m) {
    res.writeHead(404).end();
    return;
  }
  listInvitations(db.prisma, actor, m[1]!, parseInvitationQuery(url.searchParams)).then(
    (list) => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: list.rows, page: list.page }));
    },
    (err: Error) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(err.message);
    },
  );
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
});
process.on("SIGTERM", () => {
  server.close();
  void db.close().then(() => process.exit(0));
});
