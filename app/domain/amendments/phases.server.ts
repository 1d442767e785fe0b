// Amendment phases (ADR 0061): the organizers' windows for submission, each with its own times, and
// what a late submission is told. The single window of old is the first phase (setAmendmentWindow).
import type { AmendmentPhase, Prisma, PrismaClient } from "@prisma/client";
import type { Actor } from "~/policy";
import { rooms } from "~/domain/rooms";
import { recordAudit } from "../audit.server";
import type { AmendmentAuditVerb } from "../activity-kinds";
import { assertMay, DomainError, notFound } from "../errors";
import type { AmendmentDeps } from "./deps";
import { LIMITS, parse, phaseInput, phaseUpdate, windowInput } from "./schema";
import { byOpening, overlaps, windowOf, type WindowInfo } from "./window";

type Db = PrismaClient | Prisma.TransactionClient;

export const phasesOf = (db: Db, conferenceId: string) => db.amendmentPhase.findMany({ where: { conferenceId }, orderBy: { openAt: "asc" } });

/** The window as it stands at `now`, from the conference's phases. */
export async function windowAt(db: Db, conferenceId: string, now: Date): Promise<WindowInfo<AmendmentPhase> & { phases: AmendmentPhase[] }> {
  const phases = await phasesOf(db, conferenceId);
  return { ...windowOf(phases, now), phases };
}

/** Refuses a submission outside every phase; the error carries the time the window closed (and opens next). */
export function assertWindowOpen(w: WindowInfo<AmendmentPhase>): AmendmentPhase {
  if (w.current) return w.current;
  const at = (p: AmendmentPhase | null) => p?.closeAt.toISOString();
  const details = {
    reason: `window_${w.state}`,
    ...(w.last ? { closedAt: at(w.last), phaseId: w.last.id, phaseName: w.last.name, phaseNumber: w.numberOf(w.last) } : {}),
    ...(w.next ? { opensAt: w.next.openAt.toISOString() } : {}),
  };
  const message =
    w.state === "closed"
      ? `The amendment window closed at ${at(w.last)}` + (w.next ? `; the next phase opens at ${w.next.openAt.toISOString()}` : "")
      : w.state === "notYetOpen"
        ? `The amendment window is not open yet; it opens at ${w.next!.openAt.toISOString()}`
        : "The amendment window has not been set";
  throw new DomainError("forbidden", message, details);
}

function announceWindow(deps: AmendmentDeps, conferenceId: string) {
  deps.realtime?.emit(rooms.all(conferenceId), "amendments:window", { conferenceId });
}

async function audit(deps: AmendmentDeps, actor: Actor, conferenceId: string, verb: AmendmentAuditVerb, data: object) {
  await recordAudit(deps.prisma, { actorId: actor.id, action: `amendments.${verb}`, subjectType: "Conference", subjectId: conferenceId, data, conferenceId, ip: deps.ip });
}

/** Phases of one conference never overlap: a submission belongs to one phase. */
function checkNoOverlap(others: AmendmentPhase[], p: { openAt: Date; closeAt: Date }) {
  const clash = byOpening(others).find((o) => overlaps(o, p));
  if (clash) {
    throw new DomainError("conflict", `The phase overlaps another (${clash.openAt.toISOString()} – ${clash.closeAt.toISOString()})`, {
      reason: "phaseOverlap",
      phaseId: clash.id,
      openAt: clash.openAt.toISOString(),
      closeAt: clash.closeAt.toISOString(),
    });
  }
}

export async function addPhase(deps: AmendmentDeps, actor: Actor, conferenceId: string, input: unknown) {
  assertMay(actor, "amendment.window", { conferenceId }, "Only organizers set the amendment phases");
  const data = parse(phaseInput, input);
  const others = await phasesOf(deps.prisma, conferenceId);
  if (others.length >= LIMITS.phases) throw new DomainError("bad_request", `At most ${LIMITS.phases} phases`, { reason: "tooManyPhases" });
  checkNoOverlap(others, data);
  const p = await deps.prisma.amendmentPhase.create({ data: { conferenceId, name: data.name, openAt: data.openAt, closeAt: data.closeAt } });
  await audit(deps, actor, conferenceId, "phase.add", { phaseId: p.id, openAt: p.openAt, closeAt: p.closeAt });
  announceWindow(deps, conferenceId);
  return p;
}

export async function updatePhase(deps: AmendmentDeps, actor: Actor, conferenceId: string, input: unknown) {
  assertMay(actor, "amendment.window", { conferenceId }, "Only organizers set the amendment phases");
  const data = parse(phaseUpdate, input);
  const all = await phasesOf(deps.prisma, conferenceId);
  if (!all.some((p) => p.id === data.id)) throw notFound("Phase");
  checkNoOverlap(all.filter((p) => p.id !== data.id), data);
  const p = await deps.prisma.amendmentPhase.update({ where: { id: data.id }, data: { name: data.name, openAt: data.openAt, closeAt: data.closeAt } });
  await audit(deps, actor, conferenceId, "phase.edit", { phaseId: p.id, openAt: p.openAt, closeAt: p.closeAt });
  announceWindow(deps, conferenceId);
  return p;
}

export async function deletePhase(deps: AmendmentDeps, actor: Actor, conferenceId: string, phaseId: unknown) {
  assertMay(actor, "amendment.window", { conferenceId }, "Only organizers set the amendment phases");
  if (typeof phaseId !== "string" || phaseId.length > 64) throw notFound("Phase");
  // Amendments submitted in it keep their submission; they only lose the phase's name (SetNull).
  const { count } = await deps.prisma.amendmentPhase.deleteMany({ where: { id: phaseId, conferenceId } });
  if (!count) throw notFound("Phase");
  await audit(deps, actor, conferenceId, "phase.delete", { phaseId });
  announceWindow(deps, conferenceId);
}

/**
 * The single window of old (the API's and the first form's): sets the first phase's times, creating it
 * if there is none; both null removes every phase (the window is unset).
 */
export async function setAmendmentWindow(deps: AmendmentDeps, actor: Actor, conferenceId: string, input: unknown) {
  assertMay(actor, "amendment.window", { conferenceId }, "Only organizers set the amendment window");
  const data = parse(windowInput, input);
  if (!data.openAt && !data.closeAt) {
    await deps.prisma.amendmentPhase.deleteMany({ where: { conferenceId } });
  } else {
    if (!data.openAt || !data.closeAt) throw new DomainError("bad_request", "Give both the opening and the closing time", { reason: "invalid" });
    const [first, ...rest] = await phasesOf(deps.prisma, conferenceId);
    const times = { openAt: data.openAt, closeAt: data.closeAt };
    checkNoOverlap(rest, times);
    if (first) await deps.prisma.amendmentPhase.update({ where: { id: first.id }, data: times });
    else await deps.prisma.amendmentPhase.create({ data: { conferenceId, ...times } });
  }
  await audit(deps, actor, conferenceId, "window", { openAt: data.openAt, closeAt: data.closeAt });
  announceWindow(deps, conferenceId);
  return phasesOf(deps.prisma, conferenceId);
}
