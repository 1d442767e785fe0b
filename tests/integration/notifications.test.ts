// Notices to members (issue 18, ADR 0051) on real PGlite and PostgreSQL: who hears of an amendment's
// changes and messages and who never does (other forces, observers, the actor, internal notes), the
// preferences (off, in-app, mail now, digest), the daily digest once a day, follow-ups and plan items
// once per due day in the conference's zone, and one's own notices only.
import { randomBytes } from "node:crypto";
import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { makeWorld, type World } from "../helpers/amendments-world.js";
import { DomainError } from "../../app/domain/errors.js";
import { rooms } from "../../app/domain/rooms.js";
import { toDbDate } from "../../app/domain/due-dates.js";
import { addComment, createAmendment, publishDecisions, recommend, transition } from "../../app/domain/amendments.server.js";
import { digestJob, followUpDueJob, planOverdueJob } from "../../app/domain/notifications/jobs.server.js";
import { listNotices, markAllRead, markRead, unreadCount } from "../../app/domain/notifications/inbox.server.js";
import { getPreferences, setPreferences } from "../../app/domain/notifications/preferences.server.js";
import { scheduledJobs } from "../../app/domain/mail/scheduled.server.js";
import type { JobContext } from "../../app/domain/mail/scheduled.server.js";

const mail = { appUrl: "https://tawafuq.example", linkKey: randomBytes(32) };

async function rejects(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err, `expected a ${code} error`).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe(code);
}

describe.each(backends)("notifications on %s", (backend) => {
  let db: TestDb;
  let w: World;
  beforeAll(async () => {
    db = await freshDb(backend);
  });
  afterAll(async () => db?.destroy());
  beforeEach(async () => {
    w = await makeWorld(db.prisma);
    w.deps.mail = mail;
    // The world's staff hold no second factor: this conference does not ask for one (one test below does).
    await db.prisma.conference.update({ where: { id: w.conferenceId }, data: { requireSecondFactor: false } });
  });

  type Who = keyof World["actors"];
  const everyone: Who[] = ["organizer", "committee", "observer", "a1", "a2", "b1"];
  const notices = (who: Who, kind?: string) =>
    db.prisma.notification.findMany({ where: { userId: w.actors[who].id, conferenceId: w.conferenceId, ...(kind ? { kind } : {}) }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const mails = (who: Who) => db.prisma.outboxMail.findMany({ where: { userId: w.actors[who].id, conferenceId: w.conferenceId }, orderBy: { createdAt: "asc" } });
  /** Who received a notice of `kind` (in the order of `everyone`). */
  const told = async (kind: string) => {
    const out: Who[] = [];
    for (const who of everyone) if ((await notices(who, kind)).length) out.push(who);
    return out;
  };
  /** Forgets the notices (and announcements) so far, to look at the next step's alone. */
  const clear = async () => {
    w.emitted.length = 0;
    await db.prisma.notification.deleteMany({ where: { conferenceId: w.conferenceId } });
  };
  const propose = async (phrase: string, who: Who = "a1") =>
    createAmendment(w.deps, w.actors[who], w.paperId, { type: "REPLACE", ...(await w.at(phrase)), proposedText: "نص بديل", rationale: "لأن" });
  const submitted = async (phrase: string) => {
    const a = await propose(phrase);
    await transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED" });
    return a;
  };
  const job = (now: Date): JobContext => ({ prisma: db.prisma, mail, realtime: { emit: (room, event, payload) => w.emitted.push({ room, event, payload }) }, now });

  describe("amendments", () => {
    it("a submission: the force's other delegates (mail now) and the committee (digest); never the actor, another force or an observer", async () => {
      const a = await submitted("رئاسة مشتركة");
      expect(await told("amendment.changed")).toEqual(["a2"]);
      expect(await told("amendment.submitted")).toEqual(["organizer", "committee"]);
      const [n] = await notices("a2", "amendment.changed");
      expect(n).toMatchObject({ link: `/amendments/${a.id}`, params: { event: "submitted", state: "SUBMITTED", paper: "ورقة العمل", force: { ar: "حزب الأفق" } } });
      expect(n!.mailedAt).not.toBeNull();
      // Mail now, in the recipient's language, with the link to the amendment and to the preferences.
      const [m] = await mails("a2");
      expect(m).toMatchObject({ kind: "notification", locale: "ar", toAddress: `a2-${w.conferenceId}@example.org`, state: "QUEUED" });
      expect(m!.subject).toContain("قُدِّم تعديل حزب الأفق");
      expect(m!.text).toContain(`https://tawafuq.example/amendments/${a.id}`);
      expect(m!.text).toContain("https://tawafuq.example/notifications/preferences");
      expect(m!.html).toContain('dir="rtl"');
      // The committee's default is the digest: a row that waits, no mail yet.
      const [c] = await notices("committee", "amendment.submitted");
      expect(c!.mailedAt).toBeNull();
      expect(await mails("committee")).toEqual([]);
      // Open pages of each recipient hear the new count; the actor's do not.
      expect(w.emitted).toContainEqual({ room: rooms.user(w.actors.a2.id), event: "notification.new", payload: { unread: 1 } });
      expect(w.emitted.some((e) => e.room === rooms.user(w.actors.a1.id))).toBe(false);
    });

    it("under review, decided, merged: every delegate of the force but the actor; no reason or note in the notice", async () => {
      const a = await submitted("العلاقات العامة");
      await clear();
      await transition(w.deps, w.actors.committee, a.id, { to: "UNDER_REVIEW", note: "ملاحظة داخلية" });
      expect(await told("amendment.changed")).toEqual(["a1", "a2"]);
      await transition(w.deps, w.actors.committee, a.id, { to: "ACCEPTED", note: "سبب القرار السري" });
      await transition(w.deps, w.actors.organizer, a.id, { to: "MERGED" });
      const events = (await notices("a1", "amendment.changed")).map((n) => [(n.params as { event: string }).event, (n.params as { state: string }).state]);
      expect(events).toEqual([
        ["underReview", "UNDER_REVIEW"],
        ["decided", "ACCEPTED"],
        ["merged", "MERGED"],
      ]);
      expect(await told("amendment.changed")).toEqual(["a1", "a2"]);
      const all = await db.prisma.notification.findMany({ where: { conferenceId: w.conferenceId } });
      expect(JSON.stringify(all.map((n) => n.params))).not.toMatch(/سبب القرار السري|ملاحظة داخلية/);
      expect((await mails("a1")).map((m) => m.subject).join("\n")).not.toMatch(/سبب القرار السري/);
    });

    it("a recommendation reaches the force only once decisions are published; before, only 'under review'", async () => {
      const a = await submitted("رئاسة مشتركة");
      await clear();
      await recommend(w.deps, w.actors.committee, a.id, { recommendation: "REJECT", note: "ضعيف" });
      const before = await notices("a1", "amendment.changed");
      expect(before.map((n) => n.params)).toEqual([expect.objectContaining({ event: "underReview", state: "UNDER_REVIEW" })]);
      expect(JSON.stringify(before[0]!.params)).not.toMatch(/REJECT|ضعيف/);
      // Under review already, a recommendation before publication tells the force nothing.
      await recommend(w.deps, w.actors.committee, a.id, { recommendation: "ACCEPT" });
      expect(await notices("a1", "amendment.changed")).toHaveLength(1);

      await publishDecisions(w.deps, w.actors.organizer, w.conferenceId);
      await clear();
      await recommend(w.deps, w.actors.committee, a.id, { recommendation: "ACCEPT_WITH_CHANGES", note: "بتعديل" });
      const [after] = await notices("a2", "amendment.changed");
      expect(after!.params).toMatchObject({ event: "recommended", recommendation: "ACCEPT_WITH_CHANGES" });
      expect(JSON.stringify(after!.params)).not.toContain("بتعديل");
      expect(await told("amendment.changed")).toEqual(["a1", "a2"]);
    });

    it("messages: the committee's to the force's delegates, the force's to the committee; internal notes to no one", async () => {
      const a = await submitted("رئاسة مشتركة");
      await clear();
      await addComment(w.deps, w.actors.committee, a.id, { body: "ملاحظة داخلية للجنة فقط", internal: true });
      expect(await db.prisma.notification.count({ where: { conferenceId: w.conferenceId } })).toBe(0);
      expect(w.emitted.filter((e) => e.event === "notification.new" && [w.actors.a1.id, w.actors.a2.id].some((id) => e.room === rooms.user(id)))).toHaveLength(0);

      await addComment(w.deps, w.actors.committee, a.id, { body: "هل يمكن توضيح المقترح؟", internal: false });
      expect(await told("amendment.comment")).toEqual(["a1", "a2"]);
      const [n] = await notices("a1", "amendment.comment");
      // Which side wrote, never who nor the words (they would outlive an erasure of the author).
      expect(n!.params).toMatchObject({ from: "committee" });
      expect(JSON.stringify(n!.params)).not.toMatch(/user committee|توضيح/);
      // In-app by default: no mail.
      expect(await mails("a1")).toEqual([]);

      await clear();
      await addComment(w.deps, w.actors.a1, a.id, { body: "نعم، نقصد اللجان كلها", internal: false });
      expect(await told("amendment.comment")).toEqual(["organizer", "committee"]);
    });

    it("published decisions: every member but the one who published", async () => {
      await publishDecisions(w.deps, w.actors.committee, w.conferenceId);
      expect(await told("decisions.published")).toEqual(["organizer", "observer", "a1", "a2", "b1"]);
      const [n] = await notices("b1", "decisions.published");
      expect(n).toMatchObject({ link: "/amendments", readAt: null });
    });

    it("disabled accounts and members the policy refuses get nothing", async () => {
      await db.prisma.user.update({ where: { id: w.actors.a2.id }, data: { disabledAt: new Date() } });
      // The committee member has no second factor, which this conference now requires.
      await db.prisma.conference.update({ where: { id: w.conferenceId }, data: { requireSecondFactor: true } });
      await db.prisma.user.update({ where: { id: w.actors.organizer.id }, data: { totpConfirmedAt: new Date() } });
      await submitted("رئاسة مشتركة");
      expect(await told("amendment.changed")).toEqual([]);
      expect(await told("amendment.submitted")).toEqual(["organizer"]);
    });
  });

  describe("preferences", () => {
    it("off, in-app, mail now, digest: nothing, a row, a row and a mail, a row that waits", async () => {
      const set = (who: Who, channel: string) => setPreferences(db.prisma, w.actors[who], w.conferenceId, { "amendment.comment": channel });
      await set("organizer", "OFF");
      await set("committee", "MAIL");
      await db.prisma.user.update({ where: { id: w.actors.committee.id }, data: { locale: "en" } });
      const a = await submitted("رئاسة مشتركة");
      await clear();
      await addComment(w.deps, w.actors.a1, a.id, { body: "سؤال", internal: false });
      expect(await notices("organizer")).toEqual([]);
      const [n] = await notices("committee", "amendment.comment");
      expect(n!.mailedAt).not.toBeNull();
      const [m] = (await mails("committee")).filter((x) => x.subject.includes("New message"));
      expect(m).toMatchObject({ locale: "en" });
      expect(m!.subject).toContain("New message in the discussion of حزب الأفق's amendment");
      expect(m!.html).toContain('dir="ltr"');
      expect(m!.text).toContain("Written by the amendment's force.");
      expect(m!.text).not.toContain("سؤال");

      await set("committee", "DIGEST");
      await set("organizer", "IN_APP");
      await addComment(w.deps, w.actors.a1, a.id, { body: "سؤال آخر", internal: false });
      const [, digest] = await notices("committee", "amendment.comment");
      expect(digest!.mailedAt).toBeNull();
      const [inApp] = await notices("organizer", "amendment.comment");
      expect(inApp!.mailedAt).not.toBeNull();
      expect((await mails("organizer")).length).toBe(0);
      expect((await mails("committee")).length).toBe(1);
    });

    it("defaults per kind; unknown kinds and channels refused whole, nothing saved; saving is audited", async () => {
      const prefs = await getPreferences(db.prisma, w.actors.a1, w.conferenceId);
      expect(prefs).toMatchObject({ "amendment.changed": "MAIL", "amendment.comment": "IN_APP", "amendment.submitted": "DIGEST", "followup.due": "MAIL", "plan.overdue": "MAIL", "decisions.published": "IN_APP" });
      await rejects(setPreferences(db.prisma, w.actors.a1, w.conferenceId, { "amendment.changed": "OFF", "amendment.nonsense": "MAIL" }), "bad_request");
      await rejects(setPreferences(db.prisma, w.actors.a1, w.conferenceId, { "amendment.changed": "LOUD" }), "bad_request");
      expect(await db.prisma.notificationPreference.count({ where: { userId: w.actors.a1.id } })).toBe(0);
      // Another conference's member may not set them here.
      await rejects(setPreferences(db.prisma, { id: w.actors.a1.id, memberships: [] }, w.conferenceId, { "amendment.changed": "OFF" }), "forbidden");

      await setPreferences(db.prisma, w.actors.a1, w.conferenceId, { "amendment.changed": "OFF", "amendment.comment": "IN_APP" }, { ip: "203.0.113.9" });
      expect(await db.prisma.notificationPreference.findMany({ where: { userId: w.actors.a1.id }, select: { kind: true, channel: true } })).toEqual([{ kind: "amendment.changed", channel: "OFF" }]);
      const audit = await db.prisma.auditEvent.findFirst({ where: { action: "notifications.preferences", actorId: w.actors.a1.id } });
      expect(audit).toMatchObject({ ip: "203.0.113.9", data: { changed: { "amendment.changed": "OFF" } } });
      // Back to the default: the row goes.
      await setPreferences(db.prisma, w.actors.a1, w.conferenceId, { "amendment.changed": "MAIL" });
      expect(await db.prisma.notificationPreference.count({ where: { userId: w.actors.a1.id } })).toBe(0);
    });
  });

  describe("scheduled", () => {
    it("the daily digest: from 08:00 in the conference's zone, once a day across runs, the next day's for later notices", async () => {
      await db.prisma.conference.update({ where: { id: w.conferenceId }, data: { timeZone: "Asia/Damascus" } });
      await submitted("رئاسة مشتركة");
      const committeeDigests = async () => (await mails("committee")).filter((m) => m.kind === "digest");
      // 07:30 in Damascus (UTC+3): not yet.
      await digestJob.run(job(new Date("2027-03-10T04:30:00Z")));
      expect(await committeeDigests()).toEqual([]);
      // 08:05: one digest; again and again the same day: still one.
      await digestJob.run(job(new Date("2027-03-10T05:05:00Z")));
      await digestJob.run(job(new Date("2027-03-10T05:06:00Z")));
      await digestJob.run(job(new Date("2027-03-10T20:59:00Z")));
      const [d] = await committeeDigests();
      expect(await committeeDigests()).toHaveLength(1);
      expect(d).toMatchObject({ dedupeKey: `digest:${w.actors.committee.id}:2027-03-10`, locale: "ar" });
      expect(d!.text).toContain("تعديل جديد من حزب الأفق");
      expect((await notices("committee", "amendment.submitted"))[0]!.mailedAt).not.toBeNull();
      // A notice after today's digest waits for tomorrow's (21:30 Damascus is still the 10th).
      await submitted("لجان متخصصة");
      await digestJob.run(job(new Date("2027-03-10T18:30:00Z")));
      expect(await committeeDigests()).toHaveLength(1);
      // The organizer read theirs in the app meanwhile: no digest for it.
      await markAllRead(db.prisma, w.actors.organizer, w.conferenceId);
      await digestJob.run(job(new Date("2027-03-11T05:00:00Z")));
      const digests = await committeeDigests();
      expect(digests.map((m) => m.dedupeKey)).toEqual([`digest:${w.actors.committee.id}:2027-03-10`, `digest:${w.actors.committee.id}:2027-03-11`]);
      expect(digests[1]!.subject).toContain("(1)");
      expect(await db.prisma.notification.count({ where: { userId: w.actors.committee.id, mailedAt: null } })).toBe(0);
      expect((await mails("organizer")).map((m) => m.dedupeKey)).toEqual([`digest:${w.actors.organizer.id}:2027-03-10`]);
    });

    it("a follow-up due: its owner, on the due day of the conference's zone, once per due day", async () => {
      await db.prisma.conference.update({ where: { id: w.conferenceId }, data: { timeZone: "Asia/Damascus" } });
      const entry = await db.prisma.outreachEntry.create({
        data: { conferenceId: w.conferenceId, occurredOn: toDbDate("2027-03-01"), channel: "CALL", summary: "اتصال", followUp: "إرسال الورقة المعدلة", followUpDue: toDbDate("2027-03-10"), followUpOwnerId: w.actors.committee.id, createdById: w.actors.organizer.id },
      });
      // 23:30 on the 9th in Damascus (20:30 UTC): not yet due.
      await followUpDueJob.run(job(new Date("2027-03-09T20:30:00Z")));
      expect(await notices("committee", "followup.due")).toEqual([]);
      // 00:30 on the 10th in Damascus, still the 9th in UTC: due.
      await followUpDueJob.run(job(new Date("2027-03-09T21:30:00Z")));
      await followUpDueJob.run(job(new Date("2027-03-10T09:00:00Z")));
      await followUpDueJob.run(job(new Date("2027-03-12T09:00:00Z")));
      const ns = await notices("committee", "followup.due");
      expect(ns).toHaveLength(1);
      expect(ns[0]).toMatchObject({ link: `/outreach/${entry.id}`, params: { followUp: "إرسال الورقة المعدلة", due: "2027-03-10" } });
      expect((await mails("committee")).filter((m) => m.kind === "notification")).toHaveLength(1);
      expect(w.emitted).toContainEqual({ room: rooms.user(w.actors.committee.id), event: "notification.new", payload: { unread: 1 } });
      // A new due day is a new reminder; a done follow-up none.
      await db.prisma.outreachEntry.update({ where: { id: entry.id }, data: { followUpDue: toDbDate("2027-03-14") } });
      await followUpDueJob.run(job(new Date("2027-03-14T06:00:00Z")));
      expect(await notices("committee", "followup.due")).toHaveLength(2);
      await db.prisma.outreachEntry.update({ where: { id: entry.id }, data: { followUpDue: toDbDate("2027-03-15"), followUpDoneAt: new Date() } });
      await followUpDueJob.run(job(new Date("2027-03-16T06:00:00Z")));
      expect(await notices("committee", "followup.due")).toHaveLength(2);
    });

    it("a plan item overdue: its owner once per due day, from the day after in the conference's zone; never done or dropped ones, never an owner who may not read plans", async () => {
      await db.prisma.conference.update({ where: { id: w.conferenceId }, data: { timeZone: "America/New_York" } });
      const item = await db.prisma.planItem.create({ data: { conferenceId: w.conferenceId, horizon: "SHORT", goal: "زيارة الممثليات", ownerId: w.actors.organizer.id, dueOn: toDbDate("2027-03-10") } });
      await db.prisma.planItem.create({ data: { conferenceId: w.conferenceId, horizon: "SHORT", goal: "منجز", ownerId: w.actors.organizer.id, dueOn: toDbDate("2027-03-01"), status: "DONE" } });
      await db.prisma.planItem.create({ data: { conferenceId: w.conferenceId, horizon: "SHORT", goal: "متروك", ownerId: w.actors.organizer.id, dueOn: toDbDate("2027-03-01"), status: "DROPPED" } });
      await db.prisma.planItem.create({ data: { conferenceId: w.conferenceId, horizon: "SHORT", goal: "لمندوب", ownerId: w.actors.a1.id, dueOn: toDbDate("2027-03-01") } });
      // 02:00 UTC on the 11th is still the 10th in New York: due today, not overdue.
      await planOverdueJob.run(job(new Date("2027-03-11T02:00:00Z")));
      expect(await notices("organizer", "plan.overdue")).toEqual([]);
      await planOverdueJob.run(job(new Date("2027-03-11T05:30:00Z")));
      await planOverdueJob.run(job(new Date("2027-03-11T06:30:00Z")));
      await planOverdueJob.run(job(new Date("2027-03-20T06:30:00Z")));
      const ns = await notices("organizer", "plan.overdue");
      expect(ns.map((n) => n.link)).toEqual([`/plans/${item.id}`]);
      expect(ns[0]!.params).toMatchObject({ goal: "زيارة الممثليات", due: "2027-03-10" });
      expect(await notices("a1", "plan.overdue")).toEqual([]);
    });

    it("the ticker runs the notification jobs, due notices before the digest", () => {
      const names = scheduledJobs.map((j) => j.name);
      expect(names.indexOf("notifications.followUpDue")).toBeGreaterThanOrEqual(0);
      expect(names.indexOf("notifications.planOverdue")).toBeLessThan(names.indexOf("notifications.digest"));
      expect(names.indexOf("notifications.followUpDue")).toBeLessThan(names.indexOf("notifications.digest"));
    });
  });

  describe("one's own notices", () => {
    it("list newest first with unread marked; mark read only one's own (another's is not found, nothing changes); mark all read", async () => {
      await publishDecisions(w.deps, w.actors.committee, w.conferenceId);
      const a = await submitted("رئاسة مشتركة");
      await addComment(w.deps, w.actors.committee, a.id, { body: "سؤال", internal: false });
      const list = await listNotices(db.prisma, w.actors.a2, w.conferenceId, { page: 1, locale: "en" });
      expect(list.items.map((n) => n.kind)).toEqual(["amendment.comment", "amendment.changed", "decisions.published"]);
      expect(list.items[2]!.title).toBe("The committee published its decisions on the amendments");
      expect(list).toMatchObject({ unread: 3, total: 3, page: 1, pages: 1 });

      const others = await notices("b1");
      await rejects(markRead(db.prisma, w.actors.a2, w.conferenceId, [list.items[0]!.id, others[0]!.id]), "not_found");
      expect(await unreadCount(db.prisma, w.actors.a2.id)).toBe(3);
      expect((await db.prisma.notification.findUniqueOrThrow({ where: { id: others[0]!.id } })).readAt).toBeNull();
      await rejects(markRead(db.prisma, w.actors.a2, w.conferenceId, ["bad id!"]), "bad_request");

      expect(await markRead(db.prisma, w.actors.a2, w.conferenceId, [list.items[0]!.id])).toBe(1);
      expect(await unreadCount(db.prisma, w.actors.a2.id)).toBe(2);
      expect(await markAllRead(db.prisma, w.actors.a2, w.conferenceId)).toBe(2);
      expect(await unreadCount(db.prisma, w.actors.a2.id)).toBe(0);
      expect(await unreadCount(db.prisma, w.actors.b1.id)).toBe(1);
    });
  });
});
