// Progress per horizon as a server-rendered SVG: one stacked bar per horizon (done, in progress, planned,
// dropped), scaled with d3-scale and stacked with d3-shape, drawn right-to-left for Arabic. The same
// figures are written out beside it, so the chart is never the only way to read them.
import { scaleBand, scaleLinear } from "d3-scale";
import { stack } from "d3-shape";
import { useTranslation } from "~/i18n/react";
import type { HorizonProgress } from "~/domain/plans.server";

const parts = ["done", "inProgress", "planned", "dropped"] as const;
const colours: Record<(typeof parts)[number], string> = { done: "#047857", inProgress: "#0ea5e9", planned: "#d6d3d1", dropped: "#a8a29e" };
const statusOf = { done: "DONE", inProgress: "IN_PROGRESS", planned: "PLANNED", dropped: "DROPPED" } as const;

export function ProgressChart({ progress }: { progress: HorizonProgress[] }) {
  const { t, i18n } = useTranslation();
  const rtl = i18n.dir(i18n.language) === "rtl";
  const width = 560;
  const labelW = 130;
  const barH = 26;
  const height = progress.length * (barH + 18) + 10;
  const max = Math.max(1, ...progress.map((p) => p.total));
  const x = scaleLinear().domain([0, max]).range([0, width - labelW - 50]);
  const y = scaleBand<string>()
    .domain(progress.map((p) => p.horizon))
    .range([5, height - 5])
    .padding(0.3);
  const series = stack<HorizonProgress, (typeof parts)[number]>().keys(parts)(progress);
  // Logical start of the bars: after the label, on the reading side.
  const px = (v: number, w = 0) => (rtl ? width - labelW - x(v) - w : labelW + x(v));
  const percent = (p: HorizonProgress) => (p.percentDone == null ? "—" : `${p.percentDone}%`);
  const lines = progress.map((p) =>
      p.total
        ? t("coordination.plans.progressOf", { horizon: t(`coordination.plans.horizons.${p.horizon}`), done: p.done, counted: p.total - p.dropped, percent: percent(p) })
        : t("coordination.plans.progressNone", { horizon: t(`coordination.plans.horizons.${p.horizon}`) }),
  );
  const summary = lines.join(" · ");
  return (
    <figure className="card" data-testid="progress-chart">
      <figcaption className="mb-2 font-semibold">{t("coordination.plans.progress")}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="w-full max-w-xl" direction={rtl ? "rtl" : "ltr"}>
        {progress.map((p) => (
          <text key={p.horizon} x={rtl ? width - 4 : 4} y={(y(p.horizon) ?? 0) + barH / 2 + 5} fontSize="14" textAnchor="start" fill="#1c1917">
            {t(`coordination.plans.horizons.${p.horizon}`)}
          </text>
        ))}
        {series.map((s) =>
          s.map((d) => {
            const w = x(d[1]) - x(d[0]);
            if (w <= 0) return null;
            const h = d.data.horizon;
            return (
              <rect key={`${s.key}-${h}`} x={px(d[0], w)} y={y(h)} width={w} height={y.bandwidth()} fill={colours[s.key]} data-part={s.key} data-horizon={h}>
                <title>{`${t(`coordination.plans.statuses.${statusOf[s.key]}`)}: ${d.data[s.key]}`}</title>
              </rect>
            );
          }),
        )}
        {progress.map((p) => (
          <text key={`pc-${p.horizon}`} x={px(p.total) + (rtl ? -6 : 6)} y={(y(p.horizon) ?? 0) + barH / 2 + 5} fontSize="13" textAnchor="start" fill="#44403c" data-testid={`percent-${p.horizon}`}>
            {percent(p)}
          </text>
        ))}
      </svg>
      <ul className="mt-2 flex flex-wrap gap-3 text-xs" aria-label={t("coordination.plans.legend")}>
        {parts.map((k) => (
          <li key={k} className="flex items-center gap-1">
            <span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ background: colours[k] }} />
            {t(`coordination.plans.statuses.${statusOf[k]}`)}
          </li>
        ))}
      </ul>
      <ul className="mt-2 text-sm" data-testid="progress-figures">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </figure>
  );
}
