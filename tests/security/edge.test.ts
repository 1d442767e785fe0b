// The edge (ADR 0024) over HTTP and WebSocket against the real server: security headers with a
// per-request CSP nonce, same-origin checks on unsafe methods and on websocket upgrades, `next=` after
// sign-in, and TRUST_PROXY as a hop count or a list of proxies.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import { randomBytes } from "node:crypto";
import { io as ioClient } from "socket.io-client";
import { PRODUCTION_ENTRY, startTestServer, signIn, type TestServer } from "../helpers/server.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { loadConfig } from "../../server/config.js";
import { newToken, sha256 } from "../../app/domain/tokens.server.js";
import { invitationTransitions } from "../../app/domain/invitation-status.js";

const EVIL = "https://evil.example";
const json = (res: Response) => res.json() as Promise<any>;

/** The CSP as a map from directive to its sources. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get("content-security-policy") ?? "";
  return new Map(
    header
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** The status a websocket upgrade gets, from a raw HTTP request: 101 or the refusal's. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url.replace(/^ws/, "http"), {
      headers: { ...headers, connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": randomBytes(16).toString("base64") },
    });
    req.on("upgrade", (_res, socket) => (socket.destroy(), resolve(101)));
    req.on("response", (res) => (res.resume(), resolve(res.statusCode ?? 0)));
    req.on("error", reject);
    req.end();
  });
}

describe("the edge on the real server process", () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer();
    cookie = await signIn(server.url, "organizer@example.org");
  });
  afterAll(() => server?.stop());

  it("pages carry a strict CSP with a fresh nonce that every script of the page carries", async () => {
    const a = await fetch(`${server.url}/login`);
    const b = await fetch(`${server.url}/login`);
    const policy = csp(a);
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(policy.get("script-src")?.find((s) => s.startsWith("'nonce-")) ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(csp(b).get("script-src")).not.toContain(`'nonce-${nonce}'`); // per request
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
    expect(policy.get("script-src")).not.toContain("'unsafe-eval'");
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:"]);
    expect(policy.get("connect-src")).toEqual(["'self'", `ws://127.0.0.1:${server.port}`]);
    expect(policy.has("upgrade-insecure-requests")).toBe(false); // plain HTTP here
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(1);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("nosniff, same-origin referrers, no-store on pages and API answers, no HSTS without COOKIE_SECURE", async () => {
    const page = await fetch(`${server.url}/`, { headers: { cookie } });
    const api = await fetch(`${server.url}/api/v1/me`, { headers: { cookie } });
    const apiError = await fetch(`${server.url}/api/v1/no/such/thing`, { headers: { cookie } });
    for (const res of [page, api, apiError]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    // Build files keep their long cache; health checks are left alone.
    const asset = /<link rel="stylesheet" href="(\/assets\/[^"]+)"/.exec(await page.text())?.[1];
    expect(asset).toBeTruthy();
    const css = await fetch(`${server.url}${asset}`);
    expect(css.status).toBe(200);
    expect(css.headers.get("cache-control")).toMatch(/max-age=31536000/);
    expect(css.headers.get("x-content-type-options")).toBe("nosniff");
    const health = await fetch(`${server.url}/healthz`);
    expect(health.headers.get("cache-control")).not.toBe("no-store");
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("CSRF: unsafe requests from another origin or site are refused with 403 JSON; nothing changes", async () => {
    const me = () => fetch(`${server.url}/api/v1/me`, { headers: { cookie } }).then(json);
    const before = (await me()).locale;
    const other = before === "en" ? "ku" : "en";
    const patch = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/v1/me`, { method: "PATCH", headers: { cookie, "content-type": "application/json", ...headers }, body: JSON.stringify({ locale: other }) });
    const form = (path: string, headers: Record<string, string>, fields: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, { method: "POST", headers: { cookie, ...headers }, body: new URLSearchParams(fields), redirect: "manual" });

    const refusals = [
      await patch({ origin: EVIL }),
      await patch({ "sec-fetch-site": "cross-site" }),
      await patch({ "sec-fetch-site": "same-site", origin: `http://sub.127.0.0.1:${server.port}` }),
      await patch({ origin: "null" }),
      await patch({ origin: `http://127.0.0.1:${server.port + 1}` }), // another port is another origin
      await patch({ origin: `https://127.0.0.1:${server.port}` }), // and another scheme
      await patch({ "sec-fetch-site": "cross-site", origin: server.url }),
      await form("/lang", { origin: EVIL, "sec-fetch-site": "cross-site" }, { locale: other, next: "/" }),
      await form("/logout", { origin: EVIL }),
      await form("/login", { origin: EVIL }, { email: "organizer@example.org", password: "tawafuq-demo" }), // login CSRF
      await fetch(`${server.url}/api/v1/me`, { method: "DELETE", headers: { cookie, origin: EVIL } }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await json(res)).toEqual({ error: { code: "forbidden", message: expect.stringMatching(/origin|site/i) } });
    }
    expect((await me()).locale).toBe(before); // neither the API nor /lang changed it; /logout ended nothing

    // Same origin as the browser says it, and non-browser clients that send neither header, pass.
    const same = await patch({ origin: server.url, "sec-fetch-site": "same-origin" });
    expect(same.status).toBe(200);
    expect((await json(same)).locale).toBe(other);
    const typed = await fetch(`${server.url}/lang`, { method: "POST", headers: { cookie, "sec-fetch-site": "none" }, body: new URLSearchParams({ locale: before, next: "/" }), redirect: "manual" });
    expect(typed.status).toBe(302); // a user-initiated navigation (typed, bookmarked)
    expect((await patch({})).status).toBe(200);
    const restore = await fetch(`${server.url}/api/v1/me`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ locale: before }) });
    expect(restore.status).toBe(200);
    // Safe methods are never refused.
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { cookie, origin: EVIL, "sec-fetch-site": "cross-site" } })).status).toBe(200);
  });

  it("next= after sign-in: same-origin paths are kept, anything that could leave the site becomes /, never a 500", async () => {
    const login = (next: string) =>
      fetch(`${server.url}/login`, { method: "POST", body: new URLSearchParams({ email: "observer@example.org", password: "tawafuq-demo", next }), redirect: "manual" });
    const leaving = ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\\evil.example", "/\t\\evil.example", "//evil.example", "\\\\evil.example", "https://evil.example/", "javascript:alert(1)", "/%0a", "evil.example", ""];
    for (const next of leaving) {
      const res = await login(next);
      expect([JSON.stringify(next), res.status]).toEqual([JSON.stringify(next), 302]);
      const location = res.headers.get("location")!;
      expect(new URL(location, server.url).origin).toBe(server.url);
      expect([JSON.stringify(next), location]).toEqual([JSON.stringify(next), next === "/%0a" ? "/%0a" : "/"]);
    }
    // A NUL never reaches the route at all (nul-bytes.test.ts): a 400, and no session.
    const nul = await login("\u0000/x");
    expect([nul.status, nul.headers.get("set-cookie")]).toEqual([400, null]);
    const kept = await login("/paper?tab=outline#s2");
    expect(kept.headers.get("location")).toBe("/paper?tab=outline#s2");
    // Arabic in the path or query reaches the Location header percent-encoded, not as a 500.
    const arabic = await login("/search?q=الديمقراطي");
    expect(arabic.status).toBe(302);
    expect(new URL(arabic.headers.get("location")!, server.url).searchParams.get("q")).toBe("الديمقراطي");
  });

  it("socket.io refuses a handshake from another origin and accepts the page's own", async () => {
    const cookie = await signIn(server.url, "committee@example.org");
    const connect = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = ioClient(server.url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie, origin }, reconnection: false, forceNew: true });
        socket.on("connect", () => (socket.close(), resolve("connected")));
        socket.on("connect_error", (err) => (socket.close(), resolve(`refused: ${err.message}`)));
      });
    expect(await connect(EVIL)).toMatch(/^refused/);
    expect(await connect(server.url)).toBe("connected");
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { cookie, origin: EVIL } });
    expect(polling.status).toBe(403);
  });
});

describe("behind one proxy (TRUST_PROXY=1, COOKIE_SECURE=1), in process", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ TRUST_PROXY: "1", COOKIE_SECURE: "1" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("the client address is the one the proxy appended, not what the client wrote before it", async () => {
    const prisma = app.running.services.prisma;
    for (const forged of ["203.0.113.9", "198.51.100.1, 203.0.113.77"]) {
      const res = await fetch(`${app.url}/login`, {
        method: "POST",
        headers: { "x-forwarded-for": `${forged}, 10.9.8.7` },
        body: new URLSearchParams({ email: "observer@example.org", password: "tawafuq-demo", next: "/" }),
        redirect: "manual",
      });
      expect(res.status).toBe(302);
      const newest = await prisma.session.findFirst({ orderBy: { createdAt: "desc" } });
      expect(newest?.ip).toBe("10.9.8.7");
    }
  });

  it("a card moved over socket.io is audited with the client address through the proxy, like HTTP", async () => {
    const prisma = app.running.services.prisma;
    const cookie = await signIn(app.url, "organizer@example.org");
    const inv = await prisma.invitation.findFirstOrThrow({ where: { status: { in: ["CANDIDATE", "APPROVED", "SENT"] } } });
    const to = invitationTransitions[inv.status].find((s) => s !== "WITHDRAWN")!;
    const socket = ioClient(app.url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie, "x-forwarded-for": "203.0.113.9, 10.9.8.6" }, reconnection: false, forceNew: true });
    try {
      const reply = await new Promise<{ ok: boolean }>((resolve) => socket.emit("invitation.transition", { id: inv.id, to, version: inv.version }, resolve));
      expect(reply.ok).toBe(true);
    } finally {
      socket.close();
    }
    const row = await prisma.auditEvent.findFirstOrThrow({ where: { subjectId: inv.id, action: "invitation.status" }, orderBy: { id: "desc" } });
    expect(row.ip).toBe("10.9.8.6");
  });

  it("HSTS and upgrade-insecure-requests when COOKIE_SECURE=1", async () => {
    const res = await fetch(`${app.url}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    expect(csp(res).has("upgrade-insecure-requests")).toBe(true);
  });

  it("the request's own origin honours X-Forwarded-Proto and X-Forwarded-Host from the trusted proxy", async () => {
    const cookie = await signIn(app.url, "organizer@example.org");
    const host = new URL(app.url).host;
    const patch = (headers: Record<string, string>) =>
      fetch(`${app.url}/api/v1/me`, { method: "PATCH", headers: { cookie, "content-type": "application/json", ...headers }, body: JSON.stringify({ locale: "ar" }) });
    expect((await patch({ "x-forwarded-proto": "https", origin: `https://${host}` })).status).toBe(200);
    expect((await patch({ "x-forwarded-proto": "HTTPS, http", origin: `https://${host}` })).status).toBe(200); // the outermost proxy's
    expect((await patch({ "x-forwarded-proto": "https", origin: `http://${host}` })).status).toBe(403);
    expect((await patch({ "x-forwarded-proto": "https", "x-forwarded-host": "tawafuq.example", origin: "https://tawafuq.example" })).status).toBe(200);
    // The websocket the page opens is allowed by the CSP under the public origin.
    const page = await fetch(`${app.url}/login`, { headers: { "x-forwarded-proto": "https", "x-forwarded-host": "tawafuq.example" } });
    expect(csp(page).get("connect-src")).toEqual(["'self'", "wss://tawafuq.example"]);
  });

  it("API tokens (Authorization: Bearer) are exempt: a browser cannot attach them to a cross-site request", async () => {
    const prisma = app.running.services.prisma;
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "committee@example.org" } });
    const token = `tq_${newToken()}`;
    await prisma.apiToken.create({ data: { userId: user.id, name: "edge test", tokenHash: sha256(token), scope: "WRITE", expiresAt: new Date(Date.now() + 86400_000) } });
    const res = await fetch(`${app.url}/api/v1/me`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, origin: EVIL, "sec-fetch-site": "cross-site", "content-type": "application/json" },
      body: JSON.stringify({ locale: "en" }),
    });
    expect(res.status).toBe(200);
    expect((await json(res)).locale).toBe("en");
  });

  it("the Yjs upgrade refuses another origin with 403 before anything else", async () => {
    const cookie = await signIn(app.url, "committee@example.org");
    const paper = await app.running.services.prisma.paper.findFirstOrThrow();
    const ws = `${app.url.replace("http", "ws")}/collab/${paper.id}`;
    expect(await upgradeStatus(ws, { cookie, origin: EVIL })).toBe(403);
    expect(await upgradeStatus(ws, { cookie, origin: "null" })).toBe(403);
    expect(await upgradeStatus(ws, { cookie, origin: app.url })).toBe(101);
    expect(await upgradeStatus(ws, { cookie })).toBe(101); // non-browser clients send no Origin
  });
});

describe("TRUST_PROXY", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tawafuq-config-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const trust = (value: string | undefined) => loadConfig({ ...process.env, DATA_DIR: dataDir, TRUST_PROXY: value }).trustProxy;

  it("is a hop count or a list of proxy addresses, ranges and Express's names; never 'trust everything'", () => {
    expect(trust(undefined)).toBe(false);
    expect(trust("")).toBe(false);
    expect(trust("0")).toBe(false);
    expect(trust("1")).toBe(1);
    expect(trust("2")).toBe(2);
    expect(trust("loopback")).toEqual(["loopback"]);
    expect(trust("loopback, 10.0.0.0/8,192.168.1.7 , fd00::/8, uniquelocal")).toEqual(["loopback", "10.0.0.0/8", "192.168.1.7", "fd00::/8", "uniquelocal"]);
    for (const bad of ["true", "yes", "*", "-1", "1.5", "1,2", "10.0.0.0/33", "300.1.1.1", "loopback,", "example.org"]) {
      expect(() => trust(bad), bad).toThrow(/^TRUST_PROXY /);
    }
  });

  it("an invalid value stops the start with a one-line message", async () => {
    const proc = spawn(process.execPath, [PRODUCTION_ENTRY], {
      env: { ...process.env, NODE_ENV: "production", PORT: "0", DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", TRUST_PROXY: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout!.on("data", (d) => (out += d));
    proc.stderr!.on("data", (d) => (out += d));
    const started = setTimeout(() => proc.kill("SIGKILL"), 30_000); // it must not get as far as listening
    const code = await new Promise<number | null>((r) => proc.once("exit", r));
    clearTimeout(started);
    expect(code).toBe(1);
    expect(out.trim().split("\n")).toEqual([expect.stringMatching(/^TRUST_PROXY .*"true"/)]);
  });
});
