// CSV import and export of forces with their invitations (issue 4). Import: parse with csv-parse,
// validate every row (errors by line and column), write nothing unless the whole file is valid, and
// then write everything in one transaction. Export uses the same columns, so an export re-imports.
import type { InvitationStatus, Prisma, PrismaClient } from "@prisma/client";
import { parse as parseCsv } from "csv-parse/sync";
import { restoreCell, writeCsv } from "~/domain/csv.server";
import { z } from "zod";
import { nameKey } from "~/domain/arabic";
import type { Actor } from "~/policy";
import { recordAudit } from "./audit.server";
import { assertMay, DomainError } from "./errors";
import { ForceInputSchema, forceKinds, regions } from "./forces-schema";
import { cleanForce, forceListWhere, type Db } from "./forces.server";
import { invitationStatuses, pathTo } from "./invitation-status";
import { announceInvitationsReload, invitationListWhere, parseDeadline, type InvitationMeta } from "./invitations.server";
import type { ForceQuery } from "./forces-schema";
import type { InvitationQuery } from "./invitations-schema";
import { calendarDay } from "./due-dates";

/** The file's columns, in export order. Headers match case-insensitively; Arabic headers work too. */
export const csvColumns = [
  { key: "name_ar", ar: "الاسم بالعربية" },
  { key: "name_ku", ar: "الاسم بالكردية" },
  { key: "name_en", ar: "الاسم بالإنكليزية" },
  { key: "kind", ar: "النوع" },
  { key: "region", ar: "المنطقة" },
  { key: "country", ar: "البلد" },
  { key: "city", ar: "المدينة" },
  { key: "member", ar: "عضو" },
  { key: "official", ar: "رسمي" },
  { key: "tags", ar: "الوسوم" },
  { key: "notes", ar: "ملاحظات" },
  { key: "contact_name", ar: "جهة الاتصال" },
  { key: "contact_role", ar: "صفة جهة الاتصال" },
  { key: "contact_phone", ar: "الهاتف" },
  { key: "contact_email", ar: "البريد الإلكتروني" },
  { key: "contact_messaging", ar: "تطبيق المراسلة" },
  { key: "invitation_status", ar: "حالة الدعوة" },
  { key: "seat_quota", ar: "عدد المقاعد" },
  { key: "confirmation_deadline", ar: "مهلة التأكيد" },
] as const;
export type CsvColumn = (typeof csvColumns)[number]["key"];

export interface CsvIssue {
  /** 1-based line in the file where the record starts (the header is line 1); 0 for the whole file. */
  line: number;
  column: CsvColumn | null;
  /** English text (API); pages translate `code` with `params` (forces.csv.<code>). */
  message: string;
  code: CsvIssueCode;
  params?: Record<string, string | number>;
}

export type CsvIssueCode =
  | "unknown_column"
  | "duplicate_column"
  | "missing_column"
  | "not_csv"
  | "empty"
  | "too_many_rows"
  | "field_count"
  | "not_yes_no"
  | "bad_kind"
  | "kind_required"
  | "bad_region"
  | "region_required"
  | "bad_status"
  | "bad_quota"
  | "bad_date"
  | "needs_status"
  | "exists"
  | "same_as_line"
  | "name_required"
  | "contact_name_required"
  | "not_utf8"
  | "invalid";

export interface ImportRow {
  line: number;
  force: ReturnType<typeof cleanForce>;
  invitation: { status: InvitationStatus; seatQuota: number; confirmationDeadline: Date | null } | null;
}

export interface ImportPreview {
  rows: ImportRow[];
  errors: CsvIssue[];
  /** Lines read (records, without the header). */
  total: number;
}

export const MAX_IMPORT_ROWS = 20_000;

const TRUE = new Set(["true", "yes", "y", "1", "نعم", "بلى", "صح", "erê", "ere", "x", "✓"]);
const FALSE = new Set(["false", "no", "n", "0", "لا", "na", ""]);
const enumValue = <T extends string>(values: readonly T[], s: string): T | undefined => {
  const norm = s.trim().toUpperCase().replace(/[\s-]+/g, "_");
  return values.find((v) => v === norm);
};

/** Decodes bytes as UTF-8 (with or without BOM); anything else is refused rather than mangled. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new DomainError("bad_request", "The file is not UTF-8 text; save it as “CSV UTF-8” and try again");
  }
}

function mapHeader(header: string[]): { map: (CsvColumn | null)[]; errors: CsvIssue[] } {
  const errors: CsvIssue[] = [];
  const seen = new Set<CsvColumn>();
  const map = header.map((h) => {
    const t = h.trim().toLowerCase().replace(/\s+/g, "_");
    const col = csvColumns.find((c) => c.key === t || c.ar.replace(/\s+/g, "_") === t);
    if (!col) {
      if (h.trim()) errors.push({ line: 1, column: null, code: "unknown_column", params: { name: h.trim() }, message: `Unknown column “${h.trim()}”; known columns: ${csvColumns.map((c) => c.key).join(", ")}` });
      return null;
    }
    if (seen.has(col.key)) errors.push({ line: 1, column: col.key, code: "duplicate_column", params: { column: col.key }, message: `Column ${col.key} appears twice` });
    seen.add(col.key);
    return col.key;
  });
  if (!seen.has("name_ar")) errors.push({ line: 1, column: "name_ar", code: "missing_column", params: { column: "name_ar" }, message: "The file needs a name_ar column" });
  for (const req of ["kind", "region"] as const) if (!seen.has(req)) errors.push({ line: 1, column: req, code: "missing_column", params: { column: req }, message: `The file needs a ${req} column` });
  return { map, errors };
}

const issuePathToColumn: Record<string, CsvColumn> = {
  kind: "kind",
  nameAr: "name_ar",
  nameKu: "name_ku",
  nameEn: "name_en",
  region: "region",
  country: "country",
  city: "city",
  isMember: "member",
  isOfficial: "official",
  tags: "tags",
  notes: "notes",
  "contacts.0.name": "contact_name",
  "contacts.0.role": "contact_role",
  "contacts.0.phone": "contact_phone",
  "contacts.0.email": "contact_email",
  "contacts.0.messaging": "contact_messaging",
};

/**
 * Parses and validates a whole file against the conference's directory. Returns every problem found;
 * writes nothing. `onProgress` is told how many records were checked (for thousands of rows).
 */
export async function previewImport(
  db: Db,
  actor: Actor,
  conferenceId: string,
  text: string,
  onProgress?: (checked: number, total: number) => void,
): Promise<ImportPreview> {
  assertMay(actor, "force.manage", { conferenceId }, "Only organizers import forces");
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parseCsv(source, { info: true, raw: true, relax_column_count: true, skip_empty_lines: false }) as unknown as typeof records;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    return { rows: [], total: 0, errors: [{ line: e.lines ?? 0, column: null, code: "not_csv", params: { detail: e.message }, message: `The file is not valid CSV: ${e.message}` }] };
  }
  const withLines = records
    .map((r) => ({ fields: r.record, line: r.info.lines - Math.max(0, (r.raw.match(/\n/g)?.length ?? 0) - (r.raw.endsWith("\n") ? 1 : 0)) }))
    .filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ""));
  if (!withLines.length) return { rows: [], total: 0, errors: [{ line: 0, column: null, code: "empty", message: "The file is empty" }] };
  const [head, ...body] = withLines;
  const { map, errors } = mapHeader(head!.fields);
  if (errors.length) return { rows: [], total: body.length, errors };
  if (body.length > MAX_IMPORT_ROWS) return { rows: [], total: body.length, errors: [{ line: 0, column: null, code: "too_many_rows", params: { max: MAX_IMPORT_ROWS }, message: `At most ${MAX_IMPORT_ROWS} rows per file` }] };

  const existing = new Map(
    (await db.force.findMany({ where: { conferenceId }, select: { nameKey: true, nameAr: true } })).map((f) => [f.nameKey, f.nameAr]),
  );
  const firstLineOfKey = new Map<string, number>();
  const rows: ImportRow[] = [];
  const issues: CsvIssue[] = [];
  for (let i = 0; i < body.length; i++) {
    const { fields, line } = body[i]!;
    if (fields.length !== head!.fields.length) {
      issues.push({ line, column: null, code: "field_count", params: { got: fields.length, expected: head!.fields.length }, message: `This line has ${fields.length} fields; the header has ${head!.fields.length} (check commas and quotes)` });
      continue;
    }
    const cell = (c: CsvColumn) => {
      const idx = map.indexOf(c);
      return idx < 0 ? "" : restoreCell(fields[idx]!.trim());
    };
    const rowIssues: CsvIssue[] = [];
    const bool = (c: CsvColumn, dflt: boolean) => {
      const v = cell(c).toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return v === "" ? dflt : false;
      rowIssues.push({ line, column: c, code: "not_yes_no", params: { value: cell(c) }, message: `“${cell(c)}” is not yes/no (use true/false, yes/no, نعم/لا)` });
      return dflt;
    };
    const kind = enumValue(forceKinds, cell("kind"));
    if (!kind) rowIssues.push(enumIssue(line, "kind", cell("kind"), forceKinds, "a kind of force"));
    const region = enumValue(regions, cell("region"));
    if (!region) rowIssues.push(enumIssue(line, "region", cell("region"), regions, "a region"));
    const contactName = cell("contact_name");
    const contactOther = (["contact_role", "contact_phone", "contact_email", "contact_messaging"] as const).filter((c) => cell(c));
    const input = {
      kind: kind ?? "PARTY",
      nameAr: cell("name_ar"),
      nameKu: cell("name_ku") || null,
      nameEn: cell("name_en") || null,
      region: region ?? "ABROAD",
      country: cell("country") || null,
      city: cell("city") || null,
      isMember: bool("member", false),
      isOfficial: bool("official", true),
      tags: cell("tags")
        .split(/[;،|]/)
        .map((t) => t.trim())
        .filter(Boolean),
      notes: cell("notes") || null,
      contacts: contactName || contactOther.length
        ? [{ name: contactName, role: cell("contact_role") || null, phone: cell("contact_phone") || null, email: cell("contact_email") || null, messaging: cell("contact_messaging") || null }]
        : [],
    };
    const parsed = ForceInputSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.join(".");
        const column = issuePathToColumn[path] ?? issuePathToColumn[issue.path.slice(0, 1).join(".")] ?? null;
        if (column === "kind" || column === "region") continue; // reported above in words
        if (column === "name_ar" && !input.nameAr) rowIssues.push({ line, column, code: "name_required", message: "The Arabic name is required" });
        else if (column === "contact_name" && !contactName) rowIssues.push({ line, column, code: "contact_name_required", message: "A contact needs a name" });
        else rowIssues.push({ line, column, code: "invalid", message: issue.message });
      }
    }
    let invitation: ImportRow["invitation"] = null;
    const statusText = cell("invitation_status");
    if (statusText) {
      const status = enumValue(invitationStatuses, statusText);
      if (!status) rowIssues.push({ line, column: "invitation_status", code: "bad_status", params: { value: statusText, allowed: invitationStatuses.join(", ") }, message: `“${statusText}” is not an invitation status (${invitationStatuses.join(", ")})` });
      const quotaText = cell("seat_quota");
      const quota = quotaText === "" ? 1 : Number(quotaText);
      if (!Number.isInteger(quota) || quota < 0 || quota > 200) rowIssues.push({ line, column: "seat_quota", code: "bad_quota", params: { value: quotaText }, message: `“${quotaText}” is not a whole number of seats (0–200)` });
      const dl = cell("confirmation_deadline");
      const dlOk = !dl || z.union([z.iso.date(), z.iso.datetime({ offset: true })]).safeParse(dl).success;
      if (!dlOk) rowIssues.push({ line, column: "confirmation_deadline", code: "bad_date", params: { value: dl }, message: `“${dl}” is not a date (YYYY-MM-DD)` });
      if (status) invitation = { status, seatQuota: quota, confirmationDeadline: dlOk ? parseDeadline(dl) : null };
    } else {
      for (const c of ["seat_quota", "confirmation_deadline"] as const)
        if (cell(c)) rowIssues.push({ line, column: c, code: "needs_status", params: { column: c }, message: `${c} needs an invitation_status on the same line` });
    }
    if (parsed.success) {
      const key = nameKey(parsed.data.nameAr);
      const clash = existing.get(key);
      const earlier = firstLineOfKey.get(key);
      if (clash) rowIssues.push({ line, column: "name_ar", code: "exists", params: { name: clash }, message: `A force with this name exists already: “${clash}”` });
      else if (earlier) rowIssues.push({ line, column: "name_ar", code: "same_as_line", params: { line: earlier }, message: `Same name as line ${earlier}` });
      else firstLineOfKey.set(key, line);
      if (!rowIssues.length) rows.push({ line, force: cleanForce(parsed.data), invitation });
    }
    issues.push(...rowIssues);
    if (onProgress && (i + 1) % 500 === 0) onProgress(i + 1, body.length);
  }
  onProgress?.(body.length, body.length);
  return { rows: issues.length ? [] : rows, errors: issues, total: body.length };
}

export interface ImportResult {
  forces: number;
  invitations: number;
  contacts: number;
}

const CHUNK = 500;

/** Writes a valid preview in one transaction: all rows or none. */
export async function commitImport(
  prisma: PrismaClient,
  actor: Actor,
  conferenceId: string,
  preview: ImportPreview,
  opts: Pick<InvitationMeta, "realtime"> & { onProgress?: (written: number, total: number) => void } = {},
): Promise<ImportResult> {
  assertMay(actor, "force.manage", { conferenceId }, "Only organizers import forces");
  assertMay(actor, "invitation.manage", { conferenceId }, "Only organizers import forces");
  if (preview.errors.length || !preview.rows.length) throw new DomainError("bad_request", "Only a file without errors can be imported");
  const rows = preview.rows;
  const start = Date.now();
  const result = await prisma.$transaction(
    async (tx) => {
      const result: ImportResult = { forces: 0, invitations: 0, contacts: 0 };
      // A name added since the preview (another organizer) must not slip in as a duplicate.
      const clash = await tx.force.findFirst({ where: { conferenceId, nameKey: { in: rows.map((r) => r.force.nameKey) } }, select: { nameAr: true } });
      if (clash) throw new DomainError("conflict", `A force named “${clash.nameAr}” was added meanwhile; check the file again`);
      for (let at = 0; at < rows.length; at += CHUNK) {
        const chunk = rows.slice(at, at + CHUNK);
        const made = await tx.force.createManyAndReturn({
          data: chunk.map((r) => ({ ...r.force.data, conferenceId, nameKey: r.force.nameKey, searchText: r.force.searchText })),
          select: { id: true, nameKey: true },
        });
        const idOf = new Map(made.map((m) => [m.nameKey, m.id]));
        const contacts: Prisma.ContactCreateManyInput[] = chunk.flatMap((r) => r.force.contacts.map(({ id: _id, ...c }) => ({ ...c, forceId: idOf.get(r.force.nameKey)! })));
        if (contacts.length) await tx.contact.createMany({ data: contacts });
        const invited = chunk.filter((r) => r.invitation);
        if (invited.length) {
          const invs = await tx.invitation.createManyAndReturn({
            data: invited.map((r) => {
              const path = pathTo(r.invitation!.status);
              return {
                conferenceId,
                forceId: idOf.get(r.force.nameKey)!,
                status: r.invitation!.status,
                version: path.length,
                seatQuota: r.invitation!.seatQuota,
                confirmationDeadline: r.invitation!.confirmationDeadline,
              };
            }),
            select: { id: true, status: true },
          });
          // The history walks the legal path to the imported status, so the timeline stays truthful.
          const events: Prisma.InvitationEventCreateManyInput[] = [];
          for (const inv of invs) {
            pathTo(inv.status).forEach((to, k, path) =>
              events.push({
                invitationId: inv.id,
                actorId: actor.id,
                kind: k === 0 ? "CREATED" : "STATUS",
                fromStatus: k === 0 ? null : path[k - 1]!,
                toStatus: to,
                note: "CSV import",
                createdAt: new Date(start + k),
              }),
            );
          }
          await tx.invitationEvent.createMany({ data: events });
          result.invitations += invs.length;
        }
        result.forces += made.length;
        result.contacts += contacts.length;
        opts.onProgress?.(Math.min(at + CHUNK, rows.length), rows.length);
      }
      await recordAudit(tx, { actorId: actor.id, action: "force.import", subjectType: "Conference", subjectId: conferenceId, data: { ...result }, conferenceId });
      return result;
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
  // Thousands of new rows at once: the planner's statistics must follow, or it keeps planning for the
  // old table sizes (embedded PGlite has no autovacuum to do this; PostgreSQL's would, later).
  await prisma.$executeRawUnsafe(`ANALYZE "Force", "Contact", "Invitation", "InvitationEvent"`);
  if (result.invitations) announceInvitationsReload(opts, conferenceId, actor.id);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Export

export interface ExportRow {
  nameAr: string;
  nameKu: string | null;
  nameEn: string | null;
  kind: string;
  region: string;
  country: string | null;
  city: string | null;
  isMember: boolean;
  isOfficial: boolean;
  tags: string[];
  notes: string | null;
  contacts: { name: string; role: string | null; phone: string | null; email: string | null; messaging: string | null }[];
  invitation: { status: string; seatQuota: number; confirmationDeadline: Date | null } | null;
}

export function exportRecords(rows: ExportRow[]): string[][] {
  const out: string[][] = [csvColumns.map((c) => c.key)];
  for (const r of rows) {
    const c = r.contacts[0];
    out.push([
      r.nameAr,
      r.nameKu ?? "",
      r.nameEn ?? "",
      r.kind,
      r.region,
      r.country ?? "",
      r.city ?? "",
      String(r.isMember),
      String(r.isOfficial),
      r.tags.join("; "),
      r.notes ?? "",
      c?.name ?? "",
      c?.role ?? "",
      c?.phone ?? "",
      c?.email ?? "",
      c?.messaging ?? "",
      r.invitation?.status ?? "",
      r.invitation ? String(r.invitation.seatQuota) : "",
      r.invitation?.confirmationDeadline ? calendarDay(r.invitation.confirmationDeadline) : "", // the office's day, as imported
    ]);
  }
  return out;
}

/** CSV with a UTF-8 BOM, so spreadsheet programs open the Arabic as Arabic. */
export function toCsv(rows: ExportRow[]): string {
  return writeCsv(exportRecords(rows));
}

/** An .xlsx workbook, right-to-left sheet, header row frozen. */
export async function toXlsx(rows: ExportRow[]): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "Tawafuq";
  const ws = wb.addWorksheet("forces", { views: [{ rightToLeft: true, state: "frozen", ySplit: 1 }] });
  for (const r of exportRecords(rows)) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, i) => (col.width = i < 3 ? 32 : 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const exportSelect = {
  nameAr: true,
  nameKu: true,
  nameEn: true,
  kind: true,
  region: true,
  country: true,
  city: true,
  isMember: true,
  isOfficial: true,
  tags: true,
  notes: true,
  contacts: { select: { name: true, role: true, phone: true, email: true, messaging: true }, orderBy: { createdAt: "asc" } },
  invitations: { select: { status: true, seatQuota: true, confirmationDeadline: true }, take: 1 },
} satisfies Prisma.ForceSelect;

/** Every force matching the table's filters (all pages), in the table's order. */
export async function forcesForExport(db: Db, actor: Actor, conferenceId: string, query: ForceQuery): Promise<ExportRow[]> {
  assertMay(actor, "force.read", { conferenceId }, "You may not read the forces directory");
  const rows = await db.force.findMany({ where: forceListWhere(conferenceId, query), select: exportSelect, orderBy: [{ nameAr: "asc" }, { id: "asc" }], take: 100_000 });
  return rows.map(({ invitations, ...f }) => ({ ...f, invitation: invitations[0] ?? null }));
}

/** Every invitation matching the table's filters, as force rows with their invitation columns. */
export async function invitationsForExport(db: Db, actor: Actor, conferenceId: string, query: InvitationQuery): Promise<ExportRow[]> {
  const where = await invitationListWhere(db, actor, conferenceId, query);
  const rows = await db.invitation.findMany({
    where,
    select: { status: true, seatQuota: true, confirmationDeadline: true, force: { select: { ...exportSelect, invitations: false } } },
    orderBy: [{ force: { nameAr: "asc" } }, { id: "asc" }],
    take: 100_000,
  });
  return rows.map(({ force, ...inv }) => ({ ...force, invitation: inv }));
}

/** An empty cell is a missing value, said so; anything else is not one of the allowed values. */
function enumIssue(line: number, column: "kind" | "region", value: string, allowed: readonly string[], what: string): CsvIssue {
  const list = allowed.join(", ");
  return value
    ? { line, column, code: `bad_${column}`, params: { value, allowed: list }, message: `“${value}” is not ${what} (${list})` }
    : { line, column, code: `${column}_required`, params: { allowed: list }, message: `The ${column} is required (${list})` };
}
