// The one way a notice reaches a member (issue 18, ADR 0051): inside the transaction of the change
// that causes it, per recipient as they chose — a row for the bell, and a mail now (MAIL), in the
// daily digest (DIGEST) or none (IN_APP); nothing at all when OFF. Disabled accounts and members the
// policy would not show the object to get nothing, whoever the caller named.
import { randomUUID } from "node:crypto";
import type { Locale, NotificationChannel, Prisma, PrismaClient } from "@prisma/client";
import { may, type Action, type Actor } from "~/policy";
import { rooms } from "~/domain/rooms";
import type { Realtime } from "~/services.server";
import { enqueueMail, type MailContext } from "../mail/outbox.server";
import { composeMail } from "../mail/templates.server";
import { notificationKinds, type NotificationKind } from "./kinds";
import { nameIn, noticeText, type NoticeParams } from "./text.server";

type Db = PrismaClient | Prisma.TransactionClient;

/** Where mail about notices sends people to change what reaches them. */
export const PREFERENCES_PATH = "/notifications/preferences";
/** The event a member's open pages receive in their own room when a notice arrives. */
export const NOTIFICATION_NEW = "notification.new";

export interface Notice {
  conferenceId: string;
  kind: NotificationKind;
  userIds: string[];
  params: NoticeParams;
  /** The object's page on this site ("/amendments/…"). */
  link: string;
  /** What a recipient must be allowed to read, asked of the policy for each one. */
  about: { action: Action; forceId?: string | null };
  /** Once per cause and recipient (scheduled notices): the row's key is `${dedupeKey}:${userId}`. */
  dedupeKey?: string;
  /** Who caused it: never told of their own act. */
  actorId?: string | null;
}

/** A scheduled notice's row key: once per cause and recipient. */
export const noticeKey = (dedupeKey: string, userId: string) => `${dedupeKey}:${userId}`;

export const defaultChannel = (kind: NotificationKind): NotificationChannel => notificationKinds[kind].channel;

/** A conference's name in a language. */
export const conferenceName = (c: { nameAr: string; nameKu: string | null; nameEn: string | null }, locale: Locale) =>
  nameIn({ ar: c.nameAr, ku: c.nameKu, en: c.nameEn }, locale);

/**
 * Creates the notices and their immediate mail in `db` (the caller's transaction) and returns who was
 * told, for announce() once the transaction committed. Without a mail context (no server, e.g. a data
 * script) a mail-now notice waits for the next digest instead of being lost.
 */
export async function notify(db: Db, notice: Notice, mail: MailContext | undefined): Promise<string[]> {
  const ids = [...new Set(notice.userIds)].filter((id) => id !== notice.actorId);
  if (!ids.length) return [];
  const { conferenceId, kind } = notice;
  const conference = await db.conference.findUniqueOrThrow({ where: { id: conferenceId }, select: { nameAr: true, nameKu: true, nameEn: true, requireSecondFactor: true } });
  const users = await db.user.findMany({
    where: { id: { in: ids }, disabledAt: null },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      totpConfirmedAt: true,
      memberships: { where: { conferenceId }, select: { role: true, forceId: true } },
      notificationPreferences: { where: { kind }, select: { channel: true } },
    },
  });
  const told: string[] = [];
  const now = new Date();
  for (const u of users) {
    const actor: Actor = {
      id: u.id,
      secondFactor: !!u.totpConfirmedAt,
      memberships: u.memberships.map((m) => ({ conferenceId, role: m.role, forceId: m.forceId, secondFactorRequired: conference.requireSecondFactor })),
    };
    if (!may(actor, notice.about.action, { conferenceId, forceId: notice.about.forceId ?? null })) continue;
    const channel = u.notificationPreferences[0]?.channel ?? defaultChannel(kind);
    if (channel === "OFF") continue;
    const mailNow = channel === "MAIL" && !!mail;
    const id = randomUUID();
    const { count } = await db.notification.createMany({
      data: [
        {
          id,
          userId: u.id,
          conferenceId,
          kind,
          params: notice.params as Prisma.InputJsonValue,
          link: notice.link,
          dedupeKey: notice.dedupeKey ? noticeKey(notice.dedupeKey, u.id) : null,
          // Only a digest still has to carry it.
          mailedAt: channel === "IN_APP" || mailNow ? now : null,
        },
      ],
      skipDuplicates: true,
    });
    if (!count) continue;
    if (mailNow) {
      const { title, body } = noticeText(u.locale, kind, notice.params);
      const composed = await composeMail(db, {
        conferenceId,
        kind: "notification",
        locale: u.locale,
        values: { conference: conferenceName(conference, u.locale), title, body, link: mail!.appUrl + notice.link, preferencesLink: mail!.appUrl + PREFERENCES_PATH, name: u.name },
      });
      await enqueueMail(
        db,
        { conferenceId, kind: "notification", dedupeKey: `notification:${id}`, userId: u.id, to: { address: u.email, name: u.name }, locale: u.locale, ...composed, about: { type: "Notification", id }, createdById: notice.actorId ?? null },
        mail!.appUrl,
      );
    }
    told.push(u.id);
  }
  return told;
}

export const unreadCount = (db: Db, userId: string) => db.notification.count({ where: { userId, readAt: null } });

/** After commit: each recipient's open pages get their new unread count (the bell). */
export async function announce(db: Db, realtime: Pick<Realtime, "emit"> | undefined, userIds: string[], mail?: MailContext): Promise<void> {
  // Mail the transaction queued goes out now rather than at the worker's next poll.
  if (userIds.length) mail?.wake?.();
  if (!realtime) return;
  for (const userId of new Set(userIds)) realtime.emit(rooms.user(userId), NOTIFICATION_NEW, { unread: await unreadCount(db, userId) });
}
