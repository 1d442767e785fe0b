// bench:mail's table (bench/results/mail.md): each delivery run beside the reference row of its backend.
import { describe, it, expect } from "vitest";
import { mailMarkdown, type MailBench } from "../../bench/mail/report.js";

describe("mailMarkdown", () => {
  const bench: MailBench = {
    mails: 5000,
    chunk: 100,
    rounds: 2,
    target: 200,
    connections: 5,
    page: "/invitations",
    loads: [
      { name: "office load", rate: 20 },
      { name: "full load", rate: null },
    ],
    idle: [
      { backend: "pglite", load: "office load", http: { p50: 30, p95: 60, rps: 20, requests: 400, errors: 0 } },
      { backend: "pglite", load: "full load", http: { p50: 40, p95: 90, rps: 110, requests: 880, errors: 0 } },
    ],
    runs: [
      { backend: "pglite", run: "delivery alone", mails: 5000, enqueueMs: 9_400, deliveryMs: 20_000, mailsPerSecond: 250, latency: { p50: 8_200, p95: 15_300, max: 19_990 }, duplicates: 0 },
      { backend: "pglite", run: "delivery + full load (1 of 2)", mails: 5000, enqueueMs: 12_100, deliveryMs: 31_250, mailsPerSecond: 160, latency: { p50: 950, p95: 1_500, max: 2_000 }, duplicates: 0, http: { p50: 55, p95: 140, rps: 80, requests: 2400, errors: 0 } },
      { backend: "pglite", run: "delivery + full load (2 of 2)", mails: 5000, enqueueMs: 11_000, deliveryMs: 25_000, mailsPerSecond: 200, latency: { p50: 900, p95: 1_400, max: 1_900 }, duplicates: 1, http: { p50: 50, p95: 100, rps: 82, requests: 2000, errors: 0 } },
    ],
    pooled: [{ backend: "pglite", load: "full load", rounds: 2, http: { p50: 52, p95: 120, rps: 81, requests: 4400, errors: 0 } }],
  };

  it("puts the target and idle latency first, then each run with its verdict", () => {
    const md = mailMarkdown(bench);
    const rows = md.split("\n").filter((l) => l.startsWith("| pglite"));
    expect(rows).toEqual([
      "| pglite | reference: target; office load, no delivery | — | — | 200 | — | — | — | 30 / 60 (20) |",
      "| pglite | reference: target; full load, no delivery | — | — | 200 | — | — | — | 40 / 90 (110) |",
      "| pglite | delivery alone | 5000 | 9.40 | 250 | **yes** | 8.20 / 15.3 / 20.0 | 0 | — |",
      "| pglite | delivery + full load (1 of 2) | 5000 | 12.1 | 160 | no | 0.95 / 1.50 / 2.00 | 0 | 55 / 140 (80) |",
      "| pglite | delivery + full load (2 of 2) | 5000 | 11.0 | 200 | **yes** | 0.90 / 1.40 / 1.90 | 1 | 50 / 100 (82) |",
      "| pglite | delivery + full load, 2 runs pooled | — | — | — | — | — | — | **52 / 120 (81)** |",
    ]);
    expect(md).toContain("delivery runs 2 times");
    expect(md).toContain("**≥ 200 mails/s**");
    expect(md).toContain("office load: 20 req/s; full load: as fast as it answers");
  });
});
