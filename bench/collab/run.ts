// npm run bench:collab — Tawafuq's collab server side by side with the reference @y/websocket-server
// 0.1.1, each in its own process (pinned to core 1; this harness to core 0 when taskset works):
//   1. fan-out: N raw clients on one paper, W writers × R edits/s → delivered updates/s, latency p50/p99
//      (send → receipt, one clock: this process), server CPU and RSS;
//   2. cold open of the B4 trace stored as a snapshot and as the raw update log, against a bare
//      Y.applyUpdate of the same snapshot;
//   3. memory per idle paper with one connection, over 2,000 small papers.
// Prints a table and overwrites bench/results/collab.md. BENCH_QUICK=1 runs a small version (smoke test).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, loadavg, cpus } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { BenchClient, connectAll, newCounters, type WriterInfo } from "./clients.js";
import { loadTrace, replay, DEFAULT_TRACE } from "./trace.js";
import { buildPaperState } from "../../app/domain/paper-doc.js";
import { cpuSeconds, rssMb } from "../proc.js";
import { currentCommit, currentMachine, writeResults } from "../results.js";

const QUICK = process.env.BENCH_QUICK === "1";
const ONLY = new Set((process.env.BENCH_ONLY ?? "fanout,cold,memory").split(","));
const NS = process.env.BENCH_NS ? process.env.BENCH_NS.split(",").map(Number) : QUICK ? [20, 50] : [50, 200, 500];
const WARMUP_MS = QUICK ? 500 : 1000;
const MEASURE_MS = QUICK ? 2000 : 5000;
const SMALL_PAPERS = QUICK ? 200 : 2000;
const COLD_RUNS = 5;
// Fan-out scenarios with N ≤ 200 run this many times, alternating the servers; a row is the median run.
// At these loads a p99 is the slowest few messages a second, and one short stall of the machine moves it.
const REPEAT = Number(process.env.BENCH_REPEAT ?? (QUICK ? 1 : 3));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ——— processes ———

const pinned = spawnSync("taskset", ["-pc", "0", String(process.pid)], { stdio: "ignore" }).status === 0 && cpus().length > 1;

interface Server {
  name: "tawafuq" | "reference";
  proc: ChildProcess;
  pid: number;
  url: string;
  info: Record<string, unknown>;
  memory(): Promise<NodeJS.MemoryUsage & { stats: Record<string, number> }>;
  /** Tawafuq's server only (the reference has no such command). */
  stats(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of children) c.kill("SIGKILL");
});

async function startServer(name: Server["name"], env: Record<string, string> = {}): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), "tawafuq-bench-"));
  const script = name === "tawafuq" ? "bench/collab/server.ts" : "bench/collab/reference-server.ts";
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to tawafuq's server only.
  const extra = name === "tawafuq" ? (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean) : [];
  const node = [process.execPath, "--expose-gc", "--max-old-space-size=4096", ...extra, "--import", "tsx", script];
  const cmd = pinned ? ["taskset", "-c", "1", ...node] : node;
  const proc = spawn(cmd[0]!, cmd.slice(1), {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "", REDIS_URL: "", ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.add(proc);
  proc.once("exit", () => children.delete(proc));
  const lines = createInterface({ input: proc.stdout! });
  const waiters: { prefix: string; resolve: (v: string) => void }[] = [];
  lines.on("line", (line) => {
    // BENCH_SERVER_LOG=<file>: keep the servers' own log lines (warnings: paused reads, closes) for reading later.
    if (process.env.BENCH_SERVER_LOG && !line.startsWith("BENCH_")) appendFileSync(process.env.BENCH_SERVER_LOG, `${name} ${line}\n`);
    const w = waiters.findIndex((x) => line.startsWith(x.prefix));
    if (w >= 0) waiters.splice(w, 1)[0]!.resolve(line.slice(line.indexOf(" ") + 1));
  });
  const next = (prefix: string) => new Promise<string>((resolve) => waiters.push({ prefix, resolve }));
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const ready = JSON.parse(await Promise.race([next("BENCH_READY"), exited.then(() => Promise.reject(new Error(`${name} server exited`)))])) as Record<string, unknown>;
  return {
    name,
    proc,
    pid: ready.pid as number,
    url: `ws://127.0.0.1:${ready.port}`,
    info: ready,
    async memory() {
      const line = next("BENCH_MEM");
      proc.stdin!.write("mem\n");
      return JSON.parse(await line);
    },
    async stats() {
      const line = next("BENCH_STATS");
      proc.stdin!.write("stats\n");
      return JSON.parse(await line);
    },
    async stop() {
      proc.kill("SIGTERM");
      await Promise.race([exited, sleep(15_000)]);
      if (proc.exitCode === null) proc.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ——— 1. fan-out ———

interface FanoutResult {
  server: Server["name"];
  n: number;
  w: number;
  r: number;
  offered: number;
  delivered: number;
  p50: number;
  p99: number;
  serverCpu: number;
  serverRss: number;
  harnessCpu: number;
  messages: number;
  closed: number;
  /** Each run's p99, when the scenario was repeated (the other figures are then medians). */
  p99Runs?: number[];
}

function scenarios(n: number): { w: number; r: number }[] {
  const few = Math.min(n, 50);
  const list = [
    { w: few, r: 2 },
    { w: few, r: 5 },
  ];
  if (n > few) list.push({ w: n, r: 2 }, { w: n, r: 5 });
  return list;
}

async function fanout(server: Server, n: number, clients: BenchClient[], writers: Map<number, WriterInfo>, w: number, r: number): Promise<FanoutResult> {
  const counters = newCounters();
  for (const c of clients) (c as { counters: typeof counters }).counters = counters;
  writers.clear();
  const active = clients.slice(0, w);
  const maxUpdates = Math.ceil((r * (WARMUP_MS + MEASURE_MS + 2000)) / 1000) + 10;
  for (const c of active) {
    c.makeWriter(maxUpdates);
    c.sendInitial();
  }
  await sleep(500);
  const interval = 1000 / r;
  const start = performance.now();
  const nextAt = active.map((_, i) => start + (i / w) * interval);
  const timer = setInterval(() => {
    const now = performance.now();
    for (let i = 0; i < active.length; i++) {
      if (nextAt[i]! <= now) {
        active[i]!.type();
        nextAt[i]! += interval;
        if (nextAt[i]! < now) nextAt[i] = now + interval; // we fell behind: do not burst
      }
    }
  }, 2);
  // BENCH_TRACE=1: each second, what the harness received and what the server holds (diagnosis).
  const trace = process.env.BENCH_TRACE === "1" && server.name === "tawafuq"
    ? setInterval(() => {
        void server.stats().then((s) => console.log(`  trace ${server.name} n=${n} ${w}x${r}: messages ${counters.messages} deliveries ${counters.deliveries} closed ${clients.filter((c) => c.closedCode !== null).length} server ${JSON.stringify(s)}`));
      }, 1000)
    : null;
  await sleep(WARMUP_MS);
  const cpu0 = cpuSeconds(server.pid);
  const h0 = process.cpuUsage();
  const t0 = performance.now();
  counters.measuring = true;
  await sleep(MEASURE_MS);
  counters.measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuSeconds(server.pid);
  const h1 = process.cpuUsage(h0);
  const rss = rssMb(server.pid);
  clearInterval(timer);
  if (trace) clearInterval(trace);
  // Let the backlog drain before the next scenario (bounded: a saturated server may never catch up).
  const drainUntil = performance.now() + 20_000;
  while (performance.now() - counters.lastMessageAt < 500 && performance.now() < drainUntil) await sleep(100);
  return {
    server: server.name,
    n,
    w,
    r,
    offered: w * r * (n - 1),
    delivered: counters.deliveries / seconds,
    p50: counters.latency.percentile(50),
    p99: counters.latency.percentile(99),
    serverCpu: ((cpu1 - cpu0) / seconds) * 100,
    serverRss: rss,
    harnessCpu: ((h1.user + h1.system) / 1e6 / seconds) * 100,
    messages: counters.messages,
    closed: clients.filter((c) => c.closedCode !== null).length,
  };
}

async function runFanout(): Promise<FanoutResult[]> {
  const results: FanoutResult[] = [];
  // Both servers up at once and each scenario run on one then the other, so both see the same
  // machine (other work on these cores comes and goes).
  const servers = [await startServer("tawafuq", { BENCH_WRITERS: String(Math.max(...NS)) }), await startServer("reference")];
  for (const n of NS) {
    const sides = await Promise.all(
      servers.map(async (server) => {
        const cookies = (server.info.cookies as string[] | undefined) ?? [""];
        const paper = (server.info.fanoutPaper as string | undefined) ?? "bench-fanout";
        const writers = new Map<number, WriterInfo>();
        const clients = await connectAll(n, (i) => new BenchClient(`${server.url}/collab/${paper}`, cookies[i % cookies.length]!, writers, newCounters()));
        await Promise.all(clients.map((c) => c.synced));
        return { server, clients, writers };
      }),
    );
    for (const { w, r } of scenarios(n)) {
      const runs: FanoutResult[] = [];
      for (let k = 0; k < (n <= 200 ? REPEAT : 1); k++) {
        for (const side of sides) {
          const res = await fanout(side.server, n, side.clients, side.writers, w, r);
          runs.push(res);
          console.log(fanoutRow(res));
        }
      }
      for (const server of servers) results.push(medianRun(runs.filter((x) => x.server === server.name)));
    }
    for (const side of sides) for (const c of side.clients) c.close();
    await sleep(1000);
  }
  for (const server of servers) await server.stop();
  return results;
}

/** One row for repeated runs of a scenario: each figure's median, and every run's p99. */
function medianRun(runs: FanoutResult[]): FanoutResult {
  if (runs.length === 1) return runs[0]!;
  const m = (f: (x: FanoutResult) => number) => median(runs.map(f));
  return {
    ...runs[0]!,
    delivered: m((x) => x.delivered),
    p50: m((x) => x.p50),
    p99: m((x) => x.p99),
    serverCpu: m((x) => x.serverCpu),
    serverRss: m((x) => x.serverRss),
    harnessCpu: m((x) => x.harnessCpu),
    messages: m((x) => x.messages),
    closed: Math.max(...runs.map((x) => x.closed)),
    p99Runs: runs.map((x) => x.p99),
  };
}

const fmt = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "—");
const fanoutRow = (r: FanoutResult) =>
  `| ${r.server} | ${r.n} | ${r.w}×${r.r}/s | ${fmt(r.offered)} | ${fmt(r.delivered)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)}${r.p99Runs ? ` (${r.p99Runs.map((x) => fmt(x, 1)).join(", ")})` : ""} | ${fmt(r.serverCpu)}% | ${fmt(r.serverRss)} | ${fmt(r.harnessCpu)}% | ${r.closed} |`;

// ——— 2. cold open of B4 ———

interface ColdResult {
  trace: string;
  synthetic: boolean;
  snapshotBytes: number;
  logRows: number;
  snapshotOpenMs: number[];
  warmOpenMs: number[];
  /** Per cold open: where the time went. */
  coldParts: Omit<OpenTiming, "ms">[];
  logOpenMs: number;
  bareFirstMs: number;
  bareMs: number[];
}

function b4Files(): { dir: string; trace: string; synthetic: boolean; textLength: number } {
  const path = process.env.BENCH_B4_TRACE || DEFAULT_TRACE;
  const key = existsSync(path) ? `${statSync(path).size}-${Math.floor(statSync(path).mtimeMs)}` : "synthetic";
  const dir = join(tmpdir(), `tawafuq-bench-b4-${key}`);
  if (existsSync(join(dir, "meta.json"))) return JSON.parse(readFileSync(join(dir, "meta.json"), "utf8"));
  mkdirSync(dir, { recursive: true });
  const trace = loadTrace(path);
  console.log(`replaying ${trace.patches.length} edits of ${trace.source} (cached in ${dir})…`);
  const { state, updates, text } = replay(trace);
  if (text !== trace.endContent) throw new Error("replayed B4 text differs from the trace's endContent");
  writeFileSync(join(dir, "snapshot.bin"), state);
  const e = encoding.createEncoder();
  for (const u of updates) encoding.writeVarUint8Array(e, u);
  writeFileSync(join(dir, "updates.bin"), encoding.toUint8Array(e));
  const meta = { dir, trace: trace.source, synthetic: trace.synthetic, textLength: text.length };
  writeFileSync(join(dir, "meta.json"), JSON.stringify(meta));
  return meta;
}

/** Connect → sync step 2 received and applied into a fresh Y.Doc (what a browser does before it can show the paper). */
interface OpenTiming {
  ms: number;
  /** Connect → WebSocket open (upgrade, authorisation). */
  upgradeMs: number;
  /** Open → the whole sync step 2 received (the server reads or has the paper, encodes, sends). */
  answerMs: number;
  /** Y.applyUpdate of that step 2 in the client. */
  applyMs: number;
}

async function openPaper(url: string, cookie: string, expectLength: number): Promise<OpenTiming & { ws: WebSocket }> {
  const t0 = performance.now();
  let tOpen = 0;
  let tReceived = 0;
  let applyMs = 0;
  const ws = new WebSocket(url, { headers: { cookie }, perMessageDeflate: false });
  ws.binaryType = "nodebuffer";
  const doc = new Y.Doc();
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => {
      tOpen = performance.now();
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
      ws.send(encoding.toUint8Array(e));
    });
    ws.on("message", (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== 0) return;
      const step = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (step === 0) return;
      const ta = performance.now();
      Y.applyUpdate(doc, payload);
      if (step === 1) {
        tReceived = ta;
        applyMs = performance.now() - ta;
        resolve();
      }
    });
    ws.once("unexpected-response", (_q, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once("error", reject);
  });
  const ms = performance.now() - t0;
  const length = (doc.getXmlFragment("default").get(0) as Y.XmlElement | undefined)?.get(0)?.length ?? 0;
  if (length !== expectLength) throw new Error(`opened paper has ${length} characters, expected ${expectLength}`);
  doc.destroy();
  return { ms, upgradeMs: tOpen - t0, answerMs: tReceived - tOpen, applyMs, ws };
}

async function runCold(): Promise<ColdResult> {
  const b4 = b4Files();
  const snapshot = readFileSync(join(b4.dir, "snapshot.bin"));
  const bareCmd = [process.execPath, "--import", "tsx", "bench/collab/bare-apply.ts", join(b4.dir, "snapshot.bin"), String(COLD_RUNS)];
  const bare = spawnSync(pinned ? "taskset" : bareCmd[0]!, pinned ? ["-c", "1", ...bareCmd] : bareCmd.slice(1), { encoding: "utf8" });
  const bareTimes = JSON.parse(bare.stdout.trim().split("\n").pop()!) as number[];

  const server = await startServer("tawafuq", { BENCH_B4_DIR: b4.dir, COLLAB_UNLOAD_GRACE_MS: "100" });
  const b4Info = server.info.b4 as { snapshotPaper: string; logPaper: string; logRows: number };
  const cookie = (server.info.cookies as string[])[0]!;
  const snapshotOpenMs: number[] = [];
  const warmOpenMs: number[] = [];
  const coldParts: Omit<OpenTiming, "ms">[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const cold = await openPaper(`${server.url}/collab/${b4Info.snapshotPaper}`, cookie, b4.textLength);
    snapshotOpenMs.push(cold.ms);
    coldParts.push({ upgradeMs: cold.upgradeMs, answerMs: cold.answerMs, applyMs: cold.applyMs });
    // Same paper while it is open: what the second person to arrive waits.
    const warm = await openPaper(`${server.url}/collab/${b4Info.snapshotPaper}`, cookie, b4.textLength);
    warmOpenMs.push(warm.ms);
    cold.ws.terminate();
    warm.ws.terminate();
    await waitUnloaded(server);
  }
  const log = await openPaper(`${server.url}/collab/${b4Info.logPaper}`, cookie, b4.textLength);
  log.ws.terminate();
  await server.stop();
  return {
    trace: b4.trace,
    synthetic: b4.synthetic,
    snapshotBytes: snapshot.length,
    logRows: b4Info.logRows,
    snapshotOpenMs,
    warmOpenMs,
    coldParts,
    logOpenMs: log.ms,
    bareFirstMs: bareTimes[0]!,
    bareMs: bareTimes,
  };
}

async function waitUnloaded(server: Server) {
  for (let i = 0; i < 100; i++) {
    // Polled without forcing collections: a forced GC of the server's heap between two opens took 0.35–1 s.
    if ((await server.stats()).papers === 0) return;
    await sleep(100);
  }
  throw new Error("paper did not unload");
}

// ——— 3. memory per idle paper + connection ———

interface MemoryResult {
  server: Server["name"];
  papers: number;
  rssPerPaperKb: number;
  heapPerPaperKb: number;
  externalPerPaperKb: number;
}

async function runMemory(): Promise<MemoryResult[]> {
  const out: MemoryResult[] = [];
  const content = buildPaperState([{ title: "مقدمة", paragraphs: ["فقرة قصيرة من ورقة العمل.", "A short paragraph."] }]);
  for (const name of ["tawafuq", "reference"] as const) {
    const server = await startServer(name, name === "tawafuq" ? { BENCH_SMALL_PAPERS: String(SMALL_PAPERS), COLLAB_UNLOAD_GRACE_MS: "600000" } : {});
    const ids = (server.info.small as string[] | undefined) ?? Array.from({ length: SMALL_PAPERS }, (_, i) => `small-${i}`);
    const cookie = ((server.info.cookies as string[] | undefined) ?? [""])[0]!;
    // Warm the process (JIT, pools, the database thread's first reads) with a few papers of its own,
    // then measure the rest from there.
    const warmIds = name === "tawafuq" ? ids.splice(0, 10) : ["warmup"];
    const warm = await connectAll(warmIds.length, (i) => new BenchClient(`${server.url}/collab/${warmIds[i]}`, cookie, new Map(), newCounters()));
    await sleep(1000);
    const before = await server.memory();
    const rss0 = rssMb(server.pid);
    const clients = await connectAll(ids.length, (i) => new BenchClient(`${server.url}/collab/${ids[i]}`, cookie, new Map(), newCounters()), 25);
    await Promise.all(clients.map((c) => c.synced));
    if (name === "reference") {
      // The reference starts empty: give each document the same small paper.
      for (const c of clients) {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, content);
        c.ws.send(encoding.toUint8Array(e));
      }
    }
    await sleep(2000);
    const after = await server.memory();
    const rss1 = rssMb(server.pid);
    const n = ids.length;
    out.push({
      server: name,
      papers: (after.stats.papers ?? 0) - (before.stats.papers ?? 0),
      rssPerPaperKb: ((rss1 - rss0) * 1024) / n,
      heapPerPaperKb: (after.heapUsed - before.heapUsed) / 1024 / n,
      externalPerPaperKb: (after.external - before.external) / 1024 / n,
    });
    console.log(JSON.stringify(out[out.length - 1]));
    for (const c of clients) c.close();
    for (const c of warm) c.close();
    await server.stop();
  }
  return out;
}

// ——— report ———

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Each cold open over its own client-side apply: the bare process's applies are colder (JIT) than the harness's. */
const likeForLike = (cold: ColdResult) => cold.snapshotOpenMs.map((ms, i) => ms / cold.coldParts[i]!.applyMs);

function report(fan: FanoutResult[], cold: ColdResult | null, mem: MemoryResult[]): string {
  const lines: string[] = [];
  lines.push(
    `Other work may share these cores, so compare the two servers within this run (they run one after the other under the same conditions). ` +
      `Server pinned to core 1, harness to core 0: ${pinned ? "yes" : "no (taskset unavailable)"}.${QUICK ? " **BENCH_QUICK: reduced sizes.**" : ""}`,
    "",
  );
  lines.push(
    "**tawafuq** is `server/app.ts` with authorisation at the upgrade and persistence on (embedded PGlite in a temp folder, write-behind log, compaction). " +
      "**reference** is `@y/websocket-server@0.1.1` (its `server.js`: in memory, no authorisation, no persistence).",
    "",
  );
  if (fan.length) {
    lines.push("## Fan-out: one paper, N raw clients, W writers × R one-character edits per second", "");
    lines.push(
      "Every client receives; each edit should reach N−1 clients (offered). Delivered = edits received per second over a " +
        `${MEASURE_MS / 1000} s window after ${WARMUP_MS / 1000} s warm-up, counted per receiving client from the update's state-vector range (so a coalesced message counts every edit in it). ` +
        "Latency = receipt − send, same clock (this process). CPU = server process, % of one core. Closed = clients the server disconnected. " +
        (REPEAT > 1 ? `Scenarios with N ≤ 200 ran ${REPEAT} times, the servers alternating; their rows give each figure's median, and every run's p99 in brackets.` : ""),
      "",
    );
    lines.push("| server | N | W × R | offered/s | delivered/s | p50 ms | p99 ms | server CPU | server RSS MB | harness CPU | closed |");
    lines.push("|---|---|---|---|---|---|---|---|---|---|---|");
    for (const r of [...fan].sort((a, b) => (a.server === b.server ? 0 : a.server === "tawafuq" ? -1 : 1))) lines.push(fanoutRow(r));
    lines.push("");
    lines.push("| N | W × R | delivered tawafuq / reference | p99 tawafuq / reference |");
    lines.push("|---|---|---|---|");
    for (const t of fan.filter((x) => x.server === "tawafuq")) {
      const ref = fan.find((x) => x.server === "reference" && x.n === t.n && x.w === t.w && x.r === t.r);
      if (ref) lines.push(`| ${t.n} | ${t.w}×${t.r}/s | ${fmt(t.delivered / ref.delivered, 2)}× | ${fmt(t.p99 / ref.p99, 2)}× |`);
    }
    lines.push("");
  }
  if (cold) {
    const snap = median(cold.snapshotOpenMs);
    const bare = median(cold.bareMs);
    lines.push("## Cold open of the B4 trace", "");
    lines.push(
      `Trace: ${cold.synthetic ? "**synthetic** stand-in (B4 file not found)" : "B4 (" + cold.trace + ")"}, 259,778 edits → ${cold.snapshotBytes.toLocaleString("en")} B snapshot (Yjs update v1). ` +
        "Open = WebSocket connect → authorisation → load from the database → sync step 2 received and applied into a fresh Y.Doc by the client. " +
        `Bare = \`Y.applyUpdate(new Y.Doc(), snapshot)\` in a separate Node process (median of ${cold.bareMs.length}; first call ${fmt(cold.bareFirstMs, 1)} ms).`,
      "",
    );
    lines.push("| case | time (median of runs) | vs bare Y.applyUpdate |");
    lines.push("|---|---|---|");
    lines.push(`| bare Y.applyUpdate of the snapshot | ${fmt(bare, 1)} ms | 1.00× |`);
    lines.push(`| cold open, stored as a snapshot (${cold.snapshotOpenMs.length} runs: ${cold.snapshotOpenMs.map((x) => fmt(x)).join(", ")} ms) | ${fmt(snap, 1)} ms | ${fmt(snap / bare, 2)}× |`);
    lines.push(`| cold open ÷ the same run's client apply (like for like: both applies in a warm process) | runs: ${likeForLike(cold).map((x) => fmt(x, 2)).join(", ")} | ${fmt(median(likeForLike(cold)), 2)}× |`);
    lines.push(`| open while already loaded (second client) | ${fmt(median(cold.warmOpenMs), 1)} ms | ${fmt(median(cold.warmOpenMs) / bare, 2)}× |`);
    lines.push(`| cold open, stored as the raw update log (${cold.logRows.toLocaleString("en")} rows; folded and compacted on this open; 1 run) | ${fmt(cold.logOpenMs)} ms | ${fmt(cold.logOpenMs / bare, 1)}× |`);
    lines.push("");
    const part = (k: keyof ColdResult["coldParts"][number]) => fmt(median(cold.coldParts.map((p) => p[k])), 1);
    lines.push(
      `Where a cold open's time goes (medians): connect → WebSocket open (upgrade, session and paper lookup) ${part("upgradeMs")} ms; ` +
        `open → sync step 2 received (the server reads the snapshot and answers) ${part("answerMs")} ms; ` +
        `the client's own Y.applyUpdate of it ${part("applyMs")} ms (the bare figure, measured in the harness process).`,
      "",
    );
  }
  if (mem.length) {
    lines.push(`## Memory per idle paper with one connection (${mem[0]!.papers.toLocaleString("en")} small papers)`, "");
    lines.push("Server memory after a forced GC, before and after opening every paper with one raw client, divided by the number of papers.", "");
    lines.push("| server | RSS / paper | JS heap / paper | external / paper |");
    lines.push("|---|---|---|---|");
    for (const m of mem) lines.push(`| ${m.server} | ${fmt(m.rssPerPaperKb, 1)} KB | ${fmt(m.heapPerPaperKb, 1)} KB | ${fmt(m.externalPerPaperKb, 1)} KB |`);
    lines.push("");
  }
  lines.push("## Against the targets of issue 3", "");
  lines.push("| target | measured | met |");
  lines.push("|---|---|---|");
  if (fan.length) {
    const sat = (s: string) => fan.filter((x) => x.server === s).reduce((a, b) => (b.delivered > a.delivered ? b : a));
    const ours = sat("tawafuq");
    const ref = sat("reference");
    const ratio = ours.delivered / ref.delivered;
    lines.push(`| delivered updates/s at saturation ≥ 2× reference | best tawafuq ${fmt(ours.delivered)}/s (N=${ours.n}, ${ours.w}×${ours.r}) vs best reference ${fmt(ref.delivered)}/s (N=${ref.n}, ${ref.w}×${ref.r}): ${fmt(ratio, 2)}× | ${ratio >= 2 ? "yes" : "no"} |`);
    const p99 = fan.filter((x) => x.server === "tawafuq" && x.n <= 200).map((t) => {
      const r = fan.find((x) => x.server === "reference" && x.n === t.n && x.w === t.w && x.r === t.r)!;
      return { t, r, ok: t.p99 <= r.p99 };
    });
    lines.push(`| p99 ≤ reference at N ≤ 200 | ${p99.map(({ t, r }) => `N=${t.n} ${t.w}×${t.r}: ${fmt(t.p99, 1)} vs ${fmt(r.p99, 1)} ms`).join("; ")} | ${p99.every((x) => x.ok) ? "yes" : `no: missed on ${p99.filter((x) => !x.ok).length} of ${p99.length} rows`} |`);
  }
  if (mem.length) {
    const ours = mem.find((m) => m.server === "tawafuq")!;
    lines.push(`| idle paper + connection ≤ 30 KB | ${fmt(ours.rssPerPaperKb, 1)} KB RSS (${fmt(ours.heapPerPaperKb, 1)} KB heap) | ${ours.rssPerPaperKb <= 30 ? "yes" : "no"} |`);
  }
  if (cold) {
    const r = median(cold.snapshotOpenMs) / median(cold.bareMs);
    const like = median(likeForLike(cold));
    lines.push(
      `| B4 cold open ≤ 1.2× bare Yjs | ${fmt(r, 2)}× the bare process; ${fmt(like, 2)}× like for like (the harness's own apply); raw log ${fmt(cold.logOpenMs / median(cold.bareMs), 1)}× | ${r <= 1.2 && like <= 1.2 ? "yes" : r <= 1.2 ? "against the bare process only" : "no"} |`,
    );
  }
  lines.push("");
  return lines.join("\n");
}

// ——— main ———

const startedAt = new Date();
const load0 = loadavg();
const t0 = performance.now();
process.on("uncaughtException", (err) => {
  console.error(err);
  process.exit(1);
});
const fan = ONLY.has("fanout") ? await runFanout() : [];
const cold = ONLY.has("cold") ? await runCold() : null;
const mem = ONLY.has("memory") ? await runMemory() : [];
const text = report(fan, cold, mem);
console.log("\n" + text);
const settings = ["BENCH_QUICK", "BENCH_ONLY", "BENCH_NS", "BENCH_REPEAT", "BENCH_B4_TRACE", "BENCH_NODE_ARGS"].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]} `).join("");
const file = writeResults(
  "collab",
  "Collab server benchmark",
  { command: `${settings}npm run bench:collab`, startedAt, seconds: (performance.now() - t0) / 1000, commit: currentCommit(), machine: currentMachine(), load: { start: load0, end: loadavg() } },
  text,
);
console.log(`Written to ${file}`);
process.exit(0);
