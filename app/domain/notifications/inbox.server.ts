// A member's own notices (issue 18): the unread count, the list newest first, marking read. Only one's
// own: every query is by the reader's account, so another's notice is "not found", never touched.
import type { Locale, PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { Actor } from "~/policy";
import { assertMay, notFound, parseInput } from "../errors";
import { noticeText } from "./text.server";

export { unreadCount } from "./notify.server";

export const PAGE_SIZE = 30;
/** A page far past any real list is refused rather than scanned. */
export const MAX_PAGE = 1000;

export interface NoticeView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  read: boolean;
  createdAt: string;
}

/** One page of the reader's notices, newest first, in the reader's language. */
export async function listNotices(prisma: PrismaClient, actor: Actor, conferenceId: string, opts: { page: number; locale: Locale }) {
  assertMay(actor, "notification.read", { conferenceId });
  const where = { userId: actor.id };
  const [rows, total, unread] = await Promise.all([
    prisma.notification.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (opts.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    prisma.notification.count({ where }),
    prisma.notification.count({ where: { ...where, readAt: null } }),
  ]);
  const items: NoticeView[] = rows.map((n) => ({ id: n.id, kind: n.kind, ...noticeText(opts.locale, n.kind, n.params), link: n.link, read: !!n.readAt, createdAt: n.createdAt.toISOString() }));
  return { items, total, unread, page: opts.page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

const idsInput = z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).min(1).max(100);

/** Marks the reader's notices read; an id that is not theirs (or no notice at all) is not found, and nothing changes. */
export async function markRead(prisma: PrismaClient, actor: Actor, conferenceId: string, ids: unknown): Promise<number> {
  assertMay(actor, "notification.read", { conferenceId });
  const wanted = [...new Set(parseInput(idsInput, ids, "The notices"))];
  return prisma.$transaction(async (tx) => {
    const own = await tx.notification.count({ where: { id: { in: wanted }, userId: actor.id } });
    if (own !== wanted.length) throw notFound("Notification");
    const { count } = await tx.notification.updateMany({ where: { id: { in: wanted }, userId: actor.id, readAt: null }, data: { readAt: new Date() } });
    return count;
  });
}

export async function markAllRead(prisma: PrismaClient, actor: Actor, conferenceId: string): Promise<number> {
  assertMay(actor, "notification.read", { conferenceId });
  const { count } = await prisma.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } });
  return count;
}
