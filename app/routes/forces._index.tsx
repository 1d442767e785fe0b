import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { forceTags, listForces, parseForceQuery } from "~/domain/forces.server";
import { may } from "~/policy";
import { FilterBar, Pager, PipelineTabs, StatusBadge, forceName, paramsOf } from "~/components/invitations/ui";
import { nameOrderOf } from "~/locale.server";
import { ExportLinks, PageHeader } from "~/components/ui/page";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("forces.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "force.read");
  const url = new URL(request.url);
  let query;
  try {
    query = parseForceQuery(url.searchParams);
  } catch {
    throw new Response("Invalid filters", { status: 400 });
  }
  const prisma = context.services.prisma;
  query.names = await nameOrderOf(request, user.locale);
  const [list, tags] = await Promise.all([listForces(prisma, user, conference.id, query), forceTags(prisma, conference.id)]);
  return json({ ...list, tags, params: paramsOf(request.url), canManage: may(user, "force.manage", { conferenceId: conference.id }) });
}

export default function ForcesIndex() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const qs = new URLSearchParams(data.params).toString();
  return (
    <div>
      <PipelineTabs staff />
      <PageHeader
        className="mb-3"
        title={t("forces.title")}
        count={{ text: t("forces.count", { count: data.page.total }), testId: "force-count" }}
        actions={
          <>
          {data.canManage ? (
            <>
              <Link to="/forces/new" className="btn no-underline" data-testid="new-force">
                {t("forces.new")}
              </Link>
              <Link to="/forces/import" className="btn-quiet no-underline">
                {t("forces.import")}
              </Link>
            </>
          ) : null}
          <ExportLinks path="/forces/export" query={qs} hint={t("forces.exportHint")} />
          </>
        }
      />
      <FilterBar action="/forces" values={data.params} tags={data.tags} withStatus="force" withArchived sorts={["name", "kind", "region", "updated", "created"]} />
      {data.rows.length === 0 ? (
        <p className="card" data-testid="empty">
          {t("forces.empty")}
        </p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="data" data-testid="forces-table">
            <thead>
              <tr>
                <th>{t("forces.fields.nameAr")}</th>
                <th>{t("forces.fields.kind")}</th>
                <th>{t("forces.fields.region")}</th>
                <th>{t("forces.fields.isMember")}</th>
                <th>{t("forces.fields.tags")}</th>
                <th>{t("forces.fields.status")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((f) => (
                <tr key={f.id} data-testid="force-row" className={f.archivedAt ? "opacity-60" : ""}>
                  <td>
                    <Link to={`/forces/${f.id}`} className="font-semibold">
                      {forceName(f, i18n.language)}
                    </Link>
                    {i18n.language !== "ar" ? (
                      <div className="text-xs text-stone-600" lang="ar" dir="rtl">
                        {f.nameAr}
                      </div>
                    ) : f.nameEn ? (
                      <div className="text-xs text-stone-600" lang="en" dir="ltr">
                        {f.nameEn}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {t(`forces.kind.${f.kind}`)}
                    {!f.isOfficial ? <span className="ms-1 text-xs text-stone-500">({t("forces.official.no")})</span> : null}
                  </td>
                  <td>
                    {t(`forces.region.${f.region}`)}
                    {f.city || f.country ? <div className="text-xs text-stone-600">{[f.city, f.country].filter(Boolean).join("، ")}</div> : null}
                  </td>
                  <td>{f.isMember ? t("forces.membership.member") : t("forces.membership.outside")}</td>
                  <td className="text-xs">{f.tags.join("، ")}</td>
                  <td>{f.invitation ? <StatusBadge status={f.invitation.status} /> : <span className="text-xs text-stone-500">{t("forces.noInvitation")}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager {...data.page} />
    </div>
  );
}
