// A client that stops reading must not make the server hold the paper's traffic for it without end:
// once what waits for it passes maxBufferedBytes, that connection alone is closed (4408), and the
// others keep receiving. Broadcasts are written under ws (wire.ts), so this also checks that ws's
// bufferedAmount still counts them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawClient, waitFor } from "./helpers/raw-client.js";
import { startCollabServer, type CollabTestServer } from "./helpers/servers.js";
import { buildPaperState, paperText } from "../../app/domain/paper-doc.js";
import { CloseCode } from "../../server/collab/options.js";

const MB = 1024 * 1024;

describe("a receiver that stops reading", () => {
  let s: CollabTestServer;
  const clients: RawClient[] = [];

  beforeAll(async () => {
    s = await startCollabServer({
      backend: "pglite",
      collab: {
        maxBufferedBytes: 256 * 1024,
        // Room for the writer's ~12 MB: only the receiver's limit is under test.
        maxDocBytes: 64 * MB,
        bytesPerSecond: 64 * MB,
        byteBurst: 64 * MB,
      },
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await s?.close();
  });

  it("is closed as too slow once its backlog passes the limit; the others get every edit", async () => {
    const paper = await s.running.services.prisma.paper.create({
      data: {
        conferenceId: s.conferenceId,
        title: "ورقة المستلم البطيء",
        snapshots: { create: { state: Buffer.from(buildPaperState([{ title: "المقدمة", paragraphs: ["نص أول"] }])), upToUpdate: 0n } },
      },
    });
    const connect = async (email: string) => {
      const c = await RawClient.connect(s.url, paper.id, await s.cookie(email));
      clients.push(c);
      await c.synced;
      return c;
    };
    const stalled = await connect("observer@example.org");
    const reader = await connect("delegate@example.org");
    const writer = await connect("committee@example.org");

    stalled.ws.pause(); // reads nothing more from its socket
    // Twelve paragraphs of ~1 MB: more than the kernel's socket buffers take for a reader that is not reading.
    const paragraphs = Array.from({ length: 12 }, (_, i) => `${i} ${"ك".repeat(MB / 2)}`);
    for (const p of paragraphs) {
      writer.appendParagraph(p);
      await new Promise((r) => setTimeout(r, 20));
    }
    // The active reader has all of it, so the server has sent (or queued) everything.
    await waitFor("the reader to have every paragraph", () => reader.text(), (text) => text.includes(`11 ${"ك".repeat(10)}`), 30_000);
    expect(reader.text()).toBe(writer.text());

    stalled.ws.resume(); // it now reads its backlog, then the server's close frame
    const closed = await stalled.closed;
    expect(closed.code).toBe(CloseCode.tooSlow);
    expect(reader.closeInfo).toBeNull();
    expect(writer.closeInfo).toBeNull();
    expect(paperText(await s.running.services.papers.read(paper.id))).toBe(writer.text());
  });
});
