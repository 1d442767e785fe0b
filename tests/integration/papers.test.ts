// Versions of the working paper on both databases, through the real collab PaperStore (server/collab):
// save with name and author, list, view, compare word by word, restore as a new change (persisted and
// reloaded from the database), automatic daily versions (one per day, also with concurrent callers).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { createServer } from "node:http";
import { pino } from "pino";
import * as Y from "yjs";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { seedDemo } from "../../prisma/seed.js";
import { attachCollab, type Collab } from "../../server/collab/index.js";
import type { AppServices } from "~/services.server";
import { DomainError } from "~/domain/errors";
import { paperText } from "~/domain/paper-doc";
import {
  compareVersions,
  conferencePaper,
  currentContent,
  ensureDailyVersion,
  forgetDailyVersions,
  getVersion,
  listVersions,
  restoreVersion,
  saveVersion,
  versionContent,
  docFromState,
} from "~/domain/papers.server";
import { textBlocks } from "~/domain/papers-diff";
import type { Actor } from "~/policy";
import { actorFor } from "../helpers/actors.js";

function services(db: TestDb): AppServices {
  return {
    prisma: db.prisma,
    sql: db.sql,
    dbKind: db.kind,
    redis: false,
    version: "test",
    sessionSecret: "test-secret-test-secret-test-secret",
    secureCookies: false,
    realtime: { emit: () => {} },
    mail: { appUrl: "http://127.0.0.1", linkKey: Buffer.alloc(32, 7) },
    papers: null as unknown as AppServices["papers"],
    log: pino({ level: "silent" }),
  };
}

function open(db: TestDb): { svc: AppServices; collab: Collab } {
  const svc = services(db);
  const collab = attachCollab(createServer(), svc, null, {}, db.sql);
  svc.papers = collab.papers;
  return { svc, collab };
}

/** Replaces `from` with `to` in the first block containing it (an editor's typing, as one Yjs change). */
function replaceWords(doc: Y.Doc, from: string, to: string) {
  const walk = (node: Y.XmlFragment | Y.XmlElement): boolean => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        const s = child.toString();
        const at = s.indexOf(from);
        if (at >= 0) {
          child.delete(at, from.length);
          child.insert(at, to);
          return true;
        }
      } else if (child instanceof Y.XmlElement && walk(child)) return true;
    }
    return false;
  };
  if (!walk(doc.getXmlFragment("default"))) throw new Error(`text not found: ${from}`);
}

function appendParagraph(doc: Y.Doc, text: string) {
  const f = doc.getXmlFragment("default");
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  f.insert(f.length, [p]);
}

const plain = (json: Parameters<typeof textBlocks>[0]) => textBlocks(json).map((b) => b.text).join("\n");

describe.each(backends)("paper versions on %s", (backend) => {
  let db: TestDb;
  let svc: AppServices;
  let collab: Collab;
  let paperId: string;
  let committeeId: string;
  let organizerId: string;
  let committee: Actor;
  let organizer: Actor;

  beforeAll(async () => {
    db = await freshDb(backend);
    await seedDemo(db.prisma);
    ({ svc, collab } = open(db));
    const conf = await db.prisma.conference.findFirstOrThrow();
    paperId = (await conferencePaper(db.prisma, conf.id)).id;
    committeeId = (await db.prisma.user.findUniqueOrThrow({ where: { email: "committee@example.org" } })).id;
    organizerId = (await db.prisma.user.findUniqueOrThrow({ where: { email: "organizer@example.org" } })).id;
    [committee, organizer] = await Promise.all([actorFor(db.prisma, committeeId), actorFor(db.prisma, organizerId)]);
  });
  afterAll(async () => {
    await collab?.close();
    await db?.destroy();
  });

  it("saves a named version with the full Yjs state and who saved it", async () => {
    await svc.papers.change(paperId, committeeId, (doc) => appendParagraph(doc, "فقرة أضافتها اللجنة قبل الحفظ."));
    const v = await saveVersion(svc, committee, { paperId, name: "  بعد اجتماع   اللجنة " });
    expect(v.name).toBe("بعد اجتماع اللجنة");
    expect(v.createdBy?.name).toBeTruthy();

    // The first change of the day may also leave an automatic version, written once the update is
    // persisted (possibly after the save): the newest *named* version is the one just saved.
    const list = await listVersions(db.prisma, paperId);
    const newestNamed = list.find((x) => !x.automatic)!;
    expect(newestNamed.id).toBe(v.id);
    expect(newestNamed.createdBy?.id).toBe(committeeId);
    expect(list.map((x) => x.name)).toContain("المسودة الأولى"); // the seed's version

    // The stored state is the whole document: it decodes on its own to the current text.
    const stored = await getVersion(db.prisma, paperId, v.id);
    const alone = docFromState(stored.state);
    expect(paperText(alone)).toContain("فقرة أضافتها اللجنة قبل الحفظ.");
    expect(plain((await versionContent(db.prisma, paperId, v.id)).content)).toBe(plain(await currentContent(svc, paperId)));

    const audit = await db.prisma.auditEvent.findFirst({ where: { action: "paper.version.save", subjectId: v.id } });
    expect(audit?.actorId).toBe(committeeId);
  });

  it("refuses a version without a name or with a too long one, and saves nothing", async () => {
    const before = await db.prisma.paperVersion.count({ where: { paperId } });
    for (const name of ["", "   ", null, "ن".repeat(121)]) {
      const err = await saveVersion(svc, committee, { paperId, name }).catch((e) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe("bad_request");
    }
    expect(await db.prisma.paperVersion.count({ where: { paperId } })).toBe(before);
  });

  it("compares two versions word by word, and a version with the current text", async () => {
    const v1 = await saveVersion(svc, committee, { paperId, name: "قبل التعديل" });
    await svc.papers.change(paperId, committeeId, (doc) => replaceWords(doc, "مكتب العلاقات العامة", "مكتب العلاقات الخارجية"));
    const v2 = await saveVersion(svc, committee, { paperId, name: "بعد التعديل" });

    const d = await compareVersions(svc, paperId, v1.id, v2.id);
    const changed = d.blocks.filter((b) => b.status !== "same");
    expect(changed).toHaveLength(1);
    expect(changed[0]!.parts.filter((p) => p.op === "del").map((p) => p.text)).toEqual(["العامة"]);
    expect(changed[0]!.parts.filter((p) => p.op === "ins").map((p) => p.text)).toEqual(["الخارجية"]);
    expect([d.insertedWords, d.deletedWords]).toEqual([1, 1]);

    const same = await compareVersions(svc, paperId, v2.id, "current");
    expect(same.blocks.every((b) => b.status === "same")).toBe(true);

    const err = await compareVersions(svc, paperId, "no-such-version", "current").catch((e) => e);
    expect((err as DomainError).code).toBe("not_found");
  });

  it("restores a version as a new change on top, keeps the replaced text as a version, and persists it", async () => {
    const target = await saveVersion(svc, committee, { paperId, name: "النسخة المرجعية" });
    await svc.papers.change(paperId, committeeId, (doc) => appendParagraph(doc, "فقرة ستختفي بعد الاستعادة."));
    const textBefore = plain(await currentContent(svc, paperId));
    const updatesBefore = await db.prisma.paperUpdate.count({ where: { paperId } });

    const { kept } = await restoreVersion(svc, organizer, { paperId, versionId: target.id, keptAsName: "قبل استعادة «النسخة المرجعية»" });

    const now = plain(await currentContent(svc, paperId));
    expect(now).toBe(plain((await versionContent(db.prisma, paperId, target.id)).content));
    expect(now).not.toContain("فقرة ستختفي بعد الاستعادة.");
    // The replaced text is a version of its own, and the restore is one more update by the organizer.
    expect(plain((await versionContent(db.prisma, paperId, kept.id)).content)).toBe(textBefore);
    expect(kept.automatic).toBe(true);
    expect(await db.prisma.paperUpdate.count({ where: { paperId } })).toBeGreaterThan(updatesBefore);
    expect(await db.prisma.paperUpdate.findFirst({ where: { paperId, userId: organizerId } })).not.toBeNull();
    expect(await db.prisma.auditEvent.findFirst({ where: { action: "paper.version.restore", subjectId: target.id } })).not.toBeNull();

    // From the database alone (a fresh collab store on the same database), the restored text is there.
    await collab.close();
    ({ svc, collab } = open(db));
    expect(plain(await currentContent(svc, paperId))).toBe(now);

    // Restoring the kept version brings the replaced text back: a restore can be undone.
    await restoreVersion(svc, organizer, { paperId, versionId: kept.id, keptAsName: "قبل التراجع" });
    expect(plain(await currentContent(svc, paperId))).toBe(textBefore);
  });

  it("a version of another paper is not found through this paper", async () => {
    const conf = await db.prisma.conference.findFirstOrThrow();
    const other = await db.prisma.paper.create({ data: { conferenceId: conf.id, title: "ورقة أخرى" } });
    const foreign = await db.prisma.paperVersion.create({ data: { paperId: other.id, name: "غريبة", state: Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())) } });
    for (const call of [() => versionContent(db.prisma, paperId, foreign.id), () => restoreVersion(svc, organizer, { paperId, versionId: foreign.id, keptAsName: "x" })]) {
      const err = await call().catch((e) => e);
      expect((err as DomainError).code).toBe("not_found");
    }
    await db.prisma.paper.delete({ where: { id: other.id } });
  });

  it("keeps one automatic version per UTC day, even with concurrent callers in two instances", async () => {
    forgetDailyVersions();
    const day1 = new Date("2031-03-04T10:00:00Z");
    await svc.papers.change(paperId, committeeId, (doc) => appendParagraph(doc, "تغيير في اليوم الأول."));
    // Two instances at once: the same database, no shared memory (the memo is cleared in between).
    const [a, b] = await Promise.all([ensureDailyVersion(svc, paperId, day1), (forgetDailyVersions(), ensureDailyVersion(svc, paperId, day1))]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const created = (a ?? b)!;
    expect(created.name).toBe("2031-03-04");
    expect(created.automatic).toBe(true);
    expect(paperText(docFromState((await getVersion(db.prisma, paperId, created.id)).state))).toContain("تغيير في اليوم الأول.");

    // Later that day: nothing new, from this process (memo) or another (database).
    expect(await ensureDailyVersion(svc, paperId, new Date("2031-03-04T23:59:00Z"))).toBeNull();
    forgetDailyVersions();
    expect(await ensureDailyVersion(svc, paperId, new Date("2031-03-04T18:00:00Z"))).toBeNull();

    const next = await ensureDailyVersion(svc, paperId, new Date("2031-03-05T00:01:00Z"));
    expect(next?.name).toBe("2031-03-05");
    const autos = await db.prisma.paperVersion.findMany({ where: { paperId, automatic: true, name: { startsWith: "2031-03-0" } } });
    expect(autos.map((v) => v.name).sort()).toEqual(["2031-03-04", "2031-03-05"]);
  });
});
