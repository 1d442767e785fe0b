// The invitation pipeline: the only transitions allowed (ADR 0006). Enforced in app/domain/invitations.
import type { InvitationStatus } from "@prisma/client";

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

export const invitationTransitions: Record<InvitationStatus, readonly InvitationStatus[]> = {
  CANDIDATE: ["APPROVED", "WITHDRAWN"],
  APPROVED: ["SENT", "WITHDRAWN"],
  SENT: ["CONFIRMED", "DECLINED", "NO_RESPONSE", "WITHDRAWN"],
  CONFIRMED: ["ATTENDED", "NO_SHOW", "WITHDRAWN"],
  DECLINED: ["SENT"],
  NO_RESPONSE: ["SENT", "WITHDRAWN"],
  ATTENDED: [],
  NO_SHOW: [],
  WITHDRAWN: [],
};

export function canTransition(from: InvitationStatus, to: InvitationStatus): boolean {
  return invitationTransitions[from].includes(to);
}

/** Shortest legal path from CANDIDATE to a status (seeding, imports). */
export function pathTo(target: InvitationStatus): InvitationStatus[] {
  const prev = new Map<InvitationStatus, InvitationStatus | null>([["CANDIDATE", null]]);
  const queue: InvitationStatus[] = ["CANDIDATE"];
  while (queue.length) {
    const s = queue.shift()!;
    if (s === target) break;
    for (const n of invitationTransitions[s]) if (!prev.has(n)) (prev.set(n, s), queue.push(n));
  }
  const path: InvitationStatus[] = [];
  for (let s: InvitationStatus | null | undefined = target; s; s = prev.get(s)) path.unshift(s);
  return path;
}
