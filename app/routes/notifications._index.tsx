// The reader's notifications (issue 18, ADR 0051): newest first, unread ones marked, each in the reader's
// language with a link to what it is about; "mark read" and "mark all read" are plain forms (POST, then
// a redirect), so the page works without JavaScript.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { localeOf } from "~/locale.server";
import { pageParams } from "~/domain/query-params";
import { listNotices, markAllRead, markRead, MAX_PAGE } from "~/domain/notifications/inbox.server";
import { announce } from "~/domain/notifications/notify.server";
import { asHttp, dispatchIntent, formString } from "~/http/page.server";
import { IntentButton } from "~/components/ui/actions";
import { PageHeader } from "~/components/ui/page";
import { useOfficeTime } from "~/components/dates";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("notifications.title");

const pageParam = z.coerce.number().int().min(1).max(MAX_PAGE).optional();

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "notification.read");
  const q = pageParams(request, { page: pageParam, done: z.enum(["read", "all"]).optional() });
  const locale = await localeOf(request, user.locale);
  const list = await listNotices(context.services.prisma, user, conference.id, { page: q.page ?? 1, locale }).catch(asHttp);
  return json({ ...list, done: q.done ?? null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "notification.read");
  const form = await request.formData();
  const { prisma, realtime } = context.services;
  // Back to the page the form was on: a bounded page number, never an address from the form.
  const page = pageParam.safeParse(formString(form, "page") || undefined).data;
  const back = (done: string) => `/notifications?${new URLSearchParams({ ...(page && page > 1 ? { page: String(page) } : {}), done })}`;
  return dispatchIntent(
    {
      read: async () => {
        await markRead(prisma, user, conference.id, [formString(form, "id")]).catch(asHttp);
        // The bell on the reader's other open pages follows.
        await announce(prisma, realtime, [user.id]);
        return redirect(back("read"));
      },
      "read-all": async () => {
        await markAllRead(prisma, user, conference.id).catch(asHttp);
        await announce(prisma, realtime, [user.id]);
        return redirect(back("all"));
      },
    },
    form.get("intent"),
    null,
  );
}

export default function Notifications() {
  const { t } = useTranslation();
  const { items, unread, page, pages, done } = useLoaderData<typeof loader>();
  const when = useOfficeTime().dateTime;
  const pageValues: Record<string, string> = page > 1 ? { page: String(page) } : {};
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("notifications.title")}
        count={{ text: t("notifications.unreadCount", { count: unread }), testId: "unread-count" }}
        actions={
          <>
            {unread > 0 ? <IntentButton intent="read-all" values={pageValues} label={t("notifications.markAllRead")} className="btn" testId="mark-all-read" /> : null}
            <Link to="/notifications/preferences" className="btn-quiet no-underline" data-testid="preferences-link">
              {t("notifications.preferences.link")}
            </Link>
          </>
        }
      />
      <p className="text-stone-600">{t("notifications.intro")}</p>
      {done ? (
        <p role="status" className="notice" data-testid="notifications-done">
          {t(done === "all" ? "notifications.allRead" : "notifications.markedRead")}
        </p>
      ) : null}
      {items.length ? (
        <ul className="space-y-2" data-testid="notifications">
          {items.map((n) => (
            <li
              key={n.id}
              className={`card flex flex-wrap items-start gap-3 ${n.read ? "" : "border-s-4 border-s-emerald-700 bg-emerald-50"}`}
              data-testid="notification"
              data-id={n.id}
              data-kind={n.kind}
              data-read={n.read ? "true" : "false"}
            >
              <div className="min-w-0 flex-1">
                <p className={n.read ? "" : "font-semibold"} dir="auto">
                  {n.read ? null : <span className="sr-only">{t("notifications.unread")}: </span>}
                  <Link to={n.link} data-testid="notification-link">
                    {n.title}
                  </Link>
                </p>
                {n.body ? (
                  <p className="text-sm text-stone-700" dir="auto">
                    {n.body}
                  </p>
                ) : null}
                <p className="text-xs text-stone-500">{when(n.createdAt)}</p>
              </div>
              {n.read ? null : <IntentButton intent="read" values={{ id: n.id, ...pageValues }} label={t("notifications.markRead")} testId="mark-read" />}
            </li>
          ))}
        </ul>
      ) : (
        <p className="card" data-testid="notifications-empty">
          {t("notifications.empty")}
        </p>
      )}
      {pages > 1 ? (
        <nav className="flex items-center gap-3 text-sm" aria-label={t("notifications.page", { page, pages })}>
          {page > 1 ? (
            <Link to={`/notifications?page=${page - 1}`} rel="prev" data-testid="newer">
              {t("notifications.newer")}
            </Link>
          ) : null}
          <span>{t("notifications.page", { page, pages })}</span>
          {page < pages ? (
            <Link to={`/notifications?page=${page + 1}`} rel="next" data-testid="older">
              {t("notifications.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
