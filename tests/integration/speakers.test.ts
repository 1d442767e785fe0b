// The list of speakers per agenda item on PGlite and PostgreSQL (issue 20, ADR 0069): a delegate of a
// present force, the committee and organizers ask to speak; a person waits at most once per item (the
// database too); the chair orders, starts the next speech (a double press skips no one), ends one,
// removes a request and closes the list; speech times are kept; the projector shows the speech and the
// next ones; the wrong roles, a delegate of an absent force and request floods are refused.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { plenary, type Plenary } from "../helpers/plenary.js";
import { createItem, createSession, projectorView, setCurrent, transitionItem } from "~/domain/agenda.server";
import { checkIn } from "~/domain/conference-day/attendance.server";
import { endSpeech, listSpeakers, moveSpeaker, nextSpeaker, removeSpeaker, requestToSpeak, setSpeakersClosed, REQUESTS_PER_WINDOW } from "~/domain/speakers.server";

describe.each(backends)("the list of speakers on %s", (backend) => {
  let db: TestDb;
  let p: Plenary;
  let itemId: string;
  let draftId: string;
  const emitted: { room: string; event: string; payload: any }[] = [];
  const meta = { ip: "203.0.113.8", realtime: { emit: (room: string, event: string, payload: unknown) => void emitted.push({ room, event, payload }) } };
  const d = (force: number, n: 0 | 1 = 0) => p.forces[force]!.delegates[n];

  beforeAll(async () => {
    db = await freshDb(backend);
    p = await plenary(db.prisma, 3);
    const s = await createSession(db.prisma, p.organizer, p.conferenceId, { title: "الجلسة", day: "2026-12-10", startsAt: "09:00" });
    const item = await createItem(db.prisma, p.organizer, { sessionId: s.id, title: "النقاش العام" });
    await transitionItem(db.prisma, p.organizer, item.id, { to: "SCHEDULED", version: 1 });
    await setCurrent(db.prisma, p.organizer, item.id, { version: 2 });
    itemId = item.id;
    draftId = (await createItem(db.prisma, p.organizer, { sessionId: s.id, title: "مسودة" })).id;
    // Forces 0 and 1 are present; force 2 is not.
    await checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[0]!.members[0] });
    await checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[1]!.members[0] });
  });
  afterAll(async () => db?.destroy());

  it("refuses observers, outsiders and a delegate of an absent force; a draft item is not found to a delegate", async () => {
    await expect(requestToSpeak(db.prisma, p.observer, itemId, meta)).rejects.toMatchObject({ code: "forbidden" });
    await expect(requestToSpeak(db.prisma, p.outsider, itemId, meta)).rejects.toMatchObject({ code: "not_found" });
    await expect(requestToSpeak(db.prisma, d(2), itemId, meta)).rejects.toMatchObject({ code: "conflict", details: { reason: "not_present" } });
    await expect(requestToSpeak(db.prisma, d(0), draftId, meta)).rejects.toMatchObject({ code: "not_found" });
    await expect(requestToSpeak(db.prisma, p.organizer, draftId, meta)).rejects.toMatchObject({ code: "conflict", details: { reason: "item_not_open" } });
    expect(await db.prisma.speaker.count()).toBe(0);
  });

  it("lists requests in order; a person waits at most once, also in the database", async () => {
    const a = await requestToSpeak(db.prisma, d(0), itemId, meta);
    const b = await requestToSpeak(db.prisma, p.committee, itemId, meta);
    const c = await requestToSpeak(db.prisma, d(1), itemId, meta);
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
    expect(a).toMatchObject({ name: "d0a", forceName: "القوة 1", state: "WAITING" });
    expect(b.forceId).toBeNull();
    await expect(requestToSpeak(db.prisma, d(0), itemId, meta)).rejects.toMatchObject({ code: "conflict", details: { reason: "already_waiting" } });
    // The unique index holds even past the domain's check.
    await expect(db.prisma.speaker.create({ data: { agendaItemId: itemId, userId: d(0).id, position: 9, waitingUserId: d(0).id } })).rejects.toMatchObject({ code: "P2002" });
    const list = await listSpeakers(db.prisma, p.observer, itemId);
    expect(list.waiting.map((s) => s.id)).toEqual([a.id, b.id, c.id]);
    expect(list.speaking).toBeNull();
    expect(emitted.filter((e) => e.event === "speakers.changed" && e.room === `conf:${p.conferenceId}:all` && e.payload.itemId === itemId)).toHaveLength(3);
  });

  it("the chair orders the list; no one else does", async () => {
    const [a, b, c] = (await listSpeakers(db.prisma, p.organizer, itemId)).waiting;
    await expect(moveSpeaker(db.prisma, d(1), c!.id, { position: 0 }, meta)).rejects.toMatchObject({ code: "forbidden" });
    await expect(moveSpeaker(db.prisma, p.observer, c!.id, { position: 0 }, meta)).rejects.toMatchObject({ code: "forbidden" });
    await expect(moveSpeaker(db.prisma, p.committee, c!.id, { position: -1 } as never, meta)).rejects.toMatchObject({ code: "bad_request" });
    expect(await moveSpeaker(db.prisma, p.committee, c!.id, { position: 0 }, meta)).toEqual({ id: c!.id, position: 0 });
    expect((await listSpeakers(db.prisma, p.organizer, itemId)).waiting.map((s) => s.id)).toEqual([c!.id, a!.id, b!.id]);
  });

  it("starts the next speech, ends it with its times, and a double press skips no one", async () => {
    const [first, second] = (await listSpeakers(db.prisma, p.organizer, itemId)).waiting;
    await expect(nextSpeaker(db.prisma, d(0), itemId, { speakingId: null }, meta)).rejects.toMatchObject({ code: "forbidden" });
    const [one, two] = await Promise.allSettled([nextSpeaker(db.prisma, p.organizer, itemId, { speakingId: null }, meta), nextSpeaker(db.prisma, p.committee, itemId, { speakingId: null }, meta)]);
    const ok = [one, two].filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    expect([one, two].find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "stale_version", details: { reason: "moved_on" } } });
    let list = await listSpeakers(db.prisma, p.organizer, itemId);
    expect(list.speaking?.id).toBe(first!.id);
    expect(list.speaking?.startedAt).toBeTruthy();
    expect(list.waiting.map((s) => s.id)).toEqual([second!.id, list.waiting[1]!.id]);
    await nextSpeaker(db.prisma, p.organizer, itemId, { speakingId: first!.id }, meta);
    list = await listSpeakers(db.prisma, p.organizer, itemId);
    expect(list.speaking?.id).toBe(second!.id);
    expect(list.done.map((s) => s.id)).toEqual([first!.id]);
    expect(list.done[0]!.endedAt! >= list.done[0]!.startedAt!).toBe(true);
    await expect(endSpeech(db.prisma, d(1), second!.id, meta)).rejects.toMatchObject({ code: "forbidden" });
    const ended = await endSpeech(db.prisma, p.committee, second!.id, meta);
    expect(ended.state).toBe("DONE");
    await expect(endSpeech(db.prisma, p.committee, second!.id, meta)).rejects.toMatchObject({ details: { reason: "not_speaking" } });
    // The first speaker (force 1's delegate, moved to the top) may ask again once their speech is over.
    expect(first!.userId).toBe(d(1).id);
    const again = await requestToSpeak(db.prisma, d(1), itemId, meta);
    expect(again.state).toBe("WAITING");
  });

  it("the projector shows the speech and the next ones", async () => {
    const list = await listSpeakers(db.prisma, p.organizer, itemId);
    await nextSpeaker(db.prisma, p.organizer, itemId, { speakingId: null }, meta);
    const view = await projectorView(db.prisma, p.observer, p.conferenceId);
    expect(view.speakers?.speaking?.id).toBe(list.waiting[0]!.id);
    expect(view.speakers?.next.map((s) => s.id)).toEqual(list.waiting.slice(1, 4).map((s) => s.id));
  });

  it("a speaker withdraws their own request; the chair removes others'; no one else does", async () => {
    const mine = await requestToSpeak(db.prisma, p.organizer, itemId, meta);
    await expect(removeSpeaker(db.prisma, d(0), mine.id, meta)).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeSpeaker(db.prisma, p.observer, mine.id, meta)).rejects.toMatchObject({ code: "forbidden" });
    const other = await requestToSpeak(db.prisma, d(0, 1), itemId, meta);
    expect(await removeSpeaker(db.prisma, d(0, 1), other.id, meta)).toEqual({ id: other.id, state: "WITHDRAWN" });
    expect(await removeSpeaker(db.prisma, p.committee, mine.id, meta)).toEqual({ id: mine.id, state: "REMOVED" });
    await expect(removeSpeaker(db.prisma, p.committee, mine.id, meta)).rejects.toMatchObject({ details: { reason: "not_waiting" } });
    const ids = (await listSpeakers(db.prisma, p.organizer, itemId)).waiting.map((s) => s.id);
    expect(ids).not.toContain(mine.id);
    expect(ids).not.toContain(other.id);
  });

  it("bounds how often one person asks", async () => {
    const who = d(1, 1);
    for (let i = 0; i < REQUESTS_PER_WINDOW; i++) {
      const s = await requestToSpeak(db.prisma, who, itemId, meta);
      await removeSpeaker(db.prisma, who, s.id, meta);
    }
    await expect(requestToSpeak(db.prisma, who, itemId, meta)).rejects.toMatchObject({ code: "rate_limited", details: { reason: "too_often" } });
  });

  it("a closed list takes no requests until the chair reopens it; those waiting stay", async () => {
    await expect(setSpeakersClosed(db.prisma, d(0), itemId, { closed: true }, meta)).rejects.toMatchObject({ code: "forbidden" });
    const waiting = (await listSpeakers(db.prisma, p.organizer, itemId)).waiting.length;
    await setSpeakersClosed(db.prisma, p.committee, itemId, { closed: true }, meta);
    await setSpeakersClosed(db.prisma, p.committee, itemId, { closed: true }, meta);
    const list = await listSpeakers(db.prisma, p.organizer, itemId);
    expect(list.closed).toBe(true);
    expect(list.waiting).toHaveLength(waiting);
    await expect(requestToSpeak(db.prisma, p.committee, itemId, meta)).rejects.toMatchObject({ code: "conflict", details: { reason: "list_closed" } });
    await setSpeakersClosed(db.prisma, p.organizer, itemId, { closed: false }, meta);
    expect((await requestToSpeak(db.prisma, p.committee, itemId, meta)).state).toBe("WAITING");
    const audit = await db.prisma.auditEvent.findMany({ where: { conferenceId: p.conferenceId, action: { startsWith: "agenda.speakers." } } });
    expect(audit.filter((a) => a.action === "agenda.speakers.close")).toHaveLength(1);
    expect(audit.filter((a) => a.action === "agenda.speakers.open")).toHaveLength(1);
    expect(audit.every((a) => a.ip === "203.0.113.8")).toBe(true);
  });
});
