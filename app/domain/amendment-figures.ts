// How the dashboard counts amendments (issue 19): pure data shared by the figures query
// (amendments/figures.server.ts) and the page's charts. Drafts are never counted.
import type { AmendmentState } from "@prisma/client";
import { amendmentStates } from "./amendment-states";

/** How the dashboard groups an amendment's state per force. */
export type AmendmentGroup = "open" | "accepted" | "rejected" | "withdrawn";
export const amendmentGroups = ["open", "accepted", "rejected", "withdrawn"] as const satisfies readonly AmendmentGroup[];
export const groupOf: Record<Exclude<AmendmentState, "DRAFT">, AmendmentGroup> = {
  SUBMITTED: "open",
  UNDER_REVIEW: "open",
  ACCEPTED: "accepted",
  ACCEPTED_WITH_CHANGES: "accepted",
  MERGED: "accepted",
  REJECTED: "rejected",
  WITHDRAWN: "withdrawn",
};

/** The states the figures count, in the life cycle's order. */
export const countedStates = amendmentStates.filter((s): s is Exclude<AmendmentState, "DRAFT"> => s !== "DRAFT");

