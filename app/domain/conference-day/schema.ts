// Conference day's inputs and answers (ADR 0053): the zod schemas the domain validates with and the
// OpenAPI document shows (app/openapi/areas/votes.server.ts).
import { z } from "zod";

export const voteSubjects = ["AMENDMENT", "AMENDMENT_BLOCK", "PAPER", "QUESTION"] as const;
export const majorityRules = ["SIMPLE", "TWO_THIRDS"] as const;
export const voteStates = ["OPEN", "CLOSED", "PUBLISHED"] as const;
export const votingModes = ["ANY_PRESENT_DELEGATE", "VOTING_DELEGATE"] as const;
export type VoteSubject = (typeof voteSubjects)[number];
export type MajorityRule = (typeof majorityRules)[number];
export type VoteState = (typeof voteStates)[number];
export type VotingMode = (typeof votingModes)[number];

/** The options of a yes/no vote; a block's options are its amendment ids and ABSTAIN. */
export const YES = "YES";
export const NO = "NO";
export const ABSTAIN = "ABSTAIN";
export const yesNoOptions = [YES, NO, ABSTAIN] as const;

const id = z.string().trim().min(1).max(64);

export const OpenVoteSchema = z
  .object({
    subject: z.enum(voteSubjects),
    amendmentIds: z.array(id).max(20).optional(),
    paperId: id.optional(),
    /** What the hall is asked; required for a free question, optional otherwise (the subject names itself). */
    question: z.string().trim().max(2000).optional(),
    majority: z.enum(majorityRules).default("SIMPLE"),
    /** Ballots needed, in percent of the forces present. */
    quorumPercent: z.number().int().min(0).max(100).default(50),
    secret: z.boolean().default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    const ids = v.amendmentIds ?? [];
    const need = (path: string, ok: boolean, rule = "required") => ok || ctx.addIssue({ code: "custom", path: [path], message: `${path} does not fit subject ${v.subject}`, params: { rule } });
    if (v.subject === "AMENDMENT") need("amendmentIds", ids.length === 1, "exactlyOne");
    if (v.subject === "AMENDMENT_BLOCK") need("amendmentIds", ids.length >= 2 && new Set(ids).size === ids.length, "atLeastTwoDistinct");
    if (v.subject !== "AMENDMENT" && v.subject !== "AMENDMENT_BLOCK") need("amendmentIds", ids.length === 0, "notAllowed");
    if (v.subject === "PAPER") need("paperId", !!v.paperId);
    else need("paperId", !v.paperId, "notAllowed");
    if (v.subject === "QUESTION") need("question", !!v.question);
  });

export const CastBallotSchema = z.object({ option: z.string().trim().min(1).max(64) }).strict();

export const VoteStepSchema = z.object({ version: z.number().int().min(1).optional() }).strict();

export const CheckInSchema = z
  .object({
    /** The code on the badge (case, spaces and dashes do not matter). */
    code: z.string().trim().min(4).max(40).optional(),
    memberId: id.optional(),
    /** A substitute checked in in place of this named delegate of the same delegation. */
    substituteFor: id.optional(),
  })
  .strict()
  .refine((v) => !!v.code !== !!v.memberId, { message: "Give either code or memberId", params: { rule: "codeOrMember" } });

export const UndoCheckInSchema = z.object({ memberId: id }).strict();

export const VotingDelegateSchema = z.object({ memberId: id, userId: id.nullable() }).strict();

/** The API's body for one member (the path names the member): the account that casts the ballot, or null. */
export const VotingDelegateBodySchema = VotingDelegateSchema.omit({ memberId: true });

export const VotingModeSchema = z.object({ votingMode: z.enum(votingModes) }).strict();

const Counts = z.record(z.string(), z.number().int());

export const VoteResultsSchema = z.object({
  counts: Counts.meta({ description: "Ballots per option" }),
  cast: z.number().int(),
  present: z.number().int().meta({ description: "Forces present (at closing, once closed)" }),
  quorumNeeded: z.number().int(),
  quorumMet: z.boolean(),
  /** Votes for the (leading) option and against it, as the majority rule weighs them; abstentions count in neither. */
  for: z.number().int(),
  against: z.number().int(),
  passed: z.boolean(),
  /** Block votes: the one amendment that passed, if any. */
  winner: z.string().nullable(),
});

export const VoteSchema = z.object({
  id: z.string(),
  conferenceId: z.string(),
  subject: z.enum(voteSubjects),
  amendmentIds: z.array(z.string()),
  paperId: z.string().nullable(),
  question: z.string(),
  options: z.array(z.string()),
  majority: z.enum(majorityRules),
  quorumPercent: z.number().int(),
  secret: z.boolean(),
  state: z.enum(voteStates),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
  cast: z.number().int().meta({ description: "Ballots cast so far (who voted what is not in it)" }),
  results: VoteResultsSchema.nullable().meta({ description: "Chairs always; everyone once published" }),
  ballots: z
    .array(z.object({ forceId: z.string(), forceName: z.string(), option: z.string(), castAt: z.string() }))
    .nullable()
    .meta({ description: "Named votes: each force's ballot (chairs always, everyone once published); secret votes: always null" }),
  own: z
    .object({ forceId: z.string(), present: z.boolean(), voted: z.boolean(), option: z.string().nullable(), mayCast: z.boolean() })
    .nullable()
    .meta({ description: "The caller's own force (delegates): present, voted, and its option in named votes" }),
});

export const BallotReceiptSchema = z.object({ voteId: z.string(), forceId: z.string(), option: z.string(), castAt: z.string() });

const Figures = z.object({ expected: z.number().int(), present: z.number().int() });

export const AttendanceBoardSchema = z.object({
  forces: Figures,
  members: Figures,
  byKind: z.record(z.string(), Figures),
  byRegion: z.record(z.string(), Figures),
  delegations: z.array(
    z.object({
      invitationId: z.string(),
      forceId: z.string(),
      forceName: z.string(),
      kind: z.string(),
      region: z.string(),
      status: z.string(),
      members: z.number().int(),
      present: z.number().int(),
    }),
  ),
  /** Organizers only: every member with the code on their badge. */
  roster: z
    .array(z.object({ memberId: z.string(), invitationId: z.string(), forceId: z.string(), name: z.string(), isSubstitute: z.boolean(), code: z.string(), checkedInAt: z.string().nullable() }))
    .nullable(),
  /** Whether check-in is closed (ADR 0068) and how many delegations are NO_SHOW. */
  checkIn: z.object({ closedAt: z.string().nullable(), noShow: z.number().int() }),
});

/** What closing check-in did: this call's moves (a second call moves nothing). */
export const CloseCheckInResultSchema = z.object({
  closedAt: z.string(),
  already: z.boolean().meta({ description: "Check-in was closed before this call" }),
  noShow: z.number().int().meta({ description: "Confirmed invitations this call moved to NO_SHOW (no member checked in)" }),
  attended: z.number().int().meta({ description: "Confirmed invitations with a member checked in that this call moved to ATTENDED" }),
});

export const CheckInResultSchema = z.object({
  memberId: z.string(),
  name: z.string(),
  invitationId: z.string(),
  forceId: z.string(),
  checkedInAt: z.string(),
  /** True when the member was checked in already (a second scan changes nothing). */
  already: z.boolean(),
  invitationStatus: z.string(),
});
