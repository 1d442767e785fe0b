// MERGE NOTE (ADR 0052): a minimal stand-in written on the `letters` branch only so /mail's resend
// button compiles and works; the worker helper's app/domain/mail/commands.server.ts replaces this file
// whole at the merge (same signature: resendMail(prisma, actor, mailId, meta)).
import type { PrismaClient } from "@prisma/client";
import type { Actor } from "~/policy";
import { recordAudit, type AuditMeta } from "../audit.server";
import { assertMay, DomainError, notFound } from "../errors";

/** Queues a failed (or kept, or sent) mail again for the worker. */
export async function resendMail(prisma: PrismaClient, actor: Actor, mailId: string, meta: AuditMeta = {}) {
  const mail = await prisma.outboxMail.findUnique({ where: { id: mailId }, select: { id: true, conferenceId: true, state: true } });
  if (!mail?.conferenceId) throw notFound("Mail");
  assertMay(actor, "mail.manage", { conferenceId: mail.conferenceId }, "Only organizers resend mail");
  if (mail.state === "QUEUED" || mail.state === "SENDING") throw new DomainError("conflict", "This mail is already on its way");
  await prisma.$transaction(async (tx) => {
    await tx.outboxMail.update({ where: { id: mail.id }, data: { state: "QUEUED", attempts: 0, nextAttemptAt: new Date(), leaseUntil: null, lastError: null } });
    await recordAudit(tx, { actorId: actor.id, action: "conference.mailResend", subjectType: "OutboxMail", subjectId: mail.id, conferenceId: mail.conferenceId, ip: meta.ip });
  });
}
