// Views: what an amendment looks like to a reader, its anchor resolved in the paper as it is now.
import type { Amendment, AmendmentState, AmendmentType, ForceKind, Recommendation } from "@prisma/client";
import type * as Y from "yjs";
import { diffArrays } from "diff";
import { resolveAnchor, type PaperLayout, type ResolvedAnchor, type TextChange } from "../anchors";
import { changesText, liveStates } from "../amendment-states";
import type { Audience, Loaded } from "./visibility.server";

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
  /** A draft its delegates asked the force's lead to submit (ADR 0061). */
  askedForSubmission: boolean;
  createdAt: string;
  updatedAt: string;
  /** Amendments whose anchors intersect share a group number (1, 2, …), in paper order. */
  overlapGroup: number | null;
  audience: Audience;
}

export function anchorOf(a: Amendment) {
  return a.anchorStart && a.anchorEnd ? { start: new Uint8Array(a.anchorStart), end: new Uint8Array(a.anchorEnd), quote: a.quotedText ?? "" } : null;
}

export function resolved(a: Amendment, doc: Y.Doc, layout: PaperLayout): ResolvedAnchor {
  const anchor = anchorOf(a);
  if (!anchor) return { status: "orphaned", quote: a.quotedText ?? "", from: null, to: null, textNow: null, blockIndex: null, sectionIndex: null, sectionTitle: null };
  return resolveAnchor(doc, anchor, layout);
}

export function summarize(a: Loaded, audience: Audience, r: ResolvedAnchor, published: boolean, layout: PaperLayout): AmendmentSummary {
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
    askedForSubmission: a.state === "DRAFT" && !!a.submissionRequestedAt,
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

/** The change a merge makes: the committee's amended text when accepted with changes (a deletion
 * accepted with changes replaces the range with what the committee kept). */
export function changeOf(a: Pick<Amendment, "type" | "proposedText" | "proposedTitle" | "decidedText">): TextChange {
  if (a.decidedText !== null && a.decidedText !== undefined && a.decidedText !== "") {
    return { type: a.type === "DELETE" ? "REPLACE" : a.type, text: a.decidedText, title: a.proposedTitle };
  }
  return { type: a.type, text: a.proposedText, title: a.proposedTitle };
}

export interface PaperSectionRef {
  index: number;
  title: string;
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

/** The force's sign-off as the reader may see it (ADR 0061): who asked, who signed off, in which phase. */
export interface SignOffView {
  stage: "drafting" | "askedForSubmission" | null;
  lead: { id: string; name: string } | null;
  requestedBy: { id: string; name: string } | null;
  requestedAt: string | null;
  signedOffBy: { id: string; name: string } | null;
  signedOffAt: string | null;
  phase: { id: string; name: string; number: number } | null;
}

export interface PreviewBlock {
  type: string;
  level?: number;
  text: string;
  mark: "same" | "added" | "changed" | "removed";
}

/** The paper after the change, block by block, with what is new, changed or gone marked. */
export function previewBlocks(before: PaperLayout, after: PaperLayout): PreviewBlock[] {
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

/** Forces that have amendments visible in this paper, for filters. */
export function forcesIn(items: AmendmentSummary[]): ForceRef[] {
  const m = new Map<string, ForceRef>();
  for (const s of items) m.set(s.force.id, s.force);
  return [...m.values()];
}
