// The check-in desk, badges and attendance board over real HTTP against the built server and the demo
// seed (ADR 0055): a code typed (or wedged in by a scanner) checks a member in once, a second scan says
// "already", an unknown code says so; a substitute in place of a named delegate; undo; badges carry a QR
// SVG per member; the board's figures move; wrong roles, bad input and unknown parameters are refused.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { io as ioClient, type Socket } from "socket.io-client";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { postForm, signInAs } from "../security/helpers.js";
import { backends, createPgDatabase } from "../helpers/db.js";

describe.each(backends)("the check-in desk on %s", (backend) => {
  let app: AppServer;
  let pg: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
  let conferenceId: string;
  const who: Record<string, string> = {};
  const members: Record<"salma" | "khaled" | "sub", string> = { salma: "", khaled: "", sub: "" };
  const prisma = () => app.running.services.prisma;
  const get = async (path: string, cookie: string | null) => {
    const res = await fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    return { status: res.status, html: await res.text(), headers: res.headers };
  };
  const attendance = () => prisma().attendance.count({ where: { invitation: { conferenceId } } });
  const code = async (id: string) => (await prisma().delegationMember.findUniqueOrThrow({ where: { id } })).checkInCode!;
  const presentMembers = async () => Number((await get("/checkin/board", who.observer!)).html.match(/data-testid="board-members" data-present="(\d+)"/)?.[1]);

  beforeAll(async () => {
    if (backend === "postgresql") pg = await createPgDatabase();
    app = await startAppServer(pg ? { DATABASE_URL: pg.url } : {});
    conferenceId = (await prisma().conference.findFirstOrThrow()).id;
    for (const w of ["organizer", "committee", "delegate", "observer"]) who[w] = await signInAs(app.url, `${w}@example.org`);
    const inv = await prisma().invitation.findFirstOrThrow({ where: { conferenceId, force: { nameEn: "Democratic Horizon Party" } } });
    expect(inv.status).toBe("CONFIRMED");
    const add = async (name: string, isSubstitute = false) => (await prisma().delegationMember.create({ data: { invitationId: inv.id, name, isSubstitute } })).id;
    members.salma = await add("سلمى يوسف");
    members.khaled = await add("خالد إبراهيم");
    members.sub = await add("نور البديلة", true);
  });
  afterAll(async () => {
    await app?.stop();
    await pg?.drop();
  });

  it("refuses the wrong roles: anonymous to sign-in, delegates and observers 403 at the desk and the badges", async () => {
    for (const path of ["/checkin", "/checkin/badges", "/checkin/board"]) {
      const anon = await get(path, null);
      expect(anon.status).toBe(302);
      expect(anon.headers.get("location")).toContain("/login");
    }
    for (const w of ["delegate", "observer", "committee"]) {
      expect((await get("/checkin", who[w]!)).status).toBe(403);
      expect((await get("/checkin/badges", who[w]!)).status).toBe(403);
      expect((await postForm(app.url, "/checkin", who[w]!, { intent: "checkin", code: "ABCDE12345" })).status).toBe(403);
      expect((await postForm(app.url, "/checkin/scan", who[w]!, { code: "ABCDE12345" })).status).toBe(403);
    }
    // The board is the staff's: organizers, committee and observers read it, a delegate does not.
    expect((await get("/checkin/board", who.delegate!)).status).toBe(403);
    expect((await get("/checkin/board", who.committee!)).status).toBe(200);
    expect(await attendance()).toBe(0);
  });

  it("prints a badge with a QR SVG per member, issuing missing codes", async () => {
    const page = await get("/checkin/badges", who.organizer!);
    expect(page.status).toBe(200);
    const salma = await code(members.salma);
    expect(salma).toMatch(/^[0-9A-Z]{10}$/);
    const cards = page.html.split('data-testid="badge"').slice(1);
    expect(cards.length).toBeGreaterThanOrEqual(3);
    for (const card of cards) expect(card).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const card = cards.find((c) => c.includes("سلمى يوسف"))!;
    expect(card).toContain(`${salma.slice(0, 5)}-${salma.slice(5)}`);
    // One invitation only.
    const inv = (await prisma().delegationMember.findUniqueOrThrow({ where: { id: members.salma } })).invitationId;
    const one = await get(`/checkin/badges?invitation=${inv}`, who.organizer!);
    // One badge per member of that delegation: the suite's three and the ones the demo names.
    const named = await prisma().delegationMember.count({ where: { invitationId: inv } });
    expect(named).toBeGreaterThanOrEqual(3);
    expect(one.html.split('data-testid="badge"').length - 1).toBe(named);
    expect((await get("/checkin/badges?invitation=nope", who.organizer!)).status).toBe(404);
    expect((await get("/checkin/badges?bogus=1", who.organizer!)).status).toBe(400);
  });

  it("checks a typed code in once; a second scan says already; the board moves; undo takes it back", async () => {
    const salma = await code(members.salma);
    const before = await presentMembers();
    expect(before).toBeGreaterThanOrEqual(0);
    // What the board listens to: an observer in the staff room hears the check-in.
    const board: Socket = ioClient(app.url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie: who.observer! }, reconnection: false, forceNew: true });
    expect(await board.emitWithAck("subscribe", conferenceId)).toMatchObject({ ok: true });
    const heard = new Promise<any>((resolve) => board.on("attendance.changed", (e) => e.memberId === members.salma && resolve(e)));
    const first = await postForm(app.url, "/checkin", who.organizer!, { intent: "checkin", code: `${salma.slice(0, 5).toLowerCase()}-${salma.slice(5)}` });
    expect(first.status).toBe(200);
    expect(first.html).toContain('data-already="false"');
    expect(first.html).toContain("سُجّل حضور سلمى يوسف");
    expect(await heard).toMatchObject({ conferenceId, present: true });
    board.disconnect();
    const again = await postForm(app.url, "/checkin", who.organizer!, { intent: "checkin", code: salma });
    expect(again.status).toBe(200);
    expect(again.html).toContain('data-already="true"');
    expect(again.html).toContain("سلمى يوسف مسجّل الحضور منذ");
    expect(await prisma().attendance.count({ where: { delegationMemberId: members.salma } })).toBe(1);
    expect(await presentMembers()).toBe(before + 1);
    // The script's endpoint answers the same, in JSON: a replayed queue changes nothing either.
    const scan = await fetch(`${app.url}/checkin/scan`, { method: "POST", headers: { cookie: who.organizer! }, body: new URLSearchParams({ code: salma }) });
    expect(scan.status).toBe(200);
    expect(await scan.json()).toMatchObject({ kind: "checkin", name: "سلمى يوسف", already: true });
    expect(await attendance()).toBe(1);

    const undo = await postForm(app.url, "/checkin", who.organizer!, { intent: "undo", memberId: members.salma });
    expect(undo.status).toBe(200);
    expect(undo.html).toContain('data-testid="checkin-undone"');
    expect(await attendance()).toBe(0);
    expect(await presentMembers()).toBe(before);
    expect((await postForm(app.url, "/checkin", who.organizer!, { intent: "undo", memberId: members.salma })).status).toBe(404);
  });

  it("says an unknown code is unknown, and checks a substitute in for a named delegate", async () => {
    const unknown = await postForm(app.url, "/checkin", who.organizer!, { intent: "checkin", code: "ZZZZZ-ZZZZZ" });
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('data-reason="unknown_member"');
    expect(unknown.html).toContain("رمز غير معروف");
    const scan = await fetch(`${app.url}/checkin/scan`, { method: "POST", headers: { cookie: who.organizer! }, body: new URLSearchParams({ code: "ZZZZZZZZZZ" }) });
    expect(scan.status).toBe(404);
    expect(await scan.json()).toMatchObject({ error: { reason: "unknown_member" } });

    const sub = await code(members.sub);
    const wrong = await postForm(app.url, "/checkin", who.organizer!, { intent: "substitute", code: sub, substituteFor: members.sub });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('data-reason="bad_substitute"');
    const page = await get("/checkin", who.organizer!);
    expect(page.html).toContain('data-testid="substitute-form"');
    const ok = await postForm(app.url, "/checkin", who.organizer!, { intent: "substitute", code: sub, substituteFor: members.khaled });
    expect(ok.status).toBe(200);
    expect(ok.html).toContain("سُجّل حضور نور البديلة");
    expect(await prisma().attendance.findUniqueOrThrow({ where: { delegationMemberId: members.sub } })).toMatchObject({ substituteForId: members.khaled });
    await postForm(app.url, "/checkin", who.organizer!, { intent: "undo", memberId: members.sub });
  });

  it("refuses bad input and unknown parameters with a 400, changing nothing", async () => {
    const salma = await code(members.salma);
    const before = await attendance();
    for (const fields of [
      { intent: "checkin", code: "A".repeat(41) },
      { intent: "checkin", code: "" },
      { intent: "checkin", code: `${salma}\u0000` },
      { intent: "nope", code: salma },
    ]) {
      expect((await postForm(app.url, "/checkin", who.organizer!, fields)).status).toBe(400);
    }
    expect(await attendance()).toBe(before);
    for (const path of ["/checkin?x=1", "/checkin/board?x=1", "/checkin/badges?invitation=a&invitation=b"]) expect((await get(path, who.organizer!)).status).toBe(400);
    expect((await get("/checkin/scan", who.organizer!)).status).toBe(404);
  });
});
