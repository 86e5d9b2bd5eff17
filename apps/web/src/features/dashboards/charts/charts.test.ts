import { describe, expect, it } from "vitest";
import type { GroupOverviewDto, IndicatorAnalysisDto, IndicatorDashboardDto, OperationsDto, StructureDto } from "@tonghop/contracts";
import { buildAreaComparisonCharts, buildPeriodComparisonCharts } from "./comparison-chart";
import { buildIndicatorChart, targetMode } from "./indicator-chart";
import { buildAgencyRankingChart, buildProgressChart } from "./operations-chart";
import { buildTrendOverviewChart, buildVerdictOverviewChart } from "./overview-chart";
import { buildStructureChart, normaliseShares } from "./structure-chart";
import { toCsv } from "./table";
import { axisNumber, axisNumberCompact } from "./vn-format";

type AnySeries = {
  type: string;
  name: string;
  data: unknown[];
  markArea?: { data: Array<Array<{ xAxis: string; yAxis: number }>> };
  lineStyle?: { type?: string };
  yAxisIndex?: number;
  itemStyle?: { decal?: unknown };
};
type Axis = { axisLabel: { formatter: (v: number) => string }; min?: (v: { min: number }) => number; max?: (v: { max: number }) => number };

const seriesOf = (o: { series?: unknown }) => o.series as AnySeries[];
const yAxes = (o: { yAxis?: unknown }) => (Array.isArray(o.yAxis) ? o.yAxis : [o.yAxis]) as Axis[];

function item(over: Partial<IndicatorAnalysisDto> = {}): IndicatorAnalysisDto {
  const values = over.series?.[0]?.points ?? [2016, 2017, 2018, 2019, 2020].map((year, i) => ({ year, value: 10 + i, status: "chinh-thuc" as const }));
  return {
    key: "indicator:1",
    kind: "indicator",
    rowId: "00000000-0000-4000-8000-000000000001",
    appendixId: "00000000-0000-4000-8000-000000000002",
    appendixCode: "PL1",
    tt: "5",
    name: "Kim ngạch xuất khẩu",
    path: ["Chỉ tiêu kinh tế"],
    unit: "Tỷ USD",
    indicatorCode: "XK",
    decimals: 1,
    aggregation: "last",
    aggregationLabel: "Giá trị năm cuối kỳ",
    direction: "higher",
    groupId: "g1",
    groupName: "I. Chỉ tiêu kinh tế",
    leadAgencies: [],
    agencyIds: [],
    years: values.map((p) => p.year),
    series: [{ area: "HP", areaName: "Hải Phòng", primary: true, points: values }],
    periods: [],
    target: null,
    evaluation: null,
    verdict: null,
    status: "chinh-thuc",
    trend: null,
    versus: null,
    structureKey: null,
    hasData: true,
    ...over,
  };
}

const target = (text: string, over: Partial<NonNullable<IndicatorAnalysisDto["target"]>>): NonNullable<IndicatorAnalysisDto["target"]> => ({
  period: "2016-2020",
  text,
  comparator: "=",
  value: null,
  min: null,
  max: null,
  components: null,
  perYear: false,
  percent: false,
  error: null,
  ...over,
});

describe("indicator chart", () => {
  it("a range target draws a band (markArea) between min and max over the target period, inside the axis", () => {
    const spec = buildIndicatorChart(item({ target: target("12-17", { comparator: "range", min: 12, max: 17 }) }));
    const band = seriesOf(spec.option).find((s) => s.markArea)!;
    expect(band.name).toBe("Mục tiêu 12-17");
    expect(band.markArea!.data).toEqual([
      [
        { xAxis: "2016", yAxis: 12 },
        { xAxis: "2020", yAxis: 17 },
      ],
    ]);
    // Data 10…14: the axis is stretched to show the whole band.
    expect(yAxes(spec.option)[0]!.max!({ max: 14 })).toBe(17);
    expect(spec.table.columns).toEqual(["Năm", "Hải Phòng (Tỷ USD)", "Trạng thái số liệu Hải Phòng", "Mục tiêu (cận dưới)", "Mục tiêu (cận trên)"]);
  });

  it("a single target is a dashed line at its value over the target years", () => {
    const spec = buildIndicatorChart(item({ target: target("15", { value: 15 }) }));
    const line = seriesOf(spec.option).find((s) => s.name.startsWith("Mục tiêu"))!;
    expect(line.lineStyle!.type).toBe("dashed");
    expect(line.data).toEqual([15, 15, 15, 15, 15]);
    expect(seriesOf(spec.option).some((s) => s.markArea)).toBe(false);
  });

  it("a lower-is-better indicator says so in its target and subtitle; the axis keeps a target below the data", () => {
    const spec = buildIndicatorChart(
      item({ name: "Tỷ lệ thất nghiệp", unit: "%", direction: "lower", target: target("<4", { comparator: "<", value: 4 }), series: [{ area: "HP", areaName: "Hải Phòng", primary: true, points: [4.5, 4.4, 4.3, 4.2, 4.1].map((value, i) => ({ year: 2016 + i, value, status: "chinh-thuc" as const })) }] }),
    );
    expect(seriesOf(spec.option).map((s) => s.name)).toEqual(["Hải Phòng", "Mục tiêu <4 (càng thấp càng tốt)"]);
    expect(spec.subtitle).toBe("Đơn vị: % · Càng thấp càng tốt");
    // The target (4) is below the data (4,1…4,5): the axis starts at the target; otherwise the automatic extent.
    expect(yAxes(spec.option)[0]!.min!({ min: 4.1 })).toBe(4);
    expect(yAxes(spec.option)[0]!.min!({ min: 3.9 })).toBeNull();
  });

  it("a target on the whole period's sum is judged on the cumulative sum", () => {
    const it2 = item({ aggregation: "sum", unit: "tỷ đồng", decimals: 0, target: target("440.000", { value: 440_000 }), series: [{ area: "HP", areaName: "Hải Phòng", primary: true, points: [80, 85, 90, 95, 100].map((v, i) => ({ year: 2016 + i, value: v * 1000, status: "chinh-thuc" as const })) }] });
    expect(targetMode(it2)).toBe("cumulative");
    const cumulative = seriesOf(buildIndicatorChart(it2).option).find((s) => s.name === "Lũy kế từ 2016")!;
    expect(cumulative.data).toEqual([80_000, 165_000, 255_000, 350_000, 450_000]);
    expect(targetMode({ ...it2, target: { ...it2.target!, perYear: true } })).toBe("level");
    expect(targetMode({ ...it2, aggregation: "cagr" })).toBe("growth");
  });

  it("Vietnamese numbers on axes and in tooltips; estimates are hollow points and named in the tooltip", () => {
    expect(axisNumber(84199.2)).toBe("84.199,2");
    expect(axisNumber(0.30000000000000004)).toBe("0,3");
    expect(axisNumber(1_000_000)).toBe("1.000.000");
    expect(axisNumberCompact(1_500_000)).toBe("1,5 triệu");
    expect(axisNumberCompact(500_000)).toBe("500 nghìn");
    expect(axisNumberCompact(2_345_000_000)).toBe("2,35 tỷ");
    expect(axisNumberCompact(9_999.5)).toBe("9.999,5");
    const points = [
      { year: 2019, value: 84199.2, status: "chinh-thuc" as const },
      { year: 2020, value: 90000.25, status: "uoc" as const },
    ];
    const spec = buildIndicatorChart(item({ unit: "tỷ đồng", decimals: 1, series: [{ area: "HP", areaName: "Hải Phòng", primary: true, points }] }));
    expect(yAxes(spec.option)[0]!.axisLabel.formatter(84199.2)).toBe("84.199,2");
    expect(seriesOf(spec.option)[0]!.data[1]).toEqual({ value: 90000.25, symbol: "emptyCircle" });
    const tooltip = (spec.option.tooltip as { formatter: (p: unknown) => string }).formatter([
      { seriesName: "Hải Phòng", axisValue: "2020", value: { value: 90000.25 }, marker: "" },
    ]);
    expect(tooltip).toBe("<b>Năm 2020</b><br/>Hải Phòng: <b>90.000,3 tỷ đồng</b> (Ước)");
  });

  it("decal patterns are on in every chart", () => {
    const d = dashboard();
    const specs = [
      buildIndicatorChart(item()),
      buildStructureChart(structure()),
      buildVerdictOverviewChart(d.overview),
      ...buildAreaComparisonCharts(d),
      buildProgressChart(operations()),
      buildAgencyRankingChart(operations().agencies),
    ];
    for (const s of specs) expect(s.option.aria).toEqual({ enabled: true, decal: { show: true } });
  });
});

function structure(): StructureDto {
  return {
    key: "structure:1",
    rowId: "00000000-0000-4000-8000-000000000009",
    name: "3. Cơ cấu kinh tế",
    groupId: "g1",
    groupName: "I. Chỉ tiêu kinh tế",
    area: "HP",
    source: "sum",
    categories: ["2019", "2020", "Mục tiêu 2016-2020"],
    components: [
      { rowId: "00000000-0000-4000-8000-00000000000a", name: "Dịch vụ", indicatorCode: "DV", target: 57, values: [{ category: "2019", value: 55 }, { category: "2020", value: 28 }, { category: "Mục tiêu 2016-2020", value: 57 }] },
      { rowId: "00000000-0000-4000-8000-00000000000b", name: "Công nghiệp", indicatorCode: "CN", target: 37.7, values: [{ category: "2019", value: 38 }, { category: "2020", value: 19 }, { category: "Mục tiêu 2016-2020", value: 37.7 }] },
      { rowId: "00000000-0000-4000-8000-00000000000c", name: "Nông nghiệp", indicatorCode: "NN", target: 5.3, values: [{ category: "2019", value: 7 }, { category: "2020", value: 3 }, { category: "Mục tiêu 2016-2020", value: 5.3 }] },
    ],
    verdict: null,
    leadAgencyIds: [],
  };
}

describe("structure chart", () => {
  it("draws 100 % stacked bars: each category's parts as shares of its total", () => {
    const shares = normaliseShares(structure());
    // 2020 entered as 28 + 19 + 3 = 50: drawn as 56 %, 38 %, 6 %.
    const drawn = shares.map((s) => s[1]!);
    [56, 38, 6].forEach((v, i) => expect(drawn[i]).toBeCloseTo(v, 10));
    const spec = buildStructureChart(structure());
    const series = seriesOf(spec.option);
    expect(series.every((s) => s.type === "bar" && (s as unknown as { stack: string }).stack === "total")).toBe(true);
    expect(series.map((s) => s.itemStyle!.decal)).toHaveLength(3);
    expect((spec.option.yAxis as { max: number }).max).toBe(100);
    expect(spec.table.rows[1]).toEqual(["2020", 28, 19, 3]);
  });
});

function group(name: string, verdicts: Partial<GroupOverviewDto["verdicts"]>, trend: Partial<GroupOverviewDto["trend"]> = {}): GroupOverviewDto {
  const v = { vuot: 0, dat: 0, "khong-dat": 0, "thieu-so-lieu": 0, none: 0, ...verdicts };
  const t = { better: 0, same: 0, worse: 0, na: 0, ...trend };
  return { groupId: name, groupName: name, indicators: Object.values(v).reduce((a, b) => a + b, 0), verdicts: v, trend: t, versus: { better: 0, same: 0, worse: 0, na: 0 } };
}

function dashboard(): IndicatorDashboardDto {
  const hp = (value: number, vn: number, unit: string, name: string, tt: string) =>
    item({ name, tt, unit, key: `indicator:${name}`, versus: { period: "2019-2023", label: "Giai đoạn 2019-2023", primaryValue: value, others: [{ area: "VN", areaName: "Cả nước", value: vn, difference: value - vn, assessment: value > vn ? "better" : "worse" }] }, periods: [
      { period: "2014-2018", label: "Giai đoạn 2014-2018", area: "HP", areaName: "Hải Phòng", primary: true, value: value - 1, status: "chinh-thuc", computed: false },
      { period: "2019-2023", label: "Giai đoạn 2019-2023", area: "HP", areaName: "Hải Phòng", primary: true, value, status: "chinh-thuc", computed: true },
    ] });
  return {
    campaign: { id: "00000000-0000-4000-8000-0000000000c1", code: "x", name: "X", status: "published", referenceDate: "2024-04-26" },
    areas: [
      { code: "HP", name: "Hải Phòng", primary: true },
      { code: "VN", name: "Cả nước", primary: false },
    ],
    periods: [],
    groups: [{ id: "g1", name: "I. Chỉ tiêu kinh tế" }],
    agencies: [],
    hasTargets: true,
    baseYear: 2016,
    lastYear: 2020,
    indicators: [hp(10.5, 6.5, "%", "Tăng trưởng GRDP", "1"), hp(84199.2, 80000, "tỷ đồng", "GRDP", "2"), hp(12, 9, "%", "Tăng trưởng IIP", "3"), hp(25_000, 500_000, "triệu USD", "Xuất khẩu", "4")],
    overview: [group("I. Kinh tế", { vuot: 3, dat: 2, "khong-dat": 1 }), group("II. Xã hội", { dat: 4, "thieu-so-lieu": 2, none: 1 })],
    totals: group("Tất cả", {}),
    structures: [],
    computedAt: "2024-06-01T00:00:00Z",
  };
}

describe("overview and comparisons", () => {
  it("stacks the verdicts per group with their Vietnamese names, top group first", () => {
    const spec = buildVerdictOverviewChart(dashboard().overview);
    expect(seriesOf(spec.option).map((s) => s.name)).toEqual(["Vượt", "Đạt", "Không đạt", "Chưa đủ số liệu", "Không có mục tiêu"]);
    expect((spec.option.yAxis as { data: string[] }).data).toEqual(["II. Xã hội", "I. Kinh tế"]);
    expect(seriesOf(spec.option)[0]!.data).toEqual([0, 3]);
    expect(spec.table.rows).toEqual([
      ["I. Kinh tế", 3, 2, 1, 0, 0, 6],
      ["II. Xã hội", 0, 4, 0, 2, 1, 7],
    ]);
    const trend = buildTrendOverviewChart([group("I", {}, { better: 5, worse: 2 })], 2018, 2023);
    expect(trend.title).toBe("Biến động năm 2023 so với năm 2018 theo nhóm chỉ tiêu");
    expect(seriesOf(trend.option).map((s) => s.name)).toEqual(["Cải thiện", "Không đổi", "Kém đi", "Không so sánh được"]);
  });

  it("compares areas and periods only within one unit", () => {
    const d = dashboard();
    const areas = buildAreaComparisonCharts(d);
    expect(areas.map((c) => c.subtitle)).toEqual(["Đơn vị: %", "Đơn vị: tỷ đồng", "Tỷ lệ giá trị của Hải Phòng trên giá trị của địa bàn so sánh (%)"]);
    // Exports 20 times smaller than the nation's: drawn as 5 % of the nation, not as a vanishing bar.
    expect(seriesOf(areas[2]!.option).map((s) => s.name)).toEqual(["So với Cả nước"]);
    expect(seriesOf(areas[2]!.option)[0]!.data).toEqual([5]);
    expect((areas[1]!.option.xAxis as Axis).axisLabel.formatter(1_500_000)).toBe("1,5 triệu");
    expect(seriesOf(areas[0]!.option).map((s) => s.name)).toEqual(["Hải Phòng", "Cả nước"]);
    expect(seriesOf(areas[0]!.option)[0]!.data).toEqual([12, 10.5]);
    expect(areas[0]!.title).toBe("I. Chỉ tiêu kinh tế: so sánh theo địa bàn, giai đoạn 2019-2023");
    const periods = buildPeriodComparisonCharts(d);
    expect(seriesOf(periods[0]!.option).map((s) => s.name)).toEqual(["Giai đoạn 2014-2018", "Giai đoạn 2019-2023"]);
    expect(periods[0]!.table.rows[0]).toEqual(["1. Tăng trưởng GRDP", "%", 9.5, 10.5]);
  });
});

function operations(): OperationsDto {
  return {
    campaign: { id: "00000000-0000-4000-8000-0000000000c1", name: "X", status: "published" },
    today: "2024-05-12",
    totals: { assignments: 2, sent: 1, accepted: 0, returned: 0, due: 2, onTime: 1, overdue: 1 },
    days: [
      { date: "2024-05-09", sent: 0.5, accepted: 0, due: 0, onTime: null },
      { date: "2024-05-10", sent: 0.5, accepted: 0, due: 1, onTime: 0.5 },
    ],
    milestones: [{ code: "M1", due: "2024-05-10", deliverable: "Báo cáo", wording: "trước ngày 10/5/2024" }],
    agencies: [
      { agencyId: "00000000-0000-4000-8000-0000000000a1", agencyName: "Sở A", total: 1, sent: 1, accepted: 0, returned: 0, onTime: 1, late: 0, overdue: 0, completion: 1, timeliness: 1, meanDaysLate: 0 },
      { agencyId: "00000000-0000-4000-8000-0000000000a2", agencyName: "Sở B", total: 1, sent: 0, accepted: 0, returned: 0, onTime: 0, late: 0, overdue: 1, completion: 0, timeliness: 0, meanDaysLate: 2 },
    ],
    slowest: [],
  };
}

describe("operations charts", () => {
  it("draws shares in % by day with the milestones as vertical lines", () => {
    const spec = buildProgressChart(operations());
    const series = seriesOf(spec.option);
    expect(series.map((s) => s.name)).toEqual(["Đã gửi", "Đã tiếp nhận", "Gửi đúng hạn (trong số đã đến hạn)", "Đã đến hạn"]);
    expect(series[0]!.data).toEqual([50, 50]);
    expect(series[2]!.data).toEqual([null, 50]);
    expect((series[0] as unknown as { markLine: { data: Array<{ xAxis: string }> } }).markLine.data[0]!.xAxis).toBe("10/5/2024");
    expect((spec.option.xAxis as { data: string[] }).data).toEqual(["09/5/2024", "10/5/2024"]);
  });

  it("ranks agencies best first", () => {
    const spec = buildAgencyRankingChart(operations().agencies);
    expect((spec.option.yAxis as { data: string[] }).data).toEqual(["Sở B", "Sở A"]);
    expect(spec.table.rows.map((r) => r[0])).toEqual(["Sở A", "Sở B"]);
  });
});

describe("CSV", () => {
  it("UTF-8 with BOM, semicolons, decimal commas, Vietnamese headers, quoted text when needed", () => {
    const csv = toCsv({ columns: ["Năm", "Giá trị (tỷ đồng)", "Ghi chú"], rows: [["2019", 84199.2, "ước; sơ bộ"], ["2020", null, 'nói "tạm"']], decimals: [null, 1, null] });
    expect(csv).toBe('\uFEFFNăm;Giá trị (tỷ đồng);Ghi chú\r\n2019;84199,2;"ước; sơ bộ"\r\n2020;;"nói ""tạm"""\r\n');
  });
});
