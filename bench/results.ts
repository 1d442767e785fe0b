// Where a benchmark run leaves its figures: bench/results/<name>.md, overwritten by every run, under a
// header that says when, at which commit and on what machine, so a figure is never read without them.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, release } from "node:os";
import { join } from "node:path";

export const RESULTS_DIR = "bench/results";

export interface RunInfo {
  /** What was run, e.g. `npm run bench:http`, with any BENCH_* settings that change what it measures. */
  command: string;
  startedAt: Date;
  seconds: number;
  commit: string;
  machine: string;
  /** Load averages (1, 5, 15 min) at start and end: the machine is shared, so they say how quiet it was. */
  load: { start: number[]; end: number[] } | null;
}

function git(...args: string[]): string {
  return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
}

/** The short commit, marked when tracked files differ from it (the figures are then of code no commit has). */
export function currentCommit(): string {
  try {
    const sha = git("rev-parse", "--short", "HEAD");
    return git("status", "--porcelain", "--untracked-files=no") ? `${sha} with uncommitted changes` : sha;
  } catch {
    return "unknown (not a git checkout)";
  }
}

export function currentMachine(): string {
  const cores = cpus();
  return `${cores.length} × ${cores[0]?.model.trim() ?? "unknown CPU"}, ${process.platform} ${release()}, Node ${process.version}`;
}

const loads = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(" / ");

export function renderResults(title: string, run: RunInfo, body: string): string {
  const lines = [
    `# ${title}`,
    "",
    `<!-- Written by \`${run.command}\`; the next run overwrites it. What the figures mean: bench/README.md. -->`,
    "",
    `- **Run:** ${run.startedAt.toISOString()}, ${Math.round(run.seconds)} s, \`${run.command}\``,
    `- **Commit:** ${run.commit}`,
    `- **Machine:** ${run.machine}`,
  ];
  if (run.load) lines.push(`- **Load average** (1 / 5 / 15 min): ${loads(run.load.start)} at start, ${loads(run.load.end)} at end`);
  lines.push("", "How to read these figures: [bench/README.md](../README.md).", "", body.trimEnd(), "");
  return lines.join("\n");
}

/** Writes (or overwrites) `<dir>/<name>.md` and returns its path. */
export function writeResults(name: string, title: string, run: RunInfo, body: string, dir = RESULTS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.md`);
  writeFileSync(file, renderResults(title, run, body));
  return file;
}
