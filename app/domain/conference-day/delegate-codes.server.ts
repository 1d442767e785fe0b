// A delegation member's own check-in code (issue 20, ADR 0058): issued when the delegation is confirmed
// (or when organizers issue the missing ones), mailed once to each member with a mail address with its QR
// inline, and shown to the member on their force's invitation page. No policy here: the commands that
// call these (confirming an invitation, issuing codes) asked it already.
import type { Locale, Prisma } from "@prisma/client";
import { may, type Actor } from "~/policy";
import { isLocale } from "~/i18n";
import { enqueueMail, type MailContext } from "../mail/outbox.server";
import { composeMail, escapeHtml } from "../mail/templates.server";
import { nameIn } from "../mail/letters.server";
import { attendingStatuses, type Db } from "./common.server";
import { formatCode, newCheckInCode } from "./codes.server";
import { checkInQrPngBase64, checkInQrSvg } from "./qr.server";

type Tx = Prisma.TransactionClient;

// A delegation member's contact is free text ("+963…, name@example.org"): its first mail address.
const ADDRESS = /[^\s@<>,;:()"']+@[^\s@<>,;:()"']+\.[^\s@<>,;:()"']+/;
export const addressIn = (contact: string | null | undefined): string | null => contact?.match(ADDRESS)?.[0].toLowerCase() ?? null;

/** Once per member and code: a code issued again (never today) would be mailed again. */
const dedupeKeyOf = (memberId: string, code: string) => `checkin-code:${memberId}:${code}`;

const QR_CID = "checkin-qr@tawafuq";

/**
 * Gives the members of the conference's confirmed delegations (or of one) that have none a code, and with
 * `mail` queues each member's mail. Returns how many codes were given and mails queued.
 */
export async function issueCodesIn(tx: Tx, input: { conferenceId: string; invitationId?: string; mail?: MailContext }): Promise<{ issued: number; mailed: number }> {
  const one = input.invitationId ?? null;
  const missing = await tx.$queryRaw<{ id: string }[]>`
    SELECT m.id FROM "DelegationMember" m JOIN "Invitation" i ON i.id = m."invitationId"
    WHERE i."conferenceId" = ${input.conferenceId} AND i.status IN ${attendingStatuses} AND m."checkInCode" IS NULL
      AND (${one}::text IS NULL OR i.id = ${one})`;
  // 50 random bits: a collision is not expected, and the unique index would refuse one rather than share it.
  for (const m of missing) await tx.$executeRaw`UPDATE "DelegationMember" SET "checkInCode" = ${newCheckInCode()} WHERE id = ${m.id}`;
  const mailed = input.mail ? await enqueueCheckInCodeMails(tx, { conferenceId: input.conferenceId, invitationId: one, mail: input.mail }) : 0;
  return { issued: missing.length, mailed };
}

/**
 * Each member of a confirmed delegation with a code and a mail address, not mailed it yet, gets one mail in
 * their account's language (Arabic without one): the code as text and as a QR image shown inline (a PNG
 * named by cid; mail clients show PNG, many not SVG). The outbox's dedupeKey keeps it to once.
 */
export async function enqueueCheckInCodeMails(tx: Tx, input: { conferenceId: string; invitationId?: string | null; mail: MailContext }): Promise<number> {
  const one = input.invitationId ?? null;
  const rows = await tx.$queryRaw<
    { memberId: string; name: string; contact: string; code: string; invitationId: string; userId: string | null; locale: string | null; nameAr: string; nameKu: string | null; nameEn: string | null }[]
  >`
    SELECT m.id AS "memberId", m.name, m.contact, m."checkInCode" AS code, i.id AS "invitationId", m."userId", u.locale::text AS locale,
      f."nameAr", f."nameKu", f."nameEn"
    FROM "DelegationMember" m JOIN "Invitation" i ON i.id = m."invitationId" JOIN "Force" f ON f.id = i."forceId"
      LEFT JOIN "User" u ON u.id = m."userId"
    WHERE i."conferenceId" = ${input.conferenceId} AND i.status IN ${attendingStatuses} AND m."checkInCode" IS NOT NULL
      AND m.contact LIKE '%@%' AND (${one}::text IS NULL OR i.id = ${one})
      AND NOT EXISTS (SELECT 1 FROM "OutboxMail" o WHERE o."dedupeKey" = 'checkin-code:' || m.id || ':' || m."checkInCode")
    ORDER BY m."createdAt"`;
  if (!rows.length) return 0;
  const conference = await tx.conference.findUniqueOrThrow({ where: { id: input.conferenceId }, select: { nameAr: true, nameKu: true, nameEn: true } });
  let queued = 0;
  for (const r of rows) {
    const address = addressIn(r.contact);
    if (!address) continue;
    const locale: Locale = isLocale(r.locale) ? r.locale : "ar";
    const code = formatCode(r.code);
    const composed = await composeMail(tx, {
      conferenceId: input.conferenceId,
      kind: "checkin.code",
      locale,
      values: { name: r.name, force: nameIn(r, locale), conference: nameIn(conference, locale), code, link: `${input.mail.appUrl}/invitations/${r.invitationId}` },
    });
    // The QR after the text; its alt text is the code, for a client that does not show images.
    const image = `<p style="margin:1em 0"><img src="cid:${QR_CID}" width="240" height="240" alt="${escapeHtml(code)}"></p>`;
    const id = await enqueueMail(
      tx,
      {
        conferenceId: input.conferenceId,
        kind: "checkin.code",
        dedupeKey: dedupeKeyOf(r.memberId, r.code),
        userId: r.userId,
        to: { address, name: r.name },
        locale,
        subject: composed.subject,
        text: composed.text,
        html: composed.html.replace("\n</body>", `\n${image}\n</body>`),
        attachments: [{ filename: "checkin-code.png", contentType: "image/png", content: await checkInQrPngBase64(r.code), encoding: "base64", cid: QR_CID }],
        about: { type: "DelegationMember", id: r.memberId },
      },
      input.mail.appUrl,
    );
    if (id) queued++;
  }
  return queued;
}

/**
 * What the invitation page shows of the conference day: the conference's voting mode, which member is the
 * force's voting delegate, the members whose code is the reader's own (their account is linked to it, or
 * its contact is their mail address) with the QR, and for organizers the force's delegate accounts one
 * may link to the voting delegate.
 */
export async function delegationDayOf(db: Db, actor: Actor & { email: string }, inv: { id: string; conferenceId: string; forceId: string; status: string }) {
  const resource = { conferenceId: inv.conferenceId, forceId: inv.forceId };
  const canDesignate = may(actor, "attendance.manage", resource);
  const members = await db.delegationMember.findMany({
    where: { invitationId: inv.id },
    select: { id: true, name: true, contact: true, checkInCode: true, isVotingDelegate: true, userId: true },
    orderBy: { createdAt: "asc" },
  });
  const { votingMode } = await db.conference.findUniqueOrThrow({ where: { id: inv.conferenceId }, select: { votingMode: true } });
  const email = actor.email.trim().toLowerCase();
  const attending = inv.status === "CONFIRMED" || inv.status === "ATTENDED";
  const ownCodes = attending
    ? await Promise.all(
        members
          .filter((m) => m.checkInCode && (m.userId === actor.id || (!!email && addressIn(m.contact) === email)))
          .map(async (m) => ({ memberId: m.id, name: m.name, code: formatCode(m.checkInCode!), qr: await checkInQrSvg(m.checkInCode!) })),
      )
    : [];
  const voting = members.find((m) => m.isVotingDelegate);
  const accounts = canDesignate
    ? (
        await db.membership.findMany({
          where: { conferenceId: inv.conferenceId, forceId: inv.forceId, role: "DELEGATE" },
          select: { user: { select: { id: true, name: true, email: true } } },
          orderBy: { createdAt: "asc" },
          take: 100,
        })
      ).map((m) => m.user)
    : [];
  return { votingMode, votingDelegateId: voting?.id ?? null, votingDelegateUserId: voting?.userId ?? null, ownCodes, canDesignate, accounts };
}
export type DelegationDay = Awaited<ReturnType<typeof delegationDayOf>>;
