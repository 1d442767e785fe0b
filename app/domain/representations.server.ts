// Representations abroad: one per country, in an area (Arab states, Europe, America, other), with its
// representatives, contacts and status, the plan items assigned to it and its outreach. Transport-free.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@prisma/client";
import type { Actor } from "~/policy";
import { may } from "~/policy";
import { nameKey } from "~/domain/arabic";
import { changedFields, recordAudit, type AuditMeta } from "./audit.server";
import { assertMay, DomainError, notFound } from "./errors";
import { invalid, optionalText, parseInput, requiredText } from "./coordination-common";
import { listOutreach, type Clock, type OutreachEntryView } from "./outreach.server";
import { listPlanItems, type PlanItemView } from "./plans.server";

import { areas, representationStatuses } from "./coordination-enums";
export { areas, representationStatuses };

export const RepresentationInput = z.object({
  country: requiredText(100),
  area: z.enum(areas),
  city: optionalText(100),
  representatives: z.preprocess((v) => v ?? "", z.string().trim().max(2000)),
  contacts: optionalText(4000),
  status: z.preprocess((v) => (v === "" || v == null ? "ACTIVE" : v), z.enum(representationStatuses)),
  notes: optionalText(10_000),
});
export type RepresentationInput = z.infer<typeof RepresentationInput>;

const listSelect = {
  id: true,
  conferenceId: true,
  country: true,
  area: true,
  city: true,
  representatives: true,
  contacts: true,
  status: true,
  notes: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { outreach: true, planItems: { where: { status: { in: ["PLANNED", "IN_PROGRESS"] } } } } },
} satisfies Prisma.RepresentationSelect;

/** Two spellings of one country («ألمانيا», «المانيا») are the same representation. */
async function assertCountryFree(prisma: PrismaClient, conferenceId: string, country: string, exceptId?: string) {
  const key = nameKey(country);
  const others = await prisma.representation.findMany({ where: { conferenceId, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true, country: true } });
  const clash = others.find((o) => nameKey(o.country) === key);
  if (clash) {
    throw new DomainError("conflict", `There is already a representation in ${clash.country}`, { fieldErrors: { country: ["countryTaken"] }, existingId: clash.id });
  }
}

function toData(input: RepresentationInput) {
  return {
    country: input.country,
    area: input.area,
    city: input.city ?? null,
    representatives: input.representatives,
    contacts: input.contacts ?? null,
    status: input.status,
    notes: input.notes ?? null,
  };
}

export async function createRepresentation(prisma: PrismaClient, actor: Actor, conferenceId: string, raw: unknown, meta: AuditMeta = {}) {
  assertMay(actor, "representation.write", { conferenceId });
  const input = parseInput(RepresentationInput, raw);
  await assertCountryFree(prisma, conferenceId, input.country);
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.representation.create({ data: { ...toData(input), conferenceId }, select: listSelect });
      // Never the representatives or contacts (free text about people, ADR 0034).
      await recordAudit(tx, { actorId: actor.id, action: "representation.create", subjectType: "Representation", subjectId: row.id, data: { country: row.country, area: row.area, status: row.status }, conferenceId, ip: meta.ip });
      return row;
    });
  } catch (err) {
    // Two people adding the same country at once: the unique index decides.
    if ((err as { code?: string }).code === "P2002") throw new DomainError("conflict", `There is already a representation in ${input.country}`, { fieldErrors: { country: ["countryTaken"] } });
    throw err;
  }
}

async function findRep(prisma: PrismaClient, actor: Actor, id: string) {
  const row = await prisma.representation.findUnique({ where: { id }, select: listSelect });
  if (!row || !may(actor, "representation.read", { conferenceId: row.conferenceId })) throw notFound("Representation");
  return row;
}

export async function updateRepresentation(prisma: PrismaClient, actor: Actor, id: string, raw: unknown, meta: AuditMeta = {}) {
  const previous = await findRep(prisma, actor, id);
  assertMay(actor, "representation.write", { conferenceId: previous.conferenceId });
  const input = parseInput(RepresentationInput, raw);
  if (nameKey(input.country) !== nameKey(previous.country)) await assertCountryFree(prisma, previous.conferenceId, input.country, id);
  const data = toData(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.representation.update({ where: { id }, data, select: listSelect });
      await recordAudit(tx, { actorId: actor.id, action: "representation.update", subjectType: "Representation", subjectId: id, data: { changed: changedFields(previous, data) }, conferenceId: previous.conferenceId, ip: meta.ip });
      return row;
    });
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw invalid("country", "countryTaken", `There is already a representation in ${input.country}`);
    throw err;
  }
}

/** Removing a representation keeps its outreach entries and plan items (their link is cleared). */
export async function deleteRepresentation(prisma: PrismaClient, actor: Actor, id: string, meta: AuditMeta = {}) {
  const previous = await findRep(prisma, actor, id);
  assertMay(actor, "representation.write", { conferenceId: previous.conferenceId });
  await prisma.$transaction(async (tx) => {
    await tx.representation.delete({ where: { id } });
    await recordAudit(tx, { actorId: actor.id, action: "representation.delete", subjectType: "Representation", subjectId: id, data: { country: previous.country }, conferenceId: previous.conferenceId, ip: meta.ip });
  });
}

export type RepresentationRow = Awaited<ReturnType<typeof findRep>>;

/** Grouped by area in a fixed order (Arab states, Europe, America, other), countries sorted within. */
export async function representationsByArea(prisma: PrismaClient, actor: Actor, conferenceId: string) {
  assertMay(actor, "representation.read", { conferenceId });
  const rows = await prisma.representation.findMany({ where: { conferenceId }, select: listSelect });
  return areas.map((area) => ({
    area,
    representations: rows.filter((r) => r.area === area).sort((a, b) => a.country.localeCompare(b.country, "ar")),
  }));
}

export async function representationDetail(prisma: PrismaClient, actor: Actor, id: string, clock: Clock = {}) {
  const rep = await findRep(prisma, actor, id);
  const [planItems, outreach]: [PlanItemView[], OutreachEntryView[]] = await Promise.all([
    may(actor, "plan.read", { conferenceId: rep.conferenceId }) ? listPlanItems(prisma, actor, rep.conferenceId, { representationId: id }, clock) : Promise.resolve([]),
    may(actor, "outreach.read", { conferenceId: rep.conferenceId }) ? listOutreach(prisma, actor, rep.conferenceId, { representationId: id, take: 200 }, clock).then((r) => r.entries) : Promise.resolve([]),
  ]);
  return { representation: rep, planItems, outreach };
}
