// The outreach log: who from the office met, called or wrote to which force, person or representation,
// what came of it, and the follow-up someone owns with a due day. Transport-free (routes and the JSON API
// are thin adapters); every function checks the policy module itself.
import { stripInvisible } from "~/domain/arabic";
import { z } from "zod";
import type { AmendmentState, InvitationStatus, OutreachChannel, Prisma, PrismaClient } from "@prisma/client";
import type { Actor } from "~/policy";
import { may } from "~/policy";
import { audit } from "./accounts.server";
import { changedFields, type AuditMeta } from "./audit.server";
import type { ActivityAction } from "./activity-kinds";
import { assertMay, DomainError, notFound } from "./errors";
import { addDays, calendarDate, calendarDay, dayOf, dueState, officeTimeZone, toDbDate, type CalendarDate, type DueState } from "./due-dates";
import { assertForceIn, assertOwner, assertRepresentationIn, flag, invalid, membersWhoMay, optionalId, optionalText, parseInput, requiredText } from "./coordination-common";

import { outreachChannels } from "./coordination-enums";
export { outreachChannels };

const optionalDay = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), calendarDate.nullable().optional());

/** What a person writes when logging outreach (form fields and JSON body alike). */
export const OutreachInput = z.object({
  forceId: optionalId,
  contactId: optionalId,
  representationId: optionalId,
  occurredOn: calendarDate,
  channel: z.enum(outreachChannels),
  participants: z.preprocess((v) => v ?? "", z.string().overwrite(stripInvisible).trim().max(1000)),
  summary: requiredText(10_000),
  outcome: optionalText(10_000),
  followUp: optionalText(2000),
  followUpDue: optionalDay,
  followUpOwnerId: optionalId,
});
export type OutreachInput = z.infer<typeof OutreachInput>;

/** What the new-entry page takes from its address (links from a force's timeline, a representation). */
export const OutreachPrefill = OutreachInput.pick({ forceId: true, contactId: true, representationId: true });

export const OutreachFilter = z.object({
  forceId: optionalId,
  representationId: optionalId,
  channel: z.preprocess((v) => (v === "" ? undefined : v), z.enum(outreachChannels).optional()),
  from: optionalDay,
  to: optionalDay,
  openFollowUps: flag.optional(),
  take: z.coerce.number().int().min(1).max(200).default(50),
  skip: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The follow-ups list's query: whose (`me`, `all` or a user id), only those due now, or due within days. */
export const FollowUpsFilter = z.object({
  owner: z.string().trim().min(1).max(64).default("me").meta({ description: "`me`, `all` or a user id" }),
  dueNow: flag.optional().meta({ description: "Only overdue and due today" }),
  withinDays: z.coerce.number().int().min(0).max(3650).optional().meta({ description: "Only those due within this many days" }),
});

/** Complete a follow-up, or open it again. */
export const FollowUpDoneInput = z.object({ done: z.boolean() });

const entryInclude = {
  force: { select: { id: true, nameAr: true, nameKu: true, nameEn: true, kind: true } },
  contact: { select: { id: true, name: true, role: true } },
  representation: { select: { id: true, country: true, area: true } },
} satisfies Prisma.OutreachEntryInclude;
type EntryRow = Prisma.OutreachEntryGetPayload<{ include: typeof entryInclude }>;

export interface OutreachEntryView {
  id: string;
  conferenceId: string;
  occurredOn: CalendarDate;
  channel: OutreachChannel;
  participants: string;
  summary: string;
  outcome: string | null;
  force: EntryRow["force"];
  contact: EntryRow["contact"];
  representation: EntryRow["representation"];
  followUp: null | {
    what: string;
    due: CalendarDate;
    owner: { id: string; name: string } | null;
    doneAt: string | null;
    doneBy: { id: string; name: string } | null;
    state: DueState;
  };
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

async function namesOf(prisma: PrismaClient, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

function view(row: EntryRow, names: Map<string, string>, today: CalendarDate): OutreachEntryView {
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? "—" } : null);
  return {
    id: row.id,
    conferenceId: row.conferenceId,
    occurredOn: dayOf(row.occurredOn),
    channel: row.channel,
    participants: row.participants,
    summary: row.summary,
    outcome: row.outcome,
    force: row.force,
    contact: row.contact,
    representation: row.representation,
    followUp:
      row.followUp && row.followUpDue
        ? {
            what: row.followUp,
            due: dayOf(row.followUpDue),
            owner: person(row.followUpOwnerId),
            doneAt: row.followUpDoneAt?.toISOString() ?? null,
            doneBy: person(row.followUpDoneById),
            state: dueState(dayOf(row.followUpDue), !!row.followUpDoneAt, today),
          }
        : null,
    createdBy: person(row.createdById),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function views(prisma: PrismaClient, rows: EntryRow[], today: CalendarDate) {
  const names = await namesOf(prisma, rows.flatMap((r) => [r.createdById, r.followUpOwnerId, r.followUpDoneById]));
  return rows.map((r) => view(r, names, today));
}

export interface Clock {
  now?: Date;
  timeZone?: string;
}
const todayOf = (c: Clock = {}) => calendarDay(c.now ?? new Date(), c.timeZone ?? officeTimeZone());

/**
 * The rules of an entry, checked before anything is written:
 * - it is with someone: a force, a person of a force, or a representation;
 * - a person belongs to the force named with them (and names the force when given alone);
 * - it records what happened, so its day is not after today;
 * - a follow-up has all three of what, due day and owner; it is not due before the outreach happened;
 *   its owner is a member who may write outreach.
 */
async function checkedData(prisma: PrismaClient, conferenceId: string, input: OutreachInput, today: CalendarDate) {
  let forceId = input.forceId ?? null;
  const contactId = input.contactId ?? null;
  const representationId = input.representationId ?? null;
  if (!forceId && !contactId && !representationId) {
    throw invalid("forceId", "withWhom", "Say whom the outreach was with: a force, a person of a force or a representation");
  }
  if (contactId) {
    const contact = await prisma.contact.findFirst({ where: { id: contactId, force: { conferenceId } }, select: { forceId: true } });
    if (!contact) throw invalid("contactId", "notFound", "No such person in this conference");
    if (forceId && contact.forceId !== forceId) throw invalid("contactId", "contactOfOtherForce", "This person belongs to another force");
    forceId = contact.forceId;
  } else if (forceId) {
    await assertForceIn(prisma, conferenceId, forceId);
  }
  if (representationId) await assertRepresentationIn(prisma, conferenceId, representationId);
  if (input.occurredOn > today) throw invalid("occurredOn", "inFuture", "The outreach date cannot be in the future: log it once it has happened");

  const hasAny = !!(input.followUp || input.followUpDue || input.followUpOwnerId);
  if (hasAny) {
    if (!input.followUp) throw invalid("followUp", "followUpIncomplete", "A follow-up needs what to do, a due date and an owner");
    if (!input.followUpDue) throw invalid("followUpDue", "followUpIncomplete", "A follow-up needs what to do, a due date and an owner");
    if (!input.followUpOwnerId) throw invalid("followUpOwnerId", "followUpIncomplete", "A follow-up needs what to do, a due date and an owner");
    if (input.followUpDue < input.occurredOn) throw invalid("followUpDue", "dueBeforeOutreach", "The follow-up cannot be due before the outreach happened");
    await assertOwner(prisma, conferenceId, input.followUpOwnerId, "outreach.write", "followUpOwnerId");
  }
  return {
    forceId,
    contactId,
    representationId,
    occurredOn: toDbDate(input.occurredOn),
    channel: input.channel,
    participants: input.participants,
    summary: input.summary,
    outcome: input.outcome ?? null,
    followUp: input.followUp ?? null,
    followUpDue: input.followUpDue ? toDbDate(input.followUpDue) : null,
    followUpOwnerId: input.followUpOwnerId ?? null,
  };
}

export async function createOutreach(prisma: PrismaClient, actor: Actor, conferenceId: string, raw: unknown, clock: Clock = {}, meta: AuditMeta = {}): Promise<OutreachEntryView> {
  assertMay(actor, "outreach.write", { conferenceId });
  const input = parseInput(OutreachInput, raw);
  const today = todayOf(clock);
  const data = await checkedData(prisma, conferenceId, input, today);
  const row = await prisma.outreachEntry.create({ data: { ...data, conferenceId, createdById: actor.id }, include: entryInclude });
  await audit(prisma, actor.id, "outreach.create" satisfies ActivityAction, "OutreachEntry", row.id, { forceId: row.forceId, channel: row.channel, occurredOn: dayOf(row.occurredOn) }, { conferenceId, ip: meta.ip });
  return (await views(prisma, [row], today))[0]!;
}

async function findEntry(prisma: PrismaClient, id: string) {
  const row = await prisma.outreachEntry.findUnique({ where: { id }, include: entryInclude });
  if (!row) throw notFound("Outreach entry");
  return row;
}

export async function getOutreach(prisma: PrismaClient, actor: Actor, id: string, clock: Clock = {}): Promise<OutreachEntryView> {
  const row = await findEntry(prisma, id);
  // Someone outside the conference learns nothing, not even that the entry exists.
  if (!may(actor, "outreach.read", { conferenceId: row.conferenceId })) throw notFound("Outreach entry");
  return (await views(prisma, [row], todayOf(clock)))[0]!;
}

/** Edits an entry (the whole entry is sent again, as a form does). A completed follow-up stays completed unless its text, day or owner changes. */
export async function updateOutreach(prisma: PrismaClient, actor: Actor, id: string, raw: unknown, clock: Clock = {}, meta: AuditMeta = {}): Promise<OutreachEntryView> {
  const existing = await findEntry(prisma, id);
  if (!may(actor, "outreach.read", { conferenceId: existing.conferenceId })) throw notFound("Outreach entry");
  assertMay(actor, "outreach.write", { conferenceId: existing.conferenceId });
  const input = parseInput(OutreachInput, raw);
  const today = todayOf(clock);
  const data = await checkedData(prisma, existing.conferenceId, input, today);
  const followUpChanged =
    data.followUp !== existing.followUp ||
    data.followUpOwnerId !== existing.followUpOwnerId ||
    (data.followUpDue?.getTime() ?? null) !== (existing.followUpDue?.getTime() ?? null);
  const row = await prisma.outreachEntry.update({
    where: { id },
    data: { ...data, ...(followUpChanged ? { followUpDoneAt: null, followUpDoneById: null } : {}) },
    include: entryInclude,
  });
  await audit(prisma, actor.id, "outreach.update" satisfies ActivityAction, "OutreachEntry", id, { changed: changedFields(existing, data) }, { conferenceId: existing.conferenceId, ip: meta.ip });
  return (await views(prisma, [row], today))[0]!;
}

export async function deleteOutreach(prisma: PrismaClient, actor: Actor, id: string, meta: AuditMeta = {}): Promise<void> {
  const existing = await findEntry(prisma, id);
  if (!may(actor, "outreach.read", { conferenceId: existing.conferenceId })) throw notFound("Outreach entry");
  assertMay(actor, "outreach.write", { conferenceId: existing.conferenceId });
  await prisma.outreachEntry.delete({ where: { id } });
  // Not the summary: free text that may quote a person, which no erasure could reach in the trail (ADR 0034).
  await audit(prisma, actor.id, "outreach.delete" satisfies ActivityAction, "OutreachEntry", id, { forceId: existing.forceId, contactId: existing.contactId, channel: existing.channel, occurredOn: dayOf(existing.occurredOn) }, { conferenceId: existing.conferenceId, ip: meta.ip });
}

/** Marks the follow-up done (done = true) or open again (done = false). Repeating either is harmless. */
export async function setFollowUpDone(prisma: PrismaClient, actor: Actor, id: string, done: boolean, clock: Clock = {}, meta: AuditMeta = {}): Promise<OutreachEntryView> {
  const existing = await findEntry(prisma, id);
  if (!may(actor, "outreach.read", { conferenceId: existing.conferenceId })) throw notFound("Outreach entry");
  assertMay(actor, "outreach.write", { conferenceId: existing.conferenceId });
  if (!existing.followUp || !existing.followUpDue) throw new DomainError("conflict", "This outreach entry has no follow-up");
  const now = clock.now ?? new Date();
  const already = !!existing.followUpDoneAt === done;
  const row = already
    ? existing
    : await prisma.outreachEntry.update({
        where: { id },
        data: done ? { followUpDoneAt: now, followUpDoneById: actor.id } : { followUpDoneAt: null, followUpDoneById: null },
        include: entryInclude,
      });
  if (!already) await audit(prisma, actor.id, (done ? "outreach.followUpDone" : "outreach.followUpReopen") satisfies ActivityAction, "OutreachEntry", id, undefined, { conferenceId: existing.conferenceId, ip: meta.ip });
  return (await views(prisma, [row], todayOf(clock)))[0]!;
}

export async function listOutreach(prisma: PrismaClient, actor: Actor, conferenceId: string, rawFilter: unknown = {}, clock: Clock = {}) {
  assertMay(actor, "outreach.read", { conferenceId });
  const f = parseInput(OutreachFilter, rawFilter);
  const where: Prisma.OutreachEntryWhereInput = {
    conferenceId,
    ...(f.forceId ? { forceId: f.forceId } : {}),
    ...(f.representationId ? { representationId: f.representationId } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.from || f.to ? { occurredOn: { ...(f.from ? { gte: toDbDate(f.from) } : {}), ...(f.to ? { lte: toDbDate(f.to) } : {}) } } : {}),
    ...(f.openFollowUps ? { followUpDue: { not: null }, followUpDoneAt: null } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.outreachEntry.count({ where }),
    prisma.outreachEntry.findMany({ where, include: entryInclude, orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }, { id: "desc" }], take: f.take, skip: f.skip }),
  ]);
  return { total, take: f.take, skip: f.skip, entries: await views(prisma, rows, todayOf(clock)) };
}

export interface FollowUpsQuery {
  /** One owner's list; omit for everyone's. */
  ownerId?: string;
  /** Only those due now (overdue or due today). */
  dueNowOnly?: boolean;
  /** Also those due within this many days (default 7). */
  withinDays?: number;
  limit?: number;
}

/**
 * Open follow-ups, most urgent first (earliest due day, then oldest entry). The owner's "follow-ups due"
 * list is `{ ownerId }`; the dashboard's overdue list is `{ dueNowOnly: true }` filtered to overdue.
 */
export async function openFollowUps(prisma: PrismaClient, actor: Actor, conferenceId: string, q: FollowUpsQuery = {}, clock: Clock = {}): Promise<OutreachEntryView[]> {
  assertMay(actor, "outreach.read", { conferenceId });
  const today = todayOf(clock);
  const horizon = q.dueNowOnly ? today : q.withinDays != null ? addDays(today, q.withinDays) : null;
  const rows = await prisma.outreachEntry.findMany({
    where: {
      conferenceId,
      followUp: { not: null },
      followUpDoneAt: null,
      followUpDue: horizon ? { not: null, lte: toDbDate(horizon) } : { not: null },
      ...(q.ownerId ? { followUpOwnerId: q.ownerId } : {}),
    },
    include: entryInclude,
    orderBy: [{ followUpDue: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: Math.min(q.limit ?? 200, 500),
  });
  return views(prisma, rows, today);
}

// ---------------------------------------------------------------------------------------------
// Per-force timeline

export type TimelineItem =
  | { kind: "outreach"; id: string; day: CalendarDate; at: null; createdAt: string; entry: OutreachEntryView }
  | {
      kind: "invitation";
      id: string;
      day: CalendarDate;
      at: string;
      from: InvitationStatus | null;
      to: InvitationStatus;
      note: string | null;
      actor: string | null;
    }
  | {
      kind: "amendment";
      id: string;
      day: CalendarDate;
      at: string;
      amendmentId: string;
      type: string;
      sectionTitle: string | null;
      from: AmendmentState | null;
      to: AmendmentState;
      note: string | null;
      actor: string | null;
    };

/**
 * Newest first. Outreach entries carry a day, events an instant, so: by day (newest first); within one
 * day the timestamped events come before that day's outreach entries (a meeting usually leads to the
 * status change, so in reading order it sits under it); events among themselves by instant, entries by
 * when they were logged; the id breaks the last ties so the order never flickers between loads.
 */
export function mergeTimeline(items: TimelineItem[]): TimelineItem[] {
  const rank = (i: TimelineItem) => (i.kind === "outreach" ? 0 : 1);
  const stamp = (i: TimelineItem) => (i.kind === "outreach" ? i.createdAt : i.at);
  return [...items].sort((a, b) => {
    if (a.day !== b.day) return a.day < b.day ? 1 : -1;
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    const sa = stamp(a);
    const sb = stamp(b);
    if (sa !== sb) return sa < sb ? 1 : -1;
    return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  });
}

export async function forceTimeline(prisma: PrismaClient, actor: Actor, conferenceId: string, forceId: string, clock: Clock = {}) {
  assertMay(actor, "outreach.read", { conferenceId, forceId });
  const force = await prisma.force.findFirst({
    where: { id: forceId, conferenceId },
    select: {
      id: true,
      kind: true,
      nameAr: true,
      nameKu: true,
      nameEn: true,
      region: true,
      country: true,
      city: true,
      isMember: true,
      archivedAt: true,
      contacts: { select: { id: true, name: true, role: true }, orderBy: { name: "asc" } },
      invitations: { select: { id: true, status: true }, where: { conferenceId } },
    },
  });
  if (!force) throw notFound("Force");
  const zone = clock.timeZone ?? officeTimeZone();
  const today = todayOf(clock);
  const items: TimelineItem[] = [];

  const entries = await prisma.outreachEntry.findMany({ where: { conferenceId, forceId }, include: entryInclude });
  for (const e of await views(prisma, entries, today)) items.push({ kind: "outreach", id: e.id, day: e.occurredOn, at: null, createdAt: e.createdAt, entry: e });

  const invEvents = may(actor, "invitation.read", { conferenceId, forceId })
    ? await prisma.invitationEvent.findMany({ where: { invitation: { conferenceId, forceId } } })
    : [];
  // Drafts are the force's own until submitted: the office sees an amendment from its submission on.
  const amEvents = may(actor, "amendment.read", { conferenceId, forceId })
    ? await prisma.amendmentEvent.findMany({
        // Only changes of state: edits, recommendations and re-anchoring are the committee's working detail.
        where: { kind: "TRANSITION", toState: { not: "DRAFT" }, amendment: { forceId, paper: { conferenceId } } },
        include: { amendment: { select: { id: true, type: true, sectionTitle: true } } },
      })
    : [];
  const actors = await namesOf(prisma, [...invEvents.map((e) => e.actorId), ...amEvents.map((e) => e.actorId)]);
  for (const e of invEvents) {
    items.push({
      kind: "invitation",
      id: e.id,
      day: calendarDay(e.createdAt, zone),
      at: e.createdAt.toISOString(),
      from: e.fromStatus,
      to: e.toStatus,
      note: e.note,
      actor: e.actorId ? (actors.get(e.actorId) ?? null) : null,
    });
  }
  for (const e of amEvents) {
    items.push({
      kind: "amendment",
      id: e.id,
      day: calendarDay(e.createdAt, zone),
      at: e.createdAt.toISOString(),
      amendmentId: e.amendment.id,
      type: e.amendment.type,
      sectionTitle: e.amendment.sectionTitle,
      from: e.fromState,
      to: e.toState,
      note: e.note,
      actor: e.actorId ? (actors.get(e.actorId) ?? null) : null,
    });
  }
  return { force, items: mergeTimeline(items) };
}

/** Forces and their people, for the "with whom" choice of the form. */
export async function outreachTargets(prisma: PrismaClient, actor: Actor, conferenceId: string) {
  assertMay(actor, "outreach.read", { conferenceId });
  const [forces, representations] = await Promise.all([
    prisma.force.findMany({
      where: { conferenceId, archivedAt: null },
      select: { id: true, kind: true, nameAr: true, nameKu: true, nameEn: true, contacts: { select: { id: true, name: true, role: true }, orderBy: { name: "asc" } } },
      orderBy: { nameAr: "asc" },
    }),
    prisma.representation.findMany({ where: { conferenceId }, select: { id: true, country: true, area: true }, orderBy: { country: "asc" } }),
  ]);
  return { forces, representations };
}

/** Everything the entry form offers: forces with their people, representations, possible owners. */
export async function outreachFormOptions(prisma: PrismaClient, actor: Actor, conferenceId: string) {
  assertMay(actor, "outreach.write", { conferenceId });
  const [targets, owners] = await Promise.all([outreachTargets(prisma, actor, conferenceId), membersWhoMay(prisma, conferenceId, "outreach.write")]);
  return { ...targets, owners: owners.map(({ id, name }) => ({ id, name })) };
}

/** An entry as form values (for editing, and for PATCH: the stored entry merged with the changes). */
export function outreachValues(e: OutreachEntryView): Record<string, string> {
  return {
    forceId: e.force?.id ?? "",
    contactId: e.contact?.id ?? "",
    representationId: e.representation?.id ?? "",
    occurredOn: e.occurredOn,
    channel: e.channel,
    participants: e.participants,
    summary: e.summary,
    outcome: e.outcome ?? "",
    followUp: e.followUp?.what ?? "",
    followUpDue: e.followUp?.due ?? "",
    followUpOwnerId: e.followUp?.owner?.id ?? "",
  };
}

/** Today in the office's zone (the default of a new entry's date). */
export const officeToday = (clock: Clock = {}) => todayOf(clock);
