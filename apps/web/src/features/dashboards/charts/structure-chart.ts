// Economic structure as 100 % stacked bars: each bar (a year, a period, another area, the target) is split into its
// parts as shares of the bar's total, so a bar always reaches 100 % even when the entered shares do not add up
// exactly; the tooltip gives the entered value and the share drawn.

import type { EChartsOption } from "echarts";
import { formatVnNumber } from "@tonghop/domain";
import type { StructureDto } from "@tonghop/contracts";
import { baseOption, esc, type ChartSpec } from "./base";
import type { ChartTable } from "./table";
import { DECALS, SERIES_COLORS } from "./theme";
import { axisNumber } from "./vn-format";

/** Shares of each category's total, in %, per component (null where the category has no figure). */
export function normaliseShares(structure: StructureDto): Array<Array<number | null>> {
  const totals = structure.categories.map((cat) =>
    structure.components.reduce((s, c) => s + (c.values.find((v) => v.category === cat)?.value ?? 0), 0),
  );
  return structure.components.map((c) =>
    structure.categories.map((cat, k) => {
      const v = c.values.find((x) => x.category === cat)?.value ?? null;
      return v === null || totals[k]! <= 0 ? null : (v / totals[k]!) * 100;
    }),
  );
}

export function buildStructureChart(structure: StructureDto): ChartSpec {
  const shares = normaliseShares(structure);
  const raw = structure.components.map((c) => structure.categories.map((cat) => c.values.find((v) => v.category === cat)?.value ?? null));
  const series = structure.components.map((c, i) => ({
    type: "bar" as const,
    name: c.name,
    stack: "total",
    barMaxWidth: 48,
    itemStyle: { color: SERIES_COLORS[i % SERIES_COLORS.length], decal: DECALS[i % DECALS.length] },
    color: SERIES_COLORS[i % SERIES_COLORS.length],
    label: { show: true, formatter: (p: { value: unknown }) => (typeof p.value === "number" && p.value >= 6 ? formatVnNumber(p.value, 1) : ""), fontSize: 10, color: "#fff", textBorderColor: "rgba(0,0,0,0.6)", textBorderWidth: 2 },
    data: shares[i]!,
  }));
  const option: EChartsOption = {
    ...baseOption(),
    color: SERIES_COLORS,
    grid: { left: 8, right: 16, top: 36, bottom: 8 },
    legend: { top: 0, type: "scroll", textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      confine: true,
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ seriesIndex: number; dataIndex: number; seriesName: string; axisValue: string; marker: string }>;
        const head = list[0] ? `<b>${esc(list[0].axisValue)}</b>` : "";
        return [
          head,
          ...list.map((p) => {
            const v = raw[p.seriesIndex]?.[p.dataIndex] ?? null;
            const s = shares[p.seriesIndex]?.[p.dataIndex] ?? null;
            return `${p.marker}${esc(p.seriesName)}: <b>${v === null ? "—" : `${formatVnNumber(v)}%`}</b>${s !== null && v !== null && Math.abs(s - v) > 0.05 ? ` (tỷ trọng vẽ ${formatVnNumber(s, 1)}%)` : ""}`;
          }),
        ].join("<br/>");
      },
    },
    xAxis: { type: "category", data: structure.categories, axisLabel: { interval: 0, hideOverlap: true, fontSize: 11 } },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: (v: number) => `${axisNumber(v)}%` } },
    series,
  };
  const table: ChartTable = {
    columns: ["Cột", ...structure.components.map((c) => `${c.name} (%)`)],
    rows: structure.categories.map((cat, k) => [cat, ...raw.map((r) => r[k] ?? null)]),
    decimals: [null, ...structure.components.map(() => null)],
  };
  const subtitle = structure.source === "composite" ? "Cơ cấu theo mục tiêu ghép" : "Tỷ trọng các thành phần (tổng 100%)";
  return { key: structure.key, title: structure.name, subtitle, option, table, height: 260 };
}
