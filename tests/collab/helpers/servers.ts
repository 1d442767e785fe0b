// Real servers for the collab tests: in-process (startServer without Remix, on a free port, PGlite in a
// temp folder or a throwaway PostgreSQL database, optional Redis), or spawned as a child process
// (server-entry.ts) for restarts, kill -9 and several instances.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import type * as Y from "yjs";
import { Redis } from "ioredis";
import { startServer, type RunningServer } from "../../../server/app.js";
import type { Config } from "../../../server/config.js";
import type { CollabOptions } from "../../../server/collab/options.js";
import { createSession } from "../../../app/domain/accounts.server.js";
import { commitSession } from "../../../app/session.server.js";
import { createPgDatabase, type Backend } from "../../helpers/db.js";
import { freePort } from "../../helpers/server.js";
import { RawClient } from "./raw-client.js";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface CollabTestServer {
  running: RunningServer;
  url: string;
  paperId: string;
  conferenceId: string;
  cookie(email: string): Promise<string>;
  close(): Promise<void>;
}

export async function startCollabServer(
  opts: { backend: Backend; redisUrl?: string; collab?: Partial<CollabOptions>; databaseUrl?: string } = { backend: "pglite" },
): Promise<CollabTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "tawafuq-collab-"));
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl = opts.databaseUrl;
  if (opts.backend === "postgresql" && !databaseUrl) {
    const pg = await createPgDatabase();
    databaseUrl = pg.url;
    drop = pg.drop;
  }
  const config: Config = {
    port: 0,
    host: "127.0.0.1",
    dataDir,
    databaseUrl,
    redisUrl: opts.redisUrl,
    sessionSecret: "collab-test-secret",
    seedDemo: true,
    secureCookies: false,
    trustProxy: false,
    appUrl: "http://127.0.0.1",
    mailFrom: "Tawafuq <no-reply@tawafuq.invalid>",
    mailTickMs: 60_000,
    version: "test",
    logLevel: "warn",
    production: true,
  };
  const running = await startServer(config, { remix: "none", log: pino({ level: process.env.TEST_LOG_LEVEL ?? "warn" }), collab: opts.collab });
  const prisma = running.services.prisma;
  const paper = await prisma.paper.findFirstOrThrow({ select: { id: true, conferenceId: true } });
  return {
    running,
    url: `http://127.0.0.1:${running.port}`,
    paperId: paper.id,
    conferenceId: paper.conferenceId,
    async cookie(email) {
      const user = await prisma.user.findUniqueOrThrow({ where: { email } });
      const session = await createSession(prisma, user.id);
      return (await commitSession(running.services, session.id)).split(";")[0]!;
    },
    async close() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
      await drop?.();
    },
  };
}

/**
 * Raw clients signed in on a test server (read lazily: the suite starts it in beforeAll): one session
 * per email, and every client kept in `clients` for the suite to close.
 */
export function signedInClients(server: () => CollabTestServer) {
  const clients: RawClient[] = [];
  const cookies = new Map<string, string>();
  const cookie = async (email: string) => {
    if (!cookies.has(email)) cookies.set(email, await server().cookie(email));
    return cookies.get(email)!;
  };
  const connect = async (name: string, email: string, doc?: Y.Doc) => {
    const c = await RawClient.connect(server().url, name, await cookie(email), doc);
    clients.push(c);
    return c;
  };
  return { clients, cookie, connect };
}

export interface SpawnedServer {
  url: string;
  port: number;
  proc: ChildProcess;
  logs: string[];
  paperId: string;
  cookies: Record<string, string>;
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

/**
 * server-entry.ts in a child process. `sessions` are emails to sign in (cookies come back on stdout);
 * pass the same dataDir / DATABASE_URL to a second start to restart on the same data.
 */
export async function spawnCollabServer(opts: { dataDir: string; env?: Record<string, string>; sessions?: string[]; port?: number }): Promise<SpawnedServer> {
  const port = opts.port ?? (await freePort());
  const logs: string[] = [];
  const proc = spawn(process.execPath, ["--import", "tsx", "tests/collab/helpers/server-entry.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: opts.dataDir,
      LOG_LEVEL: "warn",
      SESSION_SECRET: "collab-test-secret",
      DATABASE_URL: "",
      REDIS_URL: "",
      TEST_SESSIONS: (opts.sessions ?? []).join(","),
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  const ready = new Promise<{ paperId: string; cookies: Record<string, string> }>((resolve, reject) => {
    let buf = "";
    proc.stdout!.on("data", (d) => {
      logs.push(String(d));
      buf += String(d);
      const line = buf.split("\n").find((l) => l.startsWith("COLLAB_READY "));
      if (line) resolve(JSON.parse(line.slice("COLLAB_READY ".length)));
    });
    proc.stderr!.on("data", (d) => logs.push(String(d)));
    void exited.then((code) => reject(new Error(`server exited early (${code}):\n${logs.join("")}`)));
  });
  const timeout = setTimeout(() => proc.kill("SIGKILL"), 120_000);
  const info = await ready.finally(() => clearTimeout(timeout));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    proc,
    logs,
    ...info,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
      return exited;
    },
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exited;
    },
  };
}

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), "tawafuq-collab-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A Redis key prefix of its own, and a cleanup that deletes whatever was written under it. */
export function redisPrefix(): { prefix: string; cleanup(): Promise<void> } {
  const prefix = `tawafuq-test-${randomBytes(4).toString("hex")}`;
  return {
    prefix,
    async cleanup() {
      const r = new Redis(REDIS_URL);
      const keys = await r.keys(`${prefix}:*`);
      if (keys.length) await r.del(...keys);
      await r.quit();
    },
  };
}
