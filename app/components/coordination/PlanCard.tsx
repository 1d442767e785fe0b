// One plan item as a card, with a status form that works without JavaScript.
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { planStatuses } from "~/domain/coordination-enums";
import type { PlanItemView } from "~/domain/plans.server";
import { Day, DueBadge, useName } from "./ui";

export function PlanCard({ item, canWrite, showHorizon = false }: { item: PlanItemView; canWrite: boolean; showHorizon?: boolean }) {
  const { t } = useTranslation();
  const name = useName();
  const location = useLocation();
  return (
    <li className="card space-y-1" data-testid="plan-card" data-status={item.status} data-item={item.id}>
      <Link to={`/plans/${item.id}`} className="font-medium" dir="auto">
        {item.goal}
      </Link>
      <p className="flex flex-wrap items-center gap-2 text-xs text-stone-600">
        {showHorizon ? <span>{t(`coordination.plans.horizons.${item.horizon}`)}</span> : null}
        <span>{item.owner?.name ?? t("coordination.plans.noOwner")}</span>
        {item.dueOn ? (
          <span>
            <Day day={item.dueOn} />
          </span>
        ) : null}
        {item.dueState === "overdue" || item.dueState === "today" ? <DueBadge state={item.dueState} /> : null}
      </p>
      {item.force || item.representation || item.paperSection ? (
        <p className="text-xs text-stone-600">
          {[item.force ? name(item.force) : null, item.representation?.country, item.paperSection].filter(Boolean).join(" · ")}
        </p>
      ) : null}
      {canWrite ? (
        <Form method="post" action={`/plans/${item.id}`} className="flex items-center gap-1 pt-1">
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="next" value={location.pathname + location.search} />
          <label className="sr-only" htmlFor={`status-${item.id}`}>
            {t("coordination.plans.status")}
          </label>
          <select id={`status-${item.id}`} name="status" defaultValue={item.status} className="field w-auto py-0.5 text-xs">
            {planStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`coordination.plans.statuses.${s}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="btn-quiet py-0.5 text-xs">
            {t("coordination.plans.setStatus")}
          </button>
        </Form>
      ) : (
        <p className="text-xs">{t(`coordination.plans.statuses.${item.status}`)}</p>
      )}
    </li>
  );
}
