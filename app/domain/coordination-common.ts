// Shared by the outreach, plans, representations and search cores: input shapes that accept what a
// plain HTML form sends ("" for an empty field), field-level errors, and policy checks.
import { z } from "zod";
import { stripInvisible } from "~/domain/arabic";
import type { PrismaClient } from "@prisma/client";
import { membershipIn, rolesThatMay, type Action, type Actor } from "~/policy";
import { DomainError } from "./errors";

/** "" and whitespace become null, so an empty form field clears an optional value. */
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** Free text: invisible and bidi control characters removed (stripInvisible, app/domain/arabic.ts), then trimmed. */
const stripped = (v: unknown) => (typeof v === "string" ? stripInvisible(v) : v);
export const optionalText = (max: number) => z.preprocess((v) => blankToNull(stripped(v)), z.string().trim().max(max).nullable().optional());
export const requiredText = (max: number) => z.string().overwrite(stripInvisible).trim().min(1).max(max);
/** A yes/no flag: a boolean, or "1"/"true"/"0"/"false" from a form or query string; anything else is refused. */
export const flag = z.union([z.boolean(), z.enum(["1", "true", "0", "false"]).transform((v) => v === "1" || v === "true")]);

export const optionalId = z.preprocess(blankToNull, z.string().trim().min(1).max(64).nullable().optional());

/** A field-level rule broken: API callers read `message`, forms show `details.fieldErrors[field]` translated. */
export function invalid(field: string, rule: string, message: string): DomainError {
  return new DomainError("bad_request", message, { fieldErrors: { [field]: [rule] } });
}

export { fieldErrorsOf, parseInput } from "./errors";

export { rolesThatMay };

export interface MemberOption {
  id: string;
  name: string;
  email: string;
}

/** Members of the conference who may do `action` (owners to choose from). */
export async function membersWhoMay(prisma: PrismaClient, conferenceId: string, action: Action): Promise<MemberOption[]> {
  const rows = await prisma.membership.findMany({
    where: { conferenceId, role: { in: rolesThatMay(action) }, user: { disabledAt: null } },
    select: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return rows.map((r) => r.user);
}

export async function assertOwner(prisma: PrismaClient, conferenceId: string, userId: string, action: Action, field: string) {
  const m = await prisma.membership.findUnique({ where: { userId_conferenceId: { userId, conferenceId } }, select: { role: true, user: { select: { disabledAt: true } } } });
  if (!m || m.user.disabledAt || !rolesThatMay(action).includes(m.role)) {
    throw invalid(field, "ownerNotAllowed", "The owner must be an organizer or committee member of this conference");
  }
}

export async function assertForceIn(prisma: PrismaClient, conferenceId: string, forceId: string, field = "forceId") {
  const f = await prisma.force.findFirst({ where: { id: forceId, conferenceId }, select: { id: true } });
  if (!f) throw invalid(field, "notFound", "No such force in this conference");
}

export async function assertRepresentationIn(prisma: PrismaClient, conferenceId: string, representationId: string, field = "representationId") {
  const r = await prisma.representation.findFirst({ where: { id: representationId, conferenceId }, select: { id: true } });
  if (!r) throw invalid(field, "notFound", "No such representation in this conference");
}

/** The conference a request is about: the one named, if the actor belongs to it, else their first. */
export function conferenceOf(actor: Actor, wanted?: string | null): string {
  const m = (wanted ? membershipIn(actor, wanted) : undefined) ?? (wanted ? undefined : actor.memberships[0]);
  if (!m) throw new DomainError(wanted ? "forbidden" : "not_found", wanted ? "You are not a member of this conference" : "You are not a member of any conference");
  return m.conferenceId;
}
