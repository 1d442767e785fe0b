// npm run bench:vote — issue 20's plenary target on the real server: BENCH_FORCES (300) forces, each with a
// checked-in delegate and a session, cast their ballots on one open vote at once through the HTTP API
// (BENCH_DUPLICATES of them from a second device at the same moment). Checks that every ballot is counted
// exactly once and the duplicates are refused, and measures the p95 of the cast request, the time for all
// ballots, and how long after the last ballot's answer the chair (socket.io, subscribed as the committee)
// hears the final count. Targets: all ballots within 10 s, the chair's count ≤ 1 s after the last vote.
// It also times every ballot's result update (its answer → the chair hearing a count that includes it) and
// prints the p95s beside the latest recorded bench:http and bench:collab figures (compare.ts).
// PGlite, and PostgreSQL at TEST_PG_URL when reachable. Needs a production build (`npm run build`).
// Traffic goes only to the server this script starts on 127.0.0.1. Overwrites bench/results/vote.md.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { io as ioClient } from "socket.io-client";
import { createPgDatabase, PG_ADMIN_URL, postgresReachable } from "../../tests/helpers/db.js";
import { currentCommit, currentMachine, writeResults } from "../results.js";
import { cpuSeconds, machineBusySeconds } from "../proc.js";
import { comparisonMarkdown, recordedRows, resultUpdates, type CompareRow } from "./compare.js";

const FORCES = Number(process.env.BENCH_FORCES ?? 300);
const DUPLICATES = Number(process.env.BENCH_DUPLICATES ?? 30);
const TARGET_ALL_MS = 10_000;
const TARGET_RESULT_MS = 1_000;
const OPTIONS = ["YES", "NO", "ABSTAIN"] as const;

interface Ready {
  pid: number;
  port: number;
  conferenceId: string;
  chairCookie: string;
  cookies: string[];
  forceIds: string[];
}

interface Figures {
  backend: string;
  setupMs: number;
  castP50: number;
  castP95: number;
  castP99: number;
  castMax: number;
  /** Per accepted ballot: its 201 answer → the chair hearing a count that includes it (see resultUpdates). */
  updateP50: number;
  updateP95: number;
  updateP99: number;
  allMs: number;
  chairMs: number;
  pollMs: number;
  accepted: number;
  refusedDuplicates: number;
  /** CPU per cast request (ms), the server's process and the whole machine: what the load average does not change. */
  serverCpuMs: number;
  machineCpuMs: number;
  unexpected: string[];
  countedOnce: boolean;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

async function startServer(env: Record<string, string>): Promise<{ ready: Ready; proc: ChildProcess; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), "tawafuq-bench-vote-"));
  const proc = spawn(process.execPath, ["--import", "tsx", "bench/vote/server.ts"], {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "", REDIS_URL: "", BENCH_FORCES: String(FORCES), ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const line = await Promise.race([
    new Promise<string>((resolve) => createInterface({ input: proc.stdout! }).on("line", (l) => l.startsWith("BENCH_READY ") && resolve(l.slice(12)))),
    exited.then(() => Promise.reject(new Error("the bench server exited before it was ready"))),
  ]);
  return {
    ready: JSON.parse(line) as Ready,
    proc,
    async stop() {
      proc.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (proc.exitCode === null) proc.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function benchBackend(backend: "pglite" | "postgresql"): Promise<Figures> {
  const env: Record<string, string> = {};
  let dropPg: (() => Promise<void>) | undefined;
  if (backend === "postgresql") {
    const db = await createPgDatabase();
    dropPg = db.drop;
    Object.assign(env, { DATABASE_URL: db.url, SEED_DEMO: "1" });
  }
  const t0 = Date.now();
  const server = await startServer(env).catch(async (e) => {
    await dropPg?.();
    throw e;
  });
  const setupMs = Date.now() - t0;
  const { ready } = server;
  const base = `http://127.0.0.1:${ready.port}`;
  const chair = ioClient(base, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie: ready.chairCookie }, reconnection: false, forceNew: true });
  try {
    const subscribed = (await chair.timeout(10_000).emitWithAck("subscribe", ready.conferenceId)) as { ok: boolean };
    if (!subscribed.ok) throw new Error("the chair could not subscribe");
    const post = (cookie: string, path: string, body: unknown) =>
      fetch(`${base}${path}`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
    const opened = await post(ready.chairCookie, `/api/v1/conferences/${ready.conferenceId}/votes`, { subject: "QUESTION", question: "هل تقر الهيئة العامة ورقة العمل؟" });
    if (opened.status !== 201) throw new Error(`open failed: ${opened.status} ${await opened.text()}`);
    const voteId = ((await opened.json()) as { id: string }).id;

    // The chair's screen: the moment it hears every ballot counted.
    let chairHeardAt = 0;
    const counts: { at: number; cast: number }[] = [];
    const heard = new Promise<void>((resolve) =>
      chair.on("vote.changed", (e: { voteId: string; cast?: number }) => {
        if (e.voteId !== voteId || e.cast === undefined) return;
        const at = performance.now();
        counts.push({ at, cast: e.cast });
        if (e.cast === FORCES && !chairHeardAt) ((chairHeardAt = at), resolve());
      }),
    );

    const expected: Record<string, number> = { YES: 0, NO: 0, ABSTAIN: 0 };
    const latencies: number[] = [];
    const answeredAt: number[] = [];
    const statuses: Record<string, number> = {};
    let lastAnswerAt = 0;
    const cast = async (i: number, option: string, first: boolean) => {
      const s = performance.now();
      const res = await post(ready.cookies[i]!, `/api/v1/votes/${voteId}/ballots`, { option });
      const body = (await res.json()) as { error?: { details?: { reason?: string } } };
      const end = performance.now();
      const key = res.status === 201 ? "201" : `${res.status} ${body.error?.details?.reason ?? ""}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (res.status === 201) ((lastAnswerAt = Math.max(lastAnswerAt, end)), latencies.push(end - s), answeredAt.push(end));
      return { i, first, status: res.status, reason: body.error?.details?.reason };
    };
    const cpu0 = cpuSeconds(ready.pid);
    const machine0 = machineBusySeconds();
    const started = performance.now();
    const calls: Promise<Awaited<ReturnType<typeof cast>>>[] = [];
    for (let i = 0; i < FORCES; i++) {
      const option = OPTIONS[i % 3]!;
      expected[option]!++;
      calls.push(cast(i, option, true));
      // A second device of the same force at the same moment (the same choice, so the expected counts hold
      // whichever device wins).
      if (i < DUPLICATES) calls.push(cast(i, option, false));
    }
    const answers = await Promise.all(calls);
    const allMs = Math.round(lastAnswerAt - started);
    const perRequest = (seconds: number) => Math.round((seconds * 10_000) / calls.length) / 10;
    const serverCpuMs = perRequest(cpuSeconds(ready.pid) - cpu0);
    const machineCpuMs = perRequest(machineBusySeconds() - machine0);
    await Promise.race([heard, new Promise((r) => setTimeout(r, 10_000))]);
    const chairMs = chairHeardAt ? Math.round(chairHeardAt - lastAnswerAt) : NaN;

    // The same count by polling the results endpoint, as a page without the socket would.
    const pollStart = performance.now();
    for (;;) {
      const v = (await (await fetch(`${base}/api/v1/votes/${voteId}`, { headers: { cookie: ready.chairCookie } })).json()) as { results: { cast: number } | null };
      if (v.results?.cast === FORCES || performance.now() - pollStart > 10_000) break;
    }
    const pollMs = Math.round(performance.now() - pollStart);

    // Exactly once: each force one ballot (the named vote lists them), the counts as cast, the duplicates refused.
    await post(ready.chairCookie, `/api/v1/votes/${voteId}/close`, {});
    const final = (await (await fetch(`${base}/api/v1/votes/${voteId}`, { headers: { cookie: ready.chairCookie } })).json()) as {
      results: { counts: Record<string, number>; cast: number };
      ballots: { forceId: string }[];
    };
    const perForce = new Map<string, number>();
    for (const b of final.ballots) perForce.set(b.forceId, (perForce.get(b.forceId) ?? 0) + 1);
    const accepted = answers.filter((a) => a.status === 201).length;
    const refusedDuplicates = answers.filter((a) => a.status === 409 && a.reason === "already_voted").length;
    const unexpected = Object.entries(statuses).filter(([k]) => k !== "201" && k !== "409 already_voted").map(([k, n]) => `${k} ×${n}`);
    // Which of a force's two devices wins is not decided here; that exactly one of them does is.
    const onePerForce = Array.from({ length: FORCES }, (_, i) => answers.filter((a) => a.i === i && a.status === 201).length === 1).every(Boolean);
    const countedOnce =
      accepted === FORCES &&
      refusedDuplicates === DUPLICATES &&
      onePerForce &&
      final.results.cast === FORCES &&
      OPTIONS.every((o) => final.results.counts[o] === expected[o]) &&
      perForce.size === FORCES &&
      [...perForce.values()].every((n) => n === 1) &&
      ready.forceIds.every((f) => perForce.has(f));
    latencies.sort((a, b) => a - b);
    // An update never heard sorts last (as the slowest), so a lost count shows in the high percentiles.
    const updates = resultUpdates(answeredAt, counts).map((x) => (Number.isNaN(x) ? Infinity : x)).sort((a, b) => a - b);
    const r = (x: number) => (Number.isFinite(x) ? Math.round(x) : NaN);
    return {
      backend,
      setupMs,
      castP50: r(percentile(latencies, 50)),
      castP95: r(percentile(latencies, 95)),
      castP99: r(percentile(latencies, 99)),
      castMax: r(latencies.at(-1) ?? NaN),
      updateP50: r(percentile(updates, 50)),
      updateP95: r(percentile(updates, 95)),
      updateP99: r(percentile(updates, 99)),
      allMs,
      chairMs,
      pollMs,
      accepted,
      refusedDuplicates,
      serverCpuMs,
      machineCpuMs,
      unexpected,
      countedOnce,
    };
  } finally {
    chair.close();
    await server.stop();
    await dropPg?.();
  }
}

function markdown(rows: Figures[]): string {
  const cell = (f: (x: Figures) => string) => rows.map(f).join(" | ");
  const ok = (b: boolean) => (b ? "✅" : "❌");
  const lines = [
    `${FORCES} forces, each with one checked-in delegate and a session; all cast at once on one open vote through \`POST /api/v1/votes/:id/ballots\`, ${DUPLICATES} of them also from a second device at the same moment. The chair is subscribed over socket.io (staff room, \`vote.changed\` with the number of ballots cast).`,
    "",
    `| figure | ${rows.map((r) => r.backend).join(" | ")} | target |`,
    `|---|${rows.map(() => "---|").join("")}---|`,
    `| all ${FORCES} ballots answered (first request → last 201) | ${cell((r) => `${r.allMs} ms ${ok(r.allMs <= TARGET_ALL_MS)}`)} | ≤ ${TARGET_ALL_MS / 1000} s |`,
    `| cast request p50 / p95 / p99 / max | ${cell((r) => `${r.castP50} / ${r.castP95} / ${r.castP99} / ${r.castMax} ms`)} | — |`,
    `| result update p50 / p95 / p99: a ballot's answer → the chair hears a count including it (socket) | ${cell((r) => `${r.updateP50} / ${r.updateP95} / ${r.updateP99} ms`)} | — |`,
    `| CPU per cast request: server process / whole machine | ${cell((r) => `${r.serverCpuMs} / ${r.machineCpuMs} ms`)} | — |`,
    `| chair hears the final count, after the last ballot's answer (socket) | ${cell((r) => `${r.chairMs} ms ${ok(r.chairMs <= TARGET_RESULT_MS)}`)} | ≤ ${TARGET_RESULT_MS} ms |`,
    `| chair reads the final count by polling GET /api/v1/votes/:id | ${cell((r) => `${r.pollMs} ms`)} | — |`,
    `| every ballot counted exactly once (${FORCES} accepted, ${DUPLICATES} already_voted, one per force) | ${cell((r) => `${r.accepted} / ${r.refusedDuplicates} ${ok(r.countedOnce)}`)} | all |`,
    `| other answers | ${cell((r) => (r.unexpected.length ? r.unexpected.join(", ") : "none"))} | none |`,
    `| setup (server start, demo seed, ${FORCES} forces and sessions) | ${cell((r) => `${r.setupMs} ms`)} | — |`,
    "",
    "A negative \"chair hears\" figure means the chair heard the final count before the last voter had their answer: the event is emitted when the ballot commits, before the HTTP answer is written. " +
      "The result update is timed the same way for every ballot: the k-th ballot answered is counted once the chair has heard a count of at least k (counts are announced every 20 ms, and do not say which ballots they include).",
  ];
  return lines.join("\n");
}

/** This run's two p95 figures per backend as rows of the comparison table. */
function voteRows(rows: Figures[]): CompareRow[] {
  return rows.flatMap((f) => [
    { bench: "bench:vote", run: "this run", what: `cast request (POST /api/v1/votes/:id/ballots), ${FORCES + DUPLICATES} at once`, backend: f.backend, p50: f.castP50, p95: f.castP95, p99: f.castP99 },
    { bench: "bench:vote", run: "this run", what: "result update: a ballot's answer → the chair hears it counted (socket.io)", backend: f.backend, p50: f.updateP50, p95: f.updateP95, p99: f.updateP99 },
  ]);
}

const startedAt = new Date();
const load0 = loadavg();
const rows: Figures[] = [await benchBackend("pglite")];
const pgUp = await postgresReachable();
if (!pgUp) console.log(`PostgreSQL not reachable at ${PG_ADMIN_URL}: skipped`);
if (pgUp) rows.push(await benchBackend("postgresql"));
const settings = ["BENCH_FORCES", "BENCH_DUPLICATES"].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]} `).join("");
const body = `${markdown(rows)}\n\n${comparisonMarkdown(voteRows(rows), recordedRows())}`;
const file = writeResults(
  "vote",
  "Vote benchmark: a plenary of forces casting at once",
  { command: `${settings}npm run bench:vote`, startedAt, seconds: (Date.now() - startedAt.getTime()) / 1000, commit: currentCommit(), machine: currentMachine(), load: { start: load0, end: loadavg() } },
  body,
);
console.log("\n" + body + `\n\nWritten to ${file}`);
const failed = rows.some((r) => !r.countedOnce || r.allMs > TARGET_ALL_MS || !(r.chairMs <= TARGET_RESULT_MS) || r.unexpected.length);
process.exit(failed ? 1 : 0);
