// A NUL character reaches no route: PostgreSQL cannot store one (22021), and a route that passed it on
// answered 500. In the address (ids, q=), in a form or a JSON body, even split across two chunks: 400.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { Agent, request } from "node:http";
import { startDemoServer, signIn, type TestServer } from "../helpers/server.js";
import { backends } from "../helpers/db.js";

function chunks(url: string, path: string, parts: string[], headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: "POST", headers: { "transfer-encoding": "chunked", ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    let i = 0;
    const next = () => {
      if (i < parts.length) {
        req.write(parts[i++]);
        setTimeout(next, 30);
      } else req.end();
    };
    next();
  });
}

describe.each(backends)("NUL characters in requests on %s", (backend) => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startDemoServer(backend);
    cookie = await signIn(server.url, "organizer@example.org");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("in an id or a query parameter: 400 JSON on every kind of route, never a 500", async () => {
    const paths = [
      "/forces/abc%00def",
      "/invitations/abc%00",
      "/amendments/x%00y",
      "/outreach/x%00",
      "/plans/x%00",
      "/representations/x%00",
      "/search?q=%D9%85%00",
      "/forces?q=a%00b",
      "/invitations?q=%00",
      "/api/v1/search?q=%00",
      "/api/v1/invitations/abc%00",
      "/api/v1/conferences/x%00",
      "/api/v1/outreach/x%00",
      "/api/v1/plans/x%00",
      "/paper/versions/x%00",
    ];
    for (const path of paths) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      expect([path, res.status]).toEqual([path, 400]);
      expect((await res.json()) as object, path).toMatchObject({ error: { code: "bad_request" } });
    }
    expect((await fetch(`${server.url}/forces?q=${encodeURIComponent("حزب")}`, { headers: { cookie } })).status).toBe(200);
  });

  it("in a form or a JSON body, whole or split across chunks: 400, and nothing is written", async () => {
    const form = await fetch(`${server.url}/outreach/new`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: "summary=a%00b" });
    expect(form.status).toBe(400);
    const json = await fetch(`${server.url}/api/v1/me`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ name: "a\u0000b" }) });
    expect(json.status).toBe(400);
    expect(await chunks(server.url, "/login", ["email=a%40b.c&password=x%", "00y"], { "content-type": "application/x-www-form-urlencoded" })).toBe(400);
    const me = (await (await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).json()) as { name: string };
    expect(me.name).not.toContain("\u0000");
  });

  it("a refused body does not take its keep-alive connection down with it: the next requests on it are answered", async () => {
    // One connection, reused: a form with a NUL, then requests back to back for 3 s. The refusal once
    // destroyed its socket 2 s later, whichever request the connection was serving by then.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const send = (method: string, path: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${server.url}${path}`, { agent, method, headers: { cookie, ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("socket", (s) => sockets.add(s));
        req.on("error", reject);
        req.end(body);
      });
    try {
      expect(await send("POST", "/account/tokens", "intent=create&scope=READ&name=a%00b")).toBe(400);
      const until = Date.now() + 3000;
      while (Date.now() < until) expect(await send("GET", "/api/v1/me")).toBe(200);
      expect(sockets.size).toBe(1);
    } finally {
      agent.destroy();
    }
    const tokens = (await (await fetch(`${server.url}/account/tokens`, { headers: { cookie } })).text()).match(/name="tokenId"/g) ?? [];
    expect(tokens).toHaveLength(0);
  });
});
