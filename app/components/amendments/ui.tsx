// Small pieces shared by the amendment pages.
import { useEffect, useRef } from "react";
import { useRevalidator } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { joinLive } from "~/components/realtime/socket";
import type { AmendmentState } from "@prisma/client";
import type { DiffPart } from "~/domain/word-diff";
import type { PageError } from "~/http/page-error";
import { useOfficeTime } from "~/components/dates";
import { nameOf, type NamedRow } from "~/i18n/reader";

const stateColour: Record<AmendmentState, string> = {
  DRAFT: "bg-stone-100 text-stone-700",
  SUBMITTED: "bg-sky-100 text-sky-900",
  UNDER_REVIEW: "bg-amber-100 text-amber-900",
  ACCEPTED: "bg-emerald-100 text-emerald-900",
  ACCEPTED_WITH_CHANGES: "bg-emerald-100 text-emerald-900",
  REJECTED: "bg-red-100 text-red-900",
  WITHDRAWN: "bg-stone-200 text-stone-700",
  MERGED: "bg-emerald-700 text-white",
};

export function StateBadge({ state }: { state: AmendmentState }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${stateColour[state]}`} data-state={state}>
      {t(`amendments.states.${state}`)}
    </span>
  );
}

export function useForceName() {
  const { i18n } = useTranslation();
  return (f: NamedRow) => nameOf(i18n.language, f);
}

export type FormErrorData = Pick<PageError, "code" | "reason" | "message" | "fieldErrors" | "details">;

/** A domain error in the reader's language (the reason key), else a generic line. */
export function ErrorNotice({ error }: { error?: FormErrorData | null }) {
  const { t, i18n } = useTranslation();
  const time = useOfficeTime();
  if (!error) return null;
  // A late submission says when the window closed (and when the next phase opens), on the reader's clock.
  const closedAt = typeof error.details?.closedAt === "string" ? error.details.closedAt : null;
  const opensAt = typeof error.details?.opensAt === "string" ? error.details.opensAt : null;
  const reason = error.reason === "window_closed" && closedAt ? (opensAt ? "window_closedAtNext" : "window_closedAt") : error.reason === "window_notYetOpen" && opensAt ? "window_opensAt" : error.reason;
  const key = reason ? `amendments.errors.${reason}` : null;
  const text =
    key && i18n.exists(key)
      ? t(key, { closedAt: closedAt ? time.dateTime(closedAt) : "", opensAt: opensAt ? time.dateTime(opensAt) : "", fields: Object.keys(error.fieldErrors ?? {}).map((f) => (i18n.exists(`amendments.fields.${f}`) ? t(`amendments.fields.${f}`) : f)).join("، ") })
      : error.code === "forbidden"
        ? t("amendments.errors.forbidden")
        : error.code === "illegal_transition"
          ? t("amendments.errors.illegal")
          : error.code === "not_found"
            ? t("amendments.errors.notFound")
            : t("amendments.errors.generic");
  return (
    <p className="error" role="alert" data-testid="form-error" data-reason={error.reason ?? error.code}>
      {text}
    </p>
  );
}

export function Notice({ notice }: { notice: string | null }) {
  const { t } = useTranslation();
  if (!notice) return null;
  return (
    <p className="notice" role="status" data-testid="notice">
      {t(`amendments.notices.${notice}`)}
    </p>
  );
}

/** Word diff: removed words struck through in red, added ones underlined in green; direction auto. */
export function Diff({ parts }: { parts: DiffPart[] }) {
  return (
    <p dir="auto" className="leading-loose" data-testid="diff">
      {parts.map((p, i) =>
        p.kind === "same" ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === "added" ? (
          <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline decoration-emerald-700 underline-offset-4 [text-decoration-line:underline]">
            {p.text}
          </ins>
        ) : (
          <del key={i} className="bg-red-100 text-red-900">
            {p.text}
          </del>
        ),
      )}
    </p>
  );
}

/**
 * Live updates: subscribes to the conference over socket.io and reloads the page's data when one of
 * `events` arrives. Without JavaScript the page is simply current as of its last load.
 */
export function useLiveUpdates(conferenceId: string, events: string[]) {
  const revalidator = useRevalidator();
  const ref = useRef(revalidator);
  ref.current = revalidator;
  const key = events.join(",");
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const live = joinLive();
    live.subscribe(conferenceId, (ok) => {
      if (ok) document.documentElement.dataset.live = "on";
      else delete document.documentElement.dataset.live;
    });
    for (const ev of key.split(",")) {
      live.on(ev, (e?: { conferenceId?: unknown }) => {
        // The shared connection may still be in a conference this page left.
        if (typeof e?.conferenceId === "string" && e.conferenceId !== conferenceId) return;
        // Several events in a burst (decide + merge) make one reload.
        clearTimeout(timer);
        timer = setTimeout(() => ref.current.revalidate(), 150);
      });
    }
    return () => {
      clearTimeout(timer);
      live.release();
      delete document.documentElement.dataset.live;
    };
  }, [conferenceId, key]);
}
