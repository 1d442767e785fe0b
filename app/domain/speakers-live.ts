// The event the list of speakers' commands emit to the conference's room after a committed change (ADR
// 0069); apart from speakers.server.ts so the agenda page and the projector can name it in the browser.
export const SPEAKERS_CHANGED = "speakers.changed";

export interface SpeakersChangedEvent {
  conferenceId: string;
  itemId: string;
}
