// One indicator's yearly series against its target. The target is drawn on the series it is judged on:
//   last, mean, growthMean, or "/năm" with sum → the yearly values;
//   sum for the whole period ("440.000")       → the cumulative sum from the first year of the period;
//   cagr / changePerYear                       → the change from the year before (right axis).
// A range target is a band (markArea between min and max); a single value or bound is a dashed line. The verdict
// badge beside the chart says which way is better; the target's legend entry says it too for lower-is-better rows.

import type { EChartsOption } from "echarts";
import { DIRECTION_LABELS, VALUE_STATUS_SHORT_LABELS, type IndicatorAnalysisDto, type YearPointDto } from "@tonghop/contracts";
import { baseOption, esc, type ChartSpec } from "./base";
import type { ChartTable } from "./table";
import { BAND_FILL, LINE_TYPES, SERIES_COLORS, SYMBOLS, TARGET_COLOR } from "./theme";
import { axisNumber, valueText } from "./vn-format";

export type TargetMode = "level" | "cumulative" | "growth" | "change";

/** On which series a target is judged (see the top of this file). */
export function targetMode(item: Pick<IndicatorAnalysisDto, "aggregation" | "target">): TargetMode {
  switch (item.aggregation) {
    case "sum":
      return item.target?.perYear ? "level" : "cumulative";
    case "cagr":
      return "growth";
    case "changePerYear":
      return "change";
    default:
      return "level";
  }
}

function periodYears(period: string): number[] {
  const m = /^(\d{4})-(\d{4})$/.exec(period);
  if (m) {
    const out: number[] = [];
    for (let y = Number(m[1]); y <= Number(m[2]); y++) out.push(y);
    return out;
  }
  return /^\d{4}$/.test(period) ? [Number(period)] : [];
}

/** The years of the chart: the item's year columns, extended to the target period. */
function chartYears(item: IndicatorAnalysisDto): number[] {
  const set = new Set(item.years);
  for (const s of item.series) for (const p of s.points) set.add(p.year);
  if (item.target) for (const y of periodYears(item.target.period)) if (set.size === 0 || (y >= Math.min(...set) - 1 && y <= Math.max(...set) + 1)) set.add(y);
  return [...set].sort((a, b) => a - b);
}

export interface TargetLevel {
  kind: "band" | "line";
  min: number;
  max: number;
  label: string;
}

/** The target as drawn: a band for a range, a line otherwise; null when there is nothing to draw. */
export function targetLevel(item: IndicatorAnalysisDto): TargetLevel | null {
  const t = item.target;
  if (!t || t.error || t.comparator === null || t.comparator === "composite") return null;
  const better = item.direction === "lower" ? " (càng thấp càng tốt)" : "";
  if (t.comparator === "range" && t.min !== null && t.max !== null) return { kind: "band", min: t.min, max: t.max, label: `Mục tiêu ${t.text}${better}` };
  if (t.value === null) return null;
  return { kind: "line", min: t.value, max: t.value, label: `Mục tiêu ${t.text}${better}` };
}

function derived(points: YearPointDto[], mode: TargetMode, from: number | null): Array<number | null> {
  const byYear = new Map(points.map((p) => [p.year, p.value]));
  return points.map((p) => {
    if (p.value === null) return null;
    if (mode === "cumulative") {
      if (from === null || p.year < from) return null;
      let sum = 0;
      for (let y = from; y <= p.year; y++) {
        const v = byYear.get(y);
        if (v === null || v === undefined) return null;
        sum += v;
      }
      return sum;
    }
    const prev = byYear.get(p.year - 1);
    if (prev === null || prev === undefined) return null;
    if (mode === "growth") return prev !== 0 ? (p.value / prev - 1) * 100 : null;
    return p.value - prev;
  });
}

const DERIVED_NAMES: Record<Exclude<TargetMode, "level">, string> = {
  cumulative: "Lũy kế",
  growth: "Tăng so với năm trước (%)",
  change: "Thay đổi so với năm trước",
};

export function buildIndicatorChart(item: IndicatorAnalysisDto): ChartSpec {
  const years = chartYears(item);
  const categories = years.map(String);
  const mode = targetMode(item);
  const level = targetLevel(item);
  const targetYears = item.target ? periodYears(item.target.period).filter((y) => years.includes(y)) : [];
  const unit = item.unit;
  const decimals = item.decimals;
  const series: NonNullable<EChartsOption["series"]> & unknown[] = [];
  const table: ChartTable = { columns: ["Năm"], rows: years.map((y) => [String(y)]), decimals: [null] };
  const statusOf = new Map<string, string>();

  item.series.forEach((s, i) => {
    const byYear = new Map(s.points.map((p) => [p.year, p]));
    const symbol = SYMBOLS[i % SYMBOLS.length]!;
    series.push({
      type: "line",
      name: s.areaName,
      connectNulls: false,
      symbol,
      symbolSize: 7,
      lineStyle: { width: s.primary ? 2.5 : 2, type: LINE_TYPES[i % LINE_TYPES.length]! },
      itemStyle: { color: SERIES_COLORS[i % SERIES_COLORS.length] },
      color: SERIES_COLORS[i % SERIES_COLORS.length],
      // Estimates are hollow points.
      data: years.map((y) => {
        const p = byYear.get(y);
        if (!p || p.value === null) return null;
        if (p.status) statusOf.set(`${s.areaName}|${y}`, VALUE_STATUS_SHORT_LABELS[p.status]);
        return p.status === "uoc" ? { value: p.value, symbol: `empty${symbol.charAt(0).toUpperCase()}${symbol.slice(1)}` } : p.value;
      }),
    });
    table.columns.push(unit ? `${s.areaName} (${unit})` : s.areaName);
    table.decimals!.push(decimals);
    table.columns.push(`Trạng thái số liệu ${s.areaName}`);
    table.decimals!.push(null);
    years.forEach((y, k) => {
      const p = byYear.get(y);
      table.rows[k]!.push(p?.value ?? null, p?.status ? VALUE_STATUS_SHORT_LABELS[p.status] : null);
    });
  });

  // The series the target is judged on, when it is not the yearly values themselves.
  const primary = item.series.find((s) => s.primary) ?? item.series[0];
  let judgedAxis = 0;
  if (mode !== "level" && primary && level) {
    const from = targetYears[0] ?? null;
    const byYear = new Map(primary.points.map((p) => [p.year, p]));
    const points = years.map((y) => byYear.get(y) ?? { year: y, value: null, status: null });
    const values = derived(points, mode, mode === "cumulative" ? from : null);
    judgedAxis = mode === "cumulative" ? 0 : 1;
    const name = mode === "cumulative" && from !== null ? `${DERIVED_NAMES.cumulative} từ ${from}` : DERIVED_NAMES[mode];
    series.push({
      type: "bar",
      name,
      yAxisIndex: judgedAxis,
      barMaxWidth: 26,
      itemStyle: { color: "rgba(86,180,233,0.55)" },
      color: "rgba(86,180,233,0.55)",
      data: values,
    });
    table.columns.push(unit && mode === "cumulative" ? `${name} (${unit})` : name);
    table.decimals!.push(mode === "growth" ? 2 : decimals);
    values.forEach((v, k) => table.rows[k]!.push(v));
  }

  if (level && targetYears.length > 0) {
    const first = String(targetYears[0]);
    const last = String(targetYears[targetYears.length - 1]);
    if (level.kind === "band") {
      series.push({
        type: "line",
        name: level.label,
        yAxisIndex: judgedAxis,
        data: years.map(() => null),
        symbol: "none",
        color: TARGET_COLOR,
        lineStyle: { type: "dashed", color: TARGET_COLOR },
        markArea: {
          silent: true,
          itemStyle: { color: BAND_FILL, borderColor: TARGET_COLOR, borderType: "dashed", borderWidth: 1 },
          label: { show: true, position: "insideTop", color: "#262626", formatter: level.label.replace("Mục tiêu ", "Mục tiêu: ") },
          data: [[{ xAxis: first, yAxis: level.min }, { xAxis: last, yAxis: level.max }]],
        },
      });
    } else {
      series.push({
        type: "line",
        name: level.label,
        yAxisIndex: judgedAxis,
        symbol: "none",
        color: TARGET_COLOR,
        lineStyle: { type: "dashed", width: 2, color: TARGET_COLOR },
        data: years.map((y) => (targetYears.includes(y) ? level.min : null)),
      });
    }
    table.columns.push(level.kind === "band" ? "Mục tiêu (cận dưới)" : "Mục tiêu");
    table.decimals!.push(null);
    if (level.kind === "band") {
      table.columns.push("Mục tiêu (cận trên)");
      table.decimals!.push(null);
    }
    years.forEach((y, k) => {
      const inside = targetYears.includes(y);
      table.rows[k]!.push(inside ? level.min : null);
      if (level.kind === "band") table.rows[k]!.push(inside ? level.max : null);
    });
  }

  // Keep the target inside the axis: stretch it to a bound outside the data (null: the automatic, nice extent).
  const lo = level ? level.min : Infinity;
  const hi = level ? level.max : -Infinity;
  const axisRange = (withTarget: boolean) =>
    withTarget
      ? {
          min: ((v: { min: number }) => (lo < v.min ? lo : null)) as unknown as (v: { min: number }) => number,
          max: ((v: { max: number }) => (hi > v.max ? hi : null)) as unknown as (v: { max: number }) => number,
        }
      : {};
  const yAxis: EChartsOption["yAxis"] = [
    { type: "value", scale: true, axisLabel: { formatter: axisNumber }, splitLine: { lineStyle: { color: "#f0f0f0" } }, ...axisRange(judgedAxis === 0 && level !== null) },
  ];
  if (judgedAxis === 1) {
    yAxis.push({ type: "value", scale: true, axisLabel: { formatter: axisNumber }, splitLine: { show: false }, ...axisRange(level !== null) });
  }

  const option: EChartsOption = {
    ...baseOption(),
    color: SERIES_COLORS,
    grid: { left: 8, right: judgedAxis === 1 ? 8 : 16, top: series.length > 1 ? 36 : 12, bottom: 8 },
    legend: { show: series.length > 1, top: 0, itemWidth: 22, textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: "axis",
      confine: true,
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ seriesName: string; axisValue: string; value: unknown; marker: string }>;
        const head = list[0] ? `<b>Năm ${esc(list[0].axisValue)}</b>` : "";
        const lines = list
          .filter((p) => typeof (p.value as { value?: unknown } | number | null) === "number" || (p.value !== null && typeof p.value === "object"))
          .map((p) => {
            const v = typeof p.value === "number" ? p.value : ((p.value as { value?: number }).value ?? null);
            const status = statusOf.get(`${p.seriesName}|${p.axisValue}`);
            return `${p.marker}${esc(p.seriesName)}: <b>${esc(valueText(v, decimals, p.seriesName.startsWith(DERIVED_NAMES.growth) ? "%" : unit))}</b>${status ? ` (${esc(status)})` : ""}`;
          });
        return [head, ...lines].join("<br/>");
      },
    },
    xAxis: { type: "category", data: categories, boundaryGap: mode !== "level", axisTick: { alignWithLabel: true } },
    yAxis,
    series: series,
  };
  const sub = [unit ? `Đơn vị: ${unit}` : "", DIRECTION_LABELS[item.direction]].filter(Boolean).join(" · ");
  return { key: item.key, title: [item.tt, item.name].filter(Boolean).join(". "), subtitle: sub, option, table, height: 230 };
}

