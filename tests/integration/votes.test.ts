// Conference day on PGlite and PostgreSQL (issue 20, ADR 0053): check-in moves a confirmed invitation to
// ATTENDED through the pipeline, a force votes once even from two devices at once, no ballot after closing
// or from an absent force, quorum and majority rules, a block passes at most one amendment, a secret vote
// never shows who voted what, and every command refuses the wrong roles and bad input, changing nothing.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { plenary, type Plenary } from "../helpers/plenary.js";
import { DomainError } from "~/domain/errors";
import { attendanceBoard, checkIn, designateVotingDelegate, issueCheckInCodes, normalizeCode, setVotingMode, undoCheckIn } from "~/domain/conference-day/attendance.server";
import { castBallot, closeVote, getVote, listVotes, openVote, publishVote } from "~/domain/conference-day/votes.server";
import { tally } from "~/domain/conference-day/results";
import type { Actor } from "~/policy";

async function refused(p: Promise<unknown>, code: string, reason?: string): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err, `expected ${code}${reason ? `/${reason}` : ""}`).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe(code);
  if (reason) expect((err as DomainError).details?.reason).toBe(reason);
  return err as DomainError;
}

describe("counting (pure)", () => {
  const yn = (majority: "SIMPLE" | "TWO_THIRDS", quorumPercent = 50) => ({ subject: "QUESTION" as const, options: ["YES", "NO", "ABSTAIN"], majority, quorumPercent });
  it("simple majority: more yes than no; abstentions count for the quorum only", () => {
    expect(tally(yn("SIMPLE"), { YES: 3, NO: 2, ABSTAIN: 5 }, 10)).toMatchObject({ cast: 10, quorumNeeded: 5, quorumMet: true, passed: true, for: 3, against: 2 });
    expect(tally(yn("SIMPLE"), { YES: 2, NO: 2, ABSTAIN: 6 }, 10).passed).toBe(false);
    expect(tally(yn("SIMPLE"), { ABSTAIN: 6 }, 10).passed).toBe(false);
  });
  it("two thirds of those who took a side", () => {
    expect(tally(yn("TWO_THIRDS"), { YES: 6, NO: 3 }, 10).passed).toBe(true);
    expect(tally(yn("TWO_THIRDS"), { YES: 5, NO: 3, ABSTAIN: 2 }, 10).passed).toBe(false);
    expect(tally(yn("TWO_THIRDS"), { YES: 2, NO: 1, ABSTAIN: 7 }, 10).passed).toBe(true);
  });
  it("quorum in percent of the forces present, at least one ballot", () => {
    expect(tally(yn("SIMPLE", 50), { YES: 4 }, 10)).toMatchObject({ quorumNeeded: 5, quorumMet: false, passed: false });
    expect(tally(yn("SIMPLE", 67), { YES: 4, NO: 3 }, 10)).toMatchObject({ quorumNeeded: 7, quorumMet: true, passed: true });
    expect(tally(yn("SIMPLE", 0), {}, 0)).toMatchObject({ quorumNeeded: 1, quorumMet: false, passed: false });
  });
  it("a block passes the amendment with most votes if it meets the rule against the others; a tie passes none", () => {
    const block = (majority: "SIMPLE" | "TWO_THIRDS") => ({ subject: "AMENDMENT_BLOCK" as const, options: ["a", "b", "c", "ABSTAIN"], majority, quorumPercent: 50 });
    expect(tally(block("SIMPLE"), { a: 5, b: 2, c: 1, ABSTAIN: 2 }, 10)).toMatchObject({ winner: "a", for: 5, against: 3, passed: true });
    expect(tally(block("SIMPLE"), { a: 4, b: 3, c: 2 }, 10)).toMatchObject({ winner: null, passed: false });
    expect(tally(block("SIMPLE"), { a: 3, b: 3, c: 1 }, 10)).toMatchObject({ winner: null });
    expect(tally(block("TWO_THIRDS"), { a: 6, b: 3 }, 10)).toMatchObject({ winner: "a" });
    expect(tally(block("TWO_THIRDS"), { a: 5, b: 3 }, 10)).toMatchObject({ winner: null });
  });
});

describe.each(backends)("conference day on %s", (backend) => {
  let db: TestDb;
  let p: Plenary;
  const emitted: { room: string; event: string; payload: any }[] = [];
  const meta = { ip: "203.0.113.9", realtime: { emit: (room: string, event: string, payload: unknown) => void emitted.push({ room, event, payload }) } };
  const code = async (memberId: string) =>
    (await db.prisma.$queryRaw<{ c: string }[]>`SELECT "checkInCode" AS c FROM "DelegationMember" WHERE id = ${memberId}`)[0]!.c;
  const ballots = async (voteId: string) => (await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Ballot" WHERE "voteId" = ${voteId}`)[0]!.n;
  const present = (i: number) => checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[i]!.members[0] }, meta);
  const question = (extra: object = {}) => openVote(db.prisma, p.committee, p.conferenceId, { subject: "QUESTION", question: "هل توافق الهيئة العامة؟", ...extra }, meta);
  const cast = (who: Actor, voteId: string, option: string) => castBallot(db.prisma, who, voteId, { option }, meta);
  const d = (i: number, j = 0) => p.forces[i]!.delegates[j]!;

  beforeAll(async () => {
    db = await freshDb(backend);
    p = await plenary(db.prisma, 6);
  });
  afterAll(async () => db?.destroy());

  it("check-in by code moves the invitation CONFIRMED → ATTENDED through the pipeline; a second scan changes nothing", async () => {
    expect(await issueCheckInCodes(db.prisma, p.organizer, p.conferenceId, meta)).toBe(18);
    expect(await issueCheckInCodes(db.prisma, p.organizer, p.conferenceId, meta)).toBe(0);
    const c = await code(p.forces[0]!.members[0]);
    expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const typed = `${c.slice(0, 5).toLowerCase()}-${c.slice(5)}`;
    const first = await checkIn(db.prisma, p.organizer, p.conferenceId, { code: typed }, meta);
    expect(first).toMatchObject({ memberId: p.forces[0]!.members[0], already: false, invitationStatus: "ATTENDED" });
    const inv = await db.prisma.invitation.findUniqueOrThrow({ where: { id: p.forces[0]!.invitationId }, include: { events: true } });
    expect(inv).toMatchObject({ status: "ATTENDED", version: 5 });
    expect(inv.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([["CONFIRMED", "ATTENDED"]]);
    const again = await checkIn(db.prisma, p.organizer, p.conferenceId, { code: c }, meta);
    expect(again).toMatchObject({ already: true, checkedInAt: first.checkedInAt, invitationStatus: "ATTENDED" });
    // A second member of an attended delegation: the invitation stays where it is.
    await checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[0]!.members[1] }, meta);
    expect((await db.prisma.invitation.findUniqueOrThrow({ where: { id: p.forces[0]!.invitationId } })).version).toBe(5);
    const audit = await db.prisma.auditEvent.findMany({ where: { action: { startsWith: "attendance." }, conferenceId: p.conferenceId } });
    expect(audit.map((a) => a.action).sort()).toEqual(["attendance.checkin", "attendance.checkin", "attendance.codes"]);
    expect(JSON.stringify(audit.map((a) => a.data))).not.toContain(c);
    expect(emitted.some((e) => e.event === "attendance.changed" && e.room.endsWith(":staff"))).toBe(true);
    expect(normalizeCode("ab-cd o1l")).toBe("ABCD011");
  });

  it("check-in refuses the wrong roles, bad input, unknown codes and unconfirmed delegations, changing nothing", async () => {
    const before = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Attendance"`;
    for (const who of [p.committee, p.observer, d(1), p.outsider]) await refused(checkIn(db.prisma, who, p.conferenceId, { memberId: p.forces[1]!.members[0] }, meta), "forbidden");
    await refused(undoCheckIn(db.prisma, p.committee, p.conferenceId, { memberId: p.forces[0]!.members[1] }, meta), "forbidden");
    await refused(issueCheckInCodes(db.prisma, p.committee, p.conferenceId), "forbidden");
    await refused(checkIn(db.prisma, p.organizer, p.conferenceId, {}, meta), "bad_request");
    await refused(checkIn(db.prisma, p.organizer, p.conferenceId, { code: "ABCDEFGHJK", memberId: "x" } as never, meta), "bad_request");
    await refused(checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[1]!.members[0], extra: 1 } as never, meta), "bad_request");
    await refused(checkIn(db.prisma, p.organizer, p.conferenceId, { code: "ZZZZZ-ZZZZZ" }, meta), "not_found", "unknown_member");
    await refused(checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.unconfirmed.memberId }, meta), "conflict", "not_confirmed");
    // A named delegate cannot stand in for another; a substitute can, for a named one of the same delegation.
    await refused(checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[1]!.members[1], substituteFor: p.forces[1]!.members[0] }, meta), "bad_request", "bad_substitute");
    await refused(checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[1]!.members[2], substituteFor: p.forces[2]!.members[0] }, meta), "bad_request", "bad_substitute");
    const after = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Attendance"`;
    expect(after).toEqual(before);
    expect((await db.prisma.invitation.findUniqueOrThrow({ where: { id: p.forces[1]!.invitationId } })).status).toBe("CONFIRMED");
  });

  it("undo takes the member out; the invitation stays ATTENDED (final in the graph)", async () => {
    await undoCheckIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[0]!.members[1] }, meta);
    await refused(undoCheckIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[0]!.members[1] }, meta), "not_found", "not_checked_in");
    expect((await db.prisma.invitation.findUniqueOrThrow({ where: { id: p.forces[0]!.invitationId } })).status).toBe("ATTENDED");
  });

  it("the board counts forces and members expected and present, by kind and region; the roster is the organizers'", async () => {
    const board = await attendanceBoard(db.prisma, p.committee, p.conferenceId);
    expect(board.forces).toEqual({ expected: 6, present: 1 });
    expect(board.members).toEqual({ expected: 18, present: 1 });
    expect(board.byKind.PARTY).toEqual({ expected: 2, present: 1 });
    expect(board.byRegion.NORTH_EAST_SYRIA).toEqual({ expected: 2, present: 1 });
    expect(board.roster).toBeNull();
    const mine = await attendanceBoard(db.prisma, p.organizer, p.conferenceId);
    expect(mine.roster).toHaveLength(18);
    expect(mine.roster!.find((r) => r.memberId === p.forces[0]!.members[0])!.checkedInAt).not.toBeNull();
    await refused(attendanceBoard(db.prisma, d(0), p.conferenceId), "forbidden");
  });

  it("a force votes once even from two devices at the same time: the first ballot stands, the other hears already_voted", async () => {
    for (const i of [1, 2, 3]) await present(i);
    const vote = await question();
    const results = await Promise.allSettled([cast(d(1, 0), vote.id, "YES"), cast(d(1, 1), vote.id, "NO")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(DomainError);
    expect(lost.reason.details.reason).toBe("already_voted");
    expect(await ballots(vote.id)).toBe(1);
    // And again from the same device, later.
    await refused(cast(d(1, 0), vote.id, "ABSTAIN"), "conflict", "already_voted");
    expect(await ballots(vote.id)).toBe(1);
    // Many forces at once, each twice: each counted exactly once.
    const all = await Promise.allSettled([0, 2, 3].flatMap((i) => [cast(d(i, 0), vote.id, "YES"), cast(d(i, 1), vote.id, "YES")]));
    expect(all.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await ballots(vote.id)).toBe(4);
    await closeVote(db.prisma, p.organizer, vote.id, {}, meta);
  });

  it("an absent force is refused; a ballot after closing is refused with the time it closed", async () => {
    const vote = await question();
    await refused(cast(d(4), vote.id, "YES"), "conflict", "force_absent");
    await cast(d(1), vote.id, "YES");
    const closed = await closeVote(db.prisma, p.committee, vote.id, { version: vote.version }, meta);
    expect(closed.state).toBe("CLOSED");
    const err = await refused(cast(d(2), vote.id, "NO"), "conflict", "vote_closed");
    expect(err.details?.closedAt).toBe(closed.closedAt);
    expect(err.message).toContain(closed.closedAt!);
    expect(await ballots(vote.id)).toBe(1);
    await refused(closeVote(db.prisma, p.committee, vote.id, {}, meta), "conflict", "wrong_state");
    await refused(publishVote(db.prisma, p.committee, vote.id, { version: vote.version }, meta), "stale_version");
  });

  it("results: hidden from delegates and observers until published, then shown to all; quorum from the forces present at closing", async () => {
    const vote = await question({ majority: "TWO_THIRDS", quorumPercent: 75 });
    // Present: forces 0–3 (4); two thirds of yes+no with abstentions aside.
    await cast(d(0), vote.id, "YES");
    await cast(d(1), vote.id, "YES");
    await cast(d(2), vote.id, "NO");
    const open = await getVote(db.prisma, d(3), vote.id);
    expect(open).toMatchObject({ state: "OPEN", cast: 3, results: null, own: { present: true, voted: false, mayCast: true } });
    expect((await getVote(db.prisma, p.observer, vote.id)).results).toBeNull();
    expect((await getVote(db.prisma, p.committee, vote.id)).results).toMatchObject({ counts: { YES: 2, NO: 1, ABSTAIN: 0 }, present: 4, quorumNeeded: 3, quorumMet: true, passed: true });
    await cast(d(3), vote.id, "ABSTAIN");
    // Force 5 comes in after the last ballot, before closing: the quorum's base is the hall at closing.
    await present(5);
    await closeVote(db.prisma, p.committee, vote.id, {}, meta);
    await undoCheckIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[5]!.members[0] }, meta);
    expect((await getVote(db.prisma, d(0), vote.id)).results).toBeNull();
    emitted.length = 0;
    const published = await publishVote(db.prisma, p.organizer, vote.id, {}, meta);
    expect(published.results).toMatchObject({ counts: { YES: 2, NO: 1, ABSTAIN: 1 }, present: 5, quorumNeeded: 4, quorumMet: true, for: 2, against: 1, passed: true });
    const seen = await getVote(db.prisma, d(0), vote.id);
    expect(seen.results).toEqual(published.results);
    expect(seen.own).toMatchObject({ voted: true, option: "YES", mayCast: false });
    expect(seen.ballots!.map((b) => b.option).sort()).toEqual(["ABSTAIN", "NO", "YES", "YES"]);
    const toAll = emitted.find((e) => e.room.endsWith(":all") && e.event === "vote.changed")!;
    expect(toAll.payload).toMatchObject({ state: "PUBLISHED", results: { counts: { YES: 2 } } });
  });

  it("live: until publication, only the staff room hears how many ballots were cast, and never the options", async () => {
    emitted.length = 0;
    const vote = await question();
    // Ballots arriving together are announced once, with the count after the last of them.
    await Promise.all([cast(d(0), vote.id, "NO"), cast(d(1), vote.id, "YES")]);
    await cast(d(2), vote.id, "YES");
    await new Promise((r) => setTimeout(r, 200));
    const events = emitted.filter((e) => e.event === "vote.changed" && e.payload.voteId === vote.id);
    const staff = events.filter((e) => e.room.endsWith(":staff")).map((e) => e.payload.cast);
    expect(staff[0]).toBe(0);
    expect(staff.at(-1)).toBe(3);
    expect(staff.length).toBeLessThanOrEqual(4);
    for (const e of events) expect(e.payload.results).toBeUndefined();
    expect(events.filter((e) => e.room.endsWith(":all")).every((e) => e.payload.cast === undefined)).toBe(true);
    await closeVote(db.prisma, p.committee, vote.id, {}, meta);
  });

  it("a block passes at most one amendment: the one with most votes meeting the rule", async () => {
    const [a, b, c] = p.amendments;
    const vote = await openVote(db.prisma, p.organizer, p.conferenceId, { subject: "AMENDMENT_BLOCK", amendmentIds: [a!, b!, c!] }, meta);
    expect(vote.options).toEqual([a, b, c, "ABSTAIN"]);
    await refused(cast(d(0), vote.id, "YES"), "bad_request", "unknown_option");
    await cast(d(0), vote.id, a!);
    await cast(d(1), vote.id, a!);
    await cast(d(2), vote.id, a!);
    await cast(d(3), vote.id, b!);
    await closeVote(db.prisma, p.committee, vote.id, {}, meta);
    const res = (await publishVote(db.prisma, p.committee, vote.id, {}, meta)).results!;
    expect(res).toMatchObject({ winner: a, passed: true, for: 3, against: 1 });
    // A tie passes none.
    const tie = await openVote(db.prisma, p.organizer, p.conferenceId, { subject: "AMENDMENT_BLOCK", amendmentIds: [a!, b!] }, meta);
    await cast(d(0), tie.id, a!);
    await cast(d(1), tie.id, b!);
    await cast(d(2), tie.id, "ABSTAIN");
    expect((await closeVote(db.prisma, p.committee, tie.id, {}, meta)).results).toMatchObject({ winner: null, passed: false });
  });

  it("a secret vote never shows which force voted what, not even to the chair or in the audit trail", async () => {
    const vote = await openVote(db.prisma, p.committee, p.conferenceId, { subject: "AMENDMENT", amendmentIds: [p.amendments[0]!], secret: true }, meta);
    await cast(d(0), vote.id, "YES");
    await cast(d(1), vote.id, "NO");
    await closeVote(db.prisma, p.committee, vote.id, {}, meta);
    const published = await publishVote(db.prisma, p.committee, vote.id, {}, meta);
    expect(published.results!.counts).toEqual({ YES: 1, NO: 1, ABSTAIN: 0 });
    // Everyone but force 1's own delegates: nothing in the answer names force 1.
    for (const who of [p.organizer, p.committee, p.observer, d(0), d(2)]) {
      const v = await getVote(db.prisma, who, vote.id);
      expect(v.ballots).toBeNull();
      expect(JSON.stringify(v)).not.toContain(p.forces[1]!.forceId);
    }
    expect((await getVote(db.prisma, d(0), vote.id)).own).toMatchObject({ voted: true, option: null });
    const trail = await db.prisma.auditEvent.findMany({ where: { subjectId: vote.id, action: "vote.ballot" } });
    expect(trail).toHaveLength(2);
    expect(trail.every((t) => JSON.stringify(t.data) === JSON.stringify({ secret: true }))).toBe(true);
  });

  it("wrong roles: only the chair opens, closes and publishes; only a force's delegate casts; outsiders see nothing", async () => {
    for (const who of [d(0), p.observer, p.outsider]) await refused(openVote(db.prisma, who, p.conferenceId, { subject: "QUESTION", question: "؟" }, meta), "forbidden");
    const vote = await question();
    for (const who of [d(0), p.observer, p.outsider]) {
      await refused(closeVote(db.prisma, who, vote.id, {}, meta), who === p.outsider ? "not_found" : "forbidden");
    }
    for (const who of [p.organizer, p.committee, p.observer]) await refused(cast(who, vote.id, "YES"), "forbidden");
    await refused(cast(p.outsider, vote.id, "YES"), "not_found");
    await refused(getVote(db.prisma, p.outsider, vote.id), "not_found");
    await refused(listVotes(db.prisma, p.outsider, p.conferenceId), "forbidden");
    expect(await ballots(vote.id)).toBe(0);
    await closeVote(db.prisma, p.committee, vote.id, {}, meta);
    await refused(publishVote(db.prisma, d(0), vote.id, {}, meta), "forbidden");
    expect((await getVote(db.prisma, p.committee, vote.id)).state).toBe("CLOSED");
  });

  it("bad input is a 400 and opens nothing", async () => {
    const count = async () => (await listVotes(db.prisma, p.organizer, p.conferenceId)).length;
    const before = await count();
    const open = (input: object) => openVote(db.prisma, p.organizer, p.conferenceId, input as never, meta);
    await refused(open({ subject: "AMENDMENT" }), "bad_request");
    await refused(open({ subject: "AMENDMENT", amendmentIds: p.amendments.slice(0, 2) }), "bad_request");
    await refused(open({ subject: "AMENDMENT_BLOCK", amendmentIds: [p.amendments[0], p.amendments[0]] }), "bad_request");
    await refused(open({ subject: "QUESTION" }), "bad_request");
    await refused(open({ subject: "QUESTION", question: "؟", quorumPercent: 101 }), "bad_request");
    await refused(open({ subject: "QUESTION", question: "؟", majority: "UNANIMOUS" }), "bad_request");
    await refused(open({ subject: "PAPER" }), "bad_request");
    await refused(open({ subject: "PAPER", paperId: "nope" }), "bad_request");
    await refused(open({ subject: "AMENDMENT", amendmentIds: ["nope"] }), "bad_request", "unknown_amendment");
    await refused(open({ subject: "AMENDMENT", amendmentIds: [p.draft] }), "conflict", "amendment_not_votable");
    await refused(open({ subject: "MOTION", question: "؟" }), "bad_request");
    expect(await count()).toBe(before);
    const paperVote = await open({ subject: "PAPER", paperId: p.paperId });
    await refused(cast(d(0), paperVote.id, ""), "bad_request");
    await refused(cast(d(0), paperVote.id, "MAYBE"), "bad_request", "unknown_option");
    expect(await ballots(paperVote.id)).toBe(0);
    await closeVote(db.prisma, p.committee, paperVote.id, {}, meta);
  });

  it("voting by voting delegate: only the designated account, checked in (or its substitute's), casts the force's ballot", async () => {
    await setVotingMode(db.prisma, p.organizer, p.conferenceId, { votingMode: "VOTING_DELEGATE" }, meta);
    await refused(setVotingMode(db.prisma, p.committee, p.conferenceId, { votingMode: "ANY_PRESENT_DELEGATE" }, meta), "forbidden");
    const f = p.forces[4]!;
    await refused(designateVotingDelegate(db.prisma, p.organizer, p.conferenceId, { memberId: f.members[0], userId: d(0).id }, meta), "bad_request", "not_force_delegate");
    await designateVotingDelegate(db.prisma, p.organizer, p.conferenceId, { memberId: f.members[0], userId: f.delegates[1].id }, meta);
    // The substitute, with the second account, stands in for the voting delegate.
    await designateVotingDelegate(db.prisma, p.organizer, p.conferenceId, { memberId: f.members[0], userId: f.delegates[1].id }, meta);
    await checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: f.members[1] }, meta);
    const vote = await question();
    await refused(cast(f.delegates[0], vote.id, "YES"), "forbidden", "not_voting_delegate");
    await refused(cast(f.delegates[1], vote.id, "YES"), "forbidden", "not_voting_delegate");
    await checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: f.members[0] }, meta);
    expect((await getVote(db.prisma, f.delegates[0], vote.id)).own?.mayCast).toBe(false);
    expect((await getVote(db.prisma, f.delegates[1], vote.id)).own?.mayCast).toBe(true);
    await cast(f.delegates[1], vote.id, "YES");
    expect(await ballots(vote.id)).toBe(1);
    await closeVote(db.prisma, p.committee, vote.id, {}, meta);
    await setVotingMode(db.prisma, p.organizer, p.conferenceId, { votingMode: "ANY_PRESENT_DELEGATE" }, meta);
  });

  it("every write is in the audit trail, which still verifies", async () => {
    const actions = (await db.prisma.auditEvent.findMany({ where: { conferenceId: p.conferenceId }, select: { action: true } })).map((a) => a.action);
    for (const a of ["vote.open", "vote.ballot", "vote.close", "vote.publish", "attendance.checkin", "attendance.undo", "attendance.votingDelegate", "attendance.votingMode", "invitation.status"]) expect(actions).toContain(a);
    const { verifyAuditChain } = await import("~/domain/audit.server");
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
  });
});
