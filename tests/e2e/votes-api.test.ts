// Conference day over real HTTP against the built server and the demo seed, on PGlite and PostgreSQL:
// check-in by badge code, a vote opened, cast, closed and published through /api/v1 and through the
// no-JavaScript /votes page, the live count reaching the chair over socket.io, and the refusals
// (anonymous 401 / sign-in redirect, wrong roles 403, bad input 400, already voted, absent force).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io as ioClient, type Socket } from "socket.io-client";
import { startDemoServer, startTestServer, signIn, type TestServer } from "../helpers/server.js";
import { backends } from "../helpers/db.js";

/** Calls as one of the demo's accounts (signed in by `signInAll`), or anonymously (null). */
function client(server: () => TestServer) {
  const cookie: Record<string, string> = {};
  const call = async (who: string | null, path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers: Record<string, string> = { ...(who ? { cookie: cookie[who]! } : {}), ...(init.json !== undefined ? { "content-type": "application/json" } : {}) };
    const res = await fetch(`${server().url}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body, redirect: "manual" });
    const type = res.headers.get("content-type") ?? "";
    return { status: res.status, body: type.includes("json") ? await res.json() : await res.text(), headers: res.headers };
  };
  const post = (who: string | null, path: string, json: unknown) => call(who, path, { method: "POST", json });
  return {
    cookie,
    call,
    post,
    form: (who: string, fields: Record<string, string>) => call(who, "/votes", { method: "POST", body: new URLSearchParams(fields) }),
    async signInAll() {
      for (const who of ["organizer", "committee", "delegate", "delegate2", "observer"]) cookie[who] = await signIn(server().url, `${who}@example.org`);
      return (await call("organizer", "/api/v1/conferences")).body.conferences[0].id as string;
    },
    /** Names a delegate of the horizon party, gives codes, and checks the delegate in by code. */
    async checkInHorizon(conf: string) {
      const invs = (await call("organizer", `/api/v1/conferences/${conf}/invitations?pageSize=200`)).body.data;
      const horizon = invs.find((i: any) => i.force.nameEn === "Democratic Horizon Party");
      await post("organizer", `/api/v1/invitations/${horizon.id}/delegates`, { name: "سلمى يوسف", version: horizon.version });
      await post("organizer", `/api/v1/conferences/${conf}/attendance/codes`, {});
      const salma = (await call("organizer", `/api/v1/conferences/${conf}/attendance`)).body.roster.find((r: any) => r.name === "سلمى يوسف");
      return { horizon, salma };
    },
  };
}

describe.each(backends)("plenary votes over HTTP on %s", (backend) => {
  let server: TestServer;
  let conf: string;
  const { cookie, call, post, form, signInAll, checkInHorizon } = client(() => server);

  beforeAll(async () => {
    server = await startDemoServer(backend);
    conf = await signInAll();
  }, 240_000);
  afterAll(async () => server?.stop());

  it("checks the horizon party's delegate in by badge code; its invitation becomes ATTENDED", async () => {
    expect((await post("committee", `/api/v1/conferences/${conf}/attendance/codes`, {})).status).toBe(403);
    const { horizon, salma } = await checkInHorizon(conf);
    expect(horizon.status).toBe("CONFIRMED");
    expect(salma.code).toMatch(/^.{5}-.{5}$/);
    expect((await call("organizer", `/api/v1/conferences/${conf}/attendance`)).body.forces.present).toBe(0);
    // The wrong roles, and bad input: nothing changes.
    expect((await post(null, `/api/v1/conferences/${conf}/attendance`, { code: salma.code })).status).toBe(401);
    for (const who of ["committee", "observer", "delegate"]) expect((await post(who, `/api/v1/conferences/${conf}/attendance`, { code: salma.code })).status).toBe(403);
    expect((await post("organizer", `/api/v1/conferences/${conf}/attendance`, { code: salma.code, memberId: salma.memberId })).status).toBe(400);
    expect((await call("organizer", `/api/v1/conferences/${conf}/attendance`, { method: "POST", body: "{nope", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await call("delegate", `/api/v1/conferences/${conf}/attendance`)).status).toBe(403);

    const done = await post("organizer", `/api/v1/conferences/${conf}/attendance`, { code: salma.code.toLowerCase() });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ memberId: salma.memberId, already: false, invitationStatus: "ATTENDED" });
    const after = (await call("committee", `/api/v1/conferences/${conf}/attendance`)).body;
    expect(after.forces.present).toBe(1);
    expect(after.roster).toBeNull();
    expect((await call("organizer", `/api/v1/invitations/${horizon.id}`)).body.status).toBe("ATTENDED");
  });

  it("runs a vote through the API: one ballot per force, the chair hears the count live, results once published", async () => {
    expect((await post("delegate", `/api/v1/conferences/${conf}/votes`, { subject: "QUESTION", question: "؟" })).status).toBe(403);
    expect((await post(null, `/api/v1/conferences/${conf}/votes`, { subject: "QUESTION", question: "؟" })).status).toBe(401);
    const bad = await post("committee", `/api/v1/conferences/${conf}/votes`, { subject: "QUESTION" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("bad_request");
    const opened = await post("committee", `/api/v1/conferences/${conf}/votes`, { subject: "QUESTION", question: "هل نعتمد جدول الأعمال؟", majority: "TWO_THIRDS" });
    expect(opened.status).toBe(201);
    const id = opened.body.id;

    const chair: Socket = ioClient(server.url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie: cookie.committee! }, reconnection: false, forceNew: true });
    try {
      expect(await chair.emitWithAck("subscribe", conf)).toMatchObject({ ok: true });
      const heard = new Promise<any>((resolve) => chair.on("vote.changed", (e) => e.voteId === id && e.cast === 1 && resolve(e)));
      expect((await post("delegate", `/api/v1/votes/${id}/ballots`, { option: "MAYBE" })).status).toBe(400);
      const cast = await post("delegate", `/api/v1/votes/${id}/ballots`, { option: "YES" });
      expect(cast.status).toBe(201);
      expect(cast.body).toMatchObject({ voteId: id, option: "YES" });
      const e = await heard;
      expect(e.results).toBeUndefined();
    } finally {
      chair.close();
    }
    const again = await post("delegate", `/api/v1/votes/${id}/ballots`, { option: "NO" });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe("already_voted");
    const absent = await post("delegate2", `/api/v1/votes/${id}/ballots`, { option: "YES" });
    expect(absent.status).toBe(409);
    expect(absent.body.error.details.reason).toBe("force_absent");
    for (const who of ["organizer", "committee", "observer"]) expect((await post(who, `/api/v1/votes/${id}/ballots`, { option: "YES" })).status).toBe(403);

    expect((await call("observer", `/api/v1/votes/${id}`)).body.results).toBeNull();
    expect((await call("committee", `/api/v1/votes/${id}`)).body.results.counts).toEqual({ YES: 1, NO: 0, ABSTAIN: 0 });
    expect((await post("delegate", `/api/v1/votes/${id}/close`, {})).status).toBe(403);
    expect((await post("observer", `/api/v1/votes/${id}/close`, {})).status).toBe(403);
    const closed = await post("organizer", `/api/v1/votes/${id}/close`, {});
    expect(closed.status).toBe(200);
    const late = await post("delegate", `/api/v1/votes/${id}/ballots`, { option: "NO" });
    expect(late.status).toBe(409);
    expect(late.body.error.details).toMatchObject({ reason: "vote_closed", closedAt: closed.body.closedAt });
    expect((await post("delegate", `/api/v1/votes/${id}/publish`, {})).status).toBe(403);
    const published = await post("committee", `/api/v1/votes/${id}/publish`, { version: closed.body.version });
    expect(published.status).toBe(200);
    const seen = (await call("delegate2", `/api/v1/votes/${id}`)).body;
    expect(seen.results).toMatchObject({ counts: { YES: 1 }, present: 1, quorumMet: true, passed: true });
    expect(seen.ballots).toEqual([expect.objectContaining({ option: "YES", forceName: "حزب الأفق الديمقراطي" })]);
    const list = (await call("observer", `/api/v1/conferences/${conf}/votes`)).body.data;
    expect(list.map((v: any) => v.id)).toContain(id);
    expect((await call(null, `/api/v1/votes/${id}`)).status).toBe(401);
    expect((await call("organizer", "/api/v1/votes/nope")).status).toBe(404);
  });

  it("the /votes page works without JavaScript for the chair and a delegate, in Arabic and right to left", async () => {
    const anon = await call(null, "/votes");
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toMatch(/^\/login/);
    const page = await call("committee", "/votes");
    expect(page.status).toBe(200);
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain("التصويت في الهيئة العامة");
    expect(page.body).toContain('data-testid="open-vote-form"');
    expect((await call("delegate", "/votes")).body).not.toContain('data-testid="open-vote-form"');

    const denied = await form("delegate", { intent: "open", subject: "QUESTION", question: "؟", majority: "SIMPLE", quorumPercent: "50" });
    expect(denied.status).toBe(403);
    const invalid = await form("committee", { intent: "open", subject: "QUESTION", question: "", majority: "SIMPLE", quorumPercent: "50" });
    expect(invalid.status).toBe(400);
    expect((await form("committee", { intent: "nonsense" })).status).toBe(400);
    const opened = await form("committee", { intent: "open", subject: "QUESTION", question: "هل نبدأ الجلسة الثانية؟", majority: "SIMPLE", quorumPercent: "50" });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe("/votes?done=open");
    const id = (await call("committee", `/api/v1/conferences/${conf}/votes`)).body.data.find((v: any) => v.question === "هل نبدأ الجلسة الثانية؟").id;

    const ballotPage = (await call("delegate", "/votes")).body as string;
    expect(ballotPage).toContain('data-testid="ballot-form"');
    expect((await call("delegate2", "/votes")).body).toContain('data-testid="ballot-absent"');
    const cast = await form("delegate", { intent: "cast", voteId: id, option: "NO" });
    expect(cast.status).toBe(302);
    const twice = await form("delegate", { intent: "cast", voteId: id, option: "YES" });
    expect(twice.status).toBe(409);
    expect(twice.body).toContain('data-reason="already_voted"');
    expect(twice.body).toContain("صوّتت قوتكم في هذا التصويت من قبل");
    expect((await call("delegate", "/votes")).body).toContain('data-testid="ballot-voted"');

    expect((await form("delegate", { intent: "close", voteId: id })).status).toBe(403);
    expect((await form("committee", { intent: "close", voteId: id })).status).toBe(302);
    expect((await form("committee", { intent: "publish", voteId: id })).status).toBe(302);
    const results = (await call("observer", "/votes")).body as string;
    expect(results).toContain('data-testid="vote-results"');
    expect(results).toContain("لم يُقرّ");
  });
});

describe("a restart during an open vote", () => {
  let server: TestServer;
  const dataDir = mkdtempSync(join(tmpdir(), "tawafuq-votes-restart-"));
  const { call, post, signInAll, checkInHorizon } = client(() => server);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("loses nothing: the vote is still open with its ballot, the force still cannot vote twice", async () => {
    server = await startTestServer({ dataDir });
    let conf = await signInAll();
    const { salma } = await checkInHorizon(conf);
    expect((await post("organizer", `/api/v1/conferences/${conf}/attendance`, { code: salma.code })).status).toBe(200);
    const id = (await post("committee", `/api/v1/conferences/${conf}/votes`, { subject: "QUESTION", question: "هل نؤجل الجلسة؟" })).body.id;
    expect((await post("delegate", `/api/v1/votes/${id}/ballots`, { option: "ABSTAIN" })).status).toBe(201);
    await server.kill();

    server = await startTestServer({ dataDir });
    conf = await signInAll();
    const vote = (await call("committee", `/api/v1/votes/${id}`)).body;
    expect(vote).toMatchObject({ state: "OPEN", cast: 1, results: { counts: { ABSTAIN: 1 }, present: 1 } });
    expect((await post("delegate", `/api/v1/votes/${id}/ballots`, { option: "YES" })).body.error.details.reason).toBe("already_voted");
    expect((await post("committee", `/api/v1/votes/${id}/close`, {})).body.results.counts).toEqual({ YES: 0, NO: 0, ABSTAIN: 1 });
  }, 400_000);
});
