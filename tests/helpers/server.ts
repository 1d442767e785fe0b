// Starts the real server as `npm run serve` does (production build, `npm run build` first) in a child
// process on a free port, with its own data folder. Embedded PGlite by default; pass databaseUrl/redisUrl
// for PostgreSQL/Redis.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { createPgDatabase, type Backend } from "./db.js";

/** What `npm start` runs: the compiled server (ADR 0036), beside the Remix build it imports. */
export const PRODUCTION_ENTRY = "server-build/index.js";

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  logs: string[];
  /** Milliseconds from the spawn to the first /healthz 200 (the start time bench:http reports). */
  startMs: number;
  /** SIGTERM and wait for exit; returns the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (crash). */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

interface ServerOptions {
  env?: Record<string, string>;
  dataDir?: string;
  port?: number;
  nodeArgs?: string[];
  /** A command the server runs under (unshare, setpriv…), its arguments ending where node's begin. */
  wrapper?: string[];
}

function spawnServer(opts: ServerOptions, port: number, dataDir: string, logs: string[]): ChildProcess {
  const [command, ...args] = [...(opts.wrapper ?? []), process.execPath, ...(opts.nodeArgs ?? []), PRODUCTION_ENTRY];
  const proc = spawn(command!, args, {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "", REDIS_URL: "", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (d) => logs.push(String(d)));
  proc.stderr!.on("data", (d) => logs.push(String(d)));
  return proc;
}

/** Starts a server that is expected to refuse: waits for its exit and returns the code and its output. */
export async function serverExit(opts: ServerOptions & { dataDir: string }, timeoutMs = 180_000): Promise<{ code: number | null; output: string }> {
  const logs: string[] = [];
  const proc = spawnServer(opts, opts.port ?? (await freePort()), opts.dataDir, logs);
  const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
  // "close", not "exit": the output is all read by then.
  const code = await new Promise<number | null>((r) => proc.once("close", (c) => r(c)));
  clearTimeout(timer);
  return { code, output: logs.join("") };
}

export async function startTestServer(opts: ServerOptions = {}): Promise<TestServer> {
  if (!existsSync("build/server/index.js") || !existsSync(PRODUCTION_ENTRY)) throw new Error("No production build: run `npm run build` (npm test does it)");
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "tawafuq-test-"));
  const logs: string[] = [];
  const spawnedAt = performance.now();
  const proc = spawnServer(opts, port, dataDir, logs);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  // Generous: several servers and Chromium may start at once on a 2-core CI machine.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited early (${proc.exitCode}):\n${logs.join("")}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`server did not start:\n${logs.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const startMs = Math.round(performance.now() - spawnedAt);
  const cleanup = () => {
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    url,
    port,
    dataDir,
    proc,
    logs,
    startMs,
    async stop() {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      const code = await exited;
      cleanup();
      return code;
    },
    async kill() {
      if (proc.exitCode === null) proc.kill("SIGKILL");
      await exited;
    },
  };
}

/**
 * The demo world on either database: the embedded one, or a throwaway PostgreSQL database (seeded, and
 * dropped again by stop()).
 */
export async function startDemoServer(backend: Backend, opts: ServerOptions = {}): Promise<TestServer> {
  if (backend === "pglite") return startTestServer(opts);
  const pgdb = await createPgDatabase();
  const server = await startTestServer({ ...opts, env: { DATABASE_URL: pgdb.url, SEED_DEMO: "1", ...opts.env } }).catch(async (err) => {
    await pgdb.drop();
    throw err;
  });
  return {
    ...server,
    async stop() {
      const code = await server.stop();
      await pgdb.drop();
      return code;
    },
  };
}

/** Signs in over HTTP and returns the session cookie header value ("tq_session=…"). */
export async function signIn(baseUrl: string, email: string, password = "tawafuq-demo"): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password, next: "/" }),
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return cookie.split(";")[0]!;
}
