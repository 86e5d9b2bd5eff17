import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTarget } from "../targets/target-parser.js";
import { TargetSyntaxError } from "../targets/target-error.js";
import type { Aggregation } from "../aggregation/aggregate.js";
import {
  EvaluationError,
  VALUE_STATUS_LABELS,
  VERDICTS,
  VERDICT_LABELS,
  compareWithTarget,
  evaluateComposite,
  evaluateIndicator,
  weakerStatus,
  worstVerdict,
} from "./evaluate-indicator.js";
import type { Direction, ValueStatus, Verdict, YearValues } from "./evaluate-indicator.js";

const years = (from: number, values: ReadonlyArray<number | null>): Record<number, number | null> =>
  Object.fromEntries(values.map((v, i) => [from + i, v]));

function evalSimple(target: string, aggregation: Aggregation, direction: Direction, decimals: number, values: YearValues) {
  return evaluateIndicator({ target, aggregation, direction, decimals, values });
}

describe("nhãn", () => {
  it("nhãn tiếng Việt của kết quả và trạng thái", () => {
    expect(VERDICTS.map((v) => VERDICT_LABELS[v])).toEqual(["Vượt", "Đạt", "Không đạt", "Chưa đủ số liệu"]);
    expect(VALUE_STATUS_LABELS).toEqual({ uoc: "Ước thực hiện", "so-bo": "Sơ bộ", "chinh-thuc": "Chính thức" });
  });
});

describe("ví dụ tính tay — Chỉ thị 15 Phụ lục I", () => {
  it("GRDP 10,5%/năm, tốc độ tăng từng năm → trung bình nhân 13,62 → Vượt", () => {
    const growths = [10.1, 14.02, 16.25, 16.68, 11.22];
    let product = 1;
    for (const g of growths) product *= 1 + g / 100;
    const geometric = 100 * (Math.pow(product, 1 / growths.length) - 1); // 13,6235…
    const r = evalSimple("10,5%/ năm", "growthMean", "higher", 2, years(2016, growths));
    expect(r.aggregated).toBeCloseTo(geometric, 12);
    expect(r.value).toBe(Math.round(geometric * 100) / 100);
    expect(r.value).toBe(13.62);
    expect(r).toMatchObject({ verdict: "vuot", label: "Vượt", gap: 3.12, missingYears: [], usedYears: [2016, 2017, 2018, 2019, 2020] });
  });

  it("GRDP: một năm thiếu → Chưa đủ số liệu, nêu năm thiếu", () => {
    const r = evalSimple("10,5%/năm", "growthMean", "higher", 2, years(2016, [10.1, 14.02, 16.25, null, 11.22]));
    expect(r).toMatchObject({ value: null, verdict: "thieu-so-lieu", label: "Chưa đủ số liệu", gap: null, missingYears: [2019] });
    expect(r.reason).toBe("Thiếu số liệu năm 2019");
  });

  it("GRDP: năm không có trong dữ liệu nhưng thuộc kỳ (truyền `years`) → thiếu", () => {
    const r = evaluateIndicator({
      target: "10,5%/năm",
      aggregation: "growthMean",
      direction: "higher",
      decimals: 1,
      values: { 2016: 11, 2017: 12 },
      years: [2016, 2017, 2018, 2019, 2020],
    });
    expect(r.missingYears).toEqual([2018, 2019, 2020]);
  });

  it("năm khuyết ở giữa (không truyền `years`) cũng là thiếu", () => {
    const r = evalSimple("100", "sum", "higher", 0, { 2016: 50, 2018: 50 });
    expect(r.missingYears).toEqual([2017]);
  });

  it.each([
    [16.9, "dat", 0],
    [17, "dat", 0],
    [12, "dat", 0],
    [17.2, "vuot", 0.2],
    [11.9, "khong-dat", -0.1],
    [17.04, "dat", 0], // 17,0 ở độ chính xác công bố
    [17.05, "vuot", 0.1],
  ] as const)("Xuất khẩu 12-17 tỷ USD (năm cuối): %d → %s", (last, verdict, gap) => {
    const r = evalSimple("12-17", "last", "higher", 1, years(2016, [7.1, 8, 9.5, 12.3, last]));
    expect(r.verdict).toBe(verdict);
    expect(r.gap).toBe(gap);
    expect(r.label).toBe(VERDICT_LABELS[verdict]);
  });

  it.each([
    [3.9, "dat", -0.1],
    [4, "khong-dat", 0],
    [3.96, "khong-dat", 0], // làm tròn 1 chữ số: 4,0 — không dưới 4
    [3.94, "dat", -0.1],
    [4.5, "khong-dat", 0.5],
  ] as const)("Thất nghiệp thành thị <4%% (thấp hơn là tốt): %d → %s", (v, verdict, gap) => {
    const r = evalSimple("<4", "last", "lower", 1, years(2020, [v]));
    expect(r.verdict).toBe(verdict);
    expect(r.gap).toBe(gap);
  });

  it("Việc làm 52.000/năm, gộp bình quân: 52.100 → Vượt", () => {
    const r = evalSimple("52.000/ năm", "mean", "higher", 0, years(2016, [50000, 53000, 54000, 52500, 51000]));
    expect(r).toMatchObject({ value: 52100, verdict: "vuot", gap: 100 });
  });

  it("Việc làm 52.000/năm, gộp tổng: so tổng / số năm", () => {
    const r = evalSimple("52.000/năm", "sum", "higher", 0, years(2016, [50000, 53000, 54000, 52500, 51000]));
    expect(r.aggregated).toBe(260500);
    expect(r).toMatchObject({ value: 52100, verdict: "vuot", gap: 100 });
    const low = evalSimple("52.000/năm", "sum", "higher", 0, years(2016, [50000, 50000, 50000, 50000, 50000]));
    expect(low).toMatchObject({ value: 50000, verdict: "khong-dat", gap: -2000 });
    const exact = evalSimple("52.000/năm", "sum", "higher", 0, years(2016, [51999.6, 52000, 52000, 52000, 52000]));
    expect(exact).toMatchObject({ value: 52000, verdict: "dat", gap: 0 });
  });

  it("Tổng vốn đầu tư 440.000 tỷ đồng (không /năm), gộp tổng", () => {
    const r = evalSimple("440.000", "sum", "higher", 0, years(2016, [80000, 85000, 90000, 92000, 93000]));
    expect(r).toMatchObject({ value: 440000, verdict: "dat", gap: 0 });
  });

  it.each([
    [[0.9, 0.8, 0.85, 0.7, 0.75], 0.8, "dat"],
    [[1.2, 1.1, 1, 1.3, 0.9], 1.1, "vuot"],
    [[0.5, 0.6, 0.7, 0.6, 0.6], 0.6, "khong-dat"],
  ] as const)("Giảm tỷ lệ hộ nghèo 0,7-1,0 điểm %%/năm, bình quân mức giảm: %j → %s", (vals, mean, verdict) => {
    const r = evalSimple("0,7-1,0", "mean", "higher", 2, years(2016, vals));
    expect(r.value).toBe(mean);
    expect(r.verdict).toBe(verdict);
  });

  it("Giảm tỷ lệ hộ nghèo tính từ dãy tỷ lệ (changePerYear, chiều thấp hơn là tốt) so với khoảng -1,0…-0,7", () => {
    // 2015: 5,4% → 2020: 1,2%: thay đổi −0,84 điểm %/năm, nằm trong [−1; −0,7]
    const r = evalSimple("-1,0 - -0,7", "changePerYear", "lower", 2, years(2015, [5.4, 4.6, 3.9, 2.8, 2, 1.2]));
    expect(r).toMatchObject({ value: -0.84, verdict: "dat", gap: 0 });
    const fast = evalSimple("-1,0 - -0,7", "changePerYear", "lower", 2, years(2015, [6.4, null, null, null, null, 1.2]));
    expect(fast).toMatchObject({ value: -1.04, verdict: "vuot", gap: -0.04 });
    const slow = evalSimple("-1,0 - -0,7", "changePerYear", "lower", 2, years(2015, [4, null, null, null, null, 1.2]));
    expect(slow).toMatchObject({ value: -0.56, verdict: "khong-dat", gap: 0.14 });
  });

  it.each([
    [5600, "dat", 0],
    [6012.4, "vuot", 412],
    [5400, "khong-dat", -200],
  ] as const)("GRDP bình quân đầu người 5.600 USD (năm cuối): %d → %s", (v, verdict, gap) => {
    expect(evalSimple("5.600", "last", "higher", 0, years(2016, [4000, 4500, 5000, 5300, v]))).toMatchObject({ verdict, gap });
  });

  it.each([
    [100, "dat"],
    [98.5, "khong-dat"],
    [99.96, "dat"],
  ] as const)("Tỷ lệ xã nông thôn mới 100%% (năm cuối, 1 chữ số): %d → %s", (v, verdict) => {
    expect(evalSimple("100", "last", "higher", 1, years(2020, [v])).verdict).toBe(verdict);
  });

  it("IIP tối thiểu 14%/năm bằng cagr từ chỉ số mức (năm gốc 2015)", () => {
    const r = evalSimple("tối thiểu 14%/năm", "cagr", "higher", 1, years(2015, [100, null, null, null, null, 200]));
    expect(r.value).toBe(14.9);
    expect(r.verdict).toBe("vuot");
  });

  it("khoảng 7,5 triệu lượt được đánh giá như giá trị trần", () => {
    expect(evalSimple("khoảng 7,5", "last", "higher", 1, years(2020, [7.5])).verdict).toBe("dat");
    expect(evalSimple("khoảng 7,5", "last", "higher", 1, years(2020, [7.4])).verdict).toBe("khong-dat");
    expect(evalSimple("khoảng 7,5", "last", "higher", 1, years(2020, [8])).verdict).toBe("vuot");
  });

  it("làm tròn cả mục tiêu tới độ chính xác công bố", () => {
    // 37,7 công bố không số lẻ là 38
    expect(evalSimple("37,7", "last", "higher", 0, years(2020, [37.6])).verdict).toBe("dat");
    expect(evalSimple("37,7", "last", "higher", 1, years(2020, [37.6])).verdict).toBe("khong-dat");
  });
});

describe("quy tắc so sánh theo chiều", () => {
  const cases: ReadonlyArray<readonly [string, Direction, number, Verdict]> = [
    // giá trị trần
    ["10", "higher", 10, "dat"],
    ["10", "higher", 11, "vuot"],
    ["10", "higher", 9, "khong-dat"],
    ["10", "lower", 10, "dat"],
    ["10", "lower", 9, "vuot"],
    ["10", "lower", 11, "khong-dat"],
    // >=
    ["tối thiểu 10", "higher", 10, "dat"],
    ["tối thiểu 10", "higher", 12, "vuot"],
    ["tối thiểu 10", "higher", 9, "khong-dat"],
    ["tối thiểu 10", "lower", 12, "dat"],
    ["tối thiểu 10", "lower", 9, "khong-dat"],
    // <=
    ["tối đa 10", "lower", 10, "dat"],
    ["tối đa 10", "lower", 8, "vuot"],
    ["tối đa 10", "lower", 11, "khong-dat"],
    ["tối đa 10", "higher", 8, "dat"],
    ["tối đa 10", "higher", 11, "khong-dat"],
    // > và <: không có Vượt
    ["trên 10", "higher", 10, "khong-dat"],
    ["trên 10", "higher", 50, "dat"],
    ["dưới 4", "lower", 1, "dat"],
    ["dưới 4", "lower", 4, "khong-dat"],
    ["trên 10", "lower", 11, "dat"],
    // khoảng
    ["12-17", "higher", 12, "dat"],
    ["12-17", "higher", 18, "vuot"],
    ["12-17", "higher", 11, "khong-dat"],
    ["12-17", "lower", 11, "vuot"],
    ["12-17", "lower", 18, "khong-dat"],
    ["12-17", "lower", 15, "dat"],
  ];
  it.each(cases)("%j, chiều %s, giá trị %d → %s", (target, direction, value, verdict) => {
    expect(compareWithTarget(target, value, direction, 1).verdict).toBe(verdict);
    expect(evalSimple(target, "last", direction, 1, { 2020: value }).verdict).toBe(verdict);
  });

  it("tính chất: với mục tiêu một số và chiều cao-là-tốt, giá trị lớn hơn không bao giờ cho kết quả kém hơn", () => {
    const rank: Record<string, number> = { "khong-dat": 0, dat: 1, vuot: 2 };
    fc.assert(
      fc.property(
        fc.constantFrom("10", "tối thiểu 10", "trên 10", "12-17", "khoảng 10", "10%/năm"),
        fc.integer({ min: -1000, max: 3000 }),
        fc.integer({ min: 0, max: 500 }),
        (target, a, delta) => {
          const lo = compareWithTarget(target, a / 100, "higher", 2).verdict;
          const hi = compareWithTarget(target, (a + delta) / 100, "higher", 2).verdict;
          expect(rank[hi]!).toBeGreaterThanOrEqual(rank[lo]!);
          const loL = compareWithTarget(target.replace("tối thiểu", "tối đa").replace("trên", "dưới"), a / 100, "lower", 2).verdict;
          const hiL = compareWithTarget(target.replace("tối thiểu", "tối đa").replace("trên", "dưới"), (a + delta) / 100, "lower", 2).verdict;
          expect(rank[hiL]!).toBeLessThanOrEqual(rank[loL]!);
        },
      ),
    );
  });
});

describe("trạng thái số liệu và dạng đầu vào", () => {
  it("báo trạng thái yếu nhất trong các năm đã dùng", () => {
    const values = {
      2016: { value: 10.1, status: "chinh-thuc" as const },
      2017: { value: 14.02, status: "chinh-thuc" as const },
      2018: { value: 16.25, status: "so-bo" as const },
      2019: { value: 16.68, status: "chinh-thuc" as const },
      2020: { value: 11.22, status: "uoc" as const },
    };
    expect(evalSimple("10,5%/năm", "growthMean", "higher", 2, values).status).toBe("uoc");
    // "last" chỉ dùng năm cuối
    const lastOnly = { ...values, 2020: { value: 11.22, status: "chinh-thuc" as const } };
    expect(evalSimple("10", "last", "higher", 2, lastOnly).status).toBe("chinh-thuc");
    expect(evalSimple("10", "sum", "higher", 2, lastOnly).status).toBe("so-bo");
    // không ghi trạng thái
    expect(evalSimple("10", "last", "higher", 2, { 2020: 10 }).status).toBeNull();
    expect(evalSimple("10", "last", "higher", 2, { 2020: { value: 10 } }).status).toBeNull();
  });

  it("weakerStatus", () => {
    const all: Array<ValueStatus | null> = [null, "uoc", "so-bo", "chinh-thuc"];
    expect(weakerStatus("so-bo", "uoc")).toBe("uoc");
    expect(weakerStatus("chinh-thuc", "so-bo")).toBe("so-bo");
    expect(weakerStatus(null, "so-bo")).toBe("so-bo");
    expect(weakerStatus("uoc", null)).toBe("uoc");
    for (const a of all) for (const b of all) expect(weakerStatus(a, b)).toBe(weakerStatus(b, a));
  });

  it("nhận Map, mảng, khóa chuỗi và Target đã đọc", () => {
    const map = new Map<number, number>([
      [2019, 3],
      [2020, 3.9],
    ]);
    expect(evaluateIndicator({ target: parseTarget("<4"), aggregation: "last", direction: "lower", decimals: 1, values: map }).verdict).toBe("dat");
    const arr = [
      { year: 2019, value: 3 },
      { year: 2020, value: 4.2, status: "uoc" as const },
    ];
    expect(evalSimple("<4", "last", "lower", 1, arr)).toMatchObject({ verdict: "khong-dat", status: "uoc" });
    expect(evalSimple("<4", "mean", "lower", 1, { "2019": 3, "2020": 4 }).value).toBe(3.5);
    expect(evalSimple("<4", "last", "lower", 1, { 2020: Number.NaN }).verdict).toBe("thieu-so-lieu");
    expect(evalSimple("<4", "last", "lower", 1, {}).reason).toBe("Kỳ không có năm nào để tính");
  });

  it("Map và mảng cùng danh sách năm của kỳ", () => {
    const map = new Map<number | string, number | { value: number; status: ValueStatus }>([
      [2019, 3],
      ["2020", { value: 3.9, status: "so-bo" }],
    ]);
    const years = [2018, 2019, 2020];
    expect(evaluateIndicator({ target: "<4", aggregation: "last", direction: "lower", decimals: 1, values: map, years })).toMatchObject({
      verdict: "dat",
      status: "so-bo",
    });
    expect(evaluateIndicator({ target: "<4", aggregation: "sum", direction: "lower", decimals: 1, values: map, years }).missingYears).toEqual([2018]);
    const arr = [{ year: 2020, value: 3.9 }];
    expect(evaluateIndicator({ target: "<4", aggregation: "mean", direction: "lower", decimals: 1, values: arr, years: [2019, 2020] }).missingYears).toEqual([2019]);
    // năm đã dùng không ghi trạng thái trong khi năm khác có ghi
    expect(evalSimple("<4", "last", "lower", 1, { 2019: { value: 3, status: "uoc" }, 2020: 3.9 }).status).toBeNull();
  });

  it("báo lỗi cấu hình bằng tiếng Việt", () => {
    expect(() => evalSimple("57 - 37,7 - 5,3", "last", "higher", 1, { 2020: 57 })).toThrow(EvaluationError);
    expect(() => evalSimple("57 - 37,7 - 5,3", "last", "higher", 1, { 2020: 57 })).toThrow(/evaluateComposite/);
    expect(() => compareWithTarget("57 - 37,7 - 5,3", 1, "higher", 1)).toThrow(/evaluateComposite/);
    expect(() => evalSimple("1.5", "last", "higher", 1, { 2020: 1 })).toThrow(TargetSyntaxError);
    expect(() => evalSimple("10", "median" as Aggregation, "higher", 1, { 2020: 1 })).toThrow(/Cách gộp 'median' không hợp lệ/);
    expect(() => evalSimple("10", "last", "up" as Direction, 1, { 2020: 1 })).toThrow(/Chiều đánh giá 'up' không hợp lệ/);
    expect(() => evalSimple("10", "last", "higher", 1, { abc: 1 })).toThrow(/Năm 'NaN' trong số liệu không hợp lệ/);
    expect(() => evalSimple("10", "last", "higher", -1, { 2020: 1 })).toThrow(
      "Số chữ số thập phân công bố phải là số nguyên từ 0 đến 15 (nhận -1)",
    );
    expect(() => compareWithTarget("10", 1, "higher", 1.5)).toThrow(/nhận 1.5/);
    expect(() => evalSimple("10", "last", "higher", Number.NaN, {})).toThrow(/nhận NaN/);
    const broken = { text: "x", comparator: "=" as const, perYear: false, percent: false, approx: false };
    expect(() => compareWithTarget(broken, 1, "higher", 0)).toThrow("Mục tiêu 'x' thiếu giá trị");
    const brokenRange = { ...broken, comparator: "range" as const, min: 1 };
    expect(() => compareWithTarget(brokenRange, 1, "higher", 0)).toThrow("Mục tiêu 'x' thiếu cận trên");
  });
});

describe("mục tiêu cơ cấu 57 - 37,7 - 5,3 (DV – CN-XD – NLTS, năm cuối)", () => {
  const comps = (dv: number | null, cn: number | null, nn: number | null) => [
    { name: "Dịch vụ", direction: "higher" as const, values: { 2019: 55, 2020: dv } },
    { name: "Công nghiệp – xây dựng", direction: "higher" as const, values: { 2019: 36, 2020: cn } },
    { name: "Nông, lâm nghiệp và thủy sản", direction: "lower" as const, values: { 2019: 6, 2020: nn } },
  ];

  it("mọi thành phần đạt hoặc vượt → kết quả chung là kém nhất (Đạt)", () => {
    const r = evaluateComposite({ target: "57 - 37,7 - 5,3", components: comps(57.5, 37.7, 4.8), decimals: 1 });
    expect(r.components.map((c) => [c.name, c.target, c.result.verdict, c.result.gap])).toEqual([
      ["Dịch vụ", 57, "vuot", 0.5],
      ["Công nghiệp – xây dựng", 37.7, "dat", 0],
      ["Nông, lâm nghiệp và thủy sản", 5.3, "vuot", -0.5],
    ]);
    expect(r).toMatchObject({ verdict: "dat", label: "Đạt", status: null });
  });

  it("mọi thành phần vượt → Vượt", () => {
    expect(evaluateComposite({ target: "57 - 37,7 - 5,3", components: comps(58, 38, 4), decimals: 1 }).verdict).toBe("vuot");
  });

  it("một thành phần không đạt → Không đạt, kể cả khi thành phần khác thiếu số liệu", () => {
    expect(evaluateComposite({ target: "57 - 37,7 - 5,3", components: comps(55, null, 4), decimals: 1 }).verdict).toBe("khong-dat");
  });

  it("thiếu số liệu một thành phần (không có thành phần nào không đạt) → Chưa đủ số liệu", () => {
    const r = evaluateComposite({ target: "57 - 37,7 - 5,3", components: comps(58, null, 4), decimals: 1, years: [2019, 2020] });
    expect(r.verdict).toBe("thieu-so-lieu");
    expect(r.components[1]!.result.missingYears).toEqual([2020]);
  });

  it("cơ cấu viết có dấu %", () => {
    const r = evaluateComposite({ target: "57% - 37,7% - 5,3%", components: comps(57, 37.7, 5.3), decimals: 1 });
    expect(r.verdict).toBe("dat");
    expect(r.components.map((c) => c.target)).toEqual([57, 37.7, 5.3]);
  });

  it("cách gộp khác và trạng thái", () => {
    const r = evaluateComposite({
      target: "57 - 37,7 - 5,3",
      aggregation: "mean",
      decimals: 1,
      components: [
        { name: "DV", direction: "higher", values: { 2020: { value: 57, status: "so-bo" } } },
        { name: "CN", direction: "higher", values: { 2020: { value: 37.7, status: "uoc" } } },
        { name: "NN", direction: "lower", values: { 2020: 5.3 } },
      ],
    });
    expect(r).toMatchObject({ verdict: "dat", status: "uoc" });
  });

  it("báo lỗi khi số thành phần không khớp hoặc mục tiêu không phải cơ cấu", () => {
    expect(() => evaluateComposite({ target: "57 - 37,7 - 5,3", components: comps(1, 2, 3).slice(0, 2), decimals: 1 })).toThrow(
      "Mục tiêu cơ cấu '57 - 37,7 - 5,3' có 3 thành phần nhưng có 2 chỉ tiêu thành phần",
    );
    expect(() => evaluateComposite({ target: "12-17", components: comps(1, 2, 3), decimals: 1 })).toThrow(
      "Mục tiêu '12-17' không phải mục tiêu cơ cấu nhiều thành phần",
    );
  });

  it("worstVerdict", () => {
    expect(worstVerdict([])).toBe("thieu-so-lieu");
    expect(worstVerdict(["vuot", "vuot"])).toBe("vuot");
    expect(worstVerdict(["vuot", "dat"])).toBe("dat");
    expect(worstVerdict(["dat", "thieu-so-lieu"])).toBe("thieu-so-lieu");
    expect(worstVerdict(["thieu-so-lieu", "khong-dat", "vuot"])).toBe("khong-dat");
  });
});
