// Campaign operations: completeness and timeliness by day (lines, milestones as vertical lines) and the agencies
// ranked by the share of their work sent (bars).

import type { EChartsOption } from "echarts";
import { formatVnDate } from "@tonghop/domain";
import type { AgencyRankDto, OperationsDto } from "@tonghop/contracts";
import { baseOption, esc, type ChartSpec } from "./base";
import type { ChartTable } from "./table";
import { DECALS, OKABE_ITO } from "./theme";
import { percentText } from "./vn-format";

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

export function buildProgressChart(ops: OperationsDto): ChartSpec {
  const dates = ops.days.map((d) => formatVnDate(d.date));
  const lines = [
    { name: "Đã gửi", color: OKABE_ITO.blue, type: "solid" as const, symbol: "circle", value: (d: OperationsDto["days"][number]) => pct(d.sent) },
    { name: "Đã tiếp nhận", color: OKABE_ITO.bluishGreen, type: "dashed" as const, symbol: "triangle", value: (d: OperationsDto["days"][number]) => pct(d.accepted) },
    { name: "Gửi đúng hạn (trong số đã đến hạn)", color: OKABE_ITO.vermillion, type: "dotted" as const, symbol: "diamond", value: (d: OperationsDto["days"][number]) => pct(d.onTime) },
    { name: "Đã đến hạn", color: OKABE_ITO.grey, type: "dashed" as const, symbol: "none", value: (d: OperationsDto["days"][number]) => pct(d.due) },
  ];
  const dueLines = ops.milestones
    .filter((m) => ops.days.some((d) => d.date === m.due))
    .map((m) => ({ xAxis: formatVnDate(m.due), label: { formatter: `${m.code}: ${formatVnDate(m.due)}`, fontSize: 10 } }));
  const series = lines.map((l, i) => ({
    type: "line" as const,
    name: l.name,
    symbol: l.symbol,
    symbolSize: 5,
    showSymbol: ops.days.length <= 40,
    step: "end" as const,
    color: l.color,
    lineStyle: { type: l.type, width: i === 0 ? 2.5 : 2, color: l.color },
    itemStyle: { color: l.color },
    data: ops.days.map(l.value),
    ...(i === 0 && dueLines.length
      ? { markLine: { silent: true, symbol: "none", lineStyle: { color: "#000", type: "dashed" as const, width: 1 }, data: dueLines } }
      : {}),
  }));
  const option: EChartsOption = {
    ...baseOption(),
    grid: { left: 8, right: 24, top: 40, bottom: 8 },
    legend: { top: 0 },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ seriesName: string; axisValue: string; value: unknown; marker: string }>;
        return [`<b>${esc(list[0]?.axisValue ?? "")}</b>`, ...list.map((p) => `${p.marker}${esc(p.seriesName)}: <b>${typeof p.value === "number" ? percentText(p.value / 100) : "—"}</b>`)].join("<br/>");
      },
    },
    xAxis: { type: "category", data: dates, boundaryGap: false },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
    series,
  };
  const table: ChartTable = {
    columns: ["Ngày", ...lines.map((l) => `${l.name} (%)`)],
    rows: ops.days.map((d) => [formatVnDate(d.date), ...lines.map((l) => l.value(d))]),
    decimals: [null, 1, 1, 1, 1],
  };
  return { key: "operations:progress", title: "Mức đầy đủ và đúng hạn theo thời gian", subtitle: "Tỷ lệ phần việc của các cơ quan", option, table, height: 300 };
}

/** Agencies ranked: share of their work sent and share sent by the due date. */
export function buildAgencyRankingChart(agencies: AgencyRankDto[], limit = 30): ChartSpec {
  const shown = agencies.slice(0, limit);
  const ordered = [...shown].reverse();
  const bars = [
    { name: "Đã gửi", color: OKABE_ITO.blue, decal: DECALS[0]!, value: (a: AgencyRankDto) => pct(a.completion) },
    { name: "Gửi đúng hạn", color: OKABE_ITO.orange, decal: DECALS[1]!, value: (a: AgencyRankDto) => pct(a.timeliness) },
  ];
  const option: EChartsOption = {
    ...baseOption(),
    grid: { left: 8, right: 40, top: 36, bottom: 8 },
    legend: { top: 0 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as Array<{ dataIndex: number }>;
        const a = ordered[list[0]?.dataIndex ?? 0];
        if (!a) return "";
        return [
          `<b>${esc(a.agencyName)}</b>`,
          `Đã gửi: <b>${a.sent}/${a.total}</b> (${percentText(a.completion)})`,
          `Đã tiếp nhận: ${a.accepted}`,
          `Gửi đúng hạn: ${a.onTime}${a.timeliness === null ? "" : ` (${percentText(a.timeliness)})`}`,
          a.late ? `Gửi muộn: ${a.late}` : "",
          a.overdue ? `Quá hạn chưa gửi: ${a.overdue}` : "",
          a.returned ? `Bị trả lại: ${a.returned}` : "",
        ]
          .filter(Boolean)
          .join("<br/>");
      },
    },
    xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
    yAxis: { type: "category", data: ordered.map((a) => a.agencyName), axisLabel: { width: 240, overflow: "truncate", fontSize: 11 } },
    series: bars.map((b) => ({
      type: "bar" as const,
      name: b.name,
      barMaxWidth: 10,
      color: b.color,
      itemStyle: { color: b.color, decal: b.decal },
      data: ordered.map(b.value),
    })),
  };
  const table: ChartTable = {
    columns: ["Cơ quan", "Số phần việc", "Đã gửi", "Đã tiếp nhận", "Gửi đúng hạn", "Gửi muộn", "Quá hạn chưa gửi", "Bị trả lại", "Tỷ lệ đã gửi (%)", "Tỷ lệ đúng hạn (%)", "Số ngày làm việc chậm bình quân"],
    rows: agencies.map((a) => [a.agencyName, a.total, a.sent, a.accepted, a.onTime, a.late, a.overdue, a.returned, pct(a.completion), pct(a.timeliness), a.meanDaysLate]),
    decimals: [null, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1],
  };
  const title = agencies.length > limit ? `Xếp hạng cơ quan (${limit} cơ quan đầu trong ${agencies.length})` : "Xếp hạng cơ quan";
  return { key: "operations:ranking", title, subtitle: "Theo tỷ lệ phần việc đã gửi, rồi tỷ lệ gửi đúng hạn", option, table, height: Math.max(200, 60 + shown.length * 26) };
}
