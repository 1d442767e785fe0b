// Sign-in throttling (ADR 0026) on the real server: a stranger's failures slow the stranger, not the
// owner; an IP has a budget across accounts; the limits hold across a restart (embedded database) and
// across two instances (PostgreSQL + Redis); signing in ends the session the browser carried.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { createPgDatabase } from "../helpers/db.js";

// TRUST_PROXY=1 and one X-Forwarded-For entry: the client address is both its first and its last entry.
const from = (ip: string, extra: Record<string, string> = {}) => ({ "x-forwarded-for": ip, ...extra });

function attempt(server: TestServer, ip: string, email: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/login`, { method: "POST", headers: from(ip, headers), body: new URLSearchParams({ email, password, next: "/" }), redirect: "manual" });
}

describe("sign-in throttling on the embedded database", () => {
  let server: TestServer;
  beforeAll(async () => {
    // 25: not the 30 per IP the in-process windows allowed, so the setting is what refuses.
    server = await startTestServer({ env: { TRUST_PROXY: "1", SIGNIN_IP_FAILURES_PER_HOUR: "25" } });
  });
  afterAll(async () => {
    if (server) expect(await server.stop()).toBe(0);
  });

  it("a stranger's 20 failures do not lock the owner out: the owner signs in from another IP", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await attempt(server, "203.0.113.7", "organizer@example.org", `guess-${i}`)).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses).toContain(429);
    // The stranger is slowed down even with the right password…
    const stranger = await attempt(server, "203.0.113.7", "organizer@example.org", "tawafuq-demo");
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await stranger.text()).toContain("محاولات كثيرة");
    // …the owner, elsewhere, is not.
    const owner = await attempt(server, "198.51.100.20", "organizer@example.org", "tawafuq-demo");
    expect(owner.status).toBe(302);
  });

  it("each failure after the free ones doubles the wait", async () => {
    const waits: number[] = [];
    for (let i = 0; i < 10 && waits.length < 2; i++) {
      const res = await attempt(server, "203.0.113.8", "committee2@example.org", "wrong");
      if (res.status === 429) {
        const s = Number(res.headers.get("retry-after"));
        waits.push(s);
        await new Promise((r) => setTimeout(r, s * 1000 + 50));
        continue;
      }
      expect(res.status).toBe(401);
    }
    // Failures 4 and 5 made the next attempt wait about 2 s, then 4 s.
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(waits[0]).toBeLessThanOrEqual(2);
    expect(waits[1]).toBeGreaterThan(2);
    expect(waits[1]).toBeLessThanOrEqual(4);
  }, 30_000);

  it("unknown emails are throttled exactly like real ones (no enumeration)", async () => {
    const run = async (ip: string, email: string) => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) out.push((await attempt(server, ip, email, "wrong")).status);
      return out;
    };
    const real = await run("203.0.113.9", "delegate2@example.org");
    const unknown = await run("203.0.113.10", "nobody-at-all@example.org");
    expect(unknown).toEqual(real);
    expect(real).toContain(429);
  });

  it("a success resets the account's failures from that IP", async () => {
    const ip = "203.0.113.11";
    for (let i = 0; i < 3; i++) expect((await attempt(server, ip, "delegate@example.org", "wrong")).status).toBe(401);
    expect((await attempt(server, ip, "delegate@example.org", "tawafuq-demo")).status).toBe(302);
    // Without the reset the fourth failure would make the next attempt wait.
    for (let i = 0; i < 3; i++) expect((await attempt(server, ip, "delegate@example.org", "wrong")).status).toBe(401);
    expect((await attempt(server, ip, "delegate@example.org", "tawafuq-demo")).status).toBe(302);
  });

  it("an IP has a budget of failures across accounts", async () => {
    const ip = "203.0.113.12";
    for (let i = 0; i < 25; i++) expect((await attempt(server, ip, `walker-${i}@example.org`, "wrong")).status).toBe(401);
    const next = await attempt(server, ip, "observer@example.org", "tawafuq-demo");
    expect(next.status).toBe(429);
    expect(Number(next.headers.get("retry-after"))).toBeGreaterThan(60);
    expect((await attempt(server, "198.51.100.21", "observer@example.org", "tawafuq-demo")).status).toBe(302);
  }, 60_000);

  it("signing in ends the session the request's cookie carried", async () => {
    const first = await attempt(server, "198.51.100.22", "committee@example.org", "tawafuq-demo");
    const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).status).toBe(200);
    const second = await attempt(server, "198.51.100.22", "observer@example.org", "tawafuq-demo", { cookie });
    expect(second.status).toBe(302);
    const fresh = second.headers.get("set-cookie")!.split(";")[0]!;
    expect(fresh).not.toBe(cookie);
    expect((await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).status).toBe(401);
    expect((await (await fetch(`${server.url}/api/v1/me`, { headers: { cookie: fresh } })).json()).email).toBe("observer@example.org");
  });
});

describe("sign-in limits are kept in the database: they survive a restart", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tawafuq-signin-"));
  const env = { TRUST_PROXY: "1", SIGNIN_IP_FAILURES_PER_HOUR: "5" };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("an IP that spent its budget is still refused after the server restarts", async () => {
    let server = await startTestServer({ dataDir, env });
    try {
      for (let i = 0; i < 5; i++) expect((await attempt(server, "203.0.113.30", `x${i}@example.org`, "wrong")).status).toBe(401);
      expect((await attempt(server, "203.0.113.30", "observer@example.org", "tawafuq-demo")).status).toBe(429);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    server = await startTestServer({ dataDir, env });
    try {
      expect((await attempt(server, "203.0.113.30", "observer@example.org", "tawafuq-demo")).status).toBe(429);
      expect((await attempt(server, "198.51.100.30", "observer@example.org", "tawafuq-demo")).status).toBe(302);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 240_000);
});

describe("sign-in limits on PostgreSQL + Redis hold across instances", () => {
  let a: TestServer, b: TestServer;
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  const prefix = `tsignin${Date.now()}`;
  beforeAll(async () => {
    pgdb = await createPgDatabase();
    const env = {
      DATABASE_URL: pgdb.url,
      REDIS_URL: "redis://127.0.0.1:6379",
      REDIS_PREFIX: prefix,
      SESSION_SECRET: randomBytes(32).toString("hex"),
      TRUST_PROXY: "1",
      SIGNIN_IP_FAILURES_PER_HOUR: "5",
    };
    a = await startTestServer({ env: { ...env, SEED_DEMO: "1" } });
    b = await startTestServer({ env: { ...env, SEED_DEMO: "0" } });
  }, 240_000);
  afterAll(async () => {
    if (a) expect(await a.stop()).toBe(0);
    if (b) expect(await b.stop()).toBe(0);
    await pgdb?.drop();
    const redis = new Redis("redis://127.0.0.1:6379");
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it("failures on one instance slow the same account + IP on the other, and the store is Redis", async () => {
    for (let i = 0; i < 4; i++) expect((await attempt(i % 2 ? b : a, "203.0.113.40", "committee@example.org", "wrong")).status).toBe(401);
    expect((await attempt(b, "203.0.113.40", "committee@example.org", "tawafuq-demo")).status).toBe(429);
    expect((await attempt(a, "203.0.113.40", "committee@example.org", "tawafuq-demo")).status).toBe(429);
    expect((await attempt(b, "198.51.100.40", "committee@example.org", "tawafuq-demo")).status).toBe(302);
    const redis = new Redis("redis://127.0.0.1:6379");
    try {
      const keys = await redis.keys(`${prefix}:signin:*`);
      expect(keys.length).toBeGreaterThan(0);
      // Neither emails nor addresses in clear.
      expect(keys.join(" ")).not.toMatch(/committee|203\.0/);
    } finally {
      await redis.quit();
    }
  });

  it("an IP's budget is shared by the instances", async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(i % 2 ? b : a, "203.0.113.41", `y${i}@example.org`, "wrong")).status).toBe(401);
    expect((await attempt(a, "203.0.113.41", "observer@example.org", "tawafuq-demo")).status).toBe(429);
    expect((await attempt(b, "203.0.113.41", "observer@example.org", "tawafuq-demo")).status).toBe(429);
  });
});
