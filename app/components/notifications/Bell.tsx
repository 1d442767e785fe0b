// The bell in the header (issue 18): a plain link to /notifications with the unread count, so it works
// without JavaScript; with it, the count follows "notification.new" events on the account's own room.
import { useEffect, useState } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { joinLive } from "~/components/realtime/socket";

/** The unread count as the page loaded it, then as the server announces it. */
export function useUnreadCount(loaded: number): number {
  const [unread, setUnread] = useState(loaded);
  // A navigation reloads the root data (after marking read, say): that count is the newer one.
  useEffect(() => setUnread(loaded), [loaded]);
  useEffect(() => {
    // The server joins every socket to its account's room on connection: nothing to subscribe to.
    const live = joinLive();
    live.on("notification.new", (e: { unread?: unknown }) => {
      if (typeof e?.unread === "number") setUnread(e.unread);
    });
    return () => live.release();
  }, []);
  return unread;
}

export function Bell({ unread: loaded }: { unread: number }) {
  const { t } = useTranslation();
  const unread = useUnreadCount(loaded);
  return (
    <Link to="/notifications" aria-label={t("notifications.bell", { count: unread })} title={t("notifications.title")} className="relative inline-flex items-center no-underline" data-testid="bell" data-unread={unread}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {unread > 0 ? (
        <span className="-ms-1 -mt-3 rounded-full bg-red-700 px-1.5 text-xs font-bold text-white" data-testid="bell-count">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
