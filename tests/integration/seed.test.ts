// The demo seed on a fresh PGlite database: what a new user finds must work with the app's own code. Each
// amendment's anchor resolves intact in the seeded paper (the app's resolver, as the amendment pages read
// it), its history walks the state graph, submissions sit in the seeded phase; every confirmed delegation
// has named members within its seats, with codes and the demo delegate linked; the agenda's references
// point at the paper's headings and a seeded amendment; seeding queues no mail and runs once.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { seedDemo } from "../../prisma/seed.js";
import * as demo from "../../prisma/seed-data/demo.js";
import { freshDb, type TestDb } from "../helpers/db.js";
import { demoWorld, type DemoWorld } from "../helpers/coordination.js";
import { dbPaperStore } from "../helpers/paper-store.js";
import { layoutOf } from "~/domain/anchors";
import { paperBlocks } from "~/domain/paper-doc";
import { amendmentStates, canTransition, decidedStates } from "~/domain/amendment-states";
import { getAmendment, listAmendments, transition, type AmendmentDeps } from "~/domain/amendments.server";
import { resolved } from "~/domain/amendments/views.server";
import { listAgenda } from "~/domain/agenda.server";
import { attendanceBoard } from "~/domain/conference-day/attendance.server";
import { calendarDay, conferenceZone } from "~/domain/due-dates";

describe("the demo seed", () => {
  let db: TestDb;
  let w: DemoWorld;
  let deps: AmendmentDeps;
  let paperId: string;

  beforeAll(async () => {
    db = await freshDb("pglite");
    w = await demoWorld(db.prisma);
    deps = { prisma: db.prisma, papers: dbPaperStore(db.prisma) };
    paperId = (await db.prisma.paper.findFirstOrThrow({ where: { conferenceId: w.conferenceId } })).id;
  });
  afterAll(async () => db?.destroy());

  it("anchors every amendment on its quote in the seeded paper, intact as the app resolves it", async () => {
    const doc = await deps.papers.read(paperId);
    const layout = layoutOf(doc);
    const rows = await db.prisma.amendment.findMany({ where: { paperId }, include: { force: true } });
    expect(rows).toHaveLength(demo.amendments.length);
    for (const a of demo.amendments) {
      const row = rows.find((r) => r.force.id === w.force(demo.forces.find((f) => f.key === a.forceKey)!.nameEn) && r.quotedText === a.quote);
      expect(row, a.key).toBeDefined();
      const r = resolved(row!, doc, layout);
      expect(r, a.key).toMatchObject({ status: "intact", textNow: a.quote });
      expect(row!.anchorOffset, a.key).toBe(r.from);
      expect(row!.sectionTitle, a.key).toBe(r.sectionTitle);
    }
    // The committee's queue: every amendment but the force's draft, all intact; the draft is its force's own.
    const queue = await listAmendments(deps, w.actors.committee, paperId);
    expect(queue.items.map((a) => a.state).sort()).toEqual(demo.amendments.filter((a) => a.state !== "DRAFT").map((a) => a.state).sort());
    for (const a of queue.items) expect(a.anchor.status, a.id).toBe("intact");
    const draft = rows.find((r) => r.state === "DRAFT")!;
    expect((await getAmendment(deps, w.actors.delegate, draft.id)).amendment.anchor.status).toBe("intact");
  });

  it("covers the review: a draft, submitted ones, one under review with a recommendation, one decided and unpublished", async () => {
    const states = demo.amendments.map((a) => a.state);
    expect(states.filter((s) => s === "DRAFT")).toHaveLength(1);
    expect(states.filter((s) => s === "SUBMITTED").length).toBeGreaterThanOrEqual(2);
    expect(demo.amendments.some((a) => a.state === "UNDER_REVIEW" && a.recommendation)).toBe(true);
    expect(states.some((s) => decidedStates.includes(s))).toBe(true);
    expect((await db.prisma.conference.findUniqueOrThrow({ where: { id: w.conferenceId } })).decisionsPublishedAt).toBeNull();
    // Only member forces propose.
    for (const a of demo.amendments) expect(demo.forces.find((f) => f.key === a.forceKey)!.isMember, a.key).toBe(true);
  });

  it("writes each amendment's history along the state graph, submitted in the seeded phase", async () => {
    const phase = await db.prisma.amendmentPhase.findFirstOrThrow({ where: { conferenceId: w.conferenceId } });
    expect(phase.name).toBe("القراءة الأولى");
    const rows = await db.prisma.amendment.findMany({ where: { paperId }, include: { events: { orderBy: { createdAt: "asc" } } } });
    for (const a of rows) {
      const moves = a.events.filter((e) => e.kind === "TRANSITION");
      expect(moves[0], a.id).toMatchObject({ fromState: null, toState: "DRAFT", actorId: a.createdById });
      for (let i = 1; i < moves.length; i++) {
        expect(moves[i]!.fromState).toBe(moves[i - 1]!.toState);
        expect(canTransition(moves[i]!.fromState!, moves[i]!.toState), `${moves[i]!.fromState} → ${moves[i]!.toState}`).toBe(true);
      }
      expect(moves.at(-1)!.toState).toBe(a.state);
      expect(amendmentStates).toContain(a.state);
      // One version per recorded step, as the domain's compare-and-set counts them.
      expect(a.version).toBe(a.events.length);
      if (a.state === "DRAFT") {
        expect([a.submittedAt, a.submittedById, a.phaseId]).toEqual([null, null, null]);
        continue;
      }
      expect(a.phaseId).toBe(phase.id);
      expect(a.submittedAt!.getTime()).toBeGreaterThanOrEqual(phase.openAt.getTime());
      expect(a.submittedAt!.getTime()).toBeLessThanOrEqual(Date.now());
      expect(a.submittedById).toBe(moves.find((m) => m.toState === "SUBMITTED")!.actorId);
      const advice = a.events.filter((e) => e.kind === "RECOMMENDATION");
      if (a.recommendation) expect(advice).toEqual([expect.objectContaining({ fromState: "UNDER_REVIEW", toState: "UNDER_REVIEW", actorId: a.recommendedById, data: { recommendation: a.recommendation } })]);
      else expect(advice).toEqual([]);
      if (decidedStates.includes(a.state)) expect(a).toMatchObject({ decisionReason: expect.any(String), decidedById: expect.any(String), decidedAt: expect.any(Date) });
    }
  });

  it("lets the committee merge the accepted amendment into the paper", async () => {
    const accepted = await db.prisma.amendment.findFirstOrThrow({ where: { paperId, state: "ACCEPTED" } });
    expect(await transition(deps, w.actors.committee, accepted.id, { to: "MERGED", version: accepted.version })).toEqual({ state: "MERGED" });
    const text = layoutOf(await deps.papers.read(paperId)).text;
    expect(text).toContain(accepted.proposedText);
    // The other anchors follow the edit: still intact.
    for (const a of (await listAmendments(deps, w.actors.committee, paperId)).items) if (a.state !== "MERGED") expect(a.anchor.status, a.id).toBe("intact");
  });

  it("names 2–3 members of every confirmed delegation within its seats, with codes, and links the demo delegate", async () => {
    const invitations = await db.prisma.invitation.findMany({ where: { conferenceId: w.conferenceId }, include: { delegates: true, force: true } });
    const confirmed = invitations.filter((i) => i.status === "CONFIRMED");
    expect(confirmed.length).toBeGreaterThan(0);
    for (const inv of invitations) {
      if (inv.status !== "CONFIRMED") {
        expect(inv.delegates, inv.force.nameEn!).toEqual([]);
        continue;
      }
      expect(inv.delegates.length, inv.force.nameEn!).toBeGreaterThanOrEqual(2);
      expect(inv.delegates.length, inv.force.nameEn!).toBeLessThanOrEqual(Math.min(3, inv.seatQuota));
      expect(inv.delegates.filter((m) => m.role === "رئيس الوفد"), inv.force.nameEn!).toHaveLength(1);
      for (const m of inv.delegates) expect(m.checkInCode, m.name).toMatch(/^[0-9A-Z]{10}$/);
    }
    expect(confirmed.flatMap((i) => i.delegates).some((m) => m.isSubstitute)).toBe(true);
    const linked = await db.prisma.delegationMember.findMany({ where: { userId: { not: null } }, include: { invitation: true } });
    expect(linked.map((m) => [m.userId, m.invitation.forceId, m.isVotingDelegate, m.isSubstitute])).toEqual([[w.actors.delegate.id, w.force("Democratic Horizon Party"), true, false]]);
    // The attendance board and the badges read them: every member of a confirmed delegation is on the roster.
    const board = await attendanceBoard(db.prisma, w.actors.organizer, w.conferenceId);
    expect(board.members).toEqual({ expected: confirmed.reduce((n, i) => n + i.delegates.length, 0), present: 0 });
    expect(board.roster).toHaveLength(board.members.expected);
    // Nothing was mailed or announced by seeding.
    expect(await db.prisma.outboxMail.count()).toBe(0);
    expect(await db.prisma.notification.count()).toBe(0);
  });

  it("schedules the first conference day: sessions with times, items pointing at the paper's sections and an amendment, none on the floor", async () => {
    const conf = await db.prisma.conference.findUniqueOrThrow({ where: { id: w.conferenceId } });
    expect(conf.currentAgendaItemId).toBeNull();
    const agenda = await listAgenda(db.prisma, w.actors.delegate, w.conferenceId);
    expect(agenda.sessions.map((s) => s.title)).toEqual(demo.agenda.map((s) => s.title));
    const headings = paperBlocks(await deps.papers.read(paperId)).filter((b) => b.type === "heading").map((b) => b.text);
    for (const s of agenda.sessions) {
      expect(s.day).toBe(calendarDay(conf.startsOn!, conferenceZone(conf)));
      expect(s.endsAt! > s.startsAt).toBe(true);
      expect(s.room && s.chair).toBeTruthy();
      // Scheduled items are what members read: all of them are shown.
      expect(s.items.length).toBe(demo.agenda.find((d) => d.title === s.title)!.items.length);
      for (const i of s.items) {
        expect(i.status).toBe("SCHEDULED");
        if (i.kind === "FREE") expect(i.refId).toBeNull();
        if (i.kind === "PAPER_SECTION") expect(headings).toContain(i.refId);
        if (i.kind === "AMENDMENT") expect(await db.prisma.amendment.count({ where: { id: i.refId!, paper: { conferenceId: w.conferenceId } } })).toBe(1);
      }
    }
    const kinds = agenda.sessions.flatMap((s) => s.items.map((i) => i.kind));
    for (const k of ["FREE", "PAPER_SECTION", "AMENDMENT"]) expect(kinds).toContain(k);
  });

  it("seeds once: a second run changes nothing", async () => {
    const before = await db.prisma.amendment.count();
    expect(await seedDemo(db.prisma)).toBe(false);
    expect(await db.prisma.amendment.count()).toBe(before);
  });
});
