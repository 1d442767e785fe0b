// Commands: the force's drafts, submission and withdrawal; the committee's review, decision, merge,
// re-anchoring, discussion, window and publication. Each checks the policy, the state graph and the
// version, writes in one transaction and announces the change.
import type { Amendment, AmendmentState, AmendmentType, Prisma, PrismaClient, Recommendation } from "@prisma/client";
import type * as Y from "yjs";
import { membershipIn, ownForceOf, type Actor } from "~/policy";
import { rooms } from "~/domain/rooms";
import { recordAudit } from "../audit.server";
import type { AmendmentAuditVerb } from "../activity-kinds";
import { assertMay, DomainError, forbidden, notFound } from "../errors";
import { applyChange, createAnchor, layoutOf, locateSelection, resolveAnchor, type ResolvedAnchor, type SentSelection } from "../anchors";
import { canTransition, changesText, transitionAction, undecidedStates } from "../amendment-states";
import type { AmendmentDeps } from "./deps";
import { commentInput, draftInput, draftUpdate, parse, reanchorInput, recommendationInput, transitionInput } from "./schema";
import { loadFor, loadedInclude, resourceOf, type Loaded } from "./visibility.server";
import { anchorOf, changeOf, resolved } from "./views.server";
import { assertWindowOpen, windowAt } from "./phases.server";
import { signOffResource } from "./sign-off.server";
import { getAmendment } from "./queries.server";
import { enqueueDecisionsPublished } from "../mail/letters.server";
import { announce } from "../notifications/notify.server";
import { noticeAmendmentChange, noticeComment, noticeDecisionsPublished, noticeSubmission } from "../notifications/amendments.server";

/** One audit row about an amendment, in the caller's transaction: who, from where, what (never texts). */
async function auditAmendment(db: Prisma.TransactionClient | PrismaClient, deps: AmendmentDeps, actorId: string, a: { id: string; paper: { conferenceId: string } }, verb: AmendmentAuditVerb, data?: object) {
  await recordAudit(db, { actorId, action: `amendments.${verb}`, subjectType: "Amendment", subjectId: a.id, data, conferenceId: a.paper.conferenceId, ip: deps.ip });
}

export function checkVersion(a: Amendment, version: number | undefined) {
  if (version !== undefined && version !== a.version) {
    throw new DomainError("stale_version", "This amendment was changed meanwhile; reload it and try again", { reason: "stale", version: a.version });
  }
}

export function emitChange(deps: AmendmentDeps, a: Loaded, event: string, opts: { staff?: boolean; force?: boolean } = { staff: true, force: true }) {
  const payload = { id: a.id, paperId: a.paperId };
  const conf = a.paper.conferenceId;
  if (opts.force) deps.realtime?.emit(rooms.force(conf, a.forceId), event, payload);
  if (opts.staff) deps.realtime?.emit(rooms.staff(conf), event, payload);
}

/** Checks the proposal fits its type; the texts are already cleaned by the schema. */
export function checkProposal(p: { type: AmendmentType; proposedText: string; proposedTitle?: string | null; rationale: string }) {
  switch (p.type) {
    case "REPLACE":
    case "INSERT":
      if (!p.proposedText) throw new DomainError("bad_request", "Write the proposed text", { reason: "needsText" });
      break;
    case "DELETE":
      if (p.proposedText) throw new DomainError("bad_request", "A deletion proposes no text; explain it in the rationale", { reason: "deleteNoText" });
      break;
    case "NEW_SECTION":
      if (!p.proposedTitle) throw new DomainError("bad_request", "Write the title of the new section", { reason: "needsTitle" });
      if (!p.proposedText) throw new DomainError("bad_request", "Write the text of the new section", { reason: "needsText" });
      break;
    case "GENERAL":
      if (!p.rationale) throw new DomainError("bad_request", "Write the remark", { reason: "needsRemark" });
      break;
  }
}

/** The selection an input names: positions from the live paper, else offsets; undefined when none. */
export function selectionOf(doc: Y.Doc, data: { start?: number; end?: number; anchor?: SentSelection }): { start: number; end: number } | undefined {
  if (data.anchor) {
    const { from, to } = locateSelection(doc, data.anchor);
    return { start: from, end: to };
  }
  if (data.start !== undefined && data.end !== undefined) return { start: data.start, end: data.end };
  if (data.start !== undefined || data.end !== undefined) throw new DomainError("bad_request", "Give both start and end of the selection", { reason: "selection" });
  return undefined;
}

export function anchorData(doc: Y.Doc, start: number, end: number) {
  const anchor = createAnchor(doc, start, end);
  return {
    anchorStart: Buffer.from(anchor.start),
    anchorEnd: Buffer.from(anchor.end),
    quotedText: anchor.quote,
    stateVector: Buffer.from(anchor.stateVector),
    sectionTitle: anchor.sectionTitle,
    anchorOffset: anchor.from,
  };
}

export async function createAmendment(deps: AmendmentDeps, actor: Actor, paperId: string, input: unknown) {
  const data = parse(draftInput, input);
  const paper = await deps.prisma.paper.findUnique({ where: { id: paperId }, select: { id: true, conferenceId: true } });
  if (!paper || !membershipIn(actor, paper.conferenceId)) throw notFound("Paper");
  // A delegate's amendment is always their own force's; whoever else may draft names the force.
  const own = ownForceOf(actor, paper.conferenceId);
  if (own && data.forceId && data.forceId !== own) throw forbidden("Delegates propose on behalf of their own force only");
  const forceId = own ?? data.forceId;
  if (!forceId) throw new DomainError("bad_request", "Name the force the amendment is from");
  assertMay(actor, "amendment.draft", { conferenceId: paper.conferenceId, forceId });
  const force = await deps.prisma.force.findFirst({ where: { id: forceId, conferenceId: paper.conferenceId } });
  if (!force) throw notFound("Force");
  const proposal = { type: data.type, proposedText: data.proposedText, proposedTitle: data.proposedTitle || null, rationale: data.rationale };
  checkProposal(proposal);
  const doc = await deps.papers.read(paperId);
  const selection = selectionOf(doc, data);
  if (!selection) throw new DomainError("bad_request", "Select the text the amendment is about", { reason: "selection" });
  const anchor = anchorData(doc, selection.start, selection.end);
  const a = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.amendment.create({ data: { paperId, forceId, ...proposal, ...anchor, createdById: actor.id } });
    await tx.amendmentEvent.create({ data: { amendmentId: row.id, kind: "TRANSITION", actorId: actor.id, fromState: null, toState: "DRAFT" } });
    await auditAmendment(tx, deps, actor.id, { id: row.id, paper }, "create", { forceId, type: data.type });
    return tx.amendment.findUniqueOrThrow({ where: { id: row.id }, include: loadedInclude });
  });
  emitChange(deps, a as Loaded, "amendment:changed", { force: true });
  return a as Loaded;
}

export async function updateDraft(deps: AmendmentDeps, actor: Actor, id: string, input: unknown) {
  const data = parse(draftUpdate, input);
  const { a } = await loadFor(deps, actor, id);
  assertMay(actor, "amendment.draft", resourceOf(a));
  if (a.state !== "DRAFT") throw new DomainError("illegal_transition", "Only drafts can be edited; this amendment is " + a.state);
  checkVersion(a, data.version);
  const next = {
    type: data.type ?? a.type,
    proposedText: data.proposedText ?? a.proposedText,
    proposedTitle: data.proposedTitle !== undefined ? data.proposedTitle || null : a.proposedTitle,
    rationale: data.rationale ?? a.rationale,
  };
  checkProposal(next);
  const moved = data.anchor || data.start !== undefined || data.end !== undefined;
  const doc = moved ? await deps.papers.read(a.paperId) : null;
  const selection = doc ? selectionOf(doc, data) : undefined;
  const anchor = doc && selection ? anchorData(doc, selection.start, selection.end) : {};
  const changed = Object.keys(next).filter((k) => (next as Record<string, unknown>)[k] !== (a as unknown as Record<string, unknown>)[k]);
  if ("quotedText" in anchor) changed.push("anchor");
  await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.amendment.updateMany({ where: { id, version: a.version, state: "DRAFT" }, data: { ...next, ...anchor, version: { increment: 1 } } });
    if (!count) throw new DomainError("stale_version", "This draft was changed meanwhile; reload it and try again");
    await tx.amendmentEvent.create({ data: { amendmentId: id, kind: "EDITED", actorId: actor.id, fromState: "DRAFT", toState: "DRAFT", data: { fields: changed } } });
    await auditAmendment(tx, deps, actor.id, a, "edit", { changed });
  });
  emitChange(deps, a, "amendment:changed", { force: true });
  return getAmendment(deps, actor, id);
}

export async function discardDraft(deps: AmendmentDeps, actor: Actor, id: string, version?: number) {
  const { a } = await loadFor(deps, actor, id);
  assertMay(actor, "amendment.draft", resourceOf(a));
  if (a.state !== "DRAFT") throw new DomainError("illegal_transition", "Only drafts can be discarded; withdraw a submitted amendment instead");
  checkVersion(a, version);
  await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.amendment.deleteMany({ where: { id, state: "DRAFT", version: a.version } });
    if (!count) throw new DomainError("stale_version", "This draft was changed meanwhile; reload it and try again");
    await auditAmendment(tx, deps, actor.id, a, "discard");
  });
  emitChange(deps, a, "amendment:changed", { force: true });
}

/** Moves the amendment from its current state, if it is still the one read (else conflict). */
export async function move(
  tx: Prisma.TransactionClient,
  deps: AmendmentDeps,
  a: Amendment & { paper: { conferenceId: string } },
  to: AmendmentState,
  actorId: string,
  note: string | null | undefined,
  data: Prisma.AmendmentUncheckedUpdateManyInput = {},
  eventData?: Prisma.InputJsonValue,
) {
  const { count } = await tx.amendment.updateMany({ where: { id: a.id, state: a.state, version: a.version }, data: { ...data, state: to, version: { increment: 1 } } });
  if (!count) throw new DomainError("stale_version", "This amendment was changed meanwhile; reload it and try again");
  await tx.amendmentEvent.create({ data: { amendmentId: a.id, kind: "TRANSITION", actorId, fromState: a.state, toState: to, note: note || null, data: eventData } });
  await auditAmendment(tx, deps, actorId, a, "transition", { from: a.state, to });
}

export interface TransitionResult {
  state: AmendmentState;
  /** Set when a decision asked to merge at once and the merge was refused (the decision stands). */
  mergeRefused?: string;
}

/** Every state change goes through here: the graph, the policy, the window and the anchor are checked. */
export async function transition(deps: AmendmentDeps, actor: Actor, id: string, input: unknown): Promise<TransitionResult> {
  const data = parse(transitionInput, input);
  const { a, conference } = await loadFor(deps, actor, id);
  const to = data.to;
  if (to === "DRAFT" || !canTransition(a.state, to)) throw new DomainError("illegal_transition", `An amendment cannot go from ${a.state} to ${to}`);
  // Submitting is the force's sign-off: the policy needs to know who its lead is (ADR 0061).
  assertMay(actor, transitionAction[to], to === "SUBMITTED" ? await signOffResource(deps.prisma, a) : resourceOf(a));
  checkVersion(a, data.version);
  const now = deps.now?.() ?? new Date();

  switch (to) {
    case "SUBMITTED": {
      const phase = assertWindowOpen(await windowAt(deps.prisma, conference.id, now));
      checkProposal(a);
      // The anchor as it reads at submission: quote and state vector are taken again now.
      const doc = await deps.papers.read(a.paperId);
      const layout = layoutOf(doc);
      const r = resolved(a, doc, layout);
      if (r.status === "orphaned") throw new DomainError("conflict", "The text this draft is anchored to was deleted from the paper; select the text again before submitting", { reason: "draftOrphaned" });
      const anchor = anchorData(doc, r.from!, r.to!);
      const told = await deps.prisma.$transaction(async (tx) => {
        // submittedById is who signed off; submissionRequestedById (kept) who asked for it.
        await move(tx, deps, a, to, actor.id, data.note, { ...anchor, submittedById: actor.id, submittedAt: now, phaseId: phase.id }, { phaseId: phase.id, requestedById: a.submissionRequestedById });
        return noticeSubmission(tx, deps.mail, a, actor.id);
      });
      emitChange(deps, a, "amendment:submitted");
      await announce(deps.prisma, deps.realtime, told, deps.mail);
      return { state: to };
    }
    case "WITHDRAWN":
    case "UNDER_REVIEW": {
      const told = await deps.prisma.$transaction(async (tx) => {
        await move(tx, deps, a, to, actor.id, data.note);
        return to === "UNDER_REVIEW" ? noticeAmendmentChange(tx, deps.mail, a, actor.id, { event: "underReview", state: to }) : [];
      });
      emitChange(deps, a, "amendment:changed");
      await announce(deps.prisma, deps.realtime, told, deps.mail);
      return { state: to };
    }
    case "ACCEPTED":
    case "ACCEPTED_WITH_CHANGES":
    case "REJECTED": {
      if (!data.note) throw new DomainError("bad_request", "Give the reason for the decision", { reason: "needsReason" });
      if (to === "ACCEPTED_WITH_CHANGES" && changesText(a.type) && !data.decidedText) {
        throw new DomainError("bad_request", "Write the text as the committee amended it", { reason: "needsDecidedText" });
      }
      const decidedText = to === "ACCEPTED_WITH_CHANGES" ? data.decidedText || null : null;
      if (data.merge && to !== "REJECTED") {
        // Accept-and-merge: refuse the whole step, changing nothing, when the merge could not apply.
        if (!changesText(a.type)) throw new DomainError("conflict", "A general remark changes no text; accept it without merging", { reason: "generalNoMerge" });
        const doc = await deps.papers.read(a.paperId);
        const r = resolved(a, doc, layoutOf(doc));
        if (r.status !== "intact") throw mergeRefusal(r);
      }
      const told = await deps.prisma.$transaction(async (tx) => {
        await move(tx, deps, a, to, actor.id, data.note, { decisionReason: data.note, decidedText, decidedById: actor.id, decidedAt: now });
        return noticeAmendmentChange(tx, deps.mail, a, actor.id, { event: "decided", state: to });
      });
      emitChange(deps, a, "amendment:decided");
      await announce(deps.prisma, deps.realtime, told, deps.mail);
      if (data.merge && to !== "REJECTED") {
        try {
          return await merge(deps, actor, id);
        } catch (err) {
          if (err instanceof DomainError && err.code === "conflict") return { state: to, mergeRefused: err.message };
          throw err;
        }
      }
      return { state: to };
    }
    case "MERGED":
      return merge(deps, actor, id);
  }
}

export function mergeRefusal(r: ResolvedAnchor) {
  return new DomainError(
    "conflict",
    r.status === "orphaned"
      ? "The anchored text was deleted from the paper: re-anchor the amendment before merging"
      : "The anchored text changed since submission: compare and re-anchor the amendment before merging",
    { reason: r.status === "orphaned" ? "mergeOrphaned" : "mergeChanged", status: r.status, quote: r.quote, textNow: r.textNow },
  );
}

/**
 * Applies an accepted amendment to the live paper as one transaction attributed to it, then marks it
 * MERGED. The state is claimed first (so two merges cannot both apply); a refused merge changes
 * nothing in the paper, restores the state and records why.
 */
export async function merge(deps: AmendmentDeps, actor: Actor, id: string): Promise<TransitionResult> {
  const { a } = await loadFor(deps, actor, id);
  assertMay(actor, "amendment.decide", resourceOf(a));
  if (!canTransition(a.state, "MERGED")) throw new DomainError("illegal_transition", `An amendment cannot go from ${a.state} to MERGED`);
  if (!changesText(a.type)) throw new DomainError("conflict", "A general remark changes no text; it stays accepted", { reason: "generalNoMerge" });
  const anchor = anchorOf(a);
  if (!anchor) throw new DomainError("conflict", "The amendment has no anchor: re-anchor it before merging");
  const claimed = await deps.prisma.amendment.updateMany({ where: { id, state: a.state, version: a.version }, data: { state: "MERGED", version: { increment: 1 } } });
  if (!claimed.count) throw new DomainError("stale_version", "This amendment was changed meanwhile; reload it and try again");
  const change = changeOf(a);
  let told: string[] = [];
  try {
    const at = await deps.papers.change(a.paperId, `amendment:${a.id}`, (doc) => {
      const layout = layoutOf(doc);
      const r = resolveAnchor(doc, anchor, layout);
      // Checked on the live document inside the transaction, before the first edit.
      if (r.status !== "intact") throw mergeRefusal(r);
      applyChange(doc, change, { from: r.from!, to: r.to! }, layout);
      return { from: r.from!, to: r.to! };
    });
    told = await deps.prisma.$transaction(async (tx) => {
      await tx.amendmentEvent.create({ data: { amendmentId: id, kind: "TRANSITION", actorId: actor.id, fromState: a.state, toState: "MERGED", data: at } });
      await auditAmendment(tx, deps, actor.id, a, "merge", { from: a.state, paperId: a.paperId });
      return noticeAmendmentChange(tx, deps.mail, a, actor.id, { event: "merged", state: "MERGED" });
    });
  } catch (err) {
    const reason = err instanceof DomainError ? err.message : "The paper could not be changed";
    await deps.prisma.$transaction(async (tx) => {
      await tx.amendment.updateMany({ where: { id, state: "MERGED", version: a.version + 1 }, data: { state: a.state, version: { increment: 1 } } });
      await tx.amendmentEvent.create({ data: { amendmentId: id, kind: "MERGE_REFUSED", actorId: actor.id, fromState: a.state, toState: a.state, note: reason } });
      await auditAmendment(tx, deps, actor.id, a, "mergeRefused");
    });
    emitChange(deps, a, "amendment:changed");
    throw err;
  }
  emitChange(deps, a, "amendment:decided");
  await announce(deps.prisma, deps.realtime, told, deps.mail);
  return { state: "MERGED" };
}

export async function recommend(deps: AmendmentDeps, actor: Actor, id: string, input: unknown) {
  const data = parse(recommendationInput, input);
  const { a, conference } = await loadFor(deps, actor, id);
  assertMay(actor, "amendment.review", resourceOf(a));
  if (!undecidedStates.includes(a.state)) throw new DomainError("illegal_transition", "A recommendation is made before the decision, while the amendment is submitted or under review");
  const told = await deps.prisma.$transaction(async (tx) => {
    let current: Amendment & { paper: { conferenceId: string } } = a;
    // Recommending is reviewing: a submitted amendment moves under review first.
    if (a.state === "SUBMITTED") {
      await move(tx, deps, a, "UNDER_REVIEW", actor.id, null);
      current = { ...a, state: "UNDER_REVIEW", version: a.version + 1 };
    }
    const { count } = await tx.amendment.updateMany({
      where: { id, version: current.version },
      data: { recommendation: data.recommendation as Recommendation, recommendationNote: data.note || null, recommendedById: actor.id, version: { increment: 1 } },
    });
    if (!count) throw new DomainError("stale_version", "This amendment was changed meanwhile; reload it and try again");
    await tx.amendmentEvent.create({
      data: { amendmentId: id, kind: "RECOMMENDATION", actorId: actor.id, fromState: current.state, toState: current.state, note: data.note || null, data: { recommendation: data.recommendation } },
    });
    await auditAmendment(tx, deps, actor.id, a, "recommend", { recommendation: data.recommendation });
    // The force sees a recommendation once decisions are published (views.server's deliberation); before
    // that it hears only that its amendment is now under review.
    if (conference.decisionsPublishedAt) return noticeAmendmentChange(tx, deps.mail, a, actor.id, { event: "recommended", state: current.state, recommendation: data.recommendation as Recommendation });
    return a.state === "SUBMITTED" ? noticeAmendmentChange(tx, deps.mail, a, actor.id, { event: "underReview", state: current.state }) : [];
  });
  emitChange(deps, a, "amendment:changed", { staff: true });
  await announce(deps.prisma, deps.realtime, told, deps.mail);
  return getAmendment(deps, actor, id);
}

/** Anchors a submitted amendment again on text the committee selects (after edits changed or deleted it). */
export async function reanchor(deps: AmendmentDeps, actor: Actor, id: string, input: unknown) {
  const data = parse(reanchorInput, input);
  const { a } = await loadFor(deps, actor, id);
  assertMay(actor, "amendment.review", resourceOf(a));
  if (a.state === "DRAFT" || a.state === "MERGED" || a.state === "WITHDRAWN" || a.state === "REJECTED") {
    throw new DomainError("illegal_transition", "Only amendments awaiting a decision or a merge can be re-anchored");
  }
  checkVersion(a, data.version);
  const anchor = anchorData(await deps.papers.read(a.paperId), data.start, data.end);
  await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.amendment.updateMany({ where: { id, version: a.version }, data: { ...anchor, version: { increment: 1 } } });
    if (!count) throw new DomainError("stale_version", "This amendment was changed meanwhile; reload it and try again");
    await tx.amendmentEvent.create({
      data: { amendmentId: id, kind: "REANCHORED", actorId: actor.id, fromState: a.state, toState: a.state, data: { quoteBefore: a.quotedText, quoteNow: anchor.quotedText } },
    });
    await auditAmendment(tx, deps, actor.id, a, "reanchor");
  });
  emitChange(deps, a, "amendment:changed");
  return getAmendment(deps, actor, id);
}

export async function addComment(deps: AmendmentDeps, actor: Actor, id: string, input: unknown) {
  const data = parse(commentInput, input);
  const { a, audience } = await loadFor(deps, actor, id);
  if (a.state === "DRAFT") throw new DomainError("conflict", "The discussion opens when the amendment is submitted", { reason: "threadClosed" });
  if (data.internal) assertMay(actor, "amendment.review", resourceOf(a));
  else if (audience !== "staff" && audience !== "force") throw forbidden("Only the committee and the submitting force take part in this discussion");
  else assertMay(actor, "amendment.comment", resourceOf(a));
  const { row: c, told } = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.comment.create({ data: { amendmentId: id, authorId: actor.id, body: data.body, internal: data.internal } });
    await auditAmendment(tx, deps, actor.id, a, "comment", { commentId: row.id, internal: data.internal });
    return { row, told: await noticeComment(tx, deps.mail, a, actor.id, { internal: data.internal, fromForce: audience === "force" }) };
  });
  // Internal notes are announced to the staff room only.
  emitChange(deps, a, "amendment:comment", { staff: true, force: !data.internal });
  await announce(deps.prisma, deps.realtime, told, deps.mail);
  return c;
}

/** Makes the decided amendments, and the committee's reasons, visible to every force. */
export async function publishDecisions(deps: AmendmentDeps, actor: Actor, conferenceId: string) {
  assertMay(actor, "amendment.decide", { conferenceId });
  const now = deps.now?.() ?? new Date();
  const { c, told } = await deps.prisma.$transaction(async (tx) => {
    const c = await tx.conference.update({ where: { id: conferenceId }, data: { decisionsPublishedAt: now } });
    await recordAudit(tx, { actorId: actor.id, action: "amendments.publishDecisions", subjectType: "Conference", subjectId: conferenceId, conferenceId, ip: deps.ip });
    // Every confirmed force is told by mail (ADR 0052), every member on their bell (ADR 0051; their
    // preferences decide whether mail follows), in the same transaction as the publication.
    if (deps.mail) await enqueueDecisionsPublished(tx, { conferenceId, publishedAt: now, actorId: actor.id, mail: deps.mail });
    const told = await noticeDecisionsPublished(tx, deps.mail, conferenceId, actor.id);
    return { c, told };
  });
  deps.realtime?.emit(rooms.all(conferenceId), "amendments:published", { conferenceId });
  deps.mail?.wake?.();
  await announce(deps.prisma, deps.realtime, told, deps.mail);
  return c;
}
