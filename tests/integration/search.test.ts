// The one search on real PGlite and PostgreSQL: tq_fold() agrees with foldArabic(), Arabic spelling
// variants find every kind, each folded expression is served by its trigram index, the paper's text
// follows live edits, and the policy module decides what each role can find.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fc from "fast-check";
import * as Y from "yjs";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { demoWorld, type DemoWorld } from "../helpers/coordination.js";
import { foldArabic, nameKey } from "~/domain/arabic";
import { foldedText, search, type SearchKind, type SearchResult } from "~/domain/search.server";
import { refreshPaperText } from "~/domain/paper-text.server";
import { createOutreach } from "~/domain/outreach.server";
import { createPlanItem } from "~/domain/plans.server";
import { PAPER_FRAGMENT } from "~/domain/paper-doc";

const clock = { now: new Date("2026-12-10T06:00:00Z"), timeZone: "Asia/Damascus" };
const kindsOf = (r: SearchResult) => r.groups.map((g) => g.kind);
const titles = (r: SearchResult, kind: SearchKind) => r.groups.find((g) => g.kind === kind)?.hits.map((h) => h.title) ?? [];
const ids = (r: SearchResult, kind: SearchKind) => r.groups.find((g) => g.kind === kind)?.hits.map((h) => h.id) ?? [];

// Letters, their variant forms, harakat, tatweel, digits, Latin and Kurmanji letters in both cases,
// and the whitespace and invisible marks people paste.
const alphabet = [
  ..."ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإٱٲٳىیةؤئکڕێۆ",
  ..."\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670\u0640\u0654\u0655",
  ..."٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789",
  ..."abcxyzABCXYZÇçÊêÎîŞşÛûÉéÖö",
  " ", "  ", "\t", "\n", "\u00A0", "\u2003", "\u200B", "\u200F", "\uFEFF", "\u00AD", "\u061C", "\u202E", "\u2067", "«", "»", "-", "%", "_",
];

describe.each(backends)("search on %s", (backend) => {
  let db: TestDb;
  let w: DemoWorld;
  let ownAmendment: string;
  let ownDraft: string;
  let otherAmendment: string;
  let otherDraft: string;
  beforeAll(async () => {
    db = await freshDb(backend);
    w = await demoWorld(db.prisma);
    const p = db.prisma;
    const o = w.actors.organizer;
    const tribe = w.force("Green Valley Tribe");
    await createOutreach(p, o, w.conferenceId, { forceId: tribe, occurredOn: "2026-12-08", channel: "MEETING", participants: "منسق المؤتمر", summary: "لقاءٌ مع وجهاء العشيرة في دير الزور بشأن المشاركة", outcome: "موافقة مبدئية" }, clock);
    await createPlanItem(p, o, w.conferenceId, { horizon: "SHORT", goal: "إستكمال قائمة المدعوين من العشائر" }, clock);
    const paper = await p.paper.findFirstOrThrow({ where: { conferenceId: w.conferenceId } });
    const horizon = w.force("Democratic Horizon Party");
    const renewal = w.force("Democratic Renewal Current");
    // Entered by the force's own delegate, as the amendments area does.
    const am = (forceId: string, state: "DRAFT" | "SUBMITTED", text: string) =>
      p.amendment.create({
        data: { paperId: paper.id, forceId, type: "REPLACE", state, proposedText: text, rationale: "توضيح", quotedText: "تمتين الجبهة الداخلية", sectionTitle: "٢. التواصل", createdById: forceId === horizon ? w.actors.delegate.id : w.actors.delegate2.id },
      });
    ownAmendment = (await am(horizon, "SUBMITTED", "تعزيز الجبهة الداخلية عبر الحوار")).id;
    ownDraft = (await am(horizon, "DRAFT", "مسودة الأفق عن الجبهة")).id;
    otherAmendment = (await am(renewal, "SUBMITTED", "تقوية الجبهة الداخلية بالمؤسسات")).id;
    otherDraft = (await am(renewal, "DRAFT", "مسودة التجديد عن الجبهة")).id;
    const inv = await p.invitation.findFirstOrThrow({ where: { forceId: renewal } });
    await p.invitation.update({ where: { id: inv.id }, data: { note: "ينتظر ردّ الأمانة العامة" } });
    await p.delegationMember.create({ data: { invitationId: inv.id, name: "نورا الحسيني", role: "عضو الأمانة" } });
  });
  afterAll(async () => db?.destroy());

  it("tq_fold() in SQL folds exactly as foldArabic() does", async () => {
    const samples = fc.sample(fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }).map((a) => a.join("")), 400);
    samples.push("«مسـد»", "الشَّيْخ", "مدرسة", "إيلاف", "٢٠٢٦", "  Kurdî  ÇÊÎŞÛ ", "\u0627\u0654", "");
    const rows = await db.sql.query(`SELECT tq_fold(x) AS f, n FROM unnest($1::text[]) WITH ORDINALITY AS t(x, n) ORDER BY n`, [samples]);
    expect(rows.map((r) => r.f)).toEqual(samples.map((s) => foldArabic(s)));
  });

  it("every folded expression is served by its trigram index", async () => {
    const tables: Record<keyof typeof foldedText, string> = {
      outreach: `"OutreachEntry" o`,
      plan: `"PlanItem" pl`,
      representation: `"Representation" r`,
      contact: `"Contact" c`,
      delegationMember: `"DelegationMember" d`,
      invitationNote: `"Invitation" i`,
      amendment: `"Amendment" a`,
      paper: `"PaperTextBlock" b`,
      force: `"Force" f`,
    };
    for (const [key, from] of Object.entries(tables)) {
      const plan = await db.sql.transaction(async (tx) => {
        await tx.exec(`SET LOCAL enable_seqscan = off`);
        return tx.query(`EXPLAIN SELECT 1 FROM ${from} WHERE ${foldedText[key as keyof typeof foldedText]} ILIKE '%الجبهه%'`);
      });
      expect(plan.map((r) => r["QUERY PLAN"]).join("\n"), key).toMatch(/Bitmap Index Scan on "?\w+_(fold|searchText)_trgm_idx/);
    }
  });

  it("finds every kind whatever the spelling: hamza, ta marbuta, harakat, tatweel, Persian letters, digits", async () => {
    const org = w.actors.organizer;
    const s = (q: string) => search(db.prisma, org, w.conferenceId, q);
    // Forces (name in the directory's folded column) and their invitation.
    expect(titles(await s("عشيره الوادي الاخضر"), "force")).toEqual(["عشيرة الوادي الأخضر"]);
    expect(titles(await s("عشيره الوادي الاخضر"), "invitation")).toEqual(["عشيرة الوادي الأخضر"]);
    // Persian kaf and ya in the query: «کوبانی» is the force's city «كوباني».
    expect(titles(await s("کوبانی"), "force")).toEqual(["الوجيه سليمان داود"]);
    // People: a contact with harakat in the query, a named delegate.
    expect(titles(await s("الشَّيخ فهد"), "person")).toEqual(["الشيخ فهد الراشد"]);
    const nora = await s("نورا الحسينى");
    expect(titles(nora, "person")).toEqual(["نورا الحسيني"]);
    expect(nora.groups.find((g) => g.kind === "person")!.hits[0]!.href).toMatch(/^\/invitations\//);
    // Outreach (tanween in the text, none in the query), plan items (hamza on the alef), representations.
    expect((await s("لقاء وجهاء")).groups.find((g) => g.kind === "outreach")!.hits[0]!.snippet!.some((x) => x.mark && x.text === "لقاءٌ")).toBe(true);
    expect(titles(await s("استكمال قائمه"), "plan")).toEqual(["إستكمال قائمة المدعوين من العشائر"]);
    expect(titles(await s("المانيا"), "representation")).toEqual(["ألمانيا"]);
    // Invitation notes; amendments (submitted ones).
    expect(titles(await s("رد الامانه"), "invitation")).toEqual(["تيار التجديد الديمقراطي"]);
    expect(ids(await s("الجبهه الداخليه"), "amendment").sort()).toEqual([ownAmendment, otherAmendment].sort());
    // The paper: «مسـد» with tatweel in the text, harakat in the query, Arabic-Indic digits in a heading.
    const paper = await s("مَسد");
    expect(kindsOf(paper)).toContain("paper");
    expect(paper.groups.find((g) => g.kind === "paper")!.hits[0]!.snippet!.find((x) => x.mark)!.text).toBe("مسـد");
    expect(titles(await s("5. مرتكزات"), "paper")).toEqual(["٥. مرتكزات الدبلوماسية"]);
    // Every result links to its page.
    for (const g of (await s("الجبهه")).groups) for (const h of g.hits) expect(h.href).toMatch(/^\/[a-z]+/);
  });

  it("treats LIKE wildcards in the query as text and refuses one-letter queries", async () => {
    expect((await search(db.prisma, w.actors.organizer, w.conferenceId, "%_")).groups).toEqual([]);
    const short = await search(db.prisma, w.actors.organizer, w.conferenceId, " ا ");
    expect(short).toMatchObject({ tooShort: true, groups: [] });
  });

  it("follows the paper as it is edited (snapshot + updates through Yjs)", async () => {
    const paper = await db.prisma.paper.findFirstOrThrow({ where: { conferenceId: w.conferenceId } });
    expect(ids(await search(db.prisma, w.actors.committee, w.conferenceId, "اللامركزية الديمقراطية"), "paper")).toEqual([]);
    // An editor appends a paragraph: the collab server stores it as a PaperUpdate after the snapshot.
    const snap = await db.prisma.paperSnapshot.findFirstOrThrow({ where: { paperId: paper.id } });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(snap.state));
    const before = Y.encodeStateVector(doc);
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("نحو اللامركزيّة الديمقراطيّة في سوريا")]);
    doc.getXmlFragment(PAPER_FRAGMENT).insert(doc.getXmlFragment(PAPER_FRAGMENT).length, [p]);
    await db.prisma.paperUpdate.create({ data: { paperId: paper.id, data: Buffer.from(Y.encodeStateAsUpdate(doc, before)) } });
    const r = await search(db.prisma, w.actors.delegate, w.conferenceId, "اللامركزية الديمقراطية");
    expect(titles(r, "paper")).toEqual(["٥. مرتكزات الدبلوماسية"]);
    expect(r.groups.find((g) => g.kind === "paper")!.hits[0]!.href).toBe("/paper#block-13");
    // Nothing changed since: no rebuild.
    expect(await refreshPaperText(db.prisma, paper.id)).toBe(false);
  });

  it("a delegate finds the paper and their own force's work, never the office's or another force's", async () => {
    const d = w.actors.delegate; // Democratic Horizon Party
    for (const q of ["عشيره", "وجهاء", "استكمال", "المانيا", "الشيخ فهد", "نورا", "رد الامانه"]) {
      const r = await search(db.prisma, d, w.conferenceId, q);
      expect(kindsOf(r), q).toEqual([]);
    }
    const front = await search(db.prisma, d, w.conferenceId, "الجبهه");
    expect(ids(front, "amendment").sort()).toEqual([ownAmendment, ownDraft].sort());
    expect(kindsOf(front)).toEqual(["amendment", "paper"]);
    // Their own invitation, by their force's name; not another force's.
    expect(titles(await search(db.prisma, d, w.conferenceId, "الافق الديمقراطي"), "invitation")).toEqual(["حزب الأفق الديمقراطي"]);
    expect(kindsOf(await search(db.prisma, d, w.conferenceId, "التجديد الديمقراطي"))).toEqual([]);
    // The other delegate sees the mirror image.
    const d2 = await search(db.prisma, w.actors.delegate2, w.conferenceId, "الجبهه");
    expect(ids(d2, "amendment").sort()).toEqual([otherAmendment, otherDraft].sort());
  });

  it("observers and the committee find everything but forces' drafts; outsiders find nothing", async () => {
    for (const actor of [w.actors.observer, w.actors.committee]) {
      const r = await search(db.prisma, actor, w.conferenceId, "الجبهه");
      expect(ids(r, "amendment").sort()).toEqual([ownAmendment, otherAmendment].sort());
      expect(kindsOf(await search(db.prisma, actor, w.conferenceId, "وجهاء"))).toEqual(["outreach"]);
    }
    expect((await search(db.prisma, w.outsider, w.conferenceId, "الجبهه")).groups).toEqual([]);
  });

  it("shows other forces' decided amendments once decisions are published, never their drafts", async () => {
    const p = db.prisma;
    const d = w.actors.delegate;
    await p.amendment.update({ where: { id: otherAmendment }, data: { state: "ACCEPTED" } });
    expect(ids(await search(p, d, w.conferenceId, "الجبهه"), "amendment").sort()).toEqual([ownAmendment, ownDraft].sort());
    await p.conference.update({ where: { id: w.conferenceId }, data: { decisionsPublishedAt: new Date() } });
    try {
      expect(ids(await search(p, d, w.conferenceId, "الجبهه"), "amendment").sort()).toEqual([ownAmendment, ownDraft, otherAmendment].sort());
      // Still only their own invitation, outreach and the rest stay hidden.
      expect(kindsOf(await search(p, d, w.conferenceId, "الجبهه"))).toEqual(["amendment", "paper"]);
    } finally {
      await p.conference.update({ where: { id: w.conferenceId }, data: { decisionsPublishedAt: null } });
      await p.amendment.update({ where: { id: otherAmendment }, data: { state: "SUBMITTED" } });
    }
  });

  it("pages one kind and says when there is more", async () => {
    const p = db.prisma;
    for (let i = 0; i < 12; i++) {
      const name = `قوة تجريبية ${i}`;
      await p.force.create({ data: { conferenceId: w.conferenceId, kind: "CSO", nameAr: name, nameKey: nameKey(name), searchText: foldArabic(name), region: "ABROAD" } });
    }
    const r = await search(p, w.actors.organizer, w.conferenceId, "تجريبيه");
    expect(r.groups[0]).toMatchObject({ kind: "force", more: true });
    expect(r.groups[0]!.hits).toHaveLength(8);
    const all = await search(p, w.actors.organizer, w.conferenceId, "تجريبيه", { kinds: ["force"], limit: 50 });
    expect(all.groups[0]).toMatchObject({ more: false });
    expect(all.groups[0]!.hits).toHaveLength(12);
  });
});
