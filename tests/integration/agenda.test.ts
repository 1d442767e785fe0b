// The agenda on PGlite and PostgreSQL (issue 20, ADR 0054): the status graph, compare-and-set on
// versions, reordering, the chair's "next" (the item on the floor becomes DONE, the next scheduled one
// CURRENT, a double press skips nothing), the projector's view, and the wrong roles and bad input
// refused with nothing changed.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { plenary, type Plenary } from "../helpers/plenary.js";
import { DomainError } from "~/domain/errors";
import { canTransition } from "~/domain/agenda-status";
import { createItem, createSession, deleteItem, deleteSession, listAgenda, moveItem, nextItem, projectorView, setCurrent, transitionItem, updateItem, updateSession } from "~/domain/agenda.server";
import { closeVote, openVote, publishVote } from "~/domain/conference-day/votes.server";
import { checkIn } from "~/domain/conference-day/attendance.server";

async function refused(p: Promise<unknown>, code: string, reason?: string): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err, `expected ${code}${reason ? `/${reason}` : ""}`).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe(code);
  if (reason) expect((err as DomainError).details?.reason).toBe(reason);
  return err as DomainError;
}

describe("the agenda item's graph (pure)", () => {
  it("CURRENT only from SCHEDULED or a reopened DONE; DONE and DROPPED are not skipped into", () => {
    expect(canTransition("PROPOSED", "SCHEDULED")).toBe(true);
    expect(canTransition("PROPOSED", "CURRENT")).toBe(false);
    expect(canTransition("SCHEDULED", "CURRENT")).toBe(true);
    expect(canTransition("CURRENT", "DONE")).toBe(true);
    expect(canTransition("DONE", "CURRENT")).toBe(true);
    expect(canTransition("DROPPED", "SCHEDULED")).toBe(false);
    expect(canTransition("DONE", "DROPPED")).toBe(false);
  });
});

describe.each(backends)("agenda on %s", (backend) => {
  let db: TestDb;
  let p: Plenary;
  const emitted: { room: string; event: string; payload: any }[] = [];
  const meta = { ip: "203.0.113.7", realtime: { emit: (room: string, event: string, payload: unknown) => void emitted.push({ room, event, payload }) } };
  const item = (id: string) => db.prisma.agendaItem.findUniqueOrThrow({ where: { id } });
  const schedule = async (id: string) => transitionItem(db.prisma, p.organizer, id, { to: "SCHEDULED", version: (await item(id)).version }, meta);
  let sessionId: string;

  beforeAll(async () => {
    db = await freshDb(backend);
    p = await plenary(db.prisma, 3);
  });
  afterAll(async () => db?.destroy());

  it("creates sessions and items in order, audited and announced to the conference", async () => {
    const s = await createSession(db.prisma, p.committee, p.conferenceId, { title: "الجلسة الافتتاحية", day: "2026-12-10", startsAt: "09:00", endsAt: "12:30", room: "القاعة الكبرى", chair: "رئيس المؤتمر" }, meta);
    sessionId = s.id;
    expect(s).toMatchObject({ day: "2026-12-10", startsAt: "09:00", position: 0, version: 1 });
    const a = await createItem(db.prisma, p.organizer, { sessionId, title: "الافتتاح" }, meta);
    const b = await createItem(db.prisma, p.organizer, { sessionId, kind: "AMENDMENT", title: "تعديل القوة الأولى", refId: p.amendments[0]! }, meta);
    const c = await createItem(db.prisma, p.organizer, { sessionId, kind: "PAPER_SECTION", title: "المبادئ", refId: "المبادئ العامة" }, meta);
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
    expect(a.status).toBe("PROPOSED");
    const audit = await db.prisma.auditEvent.findMany({ where: { action: { startsWith: "agenda." }, conferenceId: p.conferenceId } });
    expect(audit.map((x) => x.action).sort()).toEqual(["agenda.item.create", "agenda.item.create", "agenda.item.create", "agenda.session.create"]);
    expect(audit.every((x) => x.ip === "203.0.113.7")).toBe(true);
    expect(emitted.filter((e) => e.event === "agenda.changed" && e.room === `conf:${p.conferenceId}:all`)).toHaveLength(4);
  });

  it("delegates see scheduled items only; proposed ones are the organizers' drafts", async () => {
    const d = p.forces[0]!.delegates[0];
    expect((await listAgenda(db.prisma, d, p.conferenceId)).sessions[0]!.items).toHaveLength(0);
    const [first] = (await listAgenda(db.prisma, p.organizer, p.conferenceId)).sessions[0]!.items;
    await schedule(first!.id);
    expect((await listAgenda(db.prisma, d, p.conferenceId)).sessions[0]!.items.map((i) => i.id)).toEqual([first!.id]);
    await refused(updateItem(db.prisma, d, (await listAgenda(db.prisma, p.organizer, p.conferenceId)).sessions[0]!.items[1]!.id, { title: "x", version: 1 }), "not_found");
  });

  it("refuses a stale version and a step off the graph, changing nothing", async () => {
    const [, second] = (await listAgenda(db.prisma, p.organizer, p.conferenceId)).sessions[0]!.items;
    await updateItem(db.prisma, p.organizer, second!.id, { kind: "AMENDMENT", refId: p.amendments[0]!, title: "تعديل ١", version: 1 }, meta);
    await refused(updateItem(db.prisma, p.committee, second!.id, { kind: "AMENDMENT", refId: p.amendments[0]!, title: "تعديل قديم", version: 1 }, meta), "stale_version");
    await refused(transitionItem(db.prisma, p.organizer, second!.id, { to: "DONE", version: 2 }, meta), "conflict", "bad_transition");
    await refused(setCurrent(db.prisma, p.organizer, second!.id, { version: 2 }, meta), "conflict", "bad_transition");
    expect(await item(second!.id)).toMatchObject({ title: "تعديل ١", status: "PROPOSED", version: 2 });
    await refused(updateSession(db.prisma, p.organizer, sessionId, { title: "x", day: "2026-12-10", startsAt: "09:00", version: 7 }, meta), "stale_version");
  });

  it("reorders within the session, renumbering positions", async () => {
    const ids = (await listAgenda(db.prisma, p.organizer, p.conferenceId)).sessions[0]!.items.map((i) => i.id);
    const last = await item(ids[2]!);
    await moveItem(db.prisma, p.organizer, last.id, { position: 0, version: last.version }, meta);
    let order = (await listAgenda(db.prisma, p.organizer, p.conferenceId)).sessions[0]!.items;
    expect(order.map((i) => i.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect(order.map((i) => i.position)).toEqual([0, 1, 2]);
    // Past the end means last.
    await moveItem(db.prisma, p.organizer, last.id, { position: 99, version: last.version + 1 }, meta);
    order = (await listAgenda(db.prisma, p.organizer, p.conferenceId)).sessions[0]!.items;
    expect(order.map((i) => i.id)).toEqual(ids);
    await refused(moveItem(db.prisma, p.organizer, last.id, { position: 0, version: last.version }, meta), "stale_version");
    expect((await listAgenda(db.prisma, p.organizer, p.conferenceId)).sessions[0]!.items.map((i) => i.id)).toEqual(ids);
  });

  it("next: the item on the floor becomes DONE and the next scheduled one CURRENT; a double press skips nothing", async () => {
    const ids = (await listAgenda(db.prisma, p.organizer, p.conferenceId)).sessions[0]!.items.map((i) => i.id);
    await schedule(ids[1]!);
    await schedule(ids[2]!);
    expect(await nextItem(db.prisma, p.committee, p.conferenceId, { currentId: null }, meta)).toEqual({ currentItemId: ids[0] });
    expect((await item(ids[0]!)).status).toBe("CURRENT");
    const second = await nextItem(db.prisma, p.organizer, p.conferenceId, { currentId: ids[0]! }, meta);
    expect(second.currentItemId).toBe(ids[1]);
    // The same press again (it still names the first item): refused, the agenda stays on the second.
    await refused(nextItem(db.prisma, p.organizer, p.conferenceId, { currentId: ids[0]! }, meta), "stale_version", "moved_on");
    expect((await item(ids[0]!)).status).toBe("DONE");
    expect((await item(ids[1]!)).status).toBe("CURRENT");
    expect((await db.prisma.conference.findUniqueOrThrow({ where: { id: p.conferenceId } })).currentAgendaItemId).toBe(ids[1]);
    expect(emitted.at(-1)).toMatchObject({ event: "agenda.changed", payload: { currentItemId: ids[1] } });
    // Make current jumps; the one on the floor is done.
    const third = await item(ids[2]!);
    await setCurrent(db.prisma, p.organizer, ids[2]!, { version: third.version }, meta);
    expect((await item(ids[1]!)).status).toBe("DONE");
    expect((await db.prisma.agendaItem.count({ where: { session: { conferenceId: p.conferenceId }, status: "CURRENT" } }))).toBe(1);
  });

  it("the projector shows the amendment on the floor, and its vote's result only once published", async () => {
    const amendmentItem = (await listAgenda(db.prisma, p.organizer, p.conferenceId)).sessions[0]!.items.find((i) => i.kind === "AMENDMENT")!;
    const reopened = await item(amendmentItem.id);
    await setCurrent(db.prisma, p.organizer, amendmentItem.id, { version: reopened.version }, meta);
    const d = p.forces[1]!.delegates[0];
    let view = await projectorView(db.prisma, d, p.conferenceId);
    expect(view.item).toMatchObject({ id: amendmentItem.id, kind: "AMENDMENT" });
    expect(view.amendment?.id).toBe(p.amendments[0]);
    expect(view.vote).toBeNull();
    await checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[0]!.members[0] }, {});
    const vote = await openVote(db.prisma, p.organizer, p.conferenceId, { subject: "AMENDMENT", amendmentIds: [p.amendments[0]!] }, {});
    await closeVote(db.prisma, p.organizer, vote.id, {}, {});
    // The chair signed in on the projector still does not show an unpublished result to the hall.
    view = await projectorView(db.prisma, p.organizer, p.conferenceId);
    expect(view.vote).toMatchObject({ id: vote.id, state: "CLOSED", results: null });
    await publishVote(db.prisma, p.organizer, vote.id, {}, {});
    view = await projectorView(db.prisma, d, p.conferenceId);
    expect(view.vote?.results).toMatchObject({ cast: 0 });
  });

  it("deleting the item on the floor empties the floor", async () => {
    const conf = await db.prisma.conference.findUniqueOrThrow({ where: { id: p.conferenceId } });
    const current = await item(conf.currentAgendaItemId!);
    await deleteItem(db.prisma, p.organizer, current.id, { version: current.version }, meta);
    expect((await db.prisma.conference.findUniqueOrThrow({ where: { id: p.conferenceId } })).currentAgendaItemId).toBeNull();
    expect((await projectorView(db.prisma, p.observer, p.conferenceId)).item).toBeNull();
  });

  it("deleting a session with the item on the floor empties the floor; a stale version deletes nothing", async () => {
    const s = await createSession(db.prisma, p.organizer, p.conferenceId, { title: "جلسة مؤقتة", day: "2026-12-11", startsAt: "10:00" }, meta);
    const i = await createItem(db.prisma, p.organizer, { sessionId: s.id, title: "بند مؤقت" }, meta);
    await schedule(i.id);
    await setCurrent(db.prisma, p.organizer, i.id, { version: (await item(i.id)).version }, meta);
    await refused(deleteSession(db.prisma, p.organizer, s.id, { version: 9 }, meta), "stale_version");
    expect((await db.prisma.conference.findUniqueOrThrow({ where: { id: p.conferenceId } })).currentAgendaItemId).toBe(i.id);
    await deleteSession(db.prisma, p.organizer, s.id, { version: s.version }, meta);
    expect((await db.prisma.conference.findUniqueOrThrow({ where: { id: p.conferenceId } })).currentAgendaItemId).toBeNull();
    expect(await db.prisma.agendaItem.count({ where: { id: i.id } })).toBe(0);
  });

  it("delegates, observers and outsiders can neither edit nor chair; nothing changes", async () => {
    const before = await db.prisma.agendaItem.findMany({ orderBy: { id: "asc" } });
    const [i] = before;
    for (const who of [p.forces[0]!.delegates[0], p.observer]) {
      await refused(createSession(db.prisma, who, p.conferenceId, { title: "x", day: "2026-12-11", startsAt: "09:00" }), "forbidden");
      await refused(createItem(db.prisma, who, { sessionId, title: "x" }), "forbidden");
      await refused(nextItem(db.prisma, who, p.conferenceId, { currentId: null }), "forbidden");
      await refused(moveItem(db.prisma, who, i!.id, { position: 0, version: i!.version }), i!.status === "PROPOSED" ? "not_found" : "forbidden");
    }
    await refused(listAgenda(db.prisma, p.outsider, p.conferenceId), "forbidden");
    await refused(createItem(db.prisma, p.outsider, { sessionId, title: "x" }), "not_found");
    expect(await db.prisma.agendaItem.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("moves an item into another session, renumbering both; edits and deletes sessions and items at their version (ADR 0057)", async () => {
    const first = (await listAgenda(db.prisma, p.organizer, p.conferenceId)).sessions[0]!;
    const other = await createSession(db.prisma, p.organizer, p.conferenceId, { title: "جلسة المساء", day: "2026-12-12", startsAt: "16:00" }, meta);
    const stay = await createItem(db.prisma, p.organizer, { sessionId: other.id, title: "بند المساء" }, meta);
    const moving = await item(first.items[0]!.id);
    const moved = await moveItem(db.prisma, p.committee, moving.id, { position: 0, version: moving.version, sessionId: other.id }, meta);
    expect(moved).toEqual({ id: moving.id, sessionId: other.id, position: 0, version: moving.version + 1 });
    let agenda = await listAgenda(db.prisma, p.organizer, p.conferenceId);
    const inOther = agenda.sessions.find((s) => s.id === other.id)!.items;
    expect(inOther.map((i) => [i.id, i.position])).toEqual([[moving.id, 0], [stay.id, 1]]);
    const left = agenda.sessions.find((s) => s.id === first.id)!.items;
    expect(left.map((i) => i.position)).toEqual(left.map((_, n) => n));
    expect(left.map((i) => i.id)).toEqual(first.items.slice(1).map((i) => i.id));
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "agenda.item.move", subjectId: moving.id }, orderBy: { createdAt: "desc" } });
    expect(audit.data).toMatchObject({ fromSession: first.id, toSession: other.id, to: 0 });
    // The stale version, an unknown session and a delegate change nothing.
    await refused(moveItem(db.prisma, p.organizer, moving.id, { position: 0, version: moving.version, sessionId: first.id }, meta), "stale_version");
    await refused(moveItem(db.prisma, p.organizer, moving.id, { position: 0, version: moving.version + 1, sessionId: "no-such-session" }, meta), "not_found");
    await refused(moveItem(db.prisma, p.forces[0]!.delegates[0], stay.id, { position: 1, version: stay.version, sessionId: first.id }, meta), "not_found");
    await refused(moveItem(db.prisma, p.organizer, stay.id, { position: -1, version: stay.version }, meta), "bad_request");
    // And back, last.
    await moveItem(db.prisma, p.organizer, moving.id, { position: 99, version: moving.version + 1, sessionId: first.id }, meta);
    agenda = await listAgenda(db.prisma, p.organizer, p.conferenceId);
    expect(agenda.sessions.find((s) => s.id === first.id)!.items.at(-1)!.id).toBe(moving.id);

    // Edit the session (times in the conference's zone) and the item; the old version is refused.
    const edited = await updateSession(db.prisma, p.organizer, other.id, { title: "جلسة الختام", day: "2026-12-13", startsAt: "17:00", endsAt: "18:30", room: "ب", chair: "الرئيس", version: other.version }, meta);
    expect(edited).toMatchObject({ title: "جلسة الختام", day: "2026-12-13", startsAt: "17:00", endsAt: "18:30", room: "ب", chair: "الرئيس", version: other.version + 1 });
    await refused(updateSession(db.prisma, p.organizer, other.id, { title: "قديم", day: "2026-12-13", startsAt: "17:00", version: other.version }, meta), "stale_version");
    await refused(updateSession(db.prisma, p.observer, other.id, { title: "x", day: "2026-12-13", startsAt: "17:00", version: edited.version }, meta), "forbidden");
    const renamed = await updateItem(db.prisma, p.organizer, stay.id, { kind: "PAPER_SECTION", title: "القسم الثالث", refId: "الحقوق", notes: "للنقاش", version: (await item(stay.id)).version }, meta);
    expect(renamed).toMatchObject({ title: "القسم الثالث", kind: "PAPER_SECTION", refId: "الحقوق", notes: "للنقاش" });
    await refused(deleteItem(db.prisma, p.organizer, stay.id, { version: renamed.version - 1 }, meta), "stale_version");
    await refused(deleteItem(db.prisma, p.observer, stay.id, { version: renamed.version }, meta), "not_found");
    await deleteItem(db.prisma, p.organizer, stay.id, { version: renamed.version }, meta);
    await refused(deleteSession(db.prisma, p.forces[0]!.delegates[0], other.id, { version: edited.version }, meta), "forbidden");
    await deleteSession(db.prisma, p.organizer, other.id, { version: edited.version }, meta);
    const actions = (await db.prisma.auditEvent.findMany({ where: { conferenceId: p.conferenceId, subjectId: { in: [other.id, stay.id] } } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["agenda.session.update", "agenda.item.update", "agenda.item.delete", "agenda.session.delete"]));
  });

  it("refuses bad input with field errors, changing nothing", async () => {
    const count = await db.prisma.agendaSession.count();
    const bad = [
      { title: "", day: "2026-12-10", startsAt: "09:00" },
      { title: "x", day: "2026-13-40", startsAt: "09:00" },
      { title: "x", day: "2026-12-10", startsAt: "25:00" },
      { title: "x", day: "2026-12-10", startsAt: "10:00", endsAt: "09:00" },
      { title: "x", day: "2026-12-10", startsAt: "10:00", extra: 1 },
    ];
    for (const input of bad) await refused(createSession(db.prisma, p.organizer, p.conferenceId, input as never), "bad_request");
    expect(await db.prisma.agendaSession.count()).toBe(count);
    await refused(createItem(db.prisma, p.organizer, { sessionId, kind: "AMENDMENT", title: "x" }), "bad_request");
    await refused(createItem(db.prisma, p.organizer, { sessionId, kind: "FREE", title: "x", refId: "y" }), "bad_request");
    await refused(createItem(db.prisma, p.organizer, { sessionId, kind: "VOTE", title: "x", refId: "no-such-vote" }), "bad_request", "unknown_ref");
    await refused(createItem(db.prisma, p.organizer, { sessionId, kind: "FREE", title: "x".repeat(301) }), "bad_request");
    await refused(createItem(db.prisma, p.organizer, { sessionId: "nope", title: "x" }), "not_found");
  });
});
