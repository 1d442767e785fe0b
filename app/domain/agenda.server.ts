// The plenary's agenda (issue 20, ADR 0054): sessions by day with their items, the chair's item on the
// floor, and what the projector shows of it. Writes follow the invitation template: parse → load (a row
// the actor may not read is "not found") → policy → version → graph → compare-and-set → audit, one
// transaction; the change is announced to the conference's room after it commits.
import type { AgendaItem, AgendaItemStatus, AgendaSession, PrismaClient } from "@prisma/client";
import type { z } from "zod";
import { may, type Actor } from "~/policy";
import type { Realtime } from "~/services.server";
import { assertMay, DomainError, notFound, parseInput } from "./errors";
import { recordAudit, type AuditMeta } from "./audit.server";
import { rooms } from "./rooms";
import { AGENDA_CHANGED, type AgendaChangedEvent } from "./agenda-live";
import { canTransition } from "./agenda-status";
import { createEvents } from "ics";
import { conferenceZone } from "./due-dates";
import { instantOf } from "./local-time";
import { changeTexts } from "./anchors";
import { changeOf } from "./amendments/views.server";
import { wordDiff, type DiffPart } from "./word-diff";
import {
  CreateItemSchema, CreateSessionSchema, MoveItemSchema, MoveSessionSchema, NextItemSchema, SetCurrentSchema, TransitionItemSchema, UpdateItemSchema, UpdateSessionSchema, VersionSchema,
} from "./agenda-schema";
import { getVote, type VoteView } from "./conference-day/votes.server";
import { speakersOnScreen } from "./speakers.server";


export interface AgendaMeta extends AuditMeta {
  realtime?: Pick<Realtime, "emit">;
}

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const onlyManagers = "Only organizers and the committee edit the agenda";
const onlyChair = "Only the chair (organizers and the committee) moves the agenda on";

function announce(meta: AgendaMeta, conferenceId: string, currentItemId?: string | null) {
  meta.realtime?.emit(rooms.all(conferenceId), AGENDA_CHANGED, { conferenceId, ...(currentItemId !== undefined ? { currentItemId } : {}) } satisfies AgendaChangedEvent);
}

const stale = (what: string, row: { version: number }) =>
  new DomainError("stale_version", `Someone else changed this ${what} meanwhile (it is now at version ${row.version}); nothing was changed`, { version: row.version });

const dayString = (d: Date) => d.toISOString().slice(0, 10);

function sessionView(s: AgendaSession) {
  return { id: s.id, title: s.title, day: dayString(s.day), startsAt: s.startsAt, endsAt: s.endsAt, room: s.room, chair: s.chair, position: s.position, version: s.version };
}
function itemView(i: AgendaItem) {
  return { id: i.id, sessionId: i.sessionId, position: i.position, kind: i.kind, title: i.title, refId: i.refId, notes: i.notes, status: i.status, version: i.version };
}
export type AgendaSessionView = ReturnType<typeof sessionView> & { items: AgendaItemView[] };
export type AgendaItemView = ReturnType<typeof itemView>;

/** Proposed items are the organizers' drafts: members see the agenda once an item is scheduled. */
const hiddenFromReaders: AgendaItemStatus[] = ["PROPOSED"];

/** The whole agenda in order (day, start, position), as the actor may see it. */
export async function listAgenda(prisma: PrismaClient, actor: Actor, conferenceId: string) {
  assertMay(actor, "agenda.read", { conferenceId }, "You may not see this conference's agenda");
  const manage = may(actor, "agenda.manage", { conferenceId });
  const conference = await prisma.conference.findUnique({ where: { id: conferenceId }, select: { timeZone: true, currentAgendaItemId: true, nameAr: true, venue: true } });
  if (!conference) throw notFound("Conference");
  const sessions = await prisma.agendaSession.findMany({
    where: { conferenceId },
    orderBy: [{ day: "asc" }, { startsAt: "asc" }, { position: "asc" }],
    include: { items: { where: manage ? {} : { status: { notIn: hiddenFromReaders } }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] } },
    take: 200,
  });
  return {
    timeZone: conferenceZone(conference),
    currentItemId: conference.currentAgendaItemId,
    conferenceName: conference.nameAr,
    venue: conference.venue,
    sessions: sessions.map((s) => ({ ...sessionView(s), items: s.items.map(itemView) })) satisfies AgendaSessionView[],
  };
}

async function loadSession(db: Tx | PrismaClient, actor: Actor, id: string) {
  const s = await db.agendaSession.findUnique({ where: { id } });
  if (!s || !may(actor, "agenda.read", { conferenceId: s.conferenceId })) throw notFound("Agenda session");
  return s;
}

async function loadItem(db: Tx | PrismaClient, actor: Actor, id: string) {
  const i = await db.agendaItem.findUnique({ where: { id }, include: { session: { select: { conferenceId: true } } } });
  if (!i || !may(actor, "agenda.read", { conferenceId: i.session.conferenceId })) throw notFound("Agenda item");
  if (hiddenFromReaders.includes(i.status) && !may(actor, "agenda.manage", { conferenceId: i.session.conferenceId })) throw notFound("Agenda item");
  return i;
}

const audit = (tx: Tx, actor: Actor, conferenceId: string, action: string, subjectType: string, subjectId: string, data: Record<string, unknown>, meta: AgendaMeta) =>
  recordAudit(tx, { actorId: actor.id, action: `agenda.${action}`, subjectType, subjectId, data, conferenceId, ip: meta.ip });

export async function createSession(prisma: PrismaClient, actor: Actor, conferenceId: string, input: z.input<typeof CreateSessionSchema>, meta: AgendaMeta = {}) {
  assertMay(actor, "agenda.manage", { conferenceId }, onlyManagers);
  const data = parseInput(CreateSessionSchema, input);
  const created = await prisma.$transaction(async (tx) => {
    const last = await tx.agendaSession.aggregate({ where: { conferenceId }, _max: { position: true } });
    const s = await tx.agendaSession.create({
      data: { conferenceId, title: data.title, day: new Date(`${data.day}T00:00:00Z`), startsAt: data.startsAt, endsAt: data.endsAt ?? null, room: data.room, chair: data.chair, position: (last._max.position ?? -1) + 1 },
    });
    await audit(tx, actor, conferenceId, "session.create", "AgendaSession", s.id, { title: s.title, day: data.day, startsAt: s.startsAt }, meta);
    return s;
  });
  announce(meta, conferenceId);
  return sessionView(created);
}

export async function updateSession(prisma: PrismaClient, actor: Actor, id: string, input: z.input<typeof UpdateSessionSchema>, meta: AgendaMeta = {}) {
  const data = parseInput(UpdateSessionSchema, input);
  const s = await loadSession(prisma, actor, id);
  assertMay(actor, "agenda.manage", { conferenceId: s.conferenceId }, onlyManagers);
  if (s.version !== data.version) throw stale("session", s);
  const updated = await prisma.$transaction(async (tx) => {
    const { count } = await tx.agendaSession.updateMany({
      where: { id, version: data.version },
      data: { title: data.title, day: new Date(`${data.day}T00:00:00Z`), startsAt: data.startsAt, endsAt: data.endsAt ?? null, room: data.room, chair: data.chair, version: { increment: 1 } },
    });
    if (count === 0) throw stale("session", (await tx.agendaSession.findUnique({ where: { id } })) ?? s);
    await audit(tx, actor, s.conferenceId, "session.update", "AgendaSession", id, { title: data.title, day: data.day, startsAt: data.startsAt }, meta);
    return (await tx.agendaSession.findUnique({ where: { id } }))!;
  });
  announce(meta, s.conferenceId);
  return sessionView(updated);
}

export async function deleteSession(prisma: PrismaClient, actor: Actor, id: string, input: z.input<typeof VersionSchema>, meta: AgendaMeta = {}) {
  const data = parseInput(VersionSchema, input);
  const s = await loadSession(prisma, actor, id);
  assertMay(actor, "agenda.manage", { conferenceId: s.conferenceId }, onlyManagers);
  await prisma.$transaction(async (tx) => {
    const items = await tx.agendaItem.findMany({ where: { sessionId: id }, select: { id: true } });
    const { count } = await tx.agendaSession.deleteMany({ where: { id, version: data.version } });
    if (count === 0) throw stale("session", (await tx.agendaSession.findUnique({ where: { id } })) ?? s);
    // The item on the floor goes with its session.
    await tx.conference.updateMany({ where: { id: s.conferenceId, currentAgendaItemId: { in: items.map((i) => i.id) } }, data: { currentAgendaItemId: null } });
    await audit(tx, actor, s.conferenceId, "session.delete", "AgendaSession", id, { title: s.title }, meta);
  });
  announce(meta, s.conferenceId);
}

/**
 * Moves a session to a position among its day's sessions (the up/down buttons, a drag, a keyboard move;
 * ADR 0071). The day keeps its timetable: its sessions take the day's time slots (start and end) in their
 * new order, so a session moved up happens earlier and the ones it passed shift later; they are renumbered
 * 0..n-1 (parallel sessions at one time keep the order shown). A session whose slot changed gets a new
 * version (its calendar entry's SEQUENCE; an edit of it read before is stale). Only the moved session's
 * version is compared-and-set, as for items.
 */
export async function moveSession(prisma: PrismaClient, actor: Actor, id: string, input: z.input<typeof MoveSessionSchema>, meta: AgendaMeta = {}) {
  const data = parseInput(MoveSessionSchema, input);
  const s = await loadSession(prisma, actor, id);
  assertMay(actor, "agenda.manage", { conferenceId: s.conferenceId }, onlyManagers);
  if (s.version !== data.version) throw stale("session", s);
  const moved = await prisma.$transaction(async (tx) => {
    const { count } = await tx.agendaSession.updateMany({ where: { id, version: data.version }, data: { version: { increment: 1 } } });
    if (count === 0) throw stale("session", (await tx.agendaSession.findUnique({ where: { id } })) ?? s);
    const day = await tx.agendaSession.findMany({ where: { conferenceId: s.conferenceId, day: s.day }, orderBy: [{ startsAt: "asc" }, { position: "asc" }, { createdAt: "asc" }] });
    const from = day.findIndex((x) => x.id === id);
    const at = Math.min(data.position, day.length - 1);
    const order = day.filter((x) => x.id !== id);
    order.splice(at, 0, day[from]!);
    for (const [position, x] of order.entries()) {
      const slot = day[position]!;
      const retimed = x.startsAt !== slot.startsAt || x.endsAt !== slot.endsAt;
      if (!retimed && x.position === position) continue;
      await tx.agendaSession.update({
        where: { id: x.id },
        data: { startsAt: slot.startsAt, endsAt: slot.endsAt, position, ...(retimed && x.id !== id ? { version: { increment: 1 } } : {}) },
      });
    }
    await audit(tx, actor, s.conferenceId, "session.move", "AgendaSession", id, { day: dayString(s.day), from, to: at, startsAt: day[at]!.startsAt }, meta);
    return (await tx.agendaSession.findUnique({ where: { id } }))!;
  });
  announce(meta, s.conferenceId);
  const view = sessionView(moved);
  return { id, day: view.day, position: view.position, startsAt: view.startsAt, endsAt: view.endsAt, version: view.version };
}

/** The reference must be this conference's amendment or vote; a section is named by its heading. */
async function checkRef(db: Tx | PrismaClient, conferenceId: string, kind: string, refId: string | undefined) {
  if (!refId) return;
  const found =
    kind === "AMENDMENT" ? await db.amendment.findFirst({ where: { id: refId, paper: { conferenceId } }, select: { id: true } })
    : kind === "VOTE" ? await db.vote.findFirst({ where: { id: refId, conferenceId }, select: { id: true } })
    : { id: refId };
  if (!found) throw new DomainError("bad_request", `No such ${kind.toLowerCase()} in this conference`, { reason: "unknown_ref", fieldErrors: { refId: ["invalid"] } });
}

export async function createItem(prisma: PrismaClient, actor: Actor, input: z.input<typeof CreateItemSchema>, meta: AgendaMeta = {}) {
  const data = parseInput(CreateItemSchema, input);
  const s = await loadSession(prisma, actor, data.sessionId);
  assertMay(actor, "agenda.manage", { conferenceId: s.conferenceId }, onlyManagers);
  await checkRef(prisma, s.conferenceId, data.kind, data.refId);
  const created = await prisma.$transaction(async (tx) => {
    const last = await tx.agendaItem.aggregate({ where: { sessionId: s.id }, _max: { position: true } });
    const item = await tx.agendaItem.create({
      data: { sessionId: s.id, kind: data.kind, title: data.title, refId: data.refId ?? null, notes: data.notes, position: (last._max.position ?? -1) + 1 },
    });
    await audit(tx, actor, s.conferenceId, "item.create", "AgendaItem", item.id, { title: item.title, kind: item.kind, refId: item.refId, sessionId: s.id }, meta);
    return item;
  });
  announce(meta, s.conferenceId);
  return itemView(created);
}

export async function updateItem(prisma: PrismaClient, actor: Actor, id: string, input: z.input<typeof UpdateItemSchema>, meta: AgendaMeta = {}) {
  const data = parseInput(UpdateItemSchema, input);
  const item = await loadItem(prisma, actor, id);
  const conferenceId = item.session.conferenceId;
  assertMay(actor, "agenda.manage", { conferenceId }, onlyManagers);
  if (item.version !== data.version) throw stale("item", item);
  await checkRef(prisma, conferenceId, data.kind, data.refId);
  const updated = await prisma.$transaction(async (tx) => {
    const { count } = await tx.agendaItem.updateMany({
      where: { id, version: data.version },
      data: { kind: data.kind, title: data.title, refId: data.refId ?? null, notes: data.notes, version: { increment: 1 } },
    });
    if (count === 0) throw stale("item", (await tx.agendaItem.findUnique({ where: { id } })) ?? item);
    await audit(tx, actor, conferenceId, "item.update", "AgendaItem", id, { title: data.title, kind: data.kind, refId: data.refId ?? null }, meta);
    return (await tx.agendaItem.findUnique({ where: { id } }))!;
  });
  announce(meta, conferenceId);
  return itemView(updated);
}

export async function deleteItem(prisma: PrismaClient, actor: Actor, id: string, input: z.input<typeof VersionSchema>, meta: AgendaMeta = {}) {
  const data = parseInput(VersionSchema, input);
  const item = await loadItem(prisma, actor, id);
  const conferenceId = item.session.conferenceId;
  assertMay(actor, "agenda.manage", { conferenceId }, onlyManagers);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.agendaItem.deleteMany({ where: { id, version: data.version } });
    if (count === 0) throw stale("item", (await tx.agendaItem.findUnique({ where: { id } })) ?? item);
    await tx.conference.updateMany({ where: { id: conferenceId, currentAgendaItemId: id }, data: { currentAgendaItemId: null } });
    await audit(tx, actor, conferenceId, "item.delete", "AgendaItem", id, { title: item.title }, meta);
  });
  announce(meta, conferenceId);
}

/**
 * Moves an item to a position in its session, or in another session of the same conference, and renumbers
 * the sessions it left and entered 0..n-1 (the up/down buttons, a drag, a keyboard move). Only the moved
 * item's version is compared-and-set: its neighbours' order is the session's, not theirs to guard.
 */
export async function moveItem(prisma: PrismaClient, actor: Actor, id: string, input: z.input<typeof MoveItemSchema>, meta: AgendaMeta = {}) {
  const data = parseInput(MoveItemSchema, input);
  const item = await loadItem(prisma, actor, id);
  const conferenceId = item.session.conferenceId;
  assertMay(actor, "agenda.manage", { conferenceId }, onlyManagers);
  const targetId = data.sessionId ?? item.sessionId;
  // Another conference's session is "not found", as if it did not exist.
  if (targetId !== item.sessionId && (await loadSession(prisma, actor, targetId)).conferenceId !== conferenceId) throw notFound("Agenda session");
  if (item.version !== data.version) throw stale("item", item);
  let at = 0;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.agendaItem.updateMany({ where: { id, version: data.version }, data: { version: { increment: 1 }, sessionId: targetId } });
    if (count === 0) throw stale("item", (await tx.agendaItem.findUnique({ where: { id } })) ?? item);
    const siblings = await tx.agendaItem.findMany({ where: { sessionId: targetId, NOT: { id } }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
    at = Math.min(data.position, siblings.length);
    await renumber(tx, [...siblings.slice(0, at).map((s) => s.id), id, ...siblings.slice(at).map((s) => s.id)]);
    if (targetId !== item.sessionId) {
      const left = await tx.agendaItem.findMany({ where: { sessionId: item.sessionId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
      await renumber(tx, left.map((s) => s.id));
    }
    await audit(tx, actor, conferenceId, "item.move", "AgendaItem", id, { from: item.position, to: at, ...(targetId !== item.sessionId ? { fromSession: item.sessionId, toSession: targetId } : {}) }, meta);
  });
  announce(meta, conferenceId);
  return { id, sessionId: targetId, position: at, version: item.version + 1 };
}

async function renumber(tx: Tx, ids: string[]) {
  for (const [position, itemId] of ids.entries()) await tx.agendaItem.update({ where: { id: itemId }, data: { position } });
}

/** A step along the graph; CURRENT is the chair's (setCurrent/next), and leaving CURRENT clears the floor. */
export async function transitionItem(prisma: PrismaClient, actor: Actor, id: string, input: z.input<typeof TransitionItemSchema>, meta: AgendaMeta = {}) {
  const data = parseInput(TransitionItemSchema, input);
  if (data.to === "CURRENT") return setCurrent(prisma, actor, id, { version: data.version }, meta);
  const item = await loadItem(prisma, actor, id);
  const conferenceId = item.session.conferenceId;
  assertMay(actor, item.status === "CURRENT" ? "agenda.chair" : "agenda.manage", { conferenceId }, onlyManagers);
  if (item.version !== data.version) throw stale("item", item);
  if (!canTransition(item.status, data.to)) {
    throw new DomainError("conflict", `An item ${item.status} cannot become ${data.to}. Nothing was changed`, { reason: "bad_transition", state: item.status });
  }
  const updated = await prisma.$transaction(async (tx) => {
    const { count } = await tx.agendaItem.updateMany({ where: { id, version: data.version }, data: { status: data.to, version: { increment: 1 } } });
    if (count === 0) throw stale("item", (await tx.agendaItem.findUnique({ where: { id } })) ?? item);
    if (item.status === "CURRENT") await tx.conference.updateMany({ where: { id: conferenceId, currentAgendaItemId: id }, data: { currentAgendaItemId: null } });
    await audit(tx, actor, conferenceId, "item.transition", "AgendaItem", id, { from: item.status, to: data.to }, meta);
    return (await tx.agendaItem.findUnique({ where: { id } }))!;
  });
  announce(meta, conferenceId, item.status === "CURRENT" ? null : undefined);
  return itemView(updated);
}

/**
 * Puts an item on the floor: the one there before is DONE, this one CURRENT and the conference points at
 * it. The conference's pointer is compared-and-set too, so two chairs pressing at once cannot leave two
 * items CURRENT.
 */
async function putOnFloor(tx: Tx, actor: Actor, conferenceId: string, item: AgendaItem, previousId: string | null, meta: AgendaMeta) {
  if (!canTransition(item.status, "CURRENT")) {
    throw new DomainError("conflict", `An item ${item.status} cannot become CURRENT. Nothing was changed`, { reason: "bad_transition", state: item.status });
  }
  const moved = await tx.conference.updateMany({ where: { id: conferenceId, currentAgendaItemId: previousId }, data: { currentAgendaItemId: item.id } });
  if (moved.count === 0) throw new DomainError("stale_version", "The chair moved the agenda on meanwhile; nothing was changed", { reason: "moved_on" });
  if (previousId) await tx.agendaItem.updateMany({ where: { id: previousId, status: "CURRENT" }, data: { status: "DONE", version: { increment: 1 } } });
  const { count } = await tx.agendaItem.updateMany({ where: { id: item.id, version: item.version }, data: { status: "CURRENT", version: { increment: 1 } } });
  if (count === 0) throw stale("item", item);
  await audit(tx, actor, conferenceId, "item.current", "AgendaItem", item.id, { previous: previousId, from: item.status }, meta);
}

export async function setCurrent(prisma: PrismaClient, actor: Actor, id: string, input: z.input<typeof SetCurrentSchema>, meta: AgendaMeta = {}) {
  const data = parseInput(SetCurrentSchema, input);
  const item = await loadItem(prisma, actor, id);
  const conferenceId = item.session.conferenceId;
  assertMay(actor, "agenda.chair", { conferenceId }, onlyChair);
  if (item.version !== data.version) throw stale("item", item);
  await prisma.$transaction(async (tx) => {
    const conf = await tx.conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { currentAgendaItemId: true } });
    if (conf.currentAgendaItemId === id) return;
    await putOnFloor(tx, actor, conferenceId, item, conf.currentAgendaItemId, meta);
  });
  announce(meta, conferenceId, id);
}

/** The chair's "next": the item on the floor is DONE and the next SCHEDULED one after it in agenda order is CURRENT. */
export async function nextItem(prisma: PrismaClient, actor: Actor, conferenceId: string, input: z.input<typeof NextItemSchema>, meta: AgendaMeta = {}) {
  assertMay(actor, "agenda.chair", { conferenceId }, onlyChair);
  const data = parseInput(NextItemSchema, input);
  const nextId = await prisma.$transaction(async (tx) => {
    const conf = await tx.conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { currentAgendaItemId: true } });
    if (conf.currentAgendaItemId !== data.currentId) throw new DomainError("stale_version", "The chair moved the agenda on meanwhile; nothing was changed", { reason: "moved_on" });
    const ordered = await tx.agendaItem.findMany({
      where: { session: { conferenceId } },
      orderBy: [{ session: { day: "asc" } }, { session: { startsAt: "asc" } }, { session: { position: "asc" } }, { position: "asc" }, { createdAt: "asc" }],
    });
    const from = conf.currentAgendaItemId ? ordered.findIndex((i) => i.id === conf.currentAgendaItemId) : -1;
    const next = ordered.slice(from + 1).find((i) => i.status === "SCHEDULED");
    if (!next) {
      // The last item is finished: the floor is empty.
      if (!conf.currentAgendaItemId) throw new DomainError("conflict", "No scheduled item is left. Nothing was changed", { reason: "no_next" });
      await tx.conference.update({ where: { id: conferenceId }, data: { currentAgendaItemId: null } });
      await tx.agendaItem.updateMany({ where: { id: conf.currentAgendaItemId, status: "CURRENT" }, data: { status: "DONE", version: { increment: 1 } } });
      await audit(tx, actor, conferenceId, "item.done", "AgendaItem", conf.currentAgendaItemId, { last: true }, meta);
      return null;
    }
    await putOnFloor(tx, actor, conferenceId, next, conf.currentAgendaItemId, meta);
    return next.id;
  });
  announce(meta, conferenceId, nextId);
  return { currentItemId: nextId };
}

/** What the hall's projector shows: the conference, the item on the floor, its amendment and its vote's published result. */
export async function projectorView(prisma: PrismaClient, actor: Actor, conferenceId: string) {
  assertMay(actor, "agenda.read", { conferenceId }, "You may not see this conference's agenda");
  const conf = await prisma.conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { nameAr: true, nameKu: true, nameEn: true, currentAgendaItemId: true } });
  const item = conf.currentAgendaItemId ? await prisma.agendaItem.findUnique({ where: { id: conf.currentAgendaItemId }, include: { session: true } }) : null;
  let amendment: { id: string; sectionTitle: string | null; before: string; after: string; diff: DiffPart[]; forceName: string } | null = null;
  let vote: VoteView | null = null;
  if (item?.kind === "AMENDMENT" && item.refId) {
    const a = await prisma.amendment.findFirst({
      where: { id: item.refId, paper: { conferenceId } },
      select: { id: true, type: true, sectionTitle: true, quotedText: true, proposedText: true, proposedTitle: true, decidedText: true, force: { select: { nameAr: true } } },
    });
    if (a) {
      // The same before/after and word diff the amendment's page shows (anchors.ts, word-diff.ts).
      const { before, after } = changeTexts(changeOf(a), a.quotedText ?? "");
      amendment = { id: a.id, sectionTitle: a.sectionTitle, before, after, diff: a.type === "GENERAL" ? [] : wordDiff(before, after), forceName: a.force.nameAr };
    }
    // The latest vote on this amendment, if the chair put it to the plenary.
    const v = await prisma.vote.findFirst({ where: { conferenceId, amendmentIds: { has: item.refId } }, orderBy: { openedAt: "desc" }, select: { id: true } });
    if (v) vote = await getVote(prisma, actor, v.id);
  } else if (item?.kind === "VOTE" && item.refId) {
    const v = await prisma.vote.findFirst({ where: { id: item.refId, conferenceId }, select: { id: true } });
    if (v) vote = await getVote(prisma, actor, v.id);
  }
  // The hall sees a result only once the chair published it, whoever is signed in on the projector.
  const shownVote = vote && { id: vote.id, state: vote.state, question: vote.question, options: vote.options, results: vote.state === "PUBLISHED" ? vote.results : null };
  return {
    conference: { nameAr: conf.nameAr, nameKu: conf.nameKu, nameEn: conf.nameEn },
    item: item && { ...itemView(item), session: sessionView(item.session) },
    amendment,
    vote: shownVote,
    // The item's list of speakers: the speech now and the next few (ADR 0069).
    speakers: item ? await speakersOnScreen(prisma, actor, item.id) : null,
  };
}
export type ProjectorView = Awaited<ReturnType<typeof projectorView>>;

/**
 * The agenda as a calendar (.ics): one event per session, its items in the description, its times read
 * in the conference's zone and written in UTC (so every calendar places them alike without a VTIMEZONE).
 * The UID is the session's, so importing the file again updates the same entries; SEQUENCE is its version.
 */
export async function agendaCalendar(prisma: PrismaClient, actor: Actor, conferenceId: string, host = "tawafuq.invalid"): Promise<string> {
  const agenda = await listAgenda(prisma, actor, conferenceId);
  const hour = 3600_000;
  const events = agenda.sessions.map((s) => {
    const start = instantOf(`${s.day}T${s.startsAt}`, agenda.timeZone)!;
    const end = s.endsAt ? instantOf(`${s.day}T${s.endsAt}`, agenda.timeZone)! : new Date(start.getTime() + hour);
    return {
      uid: `agenda-session-${s.id}@${host}`,
      sequence: s.version,
      title: s.title,
      description: s.items.filter((i) => i.status !== "DROPPED").map((i, n) => `${n + 1}. ${i.title}`).join("\n"),
      location: [s.room, agenda.venue].filter(Boolean).join(", "),
      start: start.getTime(),
      end: end.getTime(),
      startInputType: "utc" as const,
      startOutputType: "utc" as const,
      endInputType: "utc" as const,
      endOutputType: "utc" as const,
      calName: agenda.conferenceName,
    };
  });
  const { error, value } = createEvents(events, { productId: "-//Tawafuq//Agenda//EN", method: "PUBLISH", calName: agenda.conferenceName });
  if (error || !value) throw error ?? new Error("agendaCalendar: no calendar");
  return value;
}
