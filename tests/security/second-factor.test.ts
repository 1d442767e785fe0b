// The second factor (ADR 0026) on the real server (PostgreSQL + Redis, so the test can read the rows):
// the per-conference requirement (organizers only), what a committee member without TOTP can and cannot
// do (pages, API, socket.io rooms, Yjs), enrolment with a code computed here with otplib, the sign-in's
// code step, replayed codes, recovery codes that work once, and a delegate who is not required.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { randomBytes } from "node:crypto";
import pg from "pg";
import WebSocket from "ws";
import { io as ioClient } from "socket.io-client";
import { Redis } from "ioredis";
import { generate } from "otplib";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { createPgDatabase } from "../helpers/db.js";

const json = (res: Response) => res.json() as Promise<any>;
const cookieOf = (res: Response) => res.headers.get("set-cookie")?.split(";")[0];
const now = () => Math.floor(Date.now() / 1000);

function upgradeStatus(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { cookie } });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("error", (e) => (String(e).includes("Unexpected server response") ? undefined : reject(e)));
  });
}

describe("second factor on PostgreSQL + Redis", () => {
  let server: TestServer;
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  let db: pg.Client;
  const prefix = `t2fa${Date.now()}`;
  let conferenceId: string;
  let paperId: string;
  let secret: string;
  let recovery: string[];
  let committee: string; // the committee member's current cookie

  // Each step from its own address, so the limiter's account + IP keys never meet.
  let ipCounter = 1;
  const nextIp = () => `198.51.100.${ipCounter++}`;
  const signIn = (email: string, cookie?: string) =>
    fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "x-forwarded-for": nextIp(), ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams({ email, password: "tawafuq-demo", next: "/plans" }),
      redirect: "manual",
    });
  const get = (path: string, cookie: string) => fetch(`${server.url}${path}`, { headers: { cookie }, redirect: "manual" });
  const post = (path: string, cookie: string, fields: Record<string, string>, ip = nextIp()) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: { cookie, "x-forwarded-for": ip }, body: new URLSearchParams(fields), redirect: "manual" });
  const full = async (email: string) => {
    const res = await signIn(email);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/plans");
    return cookieOf(res)!;
  };
  const rooms = async (cookie: string) => {
    const socket = ioClient(server.url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    try {
      await new Promise<void>((r, j) => (socket.on("connect", () => r()), socket.on("connect_error", j)));
      const ack = await socket.emitWithAck("subscribe", conferenceId);
      return ack.rooms as string[];
    } finally {
      socket.close();
    }
  };

  beforeAll(async () => {
    pgdb = await createPgDatabase();
    server = await startTestServer({
      env: { DATABASE_URL: pgdb.url, REDIS_URL: "redis://127.0.0.1:6379", REDIS_PREFIX: prefix, SEED_DEMO: "1", SESSION_SECRET: randomBytes(32).toString("hex"), TRUST_PROXY: "1" },
    });
    db = new pg.Client({ connectionString: pgdb.url });
    await db.connect();
    conferenceId = (await db.query(`SELECT id FROM "Conference" LIMIT 1`)).rows[0].id;
    paperId = (await db.query(`SELECT id FROM "Paper" LIMIT 1`)).rows[0].id;
  });
  afterAll(async () => {
    await db?.end();
    if (server) expect(await server.stop()).toBe(0);
    await pgdb?.drop();
    const redis = new Redis("redis://127.0.0.1:6379");
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it("only organizers set the requirement; committee members, observers and delegates are refused", async () => {
    for (const email of ["committee@example.org", "observer@example.org", "delegate@example.org"]) {
      const cookie = await full(email);
      expect([email, (await get("/members/security", cookie)).status]).toEqual([email, 403]);
      expect([email, (await post("/members/security", cookie, { requireSecondFactor: "on" })).status]).toEqual([email, 403]);
    }
    expect((await db.query(`SELECT "requireSecondFactor" FROM "Conference" WHERE id = $1`, [conferenceId])).rows[0].requireSecondFactor).toBe(false);
    const organizer = await full("organizer@example.org");
    expect((await get("/members/security", organizer)).status).toBe(200);
    const res = await post("/members/security", organizer, { requireSecondFactor: "on" });
    // The organizer has no second factor yet either: the page that follows is the enrolment.
    expect([200, 302]).toContain(res.status);
    expect((await db.query(`SELECT "requireSecondFactor" FROM "Conference" WHERE id = $1`, [conferenceId])).rows[0].requireSecondFactor).toBe(true);
    const audited = await db.query(`SELECT 1 FROM "AuditEvent" WHERE action = 'conference.secondFactor.require' AND "subjectId" = $1`, [conferenceId]);
    expect(audited.rowCount).toBe(1);
  });

  it("a committee member without a second factor: redirected on pages, 403 on the API, no staff room, refused by the Yjs gate", async () => {
    committee = await full("committee@example.org");
    const page = await get("/plans", committee);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/account/two-factor");
    const api = await get(`/api/v1/conferences/${conferenceId}/invitations`, committee);
    expect(api.status).toBe(403);
    expect(await json(api)).toEqual({ error: { code: "forbidden", message: expect.stringMatching(/second factor/) } });
    expect(await rooms(committee)).toEqual([`conf:${conferenceId}:all`]);
    expect(await upgradeStatus(`${server.url.replace("http", "ws")}/collab/${paperId}`, committee)).toBe(403);
  });

  it("a delegate is not required", async () => {
    const delegate = await full("delegate@example.org");
    expect((await get("/paper", delegate)).status).toBe(200);
    expect((await get(`/api/v1/papers/${paperId}/amendments`, delegate)).status).toBe(200);
  });

  it("enrolment: QR code and key, a wrong code refused, a right one turns it on, rotates the session and shows 10 recovery codes once", async () => {
    const page = await (await get("/account/two-factor", committee)).text();
    expect(page).toContain("<svg");
    secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)![1]!;
    const stored = (await db.query(`SELECT "totpSecret", "totpConfirmedAt" FROM "User" WHERE email = 'committee@example.org'`)).rows[0];
    expect(stored.totpConfirmedAt).toBeNull();
    expect(stored.totpSecret).not.toContain(secret); // sealed, never in clear

    const wrong = await post("/account/two-factor", committee, { intent: "confirm", code: "000000" });
    expect(wrong.status).toBe(400);
    const code = await generate({ secret, epoch: now() });
    const ok = await post("/account/two-factor", committee, { intent: "confirm", code });
    expect(ok.status).toBe(200);
    recovery = [...(await ok.text()).matchAll(/<li>([0-9a-f]{5}-[0-9a-f]{5}-[0-9a-f]{5}-[0-9a-f]{5})<\/li>/g)].map((m) => m[1]!);
    expect(recovery).toHaveLength(10);
    const rotated = cookieOf(ok)!;
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(committee);
    expect((await get("/api/v1/me", committee)).status).toBe(401); // the old session ended
    committee = rotated;
    const hashes = (await db.query(`SELECT "codeHash" FROM "RecoveryCode" r JOIN "User" u ON u.id = r."userId" WHERE u.email = 'committee@example.org'`)).rows;
    expect(hashes).toHaveLength(10);
    expect(hashes.map((h) => h.codeHash).join()).not.toContain(recovery[0]!.replace(/-/g, ""));
    const audited = await db.query(`SELECT 1 FROM "AuditEvent" e JOIN "User" u ON u.id = e."actorId" WHERE e.action = 'secondFactor.enrol' AND u.email = 'committee@example.org'`);
    expect(audited.rowCount).toBe(1);
    // Shown once: the page now says it is on and shows no codes.
    const after = await (await get("/account/two-factor", committee)).text();
    expect(after).not.toContain('data-testid="recovery-codes"');
    expect(after).not.toContain('data-testid="totp-secret"');
    // The code just used cannot be used again.
    expect((await post("/account/two-factor", committee, { intent: "regenerate", code })).status).toBe(400);
  });

  it("after enrolling, the committee member can act: pages, API, staff room, Yjs", async () => {
    expect((await get("/plans", committee)).status).toBe(200);
    expect((await get(`/api/v1/conferences/${conferenceId}/invitations`, committee)).status).toBe(200);
    expect(await rooms(committee)).toContain(`conf:${conferenceId}:staff`);
    expect(await upgradeStatus(`${server.url.replace("http", "ws")}/collab/${paperId}`, committee)).toBe(101);
  });

  it("sign-in asks for the code after the password; the pending session authenticates nothing; a code works once", async () => {
    const res = await signIn("committee@example.org", committee);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login/code?next=${encodeURIComponent("/plans")}`);
    const pending = cookieOf(res)!;
    expect((await get("/api/v1/me", pending)).status).toBe(401);
    expect((await get("/plans", pending)).status).toBe(302);
    expect((await get("/api/v1/me", committee)).status).toBe(401); // signing in ended the session the browser carried
    expect((await get("/login/code", pending)).status).toBe(200);

    const ip = nextIp();
    expect((await post("/login/code", pending, { code: "123456", next: "/plans" }, ip)).status).toBe(401);
    // The next time step: the enrolment used the current one.
    const code = await generate({ secret, epoch: now() + 30 });
    const done = await post("/login/code", pending, { code, next: "/plans" }, ip);
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/plans");
    committee = cookieOf(done)!;
    expect(committee).not.toBe(pending);
    expect((await json(await get("/api/v1/me", committee))).email).toBe("committee@example.org");
    expect((await get("/login/code", pending)).status).toBe(302); // the pending session is gone

    // The same code again, on a new sign-in: refused (replay).
    const again = cookieOf(await signIn("committee@example.org"))!;
    expect((await post("/login/code", again, { code, next: "/plans" })).status).toBe(401);
  });

  it("a recovery code works once", async () => {
    const first = cookieOf(await signIn("committee@example.org"))!;
    const used = await post("/login/code", first, { code: recovery[3]!.toUpperCase(), next: "/" });
    expect(used.status).toBe(302);
    expect((await get("/api/v1/me", cookieOf(used)!)).status).toBe(200);
    const second = cookieOf(await signIn("committee@example.org"))!;
    expect((await post("/login/code", second, { code: recovery[3]!, next: "/" })).status).toBe(401);
    const left = await db.query(`SELECT count(*)::int AS n FROM "RecoveryCode" r JOIN "User" u ON u.id = r."userId" WHERE u.email = 'committee@example.org' AND r."usedAt" IS NULL`);
    expect(left.rows[0].n).toBe(9);
  });

  it("a pending session is good for ten minutes only", async () => {
    const pending = cookieOf(await signIn("committee@example.org"))!;
    await db.query(`UPDATE "Session" SET "createdAt" = "createdAt" - interval '11 minutes' WHERE "pendingSecondFactor" AND "createdAt" > (now() AT TIME ZONE 'UTC') - interval '1 minute'`);
    const res = await post("/login/code", pending, { code: recovery[5]!, next: "/" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?next=/);
    // The recovery code was not spent on it.
    const fresh = cookieOf(await signIn("committee@example.org"))!;
    expect((await post("/login/code", fresh, { code: recovery[5]!, next: "/" })).status).toBe(302);
  });

  it("wrong codes are throttled like wrong passwords (same account + IP)", async () => {
    const ip = nextIp();
    const cookie = cookieOf(await signIn("committee@example.org"))!;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post("/login/code", cookie, { code: "999999", next: "/" }, ip)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  const enrol = async (cookie: string) => {
    const page = await (await get("/account/two-factor", cookie)).text();
    const key = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)![1]!;
    const res = await post("/account/two-factor", cookie, { intent: "confirm", code: await generate({ secret: key, epoch: now() }) });
    expect(res.status).toBe(200);
    const codes = [...(await res.text()).matchAll(/<li>([0-9a-f-]{23})<\/li>/g)].map((m) => m[1]!);
    return { key, cookie: cookieOf(res)!, codes };
  };

  it("new recovery codes need a current code and void the old ones", async () => {
    const organizer = await enrol(await full("organizer@example.org"));
    expect((await post("/account/two-factor", organizer.cookie, { intent: "regenerate", code: "000000" })).status).toBe(400);
    const res = await post("/account/two-factor", organizer.cookie, { intent: "regenerate", code: await generate({ secret: organizer.key, epoch: now() + 30 }) });
    expect(res.status).toBe(200);
    expect([...(await res.text()).matchAll(/<li>([0-9a-f-]{23})<\/li>/g)]).toHaveLength(10);
    const pending = cookieOf(await signIn("organizer@example.org"))!;
    expect((await post("/login/code", pending, { code: organizer.codes[0]!, next: "/" })).status).toBe(401);
    const audited = await db.query(`SELECT 1 FROM "AuditEvent" e JOIN "User" u ON u.id = e."actorId" WHERE e.action = 'secondFactor.recoveryCodes' AND u.email = 'organizer@example.org'`);
    expect(audited.rowCount).toBe(1);
  });

  it("a delegate may enrol, and turn it off with a current code", async () => {
    const delegate = await enrol(await full("delegate2@example.org"));
    expect((await post("/account/two-factor", delegate.cookie, { intent: "disable", code: "000000" })).status).toBe(400);
    const off = await post("/account/two-factor", delegate.cookie, { intent: "disable", code: await generate({ secret: delegate.key, epoch: now() + 30 }) });
    expect(off.status).toBe(200);
    // Nothing of the old enrolment is left (the page that follows offers a fresh one).
    const row = (await db.query(`SELECT "totpSecret", "totpConfirmedAt", (SELECT count(*)::int FROM "RecoveryCode" r WHERE r."userId" = u.id) AS codes FROM "User" u WHERE email = 'delegate2@example.org'`)).rows[0];
    expect(row.totpConfirmedAt).toBeNull();
    expect(row.codes).toBe(0);
    // Without it, sign-in is one step again.
    expect((await signIn("delegate2@example.org")).headers.get("location")).toBe("/plans");
  });
});

