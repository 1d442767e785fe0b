// Live updates of the invitation pipeline over socket.io: the event name and payload shared by the
// server (app/domain/invitations.server.ts announces committed changes) and the browser hook.
import type { InvitationStatus } from "@prisma/client";

export const INVITATION_CHANGED = "invitation.changed";
export const INVITATION_TRANSITION = "invitation.transition";

export interface InvitationChange {
  id: string;
  forceId: string;
  status: InvitationStatus;
  version: number;
}

export interface InvitationChangedEvent {
  conferenceId: string;
  /** Who made the change, so a page can tell its own echo from someone else's change. */
  actorId: string;
  changes: InvitationChange[];
}
