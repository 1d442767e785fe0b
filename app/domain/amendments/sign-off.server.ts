// The force's internal sign-off (ADR 0061): a force names its lead delegate, who submits for it; the
// other delegates draft and ask the lead to submit; the lead submits or sends the draft back with a note.
// A force that names no lead submits as before: any of its delegates.
import type { Prisma, PrismaClient } from "@prisma/client";
import { may, type Actor, type Resource } from "~/policy";
import { rooms } from "~/domain/rooms";
import { recordAudit } from "../audit.server";
import type { ActivityAction } from "../activity-kinds";
import { assertMay, DomainError, notFound } from "../errors";
import { draftStageOf, draftStageSteps } from "../amendment-states";
import { announce, notify } from "../notifications/notify.server";
import type { AmendmentDeps } from "./deps";
import { leadInput, parse, signOffInput } from "./schema";
import { loadFor, resourceOf, type Loaded } from "./visibility.server";
import { checkVersion, emitChange } from "./commands.server";

type Db = PrismaClient | Prisma.TransactionClient;

/** The force's lead, if it names one who is still one of its delegates (else null: no lead). */
export async function forceLeadOf(db: Db, forceId: string): Promise<string | null> {
  const force = await db.force.findUnique({ where: { id: forceId }, select: { leadDelegateId: true } });
  if (!force?.leadDelegateId) return null;
  const still = await db.membership.findFirst({ where: { userId: force.leadDelegateId, forceId, role: "DELEGATE" }, select: { id: true } });
  return still ? force.leadDelegateId : null;
}

/** resourceOf with the force's lead, for the sign-off rules of the policy. */
export async function signOffResource(db: Db, a: Pick<Loaded, "forceId" | "paper">): Promise<Resource> {
  return { ...resourceOf(a), forceLeadId: await forceLeadOf(db, a.forceId) };
}

/** Names the force's lead delegate (organizers, or the force's current lead), or none. */
export async function setForceLead(deps: AmendmentDeps, actor: Actor, conferenceId: string, forceId: string, input: unknown) {
  const force = await deps.prisma.force.findFirst({ where: { id: forceId, conferenceId }, select: { id: true } });
  if (!force) throw notFound("Force");
  const lead = await forceLeadOf(deps.prisma, forceId);
  assertMay(actor, "force.lead", { conferenceId, forceId, forceLeadId: lead }, "Only organizers and the force's lead name its lead");
  const { userId } = parse(leadInput, input);
  if (userId) {
    const delegate = await deps.prisma.membership.findFirst({ where: { userId, conferenceId, forceId, role: "DELEGATE" }, select: { id: true } });
    if (!delegate) throw new DomainError("bad_request", "The lead must be a delegate of the force", { reason: "notADelegate" });
  }
  await deps.prisma.force.update({ where: { id: forceId }, data: { leadDelegateId: userId } });
  await recordAudit(deps.prisma, { actorId: actor.id, action: "forces.lead", subjectType: "Force", subjectId: forceId, data: { leadDelegateId: userId }, conferenceId, ip: deps.ip });
  deps.realtime?.emit(rooms.force(conferenceId, forceId), "force:lead", { forceId });
  return { forceId, leadDelegateId: userId };
}

/** The force's delegates who may be named its lead, and who is. */
export async function leadChoices(db: Db, conferenceId: string, forceId: string) {
  const [lead, delegates] = await Promise.all([
    forceLeadOf(db, forceId),
    db.membership.findMany({ where: { conferenceId, forceId, role: "DELEGATE" }, select: { user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } }),
  ]);
  return { leadDelegateId: lead, delegates: delegates.map((m) => m.user) };
}

/** A sign-off step on a draft: "ask" (a delegate asks the lead to submit) or "sendBack" (the lead, with a note). */
export async function signOffStep(deps: AmendmentDeps, actor: Actor, id: string, input: unknown) {
  const data = parse(signOffInput, input);
  const { a } = await loadFor(deps, actor, id);
  const step = draftStageSteps[data.step];
  const resource = await signOffResource(deps.prisma, a);
  assertMay(actor, step.action, resource);
  if (draftStageOf(a) !== step.from) {
    throw new DomainError("illegal_transition", data.step === "ask" ? "Only a draft not yet sent to the lead can be sent" : "Only a draft sent to the lead can be sent back", { reason: "signOffStage" });
  }
  if (data.step === "ask" && !resource.forceLeadId) throw new DomainError("conflict", "The force names no lead: submit the draft yourself", { reason: "noLead" });
  checkVersion(a, data.version);
  const now = deps.now?.() ?? new Date();
  const asking = data.step === "ask";
  const told = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.amendment.updateMany({
      where: { id, state: "DRAFT", version: a.version },
      data: asking ? { submissionRequestedAt: now, submissionRequestedById: actor.id, version: { increment: 1 } } : { submissionRequestedAt: null, version: { increment: 1 } },
    });
    if (!count) throw new DomainError("stale_version", "This draft was changed meanwhile; reload it and try again");
    await tx.amendmentEvent.create({ data: { amendmentId: id, kind: step.event, actorId: actor.id, fromState: "DRAFT", toState: "DRAFT", note: data.note || null } });
    await recordAudit(tx, { actorId: actor.id, action: `amendments.${data.step}` satisfies ActivityAction, subjectType: "Amendment", subjectId: id, conferenceId: a.paper.conferenceId, ip: deps.ip });
    // The lead hears of a request; whoever asked hears it was sent back. Never the note (it stays on the page).
    const to = asking ? resource.forceLeadId : a.submissionRequestedById;
    if (!to || to === actor.id) return [];
    return notify(
      tx,
      {
        conferenceId: a.paper.conferenceId,
        kind: "amendment.changed",
        userIds: [to],
        params: { paper: a.paper.title, force: { ar: a.force.nameAr, ku: a.force.nameKu, en: a.force.nameEn }, event: asking ? "submissionRequested" : "sentBack", state: "DRAFT" },
        link: `/amendments/${a.id}`,
        about: { action: "amendment.draft", forceId: a.forceId },
        actorId: actor.id,
      },
      deps.mail,
    );
  });
  emitChange(deps, a, "amendment:changed", { force: true });
  await announce(deps.prisma, deps.realtime, told, deps.mail);
  return { stage: step.to };
}

/** What the sign-off offers this actor on a draft (the page's buttons). */
export function signOffAllowed(actor: Actor, a: Loaded, resource: Resource) {
  const stage = draftStageOf(a);
  const submit = !!stage && may(actor, "amendment.submit", resource);
  return {
    stage,
    submit,
    ask: stage === "drafting" && !!resource.forceLeadId && resource.forceLeadId !== actor.id && may(actor, "amendment.draft", resource),
    sendBack: stage === "askedForSubmission" && !!resource.forceLeadId && may(actor, "amendment.submit", resource),
  };
}

/** Whether the actor submits for the force themself (its lead, or any delegate when it names none). */
export async function maySubmitFor(db: Db, actor: Actor, conferenceId: string, forceId: string) {
  return may(actor, "amendment.submit", { conferenceId, forceId, forceLeadId: await forceLeadOf(db, forceId) });
}
