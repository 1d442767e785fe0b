// Reading: the list (the committee's queue, the force's own), one amendment with its thread and
// history, the consolidated table.
import type { AmendmentState, PrismaClient } from "@prisma/client";
import { may, membershipIn, type Actor } from "~/policy";
import { wordDiff, type DiffPart } from "~/domain/word-diff";
import type * as Y from "yjs";
import { applyChange, changeTexts, cloneDoc, layoutOf, type PaperLayout } from "../anchors";
import { blockElements, effectiveBlockIds } from "../block-ids";
import { statusOf } from "../translations.server";
import { translationLanguages } from "../translations";
import { amendmentStates, changesText, decidedStates, undecidedStates } from "../amendment-states";
import { notFound } from "../errors";
import type { AmendmentDeps } from "./deps";
import { listFilters, parse } from "./schema";
import { audienceOf, loadFor, loadedInclude, visibleWhere, type Loaded } from "./visibility.server";
import { changeOf, overlapGroups, previewBlocks, resolved, summarize, type AmendmentSummary, type CommentView, type EventView, type PaperSectionRef, type PreviewBlock, type SignOffView, type TableSection } from "./views.server";
import { windowAt } from "./phases.server";
import { forceLeadOf, signOffAllowed } from "./sign-off.server";
import { draftStageOf } from "../amendment-states";

export async function listAmendments(deps: AmendmentDeps, actor: Actor, paperId: string, filterInput: unknown = {}) {
  const filters = parse(listFilters, filterInput);
  const paper = await deps.prisma.paper.findUnique({ where: { id: paperId }, include: { conference: true } });
  if (!paper || !membershipIn(actor, paper.conferenceId)) throw notFound("Paper");
  const conference = paper.conference;
  const rows = (await deps.prisma.amendment.findMany({
    where: {
      paperId,
      AND: [
        visibleWhere(actor, paper.conferenceId, conference),
        filters.forceId ? { forceId: filters.forceId } : {},
        filters.forceKind ? { force: { kind: filters.forceKind } } : {},
        filters.type ? { type: filters.type } : {},
        filters.state ? { state: filters.state } : {},
      ],
    },
    include: loadedInclude,
    orderBy: { createdAt: "asc" },
  })) as Loaded[];
  const doc = await deps.papers.read(paperId);
  const layout = layoutOf(doc);
  const published = !!conference.decisionsPublishedAt;
  const all: AmendmentSummary[] = [];
  for (const a of rows) {
    const audience = audienceOf(actor, a, conference);
    if (audience) all.push(summarize(a, audience, resolved(a, doc, layout), published, layout));
  }
  // Overlaps are found among everything visible, before the section filter narrows the list.
  overlapGroups(all);
  const items = all
    .filter((s) => filters.section === undefined || s.sectionIndex === filters.section)
    .sort((x, y) => x.position - y.position || x.createdAt.localeCompare(y.createdAt));
  const sections: PaperSectionRef[] = layout.blocks.filter((b) => b.type === "heading").map((b) => ({ index: b.index, title: b.text }));
  const counts = Object.fromEntries(amendmentStates.map((s) => [s, 0])) as Record<AmendmentState, number>;
  for (const s of all) counts[s.state]++;
  return { paper: { id: paper.id, title: paper.title, conferenceId: paper.conferenceId }, items, sections, counts, layout, doc, conference };
}

export async function getAmendment(deps: AmendmentDeps, actor: Actor, id: string) {
  const { a, conference, audience } = await loadFor(deps, actor, id);
  const doc = await deps.papers.read(a.paperId);
  const layout = layoutOf(doc);
  const r = resolved(a, doc, layout);
  const published = !!conference.decisionsPublishedAt;
  const summary = summarize(a, audience, r, published, layout);

  // Overlap group among the amendments visible to this actor.
  const { items } = await listAmendments(deps, actor, a.paperId);
  const self = items.find((s) => s.id === id);
  const overlaps = self?.overlapGroup ? items.filter((s) => s.overlapGroup === self.overlapGroup && s.id !== id) : [];
  summary.overlapGroup = self?.overlapGroup ?? null;

  const change = changeOf(a);
  const { before, after } = changeTexts(change, r.textNow ?? r.quote);
  const diff: DiffPart[] = a.type === "GENERAL" ? [] : wordDiff(before, after);

  // The paper as it would read after the change (only when the anchor resolves cleanly).
  let preview: PreviewBlock[] | null = null;
  if (r.status === "intact" && changesText(a.type) && a.state !== "MERGED") {
    const copy = cloneDoc(doc);
    applyChange(copy, change, { from: r.from!, to: r.to! });
    preview = previewBlocks(layout, layoutOf(copy));
  }

  const seesInternal = may(actor, "amendment.internal.read", { conferenceId: a.paper.conferenceId, forceId: a.forceId }) && audience === "staff";
  const inThread = audience === "staff" || audience === "force";
  const comments = inThread
    ? await deps.prisma.comment.findMany({ where: { amendmentId: id, ...(seesInternal ? {} : { internal: false }) }, orderBy: { createdAt: "asc" } })
    : [];
  const events = await deps.prisma.amendmentEvent.findMany({ where: { amendmentId: id }, orderBy: { createdAt: "asc" } });
  const lead = await forceLeadOf(deps.prisma, a.forceId);
  const signers = [lead, a.submissionRequestedById, a.submittedById].filter((x): x is string => !!x);
  const people = await deps.prisma.user.findMany({
    where: { id: { in: [...comments.map((c) => c.authorId), ...events.map((e) => e.actorId).filter((x): x is string => !!x), ...signers] } },
    select: { id: true, name: true, memberships: { where: { conferenceId: a.paper.conferenceId }, select: { forceId: true } } },
  });
  const person = new Map(people.map((p) => [p.id, p]));
  const fromForce = (userId: string | null) => !!userId && person.get(userId)?.memberships[0]?.forceId === a.forceId;

  const staffLike = audience === "staff" || audience === "observer";
  const eventViews: EventView[] = events
    // The force and other forces see the state changes; the committee's working steps stay with it; the
    // force's own sign-off steps are the force's (its drafts are its own).
    .filter((e) => staffLike || e.kind === "TRANSITION" || (audience === "force" && (e.kind === "SUBMISSION_REQUESTED" || e.kind === "SENT_BACK")))
    .map((e) => {
      const committeeNote = !fromForce(e.actorId);
      const showNote = staffLike || !committeeNote || (published && decidedStates.includes(e.toState));
      return {
        id: e.id,
        kind: e.kind,
        fromState: e.fromState,
        toState: e.toState,
        note: showNote ? e.note : null,
        createdAt: e.createdAt.toISOString(),
        actorName: staffLike || fromForce(e.actorId) ? (e.actorId ? (person.get(e.actorId)?.name ?? null) : null) : null,
        data: staffLike ? e.data : null,
      };
    });
  const commentViews: CommentView[] = comments.map((c) => ({
    id: c.id,
    body: c.body,
    internal: c.internal,
    createdAt: c.createdAt.toISOString(),
    author: { name: person.get(c.authorId)?.name ?? "", side: fromForce(c.authorId) ? "force" : "committee" },
  }));

  const conf = a.paper.conferenceId;
  const can = (action: Parameters<typeof may>[1]) => may(actor, action, { conferenceId: conf, forceId: a.forceId });
  const isForce = audience === "force";
  const now = deps.now?.() ?? new Date();
  const w = await windowAt(deps.prisma, conf, now);
  const signOff = signOffAllowed(actor, a, { conferenceId: conf, forceId: a.forceId, forceLeadId: lead });
  const named = (userId: string | null) => (userId && (staffLike || isForce) ? { id: userId, name: person.get(userId)?.name ?? "" } : null);
  const phase = a.phaseId ? w.phases.find((p) => p.id === a.phaseId) : undefined;
  const signOffView: SignOffView = {
    stage: draftStageOf(a),
    lead: isForce || staffLike ? named(lead) : null,
    requestedBy: named(a.submissionRequestedById),
    requestedAt: (staffLike || isForce) && a.submissionRequestedAt ? a.submissionRequestedAt.toISOString() : null,
    signedOffBy: a.state === "DRAFT" ? null : named(a.submittedById),
    signedOffAt: a.state === "DRAFT" ? null : (a.submittedAt?.toISOString() ?? null),
    phase: phase ? { id: phase.id, name: phase.name, number: w.numberOf(phase) } : null,
  };
  const allowed = {
    edit: isForce && a.state === "DRAFT" && can("amendment.draft"),
    submit: isForce && signOff.submit && w.state === "open",
    ask: isForce && signOff.ask,
    sendBack: isForce && signOff.sendBack,
    withdraw: isForce && undecidedStates.includes(a.state) && can("amendment.draft"),
    review: audience === "staff" && a.state === "SUBMITTED" && can("amendment.review"),
    recommend: audience === "staff" && undecidedStates.includes(a.state) && can("amendment.review"),
    decide: audience === "staff" && a.state === "UNDER_REVIEW" && can("amendment.decide"),
    merge: audience === "staff" && (a.state === "ACCEPTED" || a.state === "ACCEPTED_WITH_CHANGES") && changesText(a.type) && can("amendment.decide"),
    reanchor: audience === "staff" && !["DRAFT", "MERGED", "WITHDRAWN", "REJECTED"].includes(a.state) && can("amendment.review"),
    comment: inThread && a.state !== "DRAFT" && can("amendment.comment"),
    internal: seesInternal,
  };
  const clause = await clauseTranslations(deps.prisma, a.paperId, doc, layout, r.blockIndex);
  return { amendment: summary, paperTitle: a.paper.title, conferenceId: conf, overlaps, diff, before, after, preview, comments: commentViews, events: eventViews, allowed, layout, signOff: signOffView, window: windowView(w, now), clause };
}

/**
 * The anchored clause (its block now) with its Kurdish and English translations and their state (ADR
 * 0063), so a reader sees the clause in their language beside the Arabic, which stays authoritative.
 * Null when the anchor no longer resolves to a block.
 */
async function clauseTranslations(prisma: AmendmentDeps["prisma"], paperId: string, doc: Y.Doc, layout: PaperLayout, blockIndex: number | null) {
  const block = blockIndex === null ? undefined : layout.blocks[blockIndex];
  if (!block) return null;
  const elements = blockElements(doc);
  const at = elements.indexOf(block.el);
  if (at < 0) return null;
  const blockId = effectiveBlockIds(elements)[at]!;
  const rows = await prisma.paperTranslation.findMany({ where: { paperId, blockId }, select: { language: true, text: true, sourceText: true } });
  return {
    blockId,
    arabic: block.text,
    translations: translationLanguages.map((language) => {
      const row = rows.find((t) => t.language === language) ?? null;
      return { language, text: row?.text ?? null, status: statusOf(block.text, row) };
    }),
  };
}

/** The consolidated table: each section's current text, then its amendments in paper order. */
export async function consolidatedTable(deps: AmendmentDeps, actor: Actor, paperId: string, filterInput: unknown = {}) {
  const list = await listAmendments(deps, actor, paperId, filterInput);
  const filters = parse(listFilters, filterInput);
  const { layout } = list;
  const sections: TableSection[] = [];
  let current: TableSection | null = null;
  for (const b of layout.blocks) {
    if (b.type === "heading") {
      current = { index: b.index, title: b.text, text: [], rows: [] };
      sections.push(current);
    } else {
      if (!current) sections.push((current = { index: null, title: "", text: [], rows: [] }));
      current.text.push(b.text);
    }
  }
  const unplaced: TableSection = { index: null, title: "", text: [], rows: [] };
  // Drafts are the force's working copies, not part of the circulated table.
  for (const s of list.items.filter((x) => x.state !== "DRAFT")) {
    (sections.find((x) => x.index !== null && x.index === s.sectionIndex) ?? (s.sectionIndex === null && !layout.blocks.some((b) => b.type === "heading") ? sections[0] : undefined) ?? unplaced).rows.push(s);
  }
  const shown = sections.filter((s) => filters.section === undefined || s.index === filters.section);
  if (unplaced.rows.length) shown.push(unplaced);
  const counts = Object.fromEntries(amendmentStates.filter((s) => s !== "DRAFT").map((s) => [s, 0])) as Record<AmendmentState, number>;
  for (const s of list.items) if (s.state !== "DRAFT") counts[s.state]++;
  return { paper: list.paper, conference: list.conference, sections: shown, allSections: list.sections, counts };
}

/** Papers of the conference, for pickers; the first is the default. */
export async function papersOf(prisma: PrismaClient, conferenceId: string) {
  return prisma.paper.findMany({ where: { conferenceId }, select: { id: true, title: true }, orderBy: { createdAt: "asc" } });
}

/** The window as the pages and the API show it: the phase open now (with its closing time), else the next and the last. */
export function windowView(w: Awaited<ReturnType<typeof windowAt>>, now: Date) {
  const ref = (p: { id: string; name: string; openAt: Date; closeAt: Date } | null) =>
    p ? { id: p.id, name: p.name, number: w.numberOf(p), openAt: p.openAt.toISOString(), closeAt: p.closeAt.toISOString() } : null;
  return { state: w.state, now: now.toISOString(), current: ref(w.current), next: ref(w.next), last: ref(w.last) };
}
export type WindowView = ReturnType<typeof windowView>;
