// The invitation pipeline: the only transitions allowed (ADR 0020). Pure data, shared by the domain
// core (app/domain/invitations.server.ts enforces it), the board (where a card may be dropped) and tests.
import type { InvitationStatus } from "@prisma/client";
import { shortestPath } from "./state-graph";

export const invitationStatuses = [
  "CANDIDATE",
  "APPROVED",
  "SENT",
  "CONFIRMED",
  "DECLINED",
  "NO_RESPONSE",
  "ATTENDED",
  "NO_SHOW",
  "WITHDRAWN",
] as const satisfies readonly InvitationStatus[];

/**
 * The graph, refined (ADR 0020):
 * - CONFIRMED → DECLINED: a force that confirmed and then cancels declined; it was not withdrawn by us.
 * - NO_RESPONSE → CONFIRMED | DECLINED: a late answer is recorded as it came, not via a fake re-send.
 * - WITHDRAWN → CANDIDATE: a withdrawal can be reconsidered, but only from the start (approve again).
 * - DECLINED → WITHDRAWN: closes a declined invitation for good (it is no longer a re-invite candidate).
 */
export const invitationTransitions: Record<InvitationStatus, readonly InvitationStatus[]> = {
  CANDIDATE: ["APPROVED", "WITHDRAWN"],
  APPROVED: ["SENT", "WITHDRAWN"],
  SENT: ["CONFIRMED", "DECLINED", "NO_RESPONSE", "WITHDRAWN"],
  CONFIRMED: ["ATTENDED", "NO_SHOW", "DECLINED", "WITHDRAWN"],
  DECLINED: ["SENT", "WITHDRAWN"],
  NO_RESPONSE: ["SENT", "CONFIRMED", "DECLINED", "WITHDRAWN"],
  ATTENDED: [],
  NO_SHOW: [],
  WITHDRAWN: ["CANDIDATE"],
};

export function canTransition(from: InvitationStatus, to: InvitationStatus): boolean {
  return invitationTransitions[from].includes(to);
}

export function isInvitationStatus(s: unknown): s is InvitationStatus {
  return typeof s === "string" && (invitationStatuses as readonly string[]).includes(s);
}

/** States after which nothing more happens (attendance recorded). */
export const finalStatuses: readonly InvitationStatus[] = invitationStatuses.filter((s) => invitationTransitions[s].length === 0);

/** How the dashboard groups statuses: confirmed, waiting on someone, declined, no longer in play. */
export type StatusBucket = "confirmed" | "pending" | "declined" | "withdrawn";
export const bucketOf: Record<InvitationStatus, StatusBucket> = {
  CANDIDATE: "pending",
  APPROVED: "pending",
  SENT: "pending",
  NO_RESPONSE: "pending",
  CONFIRMED: "confirmed",
  ATTENDED: "confirmed",
  DECLINED: "declined",
  NO_SHOW: "declined",
  WITHDRAWN: "withdrawn",
};

/** Shortest legal path from CANDIDATE to a status (seeding, imports). */
export const pathTo = (target: InvitationStatus): InvitationStatus[] => shortestPath(invitationTransitions, "CANDIDATE", target);
