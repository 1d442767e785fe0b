// Letters to forces (issue 18, ADR 0052): the invitation letter when an invitation is SENT, and the notice
// that the committee's decisions are published. Both are written inside the transaction of the change
// that causes them (enqueueMail), one per contact of the force with a mail address, in the contact's
// language; dates are read in the conference's time zone.
import type { Contact, Locale, Prisma } from "@prisma/client";
import { createEvent } from "ics";
import { t } from "~/i18n";
import { dateIn as dateInLanguage, nameOf, type NamedRow } from "~/i18n/reader";
import { delegateLinkIn, DELEGATE_LINK_DAYS } from "../accounts.server";
import type { AuditMeta } from "../audit.server";
import { conferenceZone } from "../due-dates";
import { enqueueMail, LINK_MARK, type MailAttachment, type MailContext } from "./outbox.server";
import { composeMail } from "./templates.server";

type Tx = Prisma.TransactionClient;
const DAY = 86400_000;

/** The zone a conference's days are counted in: its own, else the office's. */
export { conferenceZone };

/** An instant as its day in a zone, as the reader writes dates (app/i18n/reader.ts: "4 كانون الأول 2026"). */
export const dateIn = (instant: Date, locale: Locale, timeZone: string): string => dateInLanguage(locale, instant, timeZone, "long");

/** A DATE column (midnight UTC) as its day, whatever the zone. */
const dayText = (day: Date, locale: Locale) => dateIn(day, locale, "UTC");

/** A name as the recipient reads it (app/i18n/reader.ts: their language's, else the next in their fallback order). */
export const nameIn = (o: NamedRow, locale: Locale): string => nameOf(locale, o);

/** The same check enqueueMail makes: a contact whose address is none is skipped, never a failed transition. */
const MAIL_ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

/** The contacts a letter goes to: those with a mail address. */
export const addressed = <C extends Pick<Contact, "email">>(contacts: C[]) =>
  contacts.filter((c): c is C & { email: string } => !!c.email && MAIL_ADDRESS.test(c.email.trim()));

interface CalendarInput {
  invitationId: string;
  version: number;
  conference: { nameAr: string; nameKu: string | null; nameEn: string | null; city: string; venue: string | null; startsOn: Date | null; endsOn: Date | null };
  forceName: string;
  locale: Locale;
  appUrl: string;
}

const dateArray = (d: Date): [number, number, number] => [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];

/**
 * The conference as an all-day event (.ics), or null while it has no dates. METHOD:PUBLISH, not REQUEST:
 * a REQUEST asks the mail client for an RSVP sent back to an ORGANIZER's mailbox, and the answer we need
 * is given in the app (ADR 0052). The UID is the invitation's, so a later letter (re-sent after a
 * decline) updates the same calendar entry; SEQUENCE follows the invitation's version.
 */
export function invitationCalendar(c: CalendarInput): MailAttachment | null {
  const { startsOn } = c.conference;
  if (!startsOn) return null;
  const endsOn = c.conference.endsOn && c.conference.endsOn >= startsOn ? c.conference.endsOn : startsOn;
  const conference = nameIn(c.conference, c.locale);
  let host = "tawafuq.invalid";
  try {
    host = new URL(c.appUrl).hostname || host;
  } catch {}
  const { error, value } = createEvent({
    productId: "-//Tawafuq//Invitation letters//EN",
    method: "PUBLISH",
    uid: `invitation-${c.invitationId}@${host}`,
    sequence: c.version,
    title: t(c.locale, "mail.values.calendarTitle", { conference }),
    description: t(c.locale, "mail.values.calendarDescription", { conference, force: c.forceName }),
    location: [c.conference.venue, c.conference.city].filter(Boolean).join(", "),
    // No URL: the ics package refuses addresses such as http://localhost:0, and a letter must not fail on
    // APP_URL's shape; the letter itself carries the link.
    start: dateArray(startsOn),
    // All-day events end on the day after the last (DTEND is exclusive).
    end: dateArray(new Date(endsOn.getTime() + DAY)),
    status: "CONFIRMED",
    busyStatus: "BUSY",
  });
  if (error || !value) throw error ?? new Error("invitationCalendar: no calendar");
  return { filename: "invitation.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH", content: value };
}

/** How long a letter's sign-in link lives: to the confirmation deadline, at least the usual 14 days, at most 90. */
function linkDays(deadline: Date | null, now: Date): number {
  const toDeadline = deadline ? Math.ceil((deadline.getTime() - now.getTime()) / DAY) + 1 : 0;
  return Math.min(90, Math.max(DELEGATE_LINK_DAYS, toDeadline));
}

/**
 * The invitation letter to each contact of the force with a mail address, each with a one-time sign-in
 * link of its own (a DelegateLink for that person, made and audited here, sealed in the outbox). Called in
 * the transaction that moves the invitation to SENT, after the version bump, so a refused transition
 * writes neither link nor letter. Once per contact and version (dedupeKey). Returns how many went out of
 * how many contacts had an address (none: the organizers see it on /mail).
 */
export async function enqueueInvitationLetters(
  tx: Tx,
  input: { invitationId: string; actorId: string; note?: string | null; mail: MailContext; now?: Date },
  meta: AuditMeta = {},
): Promise<{ queued: number; addressed: number }> {
  const now = input.now ?? new Date();
  const inv = await tx.invitation.findUniqueOrThrow({ where: { id: input.invitationId }, include: { force: { include: { contacts: { orderBy: { createdAt: "asc" } } } }, conference: true } });
  const { conference, force } = inv;
  const zone = conferenceZone(conference);
  const to = addressed(force.contacts);
  let queued = 0;
  for (const contact of to) {
    const dedupeKey = `letter:${inv.id}:${inv.version}:${contact.id}`;
    // The link is minted only for a letter still to write.
    if (await tx.outboxMail.findUnique({ where: { dedupeKey }, select: { id: true } })) continue;
    const { token } = await delegateLinkIn(
      tx,
      input.actorId,
      { conferenceId: conference.id, forceId: force.id, personName: contact.name, email: contact.email, days: linkDays(inv.confirmationDeadline, now) },
      meta,
    );
    const locale = contact.locale;
    const later = t(locale, "mail.values.toBeAnnounced");
    const forceName = nameIn(force, locale);
    const composed = await composeMail(tx, {
      conferenceId: conference.id,
      kind: "invitation.letter",
      locale,
      values: {
        force: forceName,
        contactName: contact.name,
        conference: nameIn(conference, locale),
        city: conference.city,
        venue: conference.venue ?? "",
        place: [conference.venue, conference.city].filter(Boolean).join(locale === "ar" ? "، " : ", "),
        startsOn: conference.startsOn ? dayText(conference.startsOn, locale) : later,
        endsOn: conference.endsOn ? dayText(conference.endsOn, locale) : conference.startsOn ? dayText(conference.startsOn, locale) : later,
        deadline: inv.confirmationDeadline ? dateIn(inv.confirmationDeadline, locale, zone) : later,
        seats: String(inv.seatQuota),
        link: LINK_MARK,
        // The note of the move to SENT, which the force's delegates read in the invitation's history anyway.
        organizerNote: input.note?.trim() ?? "",
      },
    });
    const calendar = invitationCalendar({ invitationId: inv.id, version: inv.version, conference, forceName, locale, appUrl: input.mail.appUrl });
    const id = await enqueueMail(
      tx,
      {
        conferenceId: conference.id,
        kind: "invitation.letter",
        dedupeKey,
        to: { address: contact.email, name: contact.name },
        locale,
        ...composed,
        attachments: calendar ? [calendar] : [],
        link: { url: `${input.mail.appUrl}/link/${token}`, key: input.mail.linkKey },
        about: { type: "Invitation", id: inv.id },
        createdById: input.actorId,
      },
      input.mail.appUrl,
    );
    if (id) queued++;
  }
  return { queued, addressed: to.length };
}

/** Amendments decided in a conference, all and by force: accepted (with or without changes, merged) and rejected. */
async function decisionCounts(tx: Tx, conferenceId: string) {
  const rows = await tx.amendment.groupBy({
    by: ["forceId", "state"],
    where: { paper: { conferenceId }, state: { in: ["ACCEPTED", "ACCEPTED_WITH_CHANGES", "MERGED", "REJECTED"] } },
    _count: { _all: true },
  });
  const all = { accepted: 0, rejected: 0 };
  const byForce = new Map<string, { accepted: number; rejected: number }>();
  for (const r of rows) {
    const key = r.state === "REJECTED" ? "rejected" : "accepted";
    all[key] += r._count._all;
    const f = byForce.get(r.forceId) ?? { accepted: 0, rejected: 0 };
    f[key] += r._count._all;
    byForce.set(r.forceId, f);
  }
  return { all, byForce };
}

/**
 * "Decisions published" to the contacts of every force whose invitation is confirmed (or attended), in
 * publishDecisions' transaction; once per contact and publication (dedupeKey on its instant).
 */
export async function enqueueDecisionsPublished(tx: Tx, input: { conferenceId: string; publishedAt: Date; actorId: string; mail: MailContext }): Promise<number> {
  const conference = await tx.conference.findUniqueOrThrow({ where: { id: input.conferenceId } });
  const invitations = await tx.invitation.findMany({
    where: { conferenceId: conference.id, status: { in: ["CONFIRMED", "ATTENDED"] } },
    include: { force: { include: { contacts: { orderBy: { createdAt: "asc" } } } } },
    orderBy: { id: "asc" },
  });
  const counts = await decisionCounts(tx, conference.id);
  let queued = 0;
  for (const inv of invitations) {
    const own = counts.byForce.get(inv.forceId) ?? { accepted: 0, rejected: 0 };
    for (const contact of addressed(inv.force.contacts)) {
      const locale = contact.locale;
      const composed = await composeMail(tx, {
        conferenceId: conference.id,
        kind: "decisions.published",
        locale,
        values: {
          force: nameIn(inv.force, locale),
          contactName: contact.name,
          conference: nameIn(conference, locale),
          link: `${input.mail.appUrl}/amendments`,
          accepted: String(counts.all.accepted),
          rejected: String(counts.all.rejected),
          forceAccepted: String(own.accepted),
          forceRejected: String(own.rejected),
        },
      });
      const id = await enqueueMail(
        tx,
        {
          conferenceId: conference.id,
          kind: "decisions.published",
          dedupeKey: `decisions:${conference.id}:${input.publishedAt.toISOString()}:${contact.id}`,
          to: { address: contact.email, name: contact.name },
          locale,
          ...composed,
          about: { type: "Conference", id: conference.id },
          createdById: input.actorId,
        },
        input.mail.appUrl,
      );
      if (id) queued++;
    }
  }
  return queued;
}
