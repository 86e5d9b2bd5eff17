import type { EChartsOption } from "echarts";
import type { ChartTable } from "./table";
import { FONT_FAMILY } from "./theme";

/** A chart ready to draw: its ECharts option, the data behind it (exports) and its default height. */
export interface ChartSpec {
  key: string;
  title: string;
  /** Second line under the title (unit, period, source). */
  subtitle?: string;
  option: EChartsOption;
  table: ChartTable;
  height: number;
}

/** Options shared by every chart: no animation (paint at once, stable screenshots), aria with decal patterns. */
export function baseOption(): EChartsOption {
  return {
    animation: false,
    aria: { enabled: true, decal: { show: true } },
    textStyle: { fontFamily: FONT_FAMILY, fontSize: 12 },
    backgroundColor: "#ffffff",
  };
}

/** Adds a title block for standalone exports (PNG/SVG files); charts on the page have the card title instead. */
export function withTitle(option: EChartsOption, title: string, subtitle?: string): EChartsOption {
  const grid = (option.grid ?? {}) as { top?: number };
  return {
    ...option,
    title: { text: title, subtext: subtitle ?? "", left: "center", textStyle: { fontSize: 15, fontWeight: "bold" }, subtextStyle: { fontSize: 12, color: "#595959" } },
    grid: { ...grid, top: (typeof grid.top === "number" ? grid.top : 40) + 48 },
    legend: { ...((option.legend ?? {}) as object), top: 52 },
  };
}

/** Escapes text placed in an HTML tooltip. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
