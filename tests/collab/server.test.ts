// The collab server over real sockets and a real database (PGlite and PostgreSQL): sync between raw
// protocol clients, the read-only rule, upgrade refusals, malformed and oversized messages, limits,
// persistence, compaction, unload, and PaperStore.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { backends } from "../helpers/db.js";
import { RawClient, appendParagraph, waitFor, syncMessage } from "./helpers/raw-client.js";
import { signedInClients, startCollabServer, type CollabTestServer } from "./helpers/servers.js";
import { buildPaperState, paperText } from "../../app/domain/paper-doc.js";
import { CloseCode } from "../../server/collab/options.js";

const COMMITTEE = "committee@example.org";
const COMMITTEE2 = "committee2@example.org";
const DELEGATE = "delegate@example.org";
const OBSERVER = "observer@example.org";

const MAX_MESSAGE = 256 * 1024;
const MAX_DOC = 600 * 1024;

async function waitForAsync<T>(get: () => Promise<T | null>, timeoutMs = 10_000): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(backends)("collab server on %s", (backend) => {
  let s: CollabTestServer;
  const { clients, cookie, connect } = signedInClients(() => s);
  const prisma = () => s.running.services.prisma;
  const papers = () => s.running.services.papers;
  /** A paper of its own for each test, seeded like the demo one (a snapshot with upToUpdate 0). */
  const newPaper = async (title = "ورقة اختبار") => {
    const paper = await prisma().paper.create({
      data: {
        conferenceId: s.conferenceId,
        title,
        snapshots: { create: { state: Buffer.from(buildPaperState([{ title: "المقدمة", paragraphs: ["نص أول", "نص ثان"] }])), upToUpdate: 0n } },
      },
    });
    return paper.id;
  };
  const userId = async (email: string) => (await prisma().user.findUniqueOrThrow({ where: { email } })).id;
  /** The paper as the database alone has it (after every client left and the paper unloaded). */
  const textInDb = async (paperId: string) => {
    await waitFor("paper to unload", () => s.running.collab.isOpen(paperId), (open) => !open);
    await waitFor("write queue to drain", () => s.running.collab.stats(), (st) => st.queuedUpdates === 0 && st.compactions === 0);
    return paperText(await papers().read(paperId));
  };

  beforeAll(async () => {
    s = await startCollabServer({
      backend,
      collab: { unloadGraceMs: 200, compactAfterUpdates: 40, pendingGraceMs: 300, maxMessageBytes: MAX_MESSAGE, maxDocBytes: MAX_DOC },
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await s?.close();
  });

  it("syncs the paper to a writer and a watcher, and every writer's typing to everyone", async () => {
    const a = await connect(s.paperId, COMMITTEE);
    const b = await connect(s.paperId, OBSERVER);
    await Promise.all([a.synced, b.synced]);
    const seeded = a.text();
    expect(seeded).toContain("هيكلية المكتب");
    expect(b.text()).toBe(seeded);

    a.appendParagraph("فقرة جديدة من اللجنة التحضيرية");
    await waitFor("observer to receive the paragraph", () => b.text(), (t) => t.includes("فقرة جديدة من اللجنة التحضيرية"));
    const c = await connect(s.paperId, COMMITTEE2);
    await c.synced;
    expect(c.text()).toBe(a.text());
    c.typeAtEnd(" — تعديل ثان");
    await waitFor("all three to converge", () => [a.text(), b.text()], ([x, y]) => x === c.text() && y === c.text() && x.endsWith("تعديل ثان"));
    await Promise.all([a.close(), b.close(), c.close()]);

    // Persisted, attributed to the two writers, and what a fresh load gives back.
    expect(await textInDb(s.paperId)).toBe(c.text());
    const authors = new Set((await prisma().paperUpdate.findMany({ where: { paperId: s.paperId }, select: { userId: true } })).map((r) => r.userId));
    expect(authors).toEqual(new Set([await userId(COMMITTEE), await userId(COMMITTEE2)]));
    // The first persisted change of the day keeps the day's automatic version (papers.server.ts).
    const today = new Date().toISOString().slice(0, 10);
    const daily = await waitForAsync(() => prisma().paperVersion.findFirst({ where: { paperId: s.paperId, automatic: true, name: today } }));
    expect(daily).not.toBeNull();
  });

  it("never applies or relays an update from a delegate's connection, but relays its presence", async () => {
    const paperId = await newPaper();
    const writer = await connect(paperId, COMMITTEE);
    const delegate = await connect(paperId, DELEGATE);
    await Promise.all([writer.synced, delegate.synced]);
    // The server asks writers, not watchers, for their state.
    expect(delegate.received.some((m) => m.type === 0 && m.step === 0)).toBe(false);
    const before = writer.text();

    delegate.sendPresence({ cursor: { anchor: 1 }, user: { name: "منتحل", color: "#f00" } });
    const seen = await waitFor(
      "writer to see the delegate's presence",
      () => writer.awareness.getStates().get(delegate.doc.clientID),
      (st) => !!st,
    );
    // The name and rights are the server's, whatever the client claimed; its own fields pass.
    expect(seen!.user).toMatchObject({ id: await userId(DELEGATE), readOnly: true, color: "#f00" });
    expect(seen!.user.name).not.toBe("منتحل");

    // An update through every door: update message, sync step 2, and the provider's own path.
    const rogue = new Y.Doc();
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(delegate.doc));
    appendParagraph(rogue, "نص أدخله مندوب");
    const update = Y.encodeStateAsUpdate(rogue, Y.encodeStateVector(delegate.doc));
    delegate.send(syncMessage(2, update));
    delegate.send(syncMessage(1, update));
    delegate.appendParagraph("نص آخر أدخله مندوب");

    // Its sync request answered: the server has handled the three (one connection, in order); accepted,
    // they would be in this turn's flush. A writer's edit after that is flushed with them or later, so
    // once the delegate has the mark the live paper holds whatever they did; and the writer's own
    // answered request proves it was sent everything relayed before.
    await delegate.roundTrip();
    writer.appendParagraph("علامة بعد محاولة المندوب");
    await waitFor("delegate to get the writer's mark", () => delegate.text(), (t) => t.includes("علامة بعد محاولة المندوب"));
    await writer.roundTrip();
    expect(writer.text()).toBe(before + "\nعلامة بعد محاولة المندوب");
    // In memory: the live paper.
    expect(paperText(await papers().read(paperId))).toBe(before + "\nعلامة بعد محاولة المندوب");
    // The delegate stays connected (ignored, not thrown out) and still receives.
    expect(delegate.closeInfo).toBeNull();
    await Promise.all([writer.close(), delegate.close()]);
    // In the database.
    expect(await textInDb(paperId)).toBe(before + "\nعلامة بعد محاولة المندوب");
    const rows = await prisma().paperUpdate.findMany({ where: { paperId }, select: { userId: true, data: true } });
    expect(rows.map((r) => r.userId)).not.toContain(await userId(DELEGATE));
    for (const r of rows) {
      const d = new Y.Doc();
      Y.applyUpdate(d, r.data);
      expect(paperText(d)).not.toContain("مندوب");
    }
  });

  it("refuses the upgrade to anonymous visitors (401) and to members of another conference (403)", async () => {
    await expect(RawClient.connect(s.url, s.paperId, "")).rejects.toMatchObject({ status: 401 });
    await expect(RawClient.connect(s.url, s.paperId, "tq_session=forged")).rejects.toMatchObject({ status: 401 });
    const other = await prisma().conference.create({ data: { nameAr: "مؤتمر آخر", city: "برلين", slug: `other-${Date.now()}` } });
    await prisma().user.create({
      data: { email: "outsider@example.org", name: "عضو مؤتمر آخر", memberships: { create: { conferenceId: other.id, role: "ORGANIZER" } } },
    });
    await expect(RawClient.connect(s.url, s.paperId, await cookie("outsider@example.org"))).rejects.toMatchObject({ status: 403 });
    await expect(RawClient.connect(s.url, "no-such-paper", await cookie(COMMITTEE))).rejects.toMatchObject({ status: 404 });
    // A signed cookie starts the paper's load during the gate; a refused client gives it back, so the
    // paper unloads after the grace period like any other (a leaked lease would keep it open for good).
    const fresh = await newPaper();
    await expect(RawClient.connect(s.url, fresh, await cookie("outsider@example.org"))).rejects.toMatchObject({ status: 403 });
    await expect(RawClient.connect(s.url, fresh, "tq_session=forged")).rejects.toMatchObject({ status: 401 });
    // A client of its own opens the paper and leaves: it unloads only if the refused ones left no lease.
    const visitor = await connect(fresh, OBSERVER);
    await visitor.synced;
    await waitFor("paper to open", () => s.running.collab.isOpen(fresh), (open) => open);
    await visitor.close();
    await waitFor("paper to unload once the last client left", () => s.running.collab.isOpen(fresh), (open) => !open, 5_000);
  });

  it("closes only the connection that sends a malformed, foreign or oversized message; the paper is intact", async () => {
    const paperId = await newPaper();
    const writer = await connect(paperId, COMMITTEE);
    const watcher = await connect(paperId, OBSERVER);
    await Promise.all([writer.synced, watcher.synced]);
    writer.appendParagraph("قبل الرسائل الفاسدة");
    await waitFor("watcher in sync", () => watcher.text(), (t) => t === writer.text());
    const before = writer.text();

    // A document that shares nothing with the paper, and one built on history the paper never had.
    const stranger = new Y.Doc();
    stranger.getText("notes").insert(0, "ليس من الورقة");
    const forked = new Y.Doc();
    appendParagraph(forked, "أصل لا تملكه الورقة");
    const forkBase = Y.encodeStateVector(forked);
    const fragment = forked.getXmlFragment("default");
    (fragment.get(0) as Y.XmlElement).insert(1, [new Y.XmlText(" فرع")]);
    const random = new Uint8Array(64).map((_, i) => (i * 7919 + 13) % 251);
    const bigText = "ن".repeat(MAX_MESSAGE);
    const big = new Y.Doc();
    appendParagraph(big, bigText);

    const truncatedVarint = (() => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeUint8(e, 0xff); // a length whose varint never ends
      return encoding.toUint8Array(e);
    })();
    const validUpdate = (() => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(writer.doc));
      const sv = Y.encodeStateVector(d);
      appendParagraph(d, "لن يصل");
      return Y.encodeStateAsUpdate(d, sv);
    })();

    const cases: { name: string; send: (c: RawClient) => void; code: number }[] = [
      { name: "random bytes", send: (c) => c.send(random), code: CloseCode.malformed },
      { name: "truncated varint", send: (c) => c.send(truncatedVarint), code: CloseCode.malformed },
      { name: "truncated update", send: (c) => c.send(syncMessage(2, validUpdate).subarray(0, 12)), code: CloseCode.malformed },
      { name: "update cut inside its payload", send: (c) => c.send(syncMessage(2, validUpdate.subarray(0, validUpdate.length - 3))), code: CloseCode.malformed },
      { name: "trailing bytes", send: (c) => c.send(new Uint8Array([...syncMessage(0, new Uint8Array([0])), 7, 7])), code: CloseCode.malformed },
      { name: "unknown message type", send: (c) => c.send(new Uint8Array([9, 0])), code: CloseCode.malformed },
      { name: "text frame", send: (c) => c.ws.send("hello"), code: CloseCode.malformed },
      { name: "bad state vector", send: (c) => c.send(syncMessage(0, new Uint8Array([5, 1]))), code: CloseCode.malformed },
      { name: "awareness that is not JSON", send: (c) => c.send(new Uint8Array([1, 5, 1, 7, 1, 2, 0x7b])), code: CloseCode.malformed },
      { name: "update for another document (foreign type)", send: (c) => c.send(syncMessage(2, Y.encodeStateAsUpdate(stranger))), code: CloseCode.foreignUpdate },
      { name: "update for another document (missing history)", send: (c) => c.send(syncMessage(2, Y.encodeStateAsUpdate(forked, forkBase))), code: CloseCode.foreignUpdate },
      { name: "oversized frame", send: (c) => c.send(syncMessage(2, Y.encodeStateAsUpdate(big))), code: CloseCode.messageTooBig },
    ];
    for (const tc of cases) {
      const bad = await connect(paperId, COMMITTEE);
      await bad.synced;
      tc.send(bad);
      const info = await Promise.race([bad.closed, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
      expect(info?.code, tc.name).toBe(tc.code);
      // The others are still connected and the paper unchanged.
      expect(writer.closeInfo, tc.name).toBeNull();
      expect(watcher.closeInfo, tc.name).toBeNull();
      expect(paperText(await papers().read(paperId)), tc.name).toBe(before);
    }

    // And it still works.
    writer.typeAtEnd(" وبعدها");
    await waitFor("watcher to get the edit after the bad ones", () => watcher.text(), (t) => t === before + " وبعدها");
    const fresh = await connect(paperId, OBSERVER);
    await fresh.synced;
    expect(fresh.text()).toBe(before + " وبعدها");
    expect(fresh.doc.share.has("notes")).toBe(false);
    await Promise.all([writer.close(), watcher.close(), fresh.close()]);
    expect(await textInDb(paperId)).toBe(before + " وبعدها");
  });

  it("survives mangled copies of real updates: the bad ones close their connection, the paper stays consistent", async () => {
    const paperId = await newPaper();
    const writer = await connect(paperId, COMMITTEE);
    await writer.synced;
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 40; i++) {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(writer.doc));
      const sv = Y.encodeStateVector(d);
      appendParagraph(d, `سطر ${i}`);
      const update = Y.encodeStateAsUpdate(d, sv);
      const mangled = Uint8Array.from(update);
      const flips = 1 + Math.floor(rand() * 3);
      for (let f = 0; f < flips; f++) mangled[Math.floor(rand() * mangled.length)] = Math.floor(rand() * 256);
      const bad = await connect(paperId, COMMITTEE);
      await bad.synced;
      bad.send(syncMessage(2, rand() < 0.5 ? mangled : mangled.subarray(0, Math.floor(rand() * mangled.length))));
      await Promise.race([bad.closed, new Promise((r) => setTimeout(r, 400))]);
      await bad.close();
    }
    expect(writer.closeInfo).toBeNull();
    writer.appendParagraph("بعد التشويش");
    const check = await connect(paperId, OBSERVER);
    await check.synced;
    await waitFor("a new watcher to see the last edit", () => check.text(), (t) => t.includes("بعد التشويش"));
    // Whatever was accepted is what everyone has, and what the database gives back.
    await waitFor("writer and watcher to converge", () => [writer.text(), check.text()], ([a, b]) => a === b);
    const live = paperText(await papers().read(paperId));
    await Promise.all([writer.close(), check.close()]);
    expect(await textInDb(paperId)).toBe(live);
  });

  it("limits a connection's message rate and the paper's size with their own close codes", async () => {
    const paperId = await newPaper();
    const flooder = await connect(paperId, OBSERVER);
    await flooder.synced;
    for (let i = 0; i < 2000 && flooder.ws.readyState === flooder.ws.OPEN; i++) flooder.send(new Uint8Array([3]));
    expect((await flooder.closed).code).toBe(CloseCode.rateLimited);

    const writer = await connect(paperId, COMMITTEE);
    await writer.synced;
    const chunk = "ك".repeat(60_000); // ~120 KB in UTF-8, under the message limit
    const grower = await connect(paperId, COMMITTEE2);
    await grower.synced;
    for (let i = 0; i < 8 && !grower.closeInfo; i++) {
      grower.appendParagraph(chunk);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await grower.closed).code).toBe(CloseCode.paperTooLarge);
    const size = Y.encodeStateAsUpdate(await papers().read(paperId)).length;
    expect(size).toBeLessThanOrEqual(MAX_DOC);
    expect(writer.closeInfo).toBeNull();
    await writer.close();
  });

  it("applies a burst of edits from several writers as whole turns: every edit reaches everyone, in fewer messages and rows", async () => {
    const paperId = await newPaper();
    const a = await connect(paperId, COMMITTEE);
    const b = await connect(paperId, COMMITTEE2);
    const watcher = await connect(paperId, OBSERVER);
    await Promise.all([a.synced, b.synced, watcher.synced]);
    a.appendParagraph("أ");
    b.appendParagraph("ب");
    await waitFor("both paragraphs everywhere", () => watcher.text(), (t) => t.includes("أ") && t.includes("ب"));
    const before = watcher.received.length;
    // 200 updates from each writer, sent in one go: they reach the server in a few reads.
    for (let i = 0; i < 200; i++) {
      a.typeAtEnd("a");
      b.typeAtEnd("b");
    }
    const done = (t: string) => (t.match(/a/g) ?? []).length === 200 && (t.match(/b/g) ?? []).length === 200;
    await waitFor("the watcher to have every edit", () => watcher.text(), done);
    await waitFor("the writers to have each other's edits", () => [a.text(), b.text()], ([x, y]) => x === watcher.text() && y === watcher.text());
    const updates = watcher.received.slice(before).filter((m) => m.type === 0 && m.step === 2).length;
    expect(updates).toBeLessThan(400);
    await Promise.all([a.close(), b.close(), watcher.close()]);
    expect(await textInDb(paperId)).toBe(watcher.text());
    const rows = await prisma().paperUpdate.findMany({ where: { paperId }, select: { userId: true } });
    // One row per writer per turn, each attributed to its writer.
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set([await userId(COMMITTEE), await userId(COMMITTEE2)]));
    expect(rows.length).toBeLessThan(400);
  });

  it("stores only what a turn adds: writers resending the whole paper append rows of their new edits, not copies of it", async () => {
    const paperId = await newPaper();
    const a = await connect(paperId, COMMITTEE);
    const b = await connect(paperId, COMMITTEE2);
    await Promise.all([a.synced, b.synced]);
    const paperBytes = Y.encodeStateAsUpdate(a.doc).length;
    const rowBytes = async () => {
      await waitFor("write queue to drain", () => s.running.collab.stats(), (st) => st.queuedUpdates === 0);
      const rows = await prisma().paperUpdate.findMany({ where: { paperId }, select: { data: true } });
      return rows.reduce((n, r) => n + r.data.length, 0);
    };
    const before = await rowBytes();
    // One writer alone in its turn, then two in the same turn: each resends everything, then types.
    a.pushAll();
    a.typeAtEnd("x");
    await waitFor("the edit to arrive", () => b.text(), (t) => t.endsWith("x"));
    a.pushAll();
    b.pushAll();
    a.typeAtEnd("y");
    b.typeAtEnd("z");
    await waitFor("both edits everywhere", () => [a.text(), b.text()], ([x, y]) => x === y && !!x?.includes("y") && !!x?.includes("z"));
    expect((await rowBytes()) - before).toBeLessThan(paperBytes);
    await Promise.all([a.close(), b.close()]);
    expect(await textInDb(paperId)).toBe(a.text());
  });

  it("compacts the update log into a snapshot past the threshold, and loads the same paper from it", async () => {
    const paperId = await newPaper();
    const writer = await connect(paperId, COMMITTEE);
    await writer.synced;
    for (let i = 0; i < 100; i++) {
      writer.typeAtEnd(` ${i}`);
      // Separate turns, so each keystroke is its own row rather than one coalesced write.
      await new Promise((r) => setTimeout(r, 5));
    }
    const live = await waitFor("all typing applied", () => writer.text(), (t) => t.endsWith(" 99"));
    await writer.close();
    expect(await textInDb(paperId)).toBe(live);
    const snapshots = await prisma().paperSnapshot.findMany({ where: { paperId }, select: { upToUpdate: true } });
    const rows = await prisma().paperUpdate.findMany({ where: { paperId }, select: { id: true } });
    // The seed snapshot (upToUpdate 0) was replaced; what it folded is gone; the tail is short.
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]!.upToUpdate).toBeGreaterThan(0n);
    expect(rows.length).toBeLessThan(40);
    expect(rows.every((r) => r.id > snapshots[0]!.upToUpdate)).toBe(true);
  });

  it("unloads a paper after the grace period once its last client left, and reopens it", async () => {
    const paperId = await newPaper();
    const a = await connect(paperId, COMMITTEE);
    await a.synced;
    // A client is answered from the stored bytes while the paper loads, so it opens just after.
    await waitFor("paper to open", () => s.running.collab.isOpen(paperId), (open) => open);
    a.appendParagraph("قبل الإغلاق");
    await a.close();
    expect(s.running.collab.isOpen(paperId)).toBe(true); // grace period
    await waitFor("paper to unload", () => s.running.collab.isOpen(paperId), (open) => !open);
    const b = await connect(paperId, OBSERVER);
    await b.synced;
    expect(b.text()).toContain("قبل الإغلاق");
    await b.close();
  });

  it("folds a tail longer than one read page, in the log's order, when the paper opens", async () => {
    // 5,200 one-letter rows: the ids pass from 4 to 5 digits and the tail spans two read pages.
    const paperId = await newPaper();
    const base = new Y.Doc();
    Y.applyUpdate(base, (await prisma().paperSnapshot.findFirstOrThrow({ where: { paperId } })).state);
    const rows: Uint8Array[] = [];
    base.on("update", (u: Uint8Array) => rows.push(u));
    appendParagraph(base, "«");
    const fragment = base.getXmlFragment("default");
    const text = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
    const letters = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي";
    for (let i = 0; i < 5_200; i++) text.insert(text.length, letters[i % letters.length]!);
    for (let i = 0; i < rows.length; i += 1_000) {
      await prisma().paperUpdate.createMany({ data: rows.slice(i, i + 1_000).map((data) => ({ paperId, data: Buffer.from(data), userId: null })) });
    }
    const c = await connect(paperId, OBSERVER);
    await c.synced;
    expect(c.text()).toBe(paperText(base));
    await c.close();
    // Folded into one snapshot that reads the same, the rows it replaced gone.
    expect(await textInDb(paperId)).toBe(paperText(base));
    expect(await prisma().paperUpdate.count({ where: { paperId } })).toBe(0);
  });

  it("a client connecting while the paper is loading receives the full text and later updates", async () => {
    const paperId = await newPaper();
    // Rows after the seed snapshot, as a paper has between compactions.
    const base = new Y.Doc();
    Y.applyUpdate(base, (await prisma().paperSnapshot.findFirstOrThrow({ where: { paperId } })).state);
    const rows: Uint8Array[] = [];
    base.on("update", (u: Uint8Array) => rows.push(u));
    for (let i = 0; i < 5; i++) appendParagraph(base, `سطر محفوظ ${i}`);
    await prisma().paperUpdate.createMany({ data: rows.map((data) => ({ paperId, data: Buffer.from(data), userId: null })) });
    const stored = paperText(base);

    // On PostgreSQL the test locks the snapshots' table (the load reads it without the paper's lock), so
    // the load provably waits with both clients' requests (and an early edit) received; on PGlite (one
    // connection) the clients race the load.
    const holdLock = backend === "postgresql";
    let release = () => {};
    let held: Promise<unknown> = Promise.resolve();
    if (holdLock) {
      let locked = () => {};
      const isLocked = new Promise<void>((r) => (locked = r));
      held = prisma().$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe(`LOCK TABLE "PaperSnapshot" IN ACCESS EXCLUSIVE MODE`);
          locked();
          await new Promise<void>((r) => (release = r));
        },
        { timeout: 60_000, maxWait: 30_000 },
      );
      await isLocked;
    }
    const writer = await connect(paperId, COMMITTEE);
    const watcher = await connect(paperId, OBSERVER);
    // Sent before the paper is open: queued by the server, applied after the load, relayed once.
    writer.appendParagraph("كتب أثناء التحميل");
    if (holdLock) {
      // The load is blocked on the lock, and the server has read what both clients sent so far (a
      // WebSocket pong follows the frames before the ping): nothing could be answered yet.
      const blocked = await waitForAsync(async () => {
        const rows = await prisma().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = '"PaperSnapshot"'::regclass`);
        return rows[0]!.n > 0 || null;
      });
      expect(blocked, "the paper's load to wait on the lock").toBe(true);
      await Promise.all([writer.pong(), watcher.pong()]);
      expect(s.running.collab.isOpen(paperId)).toBe(false);
      expect(writer.received).toHaveLength(0);
      release();
      await held;
    }
    await Promise.all([writer.synced, watcher.synced]);
    await waitFor("watcher to have the stored text and the early edit", () => watcher.text(), (t) => t.includes("كتب أثناء التحميل") && t.includes("سطر محفوظ 4"));
    for (const line of stored.split("\n")) expect(watcher.text()).toContain(line);
    if (holdLock) {
      // Answered from the stored bytes before the server's own sync step 1 (sent when the paper opened).
      expect(writer.received[0]).toMatchObject({ type: 0, step: 1 });
      expect(writer.received.findIndex((m) => m.type === 0 && m.step === 0)).toBeGreaterThan(0);
    }
    // One step 2 each: the request answered from the database is not answered again.
    expect(writer.received.filter((m) => m.type === 0 && m.step === 1)).toHaveLength(1);
    expect(watcher.received.filter((m) => m.type === 0 && m.step === 1)).toHaveLength(1);

    writer.appendParagraph("بعد الفتح");
    await waitFor("watcher to receive a later update", () => watcher.text(), (t) => t.includes("بعد الفتح"));
    expect(watcher.text()).toBe(writer.text());
    await Promise.all([writer.close(), watcher.close()]);
    expect(await textInDb(paperId)).toBe(writer.text());
  });

  it("PaperStore.change applies one transaction to the live paper, broadcast and persisted; a throwing change applies nothing", async () => {
    const paperId = await newPaper();
    // Not open: change loads it.
    await papers().change(paperId, "amendment:test-1", (doc) => appendParagraph(doc, "تعديل مقبول"));
    const watcher = await connect(paperId, OBSERVER);
    await watcher.synced;
    expect(watcher.text()).toContain("تعديل مقبول");

    const n = await papers().change(paperId, "amendment:test-2", (doc) => {
      appendParagraph(doc, "أولى");
      appendParagraph(doc, "ثانية");
      return doc.getXmlFragment("default").length;
    });
    expect(n).toBeGreaterThan(2);
    await waitFor("watcher to get both paragraphs", () => watcher.text(), (t) => t.endsWith("أولى\nثانية"));
    const rows = await prisma().paperUpdate.findMany({ where: { paperId, userId: "amendment:test-2" } });
    expect(rows).toHaveLength(1); // resolved after the write: one row, one transaction

    await expect(
      papers().change(paperId, "amendment:test-3", (doc) => {
        appendParagraph(doc, "نصف تعديل");
        throw new Error("rule broken halfway");
      }),
    ).rejects.toThrow("rule broken halfway");
    // A change after it reaches the watcher: anything broadcast before it would have arrived first.
    await papers().change(paperId, "amendment:test-4", (doc) => appendParagraph(doc, "علامة بعد الرفض"));
    await waitFor("watcher to get the later change", () => watcher.text(), (t) => t.endsWith("علامة بعد الرفض"));
    expect(watcher.text()).not.toContain("نصف تعديل");
    expect(paperText(await papers().read(paperId))).not.toContain("نصف تعديل");

    const copy = await papers().read(paperId);
    appendParagraph(copy, "نسخة فقط");
    expect(paperText(await papers().read(paperId))).not.toContain("نسخة فقط");
    await expect(papers().read("no-such-paper")).rejects.toMatchObject({ code: "not_found" });
    await expect(papers().change("no-such-paper", "x", () => 1)).rejects.toMatchObject({ code: "not_found" });
    await watcher.close();
    expect(await textInDb(paperId)).toBe(watcher.text());
  });
});
