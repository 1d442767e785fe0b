// Notices that fall due with time (issue 18, ADR 0051), run by the server's ticker on every instance:
// a follow-up whose day has come, a plan item past its day, and each member's daily digest. Days are
// the conference's (Conference.timeZone, else the office's); each notice and digest has a key, so a
// second instance, a restart or the next tick makes nothing twice.
import type { Action } from "~/policy";
import { calendarDay, conferenceZone, dayOf, toDbDate } from "../due-dates";
import { localDateTime } from "../local-time";
import { enqueueMail } from "../mail/outbox.server";
import type { JobContext, ScheduledJob } from "../mail/scheduled.server";
import { composeMail } from "../mail/templates.server";
import type { NotificationKind } from "./kinds";
import { announce, conferenceName, noticeKey, notify, PREFERENCES_PATH } from "./notify.server";
import { excerpt, noticeText, type NoticeParams } from "./text.server";

/** The zone a conference counts its days in. */

/** The digest goes out from this hour of the conference's morning. */
export const DIGEST_HOUR = 8;
/** At most this many notices are listed in one digest; the rest are counted and on the notifications page. */
export const DIGEST_ITEMS = 50;

interface DueItem {
  id: string;
  ownerId: string;
  due: string;
  params: NoticeParams;
  link: string;
}

/** One notice per item and due day to its owner; items already told are skipped before any work. */
async function noticeDue(ctx: JobContext, conferenceId: string, kind: NotificationKind, action: Action, items: DueItem[]): Promise<string[]> {
  const keyOf = (i: DueItem) => `${kind}:${i.id}:${i.due}`;
  const known = new Set(
    (await ctx.prisma.notification.findMany({ where: { dedupeKey: { in: items.map((i) => noticeKey(keyOf(i), i.ownerId)) } }, select: { dedupeKey: true } })).map((n) => n.dedupeKey),
  );
  const told: string[] = [];
  for (const i of items) {
    if (known.has(noticeKey(keyOf(i), i.ownerId))) continue;
    told.push(
      ...(await ctx.prisma.$transaction((tx) =>
        notify(tx, { conferenceId, kind, userIds: [i.ownerId], params: i.params, link: i.link, about: { action }, dedupeKey: keyOf(i) }, ctx.mail),
      )),
    );
  }
  return told;
}

async function eachConference(ctx: JobContext, fn: (c: { id: string; today: string }) => Promise<string[]>): Promise<number> {
  const told: string[] = [];
  for (const c of await ctx.prisma.conference.findMany({ select: { id: true, timeZone: true } })) {
    told.push(...(await fn({ id: c.id, today: calendarDay(ctx.now, conferenceZone(c)) })));
  }
  await announce(ctx.prisma, ctx.realtime, told);
  return told.length;
}

/** A follow-up whose day has come (today or missed) and is not done: its owner, once per due day. */
export const followUpDueJob: ScheduledJob = {
  name: "notifications.followUpDue",
  run: (ctx) =>
    eachConference(ctx, async (c) => {
      const rows = await ctx.prisma.outreachEntry.findMany({
        where: { conferenceId: c.id, followUp: { not: null }, followUpDoneAt: null, followUpOwnerId: { not: null }, followUpDue: { lte: toDbDate(c.today) } },
        select: { id: true, followUp: true, followUpDue: true, followUpOwnerId: true },
      });
      const items = rows.map((r) => ({ id: r.id, ownerId: r.followUpOwnerId!, due: dayOf(r.followUpDue!), params: { followUp: excerpt(r.followUp!), due: dayOf(r.followUpDue!) }, link: `/outreach/${r.id}` }));
      return noticeDue(ctx, c.id, "followup.due", "outreach.read", items);
    }),
};

/** A plan item past its due day, neither done nor dropped: its owner, once per due day. */
export const planOverdueJob: ScheduledJob = {
  name: "notifications.planOverdue",
  run: (ctx) =>
    eachConference(ctx, async (c) => {
      const rows = await ctx.prisma.planItem.findMany({
        where: { conferenceId: c.id, status: { in: ["PLANNED", "IN_PROGRESS"] }, ownerId: { not: null }, dueOn: { lt: toDbDate(c.today) } },
        select: { id: true, goal: true, dueOn: true, ownerId: true },
      });
      const items = rows.map((r) => ({ id: r.id, ownerId: r.ownerId!, due: dayOf(r.dueOn!), params: { goal: excerpt(r.goal), due: dayOf(r.dueOn!) }, link: `/plans/${r.id}` }));
      return noticeDue(ctx, c.id, "plan.overdue", "plan.read", items);
    }),
};

/**
 * Once a day per member, from DIGEST_HOUR in the zone of the conference of their oldest waiting notice:
 * one mail listing the unread notices that wait for a digest, which are then marked mailed. The
 * outbox key `digest:{userId}:{day}` makes it once a day whatever runs it; notices arriving after
 * today's digest wait for tomorrow's.
 */
export const digestJob: ScheduledJob = {
  name: "notifications.digest",
  async run({ prisma, mail, now }) {
    const waiting = { mailedAt: null, readAt: null, user: { disabledAt: null } } as const;
    // Who has notices waiting, with the conference of the oldest one (its zone sets the member's day).
    const firsts = new Map<string, string>();
    for (const n of await prisma.notification.findMany({ where: waiting, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { userId: true, conferenceId: true } })) {
      if (!firsts.has(n.userId)) firsts.set(n.userId, n.conferenceId);
    }
    const conferences = new Map((await prisma.conference.findMany({ where: { id: { in: [...new Set(firsts.values())] } } })).map((c) => [c.id, c]));
    const due: { userId: string; conference: NonNullable<ReturnType<typeof conferences.get>>; key: string }[] = [];
    for (const [userId, conferenceId] of firsts) {
      const conference = conferences.get(conferenceId)!;
      const local = localDateTime(now, conferenceZone(conference));
      if (Number(local.slice(11, 13)) < DIGEST_HOUR) continue;
      due.push({ userId, conference, key: `digest:${userId}:${local.slice(0, 10)}` });
    }
    // Members whose digest of today went out already wait for tomorrow's: skipped before any work.
    const sentToday = new Set((await prisma.outboxMail.findMany({ where: { dedupeKey: { in: due.map((d) => d.key) } }, select: { dedupeKey: true } })).map((m) => m.dedupeKey));
    let sent = 0;
    for (const { userId, conference, key } of due) {
      if (sentToday.has(key)) continue;
      const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true, locale: true } });
      const notices = await prisma.notification.findMany({ where: { ...waiting, userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, kind: true, params: true, link: true } });
      const listed = notices.slice(0, DIGEST_ITEMS).map((n) => `• ${noticeText(user.locale, n.kind, n.params).title}\n  ${mail.appUrl}${n.link}`);
      const more = notices.length - listed.length;
      const done = await prisma.$transaction(async (tx) => {
        const composed = await composeMail(tx, {
          conferenceId: conference.id,
          kind: "digest",
          locale: user.locale,
          values: {
            conference: conferenceName(conference, user.locale),
            name: user.name,
            count: String(notices.length),
            items: listed.join("\n") + (more > 0 ? `\n… (+${more})` : ""),
            link: `${mail.appUrl}/notifications`,
            preferencesLink: mail.appUrl + PREFERENCES_PATH,
          },
        });
        const id = await enqueueMail(tx, { conferenceId: conference.id, kind: "digest", dedupeKey: key, userId, to: { address: user.email, name: user.name }, locale: user.locale, ...composed }, mail.appUrl);
        // Another instance sent today's digest meanwhile: these wait for tomorrow's.
        if (!id) return false;
        await tx.notification.updateMany({ where: { id: { in: notices.map((n) => n.id) }, mailedAt: null }, data: { mailedAt: now } });
        return true;
      });
      if (done) sent++;
    }
    return sent;
  },
};

/** In the order the ticker runs them: the due notices first, so a digest carries today's. */
export const notificationJobs: ScheduledJob[] = [followUpDueJob, planOverdueJob, digestJob];
