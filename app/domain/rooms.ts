// Room names: one per conference for each audience, so an event reaches only those who may see it.
import type { Actor } from "~/policy";
import { may, proposingForce } from "~/policy";

export const rooms = {
  /** Organizers, committee and observers: invitation board, amendment queue. */
  staff: (conferenceId: string) => `conf:${conferenceId}:staff`,
  /** Everyone in the conference (published decisions, presence). */
  all: (conferenceId: string) => `conf:${conferenceId}:all`,
  /** One force's delegates: their amendments and invitation. */
  force: (conferenceId: string, forceId: string) => `conf:${conferenceId}:force:${forceId}`,
  /** One account's open pages, whatever the conference (the bell's count); every socket joins its own. */
  user: (userId: string) => `user:${userId}`,
};

/**
 * The rooms a member joins, decided by the policy module (ADR 0004) so its refusals hold here too (a
 * member who must first set up a second factor joins no staff room). The actions match the audiences:
 * reading every force's invitations is the staff's (organizers, committee, observers), drafting for one's
 * own force is a delegate's.
 */
export function roomsFor(actor: Actor, conferenceId: string): string[] {
  if (!may(actor, "conference.read", { conferenceId })) return [];
  const list = [rooms.all(conferenceId)];
  if (may(actor, "invitation.read", { conferenceId, forceId: null })) list.push(rooms.staff(conferenceId));
  const ownForce = proposingForce(actor, conferenceId);
  if (ownForce) list.push(rooms.force(conferenceId, ownForce));
  return list;
}
