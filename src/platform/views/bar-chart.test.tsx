import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { BarChart } from "./bar-chart.js";

const chart = () =>
  render(
    <BarChart
      id="demand"
      title="Plätze und Erstwünsche"
      description="Für jeden Workshop die Plätze und die Erstwünsche."
      categories={["Sprache & Spiel", "Bewegung"]}
      series={[
        { name: "Plätze", values: [20, 20] },
        { name: "Erstwünsche", values: [43, 10] },
      ]}
    />,
  );

describe("BarChart", () => {
  it("is one image named by its title and description", () => {
    const svg = chart();
    expect(svg).toMatch(/^<svg[^>]* role="img"/);
    expect(svg).toContain('aria-labelledby="demand-title demand-desc"');
    expect(svg).toContain('<title id="demand-title">Plätze und Erstwünsche</title>');
    expect(svg).toContain('<desc id="demand-desc">Für jeden Workshop die Plätze und die Erstwünsche.</desc>');
  });

  it("draws each value as a bar of proportional length with its number, the labels escaped", () => {
    const svg = chart();
    const widths = [...svg.matchAll(/<rect class="bar-chart__bar" x="1" y="\d+" width="(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    // 400 − 44 px for the numbers: the largest value (43) fills the bar area.
    expect(widths).toEqual([
      Math.round((20 / 43) * 356),
      Math.round((43 / 43) * 356),
      Math.round((20 / 43) * 356),
      Math.round((10 / 43) * 356),
    ]);
    for (const n of ["20", "43", "10"]) expect(svg).toContain(`>${n}</text>`);
    expect(svg).toContain("Sprache &amp; Spiel");
  });

  it("tells the series apart without colour: solid, then hatched, in the text colour", () => {
    const svg = chart();
    expect(svg).not.toMatch(/#[0-9a-f]{3,6}"/i);
    expect(svg).toContain('<pattern id="demand-hatch"');
    expect(svg).toContain('fill="url(#demand-hatch)"');
    expect(svg).toContain('fill="currentColor"');
    expect(svg).toContain(">Erstwünsche</text>");
  });
});
