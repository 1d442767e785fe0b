// The paper holds only what the editor's schema knows (ADR 0028): the collab server refuses an update
// that writes an unknown element, attribute, mark, a forbidden link or another kind of shared type,
// and the server-rendered views skip stored content they cannot render instead of failing the page.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import * as Y from "yjs";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { backends } from "../helpers/db.js";
import { RawClient, syncMessage, waitFor } from "./helpers/raw-client.js";
import { startCollabServer, type CollabTestServer } from "./helpers/servers.js";
import { buildPaperState, paperText } from "../../app/domain/paper-doc.js";
import { paperJson } from "../../app/domain/papers.server.js";
import { PaperView } from "../../app/components/editor/PaperView.js";
import { CloseCode } from "../../server/collab/options.js";

const COMMITTEE = "committee@example.org";

/** An update that the change makes to a copy of the client's paper. */
function updateOf(base: Y.Doc, change: (fragment: Y.XmlFragment) => void): Uint8Array {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(d);
  d.transact(() => change(d.getXmlFragment("default")));
  return Y.encodeStateAsUpdate(d, sv);
}

const paragraph = (text: string, attrs: Record<string, unknown> = {}) => {
  const p = new Y.XmlElement("paragraph");
  for (const [k, v] of Object.entries(attrs)) p.setAttribute(k, v as string);
  p.insert(0, [new Y.XmlText(text)]);
  return p;
};

describe.each(backends)("the paper's schema on %s", (backend) => {
  let s: CollabTestServer;
  const clients: RawClient[] = [];
  beforeAll(async () => {
    s = await startCollabServer({ backend });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await s?.close();
  });
  const newPaper = async () =>
    (
      await s.running.services.prisma.paper.create({
        data: { conferenceId: s.conferenceId, title: "مخطط", snapshots: { create: { state: Buffer.from(buildPaperState([{ title: "المقدمة", paragraphs: ["نص"] }])), upToUpdate: 0n } } },
      })
    ).id;

  it("refuses updates outside the schema and closes only that connection; the editor's own updates pass", async () => {
    const paperId = await newPaper();
    const cookie = await s.cookie(COMMITTEE);
    const watcher = await RawClient.connect(s.url, paperId, cookie);
    clients.push(watcher);
    await watcher.synced;
    const before = watcher.text();

    const cases: { name: string; change: (f: Y.XmlFragment) => void }[] = [
      { name: "a script element", change: (f) => f.insert(f.length, [Object.assign(new Y.XmlElement("script"), {})]) },
      { name: "an unknown attribute", change: (f) => f.insert(f.length, [paragraph("x", { onclick: "alert(1)" })]) },
      { name: "an attribute that is not a plain value", change: (f) => f.insert(f.length, [paragraph("x", { dir: { evil: true } })]) },
      {
        name: "an unknown mark",
        change: (f) => {
          const t = new Y.XmlText();
          f.insert(f.length, [Object.assign(new Y.XmlElement("paragraph"))]);
          (f.get(f.length - 1) as Y.XmlElement).insert(0, [t]);
          t.insert(0, "x", { blink: {} });
        },
      },
      {
        name: "a javascript: link",
        change: (f) => {
          const t = new Y.XmlText();
          f.insert(f.length, [new Y.XmlElement("paragraph")]);
          (f.get(f.length - 1) as Y.XmlElement).insert(0, [t]);
          t.insert(0, "انقر", { link: { href: "javascript:alert(1)" } });
        },
      },
      { name: "a map inside the paper", change: (f) => f.insert(f.length, [new Y.Map() as unknown as Y.XmlElement]) },
    ];
    for (const tc of cases) {
      const bad = await RawClient.connect(s.url, paperId, cookie);
      clients.push(bad);
      await bad.synced;
      bad.send(syncMessage(2, updateOf(bad.doc, tc.change)));
      const info = await Promise.race([bad.closed, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
      expect(info?.code, tc.name).toBe(CloseCode.foreignUpdate);
      expect(watcher.closeInfo, tc.name).toBeNull();
      expect(paperText(await s.running.services.papers.read(paperId)), tc.name).toBe(before);
    }

    // What the editor writes: a paragraph with its direction, bold text and a web link.
    const good = await RawClient.connect(s.url, paperId, cookie);
    clients.push(good);
    await good.synced;
    good.send(
      syncMessage(
        2,
        updateOf(good.doc, (f) => {
          const t = new Y.XmlText();
          const p = new Y.XmlElement("paragraph");
          p.setAttribute("dir", "auto");
          f.insert(f.length, [p]);
          p.insert(0, [t]);
          t.insert(0, "نص عريض", { bold: {} });
          t.insert(t.length, " ورابط", { link: { href: "https://example.org", target: null, rel: "noopener noreferrer nofollow", class: null, title: null } });
        }),
      ),
    );
    await waitFor("the good edit to arrive", () => watcher.text(), (t) => t.endsWith("نص عريض ورابط"));
    expect(good.closeInfo).toBeNull();
  });
});

describe("rendering stored content the schema does not know", () => {
  it("skips the unknown node and mark instead of failing the page", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, buildPaperState([{ title: "المقدمة", paragraphs: ["قبل"] }]));
    const f = doc.getXmlFragment("default");
    const script = new Y.XmlElement("script");
    script.insert(0, [new Y.XmlText("alert(1)")]);
    const p = new Y.XmlElement("paragraph");
    const t = new Y.XmlText();
    f.insert(f.length, [script, p]);
    p.insert(0, [t]);
    t.insert(0, "بعد", { blink: {} });
    const html = renderToStaticMarkup(createElement(PaperView, { content: paperJson(doc) }));
    expect(html).toContain("قبل");
    expect(html).toContain("بعد");
    expect(html).not.toContain("alert(1)");
  });
});
