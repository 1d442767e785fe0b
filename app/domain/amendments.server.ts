// Amendments: the force's proposals to the working paper, from draft to merge (issue 5, ADR 0030).
// Transport-free: takes the database, the paper store and the realtime bus; returns plain views;
// throws DomainError. Every rule about who sees and changes an amendment lives in ./amendments/:
//   schema (input), visibility (who sees what), views (what they see), window and phases (when forces
//   submit), sign-off (who submits for a force), commands (every change), queries (lists, one amendment,
//   the consolidated table).
export type { AmendmentDeps } from "./amendments/deps";
export {
  LIMITS, sentSelection, draftInput, draftUpdate, transitionInput, recommendationInput, commentInput, reanchorInput, listFilters, windowInput, phaseInput, phaseUpdate, leadInput, signOffInput,
  type DraftInput, type ListFilters,
} from "./amendments/schema";
export { audienceOf, visibleWhere, type Audience } from "./amendments/visibility.server";
export {
  overlapGroups, changeOf, forcesIn,
  type ForceRef, type AmendmentSummary, type PaperSectionRef, type CommentView, type EventView, type PreviewBlock, type TableSection,
} from "./amendments/views.server";
export { windowState, windowOf, type WindowState, type WindowInfo, type PhaseLike } from "./amendments/window";
export { phasesOf, windowAt, addPhase, updatePhase, deletePhase, setAmendmentWindow } from "./amendments/phases.server";
export { forceLeadOf, setForceLead, leadChoices, signOffStep, maySubmitFor } from "./amendments/sign-off.server";
export {
  createAmendment, updateDraft, discardDraft, transition, recommend, reanchor, addComment, publishDecisions,
  type TransitionResult,
} from "./amendments/commands.server";
export { listAmendments, getAmendment, consolidatedTable, papersOf, windowView, type WindowView } from "./amendments/queries.server";
export { undecidedStates, decidedStates } from "./amendment-states";
