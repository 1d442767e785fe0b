// Plenary votes (issue 20, ADR 0053): the chair (organizers, committee) opens a vote on an amendment, a
// block of overlapping amendments, the paper or a free question; each present force casts one ballot;
// the chair closes it and publishes the result. All state is in the database (a restart loses nothing);
// the unique index on (vote, force) decides between two devices of one force, and a cast holds the vote
// row shared so that closing waits for casts in flight and refuses every cast after it.
import { randomUUID } from "node:crypto";
import { Prisma, type AmendmentState, type PrismaClient } from "@prisma/client";
import type { z } from "zod";
import { may, ownForceOf, type Actor } from "~/policy";
import { assertMay, DomainError, notFound, parseInput } from "../errors";
import { recordAudit } from "../audit.server";
import { rooms } from "../rooms";
import { attendingStatuses, iso, isForcePresent, presentForceCount, type Db, type DayMeta } from "./common.server";
import { VOTE_CHANGED, type VoteChangedEvent } from "./live";
import { tally, type VoteResults } from "./results";
import { ABSTAIN, CastBallotSchema, OpenVoteSchema, VoteStepSchema, yesNoOptions, type MajorityRule, type VoteState, type VoteSubject } from "./schema";

interface VoteRow {
  id: string;
  conferenceId: string;
  subject: VoteSubject;
  amendmentIds: string[];
  paperId: string | null;
  question: string;
  options: string[];
  majority: MajorityRule;
  quorumPercent: number;
  secret: boolean;
  state: VoteState;
  presentAtClose: number | null;
  openedAt: Date;
  closedAt: Date | null;
  publishedAt: Date | null;
  version: number;
}

const voteColumns = Prisma.sql`id, "conferenceId", subject::text AS subject, "amendmentIds", "paperId", question, options, majority::text AS majority,
  "quorumPercent", secret, state::text AS state, "presentAtClose", "openedAt", "closedAt", "publishedAt", version`;

async function loadVote(db: Db, id: string): Promise<VoteRow | null> {
  const [row] = await db.$queryRaw<VoteRow[]>`SELECT ${voteColumns} FROM "Vote" WHERE id = ${id}`;
  return row ?? null;
}

/** A vote the actor may read; one they may not is "not found" (no existence leak). */
async function readable(db: Db, actor: Actor, id: string): Promise<VoteRow> {
  const vote = await loadVote(db, id);
  if (!vote || !may(actor, "vote.read", { conferenceId: vote.conferenceId })) throw notFound("Vote");
  return vote;
}

// What never changes once a vote is open (its conference, subject, options, secrecy), kept for the cast
// path so that a hall casting at once does not read the vote row twice per ballot. Its state is never
// cached: the cast's own statement reads it.
const fixedFacts = new Map<string, VoteRow>();

async function readableFacts(db: Db, actor: Actor, id: string): Promise<VoteRow> {
  let vote = fixedFacts.get(id);
  if (!vote) {
    vote = (await loadVote(db, id)) ?? undefined;
    if (vote) {
      if (fixedFacts.size >= 200) fixedFacts.delete(fixedFacts.keys().next().value!);
      fixedFacts.set(id, vote);
    }
  }
  if (!vote || !may(actor, "vote.read", { conferenceId: vote.conferenceId })) throw notFound("Vote");
  return vote;
}

async function countsOf(db: Db, voteId: string): Promise<Record<string, number>> {
  const rows = await db.$queryRaw<{ option: string; n: number }[]>`SELECT option, count(*)::int AS n FROM "Ballot" WHERE "voteId" = ${voteId} GROUP BY option`;
  return Object.fromEntries(rows.map((r) => [r.option, r.n]));
}

async function castCount(db: Db, voteId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Ballot" WHERE "voteId" = ${voteId}`;
  return row?.n ?? 0;
}

async function resultsOf(db: Db, vote: VoteRow): Promise<VoteResults> {
  const present = vote.presentAtClose ?? (await presentForceCount(db, vote.conferenceId));
  return tally(vote, await countsOf(db, vote.id), present);
}

/**
 * Tells the rooms of a committed change: the staff room hears every step with the number of ballots
 * cast; everyone hears that a vote opened or closed, and the counts once published.
 */
function announce(meta: DayMeta, vote: VoteRow, cast: number, results?: VoteResults) {
  if (!meta.realtime) return;
  const base = { conferenceId: vote.conferenceId, voteId: vote.id, state: vote.state };
  meta.realtime.emit(rooms.staff(vote.conferenceId), VOTE_CHANGED, { ...base, cast, ...(results ? { results } : {}) } satisfies VoteChangedEvent);
  meta.realtime.emit(rooms.all(vote.conferenceId), VOTE_CHANGED, { ...base, ...(results ? { cast, results } : {}) } satisfies VoteChangedEvent);
}

const onlyChair = "Only the chair (organizers and the committee) runs votes";
// Amendments the plenary may still vote on: not a draft, not withdrawn, not merged already.
export const votableStates: AmendmentState[] = ["SUBMITTED", "UNDER_REVIEW", "ACCEPTED", "ACCEPTED_WITH_CHANGES", "REJECTED"];

export async function openVote(prisma: PrismaClient, actor: Actor, conferenceId: string, input: z.input<typeof OpenVoteSchema>, meta: DayMeta = {}) {
  assertMay(actor, "vote.chair", { conferenceId }, onlyChair);
  const data = parseInput(OpenVoteSchema, input);
  const amendmentIds = data.amendmentIds ?? [];
  let paperId = data.paperId ?? null;
  if (amendmentIds.length) {
    const found = await prisma.amendment.findMany({ where: { id: { in: amendmentIds }, paper: { conferenceId } }, select: { id: true, state: true, paperId: true } });
    if (found.length !== amendmentIds.length) throw new DomainError("bad_request", "Every amendment must be one of this conference's", { reason: "unknown_amendment", fieldErrors: { amendmentIds: ["invalid"] } });
    const notVotable = found.filter((a) => !votableStates.includes(a.state));
    if (notVotable.length) throw new DomainError("conflict", `Amendments in state ${notVotable.map((a) => a.state).join(", ")} cannot be put to the vote. Nothing was changed`, { reason: "amendment_not_votable" });
    if (new Set(found.map((a) => a.paperId)).size > 1) throw new DomainError("bad_request", "A block's amendments must be on one paper", { reason: "mixed_papers", fieldErrors: { amendmentIds: ["invalid"] } });
    paperId = found[0]!.paperId;
  } else if (paperId) {
    if (!(await prisma.paper.findFirst({ where: { id: paperId, conferenceId }, select: { id: true } }))) throw new DomainError("bad_request", "No such paper in this conference", { fieldErrors: { paperId: ["invalid"] } });
  }
  const options = data.subject === "AMENDMENT_BLOCK" ? [...amendmentIds, ABSTAIN] : [...yesNoOptions];
  const vote = await prisma.$transaction(async (tx) => {
    const id = randomUUID();
    await tx.$executeRaw`
      INSERT INTO "Vote" (id, "conferenceId", subject, "amendmentIds", "paperId", question, options, majority, "quorumPercent", secret, "openedById")
      VALUES (${id}, ${conferenceId}, ${data.subject}::"VoteSubject", ${amendmentIds}::text[], ${paperId}, ${data.question ?? ""}, ${options}::text[],
        ${data.majority}::"MajorityRule", ${data.quorumPercent}, ${data.secret}, ${actor.id})`;
    await recordAudit(tx, {
      actorId: actor.id, action: "vote.open", subjectType: "Vote", subjectId: id,
      data: { subject: data.subject, amendmentIds, paperId, majority: data.majority, quorumPercent: data.quorumPercent, secret: data.secret },
      conferenceId, ip: meta.ip,
    });
    return (await loadVote(tx, id))!;
  });
  announce(meta, vote, 0);
  return presentVote(prisma, actor, vote);
}

function notInState(vote: VoteRow, wanted: VoteState, step: string) {
  if (vote.state === "OPEN" || !vote.closedAt) return new DomainError("conflict", `The vote is ${vote.state}; it can be ${step} only when ${wanted}. Nothing was changed`, { reason: "wrong_state", state: vote.state });
  return new DomainError("conflict", `The vote closed at ${iso(vote.closedAt)} and is ${vote.state}; it can be ${step} only when ${wanted}. Nothing was changed`, { reason: "wrong_state", state: vote.state, closedAt: iso(vote.closedAt) });
}

function staleVote(vote: VoteRow) {
  return new DomainError("stale_version", `Someone else changed this vote meanwhile (it is now at version ${vote.version}, ${vote.state}); nothing was changed`, { state: vote.state, version: vote.version });
}

/** Closes an open vote: the forces present now become the quorum's base, and no ballot is taken after. */
export async function closeVote(prisma: PrismaClient, actor: Actor, voteId: string, input: z.input<typeof VoteStepSchema> = {}, meta: DayMeta = {}) {
  return step(prisma, actor, voteId, input, meta, "OPEN", "closed", async (tx, vote) => {
    // The UPDATE waits for casts holding the row (FOR SHARE) and makes every later cast see CLOSED.
    const n = await tx.$executeRaw`
      UPDATE "Vote" SET state = 'CLOSED', "closedAt" = CURRENT_TIMESTAMP, "closedById" = ${actor.id}, version = version + 1,
        "presentAtClose" = (SELECT count(DISTINCT i."forceId")::int FROM "Attendance" a JOIN "Invitation" i ON i.id = a."invitationId"
          WHERE i."conferenceId" = ${vote.conferenceId} AND i.status IN ('CONFIRMED', 'ATTENDED'))
      WHERE id = ${vote.id} AND state = 'OPEN' AND version = ${vote.version}`;
    return n === 1;
  });
}

/** Publishes a closed vote's result to everyone (and, for a named vote, each force's ballot). */
export async function publishVote(prisma: PrismaClient, actor: Actor, voteId: string, input: z.input<typeof VoteStepSchema> = {}, meta: DayMeta = {}) {
  return step(prisma, actor, voteId, input, meta, "CLOSED", "published", async (tx, vote) => {
    const n = await tx.$executeRaw`
      UPDATE "Vote" SET state = 'PUBLISHED', "publishedAt" = CURRENT_TIMESTAMP, "publishedById" = ${actor.id}, version = version + 1
      WHERE id = ${vote.id} AND state = 'CLOSED' AND version = ${vote.version}`;
    return n === 1;
  });
}

async function step(
  prisma: PrismaClient,
  actor: Actor,
  voteId: string,
  input: z.input<typeof VoteStepSchema>,
  meta: DayMeta,
  from: VoteState,
  verb: "closed" | "published",
  apply: (tx: Prisma.TransactionClient, vote: VoteRow) => Promise<boolean>,
) {
  const { version } = parseInput(VoteStepSchema, input ?? {});
  const { vote, results } = await prisma.$transaction(async (tx) => {
    const vote = await readable(tx, actor, voteId);
    assertMay(actor, "vote.chair", { conferenceId: vote.conferenceId }, onlyChair);
    if (version !== undefined && version !== vote.version) throw staleVote(vote);
    if (vote.state !== from) throw notInState(vote, from, verb);
    if (!(await apply(tx, vote))) {
      const now = (await loadVote(tx, voteId))!;
      throw now.state !== from ? notInState(now, from, verb) : staleVote(now);
    }
    const fresh = (await loadVote(tx, voteId))!;
    const results = await resultsOf(tx, fresh);
    await recordAudit(tx, {
      actorId: actor.id, action: verb === "closed" ? "vote.close" : "vote.publish", subjectType: "Vote", subjectId: voteId,
      data: { counts: results.counts, present: results.present, quorumMet: results.quorumMet, passed: results.passed, winner: results.winner },
      conferenceId: vote.conferenceId, ip: meta.ip,
    });
    return { vote: fresh, results };
  });
  announce(meta, vote, results.cast, vote.state === "PUBLISHED" ? results : undefined);
  return presentVote(prisma, actor, vote);
}

/**
 * May this account cast its force's ballot under the conference's voting mode? Under VOTING_DELEGATE only
 * the voting delegate checked in under this account, or a substitute checked in in their place, may.
 * An SQL condition, so that the cast asks it in the same statement as it inserts.
 */
const mayCastSql = (actorId: string, conferenceId: string, forceId: string) => Prisma.sql`(
  (SELECT "votingMode" FROM "Conference" WHERE id = ${conferenceId}) <> 'VOTING_DELEGATE' OR EXISTS (
    SELECT 1 FROM "Attendance" a JOIN "DelegationMember" m ON m.id = a."delegationMemberId" JOIN "Invitation" i ON i.id = a."invitationId"
    LEFT JOIN "DelegationMember" s ON s.id = a."substituteForId"
    WHERE i."conferenceId" = ${conferenceId} AND i."forceId" = ${forceId} AND m."userId" = ${actorId} AND (m."isVotingDelegate" OR s."isVotingDelegate")))`;

async function mayCastFor(db: Db, actor: Actor, conferenceId: string, forceId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ ok: boolean }[]>`SELECT ${mayCastSql(actor.id, conferenceId, forceId)} AS ok`;
  return !!row?.ok;
}

/**
 * Casts the actor's force's ballot. Refused when the vote is not open (with the time it closed), when the
 * force is not present, when the conference votes by voting delegate and this is not them, and when the
 * force has voted already (from this device or another): the first ballot stands.
 *
 * One statement does it all (ADR 0053), so that a hall of forces casting at once costs one round trip
 * each: it holds the vote row shared (closing waits for it, and every cast after closing sees CLOSED),
 * checks presence and voting mode, inserts the ballot unless the force has one (the unique index decides
 * between two devices), and writes the audit row with it: the columns recordAudit writes, in the same
 * transaction. A secret vote's trail says that the force took part, never what it chose.
 */
export async function castBallot(prisma: PrismaClient, actor: Actor, voteId: string, input: z.input<typeof CastBallotSchema>, meta: DayMeta = {}) {
  const vote = await readableFacts(prisma, actor, voteId);
  const conferenceId = vote.conferenceId;
  const forceId = ownForceOf(actor, conferenceId);
  if (!forceId) assertMay(actor, "vote.cast", { conferenceId, forceId: null }, "Only a delegate casts their force's ballot");
  assertMay(actor, "vote.cast", { conferenceId, forceId }, "Only a delegate casts their force's ballot");
  const { option } = parseInput(CastBallotSchema, input);
  if (!vote.options.includes(option)) throw new DomainError("bad_request", `The option must be one of ${vote.options.join(", ")}`, { reason: "unknown_option", fieldErrors: { option: ["invalidChoice"] } });
  const auditData = JSON.stringify(vote.secret ? { secret: true } : { forceId, option });
  const ip = meta.ip ? meta.ip.slice(0, 100) : null;
  const [r] = await prisma.$queryRaw<{ state: VoteState | null; closedAt: Date | null; present: boolean; mayCast: boolean; castAt: Date | null }[]>`
    WITH v AS (SELECT state, "closedAt" FROM "Vote" WHERE id = ${voteId} FOR SHARE),
    checks AS (
      SELECT EXISTS (SELECT 1 FROM "Attendance" a JOIN "Invitation" i ON i.id = a."invitationId"
          WHERE i."conferenceId" = ${conferenceId} AND i."forceId" = ${forceId} AND i.status IN ${attendingStatuses}) AS present,
        ${mayCastSql(actor.id, conferenceId, forceId!)} AS "mayCast"
    ),
    ins AS (
      INSERT INTO "Ballot" (id, "voteId", "forceId", option, "castById")
      SELECT ${randomUUID()}, ${voteId}, ${forceId}, ${option}, ${actor.id}
      WHERE (SELECT state FROM v) = 'OPEN' AND (SELECT present AND "mayCast" FROM checks)
      ON CONFLICT ("voteId", "forceId") DO NOTHING
      RETURNING "castAt"
    ),
    audit AS (
      INSERT INTO "AuditEvent" ("actorId", action, "subjectType", "subjectId", data, "conferenceId", ip)
      SELECT ${actor.id}, 'vote.ballot', 'Vote', ${voteId}, ${auditData}::jsonb, ${conferenceId}, ${ip} FROM ins
      RETURNING id
    )
    SELECT (SELECT state::text FROM v) AS state, (SELECT "closedAt" FROM v) AS "closedAt", checks.present, checks."mayCast",
      (SELECT "castAt" FROM ins) AS "castAt", (SELECT count(*) FROM audit) AS audited
    FROM checks`;
  if (r?.state !== "OPEN") {
    throw new DomainError("conflict", `The vote closed at ${iso(r?.closedAt ?? null)}; no ballot is taken after closing. Nothing was recorded`, { reason: "vote_closed", closedAt: iso(r?.closedAt ?? null) });
  }
  if (!r.present) throw new DomainError("conflict", "Your force is not checked in: only forces present in the hall vote. Nothing was recorded", { reason: "force_absent" });
  if (!r.mayCast) throw new DomainError("forbidden", "This conference votes by voting delegate: only your force's checked-in voting delegate casts its ballot", { reason: "not_voting_delegate" });
  if (!r.castAt) throw new DomainError("conflict", "Your force has already voted in this vote; its first ballot stands. Nothing was recorded", { reason: "already_voted" });
  announceProgress(prisma, meta, vote);
  return { voteId, forceId: forceId!, option, castAt: iso(r.castAt)! };
}

// Progress of open votes: ballots arriving together are counted and announced once per PROGRESS_MS. Only
// the announcement waits; the ballots are committed. The flag is cleared before counting, so a ballot that
// commits during the count schedules another: the last count always includes the last ballot.
const PROGRESS_MS = 20;
const progressPending = new Set<string>();

function announceProgress(prisma: PrismaClient, meta: DayMeta, vote: VoteRow) {
  if (!meta.realtime || progressPending.has(vote.id)) return;
  progressPending.add(vote.id);
  setTimeout(() => {
    progressPending.delete(vote.id);
    castCount(prisma, vote.id).then(
      (cast) => announce(meta, { ...vote, state: "OPEN" }, cast),
      () => {}, // the next ballot, or the chair's page, counts again
    );
  }, PROGRESS_MS).unref?.();
}

async function ballotsOf(db: Db, voteId: string) {
  const rows = await db.$queryRaw<{ forceId: string; forceName: string; option: string; castAt: Date }[]>`
    SELECT b."forceId", coalesce(f."nameAr", '') AS "forceName", b.option, b."castAt"
    FROM "Ballot" b LEFT JOIN "Force" f ON f.id = b."forceId" WHERE b."voteId" = ${voteId} ORDER BY f."nameAr", b."castAt"`;
  return rows.map((r) => ({ ...r, castAt: iso(r.castAt)! }));
}

/** The vote as this actor may see it: results to the chair always and to everyone once published; a named vote's ballots likewise; a secret vote's never. */
async function presentVote(db: Db, actor: Actor, vote: VoteRow) {
  const chair = may(actor, "vote.chair", { conferenceId: vote.conferenceId });
  const shown = chair || vote.state === "PUBLISHED";
  const results = shown ? await resultsOf(db, vote) : null;
  const forceId = ownForceOf(actor, vote.conferenceId);
  let own = null;
  if (forceId) {
    const [b] = await db.$queryRaw<{ option: string }[]>`SELECT option FROM "Ballot" WHERE "voteId" = ${vote.id} AND "forceId" = ${forceId}`;
    const present = await isForcePresent(db, vote.conferenceId, forceId);
    const mayCast =
      vote.state === "OPEN" && !b && present && may(actor, "vote.cast", { conferenceId: vote.conferenceId, forceId }) && (await mayCastFor(db, actor, vote.conferenceId, forceId));
    own = { forceId, present, voted: !!b, option: b && !vote.secret ? b.option : null, mayCast };
  }
  return {
    id: vote.id,
    conferenceId: vote.conferenceId,
    subject: vote.subject,
    amendmentIds: vote.amendmentIds,
    paperId: vote.paperId,
    question: vote.question,
    options: vote.options,
    majority: vote.majority,
    quorumPercent: vote.quorumPercent,
    secret: vote.secret,
    state: vote.state,
    openedAt: iso(vote.openedAt)!,
    closedAt: iso(vote.closedAt),
    publishedAt: iso(vote.publishedAt),
    version: vote.version,
    cast: results?.cast ?? (await castCount(db, vote.id)),
    results,
    ballots: shown && !vote.secret ? await ballotsOf(db, vote.id) : null,
    own,
  };
}

export type VoteView = Awaited<ReturnType<typeof presentVote>>;

export async function getVote(db: Db, actor: Actor, voteId: string): Promise<VoteView> {
  return presentVote(db, actor, await readable(db, actor, voteId));
}

/** The conference's votes, newest first, each as the actor may see it. */
export async function listVotes(db: Db, actor: Actor, conferenceId: string): Promise<VoteView[]> {
  assertMay(actor, "vote.read", { conferenceId }, "You may not see this conference's votes");
  const rows = await db.$queryRaw<VoteRow[]>`SELECT ${voteColumns} FROM "Vote" WHERE "conferenceId" = ${conferenceId} ORDER BY "openedAt" DESC LIMIT 200`;
  const out: VoteView[] = [];
  for (const v of rows) out.push(await presentVote(db, actor, v));
  return out;
}
