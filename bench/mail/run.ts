// npm run bench:mail — 5,000 reminder mails through the outbox: the server process queues them as the
// reminder job does (enqueueMails in paused chunks) and its mail worker delivers them to a local
// smtp-server in this process. Reports mails/s and enqueue→delivered per mail (p50/p95/max), and a
// signed-in page's latency during MAIL_BENCH_ROUNDS runs (each, and pooled) beside the same with no
// delivery (the reference row; target ≥ 200 mails/s). Runs on
// PGlite and, when TEST_PG_URL answers, PostgreSQL. Needs a production build (`npm run build`) for the
// page. Traffic stays on 127.0.0.1; every wait is bounded. Overwrites bench/results/mail.md.
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { freePort, signIn } from "../../tests/helpers/server.js";
import { createPgDatabase, PG_ADMIN_URL, postgresReachable } from "../../tests/helpers/db.js";
import { startSmtpSink, type SmtpSink } from "../../tests/helpers/smtp-sink.js";
import { currentCommit, currentMachine, writeResults } from "../results.js";
import { REMINDER_CHUNK } from "../../app/domain/mail/reminders.server.js";
import { mailMarkdown, type DeliveryRun, type HttpFigures, type MailBench, type PageLoad } from "./report.js";

const COUNT = Number(process.env.MAIL_BENCH_COUNT ?? 5000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 5);
const IDLE_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const TARGET = 200;
const PAGE = "/invitations";
/**
 * The page loads delivery runs beside: an office's steady use (BENCH_OFFICE_RATE req/s, default 20: many
 * people at once for a coalition office), where latency must not change; and the page as fast as the
 * machine answers it, which shows what delivery costs when nothing is left over.
 */
const LOADS: PageLoad[] = [
  { name: "office load", rate: Number(process.env.BENCH_OFFICE_RATE ?? 20) },
  { name: "full load", rate: null },
];
/** Mails per enqueue transaction (the reminder job's chunk by default). */
const CHUNK = Number(process.env.MAIL_BENCH_CHUNK ?? REMINDER_CHUNK);
/**
 * Delivery runs per page load: one run's burst lasts a few seconds (100–200 page answers at office load),
 * too few for a steady p95, so the runs' answers are also pooled, against a reference as long.
 */
const ROUNDS = Number(process.env.MAIL_BENCH_ROUNDS ?? 3);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`MAIL_BENCH_ROUNDS must be a whole number ≥ 1, got "${process.env.MAIL_BENCH_ROUNDS}"`);
/** Which databases to run on (default both; PostgreSQL only when TEST_PG_URL answers). */
const BACKENDS = (process.env.MAIL_BENCH_BACKENDS ?? "pglite,postgresql").split(",");

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface BenchServer {
  url: string;
  proc: ChildProcess;
  send(line: string): void;
  onLine(fn: (line: string) => void): () => void;
  stop(): Promise<void>;
}

async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["--import", "tsx", "bench/mail/server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", DATABASE_URL: "", REDIS_URL: "", ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const listeners = new Set<(line: string) => void>();
  createInterface({ input: proc.stdout! }).on("line", (line) => listeners.forEach((fn) => fn(line)));
  const exited = new Promise((r) => proc.once("exit", r));
  await new Promise<void>((resolve, reject) => {
    // Generous: migrations and the demo seed on a shared 2-core machine.
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error("bench server did not start in 600 s"));
    }, 600_000);
    listeners.add((line) => line.startsWith("READY ") && (clearTimeout(timer), resolve()));
    proc.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    proc,
    send: (line) => proc.stdin!.write(`${line}\n`),
    onLine(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    async stop() {
      proc.stdin!.write("stop\n");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const now = () => performance.timeOrigin + performance.now();

function httpFigures(answers: { at: number; ms: number }[], seconds: number, errors = 0): HttpFigures {
  const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), rps: Math.round(answers.length / seconds), requests: answers.length, errors };
}

/** Signed-in page load until stop() (or `seconds`); every 2xx/3xx answer with when it came and its latency. */
function httpLoad(url: string, cookie: string, seconds: number, rate: number | null) {
  const answers: { at: number; ms: number }[] = [];
  let errors = 0;
  const startedAt = now();
  let finish: (r: autocannon.Result) => void = () => {};
  const result = new Promise<autocannon.Result>((resolve) => (finish = resolve));
  const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { cookie }, timeout: 30, ...(rate ? { overallRate: rate } : {}) }, (err, r) => {
    if (err) throw err;
    finish(r);
  });
  instance.on("response", (_c, status, _b, ms) => {
    if (status < 400) answers.push({ at: now(), ms });
    else errors++;
  });
  const done = result.then((r): HttpFigures => httpFigures(answers, (now() - startedAt) / 1000, errors + r.errors + r.timeouts));
  /** The answers that came during some windows (delivery runs), over the windows' length. */
  const during = (windows: { from: number; to: number }[]) =>
    httpFigures(
      answers.filter((a) => windows.some((w) => a.at >= w.from && a.at <= w.to)),
      windows.reduce((t, w) => t + (w.to - w.from) / 1000, 0),
    );
  return { stop: () => instance.stop(), done, during };
}

/** Queues COUNT mails in the server and waits until the SMTP server has them all. */
async function deliveryRun(server: BenchServer, smtp: SmtpSink, backend: string, run: string, round: string): Promise<DeliveryRun & { window: { from: number; to: number } }> {
  const offset = smtp.received.length;
  const committedAt = new Map<string, number>();
  const enqueued: { times?: { startedAt: number; endedAt: number } } = {};
  const off = server.onLine((line) => {
    if (line.startsWith("CHUNK ")) {
      const chunk = JSON.parse(line.slice(6)) as { committedAt: number; messageIds: string[] };
      for (const id of chunk.messageIds) committedAt.set(id, chunk.committedAt);
    } else if (line.startsWith("ENQUEUED ")) enqueued.times = JSON.parse(line.slice(9));
  });
  const sentAt = now();
  server.send(`enqueue ${COUNT} ${round}`);
  const died = new Promise<never>((_, reject) => server.proc.once("exit", (code) => reject(new Error(`bench server exited (${code}) during the run`))));
  await Promise.race([smtp.waitFor(offset + COUNT, 600_000), died]);
  const deadline = Date.now() + 60_000;
  while (!enqueued.times && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  off();
  const times = enqueued.times;
  if (!times) throw new Error("the server never said it had queued the mails");
  const arrived = smtp.received.slice(offset);
  const latencies = arrived.map((r) => r.at - committedAt.get(r.messageId)!).sort((a, b) => a - b);
  const firstCommit = Math.min(...committedAt.values());
  const last = Math.max(...arrived.map((r) => r.at));
  const ids = new Set(arrived.map((r) => r.messageId));
  const result: DeliveryRun = {
    backend,
    run,
    mails: COUNT,
    enqueueMs: times.endedAt - times.startedAt,
    deliveryMs: last - firstCommit,
    mailsPerSecond: (COUNT * 1000) / (last - firstCommit),
    latency: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1)! },
    duplicates: arrived.length - ids.size,
  };
  console.log(
    `${backend.padEnd(10)} ${run.padEnd(24)} queued in ${Math.round(result.enqueueMs)} ms, ${Math.round(result.mailsPerSecond)} mails/s, enqueue→delivered p50 ${Math.round(result.latency.p50)} ms p95 ${Math.round(result.latency.p95)} ms max ${Math.round(result.latency.max)} ms, ${result.duplicates} duplicates`,
  );
  return { ...result, window: { from: sentAt, to: last } };
}

async function benchBackend(backend: "pglite" | "postgresql", bench: MailBench) {
  const dataDir = mkdtempSync(join(tmpdir(), "tawafuq-bench-mail-"));
  const smtp = await startSmtpSink();
  const env: Record<string, string> = { DATA_DIR: dataDir, SMTP_URL: smtp.url(), APP_URL: "https://tawafuq.example.org", MAIL_BENCH_CHUNK: String(CHUNK) };
  let dropPg: (() => Promise<void>) | undefined;
  if (backend === "postgresql") {
    const db = await createPgDatabase();
    dropPg = db.drop;
    Object.assign(env, { DATABASE_URL: db.url, SEED_DEMO: "1" });
  }
  let server: BenchServer | undefined;
  try {
    server = await startBenchServer(env);
    const cookie = await signIn(server.url, "organizer@example.org");
    const page = `${server.url}${PAGE}`;
    for (let i = 0; i < 10; i++) await (await fetch(page, { headers: { cookie } })).arrayBuffer();
    const { window: _, ...alone } = await deliveryRun(server, smtp, backend, "delivery alone", "alone");
    bench.runs.push(alone);
    // Each page load first alone, then with ROUNDS delivery runs beside it, on the same warmed-up process.
    for (const pageLoad of LOADS) {
      const idle = await httpLoad(page, cookie, IDLE_SECONDS * ROUNDS, pageLoad.rate).done;
      bench.idle.push({ backend, load: pageLoad.name, http: idle });
      console.log(`${backend.padEnd(10)} ${pageLoad.name}, no delivery: p50 ${idle.p50} ms p95 ${idle.p95} ms, ${idle.rps} req/s (${idle.requests} requests, ${idle.errors} errors)`);
      const load = httpLoad(page, cookie, 900, pageLoad.rate);
      const windows: { from: number; to: number }[] = [];
      for (let r = 1; r <= ROUNDS; r++) {
        const name = `delivery + ${pageLoad.name}${ROUNDS > 1 ? ` (${r} of ${ROUNDS})` : ""}`;
        const { window, ...run } = await deliveryRun(server, smtp, backend, name, `${pageLoad.name.replace(/\W+/g, "-")}-${r}`);
        run.http = load.during([window]);
        windows.push(window);
        console.log(`${backend.padEnd(10)} ${name}, page: p50 ${run.http.p50} ms p95 ${run.http.p95} ms, ${run.http.rps} req/s (${run.http.requests} requests)`);
        bench.runs.push(run);
      }
      load.stop();
      const all = await load.done;
      if (ROUNDS > 1) {
        const http = { ...load.during(windows), errors: all.errors };
        bench.pooled.push({ backend, load: pageLoad.name, rounds: ROUNDS, http });
        console.log(`${backend.padEnd(10)} ${pageLoad.name}, ${ROUNDS} runs pooled: p50 ${http.p50} ms p95 ${http.p95} ms (${http.requests} requests, ${http.errors} errors)`);
      }
    }
  } finally {
    await server?.stop();
    await smtp.close();
    await dropPg?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const startedAt = new Date();
const load0 = loadavg();
const bench: MailBench = { mails: COUNT, chunk: CHUNK, rounds: ROUNDS, target: TARGET, connections: CONNECTIONS, page: PAGE, loads: LOADS, idle: [], runs: [], pooled: [] };
if (BACKENDS.includes("pglite")) await benchBackend("pglite", bench);
if (!BACKENDS.includes("postgresql")) console.log("PostgreSQL: not asked for (MAIL_BENCH_BACKENDS)");
else if (await postgresReachable()) await benchBackend("postgresql", bench);
else console.log(`PostgreSQL not reachable at ${PG_ADMIN_URL}: skipped`);

const settings = ["MAIL_BENCH_COUNT", "MAIL_BENCH_CHUNK", "MAIL_BENCH_ROUNDS", "MAIL_BENCH_BACKENDS", "MAIL_RATE", "BENCH_CONNECTIONS", "BENCH_SECONDS"].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]} `).join("");
const file = writeResults(
  "mail",
  "Mail benchmark: 5,000 reminders through the outbox",
  { command: `${settings}npm run bench:mail`, startedAt, seconds: (Date.now() - startedAt.getTime()) / 1000, commit: currentCommit(), machine: currentMachine(), load: { start: load0, end: loadavg() } },
  mailMarkdown(bench),
);
console.log("\n" + mailMarkdown(bench));
console.log(`Written to ${file}`);
process.exit(0);
