// The app's one chart (ADR 0067): horizontal stacked bars as server-rendered SVG, laid out with d3-scale
// and stacked with d3-shape (no d3 DOM code, no JavaScript needed in the browser). Right to left for
// Arabic: bars grow from the reading side and labels stand on it. Accessible three ways: the SVG is an
// image whose label sums every row up, each segment has a tooltip, and the same figures are a real
// table under a native <details> (opens without JavaScript, and prints).
import { scaleBand, scaleLinear } from "d3-scale";
import { stack } from "d3-shape";
import { useTranslation } from "~/i18n/react";

export interface ChartSeries {
  key: string;
  label: string;
  colour: string;
}
export interface ChartRow {
  key: string;
  label: string;
  values: Record<string, number>;
  /** What stands after the bar (default: the row's total). */
  end?: string;
}

const WIDTH = 560;
const LABEL_W = 170;
const END_W = 56;
const ROW_H = 28;
const MAX_LABEL = 24;

/** Long names are cut in the drawing (the full name is in its tooltip and in the table). */
const cut = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

export function StackedBars({ title, rows, series, testId, headed = true }: { title: string; rows: ChartRow[]; series: ChartSeries[]; testId?: string; headed?: boolean }) {
  const { t, i18n } = useTranslation();
  const rtl = i18n.dir(i18n.language) === "rtl";
  const total = (r: ChartRow) => series.reduce((s, x) => s + (r.values[x.key] ?? 0), 0);
  const max = Math.max(1, ...rows.map(total));
  const height = Math.max(1, rows.length) * ROW_H + 8;
  const x = scaleLinear().domain([0, max]).range([0, WIDTH - LABEL_W - END_W]);
  const y = scaleBand<string>().domain(rows.map((r) => r.key)).range([4, height - 4]).padding(0.25);
  const stacked = stack<ChartRow, string>()
    .keys(series.map((s) => s.key))
    .value((r, k) => r.values[k] ?? 0)(rows);
  // Positions are computed left to right and mirrored for right-to-left pages.
  const at = (ltr: number, w = 0) => (rtl ? WIDTH - ltr - w : ltr);
  const mid = (key: string) => (y(key) ?? 0) + y.bandwidth() / 2 + 4;
  const sentence = (r: ChartRow) => `${r.label}: ${series.map((s) => `${s.label} ${r.values[s.key] ?? 0}`).join(rtl ? "، " : ", ")}`;
  const summary = `${title} — ${rows.map(sentence).join(" · ")}`;
  return (
    <figure className="space-y-2" data-testid={testId} data-chart="stacked-bars">
      {headed ? <figcaption className="text-lg font-semibold">{title}</figcaption> : null}
      {rows.length === 0 ? (
        <p className="text-sm text-stone-600">{t("charts.empty")}</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={summary} className="w-full max-w-2xl text-[13px]" direction="ltr">
          {rows.map((r) => (
            <text key={`label-${r.key}`} x={at(4)} y={mid(r.key)} textAnchor="start" direction={rtl ? "rtl" : "ltr"} fill="currentColor">
              <title>{r.label}</title>
              {cut(r.label)}
            </text>
          ))}
          {stacked.map((s) =>
            s.map((d) => {
              const w = x(d[1]) - x(d[0]);
              if (w <= 0) return null;
              const r = d.data;
              const colour = series.find((x) => x.key === s.key)!;
              return (
                <rect key={`${s.key}-${r.key}`} x={at(LABEL_W + x(d[0]), w)} y={y(r.key)} width={w} height={y.bandwidth()} fill={colour.colour} data-series={s.key} data-row={r.key}>
                  <title>{`${r.label} — ${colour.label}: ${r.values[s.key] ?? 0}`}</title>
                </rect>
              );
            }),
          )}
          {rows.map((r) => (
            <text key={`end-${r.key}`} x={at(LABEL_W + x(total(r)) + 6)} y={mid(r.key)} textAnchor={rtl ? "end" : "start"} direction="ltr" fill="currentColor" data-testid={testId ? `${testId}-end-${r.key}` : undefined}>
              {r.end ?? total(r)}
            </text>
          ))}
        </svg>
      )}
      <ul className="flex flex-wrap gap-3 text-xs" aria-label={t("charts.legend")}>
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: s.colour }} />
            {s.label}
          </li>
        ))}
      </ul>
      {rows.length ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-stone-700">{t("charts.asTable")}</summary>
          <table className="data mt-2" data-testid={testId ? `${testId}-table` : undefined}>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <td />
                {series.map((s) => (
                  <th key={s.key} scope="col">
                    {s.label}
                  </th>
                ))}
                <th scope="col">{t("charts.total")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-row={r.key}>
                  <th scope="row">{r.label}</th>
                  {series.map((s) => (
                    <td key={s.key}>{r.values[s.key] ?? 0}</td>
                  ))}
                  <td>{total(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  );
}
