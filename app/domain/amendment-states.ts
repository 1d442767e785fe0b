// The amendment life cycle: the only transitions allowed and who may make each (ADR 0030).
// Pure and shared by the domain core (which enforces it) and the pages (which offer only legal buttons).
import type { AmendmentEventKind, AmendmentState, AmendmentType } from "@prisma/client";
import type { Action } from "~/policy";
import { shortestPath } from "./state-graph";

export const amendmentStates = [
  "DRAFT",
  "SUBMITTED",
  "UNDER_REVIEW",
  "ACCEPTED",
  "ACCEPTED_WITH_CHANGES",
  "REJECTED",
  "WITHDRAWN",
  "MERGED",
] as const satisfies readonly AmendmentState[];

export const amendmentTypes = ["REPLACE", "INSERT", "DELETE", "NEW_SECTION", "GENERAL"] as const satisfies readonly AmendmentType[];

export const amendmentTransitions: Record<AmendmentState, readonly AmendmentState[]> = {
  DRAFT: ["SUBMITTED"],
  SUBMITTED: ["UNDER_REVIEW", "WITHDRAWN"],
  UNDER_REVIEW: ["ACCEPTED", "ACCEPTED_WITH_CHANGES", "REJECTED", "WITHDRAWN"],
  ACCEPTED: ["MERGED"],
  ACCEPTED_WITH_CHANGES: ["MERGED"],
  REJECTED: [],
  WITHDRAWN: [],
  MERGED: [],
};

/** The policy action a transition into `to` needs (the force submits and withdraws; the committee does the rest). */
export const transitionAction: Record<Exclude<AmendmentState, "DRAFT">, Action> = {
  // Submitting is the force's sign-off: its lead's, or any delegate's when it names none (ADR 0061).
  SUBMITTED: "amendment.submit",
  WITHDRAWN: "amendment.draft",
  UNDER_REVIEW: "amendment.review",
  ACCEPTED: "amendment.decide",
  ACCEPTED_WITH_CHANGES: "amendment.decide",
  REJECTED: "amendment.decide",
  MERGED: "amendment.decide",
};

export function canTransition(from: AmendmentState, to: AmendmentState): boolean {
  return amendmentTransitions[from].includes(to);
}

/** Shortest legal path from DRAFT to a state (the demo seed writes its history along it). */
export const amendmentPathTo = (target: AmendmentState): AmendmentState[] => shortestPath(amendmentTransitions, "DRAFT", target);

/** Decided by the committee: shown to every force once decisions are published. */
export const decidedStates: readonly AmendmentState[] = ["ACCEPTED", "ACCEPTED_WITH_CHANGES", "REJECTED", "MERGED"];
/** Still waiting for the committee: the force may withdraw, the anchor matters for overlaps. */
export const undecidedStates: readonly AmendmentState[] = ["SUBMITTED", "UNDER_REVIEW"];
/** Amendments whose change may still reach the paper: they take part in overlap groups. */
export const liveStates: readonly AmendmentState[] = ["SUBMITTED", "UNDER_REVIEW", "ACCEPTED", "ACCEPTED_WITH_CHANGES"];

/** Types that change the paper's text (GENERAL is a remark only). */
export const changesText = (type: AmendmentType) => type !== "GENERAL";

/**
 * The force's internal sign-off (ADR 0061): steps a DRAFT takes inside the force before it is SUBMITTED.
 * A flag on the draft (submissionRequestedAt), not a state: the draft stays the force's own working copy
 * (visibility, search and counts are unchanged), and only the force sees these steps.
 */
export type DraftStage = "drafting" | "askedForSubmission";
export const draftStageSteps = {
  /** A delegate asks the force's lead to sign off. */
  ask: { from: "drafting", to: "askedForSubmission", action: "amendment.draft", event: "SUBMISSION_REQUESTED" },
  /** The lead sends the draft back to its drafters, with a note saying why. */
  sendBack: { from: "askedForSubmission", to: "drafting", action: "amendment.submit", event: "SENT_BACK" },
} as const satisfies Record<string, { from: DraftStage; to: DraftStage; action: Action; event: AmendmentEventKind }>;
export type DraftStep = keyof typeof draftStageSteps;
export const draftSteps = Object.keys(draftStageSteps) as DraftStep[];

export const draftStageOf = (a: { state: AmendmentState; submissionRequestedAt: Date | string | null }): DraftStage | null =>
  a.state !== "DRAFT" ? null : a.submissionRequestedAt ? "askedForSubmission" : "drafting";
