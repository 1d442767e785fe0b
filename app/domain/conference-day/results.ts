// Counting a vote (ADR 0053): pure, so the chair's live view, the published result and the tests share it.
// Abstentions count towards the quorum (the force took part) but in neither side of the majority.
import { ABSTAIN, NO, YES, type MajorityRule, type VoteSubject } from "./schema";

export interface VoteRules {
  subject: VoteSubject;
  options: readonly string[];
  majority: MajorityRule;
  quorumPercent: number;
}

export interface VoteResults {
  counts: Record<string, number>;
  cast: number;
  present: number;
  quorumNeeded: number;
  quorumMet: boolean;
  for: number;
  against: number;
  passed: boolean;
  winner: string | null;
}

/** SIMPLE: more for than against; TWO_THIRDS: at least two thirds of those who took a side, and someone did. */
export function meetsMajority(rule: MajorityRule, yes: number, no: number): boolean {
  if (yes === 0) return false;
  return rule === "SIMPLE" ? yes > no : 3 * yes >= 2 * (yes + no);
}

/** Ballots needed out of the forces present; at least one, so that an empty hall decides nothing. */
export const quorumOf = (quorumPercent: number, present: number) => Math.max(1, Math.ceil((quorumPercent * present) / 100));

export function tally(v: VoteRules, ballots: Record<string, number>, present: number): VoteResults {
  const counts = Object.fromEntries(v.options.map((o) => [o, ballots[o] ?? 0]));
  const cast = Object.values(counts).reduce((a, b) => a + b, 0);
  const quorumNeeded = quorumOf(v.quorumPercent, present);
  const quorumMet = cast >= quorumNeeded;
  if (v.subject !== "AMENDMENT_BLOCK") {
    const yes = counts[YES] ?? 0;
    const no = counts[NO] ?? 0;
    const passed = quorumMet && meetsMajority(v.majority, yes, no);
    return { counts, cast, present, quorumNeeded, quorumMet, for: yes, against: no, passed, winner: null };
  }
  // A block: each force names at most one amendment. The one with the most votes passes if it meets the
  // rule against the votes for all the others together; a tie at the top passes none.
  const ranked = v.options.filter((o) => o !== ABSTAIN).sort((a, b) => counts[b]! - counts[a]!);
  const top = ranked[0];
  const topVotes = top ? counts[top]! : 0;
  const others = ranked.slice(1).reduce((s, o) => s + counts[o]!, 0);
  const unique = ranked.length < 2 || topVotes > counts[ranked[1]!]!;
  const winner = top && unique && quorumMet && meetsMajority(v.majority, topVotes, others) ? top : null;
  return { counts, cast, present, quorumNeeded, quorumMet, for: topVotes, against: others, passed: winner !== null, winner };
}
