// Two server processes on different ports sharing one PostgreSQL database and Redis: a client on each
// converges (within 1 s of an edit), presence crosses over, an instance that opens the paper late gets
// what the other has not written yet, and each update is stored once.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import * as Y from "yjs";
import pg from "pg";
import { createPgDatabase } from "../helpers/db.js";
import { RawClient, waitFor } from "./helpers/raw-client.js";
import { REDIS_URL, redisPrefix, spawnCollabServer, tempDir, type SpawnedServer } from "./helpers/servers.js";

const EMAILS = ["committee@example.org", "committee2@example.org", "observer@example.org"];

describe.skipIf(process.env.TEST_SKIP_PG === "1")("two collab server processes on PostgreSQL + Redis", { timeout: 400_000 }, () => {
  let one: SpawnedServer, two: SpawnedServer;
  let drop: () => Promise<void>;
  let databaseUrl: string;
  let redis: ReturnType<typeof redisPrefix>;
  const dirs: ReturnType<typeof tempDir>[] = [];
  const clients: RawClient[] = [];

  beforeAll(async () => {
    const pg = await createPgDatabase();
    drop = pg.drop;
    databaseUrl = pg.url;
    redis = redisPrefix();
    const env = { DATABASE_URL: pg.url, REDIS_URL, REDIS_PREFIX: redis.prefix, SEED_DEMO: "1", COLLAB_UNLOAD_GRACE_MS: "500" };
    dirs.push(tempDir(), tempDir());
    // One after the other: the first seeds the shared database.
    one = await spawnCollabServer({ dataDir: dirs[0]!.path, env, sessions: EMAILS });
    two = await spawnCollabServer({ dataDir: dirs[1]!.path, env, sessions: EMAILS });
    expect(two.port).not.toBe(one.port);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all([one?.stop(), two?.stop()]);
    for (const d of dirs) d.remove();
    await redis?.cleanup();
    await drop?.();
  });

  it("converges a client on each instance within 1 s of each edit, both ways, and relays presence", async () => {
    const a = await RawClient.connect(one.url, one.paperId, one.cookies[EMAILS[0]!]!);
    const b = await RawClient.connect(two.url, two.paperId, two.cookies[EMAILS[1]!]!);
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);
    expect(a.text()).toBe(b.text());

    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const [from, to] = i % 2 ? [b, a] : [a, b];
      const line = `سطر ${i} من ${i % 2 ? "الثاني" : "الأول"}`;
      const t0 = performance.now();
      from.appendParagraph(line);
      await waitFor(`edit ${i} to cross instances`, () => to.text(), (t) => t.includes(line), 15_000);
      delays.push(performance.now() - t0);
    }
    expect(a.text()).toBe(b.text());
    delays.sort((x, y) => x - y);
    console.info(`cross-instance delivery ms: p50 ${delays[5]!.toFixed(1)}, max ${delays[9]!.toFixed(1)}`);
    // The bound, on the median so one scheduler hiccup of a loaded CI machine does not decide it.
    expect(delays[5]).toBeLessThan(1000);

    // Concurrent typing on both sides.
    for (let i = 0; i < 20; i++) {
      a.typeAtEnd(` أ${i}`);
      b.typeAtEnd(` ب${i}`);
    }
    await waitFor("both to converge after concurrent typing", () => [a.text(), b.text()], ([x, y]) => x === y && x!.includes("أ19") && x!.includes("ب19"));

    b.sendPresence({ cursor: { head: 3 } });
    const seen = await waitFor("presence across instances", () => a.awareness.getStates().get(b.doc.clientID), (st) => !!st);
    expect(seen!.user).toMatchObject({ readOnly: false });
    await b.close();
    await waitFor("presence removal across instances", () => a.awareness.getStates().has(b.doc.clientID), (has) => !has);
  });

  it("an instance that opens the paper right after an edit on the other gets it", async () => {
    // Instance two has unloaded the paper (its grace is 500 ms); instance one still has it open.
    await new Promise((r) => setTimeout(r, 1500));
    const a = await RawClient.connect(one.url, one.paperId, one.cookies[EMAILS[0]!]!);
    clients.push(a);
    await a.synced;
    a.appendParagraph("قبل أن يفتح الثاني الورقة");
    // No waiting for the write: whether the row is committed yet or not (then instance two's sync
    // request over Redis brings it), the late client must see the edit.
    const late = await RawClient.connect(two.url, two.paperId, two.cookies[EMAILS[2]!]!);
    clients.push(late);
    await late.synced;
    await waitFor("the late instance's client to get the edit", () => late.text(), (t) => t === a.text());
    await Promise.all([a.close(), late.close()]);
  });

  it("stores each update once, whichever instance accepted it", async () => {
    const a = await RawClient.connect(one.url, one.paperId, one.cookies[EMAILS[0]!]!);
    const b = await RawClient.connect(two.url, two.paperId, two.cookies[EMAILS[1]!]!);
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    // Rows holding this text: an update's inserted text is in its bytes as UTF-8.
    const rowsWith = async (text: string) =>
      Number((await db.query(`SELECT count(*) AS n FROM "PaperUpdate" WHERE "paperId" = $1 AND position(convert_to($2, 'UTF8') in "data") > 0`, [one.paperId, text])).rows[0].n);
    const stored = async (text: string) => {
      for (let waited = 0; (await rowsWith(text)) === 0 && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      expect(await rowsWith(text), `a stored row with «${text}»`).toBeGreaterThan(0);
    };
    a.appendParagraph("مرة واحدة");
    await waitFor("b to receive", () => b.text(), (t) => t.includes("مرة واحدة"));
    // Each instance's write queue is first in, first out. An edit accepted by instance two after it
    // relayed a's is queued after any row of the relayed one (which it must not write): once that edit
    // is stored, such a row would be too. The same the other way round.
    b.appendParagraph("علامة من الثاني");
    await waitFor("a to receive", () => a.text(), (t) => t.includes("علامة من الثاني"));
    a.appendParagraph("علامة من الأول");
    for (const text of ["مرة واحدة", "علامة من الثاني", "علامة من الأول"]) await stored(text);
    expect(await rowsWith("مرة واحدة")).toBe(1);
    expect(await rowsWith("علامة من الثاني")).toBe(1);
    await db.end();
    await Promise.all([a.close(), b.close()]);
    // What the database alone holds equals what the clients have.
    const check = new Y.Doc();
    const fresh = await RawClient.connect(one.url, one.paperId, one.cookies[EMAILS[2]!]!, check);
    clients.push(fresh);
    await fresh.synced;
    expect(fresh.text()).toBe(a.text());
  });

  it("fans a translation's document out like the paper's and stores each of its updates once", async () => {
    const name = `${one.paperId}:ku`;
    const a = await RawClient.connect(one.url, name, one.cookies[EMAILS[0]!]!);
    const b = await RawClient.connect(two.url, name, two.cookies[EMAILS[1]!]!);
    clients.push(a, b);
    await Promise.all([a.synced, b.synced]);
    const field = "block:multi-instance-block";
    const paragraph = (doc: Y.Doc) => {
      const fragment = doc.getXmlFragment(field);
      if (!fragment.length) {
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [new Y.XmlText()]);
        fragment.insert(0, [p]);
      }
      return (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    };
    const text = (doc: Y.Doc) => (doc.getXmlFragment(field).length ? paragraph(doc).toString() : "");
    paragraph(a.doc).insert(0, "Ji yekê");
    await waitFor("b to receive a's typing", () => text(b.doc), (t) => t === "Ji yekê");
    paragraph(b.doc).insert("Ji yekê".length, " û ji duyê");
    await waitFor("a to receive b's typing", () => text(a.doc), (t) => t === "Ji yekê û ji duyê");
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const rowsWith = async (t: string) =>
      Number((await db.query(`SELECT count(*) AS n FROM "TranslationUpdate" WHERE "docId" = $1 AND position(convert_to($2, 'UTF8') in "data") > 0`, [name, t])).rows[0].n);
    for (let waited = 0; ((await rowsWith("Ji yekê")) === 0 || (await rowsWith(" û ji duyê")) === 0) && waited < 15_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(await rowsWith("Ji yekê")).toBe(1);
    expect(await rowsWith(" û ji duyê")).toBe(1);
    await db.end();
  });
});
