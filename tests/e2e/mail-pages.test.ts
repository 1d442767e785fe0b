// The organizers' mail pages over real HTTP against the built server (demo seed, no SMTP_URL; ADR 0052):
// moving an invitation to SENT on the invitation page writes the letter, which organizers read on /mail
// with its sign-in link working; a template edited on /mail/templates words the next letter; bad input
// is a 400 that changes nothing; the other roles are refused; unknown query parameters are a 400.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { postForm, signInAs } from "../security/helpers.js";

describe("the mail pages", () => {
  let app: AppServer;
  let conferenceId: string;
  let organizer: string;
  const prisma = () => app.running.services.prisma;
  const get = async (path: string, cookie: string | null) => {
    const res = await fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    return { status: res.status, html: await res.text(), headers: res.headers };
  };
  /** Moves a demo force's invitation to SENT through the invitation page's no-JS form. */
  const send = async (forceNameEn: string) => {
    const inv = await prisma().invitation.findFirstOrThrow({ where: { conferenceId, force: { nameEn: forceNameEn } } });
    const res = await postForm(app.url, `/invitations/${inv.id}`, organizer, { intent: "transition", to: "SENT", version: String(inv.version) });
    expect(res.status).toBe(200);
    return prisma().outboxMail.findFirstOrThrow({ where: { kind: "invitation.letter", subjectId: inv.id }, orderBy: { createdAt: "desc" } });
  };

  beforeAll(async () => {
    app = await startAppServer();
    conferenceId = (await prisma().conference.findFirstOrThrow()).id;
    organizer = await signInAs(app.url, "organizer@example.org");
  });
  afterAll(async () => app?.stop());

  it("an organizer reads a letter kept in the app, its calendar, and its sign-in link works", async () => {
    const letter = await send("National Bloc for Change");
    expect(letter).toMatchObject({ toAddress: "reber@national-bloc.example", locale: "ku", subject: "Vexwendina beşdarbûna Konferansa Hêz û Kesayetiyên Opozîsyona Sûriyeyê" });
    // Without SMTP_URL the worker keeps the mail in the app (ADR 0049); here we put it there as it would.
    await prisma().outboxMail.update({ where: { id: letter.id }, data: { state: "KEPT" } });

    const list = await get("/mail", organizer);
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="/mail/${letter.id}"`);
    expect(list.html).toContain("reber@national-bloc.example");
    expect((await get("/mail?state=KEPT", organizer)).html).toContain(letter.id);
    expect((await get("/mail?state=FAILED", organizer)).html).not.toContain(letter.id);

    const page = await get(`/mail/${letter.id}`, organizer);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Bloka Neteweyî ya Guhertinê");
    expect(page.html).toContain('data-testid="mail-link-note"');
    const token = page.html.match(/\/link\/([A-Za-z0-9_-]{20,})/)?.[1];
    expect(token).toBeTruthy();

    const ics = await get(`/mail/${letter.id}/attachments/0`, organizer);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    expect(ics.headers.get("content-disposition")).toContain('filename="invitation.ics"');
    expect(ics.html).toContain("METHOD:PUBLISH");
    expect(ics.html).toContain(`UID:invitation-${letter.subjectId}@`);
    expect((await get(`/mail/${letter.id}/attachments/3`, organizer)).status).toBe(404);
    expect((await get(`/mail/no-such-mail`, organizer)).status).toBe(404);

    // The link, opened by its reader (no session), makes them a delegate of the force.
    const redeemed = await postForm(app.url, `/link/${token}`, null, {});
    expect(redeemed.status).toBe(302);
    const user = await prisma().user.findUniqueOrThrow({ where: { email: "reber@national-bloc.example" }, include: { memberships: true } });
    expect(user.memberships).toMatchObject([{ conferenceId, role: "DELEGATE" }]);
  });

  it("a template saved on /mail/templates words the next letter; bad input changes nothing", async () => {
    const tpl = await get("/mail/templates", organizer);
    expect(tpl.status).toBe(200);
    expect(tpl.html).toContain("{{organizerNote}}");
    const count = () => prisma().mailTemplate.count({ where: { conferenceId } });

    const bad = await postForm(app.url, "/mail/templates", organizer, { intent: "save", kind: "invitation.letter", locale: "ar", subject: "دعوة {{conference}}", body: "السادة {{force}} {{bogus}}" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("عناصر غير معروفة: {{bogus}}");
    expect(bad.html).toContain("السادة {{force}} {{bogus}}"); // what was typed comes back
    for (const fields of [
      { intent: "save", kind: "invitation.nope", locale: "ar", subject: "x", body: "y" },
      { intent: "save", kind: "invitation.letter", locale: "fr", subject: "x", body: "y" },
      { intent: "save", kind: "invitation.letter", locale: "ar", subject: "", body: "y" },
      { intent: "explode" },
    ] as Record<string, string>[]) {
      expect([fields, (await postForm(app.url, "/mail/templates", organizer, fields)).status]).toEqual([fields, 400]);
    }
    expect(await count()).toBe(0);

    const saved = await postForm(app.url, "/mail/templates", organizer, {
      intent: "save",
      kind: "invitation.letter",
      locale: "ar",
      subject: "دعوة خاصة إلى {{conference}}",
      body: "السادة في {{force}}،\n\nندعوكم إلى {{conference}}. الرابط: {{link}}",
    });
    expect(saved.status).toBe(302);
    expect(await count()).toBe(1);
    // Cedar declined once; re-sending writes the Arabic letter in the conference's own words.
    const letter = await send("National Cedar Party");
    expect(letter.subject).toBe("دعوة خاصة إلى مؤتمر القوى والشخصيات السورية المعارضة");
    expect(letter.text).toBe("السادة في حزب الأرز الوطني،\n\nندعوكم إلى مؤتمر القوى والشخصيات السورية المعارضة. الرابط: [[link]]");
    expect(letter.html).toContain('dir="rtl"');

    expect((await postForm(app.url, "/mail/templates", organizer, { intent: "reset", kind: "invitation.letter", locale: "ar" })).status).toBe(302);
    expect(await count()).toBe(0);
    expect(await prisma().auditEvent.count({ where: { conferenceId, action: { in: ["conference.mailTemplate", "conference.mailTemplateReset"] } } })).toBe(2);
  });

  it("mail settings: validated, saved, audited", async () => {
    const settings = async () => prisma().conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { reminderDays: true, timeZone: true, venue: true } });
    const before = await settings();
    for (const fields of [
      { reminderDays: "0, 2", timeZone: "", venue: "" },
      { reminderDays: "7, 7", timeZone: "", venue: "" },
      { reminderDays: "1, 2, 3, 4, 5, 6", timeZone: "", venue: "" },
      { reminderDays: "7, 2", timeZone: "Mars/Olympus", venue: "" },
      { reminderDays: "7, 2", timeZone: "", venue: "م".repeat(301) },
    ]) {
      const r = await postForm(app.url, "/mail/templates", organizer, { intent: "settings", ...fields });
      expect([fields.reminderDays, fields.timeZone, r.status]).toEqual([fields.reminderDays, fields.timeZone, 400]);
    }
    expect(await settings()).toEqual(before);
    const zone = await postForm(app.url, "/mail/templates", organizer, { intent: "settings", reminderDays: "7, 2", timeZone: "Mars/Olympus", venue: "" });
    expect(zone.html).toContain("ليست منطقة زمنية معروفة.");

    const ok = await postForm(app.url, "/mail/templates", organizer, { intent: "settings", reminderDays: "10، 3 ,1", timeZone: "Europe/Berlin", venue: "قاعة الشهداء" });
    expect(ok.status).toBe(302);
    expect(await settings()).toEqual({ reminderDays: [10, 3, 1], timeZone: "Europe/Berlin", venue: "قاعة الشهداء" });
    expect(await prisma().auditEvent.count({ where: { conferenceId, action: "conference.mailSettings" } })).toBe(1);
  });

  it("resends a mail; refuses an unknown intent or mail", async () => {
    const mail = await prisma().outboxMail.findFirstOrThrow({ where: { conferenceId, kind: "invitation.letter" } });
    await prisma().outboxMail.update({ where: { id: mail.id }, data: { state: "FAILED", lastError: "550 mailbox unavailable", attempts: 5 } });
    const failed = await get("/mail?state=FAILED", organizer);
    expect(failed.html).toContain("550 mailbox unavailable");
    const r = await postForm(app.url, "/mail", organizer, { intent: "resend", mailId: mail.id });
    expect(r.status).toBe(302);
    // A copy with its own Message-ID goes out (kept in the app here, with no SMTP_URL); the letter's sign-in
    // link moves to it, so the failed original can no longer be resent (ADR 0049).
    const copy = await prisma().outboxMail.findUniqueOrThrow({ where: { dedupeKey: `resend:${mail.id}` } });
    expect(copy).toMatchObject({ toAddress: mail.toAddress, subject: mail.subject, state: expect.stringMatching(/^(QUEUED|SENDING|KEPT)$/) });
    expect(copy.messageId).not.toBe(mail.messageId);
    expect(await prisma().outboxMail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({ state: "FAILED", sealedLink: null });
    expect((await postForm(app.url, "/mail", organizer, { intent: "resend", mailId: mail.id })).status).toBe(410);
    expect((await postForm(app.url, "/mail", organizer, { intent: "resend", mailId: "no-such-mail" })).status).toBe(404);
    expect((await postForm(app.url, "/mail", organizer, { intent: "burn" })).status).toBe(400);
  });

  it("refuses the other roles and bad query strings", async () => {
    const mail = await prisma().outboxMail.findFirstOrThrow({ where: { conferenceId } });
    const paths = ["/mail", "/mail/templates", `/mail/${mail.id}`, `/mail/${mail.id}/attachments/0`];
    for (const path of paths) {
      const anonymous = await get(path, null);
      expect([path, anonymous.status, anonymous.headers.get("location")]).toEqual([path, 302, expect.stringContaining("/login")]);
    }
    const before = await prisma().outboxMail.findUniqueOrThrow({ where: { id: mail.id } });
    for (const email of ["committee@example.org", "delegate@example.org", "observer@example.org"]) {
      const cookie = await signInAs(app.url, email);
      for (const path of paths) expect([email, path, (await get(path, cookie)).status]).toEqual([email, path, 403]);
      expect((await postForm(app.url, "/mail", cookie, { intent: "resend", mailId: mail.id })).status).toBe(403);
      expect((await postForm(app.url, "/mail/templates", cookie, { intent: "settings", reminderDays: "1", timeZone: "", venue: "" })).status).toBe(403);
      expect((await get("/", cookie)).html).not.toContain('href="/mail"');
    }
    expect(await prisma().outboxMail.findUniqueOrThrow({ where: { id: mail.id } })).toEqual(before);
    expect((await get("/", organizer)).html).toContain('href="/mail"');

    for (const query of ["?nope=1", "?state=LOST", "?limit=1000", "?page=0", "?state=SENT&state=KEPT"]) {
      expect([query, (await get(`/mail${query}`, organizer)).status]).toEqual([query, 400]);
    }
    expect((await get("/mail/templates?x=1", organizer)).status).toBe(400);
    expect((await get("/mail?state=QUEUED&limit=10&page=1", organizer)).status).toBe(200);
  });
});
