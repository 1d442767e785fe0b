// The list of speakers and closing check-in over real HTTP against the built server (demo seed, ADR 0068
// and 0069): a delegate of a present force asks to speak with the no-JS form, the committee over the API;
// the chair starts and ends speeches and closes the list; the projector and the live channel follow; an
// organizer closes check-in from the desk (confirmed) and the API; wrong roles and bad input are refused.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { io as ioClient, type Socket } from "socket.io-client";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { postForm, signInAs } from "../security/helpers.js";

describe("the list of speakers and closing check-in", () => {
  let app: AppServer;
  let conferenceId: string;
  let itemId: string;
  let memberId: string;
  const who: Record<string, string> = {};
  const prisma = () => app.running.services.prisma;
  const get = async (path: string, cookie: string | null) => {
    const res = await fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    return { status: res.status, html: await res.text(), headers: res.headers };
  };
  const call = async (method: string, path: string, cookie: string | null, body?: unknown) => {
    const res = await fetch(`${app.url}${path}`, { method, headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };

  beforeAll(async () => {
    app = await startAppServer();
    conferenceId = (await prisma().conference.findFirstOrThrow()).id;
    for (const w of ["organizer", "committee", "delegate", "observer"]) who[w] = await signInAs(app.url, `${w}@example.org`);
    const session = await prisma().agendaSession.create({ data: { conferenceId, title: "الجلسة العامة", day: new Date("2026-12-10T00:00:00Z"), startsAt: "09:00", position: 0 } });
    itemId = (await prisma().agendaItem.create({ data: { sessionId: session.id, title: "النقاش العام", position: 0, status: "CURRENT" } })).id;
    await prisma().conference.update({ where: { id: conferenceId }, data: { currentAgendaItemId: itemId } });
    // The delegate's force has a confirmed delegation with a member not yet checked in.
    const delegate = await prisma().membership.findFirstOrThrow({ where: { conferenceId, role: "DELEGATE", user: { email: "delegate@example.org" } } });
    const inv = await prisma().invitation.findFirstOrThrow({ where: { conferenceId, forceId: delegate.forceId! } });
    if (inv.status !== "CONFIRMED") await prisma().invitation.update({ where: { id: inv.id }, data: { status: "CONFIRMED" } });
    memberId = (await prisma().delegationMember.create({ data: { invitationId: inv.id, name: "ممثل القوة" } })).id;
  }, 240_000);
  afterAll(async () => app?.stop());

  it("refuses the wrong roles and a delegate whose force is not present, changing nothing", async () => {
    expect((await call("GET", `/api/v1/agenda/items/${itemId}/speakers`, null)).status).toBe(401);
    expect((await postForm(app.url, "/agenda", who.observer!, { intent: "speak", itemId })).status).toBe(403);
    expect((await call("POST", `/api/v1/agenda/items/${itemId}/speakers`, who.observer!)).status).toBe(403);
    const absent = await postForm(app.url, "/agenda", who.delegate!, { intent: "speak", itemId });
    expect(absent.status).toBe(409);
    expect(absent.html).toContain('data-reason="not_present"');
    expect((await call("POST", `/api/v1/agenda/items/${itemId}/speakers/next`, who.delegate!, { speakingId: null })).status).toBe(403);
    expect((await postForm(app.url, "/agenda", who.delegate!, { intent: "closeSpeakers", itemId, closed: "true" })).status).toBe(403);
    expect((await call("POST", `/api/v1/conferences/${conferenceId}/attendance/close`, who.committee!)).status).toBe(403);
    expect((await postForm(app.url, "/checkin", who.delegate!, { intent: "close", confirm: "yes" })).status).toBe(403);
    expect(await prisma().speaker.count()).toBe(0);
  });

  it("a present delegate asks with the form, the committee over the API; the chair runs the list; the projector and the live channel follow", async () => {
    expect((await call("POST", `/api/v1/conferences/${conferenceId}/attendance`, who.organizer!, { memberId })).status).toBe(200);
    const live: Socket = ioClient(app.url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie: who.observer! }, reconnection: false, forceNew: true });
    expect(await live.emitWithAck("subscribe", conferenceId)).toMatchObject({ ok: true });
    const heard = new Promise<any>((resolve) => live.on("speakers.changed", resolve));
    const asked = await postForm(app.url, "/agenda", who.delegate!, { intent: "speak", itemId });
    expect(asked.status).toBe(302);
    expect(await heard).toEqual({ conferenceId, itemId });
    live.disconnect();
    const committee = await call("POST", `/api/v1/agenda/items/${itemId}/speakers`, who.committee!);
    expect(committee.status).toBe(201);
    expect(committee.body).toMatchObject({ state: "WAITING", position: 1, forceId: null });
    const twice = await call("POST", `/api/v1/agenda/items/${itemId}/speakers`, who.committee!);
    expect(twice).toMatchObject({ status: 409, body: { error: { details: { reason: "already_waiting" } } } });

    const page = await get(`/agenda?speakers=${itemId}`, who.delegate!);
    expect(page.status).toBe(200);
    expect(page.html.split('data-testid="speaker"').length - 1).toBe(2);
    expect(page.html).toContain('data-testid="speaker-withdraw"');
    expect(page.html).not.toContain('data-testid="speakers-next"');

    expect((await postForm(app.url, "/agenda", who.committee!, { intent: "nextSpeaker", itemId, speakingId: "" })).status).toBe(302);
    // A second press that saw no speech running skips no one.
    expect((await postForm(app.url, "/agenda", who.committee!, { intent: "nextSpeaker", itemId, speakingId: "" })).status).toBe(409);
    const list = await call("GET", `/api/v1/agenda/items/${itemId}/speakers`, who.observer!);
    expect(list.status).toBe(200);
    expect(list.body.speaking).toMatchObject({ forceName: expect.any(String) });
    expect(list.body.waiting).toHaveLength(1);

    const screen = await get("/projector", who.observer!);
    expect(screen.html).toContain('data-testid="projector-speaking"');
    expect(screen.html).toContain(list.body.speaking.name);
    expect(screen.html).toContain('data-testid="projector-next"');

    const ended = await call("POST", `/api/v1/speakers/${list.body.speaking.id}/end`, who.organizer!);
    expect(ended).toMatchObject({ status: 200, body: { state: "DONE" } });
    const after = await call("GET", `/api/v1/agenda/items/${itemId}/speakers`, who.delegate!);
    expect(after.body.speaking).toBeNull();
    expect(after.body.done[0]).toMatchObject({ id: list.body.speaking.id, startedAt: expect.any(String), endedAt: expect.any(String) });
  });

  it("the chair closes the list; bad input is a 400", async () => {
    expect((await call("PATCH", `/api/v1/agenda/items/${itemId}/speakers`, who.committee!, { closed: "yes" })).status).toBe(400);
    expect((await call("PATCH", `/api/v1/agenda/items/${itemId}/speakers`, who.committee!, { closed: true })).body).toEqual({ itemId, closed: true });
    const closed = await postForm(app.url, "/agenda", who.delegate!, { intent: "speak", itemId });
    expect(closed.status).toBe(409);
    expect(closed.html).toContain('data-reason="list_closed"');
    const waiting = (await call("GET", `/api/v1/agenda/items/${itemId}/speakers`, who.organizer!)).body.waiting[0];
    expect((await call("POST", `/api/v1/speakers/${waiting.id}/move`, who.organizer!, { position: -1 })).status).toBe(400);
    expect((await call("POST", `/api/v1/speakers/${waiting.id}/move`, who.delegate!, { position: 0 })).status).toBe(403);
    expect((await call("DELETE", `/api/v1/speakers/${waiting.id}`, who.delegate!)).status).toBe(403);
    // Ending: only the chair, only a speech that runs, only by POST; an unknown speaker is a 404.
    expect((await call("POST", `/api/v1/speakers/${waiting.id}/end`, who.delegate!)).status).toBe(403);
    expect(await call("POST", `/api/v1/speakers/${waiting.id}/end`, who.organizer!)).toMatchObject({ status: 409, body: { error: { details: { reason: "not_speaking" } } } });
    expect((await call("GET", `/api/v1/speakers/${waiting.id}/end`, who.organizer!)).status).toBe(405);
    expect((await call("POST", `/api/v1/speakers/${"x".repeat(300)}/end`, who.organizer!)).status).toBe(404);
    expect((await prisma().speaker.findUniqueOrThrow({ where: { id: waiting.id } })).state).toBe("WAITING");
    expect((await call("DELETE", `/api/v1/speakers/${waiting.id}`, who.organizer!)).body).toEqual({ id: waiting.id, state: "REMOVED" });
    expect((await get(`/agenda?speakers=${"x".repeat(65)}`, who.organizer!)).status).toBe(400);
  });

  it("an organizer closes check-in from the desk with its confirmation; later check-ins are refused; the API reopens", async () => {
    const unconfirmed = await postForm(app.url, "/checkin", who.organizer!, { intent: "close" });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.html).toContain('data-reason="confirm_required"');
    expect((await prisma().conference.findUniqueOrThrow({ where: { id: conferenceId } })).checkInClosedAt).toBeNull();
    const confirmedBefore = await prisma().invitation.count({ where: { conferenceId, status: "CONFIRMED" } });
    const noShowBefore = await prisma().invitation.count({ where: { conferenceId, status: "NO_SHOW" } });
    const closed = await postForm(app.url, "/checkin", who.organizer!, { intent: "close", confirm: "yes" });
    expect(closed.status).toBe(200);
    expect(closed.html).toContain('data-testid="checkin-close-outcome"');
    expect(closed.html).toContain('data-closed="true"');
    expect(await prisma().invitation.count({ where: { conferenceId, status: "CONFIRMED" } })).toBe(0);
    const noShow = await prisma().invitation.count({ where: { conferenceId, status: "NO_SHOW" } });
    // The delegate's delegation came (ATTENDED since its check-in); every other confirmed one did not.
    expect(noShow - noShowBefore).toBe(confirmedBefore);
    expect(confirmedBefore).toBeGreaterThan(0);
    const again = await call("POST", `/api/v1/conferences/${conferenceId}/attendance/close`, who.organizer!);
    expect(again.body).toMatchObject({ already: true, noShow: 0, attended: 0 });
    const board = await get("/checkin/board", who.observer!);
    expect(board.html).toContain(`data-testid="board-closed" data-no-show="${noShow}"`);
    const late = await prisma().delegationMember.create({ data: { invitationId: (await prisma().delegationMember.findUniqueOrThrow({ where: { id: memberId } })).invitationId, name: "متأخر" } });
    const refused = await call("POST", `/api/v1/conferences/${conferenceId}/attendance`, who.organizer!, { memberId: late.id });
    expect(refused).toMatchObject({ status: 409, body: { error: { details: { reason: "checkin_closed" } } } });
    expect((await call("DELETE", `/api/v1/conferences/${conferenceId}/attendance/close`, who.delegate!)).status).toBe(403);
    expect((await call("DELETE", `/api/v1/conferences/${conferenceId}/attendance/close`, who.organizer!)).body).toEqual({ reopened: true });
    expect((await call("POST", `/api/v1/conferences/${conferenceId}/attendance`, who.organizer!, { memberId: late.id })).status).toBe(200);
  });
});
