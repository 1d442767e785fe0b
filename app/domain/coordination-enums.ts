// The coordination area's fixed lists, shared by the domain (validation) and the pages (choices).
// Not *.server: forms in the browser bundle read them too.
import type { OutreachChannel, PlanHorizon, PlanStatus, RepresentationArea } from "@prisma/client";

export const outreachChannels = ["MEETING", "CALL", "MESSAGE", "VISIT", "CONFERENCE"] as const satisfies readonly OutreachChannel[];
export const horizons = ["SHORT", "MEDIUM", "LONG"] as const satisfies readonly PlanHorizon[];
export const planStatuses = ["PLANNED", "IN_PROGRESS", "DONE", "DROPPED"] as const satisfies readonly PlanStatus[];
export const areas = ["ARAB", "EUROPE", "AMERICA", "OTHER"] as const satisfies readonly RepresentationArea[];
/** A representation is being set up, works, is paused or has closed. */
export const representationStatuses = ["PLANNED", "ACTIVE", "PAUSED", "CLOSED"] as const;
export type RepresentationStatus = (typeof representationStatuses)[number];
export const searchKinds = ["force", "person", "invitation", "amendment", "outreach", "plan", "representation", "paper"] as const;
export type SearchKind = (typeof searchKinds)[number];
