// bench:mail's server: the real app (server/app.ts with the production Remix build, its mail worker on
// SMTP_URL) in its own process, which also queues the reminder mails itself, as a scheduled job would:
// `enqueue <count> <round>` on stdin queues them with enqueueMails, one statement per transaction of CHUNK
// with the reminder job's pauses between, wakes the worker after each commit, and prints each chunk's
// commit time and Message-IDs (`CHUNK {…}`), then `ENQUEUED {…}`.
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { loadConfig } from "../../server/config.js";
import { startServer } from "../../server/app.js";
import { enqueueMails } from "../../app/domain/mail/outbox.server.js";
import { REMINDER_CHUNK } from "../../app/domain/mail/reminders.server.js";
import { writeInChunks } from "../../app/domain/background-writes.server.js";

/** Mails per transaction: the reminder job's chunk (REMINDER_CHUNK), not one lock over all 5,000. */
const CHUNK = Number(process.env.MAIL_BENCH_CHUNK ?? REMINDER_CHUNK);
const now = () => performance.timeOrigin + performance.now();

const config = loadConfig();
const running = await startServer(config, { remix: existsSync("build/server/index.js") ? "build" : "none" });
const { prisma, sql, mail } = running.services;
process.stdout.write(`READY ${JSON.stringify({ port: running.port })}\n`);

const reminder = (i: number, round: string) => {
  const text = `السادة في القوة رقم ${i}،\n\nنذكّركم بأن موعد تأكيد المشاركة في المؤتمر بعد سبعة أيام. نرجو الرد قبل الموعد.\n\nمع التحية،\nمكتب التنسيق`;
  return {
    kind: "invitation.reminder",
    dedupeKey: `bench:${round}:${i}`,
    to: { address: `contact${i}@force${i}.example.org`, name: `مسؤول القوة ${i}` },
    locale: "ar" as const,
    subject: `تذكير: تأكيد المشاركة (${i})`,
    text,
    html: `<!doctype html><html lang="ar" dir="rtl"><body dir="rtl">${text.split("\n\n").map((p) => `<p>${p.replace(/\n/g, "<br>")}</p>`).join("")}</body></html>`,
  };
};

createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, count, round] = line.trim().split(" ");
  if (command === "stop") {
    void running.close().then(() => process.exit(0));
    return;
  }
  if (command !== "enqueue") return;
  (async () => {
    const startedAt = now();
    const n = Number(count);
    const mails = Array.from({ length: n }, (_, i) => reminder(i, round!));
    // In chunks with pauses, as the reminder job writes them (writeInChunks, ADR 0076).
    await writeInChunks(mails, CHUNK, async (chunk) => {
      // A loaded machine (pages, delivery) may slow a chunk past Prisma's 5 s default.
      const ids = await prisma.$transaction((tx) => enqueueMails(tx, chunk, mail.appUrl), { maxWait: 60_000, timeout: 120_000 });
      const committedAt = now();
      mail.wake?.();
      // Plain SQL: the bench's own bookkeeping should cost the pages as little as it can.
      const rows = (await sql.query(`SELECT "messageId" FROM "OutboxMail" WHERE id = ANY($1::text[])`, [ids])) as { messageId: string }[];
      process.stdout.write(`CHUNK ${JSON.stringify({ committedAt, messageIds: rows.map((r) => r.messageId) })}\n`);
    });
    process.stdout.write(`ENQUEUED ${JSON.stringify({ startedAt, endedAt: now() })}\n`);
  })().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});
