// Forces directory on PGlite and PostgreSQL: Arabic-folded search in the database (with the trigram
// index), filters, sorting, paging, duplicate warnings, optimistic edits, archive, and role checks.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { pipelineFixture, type PipelineFixture } from "../helpers/pipeline.js";
import { createForce, getForce, listForces, parseForceQuery, setForceArchived, updateForce } from "~/domain/forces.server";
import { createInvitation, listInvitations, parseInvitationQuery } from "~/domain/invitations.server";
import { DomainError } from "~/domain/errors";

describe.each(backends)("forces directory on %s", (backend) => {
  let db: TestDb;
  let fx: PipelineFixture;
  const ids: Record<string, string> = {};
  const search = async (q: string, extra: Record<string, string> = {}) =>
    (await listForces(db.prisma, fx.organizer, fx.conferenceId, parseForceQuery({ q, pageSize: "200", ...extra }))).rows.map((r) => r.nameAr);

  beforeAll(async () => {
    db = await freshDb(backend);
    fx = await pipelineFixture(db.prisma);
    const o = fx.organizer;
    const c = fx.conferenceId;
    ids.msd = (await createForce(db.prisma, o, c, { kind: "BLOC", nameAr: "مجلس سوريا الديمقراطية مسد", nameEn: "Syrian Democratic Council", region: "NORTH_EAST_SYRIA", city: "قامشلو", isMember: true, tags: ["مؤسس"] })).id;
    ids.ufuq = (await createForce(db.prisma, o, c, { kind: "PARTY", nameAr: "حزب الأُفُق الديمقراطي", region: "NORTH_EAST_SYRIA", contacts: [{ name: "سلمى يوسف", role: "مسؤولة العلاقات", phone: "+963 900 000 001", email: "salma@example.org" }] })).id;
    ids.kutla = (await createForce(db.prisma, o, c, { kind: "BLOC", nameAr: "الكتلة الوطنية", region: "OTHER_SYRIAN_REGIONS", city: "دمشق", notes: "تواصلنا مع إدارة المستشفى في الرقة" })).id;
    ids.ittihad = (await createForce(db.prisma, o, c, { kind: "CSO", nameAr: "إتحاد الطلبة الأحرار", nameKu: "Yekîtiya Xwendekaran", region: "ABROAD", country: "ألمانيا", city: "برلين", isOfficial: false, tags: ["شباب"] })).id;
    ids.percent = (await createForce(db.prisma, o, c, { kind: "PERSONALITY", nameAr: "الشخصية ١٠٠%", region: "ABROAD" })).id;
  });
  afterAll(async () => db?.destroy());

  it("a contact's letter language: Arabic unless told, kept on edit, anything but ar/ku/en refused", async () => {
    const f = await createForce(db.prisma, fx.organizer, fx.conferenceId, { kind: "PARTY", nameAr: "حزب لغة المراسلات", region: "ABROAD", contacts: [{ name: "Rêber", email: "reber@example.org", locale: "ku" }, { name: "سلمى", email: "salma2@example.org" }] });
    expect(f.contacts.map((c) => c.locale)).toEqual(["ku", "ar"]);
    const bad = updateForce(db.prisma, fx.organizer, fx.conferenceId, f.id, { ...f, version: f.version, contacts: [{ ...f.contacts[0]!, locale: "fr" as "ar" }] });
    await expect(bad).rejects.toMatchObject({ code: "bad_request" });
    expect((await getForce(db.prisma, fx.organizer, fx.conferenceId, f.id)).contacts.map((c) => c.locale)).toEqual(["ku", "ar"]);
    await db.prisma.force.delete({ where: { id: f.id } });
  });

  it("«مسـد» (tatweel) finds «مسد»", async () => {
    expect(await search("مسـد")).toEqual(["مجلس سوريا الديمقراطية مسد"]);
    expect(await search("مســــد")).toEqual(["مجلس سوريا الديمقراطية مسد"]);
  });

  it("harakat in the name or in the query do not matter", async () => {
    expect(await search("الافق")).toEqual(["حزب الأُفُق الديمقراطي"]);
    expect(await search("الأُفُق")).toEqual(["حزب الأُفُق الديمقراطي"]);
    expect(await search("الكُتْلَة")).toEqual(["الكتلة الوطنية"]);
  });

  it("alef, ya and ta-marbuta forms are folded", async () => {
    expect(await search("اتحاد")).toEqual(["إتحاد الطلبة الأحرار"]); // إ ↔ ا
    expect(await search("أتحاد")).toEqual(["إتحاد الطلبة الأحرار"]); // أ ↔ إ
    expect(await search("الكتله")).toEqual(["الكتلة الوطنية"]); // ه ↔ ة
    expect(await search("المستشفي")).toEqual(["الكتلة الوطنية"]); // ي ↔ ى, in notes
    expect(await search("سلمي")).toEqual(["حزب الأُفُق الديمقراطي"]); // contact name
  });

  it("searches contacts, notes, Kurdish and English names, and several words at once", async () => {
    expect(await search("salma@example")).toEqual(["حزب الأُفُق الديمقراطي"]);
    expect(await search("٩٠٠ ٠٠٠")).toEqual(["حزب الأُفُق الديمقراطي"]); // Arabic-Indic digits fold to ASCII
    expect(await search("yekîtiya")).toEqual(["إتحاد الطلبة الأحرار"]);
    expect(await search("democratic council")).toEqual(["مجلس سوريا الديمقراطية مسد"]);
    expect((await search("الديمقراطي")).sort()).toEqual(["حزب الأُفُق الديمقراطي", "مجلس سوريا الديمقراطية مسد"].sort());
    expect(await search("حزب الديمقراطي")).toEqual(["حزب الأُفُق الديمقراطي"]);
  });

  it("LIKE wildcards in the query are literal", async () => {
    expect(await search("%")).toEqual(["الشخصية ١٠٠%"]);
    expect(await search("_")).toEqual([]);
  });

  it("search runs in the database on the trigram index", async () => {
    await db.sql.exec("SET enable_seqscan = off");
    const plan = (await db.sql.query(`EXPLAIN SELECT id FROM "Force" WHERE "searchText" LIKE '%مسد%'`)).map((r) => Object.values(r)[0]).join("\n");
    await db.sql.exec("SET enable_seqscan = on");
    expect(plan).toContain("Force_searchText_trgm_idx");
  });

  it("filters by kind, region, member, official, tag and invitation status; sorts and pages", async () => {
    expect((await search("", { kind: "BLOC" })).sort()).toEqual(["الكتلة الوطنية", "مجلس سوريا الديمقراطية مسد"].sort());
    expect(await search("", { region: "ABROAD", official: "false" })).toEqual(["إتحاد الطلبة الأحرار"]);
    expect(await search("", { member: "true" })).toEqual(["مجلس سوريا الديمقراطية مسد"]);
    expect(await search("", { tag: "شباب" })).toEqual(["إتحاد الطلبة الأحرار"]);
    await createInvitation(db.prisma, fx.organizer, fx.conferenceId, { forceId: ids.kutla! });
    expect(await search("", { status: "CANDIDATE" })).toEqual(["الكتلة الوطنية"]);
    expect(await search("", { status: "NONE" })).not.toContain("الكتلة الوطنية");

    const page1 = await listForces(db.prisma, fx.organizer, fx.conferenceId, parseForceQuery({ sort: "name", pageSize: "2", page: "1" }));
    const page2 = await listForces(db.prisma, fx.organizer, fx.conferenceId, parseForceQuery({ sort: "name", pageSize: "2", page: "2" }));
    expect(page1.page).toMatchObject({ total: 6, pages: 3 });
    expect(page1.rows).toHaveLength(2);
    expect(page1.rows.map((r) => r.id)).not.toContain(page2.rows[0]!.id);
    const desc = await listForces(db.prisma, fx.organizer, fx.conferenceId, parseForceQuery({ sort: "name", dir: "desc", pageSize: "200" }));
    const asc = await listForces(db.prisma, fx.organizer, fx.conferenceId, parseForceQuery({ sort: "name", dir: "asc", pageSize: "200" }));
    expect(desc.rows.map((r) => r.id)).toEqual(asc.rows.map((r) => r.id).reverse());
  });

  it("rejects bad filters with a clear 400", () => {
    expect(() => parseForceQuery({ kind: "ARMY" })).toThrow(DomainError);
    expect(() => parseForceQuery({ pageSize: "100000" })).toThrow(/filters are not valid/);
  });

  it("warns about a duplicate by folded name, and creates it when told to", async () => {
    const err = await createForce(db.prisma, fx.organizer, fx.conferenceId, { kind: "PARTY", nameAr: "حزب الافق الديمقراطى", region: "ABROAD" }).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe("conflict");
    expect(err.details.reason).toBe("duplicate_name");
    expect(err.details.duplicates.map((d: { id: string }) => d.id)).toEqual([ids.ufuq]);
    const before = await db.prisma.force.count();
    const made = await createForce(db.prisma, fx.organizer, fx.conferenceId, { kind: "PARTY", nameAr: "«حزب الافق الديمقراطى»", region: "ABROAD" }, { allowDuplicate: true });
    expect(await db.prisma.force.count()).toBe(before + 1);
    await db.prisma.force.delete({ where: { id: made.id } });
  });

  it("edits keep contacts by id, refresh searchText, and refuse a stale version", async () => {
    const f = await getForce(db.prisma, fx.organizer, fx.conferenceId, ids.ufuq!);
    const contactId = f.contacts[0]!.id;
    const input = { ...f, contacts: [{ ...f.contacts[0]!, role: "الرئاسة المشتركة" }, { name: "كاوا حسن", messaging: "@kawa" }], notes: "ملاحظة جديدة عن المؤتمر" };
    const updated = await updateForce(db.prisma, fx.organizer, fx.conferenceId, f.id, { ...input, version: f.version });
    expect(updated.version).toBe(f.version + 1);
    expect(updated.contacts.map((c) => c.id)).toContain(contactId);
    expect(updated.contacts).toHaveLength(2);
    expect(await search("@kawa")).toEqual(["حزب الأُفُق الديمقراطي"]);
    expect(await search("ملاحظه جديده")).toEqual(["حزب الأُفُق الديمقراطي"]);

    const stale = await updateForce(db.prisma, fx.organizer2, fx.conferenceId, f.id, { ...input, nameEn: "lost update", version: f.version }).catch((e) => e);
    expect(stale).toMatchObject({ code: "stale_version", status: 409 });
    expect((await getForce(db.prisma, fx.organizer, fx.conferenceId, f.id)).nameEn).toBeNull();
  });

  it("rejects invalid input with details and writes nothing", async () => {
    const before = await db.prisma.force.count();
    const err = await createForce(db.prisma, fx.organizer, fx.conferenceId, { kind: "ARMY" as never, nameAr: "", region: "ABROAD", contacts: [{ name: "x", email: "not-an-email" }] }).catch((e) => e);
    expect(err).toMatchObject({ code: "bad_request", status: 400 });
    expect(Object.keys(err.details.fieldErrors)).toEqual(expect.arrayContaining(["kind", "nameAr", "contacts"]));
    expect(await db.prisma.force.count()).toBe(before);
  });

  it("archives and restores; archived forces leave the default list", async () => {
    await setForceArchived(db.prisma, fx.organizer, fx.conferenceId, ids.percent!, true);
    expect(await search("%")).toEqual([]);
    expect(await search("%", { archived: "only" })).toEqual(["الشخصية ١٠٠%"]);
    await setForceArchived(db.prisma, fx.organizer, fx.conferenceId, ids.percent!, false);
    expect(await search("%")).toEqual(["الشخصية ١٠٠%"]);
  });

  it("committee and observers read; only organizers manage; delegates do not read the directory", async () => {
    for (const reader of [fx.committee, fx.observer]) {
      expect((await listForces(db.prisma, reader, fx.conferenceId, parseForceQuery({}))).page.total).toBeGreaterThan(0);
      await expect(createForce(db.prisma, reader, fx.conferenceId, { kind: "PARTY", nameAr: "قوة", region: "ABROAD" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(setForceArchived(db.prisma, reader, fx.conferenceId, ids.msd!, true)).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(listForces(db.prisma, fx.delegate, fx.conferenceId, parseForceQuery({}))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("sorts by name as the reader's language shows it: its own names first (Kurdish falls back to English), then the rest by Arabic", async () => {
    const o = fx.organizer;
    const c = fx.conferenceId;
    const tag = "ترتيب";
    const made = [
      await createForce(db.prisma, o, c, { kind: "PARTY", nameAr: "ب حزب", nameEn: "Alpha Party", region: "ABROAD", tags: [tag] }),
      await createForce(db.prisma, o, c, { kind: "PARTY", nameAr: "أ حزب", nameEn: "Zeta Party", nameKu: "Partiya Z", region: "ABROAD", tags: [tag] }),
      await createForce(db.prisma, o, c, { kind: "PARTY", nameAr: "ج حزب", nameKu: "Partiya A", region: "ABROAD", tags: [tag] }),
      await createForce(db.prisma, o, c, { kind: "PARTY", nameAr: "د حزب", region: "ABROAD", tags: [tag] }),
    ];
    for (const f of made) await createInvitation(db.prisma, o, c, { forceId: f.id });
    const forces = async (names: string, dir = "asc") => (await listForces(db.prisma, o, c, parseForceQuery({ tag, names, dir }))).rows.map((r) => r.nameAr);
    const invitations = async (names: string) => (await listInvitations(db.prisma, o, c, parseInvitationQuery({ tag, names }))).rows.map((r) => r.force.nameAr);
    expect(await forces("ar")).toEqual(["أ حزب", "ب حزب", "ج حزب", "د حزب"]);
    expect(await forces("en")).toEqual(["ب حزب", "أ حزب", "ج حزب", "د حزب"]); // Alpha, Zeta, then ج and د by Arabic
    expect(await forces("en", "desc")).toEqual(["أ حزب", "ب حزب", "د حزب", "ج حزب"]);
    expect(await forces("ku")).toEqual(["ج حزب", "أ حزب", "ب حزب", "د حزب"]); // Partiya A, Partiya Z, Alpha (English), د
    expect(await invitations("en")).toEqual(await forces("en"));
    expect(await invitations("ku")).toEqual(await forces("ku"));
    expect(await invitations("ar")).toEqual(await forces("ar"));
  });
});
