// bench:vote's comparison table (issue 20: "report p95 of the vote request and of the result update beside
// the collab and HTTP benchmarks"): this run's vote figures in one table with the latest recorded runs of
// bench:http (results/http.json, dated by results/http.md) and bench:collab (results/collab.md), each row
// with the date and commit of the run it comes from, since those runs are not repeated here. And how a
// ballot's result update is timed. Pure apart from reading the files, so tests/unit/bench-results.test.ts
// checks it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { HttpRun } from "../http/report.js";
import { RESULTS_DIR } from "../results.js";

export interface CompareRow {
  bench: string;
  /** "this run", or the recorded run's date, commit and load. */
  run: string;
  what: string;
  backend: string;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** The date (to the minute, UTC), commit and starting 1-minute load of a results file's header. */
export function runOf(md: string): string {
  const date = /\*\*Run:\*\* (\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(md);
  const commit = /\*\*Commit:\*\* (\S+)/.exec(md);
  const load = /\*\*Load average\*\*[^:]*: ([\d.]+)/.exec(md);
  return [date ? `${date[1]} ${date[2]} UTC` : "undated", commit ? commit[1] : null, load ? `load ${load[1]}` : null].filter(Boolean).join(", ");
}

/** Every target of the recorded bench:http run (Tawafuq's server, not the data-layer reference). */
export function httpRows(run: HttpRun, md: string): CompareRow[] {
  const when = runOf(md);
  return run.results.flatMap((r) =>
    r.rows.map((row) => ({ bench: "bench:http", run: when, what: `${row.target}, ${run.connections} clients`, backend: r.backend, p50: row.p50, p95: row.p95, p99: null })),
  );
}

/** Tawafuq's fan-out rows at N = 200 (issue 3's p99 target) of the recorded bench:collab run: it records p50 and p99, no p95. */
export function collabRows(md: string): CompareRow[] {
  const when = runOf(md);
  return md
    .split("\n")
    .filter((l) => /^\| tawafuq \| 200 \|/.test(l))
    .map((l) => {
      const c = l.split("|").map((s) => s.trim());
      return { bench: "bench:collab", run: when, what: `one edit reaching the other clients (send → receipt), N=200, ${c[3]}`, backend: "pglite", p50: Number(c[6]), p95: null, p99: parseFloat(c[7]!) };
    });
}

/** The latest recorded rows of the other two benchmarks, and a note for each that has none. */
export function recordedRows(dir = RESULTS_DIR): { rows: CompareRow[]; missing: string[] } {
  const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), "utf8") : null);
  const rows: CompareRow[] = [];
  const missing: string[] = [];
  const httpJson = read("http.json");
  const httpMd = read("http.md");
  if (httpJson && httpMd) rows.push(...httpRows(JSON.parse(httpJson) as HttpRun, httpMd));
  else missing.push("bench:http (no results/http.json and http.md)");
  const collab = read("collab.md");
  const collabFound = collab ? collabRows(collab) : [];
  if (collabFound.length) rows.push(...collabFound);
  else missing.push("bench:collab (no fan-out rows at N=200 in results/collab.md)");
  return { rows, missing };
}

/**
 * The result update of each accepted ballot, in ms. Counts are announced in batches, and which ballot a
 * count includes is not said, but by the k-th answer (in answer order) at least k ballots had committed:
 * the k-th answered ballot's update is the first moment the chair heard a count ≥ k, minus that answer's
 * time. Negative when the chair heard it before the voter had the answer. NaN when never heard.
 */
export function resultUpdates(answers: number[], heard: { at: number; cast: number }[]): number[] {
  const sortedAnswers = [...answers].sort((a, b) => a - b);
  const firstAt: number[] = []; // firstAt[k - 1]: when a count ≥ k was first heard
  let max = 0;
  for (const e of [...heard].sort((a, b) => a.at - b.at)) for (; max < e.cast; max++) firstAt[max] = e.at;
  return sortedAnswers.map((t, k) => (k < max ? firstAt[k]! - t : NaN));
}

const ms = (x: number | null) => (x === null || Number.isNaN(x) ? "—" : String(Math.round(x * 10) / 10));

export function comparisonMarkdown(vote: CompareRow[], recorded: { rows: CompareRow[]; missing: string[] }): string {
  const lines = [
    "## Beside the collab and HTTP benchmarks",
    "",
    "This run's vote figures with the latest recorded runs of the other two (read from their results files, not run again: each row names its run). " +
      "bench:http records p50 and p95; bench:collab records p50 and p99 only, so its p95 column is empty (its p99 bounds it from above). " +
      "Different loads on different runs of a shared 2-core machine: compare orders of magnitude, not single milliseconds.",
    "",
    "| benchmark | run | what is timed | backend | p50 ms | p95 ms | p99 ms |",
    "|---|---|---|---|---|---|---|",
    ...[...vote, ...recorded.rows].map((r) => `| ${r.bench} | ${r.run} | ${r.what} | ${r.backend} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`),
  ];
  if (recorded.missing.length) lines.push("", `Not recorded yet: ${recorded.missing.join("; ")}.`);
  return lines.join("\n");
}
