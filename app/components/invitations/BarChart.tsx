// Stacked horizontal bars as server-rendered SVG: readable without JavaScript, printable, RTL-aware
// (bars grow from the start side; the SVG itself is laid out LTR with explicit anchors), and every figure is also written as a number beside its bar.
export interface BarSeries {
  key: string;
  label: string;
  colour: string;
}
export interface BarRow {
  label: string;
  values: Record<string, number>;
}

export function BarChart({ rows, series, title, rtl }: { rows: BarRow[]; series: BarSeries[]; title: string; rtl: boolean }) {
  const max = Math.max(1, ...rows.map((r) => series.reduce((s, x) => s + (r.values[x.key] ?? 0), 0)));
  const rowH = 26;
  const labelW = 150;
  const barW = 300;
  const numW = 50;
  const width = labelW + barW + numW;
  const height = rows.length * rowH + 28;
  const x = (v: number) => (rtl ? width - v : v);
  return (
    <figure className="overflow-x-auto">
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} className="text-xs" direction="ltr">
        <title>{title}</title>
        {rows.map((r, i) => {
          let acc = 0;
          const total = series.reduce((s, se) => s + (r.values[se.key] ?? 0), 0);
          const y = i * rowH + 4;
          return (
            <g key={r.label}>
              <text x={x(4)} y={y + 15} textAnchor="start" direction={rtl ? "rtl" : "ltr"} fill="currentColor">
                {r.label}
              </text>
              {series.map((se) => {
                const v = r.values[se.key] ?? 0;
                const w = (v / max) * barW;
                const start = labelW + (acc / max) * barW;
                acc += v;
                return v ? (
                  <rect key={se.key} x={rtl ? width - start - w : start} y={y + 2} width={w} height={rowH - 8} fill={se.colour}>
                    <title>{`${r.label} — ${se.label}: ${v}`}</title>
                  </rect>
                ) : null;
              })}
              <text x={x(labelW + (acc / max) * barW + 6)} y={y + 15} textAnchor={rtl ? "end" : "start"} direction="ltr" fill="currentColor">
                {total}
              </text>
            </g>
          );
        })}
        <g transform={`translate(0 ${rows.length * rowH + 8})`}>
          {series.map((se, i) => (
            <g key={se.key} transform={`translate(${rtl ? width - (i + 1) * 110 : i * 110} 0)`}>
              <rect x={rtl ? 96 : 0} width={12} height={12} fill={se.colour} />
              <text x={rtl ? 90 : 16} y={10} textAnchor={rtl ? "end" : "start"} direction="ltr" fill="currentColor">
                {se.label}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
