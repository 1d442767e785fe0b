// Dashboard section: my follow-ups due now (with "done" buttons) and the office's overdue work.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { OutreachEntryView } from "~/domain/outreach.server";
import type { PlanItemView } from "~/domain/plans.server";
import { FollowUpList } from "./FollowUps";
import { Day, DueBadge } from "./ui";

export interface CoordinationDueData {
  canWrite: boolean;
  mine: OutreachEntryView[];
  overdueFollowUps: OutreachEntryView[];
  overduePlans: PlanItemView[];
}

export function DashboardDue({ data }: { data: CoordinationDueData }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="card" aria-labelledby="due-title" data-testid="dashboard-due">
        <div className="mb-2 flex items-center gap-3">
          <h2 id="due-title" className="text-lg font-semibold">
            {t("coordination.dashboard.dueTitle")}
          </h2>
          <Link to="/outreach/follow-ups" className="ms-auto text-sm">
            {t("coordination.dashboard.seeAll")}
          </Link>
        </div>
        {data.mine.length ? <FollowUpList entries={data.mine} canWrite={data.canWrite} showOwner={false} testId="dashboard-my-due" /> : <p className="text-sm text-stone-600">{t("coordination.dashboard.dueNone")}</p>}
      </section>
      <section className="card" aria-labelledby="overdue-title" data-testid="dashboard-overdue">
        <h2 id="overdue-title" className="mb-2 text-lg font-semibold">
          {t("coordination.dashboard.overdueTitle")}
        </h2>
        {!data.overdueFollowUps.length && !data.overduePlans.length ? (
          <p className="text-sm text-stone-600">{t("coordination.dashboard.noneOverdue")}</p>
        ) : (
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <h3 className="text-sm font-semibold">{t("coordination.dashboard.overdueFollowUps")}</h3>
              <FollowUpList entries={data.overdueFollowUps} canWrite={data.canWrite} testId="dashboard-overdue-follow-ups" />
            </div>
            <div>
              <h3 className="text-sm font-semibold">
                <Link to="/plans?view=overdue">{t("coordination.dashboard.overduePlans")}</Link>
              </h3>
              <ul className="divide-y divide-stone-100" data-testid="dashboard-overdue-plans">
                {data.overduePlans.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                    <DueBadge state={p.dueState} />
                    <Day day={p.dueOn} />
                    <Link to={`/plans/${p.id}`} dir="auto">
                      {p.goal}
                    </Link>
                    <span className="text-stone-600">{p.owner?.name ?? ""}</span>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        )}
      </section>
    </>
  );
}
