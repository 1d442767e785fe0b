// The benchmarks' results writer: a run overwrites bench/results/<name>.md with its conditions on top.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { httpMarkdown, type HttpRun, type Load } from "../../bench/http/report.js";
import { currentCommit, currentMachine, writeResults, type RunInfo } from "../../bench/results.js";

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
