// Letters to forces (ADR 0052) on PGlite and PostgreSQL, through the outbox: a move to SENT writes one
// letter per contact with an address, in the contact's language, with a calendar file and a sealed
// sign-in link that redeems for the force, in the same transaction (a refused move writes nothing);
// reminders fall on the conference's days, once each, never after an answer; the organizers' overdue
// digest goes once a day; published decisions reach the confirmed forces only.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { randomBytes } from "node:crypto";
import type { InvitationStatus, Locale } from "@prisma/client";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { pipelineFixture, type PipelineFixture } from "../helpers/pipeline.js";
import { dbPaperStore } from "../helpers/paper-store.js";
import { bulkTransition, createInvitation, getInvitation, transitionInvitation } from "~/domain/invitations.server";
import { pathTo } from "~/domain/invitation-status";
import { redeemDelegateLink } from "~/domain/accounts.server";
import { publishDecisions } from "~/domain/amendments.server";
import { LINK_MARK, withLink, type MailAttachment, type MailContext } from "~/domain/mail/outbox.server";
import { REMINDER_CHUNK, sendConfirmationReminders, sendOverdueDigests } from "~/domain/mail/reminders.server";
import { scheduledJobs } from "~/domain/mail/scheduled.server";
import { sentWithoutAddress } from "~/domain/mail/mailbox.server";

/** An .ics file's lines, unfolded (RFC 5545 §3.1), as [name with parameters, value] with text unescaped. */
function icsLines(ics: string): [string, string][] {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split(/\r\n/)
    .filter(Boolean)
    .map((l) => {
      const at = l.indexOf(":");
      return [l.slice(0, at), l.slice(at + 1).replace(/\\([,;\\])/g, "$1").replace(/\\n/gi, "\n")] as [string, string];
    });
}
const icsValue = (ics: string, name: string) => icsLines(ics).find(([k]) => k === name || k.startsWith(`${name};`));

describe.each(backends)("letters, reminders and digests on %s", (backend) => {
  let db: TestDb;
  let fx: PipelineFixture;
  const mail: MailContext = { appUrl: "https://tawafuq.test", linkKey: randomBytes(32) };
  let n = 0;

  /** A force with these contacts and an invitation walked to `status` (without letters on the way). */
  const invited = async (
    contacts: { name: string; email?: string; locale?: Locale }[],
    status: InvitationStatus = "APPROVED",
    deadline = "2027-03-20T21:30:00.000Z",
    at: { conferenceId: string; organizer: PipelineFixture["organizer"] } = fx,
  ) => {
    const { conferenceId, organizer } = at;
    const force = await db.prisma.force.create({
      data: { conferenceId, kind: "PARTY", nameAr: `حزب الرسائل ${++n}`, nameKu: `Partiya nameyan ${n}`, nameEn: `Letters Party ${n}`, nameKey: `letters-${n}`, region: "NORTH_EAST_SYRIA", contacts: { create: contacts } },
    });
    let inv = await createInvitation(db.prisma, organizer, conferenceId, { forceId: force.id, confirmationDeadline: deadline, seatQuota: 3 });
    for (const s of pathTo(status).slice(1)) inv = await transitionInvitation(db.prisma, organizer, inv.id, { to: s, version: inv.version });
    return { forceId: force.id, nameAr: force.nameAr, inv };
  };
  const lettersOf = (invitationId: string) => db.prisma.outboxMail.findMany({ where: { kind: "invitation.letter", subjectId: invitationId }, orderBy: { toAddress: "asc" } });

  beforeAll(async () => {
    db = await freshDb(backend);
    fx = await pipelineFixture(db.prisma, `letters-${backend}`);
    await db.prisma.conference.update({
      where: { id: fx.conferenceId },
      data: { nameKu: "Konferansa ceribandinê", nameEn: "Test Conference", startsOn: new Date("2027-03-10"), endsOn: new Date("2027-03-12"), venue: "فندق الشام", timeZone: "Asia/Damascus" },
    });
  });
  afterAll(async () => db?.destroy());

  it("SENT writes one letter per contact with an address, in their language, with a calendar and a sign-in link for the force", async () => {
    const { forceId, inv } = await invited([
      { name: "سلمى يوسف", email: "salma@example.org", locale: "ar" },
      { name: "Rêber Hesen", email: "Reber@Example.org", locale: "ku" },
      { name: "Anna Keller", email: "anna@example.org", locale: "en" },
      { name: "بلا بريد", locale: "ar" },
    ]);
    const links = await db.prisma.delegateLink.count();
    const sent = await transitionInvitation(db.prisma, fx.organizer, inv.id, { to: "SENT", version: inv.version, note: "نرجو الرد بأسرع وقت." }, { ip: "203.0.113.9", mail });
    const letters = await lettersOf(inv.id);
    expect(letters.map((m) => [m.toAddress, m.locale, m.state])).toEqual([
      ["anna@example.org", "en", "QUEUED"],
      ["reber@example.org", "ku", "QUEUED"],
      ["salma@example.org", "ar", "QUEUED"],
    ]);
    const [en, ku, ar] = letters as [(typeof letters)[number], (typeof letters)[number], (typeof letters)[number]];
    const contacts = await db.prisma.contact.findMany({ where: { forceId } });
    expect(ar.dedupeKey).toBe(`letter:${inv.id}:${sent.version}:${contacts.find((c) => c.locale === "ar" && c.email)!.id}`);
    // Arabic: a right-to-left letter of the relations office, with the conference's dates in Arabic months.
    expect(ar.subject).toBe("دعوة للمشاركة في مؤتمر الاختبار");
    expect(ar.html).toContain('dir="rtl"');
    expect(ar.text).toContain("السادة في حزب الرسائل");
    expect(ar.text).toContain("عناية سلمى يوسف");
    expect(ar.text).toContain("فندق الشام، قامشلو");
    expect(ar.text).toContain("10 آذار 2027");
    // The deadline is 00:30 on 21 March in Damascus (21:30 UTC on the 20th): the conference's day.
    expect(ar.text).toContain("21 آذار 2027");
    expect(ar.text).toContain("عدد المقاعد المخصّصة لوفدكم: 3.");
    expect(ar.text).toContain("نرجو الرد بأسرع وقت.");
    expect(ku.subject).toBe("Vexwendina beşdarbûna Konferansa ceribandinê");
    expect(ku.html).toContain('dir="ltr"');
    expect(ku.text).toContain("Partiya nameyan");
    expect(en.subject).toBe("Invitation to take part in Test Conference");
    expect(en.text).toContain("Dear Anna Keller");
    expect(en.text).toContain("21 March 2027");
    for (const m of letters) {
      expect(m.text).toContain(LINK_MARK);
      expect(m.text).not.toMatch(/\/link\//);
      expect(m.sealedLink).toBeTruthy();
    }
    // The calendar: an all-day event from the first day to the day after the last, in the reader's language.
    const [cal] = ar.attachments as unknown as MailAttachment[];
    expect(cal).toMatchObject({ filename: "invitation.ics", contentType: expect.stringContaining("text/calendar") });
    const ics = cal!.content;
    expect(icsValue(ics, "METHOD")?.[1]).toBe("PUBLISH");
    expect(icsValue(ics, "DTSTART")).toEqual(["DTSTART;VALUE=DATE", "20270310"]);
    expect(icsValue(ics, "DTEND")).toEqual(["DTEND;VALUE=DATE", "20270313"]);
    expect(icsValue(ics, "SUMMARY")?.[1]).toBe("مؤتمر الاختبار");
    expect(icsValue(ics, "LOCATION")?.[1]).toBe("فندق الشام, قامشلو");
    expect(icsValue(ics, "UID")?.[1]).toBe(`invitation-${inv.id}@tawafuq.test`);
    expect(icsValue((en.attachments as unknown as MailAttachment[])[0]!.content, "SUMMARY")?.[1]).toBe("Test Conference");
    // Each link opens with the server's key and makes its reader a delegate of the force.
    expect(await db.prisma.delegateLink.count()).toBe(links + 3);
    expect(await db.prisma.auditEvent.count({ where: { action: "delegateLink.create", data: { path: ["forceId"], equals: forceId } } })).toBe(3);
    const opened = withLink(ku.text, ku.sealedLink, ku.id, mail.linkKey, "gone");
    const url = opened.match(/https:\/\/tawafuq\.test\/link\/([A-Za-z0-9_-]+)/);
    expect(url).toBeTruthy();
    expect(withLink(ku.text, ku.sealedLink, ku.id, randomBytes(32), "gone")).toContain("gone");
    const { userId } = await redeemDelegateLink(db.prisma, url![1]!);
    const member = await db.prisma.membership.findFirstOrThrow({ where: { userId } });
    expect(member).toMatchObject({ conferenceId: fx.conferenceId, role: "DELEGATE", forceId });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).email).toBe("reber@example.org");
  });

  it("a refused move writes neither letter nor link; without mail context or an address the move still happens", async () => {
    const { inv } = await invited([{ name: "سامر", email: "samer@example.org" }]);
    const before = { mails: await db.prisma.outboxMail.count(), links: await db.prisma.delegateLink.count() };
    await expect(transitionInvitation(db.prisma, fx.organizer, inv.id, { to: "SENT", version: inv.version - 1 }, { mail })).rejects.toMatchObject({ code: "stale_version" });
    await expect(transitionInvitation(db.prisma, fx.committee, inv.id, { to: "SENT", version: inv.version }, { mail })).rejects.toMatchObject({ code: "forbidden" });
    expect({ mails: await db.prisma.outboxMail.count(), links: await db.prisma.delegateLink.count() }).toEqual(before);

    // A data-layer call (no meta.mail): the status changes, nothing is mailed.
    const quiet = await transitionInvitation(db.prisma, fx.organizer, inv.id, { to: "SENT", version: inv.version });
    expect(quiet.status).toBe("SENT");
    expect(await lettersOf(inv.id)).toEqual([]);

    const lonely = await invited([{ name: "بلا عنوان" }]);
    const moved = await transitionInvitation(db.prisma, fx.organizer, lonely.inv.id, { to: "SENT", version: lonely.inv.version }, { mail });
    expect(moved.status).toBe("SENT");
    expect(await lettersOf(lonely.inv.id)).toEqual([]);
    expect((await sentWithoutAddress(db.prisma, fx.organizer, fx.conferenceId)).map((i) => i.id)).toContain(lonely.inv.id);
    await expect(sentWithoutAddress(db.prisma, fx.committee, fx.conferenceId)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("bulk SENT writes the letters of the moved invitations only", async () => {
    const a = await invited([{ name: "أ", email: "a-bulk@example.org" }]);
    const b = await invited([{ name: "ب", email: "b-bulk@example.org", locale: "en" }]);
    const c = await invited([{ name: "ج", email: "c-bulk@example.org" }]);
    const res = await bulkTransition(
      db.prisma,
      fx.organizer,
      fx.conferenceId,
      { to: "SENT", items: [{ id: a.inv.id, version: a.inv.version }, { id: b.inv.id, version: b.inv.version }, { id: c.inv.id, version: c.inv.version + 5 }] },
      { mail },
    );
    expect(res.changed.map((x) => x.id).sort()).toEqual([a.inv.id, b.inv.id].sort());
    expect((await lettersOf(a.inv.id)).map((m) => m.toAddress)).toEqual(["a-bulk@example.org"]);
    expect((await lettersOf(b.inv.id)).map((m) => [m.toAddress, m.locale])).toEqual([["b-bulk@example.org", "en"]]);
    expect(await lettersOf(c.inv.id)).toEqual([]);
    expect(await db.prisma.delegateLink.count({ where: { email: "c-bulk@example.org" } })).toBe(0);
  });

  it("reminds 7 and 2 days before the deadline's day in the conference's zone, once each, never after an answer", async () => {
    await db.prisma.conference.update({ where: { id: fx.conferenceId }, data: { reminderDays: [7, 2] } });
    // Deadline 00:30 on 21 March in Damascus (20 March in UTC).
    const a = await invited([{ name: "الأول", email: "first-reminded@example.org" }, { name: "Second", email: "second-reminded@example.org", locale: "en" }], "SENT");
    const late = await invited([{ name: "المتأخر", email: "late-reminded@example.org" }], "SENT");
    const confirmed = await invited([{ name: "المؤكد", email: "confirmed@example.org" }], "SENT");
    const declined = await invited([{ name: "المعتذر", email: "declined@example.org" }], "SENT");
    await transitionInvitation(db.prisma, fx.organizer, confirmed.inv.id, { to: "CONFIRMED", version: confirmed.inv.version });
    await transitionInvitation(db.prisma, fx.organizer, declined.inv.id, { to: "DECLINED", version: declined.inv.version });
    const mine = [a, late, confirmed, declined].map((x) => x.inv.id);
    const reminders = async () =>
      (await db.prisma.outboxMail.findMany({ where: { kind: "invitation.reminder", subjectId: { in: mine } }, orderBy: [{ createdAt: "asc" }, { toAddress: "asc" }] })).map((m) => m.dedupeKey!.split(":").slice(0, 4).join(":").replace(a.inv.id, "A").replace(late.inv.id, "LATE"));
    const run = (iso: string) => sendConfirmationReminders({ prisma: db.prisma, mail, now: new Date(iso) });

    // 23:00 on 13 March in Damascus: 8 days to the 21st (in UTC it would already be 7 to the 20th).
    await run("2027-03-13T20:00:00Z");
    expect(await reminders()).toEqual([]);
    // 00:15 on the 14th in Damascus: the 7-day reminder, to each contact with an address, whatever the
    // order the days were written in; later ticks that day and the next days add nothing.
    await db.prisma.conference.update({ where: { id: fx.conferenceId }, data: { reminderDays: [2, 7] } });
    await run("2027-03-13T21:15:00Z");
    await run("2027-03-13T21:16:00Z");
    await run("2027-03-15T09:00:00Z");
    expect((await reminders()).sort()).toEqual(["reminder:A:7:2027-03-21", "reminder:A:7:2027-03-21", "reminder:LATE:7:2027-03-21"]);
    const first = await db.prisma.outboxMail.findFirstOrThrow({ where: { kind: "invitation.reminder", toAddress: "first-reminded@example.org" } });
    expect(first.subject).toBe("تذكير: تأكيد المشاركة في مؤتمر الاختبار قبل 21 آذار 2027");
    expect(first.text).toContain("الأيام المتبقية: 7");
    expect(first.html).toContain('dir="rtl"');
    expect(first.text).toContain("https://tawafuq.test/invitations");

    // The 2-day reminder on the 19th (Damascus), once across restarts; never the 7-day one again after it.
    await run("2027-03-18T21:05:00Z");
    await run("2027-03-19T12:00:00Z");
    await run("2027-03-20T21:00:00Z");
    const all = (await reminders()).sort();
    expect(all).toEqual(["reminder:A:2:2027-03-21", "reminder:A:2:2027-03-21", "reminder:A:7:2027-03-21", "reminder:A:7:2027-03-21", "reminder:LATE:2:2027-03-21", "reminder:LATE:7:2027-03-21"]);
    // After the deadline, and for those who answered, nothing.
    await run("2027-03-21T08:00:00Z");
    expect((await reminders()).length).toBe(all.length);
    expect(await db.prisma.outboxMail.count({ where: { kind: "invitation.reminder", toAddress: { in: ["confirmed@example.org", "declined@example.org"] } } })).toBe(0);

    // A force that only hears of it after a restart on the 2-day day gets the 2-day reminder, never the 7-day one.
    const restarted = await invited([{ name: "بعد الإقلاع", email: "restarted@example.org" }], "SENT", "2027-04-10T20:59:59.999Z");
    await run("2027-04-08T10:00:00Z");
    await run("2027-04-09T10:00:00Z");
    expect((await db.prisma.outboxMail.findMany({ where: { subjectId: restarted.inv.id, kind: "invitation.reminder" } })).map((m) => m.dedupeKey!.split(":")[2])).toEqual(["2"]);
    // The ticker runs it among its jobs.
    expect(scheduledJobs.map((j) => j.name)).toEqual(expect.arrayContaining(["invitation.reminders", "invitation.overdueDigest"]));
    // A reminder day on or before the day the invitation was sent is left out: the letter just said it.
    const fresh = await invited([{ name: "جديد", email: "fresh@example.org" }], "SENT", new Date(Date.now() + 3 * 86400_000).toISOString());
    await run(new Date().toISOString());
    expect(await db.prisma.outboxMail.count({ where: { subjectId: fresh.inv.id, kind: "invitation.reminder" } })).toBe(0);
  });

  it("a run longer than one chunk queues every reminder once, and a second run none", async () => {
    const many = Array.from({ length: 2 * REMINDER_CHUNK + 5 }, (_, i) => ({ name: `جهة ${i}`, email: `chunked-${i}@example.org` }));
    const { inv } = await invited(many, "SENT", "2027-05-20T21:30:00.000Z");
    const run = () => sendConfirmationReminders({ prisma: db.prisma, mail, now: new Date("2027-05-14T09:00:00Z") });
    expect(await run()).toBe(many.length);
    expect(await run()).toBe(0);
    const queued = await db.prisma.outboxMail.findMany({ where: { kind: "invitation.reminder", subjectId: inv.id }, select: { toAddress: true } });
    expect(queued.map((m) => m.toAddress).sort()).toEqual(many.map((c) => c.email).sort());
  });

  it("tells each organizer once a day what is overdue, and nothing when nothing is", async () => {
    const other = await pipelineFixture(db.prisma, `digest-${backend}`);
    const overdue = await invited([{ name: "متأخر", email: "overdue@example.org" }], "SENT", "2027-06-01T12:00:00.000Z", other);
    const onTime = await invited([{ name: "في الوقت", email: "ontime@example.org" }], "SENT", "2027-07-01T12:00:00.000Z", other);
    await invited([{ name: "مؤكد", email: "done@example.org" }], "CONFIRMED", "2027-05-01T12:00:00.000Z", other);
    const digests = () => db.prisma.outboxMail.findMany({ where: { kind: "invitation.overdueDigest", conferenceId: other.conferenceId }, orderBy: { toAddress: "asc" } });
    const run = (iso: string) => sendOverdueDigests({ prisma: db.prisma, mail, now: new Date(iso) });
    await run("2027-05-30T10:00:00Z");
    expect(await digests()).toEqual([]);
    await run("2027-06-02T06:00:00Z");
    await run("2027-06-02T18:00:00Z");
    const day1 = await digests();
    expect(day1.map((m) => m.toAddress)).toEqual([`organizer-digest-${backend}@example.org`, `organizer2-digest-${backend}@example.org`]);
    expect(day1[0]!.text).toContain(overdue.nameAr);
    expect(day1[0]!.text).not.toContain(onTime.nameAr);
    expect(day1[0]!.subject).toContain("(1)");
    expect(day1[0]!.text).toContain("https://tawafuq.test/invitations/attention");
    await run("2027-06-03T06:00:00Z");
    expect((await digests()).length).toBe(4);
    // Recorded as no response: nothing overdue any more, no digest.
    await transitionInvitation(db.prisma, other.organizer, overdue.inv.id, { to: "NO_RESPONSE", version: (await getInvitation(db.prisma, other.organizer, overdue.inv.id)).version });
    await run("2027-06-04T06:00:00Z");
    expect((await digests()).length).toBe(4);
  });

  it("published decisions reach the contacts of confirmed forces only", async () => {
    const conf = await pipelineFixture(db.prisma, `decisions-${backend}`);
    const yes = await invited([{ name: "مؤكد", email: "yes@example.org" }, { name: "Yes Too", email: "yes-too@example.org", locale: "en" }], "CONFIRMED", "2027-05-01T12:00:00.000Z", conf);
    await invited([{ name: "حضر", email: "attended@example.org", locale: "ku" }], "ATTENDED", "2027-05-01T12:00:00.000Z", conf);
    await invited([{ name: "لم يرد", email: "pending@example.org" }], "SENT", "2027-05-01T12:00:00.000Z", conf);
    await invited([{ name: "اعتذر", email: "no@example.org" }], "DECLINED", "2027-05-01T12:00:00.000Z", conf);
    const at = new Date("2027-04-01T09:00:00Z");
    const deps = { prisma: db.prisma, papers: dbPaperStore(db.prisma), now: () => at, mail };
    await publishDecisions(deps, conf.committee, conf.conferenceId);
    const sent = await db.prisma.outboxMail.findMany({ where: { kind: "decisions.published", conferenceId: conf.conferenceId }, orderBy: { toAddress: "asc" } });
    expect(sent.map((m) => [m.toAddress, m.locale])).toEqual([
      ["attended@example.org", "ku"],
      ["yes-too@example.org", "en"],
      ["yes@example.org", "ar"],
    ]);
    const yesContact = await db.prisma.contact.findFirstOrThrow({ where: { forceId: yes.forceId, email: "yes@example.org" } });
    expect(sent[2]!.dedupeKey).toBe(`decisions:${conf.conferenceId}:${at.toISOString()}:${yesContact.id}`);
    expect(sent[2]!.text).toContain("التعديلات المقبولة: 0");
    expect(sent[2]!.html).toContain('dir="rtl"');
    // Publishing again at the same instant writes nothing twice; a refused publication writes nothing.
    await publishDecisions(deps, conf.committee, conf.conferenceId);
    await expect(publishDecisions(deps, conf.delegate, conf.conferenceId)).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.prisma.outboxMail.count({ where: { kind: "decisions.published", conferenceId: conf.conferenceId } })).toBe(3);
  });
});
