// Tells everyone who may see an invitation that it changed: the conference's staff room (organizers,
// committee, observers) and the force's own room (its delegates), each with only what they may see.
import type { AppServices } from "~/services.server";
import { rooms } from "./rooms";
import { INVITATION_CHANGED, type InvitationChange, type InvitationChangedEvent } from "./invitations-live";

export function publishInvitationChanges(services: Pick<AppServices, "realtime">, conferenceId: string, actorId: string, changes: InvitationChange[]) {
  if (!changes.length) return;
  const staff: InvitationChangedEvent = { conferenceId, actorId, changes };
  services.realtime.emit(rooms.staff(conferenceId), INVITATION_CHANGED, staff);
  for (const c of changes) {
    const own: InvitationChangedEvent = { conferenceId, actorId, changes: [c] };
    services.realtime.emit(rooms.force(conferenceId, c.forceId), INVITATION_CHANGED, own);
  }
}
