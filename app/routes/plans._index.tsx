import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { byOwner, listPlanItems, progressByHorizon } from "~/domain/plans.server";
import { horizons } from "~/domain/coordination-enums";
import { may } from "~/policy";
import { ProgressChart } from "~/components/coordination/ProgressChart";
import { PlanCard } from "~/components/coordination/PlanCard";
import { Notice } from "~/components/coordination/ui";
import { pageQuery } from "~/domain/query-params";
import { z } from "zod";
import { PageHeader } from "~/components/ui/page";
import { pageTitle } from "~/i18n/meta";


export const meta = pageTitle("coordination.plans.title");

const views = ["horizon", "owner", "overdue"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "plan.read");
  pageQuery(z.object({ view: z.enum(views).optional(), deleted: z.literal("1").optional() }), new URL(request.url).searchParams);
  const items = await listPlanItems(context.services.prisma, user, conference.id);
  return json({ items, owners: byOwner(items), progress: progressByHorizon(items), canWrite: may(user, "plan.write", { conferenceId: conference.id }) });
}

export default function Plans() {
  const { t } = useTranslation();
  const { items, owners, progress, canWrite } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const view = (views as readonly string[]).includes(params.get("view") ?? "") ? params.get("view")! : "horizon";
  const overdue = items.filter((i) => i.dueState === "overdue");
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("coordination.plans.title")}
        actions={
          canWrite ? (
            <Link to="/plans/new" className="btn no-underline" data-testid="plan-new">
              {t("coordination.plans.new")}
            </Link>
          ) : null
        }
      />
      <p className="text-stone-600">{t("coordination.plans.intro")}</p>
      <Notice show={params.get("deleted") === "1"}>{t("coordination.plans.deleted")}</Notice>
      <ProgressChart progress={progress} />
      <nav className="flex gap-2" aria-label={t("coordination.plans.title")}>
        {views.map((v) => (
          <NavLink key={v} to={`?view=${v}`} className={() => `btn-quiet no-underline ${view === v ? "font-bold ring-1 ring-emerald-700" : ""}`} aria-current={view === v ? "page" : undefined} data-testid={`view-${v}`}>
            {t(`coordination.plans.views.${v}`)}
            {v === "overdue" && overdue.length ? ` (${overdue.length})` : ""}
          </NavLink>
        ))}
      </nav>

      {view === "horizon" ? (
        <div className="grid gap-4 md:grid-cols-3" data-testid="board">
          {horizons.map((h) => {
            const col = items.filter((i) => i.horizon === h);
            return (
              <section key={h} aria-labelledby={`col-${h}`} data-testid={`column-${h}`}>
                <h2 id={`col-${h}`} className="mb-2 font-semibold">
                  {t(`coordination.plans.horizons.${h}`)} <span className="text-sm text-stone-500">({col.length})</span>
                </h2>
                {col.length ? (
                  <ul className="space-y-2">
                    {col.map((i) => (
                      <PlanCard key={i.id} item={i} canWrite={canWrite} />
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-stone-500">{t("coordination.plans.empty")}</p>
                )}
              </section>
            );
          })}
        </div>
      ) : view === "owner" ? (
        <div className="space-y-4" data-testid="by-owner">
          {owners.map((g) => (
            <section key={g.owner?.id ?? "none"}>
              <h2 className="mb-2 font-semibold">{g.owner?.name ?? t("coordination.plans.noOwner")}</h2>
              <ul className="grid gap-2 md:grid-cols-3">
                {g.items.map((i) => (
                  <PlanCard key={i.id} item={i} canWrite={canWrite} showHorizon />
                ))}
              </ul>
            </section>
          ))}
          {!items.length ? <p>{t("coordination.plans.empty")}</p> : null}
        </div>
      ) : (
        <section data-testid="overdue">
          {overdue.length ? (
            <ul className="grid gap-2 md:grid-cols-3">
              {overdue.map((i) => (
                <PlanCard key={i.id} item={i} canWrite={canWrite} showHorizon />
              ))}
            </ul>
          ) : (
            <p className="card">{t("coordination.plans.noOverdue")}</p>
          )}
        </section>
      )}
    </div>
  );
}
