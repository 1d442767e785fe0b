// Amendments: the force's proposals to the working paper, from draft to merge (issue 5, ADR 0030).
// Transport-free: takes the database, the paper store and the realtime bus; returns plain views;
// throws DomainError. Every rule about who sees and changes an amendment lives here.
import { stripInvisible } from "~/lib/arabic";
import type { Amendment, AmendmentState, AmendmentType, Conference, ForceKind, Prisma, PrismaClient, Recommendation } from "@prisma/client";
import type * as Y from "yjs";
import { z } from "zod";
import { diffArrays } from "diff";
import { may, membershipIn, type Actor } from "~/policy";
import { rooms } from "~/lib/rooms";
import { wordDiff, type DiffPart } from "~/lib/word-diff";
import type { PaperStore, Realtime } from "~/services.server";
import { recordAudit } from "./audit.server";
import { DomainError, notFound, forbidden } from "./errors";
import { applyChange, changeTexts, cloneDoc, createAnchor, layoutOf, locateSelection, resolveAnchor, type PaperLayout, type ResolvedAnchor, type SentSelection, type TextChange } from "./anchors";
import { amendmentTypes, canTransition, changesText, decidedStates, liveStates, transitionAction, undecidedStates, amendmentStates } from "./amendment-states";

export interface AmendmentDeps {
  prisma: PrismaClient;
  papers: PaperStore;
  realtime?: Realtime;
  now?: () => Date;
  /** The client's address, for the audit trail (ADR 0032). */
  ip?: string | null;
}

/** One audit row about an amendment, in the caller's transaction: who, from where, what (never texts). */
async function auditAmendment(db: Prisma.TransactionClient | PrismaClient, deps: AmendmentDeps, actorId: string, a: { id: string; paper: { conferenceId: string } }, verb: string, data?: object) {
  await recordAudit(db, { actorId, action: `amendments.${verb}`, subjectType: "Amendment", subjectId: a.id, data, conferenceId: a.paper.conferenceId, ip: deps.ip });
}

export const LIMITS = { proposedText: 20_000, title: 300, rationale: 10_000, note: 5_000, comment: 10_000 } as const;

// ---------------------------------------------------------------------------------------------
// Input: one set of schemas for the JSON API and the forms (strings from forms are coerced).

/** Plain text: no control characters but line breaks and tabs; Windows line ends folded. */
const plain = (max: number) =>
  z
    .string()
    .transform((s) => stripInvisible(s.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")).trim())
    .pipe(z.string().max(max, `At most ${max} characters`));

const offset = z.coerce.number().int("A whole number").min(0, "Not negative");

/** Yjs relative positions made in the browser on the live paper (ADR 0050), base64, with the text they held. */
const position = z
  .base64("Not a position: expected base64")
  .max(400, "Not a position: too long")
  .transform((s) => new Uint8Array(Buffer.from(s, "base64")));
export const sentSelection = z.object({
  start: position,
  end: position,
  quote: z.string().max(LIMITS.proposedText, `At most ${LIMITS.proposedText} characters`),
});

export const draftInput = z.object({
  type: z.enum(amendmentTypes),
  /** The selection as offsets into the paper text (the no-JS page, the API)… */
  start: offset.optional(),
  end: offset.optional(),
  /** …or as positions taken in the live paper, which hold against edits made since. */
  anchor: sentSelection.optional(),
  proposedText: plain(LIMITS.proposedText).default(""),
  proposedTitle: plain(LIMITS.title).optional(),
  rationale: plain(LIMITS.rationale).default(""),
  /** Organizers entering a force's amendment received on paper; delegates always act for their own force. */
  forceId: z.string().optional(),
});
export type DraftInput = z.input<typeof draftInput>;

export const draftUpdate = z.object({
  type: z.enum(amendmentTypes).optional(),
  start: offset.optional(),
  end: offset.optional(),
  anchor: sentSelection.optional(),
  proposedText: plain(LIMITS.proposedText).optional(),
  proposedTitle: plain(LIMITS.title).optional(),
  rationale: plain(LIMITS.rationale).optional(),
  version: z.coerce.number().int(),
});

export const transitionInput = z.object({
  to: z.enum(amendmentStates),
  note: plain(LIMITS.note).optional(),
  /** ACCEPTED_WITH_CHANGES: the text as the committee amended it. */
  decidedText: plain(LIMITS.proposedText).optional(),
  /** A decision to accept that should also merge at once (the page's "accept and merge"). */
  merge: z.boolean().optional(),
  version: z.coerce.number().int().optional(),
});

export const recommendationInput = z.object({
  recommendation: z.enum(["ACCEPT", "ACCEPT_WITH_CHANGES", "REJECT"]),
  note: plain(LIMITS.note).default(""),
});

export const commentInput = z.object({ body: plain(LIMITS.comment).pipe(z.string().min(1, "Write a message")), internal: z.boolean().default(false) });

export const reanchorInput = z.object({ start: offset, end: offset, version: z.coerce.number().int().optional() });

export const listFilters = z.object({
  section: z.coerce.number().int().min(0).max(100_000).optional(),
  forceId: z.string().max(64).optional(),
  forceKind: z.enum(["PARTY", "BLOC", "CURRENT", "TRIBE", "CSO", "INTERNATIONAL_BODY", "COMMUNITY", "PERSONALITY"]).optional(),
  type: z.enum(amendmentTypes).optional(),
  state: z.enum(amendmentStates).optional(),
});
export type ListFilters = z.infer<typeof listFilters>;

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const flat = z.flattenError(r.error);
    throw new DomainError("bad_request", r.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "), { reason: "invalid", fields: Object.keys(flat.fieldErrors), ...flat });
  }
  return r.data;
}

// ---------------------------------------------------------------------------------------------
// Who sees what.

/** How an actor stands towards one amendment. */
export type Audience = "staff" | "observer" | "force" | "public";

interface Loaded extends Amendment {
  paper: { id: string; conferenceId: string; title: string };
  force: { id: string; kind: ForceKind; nameAr: string; nameKu: string | null; nameEn: string | null };
}

const loadedInclude = {
  paper: { select: { id: true, conferenceId: true, title: true } },
  force: { select: { id: true, kind: true, nameAr: true, nameKu: true, nameEn: true } },
} as const;

function isOwnForce(actor: Actor, a: { forceId: string; paper: { conferenceId: string } }) {
  const m = membershipIn(actor, a.paper.conferenceId);
  return !!m?.forceId && m.forceId === a.forceId;
}

/** The actor's standing, or null when the amendment is invisible to them (reported as not found). */
export function audienceOf(actor: Actor, a: Loaded, conference: Pick<Conference, "decisionsPublishedAt">): Audience | null {
  const conferenceId = a.paper.conferenceId;
  if (!membershipIn(actor, conferenceId)) return null;
  const own = isOwnForce(actor, a);
  // A draft is the force's working copy: its delegates (and whoever entered it) only.
  if (a.state === "DRAFT") return own || a.createdById === actor.id ? "force" : null;
  if (may(actor, "amendment.review", { conferenceId })) return "staff";
  if (own) return "force";
  if (may(actor, "amendment.read", { conferenceId, forceId: a.forceId })) return "observer";
  if (conference.decisionsPublishedAt && decidedStates.includes(a.state)) return "public";
  return null;
}

/** Prisma filter for the amendments of a paper an actor may list (the same rule as audienceOf). */
function visibleWhere(actor: Actor, conferenceId: string, conference: Conference): Prisma.AmendmentWhereInput {
  const m = membershipIn(actor, conferenceId);
  if (!m) return { id: { in: [] } };
  const ownDrafts: Prisma.AmendmentWhereInput = m.forceId ? { state: "DRAFT", OR: [{ forceId: m.forceId }, { createdById: actor.id }] } : { state: "DRAFT", createdById: actor.id };
  const others: Prisma.AmendmentWhereInput[] = [];
  if (may(actor, "amendment.read", { conferenceId, forceId: null })) others.push({ state: { not: "DRAFT" } });
  else {
    if (m.forceId) others.push({ forceId: m.forceId, state: { not: "DRAFT" } });
    if (conference.decisionsPublishedAt) others.push({ state: { in: [...decidedStates] } });
  }
  return { OR: [ownDrafts, ...others] };
}

// ---------------------------------------------------------------------------------------------
// Views.

export interface ForceRef {
  id: string;
  kind: ForceKind;
  nameAr: string;
  nameKu: string | null;
  nameEn: string | null;
}

export interface AmendmentSummary {
  id: string;
  paperId: string;
  force: ForceRef;
  type: AmendmentType;
  state: AmendmentState;
  version: number;
  proposedTitle: string | null;
  proposedText: string;
  rationale: string;
  anchor: ResolvedAnchor;
  /** Section as it stands now (orphans: the section at anchoring). */
  sectionTitle: string | null;
  sectionIndex: number | null;
  position: number;
  recommendation: Recommendation | null;
  recommendationNote: string | null;
  decisionReason: string | null;
  decidedText: string | null;
  decidedAt: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Amendments whose anchors intersect share a group number (1, 2, …), in paper order. */
  overlapGroup: number | null;
  audience: Audience;
}

function anchorOf(a: Amendment) {
  return a.anchorStart && a.anchorEnd ? { start: new Uint8Array(a.anchorStart), end: new Uint8Array(a.anchorEnd), quote: a.quotedText ?? "" } : null;
}

function resolved(a: Amendment, doc: Y.Doc, layout: PaperLayout): ResolvedAnchor {
  const anchor = anchorOf(a);
  if (!anchor) return { status: "orphaned", quote: a.quotedText ?? "", from: null, to: null, textNow: null, blockIndex: null, sectionIndex: null, sectionTitle: null };
  return resolveAnchor(doc, anchor, layout);
}

function summarize(a: Loaded, audience: Audience, r: ResolvedAnchor, published: boolean, layout: PaperLayout): AmendmentSummary {
  const deliberation = audience === "staff" || audience === "observer" || published;
  // Orphans are shown in the section they were anchored in, if a section of that title still exists.
  let sectionIndex = r.sectionIndex;
  let sectionTitle = r.sectionTitle;
  if (r.status === "orphaned") {
    const h = layout.blocks.find((b) => b.type === "heading" && b.text === a.sectionTitle);
    sectionIndex = h?.index ?? null;
    sectionTitle = a.sectionTitle;
  }
  return {
    id: a.id,
    paperId: a.paperId,
    force: a.force,
    type: a.type,
    state: a.state,
    version: a.version,
    proposedTitle: a.proposedTitle,
    proposedText: a.proposedText,
    rationale: a.rationale,
    anchor: r,
    sectionTitle,
    sectionIndex,
    position: r.from ?? a.anchorOffset ?? Number.MAX_SAFE_INTEGER,
    recommendation: deliberation ? a.recommendation : null,
    recommendationNote: deliberation ? a.recommendationNote : null,
    decisionReason: deliberation ? a.decisionReason : null,
    decidedText: deliberation ? a.decidedText : null,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    overlapGroup: null,
    audience,
  };
}

/**
 * Groups amendments whose anchors intersect, so the committee decides them together. Only those
 * whose change may still reach the paper take part; general remarks change no text.
 */
export function overlapGroups(items: AmendmentSummary[]): void {
  const live = items
    .filter((s) => liveStates.includes(s.state) && changesText(s.type) && s.anchor.from !== null && s.anchor.to !== null)
    .map((s) => ({ s, r: { lo: s.anchor.from!, hi: s.anchor.to! } }));
  const parent = live.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < live.length; i++)
    for (let j = i + 1; j < live.length; j++) {
      const a = live[i]!.r, b = live[j]!.r;
      if (a.lo < b.hi && b.lo < a.hi) parent[find(i)] = find(j);
    }
  const members = new Map<number, AmendmentSummary[]>();
  live.forEach((x, i) => members.set(find(i), [...(members.get(find(i)) ?? []), x.s]));
  const groups = [...members.values()].filter((g) => g.length > 1).sort((x, y) => Math.min(...x.map((s) => s.position)) - Math.min(...y.map((s) => s.position)));
  groups.forEach((g, n) => g.forEach((s) => (s.overlapGroup = n + 1)));
}

// ---------------------------------------------------------------------------------------------
// Helpers.

async function loadFor(deps: AmendmentDeps, actor: Actor, id: string) {
  const a = (await deps.prisma.amendment.findUnique({ where: { id }, include: loadedInclude })) as Loaded | null;
  if (!a) throw notFound("Amendment");
  const conference = await deps.prisma.conference.findUniqueOrThrow({ where: { id: a.paper.conferenceId } });
  const audience = audienceOf(actor, a, conference);
  if (!audience) throw notFound("Amendment");
  return { a, conference, audience };
}

function need(actor: Actor, action: Parameters<typeof may>[1], a: Loaded) {
  if (!may(actor, action, { conferenceId: a.paper.conferenceId, forceId: a.forceId })) throw forbidden();
}

function checkVersion(a: Amendment, version: number | undefined) {
  if (version !== undefined && version !== a.version) {
    throw new DomainError("stale_version", "This amendment was changed meanwhile; reload it and try again", { reason: "stale", version: a.version });
  }
}

function emitChange(deps: AmendmentDeps, a: Loaded, event: string, opts: { staff?: boolean; force?: boolean } = { staff: true, force: true }) {
  const payload = { id: a.id, paperId: a.paperId };
  const conf = a.paper.conferenceId;
  if (opts.force) deps.realtime?.emit(rooms.force(conf, a.forceId), event, payload);
  if (opts.staff) deps.realtime?.emit(rooms.staff(conf), event, payload);
}

export type WindowState = "unset" | "notYetOpen" | "open" | "closed";

export function windowState(conference: Pick<Conference, "amendmentsOpenAt" | "amendmentsCloseAt">, now: Date): WindowState {
  const { amendmentsOpenAt: open, amendmentsCloseAt: close } = conference;
  if (!open || !close) return "unset";
  if (now < open) return "notYetOpen";
  if (now >= close) return "closed";
  return "open";
}

/** Checks the proposal fits its type; the texts are already cleaned by the schema. */
function checkProposal(p: { type: AmendmentType; proposedText: string; proposedTitle?: string | null; rationale: string }) {
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
function selectionOf(doc: Y.Doc, data: { start?: number; end?: number; anchor?: SentSelection }): { start: number; end: number } | undefined {
  if (data.anchor) {
    const { from, to } = locateSelection(doc, data.anchor);
    return { start: from, end: to };
  }
  if (data.start !== undefined && data.end !== undefined) return { start: data.start, end: data.end };
  if (data.start !== undefined || data.end !== undefined) throw new DomainError("bad_request", "Give both start and end of the selection", { reason: "selection" });
  return undefined;
}

function anchorData(doc: Y.Doc, start: number, end: number) {
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

// ---------------------------------------------------------------------------------------------
// The force: drafts, submission, withdrawal.

export async function createAmendment(deps: AmendmentDeps, actor: Actor, paperId: string, input: unknown) {
  const data = parse(draftInput, input);
  const paper = await deps.prisma.paper.findUnique({ where: { id: paperId }, select: { id: true, conferenceId: true } });
  if (!paper || !membershipIn(actor, paper.conferenceId)) throw notFound("Paper");
  const m = membershipIn(actor, paper.conferenceId)!;
  const forceId = m.role === "DELEGATE" ? m.forceId : data.forceId;
  if (!forceId) throw new DomainError("bad_request", "Name the force the amendment is from");
  if (m.role === "DELEGATE" && data.forceId && data.forceId !== m.forceId) throw forbidden("Delegates propose on behalf of their own force only");
  if (!may(actor, "amendment.draft", { conferenceId: paper.conferenceId, forceId })) throw forbidden();
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
  need(actor, "amendment.draft", a);
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
  need(actor, "amendment.draft", a);
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
async function move(
  tx: Prisma.TransactionClient,
  deps: AmendmentDeps,
  a: Amendment & { paper: { conferenceId: string } },
  to: AmendmentState,
  actorId: string,
  note: string | null | undefined,
  data: Prisma.AmendmentUpdateManyMutationInput = {},
) {
  const { count } = await tx.amendment.updateMany({ where: { id: a.id, state: a.state, version: a.version }, data: { ...data, state: to, version: { increment: 1 } } });
  if (!count) throw new DomainError("stale_version", "This amendment was changed meanwhile; reload it and try again");
  await tx.amendmentEvent.create({ data: { amendmentId: a.id, kind: "TRANSITION", actorId, fromState: a.state, toState: to, note: note || null } });
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
  need(actor, transitionAction[to], a);
  checkVersion(a, data.version);
  const now = deps.now?.() ?? new Date();

  switch (to) {
    case "SUBMITTED": {
      const w = windowState(conference, now);
      if (w !== "open") {
        throw new DomainError("forbidden", w === "closed" ? "The amendment window has closed" : w === "notYetOpen" ? "The amendment window is not open yet" : "The amendment window has not been set", { reason: `window_${w}` });
      }
      checkProposal(a);
      // The anchor as it reads at submission: quote and state vector are taken again now.
      const doc = await deps.papers.read(a.paperId);
      const layout = layoutOf(doc);
      const r = resolved(a, doc, layout);
      if (r.status === "orphaned") throw new DomainError("conflict", "The text this draft is anchored to was deleted from the paper; select the text again before submitting", { reason: "draftOrphaned" });
      const anchor = anchorData(doc, r.from!, r.to!);
      await deps.prisma.$transaction((tx) => move(tx, deps, a, to, actor.id, data.note, { ...anchor, submittedById: actor.id, submittedAt: now }));
      emitChange(deps, a, "amendment:submitted");
      return { state: to };
    }
    case "WITHDRAWN":
    case "UNDER_REVIEW": {
      await deps.prisma.$transaction((tx) => move(tx, deps, a, to, actor.id, data.note));
      emitChange(deps, a, "amendment:changed");
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
      await deps.prisma.$transaction((tx) =>
        move(tx, deps, a, to, actor.id, data.note, { decisionReason: data.note, decidedText, decidedById: actor.id, decidedAt: now }),
      );
      emitChange(deps, a, "amendment:decided");
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

/** The change a merge makes: the committee's amended text when accepted with changes (a deletion
 * accepted with changes replaces the range with what the committee kept). */
export function changeOf(a: Pick<Amendment, "type" | "proposedText" | "proposedTitle" | "decidedText">): TextChange {
  if (a.decidedText !== null && a.decidedText !== undefined && a.decidedText !== "") {
    return { type: a.type === "DELETE" ? "REPLACE" : a.type, text: a.decidedText, title: a.proposedTitle };
  }
  return { type: a.type, text: a.proposedText, title: a.proposedTitle };
}

function mergeRefusal(r: ResolvedAnchor) {
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
async function merge(deps: AmendmentDeps, actor: Actor, id: string): Promise<TransitionResult> {
  const { a } = await loadFor(deps, actor, id);
  need(actor, "amendment.decide", a);
  if (!canTransition(a.state, "MERGED")) throw new DomainError("illegal_transition", `An amendment cannot go from ${a.state} to MERGED`);
  if (!changesText(a.type)) throw new DomainError("conflict", "A general remark changes no text; it stays accepted", { reason: "generalNoMerge" });
  const anchor = anchorOf(a);
  if (!anchor) throw new DomainError("conflict", "The amendment has no anchor: re-anchor it before merging");
  const claimed = await deps.prisma.amendment.updateMany({ where: { id, state: a.state, version: a.version }, data: { state: "MERGED", version: { increment: 1 } } });
  if (!claimed.count) throw new DomainError("stale_version", "This amendment was changed meanwhile; reload it and try again");
  const change = changeOf(a);
  try {
    const at = await deps.papers.change(a.paperId, `amendment:${a.id}`, (doc) => {
      const layout = layoutOf(doc);
      const r = resolveAnchor(doc, anchor, layout);
      // Checked on the live document inside the transaction, before the first edit.
      if (r.status !== "intact") throw mergeRefusal(r);
      applyChange(doc, change, { from: r.from!, to: r.to! }, layout);
      return { from: r.from!, to: r.to! };
    });
    await deps.prisma.$transaction(async (tx) => {
      await tx.amendmentEvent.create({ data: { amendmentId: id, kind: "TRANSITION", actorId: actor.id, fromState: a.state, toState: "MERGED", data: at } });
      await auditAmendment(tx, deps, actor.id, a, "merge", { from: a.state, paperId: a.paperId });
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
  return { state: "MERGED" };
}

// ---------------------------------------------------------------------------------------------
// The committee: recommendation, re-anchoring, discussion, window, publication.

export async function recommend(deps: AmendmentDeps, actor: Actor, id: string, input: unknown) {
  const data = parse(recommendationInput, input);
  const { a } = await loadFor(deps, actor, id);
  need(actor, "amendment.review", a);
  if (!undecidedStates.includes(a.state)) throw new DomainError("illegal_transition", "A recommendation is made before the decision, while the amendment is submitted or under review");
  await deps.prisma.$transaction(async (tx) => {
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
  });
  emitChange(deps, a, "amendment:changed", { staff: true });
  return getAmendment(deps, actor, id);
}

/** Anchors a submitted amendment again on text the committee selects (after edits changed or deleted it). */
export async function reanchor(deps: AmendmentDeps, actor: Actor, id: string, input: unknown) {
  const data = parse(reanchorInput, input);
  const { a } = await loadFor(deps, actor, id);
  need(actor, "amendment.review", a);
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
  if (data.internal) need(actor, "amendment.review", a);
  else if (audience !== "staff" && audience !== "force") throw forbidden("Only the committee and the submitting force take part in this discussion");
  else need(actor, "amendment.comment", a);
  const c = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.comment.create({ data: { amendmentId: id, authorId: actor.id, body: data.body, internal: data.internal } });
    await auditAmendment(tx, deps, actor.id, a, "comment", { commentId: row.id, internal: data.internal });
    return row;
  });
  // Internal notes are announced to the staff room only.
  emitChange(deps, a, "amendment:comment", { staff: true, force: !data.internal });
  return c;
}

export const windowInput = z
  .object({ openAt: z.coerce.date().nullable(), closeAt: z.coerce.date().nullable() })
  .refine((w) => !w.openAt || !w.closeAt || w.openAt < w.closeAt, "The window must open before it closes");

export async function setAmendmentWindow(deps: AmendmentDeps, actor: Actor, conferenceId: string, input: unknown) {
  if (!may(actor, "amendment.window", { conferenceId })) throw forbidden("Only organizers set the amendment window");
  const data = parse(windowInput, input);
  const c = await deps.prisma.conference.update({ where: { id: conferenceId }, data: { amendmentsOpenAt: data.openAt, amendmentsCloseAt: data.closeAt } });
  await recordAudit(deps.prisma, { actorId: actor.id, action: "amendments.window", subjectType: "Conference", subjectId: conferenceId, data: { openAt: data.openAt, closeAt: data.closeAt }, conferenceId, ip: deps.ip });
  deps.realtime?.emit(rooms.all(conferenceId), "amendments:window", { conferenceId });
  return c;
}

/** Makes the decided amendments, and the committee's reasons, visible to every force. */
export async function publishDecisions(deps: AmendmentDeps, actor: Actor, conferenceId: string) {
  if (!may(actor, "amendment.decide", { conferenceId })) throw forbidden();
  const now = deps.now?.() ?? new Date();
  const c = await deps.prisma.conference.update({ where: { id: conferenceId }, data: { decisionsPublishedAt: now } });
  await recordAudit(deps.prisma, { actorId: actor.id, action: "amendments.publishDecisions", subjectType: "Conference", subjectId: conferenceId, conferenceId, ip: deps.ip });
  deps.realtime?.emit(rooms.all(conferenceId), "amendments:published", { conferenceId });
  return c;
}

// ---------------------------------------------------------------------------------------------
// Reading: the list (queue), one amendment, the consolidated table.

export interface PaperSectionRef {
  index: number;
  title: string;
}

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

export interface CommentView {
  id: string;
  body: string;
  internal: boolean;
  createdAt: string;
  author: { name: string; side: "committee" | "force" };
}

export interface EventView {
  id: string;
  kind: string;
  fromState: AmendmentState | null;
  toState: AmendmentState;
  note: string | null;
  createdAt: string;
  actorName: string | null;
  data: unknown;
}

export interface PreviewBlock {
  type: string;
  level?: number;
  text: string;
  mark: "same" | "added" | "changed" | "removed";
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
  const people = await deps.prisma.user.findMany({
    where: { id: { in: [...comments.map((c) => c.authorId), ...events.map((e) => e.actorId).filter((x): x is string => !!x)] } },
    select: { id: true, name: true, memberships: { where: { conferenceId: a.paper.conferenceId }, select: { forceId: true } } },
  });
  const person = new Map(people.map((p) => [p.id, p]));
  const fromForce = (userId: string | null) => !!userId && person.get(userId)?.memberships[0]?.forceId === a.forceId;

  const staffLike = audience === "staff" || audience === "observer";
  const eventViews: EventView[] = events
    // The force and other forces see the state changes; the committee's working steps stay with it.
    .filter((e) => staffLike || e.kind === "TRANSITION")
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
  const allowed = {
    edit: isForce && a.state === "DRAFT" && can("amendment.draft"),
    submit: isForce && a.state === "DRAFT" && can("amendment.draft") && windowState(conference, deps.now?.() ?? new Date()) === "open",
    withdraw: isForce && undecidedStates.includes(a.state) && can("amendment.draft"),
    review: audience === "staff" && a.state === "SUBMITTED" && can("amendment.review"),
    recommend: audience === "staff" && undecidedStates.includes(a.state) && can("amendment.review"),
    decide: audience === "staff" && a.state === "UNDER_REVIEW" && can("amendment.decide"),
    merge: audience === "staff" && (a.state === "ACCEPTED" || a.state === "ACCEPTED_WITH_CHANGES") && changesText(a.type) && can("amendment.decide"),
    reanchor: audience === "staff" && !["DRAFT", "MERGED", "WITHDRAWN", "REJECTED"].includes(a.state) && can("amendment.review"),
    comment: inThread && a.state !== "DRAFT" && can("amendment.comment"),
    internal: seesInternal,
  };
  return { amendment: summary, paperTitle: a.paper.title, conferenceId: conf, overlaps, diff, before, after, preview, comments: commentViews, events: eventViews, allowed, layout, window: windowState(conference, deps.now?.() ?? new Date()) };
}

/** The paper after the change, block by block, with what is new, changed or gone marked. */
function previewBlocks(before: PaperLayout, after: PaperLayout): PreviewBlock[] {
  const out: PreviewBlock[] = [];
  const parts = diffArrays(before.blocks.map((b) => b.text), after.blocks.map((b) => b.text));
  let bi = 0, ai = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (p.removed) {
      // A removal followed by an addition is a changed block; shown once, as it will read.
      const next = parts[k + 1];
      if (next?.added) {
        for (const text of next.value) {
          const b = after.blocks[ai++]!;
          out.push({ type: b.type, level: b.level, text, mark: "changed" });
        }
        bi += p.value.length;
        k++;
        continue;
      }
      for (const text of p.value) {
        const b = before.blocks[bi++]!;
        out.push({ type: b.type, level: b.level, text, mark: "removed" });
      }
    } else {
      for (const text of p.value) {
        const b = after.blocks[ai++]!;
        if (!p.added) bi++;
        out.push({ type: b.type, level: b.level, text, mark: p.added ? "added" : "same" });
      }
    }
  }
  return out;
}

export interface TableSection {
  index: number | null;
  title: string;
  text: string[];
  rows: AmendmentSummary[];
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

/** Forces that have amendments visible in this paper, for filters. */
export function forcesIn(items: AmendmentSummary[]): ForceRef[] {
  const m = new Map<string, ForceRef>();
  for (const s of items) m.set(s.force.id, s.force);
  return [...m.values()];
}

export { undecidedStates, decidedStates };
