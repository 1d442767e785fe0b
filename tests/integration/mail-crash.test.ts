// A crash in the middle of a delivery run (issue 18, ADR 0049): the production server (`npm run serve`'s
// entry, embedded PGlite) delivers 500 queued mails to a slow SMTP server and is killed with SIGKILL
// halfway; restarted on the same data folder, it delivers the rest. Nothing is lost; a mail arrives twice
// only if it was SENDING when the process died (accepted by the SMTP server, not yet marked SENT), and
// then with the same Message-ID, by which mail clients show it once.
import { describe, it, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../server/db/client.js";
import { mailLinkKey } from "../../server/mail/keys.js";
import { startTestServer } from "../helpers/server.js";
import { startSmtpSink } from "../helpers/smtp-sink.js";
import { enqueueMail, LINK_MARK } from "~/domain/mail/outbox.server";

const MAILS = 500;
const SECRET = "mail-crash-test-secret-0123456789abcdef";

describe("kill -9 in the middle of a delivery run", () => {
  it("loses no mail and repeats only those in flight", { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "tawafuq-mail-crash-"));
    // A slow receiver: 5 ms per message, so the kill lands mid-run.
    const smtp = await startSmtpSink({ delayMs: 5 });
    // No demo seed: the run is about the outbox alone.
    const env = { SMTP_URL: smtp.url(), SESSION_SECRET: SECRET, MAIL_POLL_MS: "200", APP_URL: "https://tawafuq.test", SEED_DEMO: "0" };
    try {
      // Queued before the server starts, as a previous run would have left them.
      const db = await openDatabase({ dataDir: join(dataDir, "db") });
      const key = mailLinkKey(SECRET);
      const links = new Map<string, string>();
      await db.prisma.$transaction(async (tx) => {
        for (let i = 0; i < MAILS; i++) {
          const url = i % 10 === 0 ? `https://tawafuq.test/join?token=t${i}` : null;
          const text = url ? `رابط الدخول: ${LINK_MARK}` : `تذكير رقم ${i}`;
          const id = await enqueueMail(tx, { kind: "reminder", to: { address: `force${i}@example.org`, name: `قوة ${i}` }, locale: "ar", subject: `تذكير ${i}`, text, html: `<p dir="rtl">${text}</p>`, link: url ? { url, key } : null }, env.APP_URL);
          if (url) links.set(id!, url);
        }
      }, { timeout: 120_000 });
      const queued = new Map((await db.prisma.outboxMail.findMany({ select: { id: true, messageId: true } })).map((r) => [r.messageId, r.id]));
      await db.close();
      expect(queued.size).toBe(MAILS);

      const first = await startTestServer({ dataDir, env });
      await smtp.waitFor(MAILS / 5, 120_000);
      await first.kill();
      const receivedAtKill = smtp.received.length;

      // The data folder as the killed process left it (its lock is stale and taken over).
      const after = await openDatabase({ dataDir: join(dataDir, "db") });
      const states = await after.prisma.outboxMail.groupBy({ by: ["state"], _count: true });
      const inFlight = new Set((await after.prisma.outboxMail.findMany({ where: { state: "SENDING" }, select: { messageId: true } })).map((r) => r.messageId));
      const sentAtKill = await after.prisma.outboxMail.count({ where: { state: "SENT" } });
      await after.close();
      console.log(`at the kill: ${receivedAtKill} received, states ${JSON.stringify(states.map((s) => [s.state, s._count]))}`);
      // Mid-run: some delivered, some not.
      expect(sentAtKill).toBeGreaterThan(0);
      expect(sentAtKill).toBeLessThan(MAILS);
      // Every mail marked SENT was received: a commit is not lost by the kill.
      expect(receivedAtKill + inFlight.size).toBeGreaterThanOrEqual(sentAtKill);

      const second = await startTestServer({ dataDir, env });
      try {
        const deadline = Date.now() + 120_000;
        while (new Set(smtp.received.map((r) => r.messageId)).size < MAILS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      } finally {
        expect(await second.stop()).toBe(0);
      }

      const received = new Set(smtp.received.map((r) => r.messageId));
      expect([...received].sort()).toEqual([...queued.keys()].sort());
      const duplicates = smtp.duplicates();
      console.log(`${inFlight.size} in flight at the kill, ${duplicates.size} received twice: ${[...duplicates.keys()].join(" ")}`);
      for (const [messageId, times] of duplicates) {
        expect(inFlight.has(messageId), `${messageId} arrived ${times} times but was not in flight`).toBe(true);
        expect(times).toBe(2);
      }
      expect(duplicates.size).toBeLessThanOrEqual(inFlight.size);

      const final = await openDatabase({ dataDir: join(dataDir, "db") });
      try {
        expect(await final.prisma.outboxMail.count({ where: { state: "SENT", sealedLink: null } })).toBe(MAILS);
      } finally {
        await final.close();
      }
      // The links went out with the mails that named them.
      for (const r of smtp.received) {
        const url = links.get(queued.get(r.messageId)!);
        if (url) expect((await smtp.parse(r)).text).toContain(url);
      }
    } finally {
      await smtp.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
