// The real server (production build) in this test process, on a free port with its own data folder
// and the demo seed. When the collab server's PaperStore is not attached (before issue 3 lands in this
// branch), the database-backed store of tests/helpers/paper-store.ts takes its place.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { loadConfig } from "../../server/config.js";
import { startServer, type RunningServer } from "../../server/app.js";
import { dbPaperStore } from "./paper-store.js";

export interface AppServer {
  url: string;
  running: RunningServer;
  /** True when the database-backed store stands in for the collab server's. */
  fallbackStore: boolean;
  stop(): Promise<void>;
}

export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "tawafuq-app-"));
  const config = loadConfig({ ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", SEED_DEMO: "1", ...env });
  const running = await startServer(config, { remix: "build", log: pino({ level: "warn" }) });
  const paper = await running.db.prisma.paper.findFirst({ select: { id: true } });
  let fallbackStore = false;
  if (paper) {
    const works = await running.services.papers.read(paper.id).then(
      () => true,
      (err: Error) => !/not attached/.test(err.message),
    );
    if (!works) {
      running.services.papers = dbPaperStore(running.db.prisma);
      fallbackStore = true;
    }
  }
  return {
    url: `http://127.0.0.1:${running.port}`,
    running,
    fallbackStore,
    async stop() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
