// Group overview: per group, how many indicators exceeded, met or missed their target or lack data (stacked bars);
// for campaigns without targets, how many improved since the base year, and how many are better than the first
// comparison area.

import type { EChartsOption } from "echarts";
import { TREND_LABELS, VERSUS_LABELS, type AssessmentKey, type GroupOverviewDto } from "@tonghop/contracts";
import { baseOption, esc, type ChartSpec } from "./base";
import type { ChartTable } from "./table";
import { ASSESSMENT_STYLES, VERDICT_ORDER, VERDICT_STYLES } from "./theme";

function stackedBars(
  key: string,
  title: string,
  subtitle: string,
  groups: GroupOverviewDto[],
  parts: Array<{ name: string; color: string; decal: object; value: (g: GroupOverviewDto) => number }>,
): ChartSpec {
  // Top to bottom in the campaign's order.
  const ordered = [...groups].reverse();
  const series = parts.map((p) => ({
    type: "bar" as const,
    name: p.name,
    stack: "n",
    barMaxWidth: 28,
    itemStyle: { color: p.color, decal: p.decal },
    color: p.color,
    label: { show: true, formatter: (x: { value: unknown }) => (typeof x.value === "number" && x.value > 0 ? String(x.value) : ""), color: "#000", textBorderColor: "#fff", textBorderWidth: 2 },
    data: ordered.map((g) => p.value(g)),
  }));
  const option: EChartsOption = {
    ...baseOption(),
    grid: { left: 8, right: 24, top: 36, bottom: 8 },
    legend: { top: 0, textStyle: { fontSize: 12 } },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ seriesName: string; axisValue: string; value: number; marker: string }>;
        const total = list.reduce((s, p) => s + (Number(p.value) || 0), 0);
        return [`<b>${esc(list[0]?.axisValue ?? "")}</b> (${total} chỉ tiêu)`, ...list.filter((p) => p.value > 0).map((p) => `${p.marker}${esc(p.seriesName)}: <b>${p.value}</b>`)].join("<br/>");
      },
    },
    xAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (v: number) => String(v) } },
    yAxis: { type: "category", data: ordered.map((g) => g.groupName), axisLabel: { width: 220, overflow: "truncate", fontSize: 12 } },
    series,
  };
  const table: ChartTable = {
    columns: ["Nhóm chỉ tiêu", ...parts.map((p) => p.name), "Tổng số chỉ tiêu"],
    rows: groups.map((g) => [g.groupName, ...parts.map((p) => p.value(g)), g.indicators]),
  };
  return { key, title, subtitle, option, table, height: Math.max(160, 70 + groups.length * 38) };
}

/** Verdicts per group (campaigns with targets). */
export function buildVerdictOverviewChart(groups: GroupOverviewDto[]): ChartSpec {
  const parts = VERDICT_ORDER.map((v) => {
    const s = VERDICT_STYLES[v];
    return { name: s.label, color: s.color, decal: s.decal, value: (g: GroupOverviewDto) => g.verdicts[v] };
  });
  return stackedBars("overview:verdicts", "Kết quả thực hiện so với mục tiêu theo nhóm chỉ tiêu", "Số chỉ tiêu vượt, đạt, không đạt mục tiêu", groups, parts);
}

const ASSESSMENT_ORDER: Array<AssessmentKey | "na"> = ["better", "same", "worse", "na"];

/** Change since the base year per group (campaigns compared over years). */
export function buildTrendOverviewChart(groups: GroupOverviewDto[], baseYear: number | null, lastYear: number | null): ChartSpec {
  const parts = ASSESSMENT_ORDER.map((a) => ({ name: TREND_LABELS[a], color: ASSESSMENT_STYLES[a].color, decal: ASSESSMENT_STYLES[a].decal, value: (g: GroupOverviewDto) => g.trend[a] }));
  const span = baseYear !== null && lastYear !== null ? `năm ${lastYear} so với năm ${baseYear}` : "năm cuối so với năm đầu";
  return stackedBars("overview:trend", `Biến động ${span} theo nhóm chỉ tiêu`, "Theo chiều tốt của từng chỉ tiêu", groups, parts);
}

/** The primary area against the first other area, per group. */
export function buildVersusOverviewChart(groups: GroupOverviewDto[], primaryName: string, otherName: string, periodLabel: string): ChartSpec {
  const parts = ASSESSMENT_ORDER.map((a) => ({ name: VERSUS_LABELS[a], color: ASSESSMENT_STYLES[a].color, decal: ASSESSMENT_STYLES[a].decal, value: (g: GroupOverviewDto) => g.versus[a] }));
  return stackedBars("overview:versus", `${primaryName} so với ${otherName} (${periodLabel})`, "Theo chiều tốt của từng chỉ tiêu", groups, parts);
}
