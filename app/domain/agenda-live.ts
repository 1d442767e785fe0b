// The event the agenda's commands emit to the conference's room after a committed change (ADR 0054);
// apart from agenda.server.ts so the pages' live hook can name it in the browser.
export const AGENDA_CHANGED = "agenda.changed";

export interface AgendaChangedEvent {
  conferenceId: string;
  /** Present when the item on the floor changed (null: the floor is empty). */
  currentItemId?: string | null;
}
