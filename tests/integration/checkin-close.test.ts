// Closing check-in on PGlite and PostgreSQL (issue 20, ADR 0068): every confirmed invitation nobody was
// checked in for moves to NO_SHOW through the pipeline's own command (version, history, audit), one with
// a member checked in to ATTENDED; later check-ins are refused; closing twice or at once moves each
// invitation once; an organizer reopens; the wrong roles change nothing.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { plenary, type Plenary } from "../helpers/plenary.js";
import { attendanceBoard, checkIn, closeCheckIn, reopenCheckIn } from "~/domain/conference-day/attendance.server";

describe.each(backends)("closing check-in on %s", (backend) => {
  let db: TestDb;
  let p: Plenary;
  const emitted: { room: string; event: string; payload: any }[] = [];
  const meta = { ip: "203.0.113.9", realtime: { emit: (room: string, event: string, payload: unknown) => void emitted.push({ room, event, payload }) } };
  const status = async (id: string) => (await db.prisma.invitation.findUniqueOrThrow({ where: { id } })).status;

  beforeAll(async () => {
    db = await freshDb(backend);
    p = await plenary(db.prisma, 4);
  });
  afterAll(async () => db?.destroy());

  it("refuses every role but organizers, changing nothing", async () => {
    for (const actor of [p.committee, p.observer, p.forces[0]!.delegates[0]!, p.outsider]) {
      await expect(closeCheckIn(db.prisma, actor, p.conferenceId, meta)).rejects.toMatchObject({ code: "forbidden" });
      await expect(reopenCheckIn(db.prisma, actor, p.conferenceId, meta)).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await db.prisma.conference.findUniqueOrThrow({ where: { id: p.conferenceId } })).checkInClosedAt).toBeNull();
    expect(await db.prisma.invitation.count({ where: { conferenceId: p.conferenceId, status: "NO_SHOW" } })).toBe(0);
  });

  it("moves the confirmed invitations nobody came for to NO_SHOW through the pipeline, once, even closed twice at once", async () => {
    await checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[0]!.members[0] }, meta);
    expect(await status(p.forces[0]!.invitationId)).toBe("ATTENDED");
    // A check-in whose own move to ATTENDED was lost (a crash between): the attendance row only.
    await db.prisma.attendance.create({ data: { invitationId: p.forces[1]!.invitationId, delegationMemberId: p.forces[1]!.members[0], checkedInById: p.organizer.id } });
    const before = await db.prisma.invitation.findUniqueOrThrow({ where: { id: p.forces[2]!.invitationId } });
    const [a, b] = await Promise.all([closeCheckIn(db.prisma, p.organizer, p.conferenceId, meta), closeCheckIn(db.prisma, p.organizer, p.conferenceId, meta)]);
    expect([a.already, b.already].sort()).toEqual([false, true]);
    expect(a.noShow + b.noShow).toBe(2);
    expect(a.attended + b.attended).toBe(1);
    expect(await status(p.forces[0]!.invitationId)).toBe("ATTENDED");
    expect(await status(p.forces[1]!.invitationId)).toBe("ATTENDED");
    expect(await status(p.forces[2]!.invitationId)).toBe("NO_SHOW");
    expect(await status(p.forces[3]!.invitationId)).toBe("NO_SHOW");
    // Not confirmed: untouched.
    expect(await status(p.unconfirmed.invitationId)).toBe("SENT");
    const after = await db.prisma.invitation.findUniqueOrThrow({ where: { id: p.forces[2]!.invitationId } });
    expect(after.version).toBe(before.version + 1);
    const history = await db.prisma.invitationEvent.findMany({ where: { invitationId: p.forces[2]!.invitationId, kind: "STATUS" } });
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([["CONFIRMED", "NO_SHOW"]]);
    expect(await db.prisma.auditEvent.count({ where: { conferenceId: p.conferenceId, action: "attendance.close" } })).toBe(1);
    expect(emitted.filter((e) => e.event === "attendance.checkin" && e.room === `conf:${p.conferenceId}:staff`).length).toBeGreaterThanOrEqual(1);
    // Once more: nothing left to move.
    const again = await closeCheckIn(db.prisma, p.organizer, p.conferenceId, meta);
    expect(again).toMatchObject({ already: true, noShow: 0, attended: 0, closedAt: a.closedAt });
    const board = await attendanceBoard(db.prisma, p.observer, p.conferenceId);
    expect(board.checkIn).toEqual({ closedAt: a.closedAt, noShow: 2 });
    expect(board.forces).toEqual({ expected: 2, present: 2 });
  });

  it("refuses later check-ins with checkin_closed until an organizer reopens; NO_SHOW stays", async () => {
    const late = p.forces[0]!.members[1];
    await expect(checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: late }, meta)).rejects.toMatchObject({ code: "conflict", details: { reason: "checkin_closed" } });
    expect(await db.prisma.attendance.count({ where: { delegationMemberId: late } })).toBe(0);
    expect(await reopenCheckIn(db.prisma, p.organizer, p.conferenceId, meta)).toEqual({ reopened: true });
    expect(await reopenCheckIn(db.prisma, p.organizer, p.conferenceId, meta)).toEqual({ reopened: false });
    expect((await checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: late }, meta)).already).toBe(false);
    // The graph ends at NO_SHOW (ADR 0020): a member of such a delegation is not checked in.
    await expect(checkIn(db.prisma, p.organizer, p.conferenceId, { memberId: p.forces[2]!.members[0] }, meta)).rejects.toMatchObject({ details: { reason: "not_confirmed" } });
    expect((await attendanceBoard(db.prisma, p.organizer, p.conferenceId)).checkIn.closedAt).toBeNull();
    expect(await db.prisma.auditEvent.count({ where: { conferenceId: p.conferenceId, action: "attendance.reopen" } })).toBe(1);
  });
});
