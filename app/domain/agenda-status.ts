// The agenda item's life (ADR 0054): pure data, shared by the domain core, the agenda page and tests.
// CURRENT is entered only through the chair's "make current"/"next" (one item on the floor at a time).
import type { AgendaItemStatus } from "@prisma/client";

export const agendaStatuses = ["PROPOSED", "SCHEDULED", "CURRENT", "DONE", "DROPPED"] as const satisfies readonly AgendaItemStatus[];

export const agendaTransitions: Record<AgendaItemStatus, readonly AgendaItemStatus[]> = {
  PROPOSED: ["SCHEDULED", "DROPPED"],
  SCHEDULED: ["CURRENT", "PROPOSED", "DROPPED"],
  // Back to SCHEDULED: the chair took it off the floor unfinished; DONE: finished.
  CURRENT: ["DONE", "SCHEDULED"],
  // Reopened: the plenary comes back to an item.
  DONE: ["CURRENT"],
  DROPPED: ["PROPOSED"],
};

export function canTransition(from: AgendaItemStatus, to: AgendaItemStatus): boolean {
  return agendaTransitions[from].includes(to);
}

export const agendaKinds = ["FREE", "PAPER_SECTION", "AMENDMENT", "VOTE"] as const;
