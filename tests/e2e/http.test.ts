// The real server process over HTTP and WebSocket: health, sign-in limits, API errors, delegate links,
// the Yjs gate's refusals, graceful shutdown. Once on the embedded default, once on PostgreSQL + Redis.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import WebSocket from "ws";
import { io as ioClient } from "socket.io-client";
import pg from "pg";
import { hash } from "@node-rs/argon2";
import { startTestServer, signIn, type TestServer } from "../helpers/server.js";
import { createPgDatabase } from "../helpers/db.js";

const json = (res: Response) => res.json() as Promise<any>;

async function organizerForm(server: TestServer, cookie: string, fields: Record<string, string>) {
  const res = await fetch(`${server.url}/members`, { method: "POST", headers: { cookie }, body: new URLSearchParams(fields), redirect: "manual" });
  const html = await res.text();
  return { status: res.status, html, secret: /data-testid="secret">([^<]+)</.exec(html)?.[1] };
}

function upgradeStatus(url: string, cookie?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: cookie ? { cookie } : {} });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("error", (e) => (String(e).includes("Unexpected server response") ? undefined : reject(e)));
  });
}

describe("server on the embedded database", () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer();
    cookie = await signIn(server.url, "organizer@example.org");
  });
  afterAll(async () => {
    if (server) expect(await server.stop()).toBe(0); // graceful shutdown on SIGTERM exits 0
  });

  it("reports health", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: "ok", db: "pglite", redis: false, version: expect.any(String) });
  });

  it("serves the Arabic RTL sign-in page first", async () => {
    const html = await (await fetch(`${server.url}/login`)).text();
    expect(html).toMatch(/<html lang="ar" dir="rtl"/);
  });

  it("wrong password: 401 with a message that does not say whether the account exists", async () => {
    const attempt = (email: string) => fetch(`${server.url}/login`, { method: "POST", body: new URLSearchParams({ email, password: "wrong" }) });
    const a = await attempt("organizer@example.org");
    const b = await attempt("nobody@example.org");
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    const msg = (html: string) => /data-testid="login-error">([^<]+)</.exec(html)?.[1];
    expect(msg(await a.text())).toBe(msg(await b.text()));
  });

  it("limits sign-in attempts of an account from the same IP with a clear message, even for the right password", async () => {
    const attempt = (password: string) => fetch(`${server.url}/login`, { method: "POST", body: new URLSearchParams({ email: "observer@example.org", password }) });
    // Three typos are free; the fourth failure makes the next attempt from this IP wait (ADR 0026).
    for (let i = 0; i < 4; i++) expect((await attempt("wrong")).status).toBe(401);
    const limited = await attempt("tawafuq-demo");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.text()).toContain("محاولات كثيرة");
  });

  it("API: 401 JSON without a session, the user with one, JSON errors for bad input", async () => {
    const anon = await fetch(`${server.url}/api/v1/me`);
    expect(anon.status).toBe(401);
    expect(await json(anon)).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
    const me = await json(await fetch(`${server.url}/api/v1/me`, { headers: { cookie } }));
    expect(me.email).toBe("organizer@example.org");
    const confs = await json(await fetch(`${server.url}/api/v1/conferences`, { headers: { cookie } }));
    expect(confs.conferences).toHaveLength(1);
    expect(confs.conferences[0].role).toBe("ORGANIZER");

    const patch = (body: string, extra: Record<string, string> = {}) =>
      fetch(`${server.url}/api/v1/me`, { method: "PATCH", headers: { cookie, "content-type": "application/json", ...extra }, body });
    const malformed = await patch("{not json");
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error.code).toBe("bad_request");
    const invalid = await patch(JSON.stringify({ locale: "fr" }));
    expect(invalid.status).toBe(400);
    const unknownField = await patch(JSON.stringify({ role: "ORGANIZER" }));
    expect(unknownField.status).toBe(400);
    const ok = await patch(JSON.stringify({ locale: "en" }));
    expect((await json(ok)).locale).toBe("en");
    const big = await patch(JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect((await json(big)).error.code).toBe("payload_too_large");
    const one = await json(await fetch(`${server.url}/api/v1/conferences/${confs.conferences[0].id}`, { headers: { cookie } }));
    expect(one.conference.nameAr).toBe("مؤتمر القوى والشخصيات السورية المعارضة");
    const unknownId = await fetch(`${server.url}/api/v1/conferences/does-not-exist`, { headers: { cookie } });
    expect(unknownId.status).toBe(404);
    expect((await json(unknownId)).error.code).toBe("not_found");
    const unknown = await fetch(`${server.url}/api/v1/no/such/thing`, { headers: { cookie } });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe("not_found");
  });

  it("every page reaches the browser as valid UTF-8 without zero bytes (React 18 padded 2 KB chunks in Arabic text)", async () => {
    const paths = ["/", "/paper", "/paper/versions", "/amendments", "/invitations", "/invitations/board", "/invitations/dashboard", "/invitations/attention", "/forces", "/forces/new", "/forces/import", "/outreach", "/plans", "/representations", "/members", `/search?q=${encodeURIComponent("الديمقراطي")}`];
    for (const path of paths) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([path, res.status, bytes.indexOf(0)]).toEqual([path, 200, -1]);
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes), path).not.toThrow();
    }
  });

  it("unknown pages are a 404 page, not a 500", async () => {
    const res = await fetch(`${server.url}/no-such-page`, { headers: { cookie } });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it("a member's own API token authenticates the API as that member", async () => {
    const committee = await signIn(server.url, "committee@example.org");
    const res = await fetch(`${server.url}/account/tokens`, { method: "POST", headers: { cookie: committee }, body: new URLSearchParams({ intent: "create", name: "script", scope: "READ" }) });
    const issued = { secret: /data-testid="secret">([^<]+)</.exec(await res.text())?.[1] };
    expect(issued.secret).toMatch(/^tq_/);
    const me = await json(await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${issued.secret}` } }));
    expect(me.email).toBe("committee@example.org");
    const bad = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: "Bearer tq_wrong" } });
    expect(bad.status).toBe(401);
  });

  it("delegate sign-in link: shown by GET, exchanged once by POST; reuse and garbage are refused clearly", async () => {
    const page = await (await fetch(`${server.url}/members`, { headers: { cookie } })).text();
    const forceId = /<select name="forceId" required[^>]*><option value="([^"]+)"/.exec(page)?.[1];
    expect(forceId).toBeTruthy();
    const made = await organizerForm(server, cookie, { intent: "link", forceId: forceId!, personName: "مندوب جديد", days: "14" });
    expect(made.secret).toMatch(/\/link\/[A-Za-z0-9_-]{43}$/);
    const linkPath = new URL(made.secret!).pathname;
    expect((await fetch(`${server.url}${linkPath}`)).status).toBe(200); // GET does not consume it
    const first = await fetch(`${server.url}${linkPath}`, { method: "POST", redirect: "manual" });
    expect(first.status).toBe(302);
    const delegateCookie = first.headers.get("set-cookie")!.split(";")[0]!;
    const me = await json(await fetch(`${server.url}/api/v1/me`, { headers: { cookie: delegateCookie } }));
    expect(me.memberships[0]).toMatchObject({ role: "DELEGATE", forceId });
    const again = await fetch(`${server.url}${linkPath}`, { method: "POST", redirect: "manual" });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("استُخدم من قبل");
    const garbage = await fetch(`${server.url}/link/garbage`, { method: "POST", redirect: "manual" });
    expect(garbage.status).toBe(404);
  });

  it("the members screen is for organizers only", async () => {
    const committee = await signIn(server.url, "committee2@example.org");
    const res = await fetch(`${server.url}/members`, { headers: { cookie: committee } });
    expect(res.status).toBe(403);
  });

  it("the Yjs endpoint refuses anonymous (401) and unknown papers (404)", async () => {
    const ws = server.url.replace("http", "ws");
    expect(await upgradeStatus(`${ws}/collab/some-paper`)).toBe(401);
    expect(await upgradeStatus(`${ws}/collab/no-such-paper`, cookie)).toBe(404);
    expect(await upgradeStatus(`${ws}/collab/bad%20id`, cookie)).toBe(400);
  });
});

describe("socket.io on the embedded database", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const connect = (cookie?: string) =>
    ioClient(server.url, { path: "/socket.io", transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });

  it("refuses anonymous sockets", async () => {
    const socket = connect();
    const err = await new Promise<Error>((r) => socket.on("connect_error", r));
    expect(err.message).toBe("unauthenticated");
    socket.close();
  });

  it("subscriptions are checked by the policy: own conference yes, another no; delegates get their force's room", async () => {
    const cookie = await signIn(server.url, "delegate@example.org");
    const me = await json(await fetch(`${server.url}/api/v1/me`, { headers: { cookie } }));
    const socket = connect(cookie);
    await new Promise<void>((r) => socket.on("connect", () => r()));
    const own = await socket.emitWithAck("subscribe", me.memberships[0].conferenceId);
    expect(own.ok).toBe(true);
    expect(own.rooms).toContain(`conf:${me.memberships[0].conferenceId}:force:${me.memberships[0].forceId}`);
    expect(own.rooms.some((r: string) => r.endsWith(":staff"))).toBe(false);
    expect(await socket.emitWithAck("subscribe", "another-conference")).toEqual({ ok: false, error: "forbidden" });
    socket.close();
  });
});

describe("server on PostgreSQL + Redis", () => {
  let server: TestServer;
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  let client: pg.Client;
  beforeAll(async () => {
    pgdb = await createPgDatabase();
    server = await startTestServer({ env: { DATABASE_URL: pgdb.url, REDIS_URL: "redis://127.0.0.1:6379", SEED_DEMO: "1", REDIS_PREFIX: `t${Date.now()}` } });
    client = new pg.Client({ connectionString: pgdb.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    if (server) expect(await server.stop()).toBe(0);
    await pgdb?.drop();
  });

  it("reports PostgreSQL and Redis in health", async () => {
    expect(await json(await fetch(`${server.url}/healthz`))).toMatchObject({ status: "ok", db: "postgresql", redis: true });
  });

  it("the Yjs gate: 403 for a member of another conference, 101 for a committee member", async () => {
    const paper = (await client.query(`SELECT id FROM "Paper" LIMIT 1`)).rows[0];
    const ws = server.url.replace("http", "ws");
    // An outsider: a user whose only membership is in another conference.
    await client.query(`INSERT INTO "Conference" (id, slug, "nameAr", city, "updatedAt") VALUES ('other', 'other', 'مؤتمر آخر', 'حلب', now())`);
    await client.query(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ('outsider', 'outsider@example.org', 'غريب', $1, now())`, [
      await hash("outsider-pass"),
    ]);
    await client.query(`INSERT INTO "Membership" (id, "userId", "conferenceId", role, "updatedAt") VALUES ('m-out', 'outsider', 'other', 'ORGANIZER', now())`);
    const outsider = await signIn(server.url, "outsider@example.org", "outsider-pass");
    expect(await upgradeStatus(`${ws}/collab/${paper.id}`, outsider)).toBe(403);
    const committee = await signIn(server.url, "committee@example.org");
    expect(await upgradeStatus(`${ws}/collab/${paper.id}`, committee)).toBe(101);
  });
});
