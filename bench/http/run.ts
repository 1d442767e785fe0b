// npm run bench:http — the invitations page and the JSON API list, with a search term and filters,
// over 5,000 forces and invitations, under 20 concurrent clients (autocannon), on PGlite and on
// PostgreSQL. Reports p50/p95 per backend and target; the target is p95 ≤ 150 ms. Needs a production
// build (`npm run build`) and, for PostgreSQL, the server at TEST_PG_URL (else it is skipped).
// Traffic goes only to the server this script starts on 127.0.0.1; each run is bounded in time.
// Overwrites bench/results/http.md (read it with bench/README.md) and http.json (every figure).
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { startTestServer, signIn, type TestServer } from "../../tests/helpers/server.js";
import { createPgDatabase, PG_ADMIN_URL, postgresReachable } from "../../tests/helpers/db.js";
import { cpuSeconds, machineBusySeconds } from "../proc.js";
import { currentCommit, currentMachine, RESULTS_DIR, writeResults } from "../results.js";
import { httpMarkdown, type HttpRun, type Load, type Row } from "./report.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 5000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TARGET_P95 = 150;
const kinds = ["PARTY", "BLOC", "CURRENT", "TRIBE", "CSO", "INTERNATIONAL_BODY", "COMMUNITY", "PERSONALITY"];
const regions = ["NORTH_EAST_SYRIA", "OTHER_SYRIAN_REGIONS", "ABROAD"];
const statuses = ["CANDIDATE", "APPROVED", "SENT", "CONFIRMED", "DECLINED", "NO_RESPONSE", "ATTENDED", "NO_SHOW", "WITHDRAWN"];
const words = ["الديمقراطي", "الوطني", "السوري", "الحر", "المدني", "الشعبي", "المستقل", "التقدمي"];

function csv(n: number): string {
  const lines = ["name_ar,name_en,kind,region,city,member,notes,contact_name,invitation_status,seat_quota"];
  for (let i = 0; i < n; i++) {
    lines.push(
      [`حزب ${words[i % words.length]} رقم ${i}`, `Force ${i}`, kinds[i % kinds.length], regions[i % regions.length], "قامشلو", i % 4 ? "no" : "yes", `ملاحظة ${i}`, `مسؤول ${i}`, statuses[i % statuses.length], String(1 + (i % 4))].join(","),
    );
  }
  return lines.join("\n");
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const CORES = cpus().length;

async function load(url: string, cookie: string, serverPid: number | undefined): Promise<Load> {
  const latencies: number[] = [];
  const server0 = serverPid ? cpuSeconds(serverPid) : 0;
  const machine0 = machineBusySeconds();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { cookie }, timeout: 30 }, (err, res) => (err ? reject(err) : resolve(res)));
    // autocannon's histogram has no p95: keep every latency and compute it.
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status < 400) latencies.push(ms);
    });
  });
  const machineCpu = machineBusySeconds() - machine0;
  const serverCpu = serverPid ? cpuSeconds(serverPid) - server0 : null;
  latencies.sort((a, b) => a - b);
  const perRequest = (seconds: number) => Math.round((seconds * 10_000) / Math.max(1, result.requests.total)) / 10;
  return {
    mean: Math.round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
    p50: Math.round(percentile(latencies, 50)),
    p95: Math.round(percentile(latencies, 95)),
    rps: Math.round(result.requests.average),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    serverCpuMs: serverCpu === null ? null : perRequest(serverCpu),
    machineCpuMs: perRequest(machineCpu),
  };
}

/**
 * The most CPU a request may cost, across the machine, for p95 ≤ target at this concurrency. The clients
 * form a closed loop, so mean latency = clients ÷ throughput (Little's law); a mean above the p95 would
 * take a few requests far slower than all others (not seen here), so the target needs throughput ≥
 * clients ÷ target, and the machine's cores can give each request at most cores ÷ that throughput.
 */
const MIN_RPS = (CONNECTIONS * 1000) / TARGET_P95;
const CPU_BUDGET_MS = Math.round(((CORES * 1000) / MIN_RPS) * 10) / 10;

/** bench/http/reference-server.ts on the same database, once the server has stopped (PGlite has one owner). */
async function startReference(env: Record<string, string>): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "bench/http/reference-server.ts"], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once("line", resolve);
    proc.once("exit", (code) => reject(new Error(`reference server exited (${code})`)));
  });
  const exited = new Promise((r) => proc.once("exit", r));
  return {
    url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`,
    pid: proc.pid!,
    async stop() {
      proc.kill("SIGTERM");
      await exited;
    },
  };
}

async function benchBackend(backend: "pglite" | "postgresql") {
  let dropPg: (() => Promise<void>) | undefined;
  const env: Record<string, string> = {};
  const dataDir = mkdtempSync(join(tmpdir(), "tawafuq-bench-http-"));
  if (backend === "postgresql") {
    const db = await createPgDatabase();
    dropPg = db.drop;
    env.DATABASE_URL = db.url;
    env.SEED_DEMO = "1";
  }
  let server: TestServer | undefined;
  try {
    // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to the server only, as in bench:collab.
    server = await startTestServer({ env, dataDir, nodeArgs: (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean) });
    const startMs = server.startMs;
    console.log(`${backend.padEnd(10)} start (spawn → first /healthz 200, migrations and demo seed included) ${startMs} ms`);
    const cookie = await signIn(server.url, "organizer@example.org");
    const confs = (await (await fetch(`${server.url}/api/v1/conferences`, { headers: { cookie } })).json()) as { conferences: { id: string }[] };
    const conf = confs.conferences[0]!.id;
    const t0 = Date.now();
    const imported = await fetch(`${server.url}/api/v1/conferences/${conf}/forces/import`, { method: "POST", body: csv(ROWS), headers: { cookie, "content-type": "text/csv" } });
    if (imported.status !== 201) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);
    const importMs = Date.now() - t0;
    const q = encodeURIComponent("الديمقراطى"); // ى folds to ي: matches every «الديمقراطي» force
    const targets = {
      "page /invitations (q + kind + status)": `${server.url}/invitations?q=${q}&kind=PARTY&status=SENT`,
      "page /invitations (q only)": `${server.url}/invitations?q=${q}`,
      "API list (q + region + status)": `${server.url}/api/v1/conferences/${conf}/invitations?q=${q}&region=ABROAD&status=CONFIRMED&pageSize=50`,
      "API list (q only)": `${server.url}/api/v1/conferences/${conf}/invitations?q=${encodeURIComponent("رقم 12")}&pageSize=50`,
    };
    const rows: Row[] = [];
    const measure = async (name: string, url: string, cookie: string, pid: number | undefined) => {
      for (let i = 0; i < 10; i++) await (await fetch(url, { headers: { cookie } })).arrayBuffer(); // warm-up
      const r = await load(url, cookie, pid);
      console.log(
        `${backend.padEnd(10)} ${name.padEnd(48)} mean ${String(r.mean).padStart(4)} ms  p50 ${String(r.p50).padStart(4)} ms  p95 ${String(r.p95).padStart(4)} ms  ${r.rps} req/s  CPU/request: server ${r.serverCpuMs} ms, machine ${r.machineCpuMs} ms  (${r.requests} requests, non-2xx ${r.non2xx}, errors ${r.errors})`,
      );
      return r;
    };
    for (const [name, url] of Object.entries(targets)) {
      const r = await measure(name, url, cookie, server.proc.pid);
      rows.push({ backend, target: name, ...r, ok: r.p95 <= TARGET_P95 && r.non2xx === 0 && r.errors === 0 });
    }
    await server.stop();
    server = undefined;
    // The reference answers the API targets (same path and query) from the same data.
    const reference = await startReference({ ...env, DATA_DIR: dataDir });
    try {
      for (const [name, url] of Object.entries(targets)) {
        if (!name.startsWith("API")) continue;
        const r = await measure(`reference: ${name}`, url.replace(/^http:\/\/[^/]+/, reference.url), "", reference.pid);
        const row = rows.find((x) => x.target === name)!;
        row.reference = r;
      }
    } finally {
      await reference.stop();
    }
    return { backend, startMs, importMs, rows };
  } finally {
    await server?.stop();
    await dropPg?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const startedAt = new Date();
const load0 = loadavg();
const results: HttpRun["results"] = [];
results.push(await benchBackend("pglite"));
const pgUp = await postgresReachable();
if (!pgUp) console.log(`PostgreSQL not reachable at ${PG_ADMIN_URL}: skipped`);
if (pgUp) results.push(await benchBackend("postgresql"));

const run: HttpRun = { rows: ROWS, connections: CONNECTIONS, seconds: SECONDS, targetP95: TARGET_P95, cores: CORES, cpuBudgetMs: CPU_BUDGET_MS, results };
const settings = ["BENCH_ROWS", "BENCH_CONNECTIONS", "BENCH_SECONDS", "BENCH_NODE_ARGS"].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]} `).join("");
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(`${RESULTS_DIR}/http.json`, JSON.stringify(run, null, 2) + "\n");
const file = writeResults(
  "http",
  "HTTP benchmark: invitations page and API under load",
  { command: `${settings}npm run bench:http`, startedAt, seconds: (Date.now() - startedAt.getTime()) / 1000, commit: currentCommit(), machine: currentMachine(), load: { start: load0, end: loadavg() } },
  httpMarkdown(run),
);
console.log("\n" + httpMarkdown(run));
console.log(`\nWritten to ${file} and ${RESULTS_DIR}/http.json`);
process.exit(0);
