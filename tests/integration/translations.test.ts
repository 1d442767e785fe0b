// Translations of the paper per block (ADR 0063) on both databases, through the real collab PaperStore:
// write, progress, going out of date when the block's Arabic changes under concurrent edits (with the
// word diff since the translation), confirm and update, stale versions, and who may do it.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { createServer } from "node:http";
import { pino } from "pino";
import * as Y from "yjs";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { seedDemo } from "../../prisma/seed.js";
import { attachCollab, type Collab } from "../../server/collab/index.js";
import type { AppServices } from "~/services.server";
import { DomainError } from "~/domain/errors";
import { paperBlocks } from "~/domain/paper-doc";
import { conferencePaper } from "~/domain/papers.server";
import { saveTranslation, translatedBlocks, translationProgress } from "~/domain/translations.server";
import type { Actor } from "~/policy";
import { actorFor } from "../helpers/actors.js";

function open(db: TestDb): { svc: AppServices; collab: Collab } {
  const svc = {
    prisma: db.prisma, sql: db.sql, dbKind: db.kind, redis: false, version: "test", sessionSecret: "test-secret-test-secret-test-secret",
    secureCookies: false, realtime: { emit: () => {} }, mail: { appUrl: "http://127.0.0.1", linkKey: Buffer.alloc(32, 7) },
    papers: null as unknown as AppServices["papers"], log: pino({ level: "silent" }),
  } as AppServices;
  const collab = attachCollab(createServer(), svc, null, {}, db.sql);
  svc.papers = collab.papers;
  return { svc, collab };
}

/** The block's XmlText in a doc, by its id. */
function textOfBlock(doc: Y.Doc, blockId: string): Y.XmlText {
  const walk = (node: Y.XmlFragment | Y.XmlElement): Y.XmlText | null => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.getAttribute("blockid") === blockId) return child.get(0) as Y.XmlText;
      const found = walk(child);
      if (found) return found;
    }
    return null;
  };
  const t = walk(doc.getXmlFragment("default"));
  if (!t) throw new Error(`no block ${blockId}`);
  return t;
}

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
};

describe.each(backends)("paper translations on %s", (backend) => {
  let db: TestDb;
  let svc: AppServices;
  let collab: Collab;
  let paperId: string;
  let committee: Actor;
  let delegate: Actor;
  let committeeId: string;

  beforeAll(async () => {
    db = await freshDb(backend);
    await seedDemo(db.prisma);
    ({ svc, collab } = open(db));
    const conf = await db.prisma.conference.findFirstOrThrow();
    paperId = (await conferencePaper(db.prisma, conf.id)).id;
    const id = async (email: string) => (await db.prisma.user.findUniqueOrThrow({ where: { email } })).id;
    committeeId = await id("committee@example.org");
    committee = await actorFor(db.prisma, committeeId);
    const delegateMember = await db.prisma.membership.findFirstOrThrow({ where: { role: "DELEGATE", conferenceId: conf.id } });
    delegate = await actorFor(db.prisma, delegateMember.userId);
  });
  afterAll(async () => {
    await collab?.close();
    await db?.destroy();
  });

  it("every block has an id; progress counts them all missing before any translation", async () => {
    const blocks = await translatedBlocks(db.prisma, paperId, "ku");
    expect(blocks.length).toBeGreaterThan(2);
    expect(new Set(blocks.map((b) => b.blockId)).size).toBe(blocks.length);
    expect(blocks.every((b) => b.status === "missing")).toBe(true);
    const [ku, en] = await translationProgress(db.prisma, paperId);
    expect(ku).toMatchObject({ language: "ku", current: 0, outdated: 0 });
    expect(ku!.missing).toBe(ku!.total);
    expect(en!.language).toBe("en");
  });

  it("goes out of date when the block's Arabic changes under concurrent edits, with the Arabic diff since", async () => {
    const [target, other] = (await translatedBlocks(db.prisma, paperId, "en")).filter((b) => b.kind === "paragraph" && b.arabic.length > 10);
    const saved = await saveTranslation(svc, committee, paperId, { blockId: target!.blockId, language: "en", intent: "save", text: "The first article, in English." });
    expect(saved).toMatchObject({ version: 1, status: "current" });
    await saveTranslation(svc, committee, paperId, { blockId: other!.blockId, language: "en", intent: "save", text: "Another block." });

    // Two editors start from the same paper and edit offline at once: one appends to the block, the
    // other prepends a word and splits the *other* block; the server merges both.
    const state = Y.encodeStateAsUpdate(await svc.papers.read(paperId));
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, state);
    Y.applyUpdate(b, state);
    const ta = textOfBlock(a, target!.blockId);
    ta.insert(ta.length, " بالإجماع");
    const tb = textOfBlock(b, target!.blockId);
    tb.insert(0, "أولاً ");
    b.transact(() => {
      const to = textOfBlock(b, other!.blockId);
      const tail = to.toString().slice(5);
      to.delete(5, to.length - 5);
      const el = to.parent as Y.XmlElement;
      const p = new Y.XmlElement("paragraph");
      p.setAttribute("blockid", "split-half-1");
      p.insert(0, [new Y.XmlText(tail)]);
      (el.parent as Y.XmlFragment).insert((el.parent as Y.XmlFragment).toArray().indexOf(el) + 1, [p]);
    });
    const ua = Y.encodeStateAsUpdate(a, Y.encodeStateVector(await svc.papers.read(paperId)));
    const ub = Y.encodeStateAsUpdate(b, Y.encodeStateVector(await svc.papers.read(paperId)));
    await svc.papers.change(paperId, committeeId, (doc) => Y.applyUpdate(doc, ub));
    await svc.papers.change(paperId, committeeId, (doc) => Y.applyUpdate(doc, ua));

    const now = await svc.papers.read(paperId);
    const current = paperBlocks(now).find((x) => x.id === target!.blockId)!;
    expect(current.text).toBe(`أولاً ${target!.arabic} بالإجماع`);

    const blocks = await translatedBlocks(db.prisma, paperId, "en");
    const t = blocks.find((x) => x.blockId === target!.blockId)!;
    expect(t.status).toBe("outdated");
    expect(t.arabic).toBe(current.text);
    expect(t.translation?.sourceText).toBe(target!.arabic);
    expect(t.diff!.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["أولاً", "بالإجماع"]);
    expect(t.diff!.filter((p) => p.kind === "removed")).toEqual([]);
    expect(t.diff!.map((p) => (p.kind === "removed" ? "" : p.text)).join("")).toBe(current.text);
    // The split block kept its id (first half) and is out of date too; its new half is missing.
    expect(blocks.find((x) => x.blockId === other!.blockId)!.status).toBe("outdated");
    expect(blocks.find((x) => x.blockId === "split-half-1")!.status).toBe("missing");

    const en = (await translationProgress(db.prisma, paperId)).find((p) => p.language === "en")!;
    expect(en).toMatchObject({ current: 0, outdated: 2 });
    expect(en.missing).toBe(en.total - 2);
  });

  it("a translator confirms (the text stays) or updates it; a stale version is refused, nothing lost", async () => {
    const blocks = await translatedBlocks(db.prisma, paperId, "en");
    const [t, u] = blocks.filter((x) => x.status === "outdated");
    const confirmed = await saveTranslation(svc, committee, paperId, { blockId: t!.blockId, language: "en", intent: "confirm", version: t!.translation!.version });
    expect(confirmed.version).toBe(2);
    const again = (await translatedBlocks(db.prisma, paperId, "en")).find((x) => x.blockId === t!.blockId)!;
    expect(again).toMatchObject({ status: "current", diff: null });
    expect(again.translation!.text).toBe("The first article, in English.");
    expect(again.translation!.sourceText).toBe(again.arabic);

    // Someone saved in between: the old version is refused and the saved text is kept.
    const stale = await refusal(saveTranslation(svc, committee, paperId, { blockId: t!.blockId, language: "en", intent: "save", text: "Lost?", version: 1 }));
    expect(stale.code).toBe("stale_version");
    expect((await translatedBlocks(db.prisma, paperId, "en")).find((x) => x.blockId === t!.blockId)!.translation!.text).toBe("The first article, in English.");

    await saveTranslation(svc, committee, paperId, { blockId: u!.blockId, language: "en", intent: "save", text: "Another block, updated.", version: u!.translation!.version });
    const en = (await translationProgress(db.prisma, paperId)).find((p) => p.language === "en")!;
    expect(en).toMatchObject({ current: 2, outdated: 0 });
    const audit = await db.prisma.auditEvent.findMany({ where: { action: { startsWith: "paper.translation." } } });
    expect(audit.map((e) => e.action).sort()).toEqual(["paper.translation.confirm", "paper.translation.save", "paper.translation.save", "paper.translation.save"]);
  });

  it("refuses delegates, unknown blocks and bad input", async () => {
    const [first] = await translatedBlocks(db.prisma, paperId, "ku");
    expect((await refusal(saveTranslation(svc, delegate, paperId, { blockId: first!.blockId, language: "ku", intent: "save", text: "Na" }))).code).toBe("forbidden");
    expect((await refusal(saveTranslation(svc, committee, paperId, { blockId: "no-such-block", language: "ku", intent: "save", text: "Na" }))).code).toBe("not_found");
    expect((await refusal(saveTranslation(svc, committee, paperId, { blockId: first!.blockId, language: "fr", intent: "save", text: "Non" }))).code).toBe("bad_request");
    expect((await refusal(saveTranslation(svc, committee, paperId, { blockId: first!.blockId, language: "ku", intent: "save", text: "   " }))).code).toBe("bad_request");
    expect((await refusal(saveTranslation(svc, committee, paperId, { blockId: first!.blockId, language: "ku", intent: "save", text: "x".repeat(20_001) }))).code).toBe("bad_request");
    expect((await refusal(saveTranslation(svc, committee, paperId, { blockId: first!.blockId, language: "ku", intent: "confirm" }))).code).toBe("bad_request");
    expect(await db.prisma.paperTranslation.count({ where: { language: "ku" } })).toBe(0);
  });
});
