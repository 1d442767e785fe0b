// Small shared pieces of the forces and invitation pages.
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { failureOf } from "~/http/page-error";
import { nameOf, type NamedRow } from "~/i18n/reader";
import { FieldErrorList } from "~/components/ui/fields";
import { forceKinds, regions } from "~/domain/force-enums";
import { invitationStatuses } from "~/domain/invitation-status";

/** A force's name in the reader's language (the one rule: app/i18n/reader.ts). */
export const forceName = (f: NamedRow, lang: string): string => nameOf(lang, f);

const statusColour: Record<string, string> = {
  CANDIDATE: "bg-stone-100 text-stone-800",
  APPROVED: "bg-sky-100 text-sky-900",
  SENT: "bg-amber-100 text-amber-900",
  CONFIRMED: "bg-emerald-100 text-emerald-900",
  DECLINED: "bg-rose-100 text-rose-900",
  NO_RESPONSE: "bg-orange-100 text-orange-900",
  ATTENDED: "bg-emerald-700 text-white",
  NO_SHOW: "bg-rose-700 text-white",
  WITHDRAWN: "bg-stone-300 text-stone-700 line-through",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${statusColour[status] ?? ""}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

/** One <option> per status, in the reader's language (filters, bulk change, a card's or an invitation's next step). */
export function StatusOptions({ statuses }: { statuses: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {statuses.map((s) => (
        <option key={s} value={s}>
          {t(`status.${s}`)}
        </option>
      ))}
    </>
  );
}

export function PipelineTabs({ staff }: { staff: boolean }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const conf = new URLSearchParams(search).get("conf");
  const q = conf ? `?conf=${encodeURIComponent(conf)}` : "";
  if (!staff) return null;
  const tabs = [
    ["/invitations", "invitations.tabs.table", true],
    ["/invitations/board", "invitations.tabs.board", false],
    ["/invitations/attention", "invitations.tabs.attention", false],
    ["/invitations/dashboard", "invitations.tabs.dashboard", false],
    ["/forces", "invitations.tabs.forces", false],
  ] as const;
  return (
    <nav aria-label={t("invitations.title")} className="no-print mb-4 flex flex-wrap gap-1 border-b border-stone-200">
      {tabs.map(([to, key, end]) => (
        <NavLink key={to} to={to + q} end={end} className={({ isActive }) => `rounded-t-md px-3 py-1.5 text-sm no-underline ${isActive ? "border border-b-white border-stone-200 bg-white font-bold" : ""}`}>
          {t(key)}
        </NavLink>
      ))}
    </nav>
  );
}

/** The error of a refused change, in the reader's language, with the details that explain it. */
export function ActionErrorMessage({ data }: { data: unknown }) {
  const { t } = useTranslation();
  const err = failureOf(data)?.error;
  if (!err) return null;
  const d = (err.details ?? {}) as { from?: string; to?: string; current?: { status: string } };
  const known = ["illegal_transition", "stale_version", "forbidden", "not_found", "bad_request", "conflict"].includes(err.code);
  const text = known
    ? t(`invitations.errors.${err.code}`, {
        from: d.from ? t(`status.${d.from}`) : "",
        to: d.to ? t(`status.${d.to}`) : "",
        status: d.current ? t(`status.${d.current.status}`) : "",
        message: err.message,
      })
    : err.message;
  return (
    <div className="error my-2" role="alert" data-testid="action-error" data-code={err.code}>
      <p>{text}</p>
      {err.fieldErrors ? <FieldErrorList fieldErrors={err.fieldErrors} /> : null}
    </div>
  );
}

/** Filters, search and sorting as a plain GET form: works without JavaScript, bookmarkable. */
export function FilterBar({
  action,
  values,
  tags,
  withStatus,
  withArchived,
  withAttention,
  sorts,
}: {
  action: string;
  values: Record<string, string | undefined>;
  tags: string[];
  withStatus: "none" | "invitation" | "force";
  withArchived?: boolean;
  withAttention?: boolean;
  sorts: string[];
}) {
  const { t } = useTranslation();
  const v = (k: string) => values[k] ?? "";
  return (
    <Form method="get" action={action} className="card mb-4 grid grid-cols-2 gap-2 text-sm md:grid-cols-4 lg:grid-cols-6" role="search">
      {values.conf ? <input type="hidden" name="conf" value={values.conf} /> : null}
      <label className="col-span-2 md:col-span-4 lg:col-span-2">
        <span className="sr-only">{t("forces.search")}</span>
        <input type="search" name="q" defaultValue={v("q")} placeholder={t("forces.search")} className="field" data-testid="search" />
      </label>
      <label>
        <span className="block text-xs text-stone-600">{t("forces.fields.kind")}</span>
        <select name="kind" defaultValue={v("kind")} className="field">
          <option value="">{t("forces.any")}</option>
          {forceKinds.map((k) => (
            <option key={k} value={k}>
              {t(`forces.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="block text-xs text-stone-600">{t("forces.fields.region")}</span>
        <select name="region" defaultValue={v("region")} className="field">
          <option value="">{t("forces.any")}</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {t(`forces.region.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="block text-xs text-stone-600">{t("forces.fields.isMember")}</span>
        <select name="member" defaultValue={v("member")} className="field">
          <option value="">{t("forces.any")}</option>
          <option value="true">{t("forces.membership.member")}</option>
          <option value="false">{t("forces.membership.outside")}</option>
        </select>
      </label>
      <label>
        <span className="block text-xs text-stone-600">{t("forces.fields.isOfficial")}</span>
        <select name="official" defaultValue={v("official")} className="field">
          <option value="">{t("forces.any")}</option>
          <option value="true">{t("forces.official.yes")}</option>
          <option value="false">{t("forces.official.no")}</option>
        </select>
      </label>
      <label>
        <span className="block text-xs text-stone-600">{t("forces.fields.tags")}</span>
        <select name="tag" defaultValue={v("tag")} className="field">
          <option value="">{t("forces.any")}</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      {withStatus !== "none" ? (
        <label>
          <span className="block text-xs text-stone-600">{t("forces.fields.status")}</span>
          <select name="status" defaultValue={v("status")} className="field" data-testid="status-filter">
            <option value="">{t("forces.any")}</option>
            {withStatus === "force" ? <option value="NONE">{t("forces.noInvitation")}</option> : null}
            <StatusOptions statuses={invitationStatuses} />
          </select>
        </label>
      ) : null}
      {withArchived ? (
        <label>
          <span className="block text-xs text-stone-600">{t("forces.fields.archived")}</span>
          <select name="archived" defaultValue={v("archived") || "exclude"} className="field">
            {(["exclude", "include", "only"] as const).map((a) => (
              <option key={a} value={a}>
                {t(`forces.archivedFilter.${a}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {withAttention ? (
        <label className="flex items-end gap-2 pb-2">
          <input type="checkbox" name="attention" value="true" defaultChecked={v("attention") === "true"} />
          <span>{t("invitations.tabs.attention")}</span>
        </label>
      ) : null}
      <label>
        <span className="block text-xs text-stone-600">{t("forces.sort.label")}</span>
        <select name="sort" defaultValue={v("sort")} className="field">
          {sorts.map((s) => (
            <option key={s} value={s}>
              {t(`forces.sort.${s}`, { defaultValue: t(`invitations.${s}`, { defaultValue: s }) })}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="block text-xs text-stone-600">&nbsp;</span>
        <select name="dir" defaultValue={v("dir")} className="field" aria-label={t("forces.sort.label")}>
          <option value="asc">{t("forces.sort.asc")}</option>
          <option value="desc">{t("forces.sort.desc")}</option>
        </select>
      </label>
      <div className="flex items-end gap-2">
        <button type="submit" className="btn" data-testid="filter-submit">
          {t("forces.filter")}
        </button>
        <Link to={action + (values.conf ? `?conf=${values.conf}` : "")} className="btn-quiet no-underline">
          {t("forces.clear")}
        </Link>
      </div>
    </Form>
  );
}

export function Pager({ page, pages, total }: { page: number; pages: number; total: number }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const href = (p: number) => {
    const sp = new URLSearchParams(search);
    sp.set("page", String(p));
    return `${pathname}?${sp}`;
  };
  return (
    <nav className="mt-3 flex items-center gap-3 text-sm" aria-label={t("forces.page", { page, pages })}>
      {page > 1 ? <Link to={href(page - 1)}>{t("forces.prev")}</Link> : <span className="text-stone-500" aria-disabled="true">{t("forces.prev")}</span>}
      <span data-testid="page-info">
        {t("forces.page", { page, pages })} · {total}
      </span>
      {page < pages ? <Link to={href(page + 1)}>{t("forces.next")}</Link> : <span className="text-stone-500" aria-disabled="true">{t("forces.next")}</span>}
    </nav>
  );
}

export function paramsOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}
