/**
 * Geometry of a grouped bar chart, drawn server-side as SVG (no JavaScript). Values may be
 * negative (a deficit): bars grow up or down from the zero line. The page always puts the
 * same figures in a table beneath the chart.
 */
export interface ChartSeries {
  name: string;
  values: number[];
  /** NHS colours with at least 3:1 contrast on white (WCAG 1.4.11). */
  colour: string;
}

export interface BarChart {
  width: number;
  height: number;
  bars: { x: number; y: number; width: number; height: number; colour: string; label: string }[];
  categories: { x: number; label: string }[];
  ticks: { y: number; label: string }[];
  zeroY: number;
  plot: { left: number; right: number; top: number; bottom: number };
  legend: { x: number; colour: string; name: string }[];
}

export const CHART_COLOURS = { blue: '#005eb8', red: '#d5281b', green: '#007f3b', purple: '#330072' } as const;

/** A round step for the axis: 1, 2 or 5 times a power of ten. */
export function niceStep(range: number, ticks = 4): number {
  if (range <= 0) return 1;
  const raw = range / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

export function barChart(categories: string[], series: ChartSeries[], format: (v: number) => string, size = { width: 720, height: 320 }): BarChart {
  const plot = { left: 84, right: size.width - 12, top: 36, bottom: size.height - 32 };
  const all = series.flatMap((s) => s.values);
  const step = niceStep(Math.max(1, Math.max(0, ...all) - Math.min(0, ...all)));
  const max = Math.max(step, Math.ceil(Math.max(0, ...all) / step) * step);
  const min = Math.min(0, Math.floor(Math.min(0, ...all) / step) * step);
  const y = (v: number) => plot.top + ((max - v) / (max - min)) * (plot.bottom - plot.top);
  const groupWidth = (plot.right - plot.left) / Math.max(1, categories.length);
  const barWidth = Math.max(2, (groupWidth * 0.8) / Math.max(1, series.length));
  const bars: BarChart['bars'] = [];
  categories.forEach((c, i) => {
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      const top = y(Math.max(0, v));
      const bottom = y(Math.min(0, v));
      bars.push({ x: round(plot.left + i * groupWidth + groupWidth * 0.1 + j * barWidth), y: round(top), width: round(barWidth), height: round(Math.max(0, bottom - top)), colour: s.colour, label: `${c}, ${s.name}: ${format(v)}` });
    });
  });
  const ticks: BarChart['ticks'] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push({ y: round(y(v)), label: format(v) });
  return {
    ...size,
    bars,
    categories: categories.map((label, i) => ({ x: round(plot.left + (i + 0.5) * groupWidth), label })),
    ticks,
    zeroY: round(y(0)),
    plot,
    legend: series.map((s, i) => ({ x: plot.left + i * 150, colour: s.colour, name: s.name })),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
