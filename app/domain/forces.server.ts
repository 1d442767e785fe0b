// The forces directory: create, edit, archive, list with filters and Arabic-folded search in the
// database. Transport-free: takes the Prisma client and the acting user, returns plain data, throws
// DomainError. Every function asks the policy module itself, so pages, the API and imports agree.
import { parseQuery } from "./query-params";
import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import { foldArabic, nameKey } from "~/domain/arabic";
import type { Actor } from "~/policy";
import { recordAudit, type AuditMeta } from "./audit.server";
import { assertMay, DomainError, notFound, parseInput } from "./errors";
import { ForceInputSchema, ForceQuerySchema, type ContactInput, type ForceInput, type ForceQuery, type NameOrder, nameColumns } from "./forces-schema";

export type Db = PrismaClient | Prisma.TransactionClient;

const mayNotRead = "You may not read the forces directory";
const mayNotManage = "Only organizers manage the forces directory";

const parseForce = (input: unknown) => parseInput(ForceInputSchema, input, "The force");

const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

/** What search looks in: every name, the contacts, notes, place and tags, folded (app/domain/arabic.ts). */
export function forceSearchText(f: {
  nameAr: string;
  nameKu?: string | null;
  nameEn?: string | null;
  city?: string | null;
  country?: string | null;
  tags?: readonly string[];
  notes?: string | null;
  contacts?: readonly Partial<ContactInput>[];
}): string {
  const parts = [f.nameAr, f.nameKu, f.nameEn, f.city, f.country, ...(f.tags ?? []), f.notes];
  for (const c of f.contacts ?? []) parts.push(c.name, c.role, c.phone, c.email, c.messaging);
  return foldArabic(parts.filter(Boolean).join(" \u2022 "));
}

type CleanForce = ReturnType<typeof cleanForce>;
function cleanForce(input: z.infer<typeof ForceInputSchema>) {
  const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  const contacts = input.contacts.map((c) => ({
    id: c.id || undefined,
    name: c.name.trim(),
    role: blankToNull(c.role),
    phone: blankToNull(c.phone),
    email: blankToNull(c.email)?.toLowerCase() ?? null,
    messaging: blankToNull(c.messaging),
    locale: c.locale ?? "ar",
  }));
  const data = {
    kind: input.kind,
    nameAr: input.nameAr.trim(),
    nameKu: blankToNull(input.nameKu),
    nameEn: blankToNull(input.nameEn),
    region: input.region,
    country: blankToNull(input.country),
    city: blankToNull(input.city),
    isMember: input.isMember,
    isOfficial: input.isOfficial,
    tags,
    notes: blankToNull(input.notes),
  };
  return { data, contacts, nameKey: nameKey(data.nameAr), searchText: forceSearchText({ ...data, contacts }) };
}

export interface DuplicateForce {
  id: string;
  nameAr: string;
  nameEn: string | null;
  archived: boolean;
}

/** Forces of the conference whose Arabic name folds to the same key (spelling variants of one name). */
export async function findDuplicates(db: Db, conferenceId: string, name: string, exceptId?: string): Promise<DuplicateForce[]> {
  const key = nameKey(name);
  if (!key) return [];
  const rows = await db.force.findMany({
    where: { conferenceId, nameKey: key, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, nameAr: true, nameEn: true, archivedAt: true },
    take: 10,
  });
  return rows.map((r) => ({ id: r.id, nameAr: r.nameAr, nameEn: r.nameEn, archived: !!r.archivedAt }));
}

function duplicateError(duplicates: DuplicateForce[]) {
  return new DomainError("conflict", `A force with this name exists already: ${duplicates.map((d) => d.nameAr).join("، ")}`, {
    reason: "duplicate_name",
    duplicates,
  });
}

const forceInclude = {
  contacts: { orderBy: { createdAt: "asc" } },
  invitations: { select: { id: true, status: true, version: true }, take: 1 },
} satisfies Prisma.ForceInclude;
type ForceRow = Prisma.ForceGetPayload<{ include: typeof forceInclude }>;

export function presentForce(f: ForceRow) {
  const { invitations, nameKey: _k, searchText: _s, ...rest } = f;
  return {
    ...rest,
    archivedAt: f.archivedAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    contacts: f.contacts.map((c) => ({ id: c.id, name: c.name, role: c.role, phone: c.phone, email: c.email, messaging: c.messaging, locale: c.locale })),
    invitation: invitations[0] ?? null,
  };
}
export type ForceView = ReturnType<typeof presentForce>;

export async function createForce(
  prisma: PrismaClient,
  actor: Actor,
  conferenceId: string,
  input: ForceInput,
  opts: { allowDuplicate?: boolean } & AuditMeta = {},
): Promise<ForceView> {
  assertMay(actor, "force.manage", { conferenceId }, mayNotManage);
  const clean = cleanForce(parseForce(input));
  if (!opts.allowDuplicate) {
    const dups = await findDuplicates(prisma, conferenceId, clean.data.nameAr);
    if (dups.length) throw duplicateError(dups);
  }
  const force = await prisma.$transaction(async (tx) => {
    const f = await tx.force.create({
      data: {
        ...clean.data,
        conferenceId,
        nameKey: clean.nameKey,
        searchText: clean.searchText,
        contacts: { create: clean.contacts.map(({ id: _id, ...c }) => c) },
      },
      include: forceInclude,
    });
    await recordAudit(tx, { actorId: actor.id, action: "force.create", subjectType: "Force", subjectId: f.id, data: { nameAr: f.nameAr }, conferenceId, ip: opts.ip });
    return f;
  });
  return presentForce(force);
}

export async function getForce(db: Db, actor: Actor, conferenceId: string, id: string): Promise<ForceView> {
  assertMay(actor, "force.read", { conferenceId }, mayNotRead);
  const f = await db.force.findFirst({ where: { id, conferenceId }, include: forceInclude });
  if (!f) throw notFound("Force");
  return presentForce(f);
}

/** Edits a force at the version the editor saw; contacts are matched by id so outreach links survive. */
export async function updateForce(
  prisma: PrismaClient,
  actor: Actor,
  conferenceId: string,
  id: string,
  input: ForceInput & { version: number },
  opts: { allowDuplicate?: boolean } & AuditMeta = {},
): Promise<ForceView> {
  assertMay(actor, "force.manage", { conferenceId }, mayNotManage);
  const clean = cleanForce(parseForce(input));
  const version = input.version;
  if (!Number.isInteger(version)) throw new DomainError("bad_request", "version is required");
  const force = await prisma.$transaction(async (tx) => {
    const current = await tx.force.findFirst({ where: { id, conferenceId }, include: { contacts: { select: { id: true } } } });
    if (!current) throw notFound("Force");
    if (current.version !== version) throw staleForce(current.version);
    if (!opts.allowDuplicate && current.nameKey !== clean.nameKey) {
      const dups = await findDuplicates(tx, conferenceId, clean.data.nameAr, id);
      if (dups.length) throw duplicateError(dups);
    }
    const kept = new Set(current.contacts.map((c) => c.id));
    const incoming = clean.contacts.filter((c) => c.id && kept.has(c.id));
    const incomingIds = new Set(incoming.map((c) => c.id!));
    const res = await tx.force.updateMany({
      where: { id, version },
      data: { ...clean.data, nameKey: clean.nameKey, searchText: clean.searchText, version: { increment: 1 } },
    });
    if (res.count !== 1) throw staleForce((await tx.force.findUnique({ where: { id }, select: { version: true } }))?.version ?? version);
    await tx.contact.deleteMany({ where: { forceId: id, id: { notIn: [...incomingIds] } } });
    for (const c of incoming) {
      const { id: cid, ...data } = c;
      await tx.contact.update({ where: { id: cid! }, data });
    }
    const fresh = clean.contacts.filter((c) => !c.id || !kept.has(c.id)).map(({ id: _id, ...c }) => ({ ...c, forceId: id }));
    if (fresh.length) await tx.contact.createMany({ data: fresh });
    await recordAudit(tx, { actorId: actor.id, action: "force.update", subjectType: "Force", subjectId: id, data: { version: version + 1 }, conferenceId, ip: opts.ip });
    return tx.force.findUniqueOrThrow({ where: { id }, include: forceInclude });
  });
  return presentForce(force);
}

function staleForce(current: number) {
  return new DomainError("stale_version", "Someone else changed this force meanwhile; reload to see their changes", { currentVersion: current });
}

/** Archiving keeps the force, its history and invitation; it leaves the default lists. */
export async function setForceArchived(prisma: PrismaClient, actor: Actor, conferenceId: string, id: string, archived: boolean, meta: AuditMeta = {}): Promise<ForceView> {
  assertMay(actor, "force.manage", { conferenceId }, mayNotManage);
  const force = await prisma.$transaction(async (tx) => {
    const current = await tx.force.findFirst({ where: { id, conferenceId } });
    if (!current) throw notFound("Force");
    if (!!current.archivedAt === archived) return tx.force.findUniqueOrThrow({ where: { id }, include: forceInclude });
    await tx.force.update({ where: { id }, data: { archivedAt: archived ? new Date() : null, version: { increment: 1 } } });
    await recordAudit(tx, { actorId: actor.id, action: archived ? "force.archive" : "force.unarchive", subjectType: "Force", subjectId: id, conferenceId, ip: meta.ip });
    return tx.force.findUniqueOrThrow({ where: { id }, include: forceInclude });
  });
  return presentForce(force);
}

/** The search condition: every word of the folded query must occur in the folded search column. */
/** The folded words of a search (at most 8). */
export function searchWords(q: string | undefined): string[] {
  return foldArabic(q ?? "")
    .split(" ")
    .filter(Boolean)
    .slice(0, 8);
}

export function searchWhere(q: string | undefined): Prisma.ForceWhereInput {
  const words = searchWords(q);
  // Prisma's `contains` becomes LIKE '%…%' (served by the pg_trgm GIN index) but does not escape
  // LIKE's wildcards: a user's % or _ must match itself.
  return words.length ? { AND: words.map((w) => ({ searchText: { contains: w.replace(/[\\%_]/g, (c) => `\\${c}`) } })) } : {};
}

/** The force-side filters shared by the forces table and the invitations table. */
export function forceFilterWhere(q: Pick<ForceQuery, "q" | "kind" | "region" | "member" | "official" | "tag">): Prisma.ForceWhereInput {
  return {
    ...searchWhere(q.q),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.region ? { region: q.region } : {}),
    ...(q.member !== undefined ? { isMember: q.member } : {}),
    ...(q.official !== undefined ? { isOfficial: q.official } : {}),
    ...(q.tag ? { tags: { has: q.tag } } : {}),
  };
}

/** The forces table's query string, strictly (ADR 0033); `allow` names parameters the caller reads itself. */
export function parseForceQuery(params: URLSearchParams | Record<string, unknown>, allow: readonly string[] = []): ForceQuery {
  return parseQuery(ForceQuerySchema, params, { allow });
}

/** Forces by name as a reader of that language sees them (NameOrderSchema). */
function byName(names: NameOrder, d: Prisma.SortOrder): Prisma.ForceOrderByWithRelationInput[] {
  return nameColumns(names).map((c) => (c === "nameAr" ? { nameAr: d } : { [c]: { sort: d, nulls: "last" } }));
}

function forceOrder(q: ForceQuery): Prisma.ForceOrderByWithRelationInput[] {
  const d = q.dir;
  const by: Record<ForceQuery["sort"], Prisma.ForceOrderByWithRelationInput[]> = {
    name: byName(q.names, d),
    kind: [{ kind: d }, ...byName(q.names, "asc")],
    region: [{ region: d }, { city: d }, ...byName(q.names, "asc")],
    updated: [{ updatedAt: d }],
    created: [{ createdAt: d }],
  };
  return [...by[q.sort], { id: "asc" }];
}

export function forceListWhere(conferenceId: string, query: ForceQuery): Prisma.ForceWhereInput {
  return {
    conferenceId,
    ...forceFilterWhere(query),
    ...(query.archived === "exclude" ? { archivedAt: null } : query.archived === "only" ? { archivedAt: { not: null } } : {}),
    ...(query.status === "NONE" ? { invitations: { none: {} } } : query.status ? { invitations: { some: { status: query.status } } } : {}),
  };
}

export async function listForces(db: Db, actor: Actor, conferenceId: string, query: ForceQuery) {
  assertMay(actor, "force.read", { conferenceId }, mayNotRead);
  const where = forceListWhere(conferenceId, query);
  const [total, rows] = await Promise.all([
    db.force.count({ where }),
    db.force.findMany({
      where,
      include: forceInclude,
      orderBy: forceOrder(query),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return {
    rows: rows.map(presentForce),
    page: { page: query.page, pageSize: query.pageSize, total, pages: Math.max(1, Math.ceil(total / query.pageSize)) },
  };
}

/** Every tag in use in the conference, for the tag filter. */
export async function forceTags(db: Db, conferenceId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ tag: string }[]>`SELECT DISTINCT unnest("tags") AS tag FROM "Force" WHERE "conferenceId" = ${conferenceId} ORDER BY 1 LIMIT 500`;
  return rows.map((r) => r.tag);
}

export type { CleanForce };
export { cleanForce };
