// Figures of the pipeline, as server-rendered SVG charts and as numbers.
import { pageQuery } from "~/domain/query-params";
import { z } from "zod";
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { dashboardFigures } from "~/domain/invitations.server";
import { forceKinds, regions } from "~/domain/force-enums";
import { invitationStatuses } from "~/domain/invitation-status";
import { BarChart, type BarSeries } from "~/components/invitations/BarChart";
import { StatusBadge } from "~/components/invitations/ui";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("invitations.dashboard.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "invitation.read");
  pageQuery(z.object({}), new URL(request.url).searchParams);
  return json(await dashboardFigures(context.services.prisma, user, conference.id).catch(() => {
    throw new Response("Forbidden", { status: 403 });
  }));
}

export default function Dashboard() {
  const { t, i18n } = useTranslation();
  const fig = useLoaderData<typeof loader>();
  const rtl = i18n.language === "ar";
  const series: BarSeries[] = [
    { key: "confirmed", label: t("invitations.dashboard.buckets.confirmed"), colour: "#047857" },
    { key: "pending", label: t("invitations.dashboard.buckets.pending"), colour: "#d97706" },
    { key: "declined", label: t("invitations.dashboard.buckets.declined"), colour: "#be123c" },
  ];
  const table = (title: string, keys: readonly string[], data: Record<string, Record<string, number>>, label: (k: string) => string) => (
    <section className="card">
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      <BarChart title={title} rtl={rtl} series={series} rows={keys.filter((k) => data[k]).map((k) => ({ label: label(k), values: data[k]! }))} />
      <table className="data mt-2">
        <thead>
          <tr>
            <th>
              <span className="sr-only">{title}</span>
            </th>
            {[...series.map((s) => s.label), t("invitations.dashboard.buckets.withdrawn")].map((l) => (
              <th key={l}>{l}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {keys
            .filter((k) => data[k])
            .map((k) => (
              <tr key={k}>
                <th>{label(k)}</th>
                <td>{data[k]!.confirmed}</td>
                <td>{data[k]!.pending}</td>
                <td>{data[k]!.declined}</td>
                <td>{data[k]!.withdrawn}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
  const seatsMax = Math.max(1, fig.seats.quotaConfirmed, fig.seats.quotaOpen);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("invitations.dashboard.title")}</h1>
      <div className="grid gap-4 md:grid-cols-3">
        <section className="card text-center">
          <h2 className="font-semibold">{t("invitations.dashboard.readiness")}</h2>
          <p className="text-4xl font-bold text-emerald-800" data-testid="readiness">
            {fig.readiness.percent}%
          </p>
          <p className="text-sm">{t("invitations.dashboard.readinessOf", fig.readiness)}</p>
          <p className="mt-1 text-xs text-stone-600">{t("invitations.dashboard.readinessHelp")}</p>
        </section>
        <section className="card">
          <h2 className="font-semibold">{t("invitations.dashboard.seats")}</h2>
          {(
            [
              ["seatsNamed", fig.seats.namedConfirmed, "#047857"],
              ["seatsQuota", fig.seats.quotaConfirmed, "#6ee7b7"],
              ["seatsOpen", fig.seats.quotaOpen, "#fcd34d"],
            ] as const
          ).map(([k, v, c]) => (
            <div key={k} className="mt-1 text-sm">
              <div className="flex justify-between">
                <span>{t(`invitations.dashboard.${k}`)}</span>
                <strong data-testid={k}>{v}</strong>
              </div>
              <svg viewBox="0 0 100 6" width="100%" height="8" aria-hidden="true" preserveAspectRatio="none">
                <rect x={rtl ? 100 - (100 * v) / seatsMax : 0} width={(100 * v) / seatsMax} height="6" fill={c} />
              </svg>
            </div>
          ))}
        </section>
        <section className="card text-center">
          <h2 className="font-semibold">{t("invitations.dashboard.attention")}</h2>
          <p className="text-4xl font-bold text-red-800">
            <a href="/invitations/attention">{fig.attention}</a>
          </p>
        </section>
      </div>
      {table(t("invitations.dashboard.byKind"), forceKinds, fig.byKind, (k) => t(`forces.kind.${k}`))}
      {table(t("invitations.dashboard.byRegion"), regions, fig.byRegion, (k) => t(`forces.region.${k}`))}
      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">{t("invitations.dashboard.byStatus")}</h2>
        <ul className="flex flex-wrap gap-3">
          {invitationStatuses.map((s) => (
            <li key={s}>
              <StatusBadge status={s} /> <strong>{fig.byStatus[s] ?? 0}</strong>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
