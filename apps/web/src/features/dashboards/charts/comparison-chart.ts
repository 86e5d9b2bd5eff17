// Comparisons across indicators: the primary area against the other areas for the comparison period (Hải Phòng,
// Cả nước, Vùng), and the primary area's period values side by side (2014-2018 against 2019-2023). Only indicators
// of one group and one unit share a chart (a percentage is never drawn on the axis of billions of đồng); a bucket
// holds at most MAX_PER_CHART indicators. Levels of very different size (a province's exports against the nation's:
// more than LEVEL_RATIO times apart) are not drawn side by side, where the province's bar would vanish: they are
// drawn as the primary area's size relative to each other area, in %.

import type { EChartsOption } from "echarts";
import { formatVnNumber, unitKey } from "@tonghop/domain";
import type { IndicatorAnalysisDto, IndicatorDashboardDto } from "@tonghop/contracts";
import { baseOption, esc, type ChartSpec } from "./base";
import type { ChartTable } from "./table";
import { DECALS, SERIES_COLORS } from "./theme";
import { axisNumberCompact } from "./vn-format";

export const MAX_PER_CHART = 10;
export const LEVEL_RATIO = 10;

interface Bucket {
  groupName: string;
  unit: string;
  items: IndicatorAnalysisDto[];
}

function buckets(items: IndicatorAnalysisDto[]): Bucket[] {
  const map = new Map<string, Bucket>();
  for (const i of items) {
    const key = `${i.groupId ?? ""}|${unitKey(i.unit)}`;
    let b = map.get(key);
    if (!b) {
      b = { groupName: i.groupName, unit: i.unit, items: [] };
      map.set(key, b);
    }
    b.items.push(i);
  }
  const out: Bucket[] = [];
  for (const b of map.values()) {
    for (let k = 0; k < b.items.length; k += MAX_PER_CHART) out.push({ ...b, items: b.items.slice(k, k + MAX_PER_CHART) });
  }
  return out;
}

function shortName(i: IndicatorAnalysisDto): string {
  const parent = i.path.length ? i.path[i.path.length - 1]! : "";
  const bare = !i.tt || i.tt === "-" || i.name.split(/\s+/).length <= 2;
  const name = bare && parent ? `${parent.replace(/[:,]\s*$/, "")} — ${i.name}` : i.name;
  return i.tt && i.tt !== "-" ? `${i.tt}. ${name}` : name;
}

function groupedBars(
  key: string,
  title: string,
  subtitle: string,
  bucket: Bucket,
  seriesDefs: Array<{ name: string; value: (i: IndicatorAnalysisDto) => number | null }>,
): ChartSpec {
  const ordered = [...bucket.items].reverse();
  const decimals = Math.max(0, ...bucket.items.map((i) => i.decimals));
  const series = seriesDefs.map((s, k) => ({
    type: "bar" as const,
    name: s.name,
    barMaxWidth: 14,
    itemStyle: { color: SERIES_COLORS[k % SERIES_COLORS.length], decal: DECALS[k % DECALS.length] },
    color: SERIES_COLORS[k % SERIES_COLORS.length],
    data: ordered.map((i) => s.value(i)),
  }));
  const unitSuffix = bucket.unit.startsWith("%") ? bucket.unit : ` ${bucket.unit}`;
  const option: EChartsOption = {
    ...baseOption(),
    grid: { left: 8, right: 24, top: 36, bottom: 8 },
    legend: { top: 0, textStyle: { fontSize: 12 } },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      confine: true,
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ seriesName: string; axisValue: string; value: unknown; marker: string }>;
        return [
          `<b>${esc(list[0]?.axisValue ?? "")}</b>`,
          ...list.map((p) => `${p.marker}${esc(p.seriesName)}: <b>${typeof p.value === "number" ? esc(formatVnNumber(p.value, decimals) + unitSuffix) : "—"}</b>`),
        ].join("<br/>");
      },
    },
    xAxis: { type: "value", scale: false, splitNumber: 4, axisLabel: { formatter: axisNumberCompact, hideOverlap: true } },
    yAxis: { type: "category", data: ordered.map(shortName), axisLabel: { width: 260, overflow: "truncate", fontSize: 11 } },
    series,
  };
  const table: ChartTable = {
    columns: ["Chỉ tiêu", "Đơn vị", ...seriesDefs.map((s) => s.name)],
    rows: bucket.items.map((i) => [shortName(i), i.unit, ...seriesDefs.map((s) => s.value(i))]),
    decimals: [null, null, ...seriesDefs.map(() => decimals)],
  };
  return { key, title, subtitle, option, table, height: Math.max(180, 60 + bucket.items.length * seriesDefs.length * 16 + bucket.items.length * 10) };
}

/** The comparison period: the one most indicators compare the primary area with others in. */
export function comparisonPeriod(d: IndicatorDashboardDto): { period: string; label: string } | null {
  const count = new Map<string, { n: number; label: string }>();
  for (const i of d.indicators) {
    if (!i.versus) continue;
    const c = count.get(i.versus.period) ?? { n: 0, label: i.versus.label };
    c.n += 1;
    count.set(i.versus.period, c);
  }
  const best = [...count.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  return best ? { period: best[0], label: best[1].label } : null;
}

/** Whether the areas' values are comparable side by side (same order of magnitude). */
export function comparableLevels(i: IndicatorAnalysisDto): boolean {
  const v = i.versus;
  if (!v) return false;
  const values = [v.primaryValue, ...v.others.map((o) => o.value)];
  if (values.some((x) => x <= 0)) return true;
  return Math.max(...values) / Math.min(...values) <= LEVEL_RATIO;
}

/** Primary area against the others (e.g. Hải Phòng, Cả nước, Vùng đồng bằng sông Hồng for 2019-2023). */
export function buildAreaComparisonCharts(d: IndicatorDashboardDto): ChartSpec[] {
  const cp = comparisonPeriod(d);
  if (!cp) return [];
  const all = d.indicators.filter((i) => i.kind === "indicator" && i.versus?.period === cp.period);
  const primary = d.areas.find((a) => a.primary);
  const others = d.areas.filter((a) => !a.primary && all.some((i) => i.versus!.others.some((o) => o.area === a.code)));
  const defs = [primary, ...others]
    .filter((a): a is NonNullable<typeof a> => a !== undefined)
    .map((a) => ({
      name: a.name,
      value: (i: IndicatorAnalysisDto) => (a.primary ? i.versus!.primaryValue : (i.versus!.others.find((o) => o.area === a.code)?.value ?? null)),
    }));
  const levels = buckets(all.filter(comparableLevels)).map((b, k) =>
    groupedBars(`areas:${cp.period}:${k}`, `${b.groupName}: so sánh theo địa bàn, ${cp.label.toLowerCase()}`, `Đơn vị: ${b.unit}`, b, defs),
  );
  // Sizes far apart: the primary area as a share of each other area.
  const relative = all.filter((i) => !comparableLevels(i)).map((i) => ({ ...i, unit: "%" }));
  const shareDefs = others.map((a) => ({
    name: `So với ${a.name}`,
    value: (i: IndicatorAnalysisDto) => {
      const other = i.versus!.others.find((o) => o.area === a.code)?.value;
      return other ? (i.versus!.primaryValue / other) * 100 : null;
    },
  }));
  const shares = buckets(relative).map((b, k) =>
    groupedBars(
      `areas-share:${cp.period}:${k}`,
      `${b.groupName}: quy mô của ${primary?.name ?? ""} so với các địa bàn, ${cp.label.toLowerCase()}`,
      `Tỷ lệ giá trị của ${primary?.name ?? ""} trên giá trị của địa bàn so sánh (%)`,
      { ...b, unit: "%" },
      shareDefs,
    ),
  );
  return [...levels, ...shares];
}

/** The primary area's period values side by side. */
export function buildPeriodComparisonCharts(d: IndicatorDashboardDto): ChartSpec[] {
  const primary = d.areas.find((a) => a.primary)?.code;
  const periodsOf = (i: IndicatorAnalysisDto) => i.periods.filter((p) => p.area === primary && p.value !== null);
  const items = d.indicators.filter((i) => i.kind === "indicator" && new Set(periodsOf(i).map((p) => p.period)).size >= 2);
  if (items.length === 0) return [];
  const periods = [...new Map(items.flatMap((i) => periodsOf(i)).map((p) => [p.period, p.label])).entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const defs = periods.map(([period, label]) => ({ name: label, value: (i: IndicatorAnalysisDto) => i.periods.find((p) => p.area === primary && p.period === period)?.value ?? null }));
  const areaName = d.areas.find((a) => a.primary)?.name ?? "";
  return buckets(items).map((b, k) =>
    groupedBars(`periods:${k}`, `${b.groupName}: ${periods.map((p) => p[1].replace(/^Giai đoạn /, "")).join(" và ")}`, `${areaName} · Đơn vị: ${b.unit}`, b, defs),
  );
}
