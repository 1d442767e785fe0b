// Confirmation reminders and the organizers' overdue digest (issue 18, ADR 0052): scheduled jobs the
// ticker runs every minute on every instance. Days are counted in each conference's time zone; each mail
// has a dedupe key naming its cause, so a second tick, a second instance or a restart sends nothing twice.
import type { Locale, PrismaClient } from "@prisma/client";
import { writeInChunks } from "../background-writes.server";
import { addDays, calendarDay, daysBetween } from "../due-dates";
import { addressed, conferenceZone, dateIn, nameIn } from "./letters.server";
import { enqueueMail, enqueueMails, type MailContext, type NewMail } from "./outbox.server";
import type { JobContext, ScheduledJob } from "./scheduled.server";
import { composeMail, fillTemplate, templateOf } from "./templates.server";

/** The dedupe keys of these candidates that are already in the outbox (one query, not one per mail). */
async function alreadyQueued(prisma: PrismaClient, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await prisma.outboxMail.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } });
  return new Set(rows.map((r) => r.dedupeKey!));
}

/**
 * Which of a conference's reminder days is due for an invitation today, or null: the reminder of day d
 * falls on the deadline's day minus d, and stays due from then until the deadline (a tick missed while the
 * server was down is made up), but only the latest due one — never the 7-day reminder after the 2-day
 * one. A reminder day on or before the day the invitation was sent is skipped: the letter just said it.
 */
export function dueReminder(input: { reminderDays: number[]; today: string; deadlineDay: string; sentDay: string | null }): number | null {
  const left = daysBetween(input.today, input.deadlineDay);
  const due = input.reminderDays.filter((d) => d >= left && (!input.sentDay || addDays(input.deadlineDay, -d) > input.sentDay));
  return due.length ? Math.min(...due) : null;
}

/**
 * Reminds every force whose invitation is SENT (not answered) with a deadline still ahead. The link is to
 * the invitations page: no new sign-in link per reminder (a live one-time link per reminder would multiply
 * what a leaked mailbox gives away); the letter's link lives until the deadline (letters.server.ts).
 */
export async function sendConfirmationReminders({ prisma, mail, now }: JobContext): Promise<number> {
  const invitations = await prisma.invitation.findMany({
    where: { status: "SENT", confirmationDeadline: { gt: now } },
    include: { conference: true, force: { include: { contacts: { orderBy: { createdAt: "asc" } } } } },
    orderBy: { id: "asc" },
  });
  if (!invitations.length) return 0;
  const sent = await prisma.invitationEvent.groupBy({
    by: ["invitationId"],
    where: { invitationId: { in: invitations.map((i) => i.id) }, toStatus: "SENT" },
    _max: { createdAt: true },
  });
  const sentAt = new Map(sent.map((s) => [s.invitationId, s._max.createdAt]));
  const candidates: Candidate[] = [];
  for (const inv of invitations) {
    const zone = conferenceZone(inv.conference);
    const today = calendarDay(now, zone);
    const deadlineDay = calendarDay(inv.confirmationDeadline!, zone);
    const at = sentAt.get(inv.id);
    const day = dueReminder({ reminderDays: inv.conference.reminderDays, today, deadlineDay, sentDay: at ? calendarDay(at, zone) : null });
    if (day === null) continue;
    for (const contact of addressed(inv.force.contacts)) {
      candidates.push({ key: `reminder:${inv.id}:${day}:${deadlineDay}:${contact.id}`, inv, contact, left: daysBetween(today, deadlineDay) });
    }
  }
  const done = await alreadyQueued(prisma, candidates.map((c) => c.key));
  const due = candidates.filter((c) => !done.has(c.key));
  const made = await writeInChunks(due, REMINDER_CHUNK, (chunk) => remindChunk(prisma, mail, chunk));
  return made.reduce((a, b) => a + b, 0);
}

/**
 * Reminders written per transaction: one statement for the lot, short enough not to hold up others (on
 * embedded PGlite a transaction holds the one connection), with half the time left to pages (ADR 0076).
 * 20 rather than 50 spread a 5,000-reminder run thinner on PGlite (bench/results/mail.md).
 */
export const REMINDER_CHUNK = 20;

type Candidate = { key: string; inv: { id: string; conference: { id: string; nameAr: string; nameKu: string | null; nameEn: string | null; timeZone: string | null }; force: { nameAr: string; nameKu: string | null; nameEn: string | null }; confirmationDeadline: Date | null }; contact: { name: string; email: string; locale: Locale }; left: number };

async function remindChunk(prisma: PrismaClient, mail: MailContext, chunk: Candidate[]): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      // Read again in the transaction: an answer recorded since the list was read stops the reminder.
      const stillSent = new Set((await tx.invitation.findMany({ where: { id: { in: [...new Set(chunk.map((c) => c.inv.id))] }, status: "SENT" }, select: { id: true } })).map((i) => i.id));
      // One template read per conference and language, not one per mail.
      const templates = new Map<string, ReturnType<typeof templateOf>>();
      const mails: NewMail[] = [];
      for (const { key, inv, contact, left } of chunk) {
        if (!stillSent.has(inv.id)) continue;
        const locale = contact.locale;
        const tplKey = `${inv.conference.id} ${locale}`;
        if (!templates.has(tplKey)) templates.set(tplKey, templateOf(tx, inv.conference.id, "invitation.reminder", locale));
        const composed = fillTemplate(await templates.get(tplKey)!, locale, {
          force: nameIn(inv.force, locale),
          contactName: contact.name,
          conference: nameIn(inv.conference, locale),
          deadline: dateIn(inv.confirmationDeadline!, locale, conferenceZone(inv.conference)),
          daysLeft: String(left),
          link: `${mail.appUrl}/invitations`,
        });
        mails.push({ conferenceId: inv.conference.id, kind: "invitation.reminder", dedupeKey: key, to: { address: contact.email, name: contact.name }, locale, ...composed, about: { type: "Invitation", id: inv.id } });
      }
      return (await enqueueMails(tx, mails, mail.appUrl)).length;
    },
    { timeout: 60_000 },
  );
}

/**
 * Once a day per conference and organizer (their account's address and language): the invitations still
 * SENT past their deadline — candidates to record as NO_RESPONSE. Nothing when nothing is overdue. The
 * dedupe key is the brief's `overdue:{conference}:{day}` plus the organizer, since each gets their own.
 */
export async function sendOverdueDigests({ prisma, mail, now }: JobContext): Promise<number> {
  const overdue = await prisma.invitation.findMany({
    where: { status: "SENT", confirmationDeadline: { lt: now } },
    select: { id: true, conferenceId: true, confirmationDeadline: true, force: { select: { nameAr: true, nameKu: true, nameEn: true } } },
    orderBy: [{ confirmationDeadline: "asc" }, { id: "asc" }],
  });
  const byConference = new Map<string, typeof overdue>();
  for (const i of overdue) byConference.set(i.conferenceId, [...(byConference.get(i.conferenceId) ?? []), i]);
  let made = 0;
  for (const [conferenceId, list] of byConference) {
    const conference = await prisma.conference.findUniqueOrThrow({ where: { id: conferenceId } });
    const zone = conferenceZone(conference);
    const day = calendarDay(now, zone);
    const organizers = await prisma.membership.findMany({
      where: { conferenceId, role: "ORGANIZER", user: { disabledAt: null } },
      select: { user: { select: { id: true, email: true, name: true, locale: true } } },
      orderBy: { createdAt: "asc" },
    });
    const keyOf = (userId: string) => `overdue:${conferenceId}:${day}:${userId}`;
    const done = await alreadyQueued(prisma, organizers.map((o) => keyOf(o.user.id)));
    for (const { user } of organizers) {
      if (done.has(keyOf(user.id))) continue;
      const locale = user.locale;
      const lines = list.map((i) => `- ${nameIn(i.force, locale)} (${dateIn(i.confirmationDeadline!, locale, zone)})`).join("\n");
      made += await prisma.$transaction(async (tx) => {
        const composed = await composeMail(tx, {
          conferenceId,
          kind: "invitation.overdueDigest",
          locale,
          values: { name: user.name, conference: nameIn(conference, locale), count: String(list.length), list: lines, link: `${mail.appUrl}/invitations/attention` },
        });
        const id = await enqueueMail(
          tx,
          { conferenceId, kind: "invitation.overdueDigest", dedupeKey: keyOf(user.id), userId: user.id, to: { address: user.email, name: user.name }, locale, ...composed, about: { type: "Conference", id: conferenceId } },
          mail.appUrl,
        );
        return id ? 1 : 0;
      });
    }
  }
  return made;
}

export const confirmationReminders: ScheduledJob = { name: "invitation.reminders", run: sendConfirmationReminders };
export const overdueDigest: ScheduledJob = { name: "invitation.overdueDigest", run: sendOverdueDigests };
