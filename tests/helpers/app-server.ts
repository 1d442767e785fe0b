// The real server (production build) in this test process, on a free port with its own data folder
// and the demo seed, with the collab server's live PaperStore.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { loadConfig } from "../../server/config.js";
import { startServer, type RunningServer } from "../../server/app.js";

export interface AppServer {
  url: string;
  running: RunningServer;
  stop(): Promise<void>;
}

export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "tawafuq-app-"));
  const config = loadConfig({ ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", SEED_DEMO: "1", ...env });
  const running = await startServer(config, { remix: "build", log: pino({ level: "warn" }) });
  return {
    url: `http://127.0.0.1:${running.port}`,
    running,
    async stop() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
