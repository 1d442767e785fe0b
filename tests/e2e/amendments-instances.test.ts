// Two server instances on one PostgreSQL and one Redis: an amendment submitted through instance A
// reaches a committee member's socket on instance B; the decision reaches the force's delegate on B,
// and another force's delegate hears nothing.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { randomBytes } from "node:crypto";
import { io as ioClient, type Socket } from "socket.io-client";
import { Redis } from "ioredis";
import { createPgDatabase } from "../helpers/db.js";
import { signIn } from "../helpers/server.js";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { rooms } from "../../app/domain/rooms.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("live amendment events across instances (PostgreSQL + Redis)", () => {
  let pg: Awaited<ReturnType<typeof createPgDatabase>>;
  let a: AppServer, b: AppServer;
  const prefix = `tq-test-${randomBytes(4).toString("hex")}`;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    pg = await createPgDatabase();
    process.env.REDIS_PREFIX = prefix;
    const env = { DATABASE_URL: pg.url, REDIS_URL, SEED_DEMO: "1", SESSION_SECRET: "same-secret-on-both-instances" };
    a = await startAppServer(env);
    b = await startAppServer(env);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await a?.stop();
    await b?.stop();
    await pg?.drop();
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
    delete process.env.REDIS_PREFIX;
  });

  async function listen(server: AppServer, email: string, events: string[]) {
    const cookie = await signIn(server.url, email);
    const socket = ioClient(server.url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    sockets.push(socket);
    const got: { event: string; payload: any }[] = [];
    for (const e of events) socket.on(e, (payload) => got.push({ event: e, payload }));
    await new Promise<void>((resolve, reject) => {
      socket.on("connect_error", reject);
      socket.on("connect", () => resolve());
    });
    const conf = await server.running.db.prisma.conference.findFirstOrThrow();
    const ack = await new Promise<any>((r) => socket.emit("subscribe", conf.id, r));
    expect(ack.ok).toBe(true);
    return { got, cookie };
  }
  const until = async (check: () => boolean) => {
    const deadline = Date.now() + 20_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error("timed out waiting for a live event");
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it("submission → committee on the other instance; decision → the force's delegates only", async () => {
    const events = ["amendment:submitted", "amendment:decided", "amendment:changed"];
    const committeeOnB = await listen(b, "committee@example.org", events);
    const delegateOnB = await listen(b, "delegate@example.org", events);
    const otherForceOnB = await listen(b, "delegate2@example.org", [...events, "probe"]);
    const delegateCookieA = await signIn(a.url, "delegate@example.org");
    const committeeCookieA = await signIn(a.url, "committee@example.org");
    const paper = await a.running.db.prisma.paper.findFirstOrThrow();
    const post = async (cookie: string, path: string, body: unknown) => {
      const res = await fetch(`${a.url}/api/v1${path}`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return (await res.json()) as any;
    };
    const created = await post(delegateCookieA, `/papers/${paper.id}/amendments`, { type: "INSERT", start: 60, end: 70, proposedText: "نص مضاف" });
    const id = created.amendment.id;
    await post(delegateCookieA, `/amendments/${id}/transitions`, { to: "SUBMITTED" });
    await until(() => committeeOnB.got.some((g) => g.event === "amendment:submitted" && g.payload.id === id));
    await post(committeeCookieA, `/amendments/${id}/transitions`, { to: "UNDER_REVIEW" });
    await post(committeeCookieA, `/amendments/${id}/transitions`, { to: "REJECTED", note: "لا" });
    await until(() => delegateOnB.got.some((g) => g.event === "amendment:decided" && g.payload.id === id));
    // Payloads carry ids only; the other force's delegate is in no room that hears this force.
    expect(delegateOnB.got.find((g) => g.event === "amendment:decided")!.payload).toEqual({ id, paperId: paper.id });
    // A probe to everyone, from instance A after the decision: A publishes in order on one Redis
    // connection and B delivers in order, so once it arrives anything sent before it has arrived too.
    const conf = await a.running.db.prisma.conference.findFirstOrThrow();
    a.running.services.realtime.emit(rooms.all(conf.id), "probe", { after: id });
    await until(() => otherForceOnB.got.some((g) => g.event === "probe"));
    expect(otherForceOnB.got).toEqual([{ event: "probe", payload: { after: id } }]);
  });
});
