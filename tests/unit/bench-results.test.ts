// The benchmarks' results writer: a run overwrites bench/results/<name>.md with its conditions on top; and
// bench:vote's table beside the recorded collab and HTTP runs.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { httpMarkdown, type HttpRun, type Load } from "../../bench/http/report.js";
import { currentCommit, currentMachine, writeResults, type RunInfo } from "../../bench/results.js";
import { collabRows, comparisonMarkdown, httpRows, recordedRows, resultUpdates, runOf } from "../../bench/vote/compare.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const run = (over: Partial<RunInfo> = {}): RunInfo => ({
  command: "npm run bench:http",
  startedAt: new Date("2026-12-07T10:00:00.000Z"),
  seconds: 95.4,
  commit: "abc1234",
  machine: "2 × Test CPU, linux 6.0, Node v20",
  load: { start: [0.5, 0.4, 0.3], end: [1.5, 1, 0.5] },
  ...over,
});

describe("writeResults", () => {
  it("writes the run's date, commit, machine and load above the figures, and a second run overwrites the first", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-results-"));
    dirs.push(dir);
    const file = writeResults("http", "HTTP benchmark", run(), "| a | b |\n|---|---|\n| 1 | 2 |", dir);
    expect(file).toBe(join(dir, "http.md"));
    const first = readFileSync(file, "utf8");
    expect(first).toMatch(/^# HTTP benchmark\n/);
    expect(first).toContain("2026-12-07T10:00:00.000Z, 95 s, `npm run bench:http`");
    expect(first).toContain("**Commit:** abc1234");
    expect(first).toContain("**Machine:** 2 × Test CPU");
    expect(first).toContain("0.5 / 0.4 / 0.3 at start, 1.5 / 1.0 / 0.5 at end");
    expect(first).toContain("| 1 | 2 |");

    writeResults("http", "HTTP benchmark", run({ commit: "def5678", load: null }), "| 3 | 4 |", dir);
    const second = readFileSync(file, "utf8");
    expect(second).toContain("**Commit:** def5678");
    expect(second).not.toContain("abc1234");
    expect(second).not.toContain("| 1 | 2 |");
    expect(second).not.toContain("Load average");
  });

  it("names this checkout's commit and machine", () => {
    expect(currentCommit()).toMatch(/^[0-9a-f]{7,}( with uncommitted changes)?$/);
    expect(currentMachine()).toContain(process.version);
  });
});

describe("httpMarkdown", () => {
  const load = (p95: number, rps: number): Load => ({ mean: p95 - 20, p50: p95 - 30, p95, rps, requests: rps * 8, non2xx: 0, errors: 0, serverCpuMs: 7.5, machineCpuMs: 9.1 });
  const httpRun: HttpRun = {
    rows: 5000,
    connections: 20,
    seconds: 8,
    targetP95: 150,
    cores: 2,
    cpuBudgetMs: 15,
    results: [
      {
        backend: "pglite",
        importMs: 10630,
        rows: [
          { backend: "pglite", target: "page /invitations (q only)", ...load(538, 51), ok: false },
          { backend: "pglite", target: "API list (q + region + status)", ...load(121, 196), ok: true, reference: load(154, 189) },
        ],
      },
    ],
  };

  it("puts each target's figures beside the reference's, and the budget the target allows", () => {
    const md = httpMarkdown(httpRun);
    expect(md).toContain("| pglite | page /invitations (q only) | 518 / 508 / 538 (51) | no | 7.5 / 9.1 | — | — |");
    expect(md).toContain("| pglite | API list (q + region + status) | 101 / 91 / 121 (196) | **yes** | 7.5 / 9.1 | 134 / 124 / 154 (189) | 7.5 / 9.1 |");
    expect(md).toContain("at most **15 ms of machine CPU per request**");
    expect(md).toContain("pglite 10.6 s");
  });
});

describe("bench:vote's comparison with the recorded collab and HTTP runs", () => {
  const httpMd = "# HTTP benchmark\n\n- **Run:** 2026-12-05 08:59 UTC (start, to the minute), `npm run bench:http`\n- **Commit:** 6aa4ff6 with uncommitted changes\n";
  const collabMd = [
    "# Collab server benchmark",
    "",
    "- **Run:** 2026-12-05T08:10:47.519Z, 574 s, `npm run bench:collab`",
    "- **Commit:** 6aa4ff6",
    "- **Load average** (1 / 5 / 15 min): 0.7 / 0.6 / 0.3 at start, 2.5 / 2.0 / 1.1 at end",
    "",
    "| server | N | W × R | offered/s | delivered/s | p50 ms | p99 ms | server CPU | server RSS MB | harness CPU | closed |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    "| tawafuq | 50 | 50×2/s | 4900 | 4900 | 2.0 | 8.1 (8.1, 6.8, 32.0) | 20% | 630 | 13% | 0 |",
    "| tawafuq | 200 | 50×5/s | 49750 | 49759 | 2.2 | 8.8 (8.8, 6.6, 13.6) | 59% | 590 | 65% | 0 |",
    "| reference | 200 | 50×5/s | 49750 | 49740 | 2.6 | 12.7 (7.2, 12.7, 2043.0) | 85% | 94 | 69% | 0 |",
  ].join("\n");
  const load = { mean: 100, p50: 90, p95: 161, rps: 149, requests: 1192, non2xx: 0, errors: 0, serverCpuMs: 10.1, machineCpuMs: 10.8 };
  const httpRun: HttpRun = { rows: 5000, connections: 20, seconds: 8, targetP95: 150, cores: 2, cpuBudgetMs: 15, results: [{ backend: "postgresql", importMs: 1, rows: [{ backend: "postgresql", target: "API list (q only)", ...load, ok: false, reference: { ...load, p95: 99 } }] }] };

  it("dates each recorded run from its results file's header", () => {
    expect(runOf(httpMd)).toBe("2026-12-05 08:59 UTC, 6aa4ff6");
    expect(runOf(collabMd)).toBe("2026-12-05 08:10 UTC, 6aa4ff6, load 0.7");
    expect(runOf("# nothing")).toBe("undated");
  });

  it("puts the vote p95s in one table with HTTP's p95 and collab's p99 at N=200, each with its run", () => {
    const md = comparisonMarkdown(
      [{ bench: "bench:vote", run: "this run", what: "cast request", backend: "pglite", p50: 5122, p95: 5843, p99: 5890.4 }],
      { rows: [...httpRows(httpRun, httpMd), ...collabRows(collabMd)], missing: [] },
    );
    expect(md).toContain("| benchmark | run | what is timed | backend | p50 ms | p95 ms | p99 ms |");
    expect(md).toContain("| bench:vote | this run | cast request | pglite | 5122 | 5843 | 5890.4 |");
    expect(md).toContain("| bench:http | 2026-12-05 08:59 UTC, 6aa4ff6 | API list (q only), 20 clients | postgresql | 90 | 161 | — |");
    expect(md).toContain("| bench:collab | 2026-12-05 08:10 UTC, 6aa4ff6, load 0.7 | one edit reaching the other clients (send → receipt), N=200, 50×5/s | pglite | 2.2 | — | 8.8 |");
    expect(md).not.toContain("| 12.7 |"); // the reference server's row is not Tawafuq's figure
    expect(md).not.toContain("Not recorded yet");
    expect(comparisonMarkdown([], { rows: [], missing: ["bench:collab (none)"] })).toContain("Not recorded yet: bench:collab (none).");
  });

  it("reads the committed results files: both benchmarks have dated rows", () => {
    const { rows, missing } = recordedRows();
    expect(missing).toEqual([]);
    for (const bench of ["bench:http", "bench:collab"]) {
      const mine = rows.filter((r) => r.bench === bench);
      expect(mine.length, bench).toBeGreaterThan(0);
      for (const r of mine) expect(r.run).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, [0-9a-f]{7}/);
    }
  });

  it("times each ballot's result update from the first count that must include it", () => {
    // Answers at 10, 12, 30; counts heard: 2 at 15, 1 at 11 (out of order), 3 at 29.
    expect(resultUpdates([30, 10, 12], [{ at: 15, cast: 2 }, { at: 11, cast: 1 }, { at: 29, cast: 3 }])).toEqual([1, 3, -1]);
    // A ballot never heard counted.
    expect(resultUpdates([10, 12], [{ at: 11, cast: 1 }])).toEqual([1, NaN]);
  });
});
