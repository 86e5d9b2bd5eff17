// Gộp giá trị từng năm thành giá trị của cả kỳ.
//
//   last           giá trị năm cuối kỳ (chỉ cần năm cuối).
//   sum            tổng các năm (cần đủ mọi năm).
//   mean           trung bình cộng các năm (cần đủ mọi năm).
//   growthMean     tốc độ tăng bình quân từ các tốc độ tăng từng năm (%): trung bình NHÂN, không phải cộng:
//                  100 × ((Π(1 + gᵢ/100))^(1/n) − 1), n = số năm; cần đủ mọi năm; gᵢ ≤ −100 thì không tính được.
//   cagr           tốc độ tăng bình quân từ mức (giá trị tuyệt đối) đầu và cuối dãy, tính bằng %:
//                  100 × ((cuối/đầu)^(1/n) − 1), n = năm cuối − năm đầu. Dãy phải bắt đầu từ năm gốc
//                  (năm trước kỳ: kỳ 2016-2020 truyền các năm 2015…2020). Cần năm đầu và năm cuối, cả hai > 0.
//   changePerYear  thay đổi bình quân mỗi năm, bằng điểm phần trăm, của một dãy tỷ lệ:
//                  (cuối − đầu) / (năm cuối − năm đầu). Cũng phải bắt đầu từ năm gốc. Cần năm đầu và năm cuối.
//
// Năm thiếu số liệu không bao giờ bị bỏ qua lặng lẽ: nếu thiếu năm cần dùng thì value = null và
// missingYears liệt kê các năm đó; reason nói vì sao bằng tiếng Việt. Các năm của kỳ là các năm có mặt trong
// dãy (kể cả năm có giá trị null); dãy được sắp theo năm.

import { formatVnNumber } from "../numbers/vn-number.js";

export type Aggregation = "last" | "sum" | "mean" | "growthMean" | "cagr" | "changePerYear";

export const AGGREGATIONS: readonly Aggregation[] = Object.freeze([
  "last",
  "sum",
  "mean",
  "growthMean",
  "cagr",
  "changePerYear",
] as const);

/** Tên tiếng Việt của cách gộp (để hiển thị). */
export const AGGREGATION_LABELS: Readonly<Record<Aggregation, string>> = Object.freeze({
  last: "Giá trị năm cuối kỳ",
  sum: "Tổng các năm",
  mean: "Bình quân các năm",
  growthMean: "Tốc độ tăng bình quân (trung bình nhân)",
  cagr: "Tốc độ tăng bình quân từ mức đầu và cuối kỳ",
  changePerYear: "Thay đổi bình quân mỗi năm (điểm %)",
});

export interface YearValue {
  year: number;
  value: number | null;
}

export interface AggregateResult {
  value: number | null;
  /** Các năm cần dùng mà thiếu số liệu (tăng dần). */
  missingYears: number[];
  /** Các năm đã dùng để tính (tăng dần); rỗng khi không tính được. */
  usedYears: number[];
  /** Lý do không tính được (tiếng Việt), khi value = null. */
  reason?: string;
}

export function isAggregation(x: unknown): x is Aggregation {
  return typeof x === "string" && (AGGREGATIONS as readonly string[]).includes(x);
}

function present(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}

function fmt(n: number): string {
  return formatVnNumber(n);
}

function fail(reason: string, missingYears: number[] = []): AggregateResult {
  return { value: null, missingYears, usedYears: [], reason };
}

function missingMessage(years: number[]): string {
  return years.length === 1 ? `Thiếu số liệu năm ${years[0]}` : `Thiếu số liệu các năm ${years.join(", ")}`;
}

/** Sắp dãy theo năm; báo năm trùng. Trả về chuỗi lỗi nếu dãy không hợp lệ. */
function sortSeries(series: readonly YearValue[]): YearValue[] | string {
  let sorted = true;
  for (let i = 1; i < series.length; i++) {
    if (series[i]!.year <= series[i - 1]!.year) {
      sorted = false;
      break;
    }
  }
  const s = sorted ? (series as YearValue[]) : [...series].sort((a, b) => a.year - b.year);
  if (!sorted) {
    for (let i = 1; i < s.length; i++) {
      if (s[i]!.year === s[i - 1]!.year) return `Năm ${s[i]!.year} xuất hiện hơn một lần trong dãy số liệu`;
    }
  }
  return s;
}

/**
 * Gộp dãy giá trị theo năm bằng cách gộp `kind`. Xem chú thích đầu tệp cho công thức và điều kiện.
 */
export function aggregate(kind: Aggregation, series: readonly YearValue[]): AggregateResult {
  const r = aggregateRaw(kind, series);
  if (r.value !== null && !Number.isFinite(r.value)) {
    return fail(`Kết quả vượt quá khoảng số biểu diễn được (các năm ${r.usedYears.join(", ")})`);
  }
  return r;
}

function aggregateRaw(kind: Aggregation, series: readonly YearValue[]): AggregateResult {
  const sorted = sortSeries(series);
  if (typeof sorted === "string") return fail(sorted);
  const s = sorted;
  const n = s.length;
  if (n === 0) return fail("Kỳ không có năm nào để tính");

  switch (kind) {
    case "last": {
      const lastItem = s[n - 1]!;
      if (!present(lastItem.value)) return fail(`Thiếu số liệu năm cuối kỳ ${lastItem.year}`, [lastItem.year]);
      return { value: lastItem.value, missingYears: [], usedYears: [lastItem.year] };
    }
    case "sum":
    case "mean":
    case "growthMean": {
      const missing: number[] = [];
      for (const item of s) if (!present(item.value)) missing.push(item.year);
      if (missing.length > 0) return fail(missingMessage(missing), missing);
      const years = s.map((x) => x.year);
      if (kind === "sum" || kind === "mean") {
        let total = 0;
        for (const item of s) total += item.value!;
        return { value: kind === "sum" ? total : total / n, missingYears: [], usedYears: years };
      }
      // Trung bình nhân của (1 + g/100); cộng logarit để tránh tràn số với dãy dài.
      let logSum = 0;
      for (const item of s) {
        const g = item.value!;
        if (g <= -100) {
          return fail(`Tốc độ tăng năm ${item.year} là ${fmt(g)}% (≤ −100%): không tính được trung bình nhân`);
        }
        logSum += Math.log1p(g / 100);
      }
      return { value: 100 * Math.expm1(logSum / n), missingYears: [], usedYears: years };
    }
    case "cagr":
    case "changePerYear": {
      const first = s[0]!;
      const lastItem = s[n - 1]!;
      if (n < 2 || lastItem.year === first.year) {
        return fail(
          `Cần ít nhất hai năm (năm gốc và năm cuối kỳ) để tính ${kind === "cagr" ? "tốc độ tăng bình quân" : "thay đổi bình quân mỗi năm"}`,
        );
      }
      const missing: number[] = [];
      if (!present(first.value)) missing.push(first.year);
      if (!present(lastItem.value)) missing.push(lastItem.year);
      if (missing.length > 0) return fail(missingMessage(missing), missing);
      const span = lastItem.year - first.year;
      const a = first.value!;
      const b = lastItem.value!;
      if (kind === "changePerYear") {
        return { value: (b - a) / span, missingYears: [], usedYears: [first.year, lastItem.year] };
      }
      if (a <= 0 || b <= 0) {
        const which = a <= 0 ? `năm gốc ${first.year} là ${fmt(a)}` : `năm cuối ${lastItem.year} là ${fmt(b)}`;
        return fail(`Mức ${which} (phải lớn hơn 0): không tính được tốc độ tăng bình quân`);
      }
      return { value: 100 * Math.expm1(Math.log(b / a) / span), missingYears: [], usedYears: [first.year, lastItem.year] };
    }
    default: {
      const unknownKind: never = kind;
      return fail(`Cách gộp '${String(unknownKind)}' không hợp lệ (dùng một trong: ${AGGREGATIONS.join(", ")})`);
    }
  }
}
