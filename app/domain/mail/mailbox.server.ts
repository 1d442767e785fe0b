// What the organizers' mail pages read (ADR 0052): the conference's outbox page by page, one mail as it
// was or will be received, and the invitations that went out without anyone to write to.
import type { MailState, PrismaClient } from "@prisma/client";
import { z } from "zod";
import { may, type Actor } from "~/policy";
import { assertMay, notFound } from "../errors";
import { parseQuery } from "../query-params";
import { LINK_MARK, withLink, type MailAttachment } from "./outbox.server";

import { mailStates } from "./kinds";

export { mailStates };
// The database's states and the filter's are the same list.
mailStates satisfies readonly MailState[];

/** /mail's query string, strictly (ADR 0033). */
export const OutboxQuerySchema = z.object({
  state: z.enum(mailStates).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type OutboxQuery = z.infer<typeof OutboxQuerySchema>;

export const parseOutboxQuery = (params: URLSearchParams, allow: readonly string[] = []) => parseQuery(OutboxQuerySchema, params, { allow });

/** One page of a conference's outbox, newest first. */
export async function listOutbox(prisma: PrismaClient, actor: Actor, conferenceId: string, q: OutboxQuery) {
  assertMay(actor, "mail.read", { conferenceId }, "Only organizers read the conference's mail");
  const where = { conferenceId, ...(q.state ? { state: q.state } : {}) };
  const [rows, total] = await Promise.all([
    prisma.outboxMail.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * q.limit,
      take: q.limit,
      select: { id: true, kind: true, state: true, toAddress: true, toName: true, subject: true, locale: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
    }),
    prisma.outboxMail.count({ where }),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / q.limit)) };
}

/**
 * One mail as it reads: a KEPT one (no SMTP) with its sign-in link opened, so the demo and an office
 * without a mail server can hand it over; a delivered one says its link is gone; a waiting one keeps it sealed.
 */
export async function readOutboxMail(prisma: PrismaClient, actor: Actor, id: string, linkKey: Buffer, words: { gone: string; sealed: string }) {
  const mail = await prisma.outboxMail.findUnique({ where: { id } });
  // Another conference's mail, or one of no conference, is "not found" (no existence leak).
  if (!mail || !mail.conferenceId || !may(actor, "mail.read", { conferenceId: mail.conferenceId })) throw notFound("Mail");
  const open = (body: string) => (mail.state === "KEPT" ? withLink(body, mail.sealedLink, mail.id, linkKey, words.gone) : body.split(LINK_MARK).join(mail.state === "SENT" ? words.gone : words.sealed));
  const attachments = (Array.isArray(mail.attachments) ? (mail.attachments as unknown as MailAttachment[]) : []).map((a, index) => ({ index, ...a }));
  return {
    id: mail.id,
    conferenceId: mail.conferenceId,
    kind: mail.kind,
    state: mail.state,
    to: { address: mail.toAddress, name: mail.toName },
    locale: mail.locale,
    subject: mail.subject,
    text: open(mail.text),
    html: open(mail.html),
    hasLink: mail.text.includes(LINK_MARK),
    linkKept: mail.state === "KEPT" && !!mail.sealedLink,
    attachments,
    messageId: mail.messageId,
    attempts: mail.attempts,
    lastError: mail.lastError,
    createdAt: mail.createdAt,
    sentAt: mail.sentAt,
  };
}
export type OutboxMailView = Awaited<ReturnType<typeof readOutboxMail>>;

/** Image types a browser shows without running anything (no SVG: it can carry script). */
const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif"]);
const unescapeHtml = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!);

/**
 * The images the HTML part shows inline (<img src="cid:…">), each found among the mail's own attachments by
 * its Content-ID, with the alt text the HTML gives it: the reader shows them from the mail's attachment
 * route (same origin, the same permission as the mail). A cid naming no attachment, or any other source, is not shown.
 */
export function inlineImagesOf(mail: Pick<OutboxMailView, "html" | "attachments">) {
  const out: { index: number; alt: string; width: number | null; height: number | null }[] = [];
  for (const tag of mail.html.match(/<img\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1];
    const cid = /^cid:(.+)$/i.exec(attr("src") ?? "")?.[1];
    const a = cid && mail.attachments.find((x) => x.cid === unescapeHtml(cid) && INLINE_TYPES.has(x.contentType.split(";")[0]!.trim().toLowerCase()));
    if (!a || out.some((o) => o.index === a.index)) continue;
    const size = (name: string) => (/^\d{1,4}$/.test(attr(name) ?? "") ? Number(attr(name)) : null);
    out.push({ index: a.index, alt: unescapeHtml(attr("alt") ?? a.filename), width: size("width"), height: size("height") });
  }
  return out;
}

/** Invitations in status SENT whose force has no contact with a mail address: no letter reached them. */
export async function sentWithoutAddress(prisma: PrismaClient, actor: Actor, conferenceId: string) {
  assertMay(actor, "mail.read", { conferenceId }, "Only organizers read the conference's mail");
  return prisma.invitation.findMany({
    where: { conferenceId, status: "SENT", force: { contacts: { none: { AND: [{ email: { not: null } }, { email: { not: "" } }] } } } },
    select: { id: true, force: { select: { id: true, nameAr: true, nameKu: true, nameEn: true } } },
    orderBy: { force: { nameAr: "asc" } },
    take: 200,
  });
}
