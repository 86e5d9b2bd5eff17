import { describe, expect, it } from "vitest";
import type { TemplateArea } from "@tonghop/contracts";
import { analyseIndicators, baseYears, filterDashboard, type AnalysisIndicator, type AnalysisInput, type AnalysisRow, type AnalysisValue } from "./indicator-analysis.js";

// A small campaign built in memory: years 2016-2020 for the primary area, the period 2016-2020 (computed), the same
// period for the nation (entered), a target column and an evaluation column.
const AREAS: TemplateArea[] = [
  { code: "HP", name: "Hải Phòng", primary: true },
  { code: "VN", name: "Cả nước" },
];
const APPENDIX = {
  id: "00000000-0000-4000-8000-0000000000a1",
  code: "PL1",
  title: "Phụ lục I",
  subtitle: "CHỈ TIÊU",
  sortOrder: 1,
  kind: "indicators",
  config: {
    kind: "indicators",
    code: "PL1",
    title: "Phụ lục I",
    stubColumns: { tt: "TT", name: "Chỉ tiêu", unit: "ĐVT" },
    columns: [
      { kind: "target", period: "2016-2020", title: "Mục tiêu" },
      { kind: "group", title: "Thực hiện", years: { from: 2016, to: 2020 } },
      { kind: "value", period: "2016-2020", title: "Cả giai đoạn" },
      { kind: "value", period: "2016-2020", area: "VN", title: "Cả nước" },
      { kind: "evaluation", period: "2016-2020", title: "Đánh giá" },
    ],
    validations: [{ kind: "sum", of: ["CC_A", "CC_B"], equals: 100, tolerance: 0.1 }],
  },
};

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
const AGENCY = "00000000-0000-4000-8000-0000000000f1";
const OTHER_AGENCY = "00000000-0000-4000-8000-0000000000f2";

function indicator(code: string, over: Partial<AnalysisIndicator> = {}): AnalysisIndicator {
  return { id: uuid(), code, name: code, unit: "%", direction: "higher", aggregation: "last", decimals: 1, expression: null, ...over };
}

function row(over: Partial<AnalysisRow> & { name: string }): AnalysisRow {
  return {
    id: uuid(),
    appendixId: APPENDIX.id,
    parentId: null,
    sortOrder: ++n,
    tt: null,
    indicatorId: null,
    unit: null,
    target: null,
    aggregation: null,
    direction: null,
    decimals: null,
    lead: [],
    addedByAgencyId: null,
    ...over,
  };
}

function years(ind: AnalysisIndicator, values: Array<number | null>, status = "chinh-thuc", from = 2016): AnalysisValue[] {
  return values.map((v, i) => ({ indicatorId: ind.id, period: String(from + i), area: "HP", value: v, status }));
}

function build(rows: AnalysisRow[], indicators: AnalysisIndicator[], values: AnalysisValue[]): AnalysisInput {
  return {
    campaign: { id: uuid(), code: "thu", name: "Thử", status: "published", referenceDate: "2020-06-06", areas: AREAS, periods: [{ key: "2016-2020" }] },
    appendices: [APPENDIX],
    rows,
    indicators,
    values,
    agencyName: (id) => (id === AGENCY ? "Sở Thử" : "Sở Khác"),
    expandRef: (ref) => (ref.kind === "agency" ? [ref.id] : [AGENCY, OTHER_AGENCY]),
    now: new Date("2020-07-01T00:00:00Z"),
  };
}

describe("analyseIndicators", () => {
  it("judges growth (geometric mean) against a per-year target and aggregates the computed period", () => {
    const g = indicator("GROWTH", { aggregation: "growthMean", decimals: 2 });
    const group = row({ tt: "I", name: "KINH TẾ" });
    const r = row({ tt: "1", name: "Tăng trưởng GRDP", parentId: group.id, indicatorId: g.id, target: "10,5%/năm", lead: [{ kind: "agency", id: AGENCY, name: "Sở Thử" }] });
    const vn = { indicatorId: g.id, period: "2016-2020", area: "VN", value: 6.8, status: "chinh-thuc" };
    const d = analyseIndicators(build([group, r], [g], [...years(g, [10, 11, 12, 13, 14]), vn]));
    const item = d.indicators[0]!;
    const geo = (Math.pow(1.1 * 1.11 * 1.12 * 1.13 * 1.14, 1 / 5) - 1) * 100;
    expect(item.periods.map((p) => [p.area, p.computed])).toEqual([
      ["HP", true],
      ["VN", false],
    ]);
    expect(item.periods[0]!.value).toBeCloseTo(geo, 10);
    expect(item.evaluation).toMatchObject({ period: "2016-2020", verdict: "vuot", label: "Vượt", value: 11.99, gap: 1.49, status: "chinh-thuc", missingYears: [] });
    expect(item.groupName).toBe("I. KINH TẾ");
    expect(item.path).toEqual(["KINH TẾ"]);
    expect(item.versus).toMatchObject({ period: "2016-2020", others: [{ area: "VN", assessment: "better" }] });
    expect(item.trend).toMatchObject({ fromYear: 2016, toYear: 2020, change: 4, assessment: "better" });
    expect(item.leadAgencies).toEqual([{ id: AGENCY, name: "Sở Thử" }]);
    expect(d.totals.verdicts).toEqual({ vuot: 1, dat: 0, "khong-dat": 0, "thieu-so-lieu": 0, none: 0 });
    expect(d.hasTargets).toBe(true);
  });

  it("judges a lower-is-better indicator the right way: falling is better, below a plain target exceeds it", () => {
    const u = indicator("UNEMPLOYMENT", { direction: "lower", decimals: 1 });
    const r1 = row({ name: "Thất nghiệp", indicatorId: u.id, target: "4" });
    const d = analyseIndicators(build([r1], [u], years(u, [4.6, 4.4, 4.2, 4.0, 3.7])));
    const item = d.indicators[0]!;
    expect(item.evaluation!.verdict).toBe("vuot");
    expect(item.evaluation!.gap).toBe(-0.3);
    expect(item.trend!.assessment).toBe("better");
    // The same figures for a higher-is-better indicator are a miss.
    const h = indicator("HIGHER", { direction: "higher", decimals: 1 });
    const r2 = row({ name: "Cao hơn là tốt", indicatorId: h.id, target: "4" });
    const d2 = analyseIndicators(build([r2], [h], years(h, [4.6, 4.4, 4.2, 4.0, 3.7])));
    expect(d2.indicators[0]!.evaluation!.verdict).toBe("khong-dat");
    expect(d2.indicators[0]!.trend!.assessment).toBe("worse");
  });

  it("a range target: inside is Đạt, above is Vượt for higher-is-better; a neutral indicator is judged only on a range or a bound", () => {
    const e = indicator("EXPORT", { decimals: 1 });
    const inside = row({ name: "Xuất khẩu", indicatorId: e.id, target: "12-17" });
    expect(analyseIndicators(build([inside], [e], years(e, [8, 9, 10, 11, 15]))).indicators[0]!.verdict).toBe("dat");
    expect(analyseIndicators(build([inside], [e], years(e, [8, 9, 10, 11, 18]))).indicators[0]!.verdict).toBe("vuot");
    expect(analyseIndicators(build([inside], [e], years(e, [8, 9, 10, 11, 11.9]))).indicators[0]!.verdict).toBe("khong-dat");

    const neutral = indicator("NEUTRAL", { direction: "neutral", decimals: 1 });
    const ranged = row({ name: "Trung tính, khoảng", indicatorId: neutral.id, target: "12-17" });
    expect(analyseIndicators(build([ranged], [neutral], years(neutral, [1, 1, 1, 1, 18]))).indicators[0]!.verdict).toBe("khong-dat");
    expect(analyseIndicators(build([ranged], [neutral], years(neutral, [1, 1, 1, 1, 13]))).indicators[0]!.verdict).toBe("dat");
    const floor = row({ name: "Trung tính, tối thiểu", indicatorId: neutral.id, target: "tối thiểu 12" });
    expect(analyseIndicators(build([floor], [neutral], years(neutral, [1, 1, 1, 1, 20]))).indicators[0]!.verdict).toBe("dat");
    const plain = row({ name: "Trung tính, một số", indicatorId: neutral.id, target: "12" });
    const d = analyseIndicators(build([plain], [neutral], years(neutral, [1, 1, 1, 1, 20])));
    expect(d.indicators[0]!.verdict).toBeNull();
    expect(d.indicators[0]!.evaluation!.label).toBe("Không đánh giá");
    expect(d.indicators[0]!.trend!.assessment).toBeNull();
    expect(d.totals.verdicts.none).toBe(1);
  });

  it("a missing year leaves the evaluation without a verdict-worthy value; the weakest status of the figures used is kept", () => {
    const s = indicator("SUM", { aggregation: "sum", decimals: 0, unit: "tỷ đồng" });
    const r = row({ name: "Vốn", indicatorId: s.id, target: "440.000" });
    const d = analyseIndicators(build([r], [s], years(s, [80_000, 85_000, null, 95_000, 100_000])));
    expect(d.indicators[0]!.evaluation).toMatchObject({ verdict: "thieu-so-lieu", label: "Chưa đủ số liệu", missingYears: [2018] });
    const mixed = [...years(s, [80_000, 85_000, 90_000, 95_000], "chinh-thuc"), { indicatorId: s.id, period: "2020", area: "HP", value: 100_000, status: "uoc" }];
    const d2 = analyseIndicators(build([r], [s], mixed));
    expect(d2.indicators[0]!.evaluation).toMatchObject({ verdict: "vuot", value: 450_000, status: "uoc" });
    expect(d2.indicators[0]!.status).toBe("uoc");
  });

  it("cagr reads the year before the period; a period entered as one figure is compared directly", () => {
    expect(baseYears("cagr", [2016, 2017, 2018])).toEqual([2015, 2016, 2017, 2018]);
    expect(baseYears("sum", [2016, 2017])).toEqual([2016, 2017]);
    const jobs = indicator("JOBS", { aggregation: "sum", decimals: 0, unit: "người" });
    const r = row({ name: "Việc làm", indicatorId: jobs.id, target: "52.000/năm" });
    // Only the period figure (no years): 270.000 over 5 years = 54.000 per year.
    const d = analyseIndicators(build([r], [jobs], [{ indicatorId: jobs.id, period: "2016-2020", area: "HP", value: 270_000, status: "so-bo" }]));
    expect(d.indicators[0]!.evaluation).toMatchObject({ verdict: "vuot", value: 54_000, status: "so-bo" });
  });

  it("a composite target is judged as one item (worst part) and drawn as a structure; shares under a sum rule are a structure too", () => {
    const dv = indicator("CC_A", { decimals: 1 });
    const cn = indicator("CC_C", { decimals: 1 });
    const nl = indicator("CC_B", { direction: "lower", decimals: 1 });
    const p3 = row({ tt: "3", name: "Cơ cấu kinh tế", target: "57 - 37,7 - 5,3" });
    const rDv = row({ tt: "-", name: "Dịch vụ", parentId: p3.id, indicatorId: dv.id });
    const rCn = row({ tt: "-", name: "Công nghiệp - xây dựng", parentId: p3.id, indicatorId: cn.id });
    const rNl = row({ tt: "-", name: "Nông nghiệp", parentId: p3.id, indicatorId: nl.id });
    // 2020: services 58 ≥ 57 (Vượt), industry 37 < 37,7 (Không đạt), agriculture 5,0 < 5,3 with lower better (Vượt).
    const values = [...years(dv, [50, 52, 54, 56, 58]), ...years(cn, [42, 41, 40, 38.5, 37]), ...years(nl, [8, 7, 6, 5.5, 5.0])];
    const d = analyseIndicators(build([p3, rDv, rCn, rNl], [dv, cn, nl], values));
    const composite = d.indicators.find((i) => i.kind === "composite")!;
    expect(composite.structureKey).toBe(`structure:${p3.id}`);
    expect(composite.verdict).toBe("khong-dat");
    expect(composite.evaluation!.note).toBe("Dịch vụ: Vượt; Công nghiệp - xây dựng: Không đạt; Nông nghiệp: Vượt");
    const s = d.structures.find((x) => x.rowId === p3.id)!;
    expect(s.source).toBe("composite");
    expect(s.verdict).toBe("khong-dat");
    expect(s.categories).toEqual(["2016", "2017", "2018", "2019", "2020", "Giai đoạn 2016-2020", "Cả nước (2016-2020)", "Mục tiêu 2016-2020"]);
    expect(s.components.map((x) => x.target)).toEqual([57, 37.7, 5.3]);
    expect(s.components[0]!.values.at(-1)).toEqual({ category: "Mục tiêu 2016-2020", value: 57 });
    expect(s.components[0]!.values.find((v) => v.category === "Giai đoạn 2016-2020")!.value).toBe(58);

    // Two shares that a sum rule of 100 covers, each with a plain target: a structure with the targets as last bar.
    const top = row({ tt: "4", name: "Cơ cấu" });
    const sa = row({ name: "A", parentId: top.id, indicatorId: dv.id, target: "60" });
    const sb = row({ name: "B", parentId: top.id, indicatorId: nl.id, target: "40" });
    const d2 = analyseIndicators(build([top, sa, sb], [dv, nl], [...years(dv, [55, 56, 57, 58, 61]), ...years(nl, [45, 44, 43, 42, 39])]));
    const s2 = d2.structures.find((x) => x.rowId === top.id)!;
    expect(s2.source).toBe("sum");
    expect(s2.name).toBe("4. Cơ cấu");
    expect(s2.components.map((x) => x.target)).toEqual([60, 40]);
    // A (higher) 61 ≥ 60 Vượt; B (lower) 39 < 40 Vượt: the structure's verdict is the worst of its parts.
    expect(s2.verdict).toBe("vuot");
    // Without a sum rule over exactly these codes and without a composite target, children are not a structure.
    const other = row({ tt: "5", name: "Không phải cơ cấu" });
    const oa = row({ name: "A", parentId: other.id, indicatorId: dv.id });
    const oc = row({ name: "C", parentId: other.id, indicatorId: cn.id });
    expect(analyseIndicators(build([other, oa, oc], [dv, cn], [])).structures).toEqual([]);
  });

  it("computed indicators are evaluated from their expression", () => {
    const num = indicator("NUM", { unit: "tỷ đồng" });
    const den = indicator("DEN", { unit: "tỷ đồng" });
    const ratio = indicator("RATIO", { expression: "NUM / DEN * 100", decimals: 1 });
    const r = row({ name: "Tỷ lệ", indicatorId: ratio.id, target: "50" });
    const d = analyseIndicators(build([r], [num, den, ratio], [...years(num, [1, 2, 3, 4, 6]), ...years(den, [10, 10, 10, 10, 10])]));
    expect(d.indicators[0]!.series[0]!.points.map((p) => p.value)).toEqual([10, 20, 30, 40, 60]);
    expect(d.indicators[0]!.verdict).toBe("vuot");
  });

  it("filters by group, agency (groups expanded) and verdict; the overview follows group and agency only", () => {
    const x = indicator("X");
    const y = indicator("Y");
    const g1 = row({ tt: "I", name: "Một" });
    const g2 = row({ tt: "II", name: "Hai", lead: [{ kind: "group", id: "grp", name: "Các sở" }] });
    const rx = row({ name: "X", parentId: g1.id, indicatorId: x.id, target: "10", lead: [{ kind: "agency", id: OTHER_AGENCY, name: "Sở Khác" }] });
    const ry = row({ name: "Y", parentId: g2.id, indicatorId: y.id, target: "10" });
    const d = analyseIndicators(build([g1, g2, rx, ry], [x, y], [...years(x, [1, 1, 1, 1, 20]), ...years(y, [1, 1, 1, 1, 5])]));
    expect(d.overview.map((o) => o.groupName)).toEqual(["I. Một", "II. Hai"]);
    expect(d.indicators.find((i) => i.name === "Y")!.agencyIds.sort()).toEqual([AGENCY, OTHER_AGENCY].sort());
    const mine = filterDashboard(d, { agency: AGENCY });
    expect(mine.indicators.map((i) => i.name)).toEqual(["Y"]);
    expect(mine.overview.map((o) => o.groupName)).toEqual(["II. Hai"]);
    const missed = filterDashboard(d, { verdict: "khong-dat" });
    expect(missed.indicators.map((i) => i.name)).toEqual(["Y"]);
    expect(missed.totals.indicators).toBe(2);
    expect(filterDashboard(d, { group: g1.id }).indicators.map((i) => i.name)).toEqual(["X"]);
  });
});
