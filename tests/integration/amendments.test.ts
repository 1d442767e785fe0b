// The amendment domain core on real PGlite and PostgreSQL, with a real PaperStore over the update log:
// transitions, force isolation, internal notes, the window, anchors under concurrent edits, merges.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import * as Y from "yjs";
import type { AmendmentState } from "@prisma/client";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { makeWorld, SECTIONS, type World } from "../helpers/amendments-world.js";
import { appendSections, PAPER_FRAGMENT, paperText } from "../../app/domain/paper-doc.js";
import { createAnchor, layoutOf } from "../../app/domain/anchors.js";
import { amendmentStates, canTransition, transitionAction } from "../../app/domain/amendment-states.js";
import { DomainError } from "../../app/domain/errors.js";
import { rooms } from "../../app/domain/rooms.js";
import {
  addComment,
  consolidatedTable,
  createAmendment,
  discardDraft,
  getAmendment,
  listAmendments,
  publishDecisions,
  reanchor,
  recommend,
  setAmendmentWindow,
  transition,
  updateDraft,
} from "../../app/domain/amendments.server.js";

const para = (doc: Y.Doc, n: number) => (doc.getXmlFragment(PAPER_FRAGMENT).get(n) as Y.XmlElement).get(0) as Y.XmlText;

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

describe.each(backends)("amendments on %s", (backend) => {
  let db: TestDb;
  let w: World;
  beforeAll(async () => {
    db = await freshDb(backend);
  });
  afterAll(async () => db?.destroy());
  beforeEach(async () => {
    w = await makeWorld(db.prisma);
  });

  const propose = async (phrase: string, extra: Record<string, unknown> = {}, who = "a1" as keyof World["actors"]) =>
    createAmendment(w.deps, w.actors[who], w.paperId, { type: "REPLACE", ...(await w.at(phrase)), proposedText: "نص بديل", rationale: "لأن", ...extra });
  const submitted = async (phrase: string, extra: Record<string, unknown> = {}) => {
    const a = await propose(phrase, extra);
    await transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED" });
    return a;
  };
  const underReview = async (phrase: string, extra: Record<string, unknown> = {}) => {
    const a = await submitted(phrase, extra);
    await transition(w.deps, w.actors.committee, a.id, { to: "UNDER_REVIEW" });
    return a;
  };
  const stateOf = async (id: string) => (await db.prisma.amendment.findUniqueOrThrow({ where: { id } })).state;

  describe("transitions", () => {
    it("walks DRAFT → SUBMITTED → UNDER_REVIEW → ACCEPTED → MERGED, one event each, with who and why", async () => {
      const a = await propose("العلاقات العامة", { proposedText: "العلاقات الخارجية" });
      await transition(w.deps, w.actors.a2, a.id, { to: "SUBMITTED", note: "باسم الحزب" });
      await transition(w.deps, w.actors.committee, a.id, { to: "UNDER_REVIEW" });
      const r = await transition(w.deps, w.actors.committee, a.id, { to: "ACCEPTED", note: "مقبول لوضوحه" });
      expect(r.state).toBe("ACCEPTED");
      await transition(w.deps, w.actors.committee, a.id, { to: "MERGED" });
      const events = await db.prisma.amendmentEvent.findMany({ where: { amendmentId: a.id }, orderBy: { createdAt: "asc" } });
      expect(events.map((e) => [e.fromState, e.toState, e.kind])).toEqual([
        [null, "DRAFT", "TRANSITION"],
        ["DRAFT", "SUBMITTED", "TRANSITION"],
        ["SUBMITTED", "UNDER_REVIEW", "TRANSITION"],
        ["UNDER_REVIEW", "ACCEPTED", "TRANSITION"],
        ["ACCEPTED", "MERGED", "TRANSITION"],
      ]);
      expect(events[1]).toMatchObject({ actorId: w.actors.a2.id, note: "باسم الحزب" });
      expect(events[3]).toMatchObject({ actorId: w.actors.committee.id, note: "مقبول لوضوحه" });
      const row = await db.prisma.amendment.findUniqueOrThrow({ where: { id: a.id } });
      expect(row).toMatchObject({ state: "MERGED", submittedById: w.actors.a2.id, decidedById: w.actors.committee.id, decisionReason: "مقبول لوضوحه" });
      expect(await w.text()).toContain("يعمل مكتب العلاقات الخارجية على تطوير");
    });

    it("allows exactly the edges of the graph, each only to the side that owns it", async () => {
      const a = await submitted("رئاسة مشتركة");
      for (const from of amendmentStates) {
        for (const to of amendmentStates) {
          if (to === "DRAFT") continue;
          await db.prisma.amendment.update({ where: { id: a.id }, data: { state: from, decisionReason: "x" } });
          // The force's steps: drafting ones, and signing off (no lead named here: any delegate, ADR 0061).
          const owner = transitionAction[to] === "amendment.draft" || transitionAction[to] === "amendment.submit" ? w.actors.a1 : w.actors.committee;
          const other = owner === w.actors.a1 ? w.actors.committee : w.actors.a1;
          const input = { to, note: "سبب", decidedText: "نص معدل" };
          if (!canTransition(from, to)) {
            await rejects(transition(w.deps, owner, a.id, input), from === "DRAFT" && owner !== w.actors.a1 ? "not_found" : "illegal_transition");
            continue;
          }
          // The wrong side is refused and nothing moves.
          await rejects(transition(w.deps, other, a.id, input), from === "DRAFT" ? "not_found" : "forbidden");
          expect(await stateOf(a.id)).toBe(from);
          if (to === "MERGED") continue; // merges are covered below (they change the paper)
          await transition(w.deps, owner, a.id, input);
          expect(await stateOf(a.id), `${from} → ${to}`).toBe(to);
        }
      }
    });

    it("withdraws while undecided only, by the force", async () => {
      const a = await submitted("رئاسة مشتركة");
      await rejects(transition(w.deps, w.actors.committee, a.id, { to: "WITHDRAWN" }), "forbidden");
      await transition(w.deps, w.actors.a2, a.id, { to: "WITHDRAWN", note: "سحبناه" });
      expect(await stateOf(a.id)).toBe("WITHDRAWN");
      const b = await underReview("لجان متخصصة");
      await transition(w.deps, w.actors.committee, b.id, { to: "REJECTED", note: "لا" });
      await rejects(transition(w.deps, w.actors.a1, b.id, { to: "WITHDRAWN" }), "illegal_transition");
    });

    it("a decision needs a reason; accepting with changes needs the changed text", async () => {
      const a = await underReview("رئاسة مشتركة");
      await rejects(transition(w.deps, w.actors.committee, a.id, { to: "ACCEPTED" }), "bad_request", /reason/);
      await rejects(transition(w.deps, w.actors.committee, a.id, { to: "ACCEPTED_WITH_CHANGES", note: "بتعديل" }), "bad_request", /amended/);
      await transition(w.deps, w.actors.committee, a.id, { to: "ACCEPTED_WITH_CHANGES", note: "بتعديل", decidedText: "قيادة جماعية" });
      await transition(w.deps, w.actors.committee, a.id, { to: "MERGED" });
      expect(await w.text()).toContain("يتألف المكتب من قيادة جماعية ولجان متخصصة.");
    });

    it("a stale version is refused, and two delegates editing the same draft cannot overwrite each other", async () => {
      const a = await propose("رئاسة مشتركة");
      await updateDraft(w.deps, w.actors.a2, a.id, { version: a.version, proposedText: "نص الثاني" });
      await rejects(updateDraft(w.deps, w.actors.a1, a.id, { version: a.version, proposedText: "نص الأول" }), "stale_version");
      expect((await db.prisma.amendment.findUniqueOrThrow({ where: { id: a.id } })).proposedText).toBe("نص الثاني");
      await rejects(transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED", version: a.version }), "stale_version");
    });

    it("recommendation is kept apart from the decision and moves a submitted amendment under review", async () => {
      const a = await submitted("رئاسة مشتركة");
      await recommend(w.deps, w.actors.committee, a.id, { recommendation: "REJECT", note: "يخالف الميثاق" });
      expect(await stateOf(a.id)).toBe("UNDER_REVIEW");
      await rejects(recommend(w.deps, w.actors.a1, a.id, { recommendation: "ACCEPT" }), "forbidden");
      await transition(w.deps, w.actors.committee, a.id, { to: "ACCEPTED", note: "قررت اللجنة القبول" });
      const row = await db.prisma.amendment.findUniqueOrThrow({ where: { id: a.id } });
      expect(row).toMatchObject({ recommendation: "REJECT", recommendationNote: "يخالف الميثاق", state: "ACCEPTED", decisionReason: "قررت اللجنة القبول" });
      await rejects(recommend(w.deps, w.actors.committee, a.id, { recommendation: "ACCEPT" }), "illegal_transition");
      const kinds = (await db.prisma.amendmentEvent.findMany({ where: { amendmentId: a.id }, orderBy: { createdAt: "asc" } })).map((e) => e.kind);
      expect(kinds).toContain("RECOMMENDATION");
    });
  });

  describe("force isolation and visibility", () => {
    it("drafts belong to the force: both its delegates see and edit them, nobody else sees them", async () => {
      const a = await propose("رئاسة مشتركة");
      const seen = async (who: keyof World["actors"]) => (await listAmendments(w.deps, w.actors[who], w.paperId)).items.map((s) => s.id);
      expect(await seen("a2")).toEqual([a.id]);
      const edited = await updateDraft(w.deps, w.actors.a2, a.id, { version: a.version, rationale: "حجة أقوى" });
      expect(edited.amendment.rationale).toBe("حجة أقوى");
      for (const who of ["b1", "committee", "organizer", "observer"] as const) {
        expect(await seen(who), who).toEqual([]);
        await rejects(getAmendment(w.deps, w.actors[who], a.id), "not_found");
      }
      await rejects(updateDraft(w.deps, w.actors.b1, a.id, { version: 2, rationale: "x" }), "not_found");
      await rejects(transition(w.deps, w.actors.b1, a.id, { to: "SUBMITTED" }), "not_found");
      await rejects(discardDraft(w.deps, w.actors.b1, a.id), "not_found");
    });

    it("every role, both forces: who lists and opens a submitted amendment, and who may act on it", async () => {
      const a = await submitted("رئاسة مشتركة");
      const expected = { organizer: "staff", committee: "staff", observer: "observer", a1: "force", a2: "force", b1: null } as const;
      for (const [who, audience] of Object.entries(expected) as [keyof World["actors"], string | null][]) {
        const listed = (await listAmendments(w.deps, w.actors[who], w.paperId)).items.map((s) => s.id);
        if (audience === null) {
          expect(listed, who).toEqual([]);
          await rejects(getAmendment(w.deps, w.actors[who], a.id), "not_found");
          continue;
        }
        expect(listed, who).toEqual([a.id]);
        const view = await getAmendment(w.deps, w.actors[who], a.id);
        expect(view.amendment.audience, who).toBe(audience);
        expect(view.allowed.withdraw, who).toBe(audience === "force");
        expect(view.allowed.review, who).toBe(audience === "staff");
        expect(view.allowed.comment, who).toBe(audience === "staff" || audience === "force");
        expect(view.allowed.internal, who).toBe(audience === "staff");
      }
    });

    it("another force never sees an undecided amendment; after publication it sees decisions and reasons", async () => {
      const a = await underReview("رئاسة مشتركة");
      const b = await underReview("لجان متخصصة");
      await recommend(w.deps, w.actors.committee, a.id, { recommendation: "ACCEPT", note: "توصية" });
      await transition(w.deps, w.actors.committee, a.id, { to: "REJECTED", note: "سبب الرفض" });
      expect((await listAmendments(w.deps, w.actors.b1, w.paperId)).items).toEqual([]);
      await rejects(getAmendment(w.deps, w.actors.b1, a.id), "not_found");

      // The submitting force sees the state live, but reasons and recommendations only once published.
      const own = (await getAmendment(w.deps, w.actors.a1, a.id)).amendment;
      expect(own).toMatchObject({ state: "REJECTED", decisionReason: null, recommendation: null, recommendationNote: null });
      const ownEvents = (await getAmendment(w.deps, w.actors.a1, a.id)).events;
      expect(ownEvents.every((e) => e.kind === "TRANSITION")).toBe(true);
      expect(ownEvents.find((e) => e.toState === "REJECTED")?.note).toBeNull();

      await rejects(publishDecisions(w.deps, w.actors.a1, w.conferenceId), "forbidden");
      await publishDecisions(w.deps, w.actors.committee, w.conferenceId);
      expect(w.emitted.some((e) => e.room === rooms.all(w.conferenceId) && e.event === "amendments:published")).toBe(true);
      const other = await listAmendments(w.deps, w.actors.b1, w.paperId);
      expect(other.items.map((s) => s.id)).toEqual([a.id]); // b is still under review
      expect(other.items[0]).toMatchObject({ decisionReason: "سبب الرفض", recommendation: "ACCEPT", audience: "public" });
      expect((await getAmendment(w.deps, w.actors.a1, a.id)).amendment.decisionReason).toBe("سبب الرفض");
      expect((await getAmendment(w.deps, w.actors.b1, a.id)).comments).toEqual([]);
      await rejects(getAmendment(w.deps, w.actors.b1, b.id), "not_found");
    });

    it("internal notes never reach the force nor observers; only the committee writes them", async () => {
      const a = await submitted("رئاسة مشتركة");
      w.emitted.length = 0;
      await addComment(w.deps, w.actors.committee, a.id, { body: "ملاحظة داخلية: الحزب متشدد", internal: true });
      expect(w.emitted.map((e) => e.room)).toEqual([rooms.staff(w.conferenceId)]);
      await addComment(w.deps, w.actors.committee, a.id, { body: "هل يمكن توضيح الصياغة؟" });
      await addComment(w.deps, w.actors.a2, a.id, { body: "نعم، المقصود القيادة الجماعية." });
      await rejects(addComment(w.deps, w.actors.a1, a.id, { body: "أريد ملاحظة داخلية", internal: true }), "forbidden");
      await rejects(addComment(w.deps, w.actors.b1, a.id, { body: "تدخل" }), "not_found");
      await rejects(addComment(w.deps, w.actors.observer, a.id, { body: "مراقب" }), "forbidden");
      await rejects(addComment(w.deps, w.actors.a1, a.id, { body: "   " }), "bad_request");

      const forForce = await getAmendment(w.deps, w.actors.a1, a.id);
      expect(forForce.comments.map((c) => [c.body, c.author.side])).toEqual([
        ["هل يمكن توضيح الصياغة؟", "committee"],
        ["نعم، المقصود القيادة الجماعية.", "force"],
      ]);
      expect(JSON.stringify(forForce)).not.toContain("متشدد");
      expect(forForce.allowed.internal).toBe(false);
      const forObserver = await getAmendment(w.deps, w.actors.observer, a.id);
      expect(forObserver.comments).toEqual([]);
      expect(JSON.stringify(forObserver)).not.toContain("متشدد");
      const forCommittee = await getAmendment(w.deps, w.actors.committee, a.id);
      expect(forCommittee.comments.map((c) => c.internal)).toEqual([true, false, false]);
      // Published decisions do not publish internal notes.
      await publishDecisions(w.deps, w.actors.organizer, w.conferenceId);
      expect(JSON.stringify(await getAmendment(w.deps, w.actors.a1, a.id))).not.toContain("متشدد");
    });

    it("live events go to the rooms that may see them", async () => {
      const a = await propose("رئاسة مشتركة");
      expect(w.emitted.map((e) => e.room)).toEqual([rooms.force(w.conferenceId, w.forceA)]);
      w.emitted.length = 0;
      await transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED" });
      expect(w.emitted).toEqual(
        expect.arrayContaining([
          { room: rooms.staff(w.conferenceId), event: "amendment:submitted", payload: { id: a.id, paperId: w.paperId } },
          { room: rooms.force(w.conferenceId, w.forceA), event: "amendment:submitted", payload: { id: a.id, paperId: w.paperId } },
        ]),
      );
      expect(w.emitted.some((e) => e.room === rooms.force(w.conferenceId, w.forceB))).toBe(false);
    });
  });

  describe("the amendment window", () => {
    it("is enforced on submission, set by organizers only", async () => {
      const a = await propose("رئاسة مشتركة");
      const day = 86400_000;
      w.clock.now = new Date(Date.now() + 2 * day);
      await rejects(transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED" }), "forbidden", /closed/);
      w.clock.now = new Date(Date.now() - 2 * day);
      await rejects(transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED" }), "forbidden", /not open yet/);
      await rejects(setAmendmentWindow(w.deps, w.actors.committee, w.conferenceId, { openAt: null, closeAt: null }), "forbidden");
      await rejects(setAmendmentWindow(w.deps, w.actors.organizer, w.conferenceId, { openAt: "2026-12-10", closeAt: "2026-12-01" }), "bad_request");
      await rejects(setAmendmentWindow(w.deps, w.actors.organizer, w.conferenceId, { openAt: "not a date", closeAt: null }), "bad_request");
      await setAmendmentWindow(w.deps, w.actors.organizer, w.conferenceId, { openAt: null, closeAt: null });
      w.clock.now = new Date();
      await rejects(transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED" }), "forbidden", /not been set/);
      await setAmendmentWindow(w.deps, w.actors.organizer, w.conferenceId, { openAt: new Date(Date.now() - day), closeAt: new Date(Date.now() + day) });
      await transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED" });
      expect(await stateOf(a.id)).toBe("SUBMITTED");
      expect(await db.prisma.amendmentEvent.count({ where: { amendmentId: a.id, toState: "SUBMITTED" } })).toBe(1);
    });
  });

  describe("the amendment window's edges", () => {
    it("opens at its opening time and closes at its closing time, to the millisecond; the refusal says which", async () => {
      const openAt = new Date("2030-03-01T07:00:00Z");
      const closeAt = new Date("2030-03-15T15:00:00Z");
      await setAmendmentWindow(w.deps, w.actors.organizer, w.conferenceId, { openAt: openAt.toISOString(), closeAt: closeAt.toISOString() });
      expect(await db.prisma.amendmentPhase.findMany({ where: { conferenceId: w.conferenceId } })).toMatchObject([{ openAt, closeAt }]);
      const a = await propose("رئاسة مشتركة");
      const submitAt = async (ms: number) => {
        w.clock.now = new Date(ms);
        return transition(w.deps, w.actors.a1, a.id, { to: "SUBMITTED" });
      };
      const before = await db.prisma.amendment.findUniqueOrThrow({ where: { id: a.id } });
      for (const [ms, reason, message] of [
        [openAt.getTime() - 1, "window_notYetOpen", /not open yet/],
        [closeAt.getTime(), "window_closed", /closed/],
        [closeAt.getTime() + 60_000, "window_closed", /closed/],
      ] as const) {
        const err = await rejects(submitAt(ms), "forbidden", message);
        expect(err.details).toMatchObject({ reason });
        expect(await db.prisma.amendment.findUniqueOrThrow({ where: { id: a.id } })).toEqual(before);
      }
      // The draft's page offers no submission outside the window, and does inside it.
      w.clock.now = new Date(closeAt.getTime());
      expect((await getAmendment(w.deps, w.actors.a1, a.id)).allowed.submit).toBe(false);
      w.clock.now = new Date(closeAt.getTime() - 1);
      expect((await getAmendment(w.deps, w.actors.a1, a.id)).allowed.submit).toBe(true);
      expect((await submitAt(closeAt.getTime() - 1)).state).toBe("SUBMITTED");
      // Exactly at the opening time is inside.
      const b = await propose("العلاقات العامة");
      w.clock.now = openAt;
      expect((await transition(w.deps, w.actors.a1, b.id, { to: "SUBMITTED" })).state).toBe("SUBMITTED");
      // An empty window (opening at its closing time) is refused as input.
      await rejects(setAmendmentWindow(w.deps, w.actors.organizer, w.conferenceId, { openAt: closeAt, closeAt }), "bad_request");
      for (const who of ["committee", "observer", "a1"] as const) {
        await rejects(setAmendmentWindow(w.deps, w.actors[who], w.conferenceId, { openAt: null, closeAt: null }), "forbidden");
      }
      expect(await db.prisma.amendmentPhase.findMany({ where: { conferenceId: w.conferenceId } })).toMatchObject([{ openAt, closeAt }]);
    });
  });

  describe("bad input", () => {
    it("empty proposals, selections outside the paper, oversized text: 4xx and nothing stored", async () => {
      const at = await w.at("رئاسة مشتركة");
      const len = (await w.text()).length;
      await rejects(createAmendment(w.deps, w.actors.a1, w.paperId, { type: "REPLACE", ...at, proposedText: "   " }), "bad_request", /proposed text/);
      await rejects(createAmendment(w.deps, w.actors.a1, w.paperId, { type: "GENERAL", ...at, rationale: "" }), "bad_request", /remark/);
      await rejects(createAmendment(w.deps, w.actors.a1, w.paperId, { type: "NEW_SECTION", ...at, proposedText: "نص" }), "bad_request", /title/);
      await rejects(createAmendment(w.deps, w.actors.a1, w.paperId, { type: "DELETE", ...at, proposedText: "نص" }), "bad_request");
      await rejects(createAmendment(w.deps, w.actors.a1, w.paperId, { type: "REPLACE", start: len - 2, end: len + 50, proposedText: "س" }), "bad_request", /outside the paper/);
      await rejects(createAmendment(w.deps, w.actors.a1, w.paperId, { type: "REPLACE", start: -1, end: 3, proposedText: "س" }), "bad_request");
      await rejects(createAmendment(w.deps, w.actors.a1, w.paperId, { type: "REPLACE", start: 5, end: 5, proposedText: "س" }), "bad_request");
      await rejects(createAmendment(w.deps, w.actors.a1, w.paperId, { type: "REPLACE", ...at, proposedText: "ن".repeat(20_001) }), "bad_request", /20000/);
      await rejects(createAmendment(w.deps, w.actors.a1, w.paperId, { type: "BOGUS", ...at, proposedText: "x" }), "bad_request");
      await rejects(createAmendment(w.deps, w.actors.a1, w.paperId, { type: "REPLACE", start: "abc", end: 3, proposedText: "x" }), "bad_request");
      await rejects(createAmendment(w.deps, w.actors.observer, w.paperId, { type: "REPLACE", ...at, proposedText: "x", forceId: w.forceA }), "forbidden");
      await rejects(createAmendment(w.deps, w.actors.a1, w.paperId, { type: "REPLACE", ...at, proposedText: "x", forceId: w.forceB }), "forbidden");
      await rejects(createAmendment(w.deps, w.actors.a1, "no-such-paper", { type: "REPLACE", ...at, proposedText: "x" }), "not_found");
      expect(await db.prisma.amendment.count({ where: { paperId: w.paperId } })).toBe(0);
    });

    it("HTML and script in text are kept as plain text, control characters dropped", async () => {
      const a = await propose("رئاسة مشتركة", { proposedText: '<script>alert("x")</script>\u0000 <b>نص</b>\r\nسطر' });
      expect(a.proposedText).toBe('<script>alert("x")</script> <b>نص</b>\nسطر');
    });
  });

  describe("anchors in the stored paper under concurrent edits", () => {
    it("edits before, after and right against the anchor by two concurrent editors: intact", async () => {
      const a = await submitted("رئاسة مشتركة");
      const [e1, e2] = [await w.editor(), await w.editor()];
      para(e1.doc, 2).insert(0, "أولاً: ");
      para(e2.doc, 2).insert(para(e2.doc, 2).length, " وهيئة عامة.");
      para(e2.doc, 1).insert(0, "تمهيد. ");
      await e1.commit();
      await e2.commit();
      const view = await getAmendment(w.deps, w.actors.committee, a.id);
      expect(view.amendment.anchor).toMatchObject({ status: "intact", textNow: "رئاسة مشتركة" });
      expect(await w.text()).toContain("أولاً: يتألف المكتب من رئاسة مشتركة ولجان متخصصة. وهيئة عامة.");
    });

    it("an edit inside: text changed since submission, quote then and text now", async () => {
      const a = await submitted("رئاسة مشتركة");
      const at = await w.at("مشتركة");
      const block = (await w.text()).indexOf("يتألف");
      const [e1, e2] = [await w.editor(), await w.editor()];
      para(e1.doc, 2).insert(at.start - block, "دورية ");
      para(e2.doc, 2).insert(0, "ثانياً: ");
      await e1.commit();
      await e2.commit();
      const forForce = (await getAmendment(w.deps, w.actors.a1, a.id)).amendment.anchor;
      expect(forForce).toMatchObject({ status: "changed", quote: "رئاسة مشتركة", textNow: "رئاسة دورية مشتركة" });
    });

    it("the anchored text deleted: orphaned, merge refused with a reason, nothing changes; re-anchor, then merge", async () => {
      const a = await underReview("رئاسة مشتركة", { proposedText: "قيادة جماعية" });
      await transition(w.deps, w.actors.committee, a.id, { to: "ACCEPTED", note: "مقبول" });
      const at = await w.at("رئاسة مشتركة ولجان");
      const block = (await w.text()).indexOf("يتألف");
      await w.edit((doc) => {
        para(doc, 2).delete(at.start - block, "رئاسة مشتركة ولجان".length);
        para(doc, 2).insert(at.start - block, "هيئة تنسيق ولجان");
      });
      expect((await getAmendment(w.deps, w.actors.committee, a.id)).amendment.anchor.status).toBe("orphaned");
      const before = await w.text();
      const updates = await db.prisma.paperUpdate.count({ where: { paperId: w.paperId } });
      await rejects(transition(w.deps, w.actors.committee, a.id, { to: "MERGED" }), "conflict", /deleted from the paper.*re-anchor/);
      expect(await w.text()).toBe(before);
      expect(await db.prisma.paperUpdate.count({ where: { paperId: w.paperId } })).toBe(updates);
      expect(await stateOf(a.id)).toBe("ACCEPTED");
      expect(await db.prisma.amendmentEvent.findFirst({ where: { amendmentId: a.id, kind: "MERGE_REFUSED" } })).toMatchObject({ toState: "ACCEPTED" });

      await rejects(reanchor(w.deps, w.actors.a1, a.id, await w.at("هيئة تنسيق")), "forbidden");
      const re = await reanchor(w.deps, w.actors.committee, a.id, await w.at("هيئة تنسيق"));
      expect(re.amendment.anchor).toMatchObject({ status: "intact", quote: "هيئة تنسيق" });
      await transition(w.deps, w.actors.committee, a.id, { to: "MERGED" });
      expect(await w.text()).toContain("يتألف المكتب من قيادة جماعية ولجان متخصصة.");
      expect(await stateOf(a.id)).toBe("MERGED");
    });

    it("accept-and-merge on a changed anchor refuses the whole step: still under review, paper untouched", async () => {
      const a = await underReview("رئاسة مشتركة");
      const at = await w.at("مشتركة");
      const block = (await w.text()).indexOf("يتألف");
      await w.edit((doc) => para(doc, 2).insert(at.start - block, "دورية "));
      const before = await w.text();
      await rejects(transition(w.deps, w.actors.committee, a.id, { to: "ACCEPTED", note: "نعم", merge: true }), "conflict", /changed since submission/);
      expect(await stateOf(a.id)).toBe("UNDER_REVIEW");
      expect(await w.text()).toBe(before);
    });
  });

  describe("merging", () => {
    it("applies as one update attributed to the amendment; other anchors in the paragraph survive", async () => {
      const a = await underReview("العامة", { proposedText: "الخارجية" });
      const b = await underReview("تطوير آلية عمله", { proposedText: "تحديث أساليبه" });
      const updates = await db.prisma.paperUpdate.count({ where: { paperId: w.paperId } });
      const r = await transition(w.deps, w.actors.committee, a.id, { to: "ACCEPTED", note: "نعم", merge: true });
      expect(r).toEqual({ state: "MERGED" });
      expect(await db.prisma.paperUpdate.count({ where: { paperId: w.paperId } })).toBe(updates + 1);
      expect((await getAmendment(w.deps, w.actors.committee, b.id)).amendment.anchor.status).toBe("intact");
      await transition(w.deps, w.actors.committee, b.id, { to: "ACCEPTED", note: "نعم", merge: true });
      expect(await w.text()).toContain("يعمل مكتب العلاقات الخارجية على تحديث أساليبه.");
    });

    it("INSERT, DELETE and NEW_SECTION change the paper as proposed; GENERAL stays accepted", async () => {
      const ins = await underReview("لجان متخصصة", { type: "INSERT", proposedText: "ومستقلة" });
      const del = await underReview("مع القوى السورية", { type: "DELETE", proposedText: "" });
      const sec = await underReview("٢. الحوار", { type: "NEW_SECTION", proposedTitle: "٣. الشفافية", proposedText: "ينشر المكتب تقاريره." });
      const gen = await underReview("١. الهيكلية", { type: "GENERAL", proposedText: "", rationale: "القسم طويل" });
      for (const x of [ins, del, sec]) await transition(w.deps, w.actors.committee, x.id, { to: "ACCEPTED", note: "نعم", merge: true });
      await transition(w.deps, w.actors.committee, gen.id, { to: "ACCEPTED", note: "نعم" });
      await rejects(transition(w.deps, w.actors.committee, gen.id, { to: "MERGED" }), "conflict", /general remark/);
      const text = await w.text();
      expect(text).toContain("رئاسة مشتركة ولجان متخصصة ومستقلة.");
      expect(text).toContain("استمرار التواصل والحوار.");
      expect(text.endsWith("٣. الشفافية\nينشر المكتب تقاريره.")).toBe(true);
      expect(await stateOf(gen.id)).toBe("ACCEPTED");
    });

    it("two merges of the same amendment at once apply once", async () => {
      const a = await underReview("رئاسة مشتركة", { proposedText: "قيادة" });
      await transition(w.deps, w.actors.committee, a.id, { to: "ACCEPTED", note: "نعم" });
      const results = await Promise.allSettled([
        transition(w.deps, w.actors.committee, a.id, { to: "MERGED" }),
        transition(w.deps, w.actors.organizer, a.id, { to: "MERGED" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect((await w.text()).match(/قيادة/g)).toHaveLength(1);
    });
  });

  describe("queue and consolidated table", () => {
    it("orders by position in the paper, filters, groups overlaps", async () => {
      const late = await submitted("استمرار التواصل");
      const x = await submitted("رئاسة مشتركة ولجان");
      const y = await submitted("مشتركة", {}); // inside x
      const z = await submitted("لجان متخصصة", { type: "INSERT", proposedText: "فاعلة" }); // anchors meet on "لجان"
      await submitted("١. الهيكلية", { type: "GENERAL", proposedText: "", rationale: "ملاحظة" }); // remarks never overlap
      const apart = await submitted("العلاقات العامة");
      const q = await listAmendments(w.deps, w.actors.committee, w.paperId);
      expect(q.items.map((s) => s.id).slice(1)).toEqual([apart.id, x.id, y.id, z.id, late.id]);
      expect(q.items[0]).toMatchObject({ type: "GENERAL", overlapGroup: null });
      const g = q.items.find((s) => s.id === x.id)!.overlapGroup;
      expect(g).not.toBeNull();
      expect([y, z].map((s) => q.items.find((i) => i.id === s.id)!.overlapGroup)).toEqual([g, g]);
      expect([apart, late].map((s) => q.items.find((i) => i.id === s.id)!.overlapGroup)).toEqual([null, null]);

      const section2 = q.sections[1]!;
      expect((await listAmendments(w.deps, w.actors.committee, w.paperId, { section: section2.index })).items.map((s) => s.id)).toEqual([late.id]);
      expect((await listAmendments(w.deps, w.actors.committee, w.paperId, { type: "INSERT" })).items.map((s) => s.id)).toEqual([z.id]);
      expect((await listAmendments(w.deps, w.actors.committee, w.paperId, { forceKind: "CURRENT" })).items).toEqual([]);
      expect((await listAmendments(w.deps, w.actors.committee, w.paperId, { forceId: w.forceA, state: "SUBMITTED" })).items).toHaveLength(6);
      await rejects(listAmendments(w.deps, w.actors.committee, w.paperId, { state: "NOPE" }), "bad_request");

      const table = await consolidatedTable(w.deps, w.actors.committee, w.paperId);
      expect(table.sections.map((s) => [s.title, s.rows.length])).toEqual([
        ["١. الهيكلية", 5],
        ["٢. الحوار", 1],
      ]);
      expect(table.sections[0]!.text).toEqual([
        "يعمل مكتب العلاقات العامة على تطوير آلية عمله.",
        "يتألف المكتب من رئاسة مشتركة ولجان متخصصة.",
      ]);
      expect(table.counts.SUBMITTED).toBe(6);
    });
  });

  describe("proposals anchored in a live copy of the paper (ADR 0050)", () => {
    /** A reader's browser: a copy of the stored paper that anchors a phrase with its own Yjs positions. */
    const fromBrowser = async (phrase: string) => {
      const browser = await w.editor();
      const at = layoutOf(browser.doc).text.indexOf(phrase);
      const a = createAnchor(browser.doc, at, at + phrase.length);
      return { start: Buffer.from(a.start).toString("base64"), end: Buffer.from(a.end).toString("base64"), quote: a.quote };
    };

    it("holds the selected text through a committee edit before it made between selecting and saving", async () => {
      const anchor = await fromBrowser("رئاسة مشتركة");
      const offsetsThen = await w.at("رئاسة مشتركة");
      await w.edit((doc) => para(doc, 2).insert(0, "أولاً: "));
      const a = await createAmendment(w.deps, w.actors.a1, w.paperId, { type: "REPLACE", anchor, proposedText: "قيادة جماعية", rationale: "" });
      expect(a.quotedText).toBe("رئاسة مشتركة");
      expect(a.anchorOffset).toBe(offsetsThen.start + "أولاً: ".length);
      expect((await getAmendment(w.deps, w.actors.a1, a.id)).amendment.anchor).toMatchObject({ status: "intact", textNow: "رئاسة مشتركة" });
      // The same offsets, sent as numbers, now name other text: that is what positions avoid.
      const byOffsets = await createAmendment(w.deps, w.actors.a1, w.paperId, { type: "REPLACE", ...offsetsThen, proposedText: "x" });
      expect(byOffsets.quotedText).not.toBe("رئاسة مشتركة");
    });

    it("bad payloads are refused with the reason and nothing is stored", async () => {
      const anchor = await fromBrowser("رئاسة مشتركة");
      const draft = { type: "REPLACE", proposedText: "نص" };
      const reason = async (p: Promise<unknown>, code: string) => ((await rejects(p, code)).details as { reason?: string }).reason;
      const create = (extra: Record<string, unknown>) => createAmendment(w.deps, w.actors.a1, w.paperId, { ...draft, ...extra });
      expect(await reason(create({ anchor: { ...anchor, start: "%%not base64%%" } }), "bad_request")).toBe("invalid");
      expect(await reason(create({ anchor: { start: anchor.start, quote: anchor.quote } }), "bad_request")).toBe("invalid");
      expect(await reason(create({ anchor: { ...anchor, end: anchor.start } }), "bad_request")).toBe("selection");
      expect(await reason(create({ anchor: { ...anchor, quote: "" } }), "bad_request")).toBe("selection");
      expect(await reason(create({}), "bad_request")).toBe("selection");
      // Positions of another paper (same text, other Yjs clients).
      const other = new Y.Doc();
      appendSections(other, SECTIONS);
      const at = paperText(other).indexOf("رئاسة مشتركة");
      const foreign = createAnchor(other, at, at + "رئاسة مشتركة".length);
      const b64 = (u: Uint8Array) => Buffer.from(u).toString("base64");
      expect(await reason(create({ anchor: { start: b64(foreign.start), end: b64(foreign.end), quote: foreign.quote } }), "bad_request")).toBe("anchorForeign");
      // The text deleted, then changed, since the reader selected it.
      await w.edit((doc) => {
        const t = para(doc, 2);
        const i = t.toString().indexOf("رئاسة مشتركة");
        t.delete(i, "رئاسة مشتركة".length);
      });
      expect(await reason(create({ anchor }), "conflict")).toBe("anchorGone");
      const late = await fromBrowser("لجان متخصصة");
      await w.edit((doc) => para(doc, 2).insert(para(doc, 2).toString().indexOf("متخصصة"), "دائمة "));
      expect(await reason(create({ anchor: late }), "conflict")).toBe("anchorChanged");
      expect(await db.prisma.amendment.count({ where: { paperId: w.paperId } })).toBe(0);
    });

    it("a draft's anchor moves to new text by offsets or live positions; the edit is recorded, the version checked", async () => {
      const a = await propose("رئاسة مشتركة");
      const moved = await updateDraft(w.deps, w.actors.a2, a.id, { ...(await w.at("العلاقات العامة")), version: a.version });
      expect(moved.amendment.anchor).toMatchObject({ status: "intact", quote: "العلاقات العامة" });
      await rejects(updateDraft(w.deps, w.actors.a1, a.id, { anchor: await fromBrowser("القوى السورية"), version: a.version }), "stale_version");
      const again = await updateDraft(w.deps, w.actors.a1, a.id, { anchor: await fromBrowser("القوى السورية"), version: moved.amendment.version });
      expect(again.amendment).toMatchObject({ sectionTitle: "٢. الحوار", anchor: { quote: "القوى السورية" } });
      const edits = await db.prisma.amendmentEvent.findMany({ where: { amendmentId: a.id, kind: "EDITED" }, orderBy: { createdAt: "asc" } });
      expect(edits.map((e) => (e.data as { fields: string[] }).fields)).toEqual([["anchor"], ["anchor"]]);
    });
  });
});
