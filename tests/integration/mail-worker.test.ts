// The outbox's delivery (ADR 0049) through a real SMTP server on 127.0.0.1, on PGlite and PostgreSQL:
// what arrives (headers, RTL body, attachment, the sign-in link), retries and their backoff, permanent
// refusals, no credentials in errors, KEPT without SMTP, leases, a graceful stop, the organizers' resend,
// and two workers on one PostgreSQL delivering each mail exactly once.
import { describe, it, expect, beforeAll, afterAll, afterEach } from "vitest";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { PrismaClient } from "@prisma/client";
import { backends, createPgDatabase, freshDb, type TestDb } from "../helpers/db.js";
import { pipelineFixture, type PipelineFixture } from "../helpers/pipeline.js";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink.js";
import { openDatabase } from "../../server/db/client.js";
import { loadConfig, mailRate } from "../../server/config.js";
import { MAX_ATTEMPTS, pacer, startMailWorker, type MailWorker, type MailWorkerOptions } from "../../server/mail/worker.js";
import { secretsOf, smtpTransport } from "../../server/mail/transport.js";
import { enqueueMail, enqueueMails, LINK_MARK, withLink, type MailContext, type NewMail } from "~/domain/mail/outbox.server";
import { htmlOf } from "~/domain/mail/templates.server";
import { resendMail } from "~/domain/mail/commands.server";

const log = pino({ level: "silent" });
const FROM = "Tawafuq <no-reply@tawafuq.test>";
const ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:مؤتمر\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

let seq = 0;
const mailTo = (over: Partial<NewMail> = {}): NewMail => {
  const n = ++seq;
  const text = `مرحباً أحمد،\n\nالمؤتمر رقم ${n}.`;
  return {
    kind: "test",
    to: { address: `person${n}@example.org`, name: "أحمد الخليل" },
    locale: "ar",
    subject: `دعوة إلى المؤتمر ${n}`,
    text,
    html: htmlOf(text, "ar", `دعوة ${n}`),
    ...over,
  };
};

describe.each(backends)("mail worker on %s", (backend) => {
  let db: TestDb;
  let fx: PipelineFixture;
  let ctx: MailContext;
  const workers: MailWorker[] = [];
  const sinks: SmtpSink[] = [];

  const sink = async (opts: Parameters<typeof startSmtpSink>[0] = {}) => {
    const s = await startSmtpSink(opts);
    sinks.push(s);
    return s;
  };
  const worker = (smtpUrl: string | null, over: Partial<MailWorkerOptions> = {}) => {
    const w = startMailWorker({ sql: db.sql, mail: ctx, transport: smtpUrl ? smtpTransport(smtpUrl, FROM) : null, secrets: secretsOf(smtpUrl ?? undefined), log, pollMs: 60_000, autoStart: false, ...over });
    workers.push(w);
    return w;
  };
  const enqueue = async (mail: NewMail) => (await enqueueMail(db.prisma, { conferenceId: fx.conferenceId, ...mail }, "https://tawafuq.test"))!;
  const row = (id: string) => db.prisma.outboxMail.findUniqueOrThrow({ where: { id } });
  // Nothing else due, so each test's runOnce sees its own mails only.
  const settle = () => db.prisma.outboxMail.updateMany({ where: { state: { in: ["QUEUED", "SENDING"] } }, data: { state: "KEPT" } });

  beforeAll(async () => {
    db = await freshDb(backend);
    fx = await pipelineFixture(db.prisma);
    ctx = { appUrl: "https://tawafuq.test", linkKey: randomBytes(32) };
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    for (const s of sinks.splice(0)) await s.close();
    await settle();
  });
  afterAll(async () => db?.destroy());

  it("queues with one statement what the ORM reads back: every column, nulls, JSON, UTC times, the dedupe key", async () => {
    const notBefore = new Date(Date.now() + 3_600_000);
    const key = `once:${randomBytes(4).toString("hex")}`;
    const before = Date.now();
    const [a, b] = await enqueueMails(db.prisma, [
      mailTo({ conferenceId: fx.conferenceId, kind: "invitation.reminder", dedupeKey: key, to: { address: "  Contact@Example.ORG ", name: " هيفاء " }, subject: "سطر\r\nثانٍ", notBefore, about: { type: "Invitation", id: "inv1" }, createdById: fx.organizer.id, attachments: [{ filename: "دعوة.ics", contentType: "text/calendar", content: ICS }] }),
      mailTo({ locale: "ku", to: { address: "b@example.org" } }),
    ], "https://tawafuq.test");
    const first = await row(a!);
    expect(first).toMatchObject({ conferenceId: fx.conferenceId, kind: "invitation.reminder", toAddress: "contact@example.org", toName: "هيفاء", locale: "ar", subject: "سطر ثانٍ", state: "QUEUED", attempts: 0, subjectType: "Invitation", subjectId: "inv1", createdById: fx.organizer.id, sealedLink: null, userId: null });
    expect(first.messageId).toBe(`<${a}@tawafuq.test>`);
    expect(first.attachments).toEqual([{ filename: "دعوة.ics", contentType: "text/calendar", content: ICS }]);
    expect(first.nextAttemptAt.getTime()).toBe(notBefore.getTime());
    expect(Math.abs(first.createdAt.getTime() - before)).toBeLessThan(60_000);
    const second = await row(b!);
    expect(second).toMatchObject({ locale: "ku", toName: null, conferenceId: null, dedupeKey: null, attachments: null, subjectType: null });
    expect(Math.abs(second.nextAttemptAt.getTime() - before)).toBeLessThan(60_000);
    // The same cause again: nothing queued, in a batch or alone.
    expect(await enqueueMails(db.prisma, [mailTo({ dedupeKey: key }), mailTo()])).toHaveLength(1);
    expect(await enqueueMail(db.prisma, mailTo({ dedupeKey: key }))).toBeNull();
  });

  it("delivers a mail as written: From, To with name, Arabic subject, Message-ID, language, RTL HTML, attachment, the link", async () => {
    const smtp = await sink();
    const url = "https://tawafuq.test/join?token=abc&next=/invitations";
    const text = `أهلاً بكم.\n\nرابط الدخول: ${LINK_MARK}\n\nمع التحية.`;
    const id = await enqueue(
      mailTo({ text, html: htmlOf(text, "ar", "دعوة"), subject: "دعوة إلى مؤتمر الحوار", attachments: [{ filename: "invitation.ics", contentType: "text/calendar", content: ICS }], link: { url, key: ctx.linkKey } }),
    );
    const before = await row(id);
    expect(before.sealedLink).toBeTruthy();
    expect(before.text).not.toContain("token=abc");

    expect(await worker(smtp.url()).runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
    const got = await smtp.parse(smtp.received[0]!);
    expect(got.from?.value[0]).toMatchObject({ address: "no-reply@tawafuq.test", name: "Tawafuq" });
    expect(got.to && !Array.isArray(got.to) ? got.to.value[0] : null).toMatchObject({ address: before.toAddress, name: "أحمد الخليل" });
    expect(got.subject).toBe("دعوة إلى مؤتمر الحوار");
    expect(got.messageId).toBe(before.messageId);
    expect(got.messageId).toMatch(/^<[^@]+@tawafuq\.test>$/);
    expect(got.headers.get("content-language")).toBe("ar");
    expect(got.html).toContain('dir="rtl"');
    expect(got.html).toContain("أهلاً بكم");
    // The link, put back: plain in the text, escaped in the HTML, in the href as in the words.
    expect(got.text).toContain(url);
    expect(got.html).toContain(`href="https://tawafuq.test/join?token=abc&amp;next=/invitations"`);
    expect(got.html).not.toContain(LINK_MARK);
    expect(got.attachments).toHaveLength(1);
    expect(got.attachments[0]).toMatchObject({ filename: "invitation.ics", contentType: "text/calendar" });
    expect(got.attachments[0]!.content.toString("utf8")).toContain("SUMMARY:مؤتمر");

    const after = await row(id);
    expect(after).toMatchObject({ state: "SENT", sealedLink: null, lastError: null, leaseUntil: null, attempts: 1 });
    expect(after.sentAt).toBeInstanceOf(Date);
    // The stored copy keeps no working link.
    expect(withLink(after.text, after.sealedLink, after.id, ctx.linkKey, "(gone)")).toContain("(gone)");
  });

  it("retries after a 4xx with backoff, then delivers once", async () => {
    const refused = new Set<string>();
    const smtp = await sink({
      refuse: (m) => (refused.has(m.messageId) ? null : (refused.add(m.messageId), { code: 451, message: "Greylisted, try again later" })),
    });
    const w = worker(smtp.url());
    const id = await enqueue(mailTo());
    const t0 = Date.now();
    expect(await w.runOnce()).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    const waiting = await row(id);
    expect(waiting).toMatchObject({ state: "QUEUED", attempts: 1, leaseUntil: null });
    expect(waiting.lastError).toMatch(/451.*Greylisted/);
    const wait = waiting.nextAttemptAt.getTime() - t0;
    expect(wait).toBeGreaterThan(25_000);
    expect(wait).toBeLessThan(40_000);
    // Not due yet: nothing claimed.
    expect((await w.runOnce()).claimed).toBe(0);
    await db.prisma.outboxMail.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    expect(await w.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(id)).toMatchObject({ state: "SENT", attempts: 2, lastError: null });
    expect(smtp.received.map((r) => r.messageId)).toEqual([waiting.messageId]);
  });

  it("a 5xx refusal fails the mail for good; so does the last attempt's 4xx", async () => {
    const smtp = await sink({
      refuse: (m) => (m.to[0]!.startsWith("nobody") ? { code: 550, message: "No such user here" } : { code: 421, message: "Busy" }),
    });
    const w = worker(smtp.url());
    const refused = await enqueue(mailTo({ to: { address: "nobody@example.org" } }));
    expect(await w.runOnce()).toMatchObject({ claimed: 1, failed: 1 });
    const r = await row(refused);
    expect(r).toMatchObject({ state: "FAILED", attempts: 1 });
    expect(r.lastError).toMatch(/550.*No such user/);

    const last = await enqueue(mailTo());
    await db.prisma.outboxMail.update({ where: { id: last }, data: { attempts: MAX_ATTEMPTS - 1 } });
    expect(await w.runOnce()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await row(last)).toMatchObject({ state: "FAILED", attempts: MAX_ATTEMPTS });
    expect(smtp.received).toHaveLength(0);
  });

  it("a refused SMTP sign-in is retried, not failed, and its error keeps no credentials", async () => {
    const password = "s3cret-Pa55word";
    const smtp = await sink({ auth: (user, pass) => new Error(`Authentication failed for ${user} with ${pass}`) });
    const w = worker(smtp.url({ user: "mailer", pass: password }));
    const id = await enqueue(mailTo());
    expect(await w.runOnce()).toMatchObject({ retried: 1 });
    const r = await row(id);
    expect(r.state).toBe("QUEUED");
    expect(r.lastError).toMatch(/EAUTH.*535/);
    expect(r.lastError).not.toContain(password);
    expect(r.lastError).not.toContain("mailer");
    expect(r.lastError).not.toContain(Buffer.from(password).toString("base64"));
    expect(r.lastError!.length).toBeLessThanOrEqual(500);
  });

  it("a mail that names a sign-in link it no longer has fails instead of going out with a dead link", async () => {
    const smtp = await sink();
    const text = `الرابط: ${LINK_MARK}`;
    const id = await enqueue(mailTo({ text, html: htmlOf(text, "ar", "x"), link: { url: "https://tawafuq.test/x", key: randomBytes(32) } }));
    // Sealed under another key (the session secret changed): it no longer opens.
    expect(await worker(smtp.url()).runOnce()).toMatchObject({ failed: 1 });
    expect((await row(id)).lastError).toMatch(/sign-in link/);
    expect(smtp.received).toHaveLength(0);
  });

  it("without SMTP, due mail is KEPT with its link, readable in the app; later mail waits for its time", async () => {
    const url = "https://tawafuq.test/join?token=kept";
    const text = `ادخل من هنا: ${LINK_MARK}`;
    const id = await enqueue(mailTo({ text, html: htmlOf(text, "ar", "x"), link: { url, key: ctx.linkKey } }));
    const later = await enqueue(mailTo({ notBefore: new Date(Date.now() + 3_600_000) }));
    expect(await worker(null).runOnce()).toMatchObject({ claimed: 1, kept: 1 });
    const kept = await row(id);
    expect(kept).toMatchObject({ state: "KEPT", attempts: 0 });
    expect(withLink(kept.text, kept.sealedLink, kept.id, ctx.linkKey, "(gone)")).toBe(`ادخل من هنا: ${url}`);
    expect((await row(later)).state).toBe("QUEUED");
  });

  it("a lease that ran out is taken over; a live one is left alone", async () => {
    const smtp = await sink();
    const dead = await enqueue(mailTo());
    const held = await enqueue(mailTo());
    await db.prisma.outboxMail.update({ where: { id: dead }, data: { state: "SENDING", attempts: 1, leaseUntil: new Date(Date.now() - 1000) } });
    await db.prisma.outboxMail.update({ where: { id: held }, data: { state: "SENDING", attempts: 1, leaseUntil: new Date(Date.now() + 60_000) } });
    expect(await worker(smtp.url()).runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(dead)).toMatchObject({ state: "SENT", attempts: 2 });
    expect((await row(held)).state).toBe("SENDING");
    expect(smtp.received.map((r) => r.messageId)).toEqual([(await row(dead)).messageId]);
  });

  it("stops gracefully: mails in flight finish, the rest are queued again as they were", async () => {
    const smtp = await sink({ delayMs: 150 });
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push(await enqueue(mailTo()));
    const w = worker(smtp.url(), { batch: 12, concurrency: 2 });
    const round = w.runOnce();
    await smtp.waitFor(1, 10_000);
    await w.stop();
    const r = await round;
    const rows = await db.prisma.outboxMail.findMany({ where: { id: { in: ids } } });
    const sent = rows.filter((x) => x.state === "SENT");
    expect(r.sent).toBe(sent.length);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.length).toBeLessThan(12);
    expect(smtp.received).toHaveLength(sent.length);
    expect(r.released).toBe(12 - sent.length);
    for (const x of rows.filter((x) => x.state !== "SENT")) expect(x).toMatchObject({ state: "QUEUED", attempts: 0, leaseUntil: null });
  });

  it("MAIL_RATE paces delivery evenly: 12 mails at 20/s, 2 saved-up slots, take at least half a second", async () => {
    const smtp = await sink();
    for (let i = 0; i < 12; i++) await enqueue(mailTo());
    const w = worker(smtp.url(), { rate: 20, concurrency: 2 });
    const t0 = Date.now();
    expect(await w.runOnce()).toMatchObject({ claimed: 10, sent: 10 });
    expect(await w.runOnce()).toMatchObject({ claimed: 2, sent: 2 });
    // The first 2 at once, then one every 50 ms: the 12th starts 500 ms after the first.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(480);
    expect(smtp.received).toHaveLength(12);
  });

  it("the server's loop delivers on its own and at once when kicked", async () => {
    const smtp = await sink();
    const w = worker(smtp.url(), { autoStart: true, pollMs: 60_000 });
    await new Promise((r) => setTimeout(r, 200)); // the loop's first look: nothing due, it sleeps a minute
    await enqueue(mailTo());
    const t0 = Date.now();
    w.kick();
    await smtp.waitFor(1, 10_000);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  describe("resend", () => {
    const meta = () => ({ ip: "127.0.0.9", mail: ctx });
    const finished = async (state: "FAILED" | "SENT" | "KEPT", over: Partial<NewMail> = {}) => {
      const id = await enqueue(mailTo(over));
      await db.prisma.outboxMail.update({ where: { id }, data: { state, attempts: 1, ...(state === "SENT" ? { sealedLink: null, sentAt: new Date() } : {}) } });
      return id;
    };

    it("refuses every role but organizers, unknown ids and unfinished mail, and changes nothing", async () => {
      const id = await finished("FAILED");
      const count = () => db.prisma.outboxMail.count();
      const before = await count();
      for (const actor of [fx.committee, fx.delegate, fx.observer]) {
        await expect(resendMail(db.prisma, actor, id, meta())).rejects.toMatchObject({ code: "forbidden" });
      }
      const outsider = (await pipelineFixture(db.prisma as PrismaClient, `other-${backend}`)).organizer;
      await expect(resendMail(db.prisma, outsider, id, meta())).rejects.toMatchObject({ code: "forbidden" });
      await expect(resendMail(db.prisma, fx.organizer, "no-such-mail", meta())).rejects.toMatchObject({ code: "not_found" });
      await expect(resendMail(db.prisma, fx.organizer, "x".repeat(500), meta())).rejects.toMatchObject({ code: "bad_request" });
      const queued = await enqueue(mailTo());
      await expect(resendMail(db.prisma, fx.organizer, queued, meta())).rejects.toMatchObject({ code: "illegal_transition" });
      expect(await count()).toBe(before + 1);
      expect(await db.prisma.auditEvent.count({ where: { action: "mail.resend" } })).toBe(0);
    });

    it("queues a copy with a fresh Message-ID, audits it, and a second click returns the same copy", async () => {
      const smtp = await sink();
      const id = await finished("FAILED", { attachments: [{ filename: "invitation.ics", contentType: "text/calendar", content: ICS }], about: { type: "Invitation", id: "inv-1" } });
      let woken = 0;
      const m = { ip: "127.0.0.9", mail: { ...ctx, wake: () => woken++ } };
      const copy = await resendMail(db.prisma, fx.organizer, id, m);
      expect(copy.created).toBe(true);
      expect(woken).toBe(1);
      const [a, b] = [await row(id), await row(copy.id)];
      expect(b).toMatchObject({ state: "QUEUED", attempts: 0, subject: a.subject, text: a.text, html: a.html, toAddress: a.toAddress, toName: a.toName, locale: a.locale, kind: a.kind, attachments: a.attachments, subjectType: "Invitation", subjectId: "inv-1", createdById: fx.organizer.id });
      expect(b.messageId).not.toBe(a.messageId);
      expect(a.state).toBe("FAILED");
      const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "mail.resend", subjectId: copy.id } });
      expect(audit).toMatchObject({ actorId: fx.organizer.id, conferenceId: fx.conferenceId, ip: "127.0.0.9", data: { of: id, kind: "test", was: "FAILED" } });
      expect(JSON.stringify(audit.data)).not.toContain(a.toAddress);

      expect(await resendMail(db.prisma, fx.organizer, id, m)).toEqual({ id: copy.id, created: false });
      expect(woken).toBe(1);
      expect(await db.prisma.auditEvent.count({ where: { action: "mail.resend", subjectId: copy.id } })).toBe(1);

      expect(await worker(smtp.url()).runOnce()).toMatchObject({ sent: 1 });
      expect(smtp.received.map((r) => r.messageId)).toEqual([b.messageId]);
    });

    it("moves a kept mail's sign-in link to the copy; refuses a sent mail whose link was delivered", async () => {
      const smtp = await sink();
      const url = "https://tawafuq.test/join?token=resent";
      const text = `الرابط: ${LINK_MARK}`;
      const kept = await finished("KEPT", { text, html: htmlOf(text, "ar", "x"), link: { url, key: ctx.linkKey } });
      const copy = await resendMail(db.prisma, fx.organizer, kept, meta());
      expect((await row(kept)).sealedLink).toBeNull();
      expect((await row(copy.id)).sealedLink).toBeTruthy();
      expect(await worker(smtp.url()).runOnce()).toMatchObject({ sent: 1 });
      expect((await smtp.parse(smtp.received[0]!)).text).toContain(url);

      // The copy was delivered: its link is gone, so it cannot be sent again with one.
      await expect(resendMail(db.prisma, fx.organizer, copy.id, meta())).rejects.toMatchObject({ code: "gone", details: { reason: "linkGone" } });
      // A sent mail without a link may go again.
      const plain = await finished("SENT");
      expect((await resendMail(db.prisma, fx.organizer, plain, meta())).created).toBe(true);
    });
  });
});

describe.skipIf(!backends.includes("postgresql"))("two workers on one PostgreSQL", () => {
  it("deliver 300 mails, each exactly once, both taking part", async () => {
    const pg = await createPgDatabase();
    const a = await openDatabase({ url: pg.url });
    const b = await openDatabase({ url: pg.url, migrate: false });
    const smtp = await startSmtpSink({ delayMs: 2 });
    const mail: MailContext = { appUrl: "https://tawafuq.test", linkKey: randomBytes(32) };
    const ws: MailWorker[] = [];
    try {
      const ids: string[] = [];
      await a.prisma.$transaction(async (tx) => {
        for (let i = 0; i < 300; i++) ids.push((await enqueueMail(tx, mailTo({ to: { address: `force${i}@example.org` } }), mail.appUrl))!);
        // 300 inserts on a loaded shared machine may take past Prisma's 5 s default.
      }, { timeout: 60_000 });
      for (const [db, name] of [[a, "one"], [b, "two"]] as const) {
        ws.push(startMailWorker({ sql: db.sql, mail, transport: smtpTransport(smtp.url(), `${name} <${name}@tawafuq.test>`), log, pollMs: 50, batch: 20 }));
      }
      await smtp.waitFor(300, 60_000);
      // A moment for any late duplicate to show.
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.received).toHaveLength(300);
      expect(smtp.duplicates().size).toBe(0);
      const messageIds = (await a.prisma.outboxMail.findMany({ select: { messageId: true } })).map((r) => r.messageId).sort();
      expect(smtp.received.map((r) => r.messageId).sort()).toEqual(messageIds);
      expect(smtp.received.filter((r) => r.from === "one@tawafuq.test").length).toBeGreaterThan(0);
      expect(smtp.received.filter((r) => r.from === "two@tawafuq.test").length).toBeGreaterThan(0);
      for (const w of ws.splice(0)) await w.stop();
      expect(await a.prisma.outboxMail.count({ where: { state: "SENT", attempts: 1 } })).toBe(300);
    } finally {
      for (const w of ws) await w.stop();
      await smtp.close();
      await a.close();
      await b.close();
      await pg.drop();
    }
  });
});

describe("pacer", () => {
  it("hands out slots 1/rate apart after the saved-up burst, and saves no more than the burst while idle", () => {
    let t = 1000;
    const waits: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    globalThis.setTimeout = ((_fn: () => void, ms: number) => (waits.push(ms), 0)) as unknown as typeof setTimeout;
    try {
      const pace = pacer(100, 2, () => t);
      for (let i = 0; i < 5; i++) void pace();
      expect(waits).toEqual([10, 20, 30]);
      t += 10_000;
      waits.length = 0;
      for (let i = 0; i < 4; i++) void pace();
      expect(waits).toEqual([10, 20]);
      void pacer(0, 2, () => t)();
      expect(waits).toEqual([10, 20]);
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
  });
});

describe("MAIL_RATE", () => {
  it("defaults to no cap (0), takes a cap, and refuses what is not a whole number ≥ 0", () => {
    expect(mailRate(undefined)).toBe(0);
    expect(mailRate("0")).toBe(0);
    expect(mailRate(" 400 ")).toBe(400);
    for (const bad of ["-1", "2.5", "fast"]) expect(() => mailRate(bad)).toThrow(/MAIL_RATE/);
  });
});

describe("MAIL_POLL_MS", () => {
  it("defaults to a second and refuses what is not a whole number of milliseconds ≥ 100", () => {
    const dir = mkdtempSync(join(tmpdir(), "tawafuq-mail-config-"));
    try {
      const env = { NODE_ENV: "test", DATA_DIR: dir, SESSION_SECRET: "x".repeat(40) } as const;
      expect(loadConfig(env).mailPollMs).toBe(1000);
      expect(loadConfig({ ...env, MAIL_POLL_MS: "250" }).mailPollMs).toBe(250);
      for (const bad of ["50", "1.5", "soon"]) expect(() => loadConfig({ ...env, MAIL_POLL_MS: bad })).toThrow(/MAIL_POLL_MS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
