// The list of speakers per agenda item (issue 20, ADR 0069; OpenSlides' list of speakers). A delegate of a
// present force, a committee member or an organizer asks to speak; the chair (speakers.manage: those who
// manage the agenda) orders the waiting, starts the next speech, ends one, removes a request, and closes
// or reopens the list. The database keeps a person waiting at most once per item and one speech at a
// time per item (unique indexes on Speaker). Writes lock the item's row, so positions and "next" are
// decided one at a time; every change is audited and announced to the conference's room once committed.
import { Prisma, type PrismaClient, type Speaker } from "@prisma/client";
import type { z } from "zod";
import { may, ownForceOf, type Actor } from "~/policy";
import { assertMay, DomainError, notFound, parseInput } from "./errors";
import { recordAudit } from "./audit.server";
import { rooms } from "./rooms";
import type { AgendaMeta } from "./agenda.server";
import { isForcePresent, iso } from "./conference-day/common.server";
import { SPEAKERS_CHANGED, type SpeakersChangedEvent } from "./speakers-live";
import { MoveSpeakerSchema, NextSpeakerSchema, SpeakersClosedSchema } from "./speakers-schema";

/** At most this many wait on one item's list. */
export const MAX_WAITING = 100;
/** One person asks (or asks again after withdrawing) at most this often per item and window. */
export const REQUESTS_PER_WINDOW = 5;
export const REQUEST_WINDOW_MS = 10 * 60_000;
/** Speeches given that the list shows (the latest). */
const DONE_SHOWN = 50;

type Tx = Prisma.TransactionClient;
type Db = PrismaClient | Tx;

const onlyChair = "Only the chair (organizers and the committee) runs the list of speakers";
const onlySpeakers = "Only delegates, the committee and organizers ask to speak";

interface ItemRow {
  id: string;
  title: string;
  status: string;
  speakersClosed: boolean;
  conferenceId: string;
}

/** An item the actor may not read (another conference's, a draft) is "not found". */
async function loadItem(db: Db, actor: Actor, itemId: string): Promise<ItemRow> {
  const i = await db.agendaItem.findUnique({ where: { id: itemId }, select: { id: true, title: true, status: true, speakersClosed: true, session: { select: { conferenceId: true } } } });
  const conferenceId = i?.session.conferenceId ?? "";
  if (!i || !may(actor, "agenda.read", { conferenceId })) throw notFound("Agenda item");
  if (i.status === "PROPOSED" && !may(actor, "agenda.manage", { conferenceId })) throw notFound("Agenda item");
  return { id: i.id, title: i.title, status: i.status, speakersClosed: i.speakersClosed, conferenceId };
}

async function loadSpeaker(db: Db, actor: Actor, speakerId: string) {
  const s = await db.speaker.findUnique({ where: { id: speakerId } });
  if (!s) throw notFound("Speaker");
  return { speaker: s, item: await loadItem(db, actor, s.agendaItemId).catch(() => Promise.reject(notFound("Speaker"))) };
}

/** Writes on one item's list take turns: positions and "next" are decided on a list no one else changes. */
const lockItem = (tx: Tx, itemId: string) => tx.$queryRaw`SELECT id FROM "AgendaItem" WHERE id = ${itemId} FOR UPDATE`;

function announce(meta: AgendaMeta, conferenceId: string, itemId: string) {
  meta.realtime?.emit(rooms.all(conferenceId), SPEAKERS_CHANGED, { conferenceId, itemId } satisfies SpeakersChangedEvent);
}

const audit = (tx: Tx, actor: Actor, item: ItemRow, action: string, subjectId: string, data: Record<string, unknown>, meta: AgendaMeta) =>
  recordAudit(tx, { actorId: actor.id, action: `agenda.speakers.${action}`, subjectType: subjectId === item.id ? "AgendaItem" : "Speaker", subjectId, data: { itemId: item.id, ...data }, conferenceId: item.conferenceId, ip: meta.ip });

type Named = Speaker & { user: { name: string } };

async function views(db: Db, rows: Named[]) {
  const forceIds = [...new Set(rows.flatMap((r) => (r.forceId ? [r.forceId] : [])))];
  const forces = forceIds.length ? await db.force.findMany({ where: { id: { in: forceIds } }, select: { id: true, nameAr: true } }) : [];
  const forceName = new Map(forces.map((f) => [f.id, f.nameAr]));
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    name: r.user.name,
    forceId: r.forceId,
    forceName: r.forceId ? (forceName.get(r.forceId) ?? null) : null,
    state: r.state,
    position: r.position,
    requestedAt: iso(r.requestedAt)!,
    startedAt: iso(r.startedAt),
    endedAt: iso(r.endedAt),
  }));
}
export type SpeakerView = Awaited<ReturnType<typeof views>>[number];

const waitingOrder = [{ position: "asc" as const }, { requestedAt: "asc" as const }, { id: "asc" as const }];

/** The item's list: who speaks now, who waits in order, and the speeches given. */
async function speakersOf(db: Db, item: ItemRow) {
  const active = await db.speaker.findMany({ where: { agendaItemId: item.id, state: { in: ["WAITING", "SPEAKING"] } }, include: { user: { select: { name: true } } }, orderBy: waitingOrder });
  const done = await db.speaker.findMany({ where: { agendaItemId: item.id, state: "DONE" }, include: { user: { select: { name: true } } }, orderBy: [{ startedAt: "desc" }], take: DONE_SHOWN });
  const [activeViews, doneViews] = [await views(db, active), await views(db, done.reverse())];
  return {
    itemId: item.id,
    itemTitle: item.title,
    closed: item.speakersClosed,
    speaking: activeViews.find((s) => s.state === "SPEAKING") ?? null,
    waiting: activeViews.filter((s) => s.state === "WAITING"),
    done: doneViews,
  };
}
export type SpeakersView = Awaited<ReturnType<typeof speakersOf>>;

export async function listSpeakers(db: Db, actor: Actor, itemId: string): Promise<SpeakersView> {
  return speakersOf(db, await loadItem(db, actor, itemId));
}

/** What the projector shows of the item on the floor's list: the speech now and the next few. */
export async function speakersOnScreen(db: Db, actor: Actor, itemId: string, next = 3) {
  const list = await listSpeakers(db, actor, itemId);
  return { closed: list.closed, speaking: list.speaking, next: list.waiting.slice(0, next), waiting: list.waiting.length };
}

/**
 * The actor asks to speak on an item (scheduled or on the floor). A delegate speaks for their force, once
 * a member of its delegation is checked in. Refused with nothing changed: the list closed, the actor
 * already waiting, the list full, or too many requests in a short time (asking and withdrawing in a loop).
 */
export async function requestToSpeak(prisma: PrismaClient, actor: Actor, itemId: string, meta: AgendaMeta = {}) {
  const item = await loadItem(prisma, actor, itemId);
  const { conferenceId } = item;
  const forceId = ownForceOf(actor, conferenceId);
  assertMay(actor, "speakers.request", { conferenceId, forceId }, onlySpeakers);
  if (item.status !== "SCHEDULED" && item.status !== "CURRENT") {
    throw new DomainError("conflict", `An item ${item.status} takes no requests to speak. Nothing was changed`, { reason: "item_not_open", state: item.status });
  }
  if (forceId && !(await isForcePresent(prisma, conferenceId, forceId))) {
    throw new DomainError("conflict", "No member of your force's delegation is checked in: ask to speak once one is. Nothing was changed", { reason: "not_present" });
  }
  let created: Named;
  try {
    created = await prisma.$transaction(async (tx) => {
      await lockItem(tx, itemId);
      const now = await loadItem(tx, actor, itemId);
      if (now.speakersClosed) throw new DomainError("conflict", "The chair closed this item's list of speakers. Nothing was changed", { reason: "list_closed" });
      const recent = await tx.speaker.count({ where: { agendaItemId: itemId, userId: actor.id, requestedAt: { gt: new Date(Date.now() - REQUEST_WINDOW_MS) } } });
      if (recent >= REQUESTS_PER_WINDOW) throw new DomainError("rate_limited", "You asked to speak on this item too often; wait a few minutes. Nothing was changed", { reason: "too_often" });
      if (await tx.speaker.findFirst({ where: { agendaItemId: itemId, waitingUserId: actor.id }, select: { id: true } })) throw alreadyWaiting();
      const waiting = await tx.speaker.aggregate({ where: { agendaItemId: itemId, state: "WAITING" }, _count: { _all: true }, _max: { position: true } });
      if (waiting._count._all >= MAX_WAITING) throw new DomainError("conflict", `At most ${MAX_WAITING} wait on one list. Nothing was changed`, { reason: "list_full" });
      const s = await tx.speaker.create({
        data: { agendaItemId: itemId, userId: actor.id, forceId, position: (waiting._max.position ?? -1) + 1, waitingUserId: actor.id },
        include: { user: { select: { name: true } } },
      });
      await audit(tx, actor, now, "request", s.id, { forceId }, meta);
      return s;
    });
  } catch (err) {
    // The unique index, should two requests of the same person pass the check at once.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw alreadyWaiting();
    throw err;
  }
  announce(meta, conferenceId, itemId);
  return (await views(prisma, [created]))[0]!;
}

const alreadyWaiting = () => new DomainError("conflict", "You are already on this item's list of speakers. Nothing was changed", { reason: "already_waiting" });
const notWaiting = () => new DomainError("conflict", "This request is no longer waiting (it was started, withdrawn or removed). Nothing was changed", { reason: "not_waiting" });

/** A waiting request leaves the list: withdrawn by its speaker, or removed by the chair. */
export async function removeSpeaker(prisma: PrismaClient, actor: Actor, speakerId: string, meta: AgendaMeta = {}) {
  const { speaker, item } = await loadSpeaker(prisma, actor, speakerId);
  const own = speaker.userId === actor.id;
  if (!own) assertMay(actor, "speakers.manage", { conferenceId: item.conferenceId }, onlyChair);
  const to = own ? "WITHDRAWN" : "REMOVED";
  await prisma.$transaction(async (tx) => {
    await lockItem(tx, item.id);
    const { count } = await tx.speaker.updateMany({ where: { id: speakerId, state: "WAITING" }, data: { state: to, waitingUserId: null, endedAt: new Date() } });
    if (count === 0) throw notWaiting();
    await audit(tx, actor, item, own ? "withdraw" : "remove", speakerId, { userId: speaker.userId }, meta);
  });
  announce(meta, item.conferenceId, item.id);
  return { id: speakerId, state: to };
}

/** The chair moves a waiting request to a position among the waiting (from 0; past the end is last). */
export async function moveSpeaker(prisma: PrismaClient, actor: Actor, speakerId: string, input: z.input<typeof MoveSpeakerSchema>, meta: AgendaMeta = {}) {
  const { position } = parseInput(MoveSpeakerSchema, input);
  const { speaker, item } = await loadSpeaker(prisma, actor, speakerId);
  assertMay(actor, "speakers.manage", { conferenceId: item.conferenceId }, onlyChair);
  let at = 0;
  await prisma.$transaction(async (tx) => {
    await lockItem(tx, item.id);
    const waiting = await tx.speaker.findMany({ where: { agendaItemId: item.id, state: "WAITING" }, orderBy: waitingOrder, select: { id: true } });
    const from = waiting.findIndex((w) => w.id === speakerId);
    if (from < 0) throw notWaiting();
    const others = waiting.filter((w) => w.id !== speakerId);
    at = Math.min(position, others.length);
    const order = [...others.slice(0, at).map((w) => w.id), speakerId, ...others.slice(at).map((w) => w.id)];
    for (const [n, id] of order.entries()) await tx.speaker.update({ where: { id }, data: { position: n } });
    await audit(tx, actor, item, "move", speakerId, { from, to: at, userId: speaker.userId }, meta);
  });
  announce(meta, item.conferenceId, item.id);
  return { id: speakerId, position: at };
}

/**
 * The chair's "next": the speech running ends and the first waiting request starts. `speakingId` names
 * the speech the chair saw running (null: none), so a double press does not skip a speaker.
 */
export async function nextSpeaker(prisma: PrismaClient, actor: Actor, itemId: string, input: z.input<typeof NextSpeakerSchema>, meta: AgendaMeta = {}) {
  const { speakingId } = parseInput(NextSpeakerSchema, input);
  const item = await loadItem(prisma, actor, itemId);
  assertMay(actor, "speakers.manage", { conferenceId: item.conferenceId }, onlyChair);
  const started = await prisma.$transaction(async (tx) => {
    await lockItem(tx, itemId);
    const current = await tx.speaker.findFirst({ where: { agendaItemId: itemId, state: "SPEAKING" }, select: { id: true } });
    if ((current?.id ?? null) !== speakingId) throw new DomainError("stale_version", "The list of speakers moved on meanwhile; nothing was changed", { reason: "moved_on", speakingId: current?.id ?? null });
    const next = await tx.speaker.findFirst({ where: { agendaItemId: itemId, state: "WAITING" }, orderBy: waitingOrder, select: { id: true, userId: true } });
    if (!current && !next) throw new DomainError("conflict", "No one is waiting to speak. Nothing was changed", { reason: "no_next" });
    const at = new Date();
    if (current) {
      await tx.speaker.update({ where: { id: current.id }, data: { state: "DONE", endedAt: at, speakingItemId: null } });
      await audit(tx, actor, item, "end", current.id, {}, meta);
    }
    if (next) {
      await tx.speaker.update({ where: { id: next.id }, data: { state: "SPEAKING", startedAt: at, waitingUserId: null, speakingItemId: itemId } });
      await audit(tx, actor, item, "start", next.id, { userId: next.userId }, meta);
    }
    return next?.id ?? null;
  });
  announce(meta, item.conferenceId, itemId);
  return { speakingId: started };
}

/** The chair ends the speech running (its end time is recorded); no one starts. */
export async function endSpeech(prisma: PrismaClient, actor: Actor, speakerId: string, meta: AgendaMeta = {}) {
  const { item } = await loadSpeaker(prisma, actor, speakerId);
  assertMay(actor, "speakers.manage", { conferenceId: item.conferenceId }, onlyChair);
  const endedAt = new Date();
  await prisma.$transaction(async (tx) => {
    await lockItem(tx, item.id);
    const { count } = await tx.speaker.updateMany({ where: { id: speakerId, state: "SPEAKING" }, data: { state: "DONE", endedAt, speakingItemId: null } });
    if (count === 0) throw new DomainError("conflict", "This speech is not running. Nothing was changed", { reason: "not_speaking" });
    await audit(tx, actor, item, "end", speakerId, {}, meta);
  });
  announce(meta, item.conferenceId, item.id);
  return { id: speakerId, state: "DONE" as const, endedAt: iso(endedAt)! };
}

/** The chair closes the list (no one may ask; those waiting stay) or reopens it. Idempotent. */
export async function setSpeakersClosed(prisma: PrismaClient, actor: Actor, itemId: string, input: z.input<typeof SpeakersClosedSchema>, meta: AgendaMeta = {}) {
  const { closed } = parseInput(SpeakersClosedSchema, input);
  const item = await loadItem(prisma, actor, itemId);
  assertMay(actor, "speakers.manage", { conferenceId: item.conferenceId }, onlyChair);
  const changed = await prisma.$transaction(async (tx) => {
    await lockItem(tx, itemId);
    const { count } = await tx.agendaItem.updateMany({ where: { id: itemId, speakersClosed: !closed }, data: { speakersClosed: closed } });
    if (count) await audit(tx, actor, item, closed ? "close" : "open", itemId, {}, meta);
    return count > 0;
  });
  if (changed) announce(meta, item.conferenceId, itemId);
  return { itemId, closed };
}
