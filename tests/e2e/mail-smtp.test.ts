// Mail as its reader receives it (issue 18): the built server with SMTP_URL pointing at a real SMTP
// server started here (the smtp-server package on 127.0.0.1), read back with mailparser. Moving an
// invitation to SENT over the no-JS form delivers the letter in the contact's language — Arabic, right to
// left, with its calendar — whose sign-in link, opened by the reader, makes them the force's delegate;
// a delegate who asked for mail hears of the committee's decision on the force's amendment.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { freePort } from "../helpers/server.js";
import { postForm, signInAs } from "../security/helpers.js";

describe("mail through a real SMTP server", () => {
  let app: AppServer;
  let smtp: SMTPServer;
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];
  const prisma = () => app.running.services.prisma;

  /** Waits until a mail to `address` whose subject matches has arrived. */
  async function mailTo(address: string, subject: RegExp, timeoutMs = 30_000): Promise<ParsedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = received.find((r) => r.to && JSON.stringify(r.to).includes(address) && subject.test(r.subject ?? ""));
      if (m) return m;
      if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${subject}; got ${received.map((r) => r.subject).join(" | ")}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        envelopes.push(session.envelope.rcptTo.map((r) => r.address));
        simpleParser(stream)
          .then((m) => void received.push(m))
          .then(() => callback(), callback);
      },
    });
    await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    const port = await freePort();
    app = await startAppServer({ PORT: String(port), APP_URL: `http://127.0.0.1:${port}`, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: "اللجنة التحضيرية <office@tawafuq.example>" });
  });
  afterAll(async () => {
    await app?.stop();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  it("an invitation moved to SENT reaches the force's contact: Arabic, right to left, with its calendar and a sign-in link that works", async () => {
    const conf = await prisma().conference.findFirstOrThrow();
    // An approved force gets a contact who writes Arabic, with an address to be written to.
    const inv = await prisma().invitation.findFirstOrThrow({ where: { conferenceId: conf.id, status: "APPROVED" }, include: { force: true } });
    const contact = await prisma().contact.create({ data: { forceId: inv.forceId, name: "أمل الحسن", email: "amal.contact@example.org", locale: "ar" } });
    const organizer = await signInAs(app.url, "organizer@example.org");
    const res = await postForm(app.url, `/invitations/${inv.id}`, organizer, { intent: "transition", to: "SENT", version: String(inv.version) });
    expect(res.status).toBe(200);

    const mail = await mailTo("amal.contact@example.org", new RegExp(conf.nameAr));
    expect(envelopes.some((e) => e.includes("amal.contact@example.org"))).toBe(true);
    // Headers: who from, to whom (named), the subject in Arabic, a Message-ID of the outbox row.
    expect(mail.from?.value[0]).toMatchObject({ address: "office@tawafuq.example", name: "اللجنة التحضيرية" });
    expect(mail.to).toMatchObject({ value: [{ address: "amal.contact@example.org", name: contact.name }] });
    const row = await prisma().outboxMail.findFirstOrThrow({ where: { kind: "invitation.letter", toAddress: "amal.contact@example.org" } });
    expect(mail.messageId).toBe(row.messageId);
    expect(mail.headers.get("content-language")).toBe("ar");
    // Both parts: the text names the force, the HTML is right to left.
    expect(mail.text).toContain(inv.force.nameAr);
    expect(mail.html).toMatch(/<html[^>]*dir="rtl"/);
    expect(mail.html).toContain(inv.force.nameAr);
    // The calendar: one all-day event of the conference.
    const ics = mail.attachments.find((a) => a.filename?.endsWith(".ics"));
    expect(ics?.contentType).toContain("text/calendar");
    const cal = ics!.content.toString("utf8");
    expect(cal).toContain("BEGIN:VEVENT");
    expect(cal).toContain(`UID:invitation-${inv.id}@`);
    // Delivered: the row says so and keeps no working link.
    await expect.poll(async () => (await prisma().outboxMail.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("SENT");
    expect((await prisma().outboxMail.findUniqueOrThrow({ where: { id: row.id } })).sealedLink).toBeNull();

    // The link in the mail, opened by its reader (no session): a delegate account of the force.
    const link = mail.text!.match(/http:\/\/127\.0\.0\.1:\d+\/link\/[A-Za-z0-9_-]{20,}/)?.[0];
    expect(link).toBeTruthy();
    expect(mail.html).toContain(link!);
    const page = await fetch(link!, { redirect: "manual" });
    expect(page.status).toBe(200);
    const redeemed = await postForm(app.url, new URL(link!).pathname, null, {});
    expect(redeemed.status).toBe(302);
    const user = await prisma().user.findUniqueOrThrow({ where: { email: "amal.contact@example.org" }, include: { memberships: true } });
    expect(user.memberships).toMatchObject([{ conferenceId: conf.id, role: "DELEGATE", forceId: inv.forceId }]);
    // Used once: the same link again signs nobody in.
    expect((await postForm(app.url, new URL(link!).pathname, null, {})).status).not.toBe(302);
  });

  it("a delegate who asked for mail hears by mail, in their language, that the committee decided the force's amendment", async () => {
    const delegate = await prisma().user.findUniqueOrThrow({ where: { email: "delegate@example.org" }, include: { memberships: true } });
    await prisma().user.update({ where: { id: delegate.id }, data: { locale: "en" } });
    await prisma().notificationPreference.upsert({ where: { userId_kind: { userId: delegate.id, kind: "amendment.changed" } }, create: { userId: delegate.id, kind: "amendment.changed", channel: "MAIL" }, update: { channel: "MAIL" } });
    // The force's delegate proposes and submits an amendment over the API.
    const cookie = await signInAs(app.url, "delegate@example.org");
    const paper = await prisma().paper.findFirstOrThrow();
    const api = async (path: string, body: unknown) => {
      const res = await fetch(`${app.url}/api/v1${path}`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return (await res.json()) as { amendment: { id: string } };
    };
    const { amendment } = await api(`/papers/${paper.id}/amendments`, { type: "INSERT", start: 60, end: 70, proposedText: "نص مضاف" });
    await api(`/amendments/${amendment.id}/transitions`, { to: "SUBMITTED" });
    // The committee takes it up and rejects it on the amendment's page (no-JS forms).
    const committee = await signInAs(app.url, "committee@example.org");
    const versionNow = async () => String((await prisma().amendment.findUniqueOrThrow({ where: { id: amendment.id } })).version);
    expect((await postForm(app.url, `/amendments/${amendment.id}`, committee, { intent: "review", version: await versionNow() })).status).toBe(302);
    expect((await postForm(app.url, `/amendments/${amendment.id}`, committee, { intent: "decide", decision: "REJECTED", note: "لا يتسق مع الورقة", version: await versionNow() })).status).toBe(302);
    expect((await prisma().amendment.findUniqueOrThrow({ where: { id: amendment.id } })).state).toBe("REJECTED");

    // Two mails: taken under review, then the decision (each in English, the delegate's language).
    await mailTo("delegate@example.org", /under review/i);
    const mail = await mailTo("delegate@example.org", /Committee decision/);
    expect(mail.subject).toMatch(/Rejected/i);
    expect(mail.headers.get("content-language")).toBe("en");
    expect(mail.html).toMatch(/<html[^>]*dir="ltr"/);
    expect(mail.text).toContain(`/amendments/${amendment.id}`);
    // The committee's reason is not the force's to read before publication: never in the mail.
    expect(mail.text).not.toContain("لا يتسق مع الورقة");
  });
});
