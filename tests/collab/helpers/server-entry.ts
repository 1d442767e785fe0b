// The real server (startServer, without the Remix build: the collab tests need only HTTP + WebSocket)
// as a child process. Prints one line `COLLAB_READY {"paperId", "cookies"}` with a session cookie for
// each email in TEST_SESSIONS, and shuts down cleanly on SIGTERM like server/index.ts.
import { loadConfig } from "../../../server/config.js";
import { startServer } from "../../../server/app.js";
import { createSession } from "../../../app/domain/accounts.server.js";
import { commitSession } from "../../../app/session.server.js";

const config = loadConfig();
const running = await startServer(config, { remix: "none" });
const prisma = running.services.prisma;
const paper = await prisma.paper.findFirstOrThrow({ orderBy: { createdAt: "asc" }, select: { id: true } });
const cookies: Record<string, string> = {};
for (const email of (process.env.TEST_SESSIONS ?? "").split(",").filter(Boolean)) {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await createSession(prisma, user.id);
  cookies[email] = (await commitSession(running.services, session.id)).split(";")[0]!;
}
process.stdout.write(`COLLAB_READY ${JSON.stringify({ paperId: paper.id, cookies })}\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    running.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
