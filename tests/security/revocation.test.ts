// Open websockets are re-authorised when access changes (ADR 0025): sign-out, a session ended elsewhere,
// a password change, a disabled account, removal and a new role reach the Yjs connections and socket.io
// sockets already open, within 1 s, on the instance that made the change and (with Redis) on the others.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import pg from "pg";
import { io as ioClient, type Socket } from "socket.io-client";
import { startAppServer, type AppServer } from "../helpers/app-server.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { createPgDatabase } from "../helpers/db.js";
import { RawClient, waitFor, type CloseInfo } from "../collab/helpers/raw-client.js";
import { REDIS_URL, redisPrefix, startCollabServer } from "../collab/helpers/servers.js";
import { rooms } from "~/domain/rooms";
import { sha256 } from "~/domain/tokens.server";
import { sessionIdFromCookieHeader } from "~/session.server";
import { PASSWORD, newMember, postForm, signInAs } from "./helpers.js";
import { dbPaperStore } from "../helpers/paper-store.js";
import { paperText } from "../../app/domain/paper-doc.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** How the connection ended and how long after `t0` (ms), or null if it is still open after `waitMs`. */
async function closedWithin(client: RawClient, t0: number, waitMs = 3000): Promise<(CloseInfo & { ms: number }) | null> {
  const info = await Promise.race([client.closed, sleep(waitMs).then(() => null)]);
  return info && { ...info, ms: performance.now() - t0 };
}

/** The connection was closed with this code less than 1 s after `t0`. */
async function expectClosedInASecond(client: RawClient, t0: number, code: 4401 | 4403) {
  const closed = await closedWithin(client, t0);
  expect(closed).toMatchObject({ code });
  expect(closed!.ms).toBeLessThan(1000);
}

function connectSocket(url: string, cookie: string): Promise<Socket> {
  const socket = ioClient(url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

const subscribe = (socket: Socket, conferenceId: string) => socket.timeout(5000).emitWithAck("subscribe", conferenceId) as Promise<{ ok: boolean }>;

describe("re-authorisation on one server", () => {
  let app: AppServer;
  let conferenceId: string;
  let paperId: string;
  let organizer: string;
  let watcher: RawClient;
  const clients: RawClient[] = [];
  const sockets: Socket[] = [];
  const prisma = () => app.running.services.prisma;

  /** A paper connection of this cookie, synced. */
  const open = async (cookie: string) => {
    const c = await RawClient.connect(app.url, paperId, cookie);
    clients.push(c);
    await c.synced;
    return c;
  };
  /** An edit from `from` reaches the watcher (the connection may write). */
  const propagates = async (from: RawClient, text: string) => {
    from.appendParagraph(text);
    await waitFor(`"${text}" to reach the watcher`, () => watcher.text(), (t) => t.includes(text), 5000);
  };
  /** A new committee member with a paper connection and a socket subscribed to the conference. */
  const committeeOnline = async () => {
    const me = await newMember(prisma(), conferenceId, "COMMITTEE");
    const cookie = await signInAs(app.url, me.email);
    const editor = await open(cookie);
    const socket = await connectSocket(app.url, cookie);
    sockets.push(socket);
    expect((await subscribe(socket, conferenceId)).ok).toBe(true);
    return { me, cookie, editor, socket };
  };
  /** What the database holds, once the write queue has drained (a row leaves it once committed). */
  const stored = async () => {
    await waitFor("the write queue to drain", () => app.running.collab.stats(), (st) => st.queuedUpdates === 0 && st.compactions === 0, 10_000);
    return paperText(await dbPaperStore(prisma()).read(paperId));
  };

  beforeAll(async () => {
    app = await startAppServer();
    const paper = await prisma().paper.findFirstOrThrow({ select: { id: true, conferenceId: true } });
    [paperId, conferenceId] = [paper.id, paper.conferenceId];
    organizer = await signInAs(app.url, "organizer@example.org");
    watcher = await open(await signInAs(app.url, "committee2@example.org"));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all(clients.map((c) => c.close()));
    await app?.stop();
  });

  it("sign-out closes that session's paper connection within 1 s (4401) and its socket; nothing it sends after is kept", async () => {
    const { cookie, editor, socket } = await committeeOnline();
    const socketGone = new Promise<number>((r) => socket.once("disconnect", () => r(performance.now())));
    await propagates(editor, "قبل الخروج");

    const t0 = performance.now();
    expect((await postForm(app.url, "/logout", cookie, {})).status).toBe(302);
    await expectClosedInASecond(editor, t0, 4401);
    expect((await Promise.race([socketGone, sleep(3000).then(() => Infinity)])) - t0).toBeLessThan(1000);

    // Nothing more gets in: the edit goes nowhere and the session cannot open the paper again.
    editor.appendParagraph("بعد الخروج");
    await expect(editor.open()).rejects.toMatchObject({ status: 401 });
    expect(await stored()).not.toContain("بعد الخروج");
    expect(watcher.text()).not.toContain("بعد الخروج");
  });

  it("a role change COMMITTEE → OBSERVER makes the open connection read-only within 1 s", async () => {
    const me = await newMember(prisma(), conferenceId, "COMMITTEE");
    const editor = await open(await signInAs(app.url, me.email));
    await propagates(editor, "ما زلت في اللجنة");

    const t0 = performance.now();
    expect((await postForm(app.url, "/members", organizer, { intent: "role", membershipId: me.membershipId, role: "OBSERVER" })).status).toBe(200);
    await sleep(1000 - (performance.now() - t0));
    editor.appendParagraph("صرت مراقباً");
    // Its sync request answered: the server handled the edit before it, and the connection still reads.
    // Accepted, the edit would have been relayed in that turn, before the watcher's own request is answered.
    await editor.roundTrip();
    await watcher.roundTrip();
    expect(editor.closeInfo).toBeNull();
    expect(watcher.text()).not.toContain("صرت مراقباً");
    expect(await stored()).not.toContain("صرت مراقباً");
    // It still receives the others' edits.
    watcher.appendParagraph("للقراءة فقط");
    await waitFor("the read-only connection to receive", () => editor.text(), (t) => t.includes("للقراءة فقط"), 5000);
  });

  it("removal closes the paper connection (4403) within 1 s and the socket no longer receives the conference's events", async () => {
    const { me, editor, socket } = await committeeOnline();
    const got: unknown[] = [];
    socket.on("probe", (p) => got.push(p));
    const emit = (n: number) => {
      app.running.services.realtime.emit(rooms.all(conferenceId), "probe", n);
      app.running.services.realtime.emit(rooms.staff(conferenceId), "probe", n);
    };
    emit(1);
    await waitFor("the subscribed socket to receive", () => got.length, (n) => n === 2, 5000);

    const t0 = performance.now();
    expect((await postForm(app.url, "/members", organizer, { intent: "remove", membershipId: me.membershipId })).status).toBe(200);
    await expectClosedInASecond(editor, t0, 4403);
    await sleep(1000 - (performance.now() - t0));
    emit(2);
    // A probe to the socket's own room, after them: it arrives after anything sent to the socket before.
    app.running.services.realtime.emit(socket.id!, "probe", 3);
    await waitFor("the probe to the socket itself", () => got.length, (n) => n > 2, 5000);
    expect(got).toEqual([1, 1, 3]);
    expect((await subscribe(socket, conferenceId)).ok).toBe(false);
  });

  it("ending the other sessions, a password change and a disabled account close those sessions' connections within 1 s", async () => {
    const me = await newMember(prisma(), conferenceId, "COMMITTEE");
    const here = await signInAs(app.url, me.email);
    const there = await signInAs(app.url, me.email);
    const mine = await open(here);
    const theirs = await open(there);
    let t0 = performance.now();
    expect((await postForm(app.url, "/account/sessions", here, { intent: "end-others" })).status).toBe(200);
    await expectClosedInASecond(theirs, t0, 4401);
    expect(mine.closeInfo).toBeNull();
    await propagates(mine, "بقيت جلستي");

    // Ending one session by id, from the page.
    const third = await signInAs(app.url, me.email);
    const thirds = await open(third);
    t0 = performance.now();
    const id = sha256((await sessionIdFromCookieHeader(app.running.services, third))!);
    expect((await postForm(app.url, "/account/sessions", here, { intent: "end", sessionId: id })).status).toBe(200);
    await expectClosedInASecond(thirds, t0, 4401);

    // A password change ends every earlier session, this browser's old one included (it reconnects with the new cookie).
    const strong = "Qx7 lantern orbit meadow";
    t0 = performance.now();
    const changed = await postForm(app.url, "/account/password", here, { current: PASSWORD, password: strong, again: strong });
    expect(changed.status).toBe(302);
    await expectClosedInASecond(mine, t0, 4401);

    const rotated = changed.setCookie!.split(";")[0]!;
    const again = await open(rotated);
    t0 = performance.now();
    expect((await postForm(app.url, "/members", organizer, { intent: "disable", membershipId: me.membershipId })).status).toBe(200);
    await expectClosedInASecond(again, t0, 4401);
  });
});

describe("re-authorisation without a signal", () => {
  it("a session that expires while its paper is open is closed by the sweep (4401); a live one stays", async () => {
    const server = await startCollabServer({ backend: "pglite", collab: { reauthSweepMs: 200 } });
    const { prisma } = server.running.services;
    try {
      const expiring = await server.cookie("committee@example.org");
      const live = await server.cookie("committee2@example.org");
      const a = await RawClient.connect(server.url, server.paperId, expiring);
      const b = await RawClient.connect(server.url, server.paperId, live);
      await Promise.all([a.synced, b.synced]);
      const id = sha256((await sessionIdFromCookieHeader(server.running.services, expiring))!);
      // No route, no signal: the row simply runs out.
      await prisma.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const t0 = performance.now();
      await expectClosedInASecond(a, t0, 4401);
      expect(b.closeInfo).toBeNull();
      await Promise.all([a.close(), b.close()]);
    } finally {
      await server.close();
    }
  });
});

describe.skipIf(process.env.TEST_SKIP_PG === "1")("re-authorisation across two instances on PostgreSQL + Redis", { timeout: 300_000 }, () => {
  let a: TestServer, b: TestServer;
  let drop: () => Promise<void>;
  let redis: ReturnType<typeof redisPrefix>;
  let db: pg.Client;
  let paperId: string;
  const clients: RawClient[] = [];

  beforeAll(async () => {
    const database = await createPgDatabase();
    drop = database.drop;
    redis = redisPrefix();
    const env = { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: redis.prefix, SEED_DEMO: "1", SESSION_SECRET: "reauth-two-instances" };
    // One after the other: the first seeds the shared database.
    a = await startTestServer({ env });
    b = await startTestServer({ env });
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    paperId = (await db.query(`SELECT "id" FROM "Paper" ORDER BY "createdAt" LIMIT 1`)).rows[0].id;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await db?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.cleanup();
    await drop?.();
  });

  const openOnB = async (cookie: string) => {
    const c = await RawClient.connect(b.url, paperId, cookie);
    clients.push(c);
    await c.synced;
    return c;
  };

  it("sign-out on A closes the connection held on B within 1 s", async () => {
    const cookie = await signInAs(a.url, "committee@example.org");
    const onB = await openOnB(cookie);
    const t0 = performance.now();
    expect((await postForm(a.url, "/logout", cookie, {})).status).toBe(302);
    await expectClosedInASecond(onB, t0, 4401);
  });

  it("removal on A closes the connection held on B within 1 s (4403)", async () => {
    const cookie = await signInAs(a.url, "committee2@example.org");
    const organizer = await signInAs(a.url, "organizer@example.org");
    const onB = await openOnB(cookie);
    const membershipId = (await db.query(`SELECT m."id" FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE u."email" = $1`, ["committee2@example.org"])).rows[0].id;
    const t0 = performance.now();
    expect((await postForm(a.url, "/members", organizer, { intent: "remove", membershipId })).status).toBe(200);
    await expectClosedInASecond(onB, t0, 4403);
  });
});
