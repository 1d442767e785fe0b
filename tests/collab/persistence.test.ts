// The write-behind log's commit window (ADR 0011): rows wait for it only while a batch is not full.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import pino from "pino";
import * as Y from "yjs";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { PaperPersistence } from "../../server/collab/persistence.js";
import { collabOptions } from "../../server/collab/options.js";

describe.each(backends)("paper persistence on %s", (backend) => {
  let db: TestDb;
  let paperId: string;
  beforeAll(async () => {
    db = await freshDb(backend);
    const conference = await db.prisma.conference.create({ data: { nameAr: "مؤتمر", city: "قامشلو", slug: `p-${Date.now()}` } });
    paperId = (await db.prisma.paper.create({ data: { conferenceId: conference.id, title: "ورقة العمل" } })).id;
  });
  afterAll(() => db?.destroy());

  /** n one-character edits, each its own update. */
  function edits(n: number): Uint8Array[] {
    const doc = new Y.Doc();
    const out: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => out.push(u));
    for (let i = 0; i < n; i++) doc.getText("t").insert(i, "ب");
    return out;
  }
  const rows = async () => db.prisma.paperUpdate.count({ where: { paperId } });

  it("writes a full batch at once, the rest at the end of the window or on close; nothing is lost", async () => {
    // A window far longer than the test: only a full batch (500 rows) may be written before close.
    const persistence = new PaperPersistence(pino({ level: "silent" }), collabOptions({ writeDelayMs: 600_000, compactAfterUpdates: 100_000 }), db.sql);
    const written = edits(501).map((u) => persistence.append(paperId, u, null));
    for (let waited = 0; (await rows()) < 500 && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(await rows()).toBe(500);
    expect(persistence.pending).toBe(1); // the 501st waits for the window
    await persistence.close();
    await Promise.all(written);
    expect(await rows()).toBe(501);
  });
});
