// Amendments: the force's proposals to the working paper, from draft to merge (issue 5, ADR 0030).
// Transport-free: takes the database, the paper store and the realtime bus; returns plain views;
// throws DomainError. Every rule about who sees and changes an amendment lives in ./amendments/:
//   schema (input), visibility (who sees what), views (what they see), window (when forces submit),
//   commands (every change), queries (lists, one amendment, the consolidated table).
export type { AmendmentDeps } from "./amendments/deps";
export {
  LIMITS, sentSelection, draftInput, draftUpdate, transitionInput, recommendationInput, commentInput, reanchorInput, listFilters, windowInput,
  type DraftInput, type ListFilters,
} from "./amendments/schema";
export { audienceOf, visibleWhere, type Audience } from "./amendments/visibility.server";
export {
  overlapGroups, changeOf, forcesIn,
  type ForceRef, type AmendmentSummary, type PaperSectionRef, type CommentView, type EventView, type PreviewBlock, type TableSection,
} from "./amendments/views.server";
export { windowState, type WindowState } from "./amendments/window";
export {
  createAmendment, updateDraft, discardDraft, transition, recommend, reanchor, addComment, setAmendmentWindow, publishDecisions,
  type TransitionResult,
} from "./amendments/commands.server";
export { listAmendments, getAmendment, consolidatedTable, papersOf } from "./amendments/queries.server";
export { undecidedStates, decidedStates } from "./amendment-states";
