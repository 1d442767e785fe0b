// CSV import/export of forces and invitations on PGlite and PostgreSQL: every row validated with
// errors by line and column, nothing written unless all rows are valid, 5,000 rows in one transaction,
// BOM or not, Arabic with commas, quotes and newlines inside fields; exports re-import.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import ExcelJS from "exceljs";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { pipelineFixture, type PipelineFixture } from "../helpers/pipeline.js";
import { commitImport, decodeUtf8, forcesForExport, invitationsForExport, previewImport, toCsv, toXlsx } from "~/domain/force-csv.server";
import { createForce, listForces, parseForceQuery } from "~/domain/forces.server";
import { parseInvitationQuery } from "~/domain/invitations.server";
import { canTransition } from "~/domain/invitation-status";
import { parse as parseCsv } from "csv-parse/sync";

const HEADER = "name_ar,name_en,kind,region,country,city,member,tags,notes,contact_name,contact_email,invitation_status,seat_quota,confirmation_deadline";

describe.each(backends)("CSV import and export on %s", (backend) => {
  let db: TestDb;
  let fx: PipelineFixture;
  const counts = async () => ({
    forces: await db.prisma.force.count(),
    contacts: await db.prisma.contact.count(),
    invitations: await db.prisma.invitation.count(),
    events: await db.prisma.invitationEvent.count(),
  });

  beforeAll(async () => {
    db = await freshDb(backend);
    fx = await pipelineFixture(db.prisma);
    await createForce(db.prisma, fx.organizer, fx.conferenceId, { kind: "PARTY", nameAr: "حزب موجود سابقاً", region: "ABROAD" });
  });
  afterAll(async () => db?.destroy());

  it("a file with bad rows: every error by line and column, and nothing is written", async () => {
    const file = [
      HEADER,
      `"حزب جديد، ""الأول""",New One,PARTY,NORTH_EAST_SYRIA,,قامشلو,نعم,أ;ب,"ملاحظة, فيها فاصلة",سلمى,salma@example.org,SENT,3,2030-05-01`, // 2: valid
      `,Nameless,PARTY,ABROAD,,,,,,,,,,`, // 3: no Arabic name
      `حزب النوع الخطأ,,ARMY,MARS,,,ربما,,,,,,,`, // 4: kind, region, member
      `حزب البريد,,CSO,ABROAD,,,,,,,not-an-email,,,`, // 5: email without contact name + bad email
      `"حزب جديد، ""الاول""",,BLOC,ABROAD,,,,,,,,,,`, // 6: same folded name as line 2
      `حزب موجود سابقا,,BLOC,ABROAD,,,,,,,,,,`, // 7: exists in the directory
      `حزب الحالة,,TRIBE,ABROAD,,,,,,,,MAYBE,x,31/12/2030`, // 8: status, quota, date
      `حزب بلا حالة,,TRIBE,ABROAD,,,,,,,,,4,`, // 9: quota without a status
      `حزب ناقص,,TRIBE`, // 10: too few fields
      `"حزب متعدد`,
      `الأسطر",,BLOC,ABROAD,,,,,,,,,,`, // 11-12: valid, spans two lines
      `حزب بعده,,WRONG,ABROAD,,,,,,,,,,`, // 13: line number after a multi-line record
      `حزب بلا نوع,,,,,,,,,,,,,`, // 14: kind and region left empty
    ].join("\n");
    const before = await counts();
    const p = await previewImport(db.prisma, fx.organizer, fx.conferenceId, file);
    expect(p.total).toBe(12); // records; lines 11–12 are one record
    expect(p.rows).toEqual([]);
    const at = (line: number) => p.errors.filter((e) => e.line === line).map((e) => e.column);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(["name_ar"]);
    expect(at(4).sort()).toEqual(["kind", "member", "region"]);
    expect(at(5).sort()).toEqual(["contact_email", "contact_name"]);
    expect(at(6)).toEqual(["name_ar"]);
    expect(p.errors.find((e) => e.line === 6)).toMatchObject({ code: "same_as_line", params: { line: 2 }, message: "Same name as line 2" });
    expect(p.errors.find((e) => e.line === 7)!.message).toMatch(/exists already: “حزب موجود سابقاً”/);
    expect(at(8).sort()).toEqual(["confirmation_deadline", "invitation_status", "seat_quota"]);
    expect(at(9)).toEqual(["seat_quota"]);
    expect(at(10)).toEqual([null]);
    expect(at(11)).toEqual([]);
    expect(at(13)).toEqual(["kind"]);
    expect(p.errors.filter((e) => e.line === 4).map((e) => e.code).sort()).toEqual(["bad_kind", "bad_region", "not_yes_no"]);
    expect(p.errors.filter((e) => e.line === 14).map((e) => [e.column, e.code])).toEqual([
      ["kind", "kind_required"],
      ["region", "region_required"],
    ]);
    await expect(commitImport(db.prisma, fx.organizer, fx.conferenceId, p)).rejects.toMatchObject({ code: "bad_request" });
    expect(await counts()).toEqual(before);
  });

  it("header problems and broken CSV are reported, not thrown", async () => {
    const p1 = await previewImport(db.prisma, fx.organizer, fx.conferenceId, "name,kind\nx,PARTY");
    expect(p1.errors.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/Unknown column “name”/), "The file needs a name_ar column", "The file needs a region column"]));
    const p2 = await previewImport(db.prisma, fx.organizer, fx.conferenceId, `${HEADER}\n"unterminated,PARTY`);
    expect(p2.errors[0]!.message).toMatch(/not valid CSV/);
    expect((await previewImport(db.prisma, fx.organizer, fx.conferenceId, "\uFEFF")).errors[0]!.message).toBe("The file is empty");
    expect(() => decodeUtf8(new Uint8Array([0xc7, 0xe1, 0xc3]))).toThrow(/not UTF-8/); // Windows-1256 «الأ»
    await expect(previewImport(db.prisma, fx.committee, fx.conferenceId, HEADER)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("imports with or without BOM, CRLF, Arabic headers, quotes and commas inside fields", async () => {
    const arabicHeader = "الاسم بالعربية,النوع,المنطقة,ملاحظات,حالة الدعوة";
    const text = `${arabicHeader}\r\n"تيار ""الغد""، الجديد",current,other syrian regions,"سطر أول\r\nسطر ثانٍ",confirmed\r\n`;
    const bytes = new TextEncoder().encode(`\uFEFF${text}`);
    const p = await previewImport(db.prisma, fx.organizer, fx.conferenceId, decodeUtf8(bytes));
    expect(p.errors).toEqual([]);
    expect(p.rows[0]!.force.data).toMatchObject({ nameAr: "تيار \"الغد\"، الجديد", kind: "CURRENT", region: "OTHER_SYRIAN_REGIONS", notes: "سطر أول\nسطر ثانٍ" });
    const res = await commitImport(db.prisma, fx.organizer, fx.conferenceId, p);
    expect(res).toEqual({ forces: 1, invitations: 1, contacts: 0 });
    const inv = await db.prisma.invitation.findFirstOrThrow({ where: { force: { nameAr: "تيار \"الغد\"، الجديد" } }, include: { events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } });
    expect(inv.status).toBe("CONFIRMED");
    expect(inv.events.map((e) => e.toStatus)).toEqual(["CANDIDATE", "APPROVED", "SENT", "CONFIRMED"]);
    for (const e of inv.events.slice(1)) expect(canTransition(e.fromStatus!, e.toStatus)).toBe(true);
    // Same file without BOM is now a duplicate of what was just imported.
    const again = await previewImport(db.prisma, fx.organizer, fx.conferenceId, text);
    expect(again.errors).toEqual([{ line: 2, column: "name_ar", code: "exists", params: { name: "تيار \"الغد\"، الجديد" }, message: expect.stringMatching(/exists already/) }]);
  });

  it("5,000 good rows: one transaction, progress reported, searchable afterwards", async () => {
    const kinds = ["PARTY", "BLOC", "CURRENT", "TRIBE", "CSO", "INTERNATIONAL_BODY", "COMMUNITY", "PERSONALITY"];
    const statuses = ["", "CANDIDATE", "APPROVED", "SENT", "CONFIRMED", "DECLINED", "NO_RESPONSE", "ATTENDED", "NO_SHOW", "WITHDRAWN"];
    const lines = [HEADER];
    for (let i = 0; i < 5000; i++) {
      const st = statuses[i % statuses.length]!;
      lines.push(
        [`قوة مستوردة رقم ${i}`, `Imported ${i}`, kinds[i % kinds.length], i % 2 ? "ABROAD" : "NORTH_EAST_SYRIA", i % 2 ? "ألمانيا" : "", "مدينة", i % 3 ? "no" : "yes", "مستورد", `"ملاحظة، ""رقم"", ${i}"`, `شخص ${i}`, `p${i}@example.org`, st, st ? "2" : "", st ? "2030-01-01" : ""].join(","),
      );
    }
    const before = await counts();
    const checked: number[] = [];
    const written: number[] = [];
    const p = await previewImport(db.prisma, fx.organizer, fx.conferenceId, lines.join("\n"), (n) => checked.push(n));
    expect(p.errors).toEqual([]);
    expect(p.rows).toHaveLength(5000);
    const res = await commitImport(db.prisma, fx.organizer, fx.conferenceId, p, { onProgress: (n) => written.push(n) });
    expect(res).toEqual({ forces: 5000, invitations: 4500, contacts: 5000 });
    expect(checked.at(-1)).toBe(5000);
    expect(written).toEqual([500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000]);
    const after = await counts();
    expect(after.forces - before.forces).toBe(5000);
    expect(after.contacts - before.contacts).toBe(5000);
    expect(after.invitations - before.invitations).toBe(4500);
    const found = await listForces(db.prisma, fx.organizer, fx.conferenceId, parseForceQuery({ q: "قوه مستورده رقم 4323" }));
    expect(found.rows.map((r) => r.nameEn)).toEqual(["Imported 4323"]);
    expect(found.rows[0]!.invitation?.status).toBe("SENT");
  }, 300_000);

  it("an import that fails while writing leaves nothing behind (one transaction)", async () => {
    const p = await previewImport(db.prisma, fx.organizer, fx.conferenceId, `${HEADER}\nقوة تسبق,,PARTY,ABROAD,,,,,,,,,,\nقوة تتأخر,,PARTY,ABROAD,,,,,,,,,,`);
    expect(p.errors).toEqual([]);
    // Another organizer adds the second name between preview and commit.
    await createForce(db.prisma, fx.organizer2, fx.conferenceId, { kind: "PARTY", nameAr: "قوة تتأخر", region: "ABROAD" });
    const before = await counts();
    await expect(commitImport(db.prisma, fx.organizer, fx.conferenceId, p)).rejects.toMatchObject({ code: "conflict" });
    expect(await counts()).toEqual(before);
  });

  it("exports the filtered table as CSV with BOM and as XLSX, and the CSV re-imports elsewhere", async () => {
    const rows = await forcesForExport(db.prisma, fx.organizer, fx.conferenceId, parseForceQuery({ q: "قوه مستورده رقم 12" }));
    // Every word must occur somewhere in the folded text (names, notes, email…): any number containing 12.
    expect(rows.length).toBe([...Array(5000).keys()].filter((i) => String(i).includes("12")).length);
    const csv = toCsv(rows);
    expect(csv.startsWith("\uFEFFname_ar,name_ku,name_en,kind")).toBe(true);
    expect(csv).toContain('"ملاحظة، ""رقم"", 12"');
    const invRows = await invitationsForExport(db.prisma, fx.observer, fx.conferenceId, parseInvitationQuery({ q: "قوه مستورده رقم 12", status: "SENT" }));
    expect(invRows.every((r) => r.invitation?.status === "SENT")).toBe(true);
    expect(invRows.length).toBeGreaterThan(5);

    const other = await freshDb(backend);
    try {
      const fx2 = await pipelineFixture(other.prisma, "other");
      const p = await previewImport(other.prisma, fx2.organizer, fx2.conferenceId, csv);
      expect(p.errors).toEqual([]);
      await commitImport(other.prisma, fx2.organizer, fx2.conferenceId, p);
      const back = await forcesForExport(other.prisma, fx2.organizer, fx2.conferenceId, parseForceQuery({ q: "مستورده" }));
      expect(toCsv(back)).toBe(csv);
    } finally {
      await other.destroy();
    }

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(rows)) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(rows.length + 1);
    expect(ws.getCell("A1").value).toBe("name_ar");
    expect(String(ws.getCell("A2").value)).toBe(rows[0]!.nameAr);
    expect(ws.views[0]).toMatchObject({ rightToLeft: true });
  });

  it("no exported cell starts a spreadsheet formula (one writer for every CSV), and the file re-imports to the same values", async () => {
    const evil = "=HYPERLINK(\"https://evil.example\",\"انقر\")";
    await createForce(db.prisma, fx.organizer, fx.conferenceId, {
      kind: "CSO",
      nameAr: "@منظمة الصيغة",
      region: "ABROAD",
      notes: evil,
      contacts: [{ name: "+963 حقل", email: "f@example.org" }],
    } as never);
    const rows = await forcesForExport(db.prisma, fx.organizer, fx.conferenceId, parseForceQuery({ q: "منظمة الصيغة" }));
    expect(rows).toHaveLength(1);
    const csv = toCsv(rows);
    const cells = parseCsv(csv.slice(1)) as string[][];
    for (const cell of cells.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells[1]).toContain(`'${evil}`);
    const invRows = await invitationsForExport(db.prisma, fx.organizer, fx.conferenceId, parseInvitationQuery({ q: "منظمة الصيغة" }));
    for (const cell of (parseCsv(toCsv(invRows).slice(1)) as string[][]).flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const other = await freshDb(backend);
    try {
      const fx2 = await pipelineFixture(other.prisma, "other");
      const p = await previewImport(other.prisma, fx2.organizer, fx2.conferenceId, csv);
      expect(p.errors).toEqual([]);
      expect(p.rows[0]!.force).toMatchObject({ data: { nameAr: "@منظمة الصيغة", notes: evil }, contacts: [{ name: "+963 حقل" }] });
    } finally {
      await other.destroy();
    }
  });
});
