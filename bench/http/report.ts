// bench:http's results as Markdown (bench/results/http.md): every target beside the data-layer reference.
export interface Load {
  mean: number;
  p50: number;
  p95: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU per request, ms: the server's process, and every process on the machine (autocannon and PostgreSQL included). */
  serverCpuMs: number | null;
  machineCpuMs: number;
}

export type Row = Load & { backend: string; target: string; ok: boolean; reference?: Load };

/** What a run writes to bench/results/http.json, and what the Markdown is made from. */
export interface HttpRun {
  rows: number;
  connections: number;
  seconds: number;
  targetP95: number;
  cores: number;
  cpuBudgetMs: number;
  /** startMs: spawn of the production server to its first /healthz 200, on a fresh data folder (absent in runs before 2026-12-06). */
  results: { backend: string; startMs?: number; importMs: number; rows: Row[] }[];
}

const latency = (l: Load) => `${l.mean} / ${l.p50} / ${l.p95} (${l.rps})`;
const cpu = (l: Load) => `${l.serverCpuMs ?? "—"} / ${l.machineCpuMs}`;

export function httpMarkdown(run: HttpRun): string {
  const lines = [
    `${run.rows.toLocaleString("en")} forces and invitations, ${run.connections} concurrent clients, ${run.seconds} s per target, ${run.cores} cores. ` +
      `Target: p95 ≤ ${run.targetP95} ms, which at ${run.connections} clients allows at most **${run.cpuBudgetMs} ms of machine CPU per request**.`,
    "",
    `Latency: mean / p50 / p95 ms (req/s). CPU: ms per request, server process / whole machine. Reference: the same list query behind bare \`node:http\`.`,
    "",
    `| backend | target | latency | p95 ≤ ${run.targetP95} | CPU | reference latency | reference CPU |`,
    "|---|---|---|---|---|---|---|",
  ];
  for (const backend of run.results) {
    for (const row of backend.rows) {
      const failed = row.non2xx || row.errors ? ` (non-2xx ${row.non2xx}, errors ${row.errors})` : "";
      const ref = row.reference;
      lines.push(
        `| ${row.backend} | ${row.target} | ${latency(row)} | ${row.ok ? "**yes**" : "no"}${failed} | ${cpu(row)} | ${ref ? latency(ref) : "—"} | ${ref ? cpu(ref) : "—"} |`,
      );
    }
  }
  if (run.results.some((r) => r.startMs !== undefined)) {
    lines.push("", `Start (spawn → first /healthz 200, fresh data folder, migrations and demo seed included): ${run.results.map((r) => `${r.backend} ${r.startMs ?? "—"} ms`).join(", ")}.`);
  }
  lines.push("", `Import of the ${run.rows.toLocaleString("en")} rows: ${run.results.map((r) => `${r.backend} ${(r.importMs / 1000).toFixed(1)} s`).join(", ")}.`);
  lines.push("Every figure of this run, per request count and error: [http.json](http.json).");
  return lines.join("\n");
}
