// The rest of the conference day (issue 20, ADR 0058) on PGlite and PostgreSQL: a vote's record as CSV
// (named: each force's choice, who and when; secret: the tally only; BOM; no formula cells), naming a
// force's voting delegate and the voting mode (wrong roles, bad input, audit), each member's own check-in
// code on the invitation page, and the code's mail with its QR, queued once and delivered through SMTP.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { plenary, type Plenary } from "../helpers/plenary.js";
import { startSmtpSink } from "../helpers/smtp-sink.js";
import { startMailWorker } from "../../server/mail/worker.js";
import { smtpTransport } from "../../server/mail/transport.js";
import { DomainError } from "~/domain/errors";
import { checkIn, designateVotingDelegateOf, getVotingMode, issueCheckInCodes, setVotingMode } from "~/domain/conference-day/attendance.server";
import { castBallot, closeVote, openVote, publishVote } from "~/domain/conference-day/votes.server";
import { voteRecord, voteRecordCsv, voteRecordFile } from "~/domain/conference-day/vote-record.server";
import { addressIn, delegationDayOf } from "~/domain/conference-day/delegate-codes.server";
import { transitionInvitation, updateDelegationMember } from "~/domain/invitations.server";
import type { MailContext } from "~/domain/mail/outbox.server";
import type { Actor } from "~/policy";

async function refused(p: Promise<unknown>, code: string, reason?: string) {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err, `expected ${code}${reason ? `/${reason}` : ""}`).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe(code);
  if (reason) expect((err as DomainError).details?.reason).toBe(reason);
}

describe.each(backends)("votes UI and check-in codes on %s", (backend) => {
  let db: TestDb;
  let p: Plenary;
  const mail: MailContext = { appUrl: "https://tawafuq.test", linkKey: randomBytes(32) };
  const meta = { ip: "203.0.113.7", mail };
  const d = (i: number, j = 0) => p.forces[i]!.delegates[j]!;
  const emailOf = async (a: Actor) => (await db.prisma.user.findUniqueOrThrow({ where: { id: a.id } })).email;

  beforeAll(async () => {
    db = await freshDb(backend);
    p = await plenary(db.prisma, 4);
    // A force whose name a spreadsheet would run as a formula.
    await db.prisma.force.update({ where: { id: p.forces[1]!.forceId }, data: { nameAr: "=HYPERLINK(\"http://x\")" } });
    for (const i of [0, 1, 2]) await checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[i]!.members[0] });
  });
  afterAll(async () => db?.destroy());

  async function decidedVote(secret: boolean, publish = true) {
    const v = await openVote(db.prisma, p.committee, p.conferenceId, { subject: "QUESTION", question: "هل تُقرّ الورقة؟", secret });
    await castBallot(db.prisma, d(0), v.id, { option: "YES" });
    await castBallot(db.prisma, d(1, 1), v.id, { option: "NO" });
    await castBallot(db.prisma, d(2), v.id, { option: "YES" });
    await closeVote(db.prisma, p.committee, v.id);
    if (publish) await publishVote(db.prisma, p.committee, v.id);
    return v.id;
  }

  it("a named vote's record: each force's choice, who cast it and when, the tally, quorum and result; BOM, no formula cells", async () => {
    const id = await decidedVote(false);
    const record = await voteRecord(db.prisma, d(3), id);
    expect(record.ballots).toHaveLength(3);
    const csv = voteRecordCsv(record, "ar");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("هل تُقرّ الورقة؟");
    expect(csv).toContain("القوة 1,نعم,d0a,");
    expect(csv).toContain("القوة 3,نعم,d2a,");
    // The formula-looking force name is made inert; the choice and who cast it are there.
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")",لا,d1b,`);
    expect(csv).not.toMatch(/(^|\n|,)=HYPERLINK/);
    expect(csv).toContain("أُقرّ");
    expect(csv).toMatch(/القوى الحاضرة,3/);
    const en = voteRecordCsv(record, "en");
    expect(en).toContain("Quorum met,Yes");
    expect(en).toContain("Force,Its vote,Cast by,Cast at");
    // The file records its export.
    await voteRecordFile(db.prisma, p.observer, id, "ku", meta);
    expect(await db.prisma.auditEvent.count({ where: { action: "export.vote", actorId: p.observer.id } })).toBe(1);
  });

  it("a secret vote's record is its tally only: no force, no account, nobody's choice", async () => {
    const id = await decidedVote(true);
    const record = await voteRecord(db.prisma, p.committee, id);
    expect(record.ballots).toBeNull();
    const csv = voteRecordCsv(record, "ar");
    for (const leak of ["القوة 1", "HYPERLINK", "d0a", "d1b", "d2a", p.forces[0]!.forceId]) expect(csv).not.toContain(leak);
    expect(csv).toMatch(/نعم,2/);
    expect(csv).toMatch(/لا,1/);
  });

  it("before publication only the chair exports; another conference's member finds no vote", async () => {
    const id = await decidedVote(false, false);
    expect((await voteRecord(db.prisma, p.organizer, id)).ballots).toHaveLength(3);
    for (const who of [d(0), p.observer]) await refused(voteRecord(db.prisma, who, id), "forbidden", "not_published");
    await refused(voteRecord(db.prisma, p.outsider, id), "not_found");
    await refused(voteRecord(db.prisma, p.organizer, "no-such-vote"), "not_found");
  });

  it("organizers name a force's voting delegate with a delegate account; wrong roles and bad input change nothing", async () => {
    const f = p.forces[0]!;
    const named = () => db.prisma.delegationMember.findMany({ where: { invitationId: f.invitationId, isVotingDelegate: true }, select: { id: true, userId: true } });
    for (const who of [p.committee, p.observer, d(0), p.outsider]) await refused(designateVotingDelegateOf(db.prisma, who, f.invitationId, { memberId: f.members[1], userId: null }, meta), who === p.outsider ? "not_found" : "forbidden");
    await refused(designateVotingDelegateOf(db.prisma, p.organizer, f.invitationId, { memberId: f.members[1], userId: d(1).id }, meta), "bad_request", "not_force_delegate");
    // A member of another invitation is not this one's.
    await refused(designateVotingDelegateOf(db.prisma, p.organizer, f.invitationId, { memberId: p.forces[1]!.members[0], userId: null }, meta), "not_found");
    await refused(designateVotingDelegateOf(db.prisma, p.organizer, f.invitationId, { memberId: "", userId: null } as never, meta), "bad_request");
    expect(await named()).toEqual([]);

    expect(await designateVotingDelegateOf(db.prisma, p.organizer, f.invitationId, { memberId: f.members[1], userId: d(0, 1).id }, meta)).toEqual({ memberId: f.members[1], userId: d(0, 1).id });
    expect(await named()).toEqual([{ id: f.members[1], userId: d(0, 1).id }]);
    await designateVotingDelegateOf(db.prisma, p.organizer, f.invitationId, { memberId: f.members[0], userId: d(0).id }, meta);
    expect((await named()).map((m) => m.id)).toEqual([f.members[0]]);
    expect(await db.prisma.auditEvent.count({ where: { action: "attendance.votingDelegate", conferenceId: p.conferenceId } })).toBe(2);

    const day = await delegationDayOf(db.prisma, { ...p.organizer, email: "organizer@example.org" }, { id: f.invitationId, conferenceId: p.conferenceId, forceId: f.forceId, status: "ATTENDED" });
    expect(day).toMatchObject({ votingDelegateId: f.members[0], votingDelegateUserId: d(0).id, canDesignate: true });
    expect(day.accounts.map((a) => a.id).sort()).toEqual([d(0).id, d(0, 1).id].sort());
    const asDelegate = await delegationDayOf(db.prisma, { ...d(0), email: await emailOf(d(0)) }, { id: f.invitationId, conferenceId: p.conferenceId, forceId: f.forceId, status: "ATTENDED" });
    expect(asDelegate).toMatchObject({ canDesignate: false, accounts: [] });
  });

  it("the voting mode: every member reads it, organizers set it, others and bad input are refused", async () => {
    expect(await getVotingMode(db.prisma, d(2), p.conferenceId)).toEqual({ votingMode: "ANY_PRESENT_DELEGATE" });
    await refused(getVotingMode(db.prisma, p.outsider, p.conferenceId), "forbidden");
    for (const who of [p.committee, d(0), p.observer]) await refused(setVotingMode(db.prisma, who, p.conferenceId, { votingMode: "VOTING_DELEGATE" }, meta), "forbidden");
    await refused(setVotingMode(db.prisma, p.organizer, p.conferenceId, { votingMode: "EVERYONE" } as never, meta), "bad_request");
    expect(await setVotingMode(db.prisma, p.organizer, p.conferenceId, { votingMode: "VOTING_DELEGATE" }, meta)).toEqual({ votingMode: "VOTING_DELEGATE" });
    expect((await getVotingMode(db.prisma, d(2), p.conferenceId)).votingMode).toBe("VOTING_DELEGATE");
    await setVotingMode(db.prisma, p.organizer, p.conferenceId, { votingMode: "ANY_PRESENT_DELEGATE" }, meta);
  });

  it("confirming a delegation issues its codes and mails each member with an address once, the QR inline; the member sees their own code", async () => {
    const { invitationId, memberId } = p.unconfirmed;
    const late = await db.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    const lateDelegate = { id: (await db.prisma.user.create({ data: { email: `late-${late.id}@example.org`, name: "late", locale: "en" } })).id, memberships: [{ conferenceId: p.conferenceId, role: "DELEGATE" as const, forceId: late.forceId }] };
    await db.prisma.membership.create({ data: { userId: lateDelegate.id, conferenceId: p.conferenceId, role: "DELEGATE", forceId: late.forceId } });
    await db.prisma.delegationMember.update({ where: { id: memberId }, data: { contact: `+963 944 000 000، LATE-${late.id}@Example.org` } });
    const other = await db.prisma.delegationMember.create({ data: { invitationId, name: "عضو بلا بريد", contact: "+963 933 000 000" } });
    expect(addressIn(`+963 944, LATE-${late.id}@Example.org`)).toBe(`late-${late.id}@example.org`);

    // Before confirmation nobody has a code, and the page shows none.
    const page = async (who: Actor & { email: string }) => delegationDayOf(db.prisma, who, { id: invitationId, conferenceId: p.conferenceId, forceId: late.forceId, status: (await db.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } })).status });
    expect((await page({ ...lateDelegate, email: `late-${late.id}@example.org` })).ownCodes).toEqual([]);

    await transitionInvitation(db.prisma, p.organizer, invitationId, { to: "CONFIRMED", version: late.version }, meta);
    const members = await db.prisma.delegationMember.findMany({ where: { invitationId } });
    expect(members.every((m) => m.checkInCode)).toBe(true);
    const mails = await db.prisma.outboxMail.findMany({ where: { kind: "checkin.code", conferenceId: p.conferenceId } });
    expect(mails).toHaveLength(1);
    const m = mails[0]!;
    const code = members.find((x) => x.id === memberId)!.checkInCode!;
    const printed = `${code.slice(0, 5)}-${code.slice(5)}`;
    expect(m).toMatchObject({ toAddress: `late-${late.id}@example.org`, toName: "مندوب متأخر", locale: "ar", dedupeKey: `checkin-code:${memberId}:${code}`, subjectType: "DelegationMember", subjectId: memberId });
    expect(m.text).toContain(printed);
    expect(m.text).toContain("قوة لم تؤكد");
    expect(m.html).toContain('src="cid:checkin-qr@tawafuq"');
    expect(m.html).toContain('dir="rtl"');
    const [png] = m.attachments as { contentType: string; encoding: string; cid: string; content: string }[];
    expect(png).toMatchObject({ contentType: "image/png", encoding: "base64", cid: "checkin-qr@tawafuq" });
    expect(Buffer.from(png!.content, "base64").subarray(1, 4).toString()).toBe("PNG");

    // Issuing again, or editing the delegation, mails nobody twice; the member without an address gets none.
    // (The plenary's other delegations were confirmed without codes: they get theirs, and have no address.)
    expect(await issueCheckInCodes(db.prisma, p.organizer, p.conferenceId, meta)).toBe(12);
    expect(await db.prisma.outboxMail.count({ where: { kind: "checkin.code", conferenceId: p.conferenceId } })).toBe(1);
    const inv = await db.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    await updateDelegationMember(db.prisma, p.organizer, invitationId, other.id, { version: inv.version, name: "عضو صار له بريد", contact: "member.two@example.org" }, meta);
    const after = await db.prisma.outboxMail.findMany({ where: { kind: "checkin.code", conferenceId: p.conferenceId }, orderBy: { createdAt: "asc" } });
    expect(after.map((x) => x.toAddress)).toEqual([`late-${late.id}@example.org`, "member.two@example.org"]);
    await issueCheckInCodes(db.prisma, p.organizer, p.conferenceId, meta);
    expect(await db.prisma.outboxMail.count({ where: { kind: "checkin.code", conferenceId: p.conferenceId } })).toBe(2);

    // The member whose address is theirs sees their own code and its QR; another delegate of the force does not.
    const own = (await page({ ...lateDelegate, email: `late-${late.id}@example.org` })).ownCodes;
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ memberId, code: printed });
    expect(own[0]!.qr).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await page({ ...d(0), email: await emailOf(d(0)) })).ownCodes).toEqual([]);

    // Delivered through a real SMTP server: the code in the text, the QR as an inline PNG named by its cid.
    const smtp = await startSmtpSink();
    try {
      await db.prisma.outboxMail.updateMany({ where: { state: "QUEUED", NOT: { id: m.id } }, data: { state: "KEPT" } });
      const worker = startMailWorker({ sql: db.sql, mail, transport: smtpTransport(smtp.url(), "Tawafuq <no-reply@tawafuq.test>"), log: pino({ level: "silent" }), pollMs: 60_000, autoStart: false });
      try {
        expect(await worker.runOnce()).toMatchObject({ sent: 1 });
      } finally {
        await worker.stop();
      }
      const got = await smtp.parse(smtp.received[0]!);
      expect(got.text).toContain(printed);
      // mailparser puts an inline image named by a cid the HTML uses into the HTML as a data: URL.
      expect(got.html).toMatch(/<img src="data:image\/png;base64,[^"]+" width="240"/);
      expect(got.attachments).toHaveLength(1);
      expect(got.attachments[0]).toMatchObject({ contentType: "image/png", cid: "checkin-qr@tawafuq", related: true });
      expect(got.attachments[0]!.content.subarray(1, 4).toString()).toBe("PNG");
    } finally {
      await smtp.close();
    }
  });
});
