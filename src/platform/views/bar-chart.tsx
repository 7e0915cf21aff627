// A horizontal bar chart drawn as SVG on the server: no script, readable without
// colour. Every series has its own fill pattern (solid, hatched, outlined) in
// currentColor, so the chart follows the text colour — also in forced-colours
// (high-contrast) mode and in print. The chart is one image to assistive
// technology (role="img" with <title> and <desc>); the page shows the same numbers
// in a table beside it, which is where a screen reader reads them.

export interface BarSeries {
  /** Shown in the legend, e.g. "Plätze". */
  name: string;
  /** One value per category, in the order of `categories`. */
  values: readonly number[];
}

export interface BarChartProps {
  /** Unique on the page: the ids of title, description and patterns derive from it. */
  id: string;
  title: string;
  /** A sentence that says what the chart shows (read out instead of the drawing). */
  description: string;
  categories: readonly string[];
  /** Up to three series; each gets its own pattern. */
  series: readonly BarSeries[];
}

// Narrow on purpose: on a phone the drawing shrinks little, so the text stays readable.
const WIDTH = 400;
const LABEL_HEIGHT = 22;
const BAR_HEIGHT = 16;
const BAR_GAP = 4;
const GROUP_GAP = 18;
const VALUE_SPACE = 44;
const LEGEND_HEIGHT = 34;
const FONT = 14;

/** The largest value, rounded up so the bars leave room for their numbers. */
const scaleMax = (series: readonly BarSeries[]) => Math.max(1, ...series.flatMap((s) => s.values));

export function BarChart({ id, title, description, categories, series }: BarChartProps) {
  const max = scaleMax(series);
  const barArea = WIDTH - VALUE_SPACE;
  const groupHeight = LABEL_HEIGHT + series.length * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP;
  const height = LEGEND_HEIGHT + categories.length * groupHeight;
  const fill = (i: number) => (i === 0 ? "currentColor" : i === 1 ? `url(#${id}-hatch)` : "none");
  return (
    <svg
      class="bar-chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
      font-size={FONT}
      fill="currentColor"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <defs>
        <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="3" />
        </pattern>
      </defs>
      <g class="bar-chart__legend">
        {series.map((s, i) => {
          const x = i * 135;
          return (
            <g key={s.name}>
              <rect x={x + 1} y={6} width={20} height={14} fill={fill(i)} stroke="currentColor" stroke-width="1.5" />
              <text x={x + 28} y={18}>
                {s.name}
              </text>
            </g>
          );
        })}
      </g>
      {categories.map((category, c) => {
        const top = LEGEND_HEIGHT + c * groupHeight;
        return (
          <g key={category}>
            <text x={0} y={top + LABEL_HEIGHT - 6} font-weight="bold">
              {category.length > 52 ? `${category.slice(0, 51)}…` : category}
            </text>
            {series.map((s, i) => {
              const value = s.values[c] ?? 0;
              const y = top + LABEL_HEIGHT + i * (BAR_HEIGHT + BAR_GAP);
              const w = Math.round((value / max) * barArea);
              return (
                <g key={s.name}>
                  <rect
                    class="bar-chart__bar"
                    x={1}
                    y={y}
                    width={Math.max(w, 1)}
                    height={BAR_HEIGHT}
                    fill={fill(i)}
                    stroke="currentColor"
                    stroke-width="1.5"
                  />
                  <text x={Math.max(w, 1) + 8} y={y + BAR_HEIGHT - 3}>
                    {value}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
