// Room names: one per conference for each audience, so an event reaches only those who may see it.
import type { Actor } from "../policy";
import { membershipIn } from "../policy";

export const rooms = {
  /** Organizers and committee: invitation board, amendment queue. */
  staff: (conferenceId: string) => `conf:${conferenceId}:staff`,
  /** Everyone in the conference (published decisions, presence). */
  all: (conferenceId: string) => `conf:${conferenceId}:all`,
  /** One force's delegates: their amendments and invitation. */
  force: (conferenceId: string, forceId: string) => `conf:${conferenceId}:force:${forceId}`,
};

export function roomsFor(actor: Actor, conferenceId: string): string[] {
  const m = membershipIn(actor, conferenceId);
  if (!m) return [];
  const list = [rooms.all(conferenceId)];
  if (m.role === "ORGANIZER" || m.role === "COMMITTEE" || m.role === "OBSERVER") list.push(rooms.staff(conferenceId));
  if (m.role === "DELEGATE" && m.forceId) list.push(rooms.force(conferenceId, m.forceId));
  return list;
}
