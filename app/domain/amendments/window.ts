// The amendment window: when forces may submit.
import type { Conference } from "@prisma/client";

export type WindowState = "unset" | "notYetOpen" | "open" | "closed";

export function windowState(conference: Pick<Conference, "amendmentsOpenAt" | "amendmentsCloseAt">, now: Date): WindowState {
  const { amendmentsOpenAt: open, amendmentsCloseAt: close } = conference;
  if (!open || !close) return "unset";
  if (now < open) return "notYetOpen";
  if (now >= close) return "closed";
  return "open";
}
