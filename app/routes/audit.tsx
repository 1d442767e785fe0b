// The audit trail (issue 17, ADR 0032): the conference's events, newest first, for its organizers
// (audit.read). Filters are a plain GET form (person, kind, day in the office's zone), pages go back by
// id (keyset), and the same filters download as CSV from /audit.csv.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { auditKinds } from "~/domain/audit-kinds";
import { listAudit } from "~/domain/audit.server";
import { auditRequest } from "~/http/audit-page.server";
import { useTranslation } from "~/i18n/react";
import { DataTable } from "~/components/ui/table";
import { useOfficeTime } from "~/components/dates";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("audit.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference, filter, erased } = await auditRequest(request, context);
  const { prisma } = context.services;
  const [{ rows, nextBefore }, members] = await Promise.all([
    listAudit(prisma, user, conference.id, filter, { erased }),
    prisma.membership.findMany({ where: { conferenceId: conference.id }, select: { user: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: "asc" } }),
  ]);
  return json({
    filter,
    people: members.map((m) => m.user),
    nextBefore,
    rows: rows.map((r) => ({ ...r, at: r.at.toISOString(), data: r.data === null || r.data === undefined ? "" : JSON.stringify(r.data) })),
  });
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { filter, people, rows, nextBefore } = useLoaderData<typeof loader>();
  const when = useOfficeTime().dateTime;
  const query = new URLSearchParams(Object.entries({ actor: filter.actor, kind: filter.kind, day: filter.day }).filter((e): e is [string, string] => !!e[1]));
  const older = new URLSearchParams(query);
  if (nextBefore) older.set("before", nextBefore);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("audit.title")}</h1>
      <p className="text-stone-600">{t("audit.intro")}</p>
      <Form method="get" className="card flex flex-wrap items-end gap-3" data-testid="audit-filters">
        <label className="block">
          {t("audit.person")}
          <select name="actor" defaultValue={filter.actor ?? ""} className="field mt-1">
            <option value="">{t("audit.any")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.email})
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          {t("audit.kind")}
          <select name="kind" defaultValue={filter.kind ?? ""} className="field mt-1">
            <option value="">{t("audit.any")}</option>
            {auditKinds.map((k) => (
              <option key={k} value={k}>
                {t(`audit.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          {t("audit.day")}
          <input type="date" name="day" defaultValue={filter.day ?? ""} className="field mt-1" dir="ltr" />
        </label>
        <button type="submit" className="btn">{t("audit.apply")}</button>
        <Link to="/audit" className="btn-quiet">{t("audit.reset")}</Link>
        <a href={`/audit.csv${query.size ? `?${query}` : ""}`} className="btn-quiet" download data-testid="audit-csv">
          {t("audit.exportCsv")}
        </a>
      </Form>
      <section className="card overflow-x-auto">
        {rows.length ? (
          <DataTable testId="audit" columns={[t("audit.when"), t("audit.who"), t("audit.what"), t("audit.subject"), t("audit.ip"), t("audit.details")]}>
            {rows.map((r) => (
              <tr key={r.id} data-testid="audit-event" data-action={r.action}>
                <td>{when(r.at)}</td>
                <td>{r.actor ? r.actor.name || r.actor.email || r.actor.id : t("audit.nobody")}</td>
                <td dir="ltr">{r.action}</td>
                <td dir="ltr">{r.subjectId ? `${r.subjectType} ${r.subjectId}` : r.subjectType}</td>
                <td dir="ltr">{r.ip ?? "—"}</td>
                <td dir="ltr" className="break-all text-xs">
                  {r.data}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p data-testid="audit-empty">{t("audit.empty")}</p>
        )}
      </section>
      <nav className="flex gap-3">
        {filter.before ? (
          <Link to={`/audit${query.size ? `?${query}` : ""}`} className="btn-quiet">
            {t("audit.newest")}
          </Link>
        ) : null}
        {nextBefore ? (
          <Link to={`/audit?${older}`} className="btn-quiet" data-testid="audit-older">
            {t("audit.older")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
