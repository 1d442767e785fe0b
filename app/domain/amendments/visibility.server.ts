// Who sees what: one rule, as a predicate (audienceOf) and as the query filter it matches (visibleWhere).
import type { Amendment, Conference, ForceKind, Prisma } from "@prisma/client";
import { may, membershipIn, type Actor, type Resource } from "~/policy";
import { decidedStates } from "../amendment-states";
import { notFound } from "../errors";
import type { AmendmentDeps } from "./deps";

/** How an actor stands towards one amendment. */
export type Audience = "staff" | "observer" | "force" | "public";

export interface Loaded extends Amendment {
  paper: { id: string; conferenceId: string; title: string };
  force: { id: string; kind: ForceKind; nameAr: string; nameKu: string | null; nameEn: string | null };
}

export const loadedInclude = {
  paper: { select: { id: true, conferenceId: true, title: true } },
  force: { select: { id: true, kind: true, nameAr: true, nameKu: true, nameEn: true } },
} as const;

export function isOwnForce(actor: Actor, a: { forceId: string; paper: { conferenceId: string } }) {
  const m = membershipIn(actor, a.paper.conferenceId);
  return !!m?.forceId && m.forceId === a.forceId;
}

/** The actor's standing, or null when the amendment is invisible to them (reported as not found). */
export function audienceOf(actor: Actor, a: Loaded, conference: Pick<Conference, "decisionsPublishedAt">): Audience | null {
  const conferenceId = a.paper.conferenceId;
  if (!membershipIn(actor, conferenceId)) return null;
  const own = isOwnForce(actor, a);
  // A draft is the force's working copy: its delegates (and whoever entered it) only.
  if (a.state === "DRAFT") return own || a.createdById === actor.id ? "force" : null;
  if (may(actor, "amendment.review", { conferenceId })) return "staff";
  if (own) return "force";
  if (may(actor, "amendment.read", { conferenceId, forceId: a.forceId })) return "observer";
  if (conference.decisionsPublishedAt && decidedStates.includes(a.state)) return "public";
  return null;
}

/** Prisma filter for the amendments of a paper an actor may list (the same rule as audienceOf). */
export function visibleWhere(actor: Actor, conferenceId: string, conference: Conference): Prisma.AmendmentWhereInput {
  const m = membershipIn(actor, conferenceId);
  if (!m) return { id: { in: [] } };
  const ownDrafts: Prisma.AmendmentWhereInput = m.forceId ? { state: "DRAFT", OR: [{ forceId: m.forceId }, { createdById: actor.id }] } : { state: "DRAFT", createdById: actor.id };
  const others: Prisma.AmendmentWhereInput[] = [];
  if (may(actor, "amendment.read", { conferenceId, forceId: null })) others.push({ state: { not: "DRAFT" } });
  else {
    if (m.forceId) others.push({ forceId: m.forceId, state: { not: "DRAFT" } });
    if (conference.decisionsPublishedAt) others.push({ state: { in: [...decidedStates] } });
  }
  return { OR: [ownDrafts, ...others] };
}

export async function loadFor(deps: AmendmentDeps, actor: Actor, id: string) {
  const a = (await deps.prisma.amendment.findUnique({ where: { id }, include: loadedInclude })) as Loaded | null;
  if (!a) throw notFound("Amendment");
  const conference = await deps.prisma.conference.findUniqueOrThrow({ where: { id: a.paper.conferenceId } });
  const audience = audienceOf(actor, a, conference);
  if (!audience) throw notFound("Amendment");
  return { a, conference, audience };
}

/** What the policy is asked about for an amendment: its conference and the force it belongs to. */
export function resourceOf(a: Pick<Loaded, "forceId" | "paper">): Resource {
  return { conferenceId: a.paper.conferenceId, forceId: a.forceId };
}
