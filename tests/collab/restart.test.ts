// The server as a separate process on PGlite (its data folder) and on PostgreSQL: a clean stop keeps
// every accepted update (the write queue is flushed), and a kill -9 while five clients type loses
// nothing once the clients reconnect (they send what the server lacks in the sync handshake).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import * as Y from "yjs";
import { backends, createPgDatabase } from "../helpers/db.js";
import { RawClient, waitFor } from "./helpers/raw-client.js";
import { spawnCollabServer, tempDir, type SpawnedServer } from "./helpers/servers.js";

const WRITERS = ["organizer@example.org", "committee@example.org", "committee2@example.org"];

// Each start of a server process (PGlite init, migrations, seed) takes tens of seconds on a loaded machine.
describe.each(backends)("collab server process on %s", { timeout: 400_000 }, (backend) => {
  let dir: ReturnType<typeof tempDir>;
  let env: Record<string, string> = {};
  let drop: (() => Promise<void>) | undefined;
  let server: SpawnedServer | undefined;
  const clients: RawClient[] = [];

  beforeAll(async () => {
    dir = tempDir();
    if (backend === "postgresql") {
      const pg = await createPgDatabase();
      drop = pg.drop;
      env = { DATABASE_URL: pg.url, SEED_DEMO: "1" };
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.kill();
    dir?.remove();
    await drop?.();
  });

  // Same port on every restart: clients reconnect to the address they had.
  let port: number | undefined;
  const start = async () => {
    const started = await spawnCollabServer({ dataDir: dir.path, env, port, sessions: [...WRITERS, "observer@example.org"] });
    port = started.port;
    return started;
  };

  it("keeps every accepted update across a clean restart", async () => {
    server = await start();
    const writer = await RawClient.connect(server.url, server.paperId, server.cookies[WRITERS[1]!]!);
    const watcher = await RawClient.connect(server.url, server.paperId, server.cookies["observer@example.org"]!);
    clients.push(writer, watcher);
    await Promise.all([writer.synced, watcher.synced]);
    for (let i = 0; i < 20; i++) writer.appendParagraph(`فقرة قبل الإيقاف ${i}`);
    // Accepted once the watcher has it; stop right away, with the write queue possibly still full.
    await waitFor("watcher to receive the typing", () => watcher.text(), (t) => t.includes("فقرة قبل الإيقاف 19"));
    const expected = writer.text();
    expect(await server.stop()).toBe(0);
    // The last writes start the day's automatic version: shutdown waits for it before the database closes.
    expect(server.logs.join("")).not.toMatch(/daily version failed|shut down before the update queue was written/);
    await Promise.all([writer.closed, watcher.closed]);

    server = await start();
    const fresh = await RawClient.connect(server.url, server.paperId, server.cookies["observer@example.org"]!);
    clients.push(fresh);
    await fresh.synced;
    expect(fresh.text()).toBe(expected);
    await fresh.close();
  });

  it("after kill -9 while five clients type, reconnecting brings every client's text back and all converge", async () => {
    server ??= await start();
    const writers: RawClient[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await RawClient.connect(server.url, server.paperId, server.cookies[WRITERS[i % WRITERS.length]!]!);
      clients.push(c);
      writers.push(c);
    }
    await Promise.all(writers.map((c) => c.synced));
    writers.forEach((c, i) => c.appendParagraph(`كاتب ${i}:`));

    // Each client types its own numbered words; each keeps the list of what it typed.
    const typed: string[][] = writers.map(() => []);
    let n = 0;
    const typing = setInterval(() => {
      writers.forEach((c, i) => {
        const word = ` ك${i}-${n}`;
        typed[i]!.push(word.trim());
        typeInto(c.doc, `كاتب ${i}:`, word);
      });
      n++;
    }, 15);
    await new Promise((r) => setTimeout(r, 1500));
    await server.kill(); // SIGKILL: no flush, no goodbye
    await Promise.all(writers.map((c) => c.closed));
    await new Promise((r) => setTimeout(r, 300)); // typing continues offline
    clearInterval(typing);
    expect(n).toBeGreaterThan(10);

    server = await start();
    await Promise.all(writers.map((c) => c.open())).catch((err) => {
      throw new Error(`${err}\n${server!.logs.join("")}`);
    });
    await Promise.all(writers.map((c) => c.synced));
    await waitFor(
      "all five to converge",
      () => writers.map((c) => c.text()),
      (texts) => texts.every((t) => t === texts[0]),
      30_000,
    );
    const text = writers[0]!.text();
    typed.forEach((words, i) => {
      for (const w of words) expect(text, `client ${i} word ${w}`).toContain(` ${w}`);
    });
    // And the server has it all: a new client gets the same paper, and so does one after a clean restart.
    const late = await RawClient.connect(server.url, server.paperId, server.cookies["observer@example.org"]!);
    clients.push(late);
    await late.synced;
    expect(late.text()).toBe(text);
    await Promise.all([...writers, late].map((c) => c.close()));
    expect(await server.stop()).toBe(0);
    server = await start();
    const after = await RawClient.connect(server.url, server.paperId, server.cookies["observer@example.org"]!);
    clients.push(after);
    await after.synced;
    expect(after.text()).toBe(text);
  });
});

/** Appends to the paragraph that starts with `label` (each writer has its own). */
function typeInto(doc: Y.Doc, label: string, text: string) {
  for (const node of doc.getXmlFragment("default").toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    const t = node.get(0);
    if (t instanceof Y.XmlText && t.toString().startsWith(label)) {
      t.insert(t.length, text);
      return;
    }
  }
  throw new Error(`no paragraph ${label}`);
}
