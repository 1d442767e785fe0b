// What organizers do with the outbox (issue 18, ADR 0049): send a finished mail again.
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { Actor } from "~/policy";
import { recordAudit, type AuditMeta } from "../audit.server";
import { assertMay, DomainError, notFound, parseInput } from "../errors";
import { enqueueMail, namesLink, openLink, type MailAttachment, type MailContext } from "./outbox.server";

/** The states a mail may be sent again from: done with, one way or another. */
export const resendableStates = ["FAILED", "SENT", "KEPT"] as const;

const mailIdSchema = z.string().trim().min(1).max(100);

/**
 * Queues a copy of a finished mail (FAILED, SENT or KEPT) with a fresh Message-ID: to the recipient it is
 * a new message. Its sign-in link moves to the copy (one row holds a working link at a time); a mail whose
 * link was delivered already (SENT drops it) or no longer opens is refused as "gone": the organizer makes
 * a new link instead (the invitation's own step), so no mail goes out with a dead link. Each mail is
 * sent again once (a second click returns the same copy); to send once more, resend the copy.
 */
export async function resendMail(
  prisma: PrismaClient,
  actor: Actor,
  mailId: string,
  meta: AuditMeta & { mail: MailContext },
): Promise<{ id: string; created: boolean }> {
  const id = parseInput(mailIdSchema, mailId, "The mail id");
  const original = await prisma.outboxMail.findUnique({ where: { id } });
  // Mail outside any conference (none is queued so far) has no organizer who may resend it.
  if (!original || !original.conferenceId) throw notFound("Mail");
  const conferenceId = original.conferenceId;
  assertMay(actor, "mail.manage", { conferenceId }, "Only the conference's organizers may send mail again");
  if (!(resendableStates as readonly string[]).includes(original.state)) {
    throw new DomainError("illegal_transition", `A ${original.state} mail is still on its way; it can be sent again once it is sent, kept or failed`, {
      reason: "notFinished",
      state: original.state,
    });
  }
  let url: string | null = null;
  if (namesLink(original)) {
    url = openLink(original.sealedLink, original.id, meta.mail.linkKey);
    if (url === null) {
      throw new DomainError("gone", "This mail's sign-in link was delivered already (or no longer opens); make a new link instead", { reason: "linkGone" });
    }
  }
  const dedupeKey = `resend:${original.id}`;
  const result = await prisma.$transaction(async (tx) => {
    const copyId = await enqueueMail(
      tx,
      {
        conferenceId,
        kind: original.kind,
        dedupeKey,
        userId: original.userId,
        to: { address: original.toAddress, name: original.toName },
        locale: original.locale,
        subject: original.subject,
        text: original.text,
        html: original.html,
        attachments: (original.attachments as MailAttachment[] | null) ?? undefined,
        link: url === null ? null : { url, key: meta.mail.linkKey },
        about: original.subjectType && original.subjectId ? { type: original.subjectType, id: original.subjectId } : null,
        createdById: actor.id,
      },
      meta.mail.appUrl,
    );
    if (copyId === null) {
      const copy = await tx.outboxMail.findUniqueOrThrow({ where: { dedupeKey }, select: { id: true } });
      return { id: copy.id, created: false };
    }
    if (url !== null) await tx.outboxMail.update({ where: { id: original.id }, data: { sealedLink: null } });
    // No address or name here: the audit trail keeps person data only sealed (ADR 0034).
    await recordAudit(tx, {
      actorId: actor.id,
      action: "mail.resend",
      subjectType: "OutboxMail",
      subjectId: copyId,
      data: { of: original.id, kind: original.kind, was: original.state },
      conferenceId,
      ip: meta.ip,
    });
    return { id: copyId, created: true };
  });
  if (result.created) meta.mail.wake?.();
  return result;
}
