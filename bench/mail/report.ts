// bench:mail's results as Markdown (bench/results/mail.md): each delivery run beside the reference row
// (the throughput target, and request latency with no delivery running).

export interface HttpFigures {
  p50: number;
  p95: number;
  rps: number;
  requests: number;
  errors: number;
}

export interface DeliveryRun {
  backend: string;
  run: string;
  mails: number;
  /** Queue time: first transaction's start to the last one's commit, ms. */
  enqueueMs: number;
  /** First commit to the last mail accepted by the SMTP server, ms. */
  deliveryMs: number;
  mailsPerSecond: number;
  /** Enqueue (its transaction's commit) to accepted by the SMTP server, per mail, ms. */
  latency: { p50: number; p95: number; max: number };
  /** Message-IDs received more than once (must be 0). */
  duplicates: number;
  http?: HttpFigures;
}

/** A page load the delivery runs beside: a steady office's rate (req/s), or as fast as it answers (null). */
export interface PageLoad {
  name: string;
  rate: number | null;
}

export interface MailBench {
  mails: number;
  chunk: number;
  /** Delivery runs beside each page load. */
  rounds: number;
  target: number;
  connections: number;
  page: string;
  loads: PageLoad[];
  /** The page under each load with no delivery running, per backend: the latency to compare against. */
  idle: { backend: string; load: string; http: HttpFigures }[];
  runs: DeliveryRun[];
  /** The page's answers during all of a load's delivery runs together (when there are several). */
  pooled: { backend: string; load: string; rounds: number; http: HttpFigures }[];
}

const s = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const http = (h?: HttpFigures) => (h ? `${h.p50} / ${h.p95} (${h.rps})` : "—");

export function mailMarkdown(b: MailBench): string {
  const loads = b.loads.map((l) => `${l.name}: ${l.rate ? `${l.rate} req/s` : "as fast as it answers"}`).join("; ");
  const lines = [
    `${b.mails.toLocaleString("en")} reminder mails to synthetic forces' contacts, queued with \`enqueueMails\` (one statement per transaction of ${b.chunk}, with the reminder job's pauses between: half the time to others) by the server process, ` +
      `delivered by its mail worker (5 pooled SMTP connections) to a local \`smtp-server\` that accepts at once. ` +
      `HTTP: \`GET ${b.page}\` signed in as the demo organizer, ${b.connections} connections (autocannon), under two loads (${loads}). Target: **≥ ${b.target} mails/s**, and request latency as with no delivery.`,
    "",
    `With a page load, delivery runs ${b.rounds} times; the pooled row takes the page's answers during all of them, against a reference ${b.rounds} times as long.`,
    "",
    "Enqueue: first transaction's start to last commit. Mails/s: from the first commit to the last mail accepted. Enqueue→delivered: each mail's commit to its acceptance by the SMTP server, seconds. HTTP: p50 / p95 ms (req/s).",
    "",
    `| backend | run | mails | enqueue (s) | mails/s | ≥ ${b.target} | enqueue→delivered p50 / p95 / max (s) | duplicates | HTTP p50 / p95 (req/s) |`,
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const backend of [...new Set(b.idle.map((i) => i.backend))]) {
    for (const i of b.idle.filter((i) => i.backend === backend)) lines.push(`| ${backend} | reference: target; ${i.load}, no delivery | — | — | ${b.target} | — | — | — | ${http(i.http)} |`);
    for (const r of b.runs.filter((r) => r.backend === backend)) {
      lines.push(
        `| ${backend} | ${r.run} | ${r.mails} | ${s(r.enqueueMs)} | ${Math.round(r.mailsPerSecond)} | ${r.mailsPerSecond >= b.target ? "**yes**" : "no"} | ${s(r.latency.p50)} / ${s(r.latency.p95)} / ${s(r.latency.max)} | ${r.duplicates} | ${http(r.http)} |`,
      );
      const pooled = b.pooled.find((p) => p.backend === backend && r.run.startsWith(`delivery + ${p.load} (${p.rounds} of`));
      if (pooled) lines.push(`| ${backend} | delivery + ${pooled.load}, ${pooled.rounds} runs pooled | — | — | — | — | — | — | **${http(pooled.http)}** |`);
    }
  }
  return lines.join("\n") + "\n";
}
