import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AGGREGATIONS, AGGREGATION_LABELS, aggregate, isAggregation } from "./aggregate.js";
import type { Aggregation, YearValue } from "./aggregate.js";

const series = (from: number, values: ReadonlyArray<number | null>): YearValue[] =>
  values.map((value, i) => ({ year: from + i, value }));

describe("aggregate — ví dụ", () => {
  it("liệt kê đúng sáu cách gộp, có nhãn tiếng Việt", () => {
    expect(AGGREGATIONS).toEqual(["last", "sum", "mean", "growthMean", "cagr", "changePerYear"]);
    for (const a of AGGREGATIONS) expect(AGGREGATION_LABELS[a].length).toBeGreaterThan(0);
    expect(isAggregation("growthMean")).toBe(true);
    expect(isAggregation("median")).toBe(false);
    expect(isAggregation(3)).toBe(false);
  });

  it("growthMean là trung bình nhân, không phải trung bình cộng (GRDP 2016-2020)", () => {
    const g = [10.1, 14.02, 16.25, 16.68, 11.22];
    const r = aggregate("growthMean", series(2016, g));
    const product = 1.101 * 1.1402 * 1.1625 * 1.1668 * 1.1122;
    const expected = 100 * (product ** (1 / 5) - 1);
    expect(r.value).toBeCloseTo(expected, 10);
    expect(r.value).toBeCloseTo(13.6235, 4);
    expect(r.value).not.toBeCloseTo(13.654, 2); // trung bình cộng sẽ sai
    expect(r.usedYears).toEqual([2016, 2017, 2018, 2019, 2020]);
    expect(r.missingYears).toEqual([]);
  });

  it("last lấy năm cuối kỳ, chỉ cần năm cuối", () => {
    expect(aggregate("last", series(2016, [null, 3, null, 4, 5.6]))).toEqual({ value: 5.6, missingYears: [], usedYears: [2020] });
    const r = aggregate("last", series(2016, [1, 2, 3, 4, null]));
    expect(r.value).toBeNull();
    expect(r.missingYears).toEqual([2020]);
    expect(r.reason).toBe("Thiếu số liệu năm cuối kỳ 2020");
  });

  it("sum và mean cần đủ mọi năm; năm thiếu được liệt kê, không bị bỏ qua", () => {
    expect(aggregate("sum", series(2016, [80, 85, 90, 92, 93])).value).toBe(440);
    expect(aggregate("mean", series(2016, [50, 52, 54, 53, 51])).value).toBe(52);
    const r = aggregate("sum", series(2016, [80, null, 90, null, 93]));
    expect(r).toEqual({ value: null, missingYears: [2017, 2019], usedYears: [], reason: "Thiếu số liệu các năm 2017, 2019" });
    const one = aggregate("mean", series(2016, [80, null, 90]));
    expect(one.reason).toBe("Thiếu số liệu năm 2017");
  });

  it("cagr từ mức: dãy bắt đầu từ năm gốc, n = năm cuối − năm gốc", () => {
    // Kim ngạch xuất khẩu 2015 = 4,4 tỷ USD; 2020 = 10,2 tỷ USD
    const r = aggregate("cagr", series(2015, [4.4, 5, 6, 7, 8.5, 10.2]));
    expect(r.value).toBeCloseTo(100 * ((10.2 / 4.4) ** (1 / 5) - 1), 10);
    expect(r.usedYears).toEqual([2015, 2020]);
    // năm giữa thiếu không ảnh hưởng
    expect(aggregate("cagr", series(2015, [4.4, null, null, null, null, 10.2])).value).toBeCloseTo(r.value!, 12);
  });

  it("changePerYear: thay đổi bình quân mỗi năm bằng điểm phần trăm", () => {
    // Tỷ lệ hộ nghèo 2015: 5,4%; 2020: 1,2% → giảm 0,84 điểm %/năm
    const r = aggregate("changePerYear", series(2015, [5.4, 4.6, 3.9, 2.8, 2, 1.2]));
    expect(r.value).toBeCloseTo(-0.84, 12);
    expect(r.usedYears).toEqual([2015, 2020]);
  });

  it("dãy không sắp theo năm được sắp lại; năm trùng bị báo", () => {
    const r = aggregate("last", [
      { year: 2020, value: 9 },
      { year: 2016, value: 1 },
    ]);
    expect(r.value).toBe(9);
    const dup = aggregate("sum", [
      { year: 2017, value: 1 },
      { year: 2016, value: 1 },
      { year: 2017, value: 2 },
    ]);
    expect(dup.value).toBeNull();
    expect(dup.reason).toBe("Năm 2017 xuất hiện hơn một lần trong dãy số liệu");
  });

  it("giá trị không hữu hạn bị coi là thiếu", () => {
    expect(aggregate("sum", series(2016, [1, Number.NaN, 3])).missingYears).toEqual([2017]);
  });
});

describe("aggregate — trường hợp biên cho null kèm lý do", () => {
  it.each(AGGREGATIONS)("%s: kỳ rỗng", (kind) => {
    expect(aggregate(kind, [])).toEqual({ value: null, missingYears: [], usedYears: [], reason: "Kỳ không có năm nào để tính" });
  });

  it.each(["cagr", "changePerYear"] as const)("%s: n = 0 (một năm)", (kind) => {
    const r = aggregate(kind, series(2020, [5]));
    expect(r.value).toBeNull();
    expect(r.reason).toMatch(/^Cần ít nhất hai năm \(năm gốc và năm cuối kỳ\)/);
  });

  it.each(["cagr", "changePerYear"] as const)("%s: thiếu năm gốc hoặc năm cuối", (kind) => {
    const r = aggregate(kind, series(2015, [null, 1, 2, null]));
    expect(r.value).toBeNull();
    expect(r.missingYears).toEqual([2015, 2018]);
  });

  it("cagr: mức âm hoặc bằng 0", () => {
    expect(aggregate("cagr", series(2015, [0, 5])).reason).toBe(
      "Mức năm gốc 2015 là 0 (phải lớn hơn 0): không tính được tốc độ tăng bình quân",
    );
    expect(aggregate("cagr", series(2015, [-2, 5])).value).toBeNull();
    expect(aggregate("cagr", series(2015, [5, -1])).reason).toBe(
      "Mức năm cuối 2016 là -1 (phải lớn hơn 0): không tính được tốc độ tăng bình quân",
    );
  });

  it("growthMean: tốc độ ≤ −100%", () => {
    const r = aggregate("growthMean", series(2020, [5, -100, 3]));
    expect(r.value).toBeNull();
    expect(r.reason).toBe("Tốc độ tăng năm 2021 là -100% (≤ −100%): không tính được trung bình nhân");
    expect(aggregate("growthMean", series(2020, [-99.5])).value).toBeCloseTo(-99.5, 10);
  });

  it("kết quả tràn số cho null kèm lý do", () => {
    const r = aggregate("sum", series(2020, [Number.MAX_VALUE, Number.MAX_VALUE]));
    expect(r.value).toBeNull();
    expect(r.reason).toBe("Kết quả vượt quá khoảng số biểu diễn được (các năm 2020, 2021)");
    expect(aggregate("cagr", series(2020, [5e-324, 1e10])).value).toBeNull();
  });

  it("cách gộp không hợp lệ", () => {
    expect(aggregate("median" as Aggregation, series(2020, [1])).reason).toMatch(/Cách gộp 'median' không hợp lệ/);
  });
});

// ---------- Tính chất: mỗi cách gộp khớp với tính trực tiếp ----------

const arbSeries = fc
  .tuple(
    fc.integer({ min: 1990, max: 2040 }),
    fc.array(fc.option(fc.integer({ min: -15_000, max: 50_000 }).map((k) => k / 100), { nil: null, freq: 5 }), {
      minLength: 1,
      maxLength: 10,
    }),
  )
  .map(([from, values]) => series(from, values));

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe("tính chất: aggregate khớp với tính trực tiếp", () => {
  it("last, sum, mean, growthMean, cagr, changePerYear", () => {
    fc.assert(
      fc.property(arbSeries, (s) => {
        const vals = s.map((x) => x.value);
        const years = s.map((x) => x.year);
        const allPresent = vals.every((v) => v !== null);
        const missingAll = s.filter((x) => x.value === null).map((x) => x.year);
        const n = s.length;
        const first = vals[0]!;
        const lastV = vals[n - 1]!;

        // last
        const rl = aggregate("last", s);
        expect(rl.value).toBe(lastV);
        expect(rl.missingYears).toEqual(lastV === null ? [years[n - 1]] : []);

        // sum / mean
        const rs = aggregate("sum", s);
        const rm = aggregate("mean", s);
        if (allPresent) {
          let direct = 0;
          for (const v of vals) direct += v;
          expect(close(rs.value!, direct)).toBe(true);
          expect(close(rm.value!, direct / n)).toBe(true);
          expect(rs.usedYears).toEqual(years);
        } else {
          expect(rs.value).toBeNull();
          expect(rm.value).toBeNull();
          expect(rs.missingYears).toEqual(missingAll);
          expect(rm.missingYears).toEqual(missingAll);
        }

        // growthMean
        const rg = aggregate("growthMean", s);
        if (!allPresent) expect(rg.missingYears).toEqual(missingAll);
        else if (vals.some((v) => v <= -100)) expect(rg.value).toBeNull();
        else {
          let product = 1;
          for (const v of vals) product *= 1 + v / 100;
          expect(close(rg.value!, 100 * (Math.pow(product, 1 / n) - 1))).toBe(true);
        }

        // cagr / changePerYear
        const rc = aggregate("cagr", s);
        const rp = aggregate("changePerYear", s);
        if (n < 2) {
          expect(rc.value).toBeNull();
          expect(rp.value).toBeNull();
        } else if (first === null || lastV === null) {
          const miss = [first === null ? years[0] : null, lastV === null ? years[n - 1] : null].filter((y) => y !== null);
          expect(rc.missingYears).toEqual(miss);
          expect(rp.missingYears).toEqual(miss);
        } else {
          const span = years[n - 1]! - years[0]!;
          expect(close(rp.value!, (lastV - first) / span)).toBe(true);
          if (first <= 0 || lastV <= 0) expect(rc.value).toBeNull();
          else expect(close(rc.value!, 100 * (Math.pow(lastV / first, 1 / span) - 1))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("growthMean của dãy tốc độ bằng cagr của dãy mức dựng từ nó", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -30, max: 60, noNaN: true }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (growths, base) => {
          const levels = [base];
          for (const g of growths) levels.push(levels[levels.length - 1]! * (1 + g / 100));
          const gm = aggregate("growthMean", series(2001, growths)).value!;
          const cg = aggregate("cagr", series(2000, levels)).value!;
          expect(Math.abs(gm - cg)).toBeLessThan(1e-7);
        },
      ),
    );
  });
});
