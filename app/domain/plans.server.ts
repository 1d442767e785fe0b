// Action plans: items on the short, medium and long horizon, each with a goal, an owner, a due day and a
// status, linked to the force, representation or paper section it serves. Transport-free.
import { z } from "zod";
import type { PlanHorizon, PlanStatus, Prisma, PrismaClient } from "@prisma/client";
import type { Actor } from "~/policy";
import { may } from "~/policy";
import { audit } from "./accounts.server";
import { changedFields, type AuditMeta } from "./audit.server";
import { assertMay, notFound } from "./errors";
import { calendarDate, calendarDay, dayOf, dueState, officeTimeZone, toDbDate, type CalendarDate, type DueState } from "./due-dates";
import { assertForceIn, assertOwner, assertRepresentationIn, flag, invalid, membersWhoMay, optionalId, optionalText, parseInput, requiredText } from "./coordination-common";
import { paperSections } from "./paper-text.server";

import { horizons, planStatuses } from "./coordination-enums";
export { horizons, planStatuses };
const OPEN: PlanStatus[] = ["PLANNED", "IN_PROGRESS"];

const optionalDay = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), calendarDate.nullable().optional());

export const PlanInput = z.object({
  horizon: z.enum(horizons),
  goal: requiredText(2000),
  ownerId: optionalId,
  dueOn: optionalDay,
  status: z.preprocess((v) => (v === "" || v == null ? "PLANNED" : v), z.enum(planStatuses)),
  forceId: optionalId,
  representationId: optionalId,
  paperSection: optionalText(300),
});
export type PlanInput = z.infer<typeof PlanInput>;

/** What the new-item page takes from its address (a representation's "add a task" link). */
export const PlanPrefill = PlanInput.pick({ horizon: true, forceId: true, representationId: true, paperSection: true }).partial();

export const PlanFilter = z.object({
  horizon: z.preprocess((v) => (v === "" ? undefined : v), z.enum(horizons).optional()),
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(planStatuses).optional()),
  ownerId: optionalId,
  forceId: optionalId,
  representationId: optionalId,
  overdue: flag.optional(),
});

const itemInclude = {
  force: { select: { id: true, nameAr: true, nameKu: true, nameEn: true } },
  representation: { select: { id: true, country: true, area: true } },
} satisfies Prisma.PlanItemInclude;
type ItemRow = Prisma.PlanItemGetPayload<{ include: typeof itemInclude }>;

export interface PlanItemView {
  id: string;
  conferenceId: string;
  horizon: PlanHorizon;
  goal: string;
  owner: { id: string; name: string } | null;
  dueOn: CalendarDate | null;
  status: PlanStatus;
  dueState: DueState;
  force: ItemRow["force"];
  representation: ItemRow["representation"];
  paperSection: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Clock {
  now?: Date;
  timeZone?: string;
}
const todayOf = (c: Clock = {}) => calendarDay(c.now ?? new Date(), c.timeZone ?? officeTimeZone());

/** Open items (planned or in progress) past their due day; done and dropped items are never overdue. */
export function planDueState(status: PlanStatus, dueOn: CalendarDate | null, today: CalendarDate): DueState {
  return dueState(dueOn, !OPEN.includes(status), today);
}

async function views(prisma: PrismaClient, rows: ItemRow[], today: CalendarDate): Promise<PlanItemView[]> {
  const ownerIds = [...new Set(rows.map((r) => r.ownerId).filter((x): x is string => !!x))];
  const owners = ownerIds.length ? await prisma.user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, name: true } }) : [];
  const byId = new Map(owners.map((o) => [o.id, o]));
  return rows.map((r) => {
    const dueOn = r.dueOn ? dayOf(r.dueOn) : null;
    return {
      id: r.id,
      conferenceId: r.conferenceId,
      horizon: r.horizon,
      goal: r.goal,
      owner: r.ownerId ? (byId.get(r.ownerId) ?? { id: r.ownerId, name: "—" }) : null,
      dueOn,
      status: r.status,
      dueState: planDueState(r.status, dueOn, today),
      force: r.force,
      representation: r.representation,
      paperSection: r.paperSection,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

/**
 * Rules: the owner may write plans in this conference; links point inside the conference; a paper section
 * is one of the paper's current headings; a new item (or a changed due day) is not due in the past —
 * an existing item keeps its old day when other fields change, so editing an overdue item stays possible.
 */
async function checkedData(prisma: PrismaClient, conferenceId: string, input: PlanInput, today: CalendarDate, previous?: ItemRow) {
  if (input.ownerId) await assertOwner(prisma, conferenceId, input.ownerId, "plan.write", "ownerId");
  if (input.forceId) await assertForceIn(prisma, conferenceId, input.forceId);
  if (input.representationId) await assertRepresentationIn(prisma, conferenceId, input.representationId);
  const dueChanged = !previous || (previous.dueOn ? dayOf(previous.dueOn) : null) !== (input.dueOn ?? null);
  if (input.dueOn && dueChanged && input.dueOn < today) throw invalid("dueOn", "dueInPast", "The due date cannot be in the past");
  if (input.paperSection && input.paperSection !== previous?.paperSection) {
    const titles = (await paperSections(prisma, conferenceId)).flatMap((p) => p.sections.map((s) => s.title));
    if (!titles.includes(input.paperSection)) throw invalid("paperSection", "notASection", "No section of the working paper has this heading");
  }
  return {
    horizon: input.horizon,
    goal: input.goal,
    ownerId: input.ownerId ?? null,
    dueOn: input.dueOn ? toDbDate(input.dueOn) : null,
    status: input.status,
    forceId: input.forceId ?? null,
    representationId: input.representationId ?? null,
    paperSection: input.paperSection ?? null,
  };
}

export async function createPlanItem(prisma: PrismaClient, actor: Actor, conferenceId: string, raw: unknown, clock: Clock = {}, meta: AuditMeta = {}): Promise<PlanItemView> {
  assertMay(actor, "plan.write", { conferenceId });
  const input = parseInput(PlanInput, raw);
  const today = todayOf(clock);
  const data = await checkedData(prisma, conferenceId, input, today);
  const row = await prisma.planItem.create({ data: { ...data, conferenceId }, include: itemInclude });
  await audit(prisma, actor.id, "plan.create", "PlanItem", row.id, { horizon: row.horizon, status: row.status }, { conferenceId, ip: meta.ip });
  return (await views(prisma, [row], today))[0]!;
}

async function findItem(prisma: PrismaClient, actor: Actor, id: string) {
  const row = await prisma.planItem.findUnique({ where: { id }, include: itemInclude });
  if (!row || !may(actor, "plan.read", { conferenceId: row.conferenceId })) throw notFound("Plan item");
  return row;
}

export async function getPlanItem(prisma: PrismaClient, actor: Actor, id: string, clock: Clock = {}): Promise<PlanItemView> {
  return (await views(prisma, [await findItem(prisma, actor, id)], todayOf(clock)))[0]!;
}

export async function updatePlanItem(prisma: PrismaClient, actor: Actor, id: string, raw: unknown, clock: Clock = {}, meta: AuditMeta = {}): Promise<PlanItemView> {
  const previous = await findItem(prisma, actor, id);
  assertMay(actor, "plan.write", { conferenceId: previous.conferenceId });
  const input = parseInput(PlanInput, raw);
  const today = todayOf(clock);
  const data = await checkedData(prisma, previous.conferenceId, input, today, previous);
  const row = await prisma.planItem.update({ where: { id }, data, include: itemInclude });
  await audit(prisma, actor.id, "plan.update", "PlanItem", id, { changed: changedFields(previous, data) }, { conferenceId: previous.conferenceId, ip: meta.ip });
  return (await views(prisma, [row], today))[0]!;
}

/** The one-click change from a board card: only the status. */
export async function setPlanStatus(prisma: PrismaClient, actor: Actor, id: string, rawStatus: unknown, clock: Clock = {}, meta: AuditMeta = {}): Promise<PlanItemView> {
  const previous = await findItem(prisma, actor, id);
  assertMay(actor, "plan.write", { conferenceId: previous.conferenceId });
  const status = parseInput(z.object({ status: z.enum(planStatuses) }), { status: rawStatus }).status;
  const row = await prisma.planItem.update({ where: { id }, data: { status }, include: itemInclude });
  if (status !== previous.status) await audit(prisma, actor.id, "plan.status", "PlanItem", id, { from: previous.status, to: status }, { conferenceId: previous.conferenceId, ip: meta.ip });
  return (await views(prisma, [row], todayOf(clock)))[0]!;
}

export async function deletePlanItem(prisma: PrismaClient, actor: Actor, id: string, meta: AuditMeta = {}): Promise<void> {
  const previous = await findItem(prisma, actor, id);
  assertMay(actor, "plan.write", { conferenceId: previous.conferenceId });
  await prisma.planItem.delete({ where: { id } });
  await audit(prisma, actor.id, "plan.delete", "PlanItem", id, { goal: previous.goal.slice(0, 200), horizon: previous.horizon }, { conferenceId: previous.conferenceId, ip: meta.ip });
}

export async function listPlanItems(prisma: PrismaClient, actor: Actor, conferenceId: string, rawFilter: unknown = {}, clock: Clock = {}): Promise<PlanItemView[]> {
  assertMay(actor, "plan.read", { conferenceId });
  const f = parseInput(PlanFilter, rawFilter);
  const today = todayOf(clock);
  const where: Prisma.PlanItemWhereInput = {
    conferenceId,
    ...(f.horizon ? { horizon: f.horizon } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.ownerId ? { ownerId: f.ownerId } : {}),
    ...(f.forceId ? { forceId: f.forceId } : {}),
    ...(f.representationId ? { representationId: f.representationId } : {}),
    ...(f.overdue ? { status: { in: OPEN }, dueOn: { lt: toDbDate(today) } } : {}),
  };
  const rows = await prisma.planItem.findMany({ where, include: itemInclude, orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }] });
  return views(prisma, rows, today);
}

export interface HorizonProgress {
  horizon: PlanHorizon;
  total: number;
  planned: number;
  inProgress: number;
  done: number;
  dropped: number;
  overdue: number;
  /** Done out of the items still meant to be done (dropped ones do not count); null when there are none. */
  percentDone: number | null;
}

export function progressByHorizon(items: Pick<PlanItemView, "horizon" | "status" | "dueState">[]): HorizonProgress[] {
  return horizons.map((horizon) => {
    const of = items.filter((i) => i.horizon === horizon);
    const count = (s: PlanStatus) => of.filter((i) => i.status === s).length;
    const done = count("DONE");
    const dropped = count("DROPPED");
    const counted = of.length - dropped;
    return {
      horizon,
      total: of.length,
      planned: count("PLANNED"),
      inProgress: count("IN_PROGRESS"),
      done,
      dropped,
      overdue: of.filter((i) => i.dueState === "overdue").length,
      percentDone: counted ? Math.round((done / counted) * 100) : null,
    };
  });
}

/** Items grouped by owner (no owner last), each group in due order. */
export function byOwner(items: PlanItemView[]): { owner: PlanItemView["owner"]; items: PlanItemView[] }[] {
  const groups = new Map<string, { owner: PlanItemView["owner"]; items: PlanItemView[] }>();
  for (const i of items) {
    const key = i.owner?.id ?? "";
    if (!groups.has(key)) groups.set(key, { owner: i.owner, items: [] });
    groups.get(key)!.items.push(i);
  }
  return [...groups.values()].sort((a, b) => (!a.owner ? 1 : !b.owner ? -1 : a.owner.name.localeCompare(b.owner.name, "ar")));
}

/** Everything the plan item form offers. */
export async function planFormOptions(prisma: PrismaClient, actor: Actor, conferenceId: string) {
  assertMay(actor, "plan.write", { conferenceId });
  const [owners, forces, representations, papers] = await Promise.all([
    membersWhoMay(prisma, conferenceId, "plan.write"),
    prisma.force.findMany({ where: { conferenceId, archivedAt: null }, select: { id: true, nameAr: true, nameKu: true, nameEn: true }, orderBy: { nameAr: "asc" } }),
    prisma.representation.findMany({ where: { conferenceId }, select: { id: true, country: true }, orderBy: { country: "asc" } }),
    paperSections(prisma, conferenceId),
  ]);
  return { owners: owners.map(({ id, name }) => ({ id, name })), forces, representations, sections: papers.flatMap((p) => p.sections.map((s) => s.title)) };
}

export function planValues(i: PlanItemView): Record<string, string> {
  return {
    horizon: i.horizon,
    goal: i.goal,
    ownerId: i.owner?.id ?? "",
    dueOn: i.dueOn ?? "",
    status: i.status,
    forceId: i.force?.id ?? "",
    representationId: i.representation?.id ?? "",
    paperSection: i.paperSection ?? "",
  };
}
