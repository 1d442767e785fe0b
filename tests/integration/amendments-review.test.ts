// Review finishing (issue 19, ADR 0061) on PGlite and PostgreSQL: a force's lead signs off its amendments
// (ask, send back, submit), and amendment phases with their own times; a late submission says when it closed.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { makeWorld, type World } from "../helpers/amendments-world.js";
import { DomainError } from "../../app/domain/errors.js";
import {
  addPhase,
  createAmendment,
  deletePhase,
  getAmendment,
  setAmendmentWindow,
  setForceLead,
  signOffStep,
  transition,
  updateDraft,
  updatePhase,
} from "../../app/domain/amendments.server.js";

async function rejects(p: Promise<unknown>, code: string, message?: RegExp) {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err, `expected a ${code} error`).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe(code);
  if (message) expect((err as DomainError).message).toMatch(message);
  return err as DomainError;
}

describe.each(backends)("review finishing on %s", (backend) => {
  let db: TestDb;
  let w: World;
  beforeAll(async () => {
    db = await freshDb(backend);
  });
  afterAll(async () => db?.destroy());
  beforeEach(async () => {
    w = await makeWorld(db.prisma);
  });

  const propose = async (who: "a1" | "a2" = "a2") =>
    createAmendment(w.deps, w.actors[who], w.paperId, { type: "REPLACE", ...(await w.at("رئاسة مشتركة")), proposedText: "نص بديل", rationale: "لأن" });
  const row = (id: string) => db.prisma.amendment.findUniqueOrThrow({ where: { id } });

  describe("the force's sign-off", () => {
    it("with no lead named, any delegate submits as before; asking is refused", async () => {
      const a = await propose();
      await rejects(signOffStep(w.deps, w.actors.a2, a.id, { step: "ask" }), "conflict", /no lead/);
      expect((await getAmendment(w.deps, w.actors.a2, a.id)).allowed).toMatchObject({ submit: true, ask: false, sendBack: false });
      await transition(w.deps, w.actors.a2, a.id, { to: "SUBMITTED" });
      const view = await getAmendment(w.deps, w.actors.a1, a.id);
      expect(view.signOff).toMatchObject({ lead: null, requestedBy: null, signedOffBy: { id: w.actors.a2.id, name: "user a2" } });
    });

    it("a delegate asks, the lead is told, sends back with a note, then signs off; who signed off is recorded", async () => {
      await setForceLead(w.deps, w.actors.organizer, w.conferenceId, w.forceA, { userId: w.actors.a1.id });
      const a = await propose("a2");
      // The drafter may not submit past the lead, and the page offers "ask" instead.
      await rejects(transition(w.deps, w.actors.a2, a.id, { to: "SUBMITTED" }), "forbidden");
      expect((await getAmendment(w.deps, w.actors.a2, a.id)).allowed).toMatchObject({ submit: false, ask: true, sendBack: false });
      await signOffStep(w.deps, w.actors.a2, a.id, { step: "ask", note: "جاهز" });
      expect(await db.prisma.notification.findMany({ where: { userId: w.actors.a1.id } })).toMatchObject([{ kind: "amendment.changed", params: { event: "submissionRequested" } }]);
      await rejects(signOffStep(w.deps, w.actors.a2, a.id, { step: "ask" }), "illegal_transition");
      // Only the lead sends back, and only with a note.
      await rejects(signOffStep(w.deps, w.actors.a2, a.id, { step: "sendBack", note: "لا" }), "forbidden");
      await rejects(signOffStep(w.deps, w.actors.a1, a.id, { step: "sendBack" }), "bad_request");
      const lead = await getAmendment(w.deps, w.actors.a1, a.id);
      expect(lead.allowed).toMatchObject({ submit: true, sendBack: true, ask: false });
      expect(lead.signOff).toMatchObject({ stage: "askedForSubmission", lead: { id: w.actors.a1.id }, requestedBy: { id: w.actors.a2.id } });
      await signOffStep(w.deps, w.actors.a1, a.id, { step: "sendBack", note: "وضّح المبررات" });
      expect((await row(a.id)).submissionRequestedAt).toBeNull();
      expect(await db.prisma.notification.count({ where: { userId: w.actors.a2.id, params: { path: ["event"], equals: "sentBack" } } })).toBe(1);
      const v = (await row(a.id)).version;
      await updateDraft(w.deps, w.actors.a2, a.id, { rationale: "مبررات أوضح", version: v });
      await signOffStep(w.deps, w.actors.a2, a.id, { step: "ask" });
      await transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED" });
      expect(await row(a.id)).toMatchObject({ state: "SUBMITTED", submittedById: w.actors.a1.id, submissionRequestedById: w.actors.a2.id });
      const events = await db.prisma.amendmentEvent.findMany({ where: { amendmentId: a.id }, orderBy: { createdAt: "asc" } });
      expect(events.map((e) => e.kind)).toEqual(["TRANSITION", "SUBMISSION_REQUESTED", "SENT_BACK", "EDITED", "SUBMISSION_REQUESTED", "TRANSITION"]);
      expect(events.at(-1)!.data).toMatchObject({ requestedById: w.actors.a2.id });
      // The committee sees who signed off and who asked; the other force sees nothing of the draft's steps.
      expect((await getAmendment(w.deps, w.actors.committee, a.id)).signOff).toMatchObject({ signedOffBy: { id: w.actors.a1.id }, requestedBy: { id: w.actors.a2.id } });
    });

    it("names the lead: organizers and the current lead only, a delegate of the force only", async () => {
      await rejects(setForceLead(w.deps, w.actors.a1, w.conferenceId, w.forceA, { userId: w.actors.a1.id }), "forbidden");
      await rejects(setForceLead(w.deps, w.actors.committee, w.conferenceId, w.forceA, { userId: w.actors.a1.id }), "forbidden");
      await rejects(setForceLead(w.deps, w.actors.organizer, w.conferenceId, w.forceA, { userId: w.actors.b1.id }), "bad_request");
      await rejects(setForceLead(w.deps, w.actors.organizer, w.conferenceId, w.forceA, { userId: 42 }), "bad_request");
      await rejects(setForceLead(w.deps, w.actors.organizer, w.conferenceId, "no-such-force", { userId: null }), "not_found");
      await setForceLead(w.deps, w.actors.organizer, w.conferenceId, w.forceA, { userId: w.actors.a1.id });
      // The lead hands over; the former lead can then no longer change it.
      await setForceLead(w.deps, w.actors.a1, w.conferenceId, w.forceA, { userId: w.actors.a2.id });
      await rejects(setForceLead(w.deps, w.actors.a1, w.conferenceId, w.forceA, { userId: w.actors.a1.id }), "forbidden");
      await rejects(setForceLead(w.deps, w.actors.b1, w.conferenceId, w.forceA, { userId: null }), "forbidden");
      expect((await db.prisma.force.findUniqueOrThrow({ where: { id: w.forceA } })).leadDelegateId).toBe(w.actors.a2.id);
      // A lead who is no longer the force's delegate does not count: any delegate submits again.
      await db.prisma.membership.updateMany({ where: { userId: w.actors.a2.id }, data: { role: "OBSERVER", forceId: null } });
      const a = await propose("a1");
      await transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED" });
    });
  });

  describe("amendment phases", () => {
    it("the window follows the phases; a late submission is refused with the time it closed", async () => {
      const t0 = new Date("2031-01-10T08:00:00Z");
      const first = { name: "القراءة الأولى", openAt: "2031-01-01T08:00:00Z", closeAt: "2031-01-05T15:00:00Z" };
      await setAmendmentWindow(w.deps, w.actors.organizer, w.conferenceId, { openAt: first.openAt, closeAt: first.closeAt });
      const second = await addPhase(w.deps, w.actors.organizer, w.conferenceId, { name: "القراءة الثانية", openAt: "2031-01-12T08:00:00Z", closeAt: "2031-01-14T15:00:00Z" });
      const a = await propose("a1");
      w.clock.now = t0;
      const late = await rejects(transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED" }), "forbidden", /closed at 2031-01-05T15:00:00.000Z/);
      expect(late.details).toMatchObject({ reason: "window_closed", closedAt: "2031-01-05T15:00:00.000Z", opensAt: "2031-01-12T08:00:00.000Z", phaseNumber: 1 });
      const view = await getAmendment(w.deps, w.actors.a1, a.id);
      expect(view.allowed.submit).toBe(false);
      expect(view.window).toMatchObject({ state: "closed", last: { number: 1 }, next: { id: second.id, name: "القراءة الثانية", number: 2 } });
      w.clock.now = new Date("2031-01-12T08:00:00Z");
      await transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED" });
      expect((await row(a.id)).phaseId).toBe(second.id);
      expect((await getAmendment(w.deps, w.actors.a1, a.id)).signOff.phase).toMatchObject({ id: second.id, number: 2 });
      // After the last phase: closed, nothing follows.
      const b = await propose("a1");
      w.clock.now = new Date("2031-01-14T15:00:00Z");
      const after = await rejects(transition(w.deps, w.actors.a1, b.id, { to: "SUBMITTED" }), "forbidden");
      expect(after.details).toMatchObject({ reason: "window_closed", closedAt: "2031-01-14T15:00:00.000Z" });
      expect(after.details).not.toHaveProperty("opensAt");
      // Deleting the phase keeps the submission (it only loses its phase).
      await deletePhase(w.deps, w.actors.organizer, w.conferenceId, second.id);
      expect(await row(a.id)).toMatchObject({ state: "SUBMITTED", phaseId: null });
    });

    it("organizers only; bad input, overlaps and unknown phases are refused and change nothing", async () => {
      const good = { name: "ثانية", openAt: "2031-02-01T08:00:00Z", closeAt: "2031-02-03T08:00:00Z" };
      for (const who of ["committee", "observer", "a1", "b1"] as const) {
        await rejects(addPhase(w.deps, w.actors[who], w.conferenceId, good), "forbidden");
        await rejects(deletePhase(w.deps, w.actors[who], w.conferenceId, "x"), "forbidden");
      }
      const before = await db.prisma.amendmentPhase.findMany({ where: { conferenceId: w.conferenceId } });
      await rejects(addPhase(w.deps, w.actors.organizer, w.conferenceId, { ...good, closeAt: good.openAt }), "bad_request");
      await rejects(addPhase(w.deps, w.actors.organizer, w.conferenceId, { ...good, openAt: "not a date" }), "bad_request");
      await rejects(addPhase(w.deps, w.actors.organizer, w.conferenceId, { ...good, name: "x".repeat(121) }), "bad_request");
      // The world's phase is open around now: a phase across it overlaps.
      await rejects(addPhase(w.deps, w.actors.organizer, w.conferenceId, { openAt: new Date(Date.now() - 3600_000), closeAt: new Date(Date.now() + 3600_000) }), "conflict");
      const p = await addPhase(w.deps, w.actors.organizer, w.conferenceId, good);
      await rejects(updatePhase(w.deps, w.actors.organizer, w.conferenceId, { ...good, id: "missing" }), "not_found");
      await rejects(updatePhase(w.deps, w.actors.organizer, w.conferenceId, { ...good, id: p.id, openAt: new Date(Date.now()) }), "conflict");
      await rejects(deletePhase(w.deps, w.actors.organizer, w.conferenceId, "missing"), "not_found");
      await updatePhase(w.deps, w.actors.organizer, w.conferenceId, { ...good, id: p.id, name: "القراءة الثانية" });
      expect(await db.prisma.amendmentPhase.findMany({ where: { conferenceId: w.conferenceId }, orderBy: { openAt: "asc" } })).toEqual([...before, expect.objectContaining({ id: p.id, name: "القراءة الثانية" })]);
      // At most 12.
      for (let i = 0; i < 10; i++) await addPhase(w.deps, w.actors.organizer, w.conferenceId, { openAt: `2032-0${1 + (i % 9)}-${10 + Math.floor(i / 9)}T08:00:00Z`, closeAt: `2032-0${1 + (i % 9)}-${10 + Math.floor(i / 9)}T09:00:00Z` });
      await rejects(addPhase(w.deps, w.actors.organizer, w.conferenceId, { openAt: "2033-01-01T00:00:00Z", closeAt: "2033-01-02T00:00:00Z" }), "bad_request");
    });
  });
});
