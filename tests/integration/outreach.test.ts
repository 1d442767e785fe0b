// Outreach log on real PGlite and PostgreSQL: entry rules, follow-ups due and overdue with the clock
// injected, completion, the per-force timeline's merge order, and who may do what.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { demoWorld, type DemoWorld } from "../helpers/coordination.js";
import { createOutreach, deleteOutreach, forceTimeline, getOutreach, listOutreach, openFollowUps, setFollowUpDone, updateOutreach } from "~/domain/outreach.server";
import { DomainError } from "~/domain/errors";
import { nameKey } from "~/domain/arabic";

const tz = "Asia/Damascus";
// 09:00 in Damascus on 10 December 2026.
const clock = { now: new Date("2026-12-10T06:00:00Z"), timeZone: tz };
const nextDay = { now: new Date("2026-12-11T06:00:00Z"), timeZone: tz };

async function rejects(p: Promise<unknown>, code: string, field?: string, rule?: string) {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err, "expected a DomainError").toBeInstanceOf(DomainError);
  expect(err.code).toBe(code);
  if (field) expect(err.details?.fieldErrors?.[field]).toContain(rule);
}

describe.each(backends)("outreach on %s", (backend) => {
  let db: TestDb;
  let w: DemoWorld;
  let tribe: string;
  beforeAll(async () => {
    db = await freshDb(backend);
    w = await demoWorld(db.prisma);
    tribe = w.force("Green Valley Tribe");
  });
  afterAll(async () => db?.destroy());

  const meeting = (over: Record<string, unknown> = {}) => ({
    occurredOn: "2026-12-09",
    channel: "MEETING",
    participants: "عضو اللجنة، منسق المؤتمر",
    summary: "اجتماع مع شيخ العشيرة حول المشاركة في المؤتمر",
    ...over,
  });

  it("logs a meeting with a person of a force and takes the force from the person", async () => {
    const contact = await db.prisma.contact.findFirstOrThrow({ where: { forceId: tribe } });
    const e = await createOutreach(db.prisma, w.actors.committee, w.conferenceId, meeting({ contactId: contact.id, outcome: "وافق مبدئياً" }), clock);
    expect(e.force?.id).toBe(tribe);
    expect(e.contact?.name).toBe("الشيخ فهد الراشد");
    expect(e.occurredOn).toBe("2026-12-09");
    expect(e.followUp).toBeNull();
    expect(e.createdBy?.name).toBe(w.actors.committee.name);
    expect((await getOutreach(db.prisma, w.actors.observer, e.id, clock)).summary).toBe(e.summary);
  });

  it("refuses bad entries with a field and a rule, and writes nothing", async () => {
    const before = await db.prisma.outreachEntry.count();
    const c = w.actors.organizer;
    const otherContact = await db.prisma.contact.findFirstOrThrow({ where: { forceId: w.force("Democratic Horizon Party") } });
    await rejects(createOutreach(db.prisma, c, w.conferenceId, meeting(), clock), "bad_request", "forceId", "withWhom");
    await rejects(createOutreach(db.prisma, c, w.conferenceId, meeting({ forceId: tribe, contactId: otherContact.id }), clock), "bad_request", "contactId", "contactOfOtherForce");
    await rejects(createOutreach(db.prisma, c, w.conferenceId, meeting({ forceId: tribe, occurredOn: "2026-12-11" }), clock), "bad_request", "occurredOn", "inFuture");
    await rejects(createOutreach(db.prisma, c, w.conferenceId, meeting({ forceId: tribe, followUp: "إرسال الدعوة" }), clock), "bad_request", "followUpDue", "followUpIncomplete");
    await rejects(
      createOutreach(db.prisma, c, w.conferenceId, meeting({ forceId: tribe, followUp: "إرسال الدعوة", followUpDue: "2026-12-12" }), clock),
      "bad_request",
      "followUpOwnerId",
      "followUpIncomplete",
    );
    await rejects(
      createOutreach(db.prisma, c, w.conferenceId, meeting({ forceId: tribe, followUp: "x", followUpDue: "2026-12-08", followUpOwnerId: c.id }), clock),
      "bad_request",
      "followUpDue",
      "dueBeforeOutreach",
    );
    await rejects(
      createOutreach(db.prisma, c, w.conferenceId, meeting({ forceId: tribe, followUp: "x", followUpDue: "2026-12-12", followUpOwnerId: w.actors.delegate.id }), clock),
      "bad_request",
      "followUpOwnerId",
      "ownerNotAllowed",
    );
    await rejects(
      createOutreach(db.prisma, c, w.conferenceId, meeting({ forceId: tribe, followUp: "x", followUpDue: "2026-12-12", followUpOwnerId: w.outsider.id }), clock),
      "bad_request",
      "followUpOwnerId",
      "ownerNotAllowed",
    );
    await rejects(createOutreach(db.prisma, c, w.conferenceId, meeting({ forceId: "nope" }), clock), "bad_request", "forceId", "notFound");
    await rejects(createOutreach(db.prisma, c, w.conferenceId, meeting({ forceId: tribe, summary: "   " }), clock), "bad_request", "summary", "required");
    await rejects(createOutreach(db.prisma, c, w.conferenceId, meeting({ forceId: tribe, channel: "PIGEON" }), clock), "bad_request", "channel", "invalidChoice");
    await rejects(createOutreach(db.prisma, c, w.conferenceId, meeting({ forceId: tribe, occurredOn: "2026-02-30" }), clock), "bad_request", "occurredOn", "invalidDate");
    await rejects(createOutreach(db.prisma, c, w.conferenceId, meeting({ forceId: tribe, summary: "س".repeat(10_001) }), clock), "bad_request", "summary", "tooLong");
    expect(await db.prisma.outreachEntry.count()).toBe(before);
  });

  it("lets organizers and the committee write, observers read, delegates and outsiders nothing", async () => {
    await rejects(createOutreach(db.prisma, w.actors.observer, w.conferenceId, meeting({ forceId: tribe }), clock), "forbidden");
    await rejects(createOutreach(db.prisma, w.actors.delegate, w.conferenceId, meeting({ forceId: tribe }), clock), "forbidden");
    await rejects(listOutreach(db.prisma, w.actors.delegate, w.conferenceId), "forbidden");
    await rejects(listOutreach(db.prisma, w.outsider, w.conferenceId), "forbidden");
    const e = await createOutreach(db.prisma, w.actors.committee2, w.conferenceId, meeting({ forceId: tribe, channel: "CALL" }), clock);
    await rejects(getOutreach(db.prisma, w.actors.delegate, e.id), "not_found");
    await rejects(getOutreach(db.prisma, w.outsider, e.id), "not_found");
    await rejects(deleteOutreach(db.prisma, w.actors.observer, e.id), "forbidden");
    expect((await listOutreach(db.prisma, w.actors.observer, w.conferenceId, { channel: "CALL" })).entries.map((x) => x.id)).toContain(e.id);
    await deleteOutreach(db.prisma, w.actors.committee, e.id);
    await rejects(getOutreach(db.prisma, w.actors.committee, e.id), "not_found");
    expect(await db.prisma.auditEvent.count({ where: { action: "outreach.delete", subjectId: e.id } })).toBe(1);
  });

  it("lists an owner's follow-ups by due day and turns one overdue the day after it was due", async () => {
    const owner = w.actors.committee2;
    const mk = (due: string, what: string) =>
      createOutreach(db.prisma, w.actors.organizer, w.conferenceId, meeting({ forceId: tribe, followUp: what, followUpDue: due, followUpOwnerId: owner.id }), clock);
    const later = await mk("2026-12-30", "زيارة ميدانية");
    const today = await mk("2026-12-10", "إرسال نص الدعوة");
    const soon = await mk("2026-12-12", "اتصال للتأكيد");
    expect(today.followUp).toMatchObject({ due: "2026-12-10", state: "today", owner: { id: owner.id } });

    const mine = await openFollowUps(db.prisma, owner, w.conferenceId, { ownerId: owner.id }, clock);
    expect(mine.map((e) => e.id)).toEqual([today.id, soon.id, later.id]);
    expect(mine.map((e) => e.followUp!.state)).toEqual(["today", "soon", "later"]);
    expect((await openFollowUps(db.prisma, owner, w.conferenceId, { ownerId: owner.id, withinDays: 7 }, clock)).map((e) => e.id)).toEqual([today.id, soon.id]);

    const dueNow = await openFollowUps(db.prisma, w.actors.observer, w.conferenceId, { dueNowOnly: true }, nextDay);
    expect(dueNow.map((e) => e.id)).toEqual([today.id]);
    expect(dueNow[0]!.followUp!.state).toBe("overdue");
    // Nobody else's list shows it.
    expect((await openFollowUps(db.prisma, owner, w.conferenceId, { ownerId: w.actors.committee.id }, clock)).map((e) => e.id)).not.toContain(today.id);

    // Completed: off the lists, never overdue; reopened: back.
    const done = await setFollowUpDone(db.prisma, owner, today.id, true, nextDay);
    expect(done.followUp).toMatchObject({ state: "done", doneBy: { id: owner.id } });
    expect(await setFollowUpDone(db.prisma, owner, today.id, true, nextDay)).toMatchObject({ followUp: { doneAt: done.followUp!.doneAt } });
    expect((await openFollowUps(db.prisma, owner, w.conferenceId, { dueNowOnly: true }, nextDay)).map((e) => e.id)).not.toContain(today.id);
    await setFollowUpDone(db.prisma, owner, today.id, false, nextDay);
    expect((await openFollowUps(db.prisma, owner, w.conferenceId, { dueNowOnly: true }, nextDay)).map((e) => e.id)).toContain(today.id);

    await rejects(setFollowUpDone(db.prisma, w.actors.observer, today.id, true), "forbidden");
    const plain = await createOutreach(db.prisma, owner, w.conferenceId, meeting({ forceId: tribe }), clock);
    await rejects(setFollowUpDone(db.prisma, owner, plain.id, true), "conflict");
  });

  it("keeps a completed follow-up completed when the summary is edited, reopens it when its due day moves", async () => {
    const o = w.actors.organizer;
    const input = meeting({ forceId: tribe, followUp: "إرسال المحضر", followUpDue: "2026-12-10", followUpOwnerId: o.id });
    const e = await createOutreach(db.prisma, o, w.conferenceId, input, clock);
    await setFollowUpDone(db.prisma, o, e.id, true, clock);
    const edited = await updateOutreach(db.prisma, o, e.id, { ...input, summary: "اجتماع مطوّل مع شيخ العشيرة" }, clock);
    expect(edited.followUp!.state).toBe("done");
    const moved = await updateOutreach(db.prisma, o, e.id, { ...input, followUpDue: "2026-12-15" }, clock);
    expect(moved.followUp).toMatchObject({ state: "soon", doneAt: null });
    // Removing the follow-up altogether.
    const cleared = await updateOutreach(db.prisma, o, e.id, { ...input, followUp: "", followUpDue: "", followUpOwnerId: "" }, clock);
    expect(cleared.followUp).toBeNull();
  });

  it("merges outreach, invitation events and submitted amendments of one force, newest first", async () => {
    const p = db.prisma;
    const force = await p.force.create({
      data: { conferenceId: w.conferenceId, kind: "TRIBE", nameAr: "عشيرة التلال", nameKey: nameKey("عشيرة التلال"), searchText: "عشيره التلال", region: "NORTH_EAST_SYRIA" },
    });
    const inv = await p.invitation.create({ data: { conferenceId: w.conferenceId, forceId: force.id, status: "SENT", version: 3 } });
    const at = (s: string) => new Date(s);
    // Damascus is UTC+3: 22:00Z on 1 Dec is 2 Dec there.
    await p.invitationEvent.createMany({
      data: [
        { id: "ev-cand", invitationId: inv.id, toStatus: "CANDIDATE", createdAt: at("2026-11-30T08:00:00Z"), actorId: w.actors.organizer.id },
        { id: "ev-appr", invitationId: inv.id, fromStatus: "CANDIDATE", toStatus: "APPROVED", createdAt: at("2026-12-01T22:00:00Z") },
        { id: "ev-sent", invitationId: inv.id, fromStatus: "APPROVED", toStatus: "SENT", createdAt: at("2026-12-03T10:00:00Z") },
      ],
    });
    const paper = await p.paper.findFirstOrThrow({ where: { conferenceId: w.conferenceId } });
    const am = await p.amendment.create({
      data: { paperId: paper.id, forceId: force.id, type: "GENERAL", state: "SUBMITTED", proposedText: "", rationale: "ملاحظة", createdById: w.actors.organizer.id, sectionTitle: "٢. التواصل" },
    });
    await p.amendmentEvent.createMany({
      data: [
        { id: "am-draft", amendmentId: am.id, toState: "DRAFT", createdAt: at("2026-12-02T09:00:00Z") },
        { id: "am-sub", amendmentId: am.id, fromState: "DRAFT", toState: "SUBMITTED", createdAt: at("2026-12-02T12:00:00Z") },
        // A recommendation keeps the state: the committee's working detail, not a step of the relationship.
        { id: "am-rec", amendmentId: am.id, kind: "RECOMMENDATION", fromState: "SUBMITTED", toState: "SUBMITTED", createdAt: at("2026-12-04T12:00:00Z") },
      ],
    });
    const o = w.actors.organizer;
    const first = await createOutreach(p, o, w.conferenceId, meeting({ forceId: force.id, occurredOn: "2026-12-01", summary: "اتصال أول" }), clock);
    const sameDayAsSend = await createOutreach(p, o, w.conferenceId, meeting({ forceId: force.id, occurredOn: "2026-12-03", summary: "تسليم الدعوة باليد", channel: "VISIT" }), clock);
    const last = await createOutreach(p, o, w.conferenceId, meeting({ forceId: force.id, occurredOn: "2026-12-05", summary: "متابعة" }), clock);

    const { items, force: f } = await forceTimeline(p, w.actors.committee, w.conferenceId, force.id, clock);
    expect(f.nameAr).toBe("عشيرة التلال");
    expect(items.map((i) => i.id)).toEqual([last.id, "ev-sent", sameDayAsSend.id, "am-sub", "ev-appr", first.id, "ev-cand"]);
    expect(items.map((i) => i.day)).toEqual(["2026-12-05", "2026-12-03", "2026-12-03", "2026-12-02", "2026-12-02", "2026-12-01", "2026-11-30"]);
    expect(items.find((i) => i.id === "ev-cand")).toMatchObject({ kind: "invitation", actor: w.actors.organizer.name });
    // The draft's creation is the force's own business.
    expect(items.some((i) => i.id === "am-draft")).toBe(false);
    expect(items.some((i) => i.id === "am-rec")).toBe(false);

    await rejects(forceTimeline(p, w.actors.delegate, w.conferenceId, force.id, clock), "forbidden");
    expect((await forceTimeline(p, w.actors.observer, w.conferenceId, force.id, clock)).items).toHaveLength(7);
    await rejects(forceTimeline(p, w.actors.committee, w.conferenceId, "no-such-force", clock), "not_found");
  });
});
