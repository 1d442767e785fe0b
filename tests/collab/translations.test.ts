// Translations co-edited live (ADR 0074) through the real collab server, on both databases: one Yjs
// document per (paper, language) at /collab/<paperId>:<language>. Two translators typing into the same
// block converge and the text is written through to the PaperTranslation row; readers read but their
// updates are refused; outsiders are refused at the gate; a form or API save reaches the live document;
// a language's rows seed its document; the document is stored and reopened like the paper.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import * as Y from "yjs";
import { backends } from "../helpers/db.js";
import { RawClient, waitFor } from "./helpers/raw-client.js";
import { signedInClients, startCollabServer, type CollabTestServer } from "./helpers/servers.js";
import { actorFor } from "../helpers/actors.js";
import { paperBlocks } from "~/domain/paper-doc";
import { blockField, fragmentText, translationDocName } from "~/domain/translation-doc";
import { saveTranslation } from "~/domain/translations.server";
import { CloseCode } from "../../server/collab/options.js";

const COMMITTEE = "committee@example.org";
const COMMITTEE2 = "committee2@example.org";
const ORGANIZER = "organizer@example.org";
const DELEGATE = "delegate@example.org";
const OBSERVER = "observer@example.org";

async function eventually<T>(what: string, get: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (check(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(v)?.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Types text into a block's fragment at `at` (creating its paragraph), as the Tiptap binding writes it. */
function typeInto(doc: Y.Doc, blockId: string, at: number, text: string) {
  const fragment = doc.getXmlFragment(blockField(blockId));
  doc.transact(() => {
    if (fragment.length === 0) {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText()]);
      fragment.insert(0, [p]);
    }
    const t = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.insert(Math.min(at, t.length), text);
  });
}

const blockText = (doc: Y.Doc, blockId: string) => fragmentText(doc.getXmlFragment(blockField(blockId)));

describe.each(backends)("translations co-edited live on %s", (backend) => {
  let s: CollabTestServer;
  const { clients, cookie, connect } = signedInClients(() => s);
  const prisma = () => s.running.services.prisma;
  const row = (blockId: string, language = "en") =>
    prisma().paperTranslation.findUnique({ where: { paperId_blockId_language: { paperId: s.paperId, blockId, language } } });
  let blocks: { id: string; text: string }[] = [];
  /** A translator types `text` into an empty block: the client, once the row has the text. */
  const typedAndWritten = async (name: string, email: string, block: string, text: string) => {
    const c = await connect(name, email);
    await c.synced;
    typeInto(c.doc, block, 0, text);
    await eventually("the row", () => row(block, name.split(":")[1]), (r) => r?.text === text);
    return c;
  };

  beforeAll(async () => {
    s = await startCollabServer({ backend, collab: { translationWriteDelayMs: 100, unloadGraceMs: 300, writeDelayMs: 20 } });
    blocks = paperBlocks(await s.running.services.papers.read(s.paperId)).filter((b) => b.text.trim().length > 5);
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => {});
    await s?.close();
  });

  it("merges two translators typing into the same block, and writes the text through to the row", async () => {
    const name = translationDocName(s.paperId, "en");
    const [a, b] = [await connect(name, COMMITTEE), await connect(name, COMMITTEE2)];
    await Promise.all([a.synced, b.synced]);
    const block = blocks[0]!.id;
    typeInto(a.doc, block, 0, "Hello world");
    await waitFor("b to see a's text", () => blockText(b.doc, block), (t) => t === "Hello world");
    // At once, before either has seen the other's keystrokes.
    typeInto(a.doc, block, 5, ", dear");
    typeInto(b.doc, block, 11, "!");
    await waitFor("a and b to converge", () => [blockText(a.doc, block), blockText(b.doc, block)], ([x, y]) => x === y && x!.length === "Hello, dear world!".length);
    expect(blockText(a.doc, block)).toBe("Hello, dear world!");
    const written = await eventually("the row to follow the document", () => row(block), (r) => r?.text === "Hello, dear world!");
    // Typing counts as a save against the Arabic now: the block is up to date.
    expect(written!.sourceText).toBe(blocks[0]!.text);
    const ids = [await prisma().user.findUniqueOrThrow({ where: { email: COMMITTEE } }), await prisma().user.findUniqueOrThrow({ where: { email: COMMITTEE2 } })].map((u) => u.id);
    expect(ids).toContain(written!.updatedById);
    const audit = await prisma().auditEvent.findFirst({ where: { action: "paper.translation.save", subjectId: `${block}:en` }, orderBy: { id: "desc" } });
    expect(audit).not.toBeNull();

    // The other language is another document: nothing of this reached it.
    const ku = await connect(translationDocName(s.paperId, "ku"), COMMITTEE);
    await ku.synced;
    expect(blockText(ku.doc, block)).toBe("");

    // Emptied out, the block's translation is missing again.
    b.doc.transact(() => {
      const t = (b.doc.getXmlFragment(blockField(block)).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      t.delete(0, t.length);
    });
    await eventually("the row to go", () => row(block), (r) => r === null);
  });

  it("lets readers of the paper read a translation but refuses their updates", async () => {
    const name = translationDocName(s.paperId, "en");
    const block = blocks[1]!.id;
    const writer = await typedAndWritten(name, ORGANIZER, block, "Readers read this.");
    for (const email of [OBSERVER, DELEGATE]) {
      const reader = await connect(name, email);
      await reader.synced;
      expect(blockText(reader.doc, block)).toBe("Readers read this.");
      typeInto(reader.doc, block, 0, "Not mine to write. ");
      await reader.roundTrip();
      await writer.roundTrip();
      // Neither applied nor relayed nor written through; the connection stays open (read-only rule).
      expect(blockText(writer.doc, block)).toBe("Readers read this.");
      expect((await row(block))!.text).toBe("Readers read this.");
      expect(reader.closeInfo).toBeNull();
    }
  });

  it("refuses outsiders, visitors and names that are no translation at the gate", async () => {
    const name = translationDocName(s.paperId, "ku");
    await expect(RawClient.connect(s.url, name, "")).rejects.toMatchObject({ status: 401 });
    const other = await prisma().conference.create({ data: { nameAr: "مؤتمر آخر", city: "برلين", slug: `other-tr-${Date.now()}` } });
    await prisma().user.create({ data: { email: "outsider-tr@example.org", name: "عضو مؤتمر آخر", memberships: { create: { conferenceId: other.id, role: "ORGANIZER" } } } });
    await expect(RawClient.connect(s.url, name, await cookie("outsider-tr@example.org"))).rejects.toMatchObject({ status: 403 });
    await expect(RawClient.connect(s.url, `${s.paperId}:fr`, await cookie(COMMITTEE))).rejects.toMatchObject({ status: 400 });
    await expect(RawClient.connect(s.url, `${s.paperId}:en:x`, await cookie(COMMITTEE))).rejects.toMatchObject({ status: 400 });
    await expect(RawClient.connect(s.url, "no-such-paper:en", await cookie(COMMITTEE))).rejects.toMatchObject({ status: 404 });
  });

  it("closes a writer whose update is not a translation's (another root, formatting)", async () => {
    const name = translationDocName(s.paperId, "ku");
    const foreign = await connect(name, COMMITTEE);
    await foreign.synced;
    foreign.doc.getXmlFragment("default").insert(0, [new Y.XmlElement("paragraph")]);
    expect((await foreign.closed).code).toBe(CloseCode.foreignUpdate);
    const formatting = await connect(name, COMMITTEE);
    await formatting.synced;
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText()]);
    formatting.doc.getXmlFragment(blockField(blocks[0]!.id)).insert(0, [p]);
    (p.get(0) as Y.XmlText).insert(0, "bold", { bold: true });
    expect((await formatting.closed).code).toBe(CloseCode.foreignUpdate);
  });

  it("brings a form or API save into the live document, and starts a document from its rows", async () => {
    const name = translationDocName(s.paperId, "ku");
    const block = blocks[2]!.id;
    const organizer = await actorFor(prisma(), (await prisma().user.findUniqueOrThrow({ where: { email: ORGANIZER } })).id);
    const delegate = await actorFor(prisma(), (await prisma().user.findUniqueOrThrow({ where: { email: DELEGATE } })).id);
    const live = await connect(name, COMMITTEE);
    await live.synced;
    const saved = await saveTranslation(s.running.services, organizer, s.paperId, { blockId: block, language: "ku", intent: "save", text: "Wergera yekem." });
    expect(saved.version).toBe(1);
    await waitFor("the save in the live document", () => blockText(live.doc, block), (t) => t === "Wergera yekem.");
    // The translator types on after it; the row follows the document again.
    typeInto(live.doc, block, "Wergera yekem".length, " û duyem");
    await eventually("the row", () => row(block, "ku"), (r) => r?.text === "Wergera yekem û duyem.");
    // A delegate may not save (403 in the API), and nothing reaches the document.
    await expect(saveTranslation(s.running.services, delegate, s.paperId, { blockId: block, language: "ku", intent: "save", text: "Na.", version: 2 })).rejects.toMatchObject({ code: "forbidden" });
    await live.roundTrip();
    expect(blockText(live.doc, block)).toBe("Wergera yekem û duyem.");

    // Rows written before the language's document existed (ADR 0063) are its first state.
    const fresh = await prisma().paper.create({ data: { conferenceId: s.conferenceId, title: "ورقة أخرى" } });
    await prisma().paperTranslation.create({ data: { paperId: fresh.id, blockId: block, language: "en", text: "From the row.", sourceText: "x" } });
    const first = await connect(translationDocName(fresh.id, "en"), OBSERVER);
    await first.synced;
    expect(blockText(first.doc, block)).toBe("From the row.");
    expect(await prisma().translationSnapshot.count({ where: { docId: translationDocName(fresh.id, "en") } })).toBe(1);
  });

  it("stores the document like the paper: it reopens with its text after everyone left", async () => {
    const name = translationDocName(s.paperId, "en");
    const block = blocks[3]!.id;
    await typedAndWritten(name, COMMITTEE, block, "Kept across unloads.");
    for (const c of clients.splice(0)) await c.close();
    await waitFor("the document to unload", () => s.running.collab.isOpen(name), (open) => !open, 10_000);
    expect(await prisma().translationUpdate.count({ where: { docId: name } })).toBeGreaterThan(0);
    const again = await connect(name, OBSERVER);
    await again.synced;
    expect(blockText(again.doc, block)).toBe("Kept across unloads.");
  });

  it("turns a translator's connection read-only once they may no longer translate", async () => {
    const name = translationDocName(s.paperId, "ku");
    const block = blocks[4]!.id;
    const translator = await typedAndWritten(name, COMMITTEE2, block, "Hêj wergêr.");
    const watcher = await connect(name, COMMITTEE);
    await watcher.synced;
    const user = await prisma().user.findUniqueOrThrow({ where: { email: COMMITTEE2 } });
    await prisma().membership.updateMany({ where: { userId: user.id, conferenceId: s.conferenceId }, data: { role: "OBSERVER" } });
    try {
      s.running.services.access!.changed([user.id]);
      // The server stamps presence with the connection's read-only flag: it shows once re-authorisation ran.
      await eventually(
        "the connection to turn read-only",
        async () => {
          translator.sendPresence({ user: { name: "x" } });
          await translator.roundTrip();
          await watcher.roundTrip();
          return [...watcher.awareness.getStates().values()].some((st) => (st.user as { id?: string; readOnly?: boolean } | undefined)?.id === user.id && (st.user as { readOnly?: boolean }).readOnly === true);
        },
        (readOnly) => readOnly,
      );
      typeInto(translator.doc, block, 0, "Êdî na. ");
      await translator.roundTrip();
      await watcher.roundTrip();
      expect(blockText(watcher.doc, block)).toBe("Hêj wergêr.");
      expect((await row(block, "ku"))!.text).toBe("Hêj wergêr.");
    } finally {
      await prisma().membership.updateMany({ where: { userId: user.id, conferenceId: s.conferenceId }, data: { role: "COMMITTEE" } });
    }
  });
});
