// Progress per horizon: one stacked bar per horizon (done, in progress, planned, dropped) in the app's one
// chart (ADR 0067), with the share done after each bar. The same figures are written out beside it, so
// the chart is never the only way to read them.
import { StackedBars } from "~/components/charts/StackedBars";
import { useTranslation } from "~/i18n/react";
import type { HorizonProgress } from "~/domain/plans.server";

const parts = ["done", "inProgress", "planned", "dropped"] as const;
const colours: Record<(typeof parts)[number], string> = { done: "#047857", inProgress: "#0ea5e9", planned: "#d6d3d1", dropped: "#a8a29e" };
const statusOf = { done: "DONE", inProgress: "IN_PROGRESS", planned: "PLANNED", dropped: "DROPPED" } as const;

export function ProgressChart({ progress }: { progress: HorizonProgress[] }) {
  const { t } = useTranslation();
  const percent = (p: HorizonProgress) => (p.percentDone == null ? "—" : `${p.percentDone}%`);
  const horizon = (p: HorizonProgress) => t(`coordination.plans.horizons.${p.horizon}`);
  const lines = progress.map((p) =>
    p.total ? t("coordination.plans.progressOf", { horizon: horizon(p), done: p.done, counted: p.total - p.dropped, percent: percent(p) }) : t("coordination.plans.progressNone", { horizon: horizon(p) }),
  );
  return (
    <div className="card" data-testid="progress-chart">
      <StackedBars
        title={t("coordination.plans.progress")}
        testId="progress"
        series={parts.map((k) => ({ key: k, label: t(`coordination.plans.statuses.${statusOf[k]}`), colour: colours[k] }))}
        rows={progress.map((p) => ({ key: p.horizon, label: horizon(p), values: { done: p.done, inProgress: p.inProgress, planned: p.planned, dropped: p.dropped }, end: percent(p) }))}
      />
      <ul className="mt-2 text-sm" data-testid="progress-figures">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
