import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { representationsByArea } from "~/domain/representations.server";
import { may } from "~/policy";
import { Notice } from "~/components/coordination/ui";
import { pageQuery } from "~/domain/query-params";
import { z } from "zod";
import { PageHeader } from "~/components/ui/page";
import { pageTitle } from "~/i18n/meta";


export const meta = pageTitle("coordination.representations.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "representation.read");
  pageQuery(z.object({ deleted: z.literal("1").optional() }), new URL(request.url).searchParams);
  return json({ groups: await representationsByArea(context.services.prisma, user, conference.id), canWrite: may(user, "representation.write", { conferenceId: conference.id }) });
}

// A grouped list rather than a map: it needs no map tiles, so it works offline (issue 6).
export default function Representations() {
  const { t } = useTranslation();
  const { groups, canWrite } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("coordination.representations.title")}
        actions={
          canWrite ? (
            <Link to="/representations/new" className="btn no-underline" data-testid="representation-new">
              {t("coordination.representations.new")}
            </Link>
          ) : null
        }
      />
      <p className="text-stone-600">{t("coordination.representations.intro")}</p>
      <Notice show={params.get("deleted") === "1"}>{t("coordination.representations.deleted")}</Notice>
      <div className="grid gap-4 md:grid-cols-2">
        {groups.map((g) => (
          <section key={g.area} className="card" aria-labelledby={`area-${g.area}`} data-testid={`area-${g.area}`}>
            <h2 id={`area-${g.area}`} className="mb-2 text-lg font-semibold">
              {t(`coordination.representations.areas.${g.area}`)} <span className="text-sm text-stone-500">({g.representations.length})</span>
            </h2>
            {g.representations.length ? (
              <ul className="divide-y divide-stone-100">
                {g.representations.map((r) => (
                  <li key={r.id} className="py-2" data-testid="representation">
                    <Link to={`/representations/${r.id}`} className="font-medium">
                      {r.country}
                    </Link>
                    {r.city ? <span className="text-stone-600"> · {r.city}</span> : null}
                    <span className="ms-2 rounded bg-stone-100 px-1.5 text-xs">{t(`coordination.representations.statuses.${r.status}`, { defaultValue: r.status })}</span>
                    {r.representatives ? <p className="text-sm" dir="auto">{r.representatives}</p> : null}
                    <p className="text-xs text-stone-500">
                      {t("coordination.representations.openTasks", { count: r._count.planItems })} · {t("coordination.representations.outreachCount", { count: r._count.outreach })}
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-stone-500">{t("coordination.representations.noneInArea")}</p>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
