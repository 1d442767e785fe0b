// Live updates of the plenary over socket.io (ADR 0053): the event the domain emits after a committed
// change. Until a vote is published its staff-room events carry only how many ballots were cast; the
// counts per option go to everyone once the chair publishes them.
import type { VoteResults } from "./results";
import type { VoteState } from "./schema";

export const VOTE_CHANGED = "vote.changed";
export const ATTENDANCE_CHANGED = "attendance.changed";
/** Check-in closed or reopened (ADR 0068); the staff room. */
export const CHECKIN_STATE_CHANGED = "attendance.checkin";

export interface VoteChangedEvent {
  conferenceId: string;
  voteId: string;
  state: VoteState;
  /** Ballots cast so far: in the staff room only while the vote is not published. */
  cast?: number;
  /** Present with the published result only. */
  results?: VoteResults;
}

export interface AttendanceChangedEvent {
  conferenceId: string;
  forceId: string;
  memberId: string;
  present: boolean;
}

export interface CheckInStateEvent {
  conferenceId: string;
  closed: boolean;
}
