// Đánh giá thực hiện so với mục tiêu ("Vượt / Đạt / Không đạt / Chưa đủ số liệu").
//
// QUY TẮC ĐÁNH GIÁ
// 1. Gộp số liệu từng năm của kỳ bằng cách gộp của chỉ tiêu (aggregate: last, sum, mean, growthMean, cagr,
//    changePerYear). Thiếu năm cần dùng → "thieu-so-lieu" (Chưa đủ số liệu), value = null, gap = null,
//    missingYears liệt kê các năm thiếu. Các năm của kỳ: `years` nếu truyền vào; nếu không, mọi năm từ năm nhỏ
//    nhất đến năm lớn nhất có trong `values` (năm bị khuyết ở giữa được coi là thiếu, không bị bỏ qua).
// 2. Mục tiêu "/năm" với cách gộp `sum`: so sánh tổng chia cho số năm của kỳ (sum / n), ví dụ "52.000/năm"
//    việc làm mỗi năm. Với các cách gộp khác giá trị gộp đã là giá trị mỗi năm (mean, growthMean, cagr,
//    changePerYear) hoặc là giá trị một năm (last) nên so sánh trực tiếp.
// 3. So sánh ở độ chính xác công bố: giá trị so sánh và các số của mục tiêu đều được làm tròn tới `decimals`
//    chữ số thập phân (làm tròn nửa xa số 0, xem roundTo) trước khi so sánh. 13,62 công bố 1 số lẻ là 13,6.
// 4. "Tốt hơn" theo chiều của chỉ tiêu: direction "higher" — lớn hơn là tốt hơn; "lower" — nhỏ hơn là tốt hơn.
//    - Giá trị trần "=" (kể cả "khoảng", "đạt"): bằng → Đạt; tốt hơn → Vượt; kém hơn → Không đạt.
//    - ">=" (tối thiểu, từ … trở lên): nhỏ hơn → Không đạt; bằng → Đạt; lớn hơn → Vượt nếu chiều "higher"
//      (nhất quán với giá trị trần), Đạt nếu chiều "lower" (mục tiêu và chiều mâu thuẫn: chỉ xét cận).
//    - "<=" (tối đa, không quá): lớn hơn → Không đạt; bằng → Đạt; nhỏ hơn → Vượt nếu chiều "lower", Đạt nếu "higher".
//    - ">" và "<" (trên, dưới, "<4"): cận chặt; thỏa → Đạt, không thỏa (kể cả bằng) → Không đạt; không có Vượt.
//    - Khoảng [min, max]: trong khoảng (kể cả hai đầu) → Đạt; ra ngoài về phía tốt hơn → Vượt (chiều "higher":
//      trên max; chiều "lower": dưới min); ra ngoài về phía kém hơn → Không đạt.
//    - Cơ cấu ("57 - 37,7 - 5,3"): không đánh giá bằng evaluateIndicator (ném lỗi) mà bằng evaluateComposite:
//      mỗi thành phần là một giá trị trần với chiều riêng; kết quả chung là kết quả kém nhất (xem dưới).
// 5. gap = giá trị so sánh − giá trị tham chiếu của mục tiêu, có dấu, cùng đơn vị với mục tiêu, làm tròn tới
//    `decimals`. Tham chiếu của khoảng là cận bị vượt ra (max nếu lớn hơn max, min nếu nhỏ hơn min; trong khoảng
//    gap = 0). Không có số liệu → null.
// 6. status = trạng thái yếu nhất trong các giá trị đã dùng (ước < sơ bộ < chính thức); null nếu không giá trị
//    nào ghi trạng thái.

import { aggregate, AGGREGATIONS, isAggregation } from "../aggregation/aggregate.js";
import type { Aggregation, YearValue } from "../aggregation/aggregate.js";
import { formatVnNumber, roundTo } from "../numbers/vn-number.js";
import { parseTarget } from "../targets/target-parser.js";
import type { Target } from "../targets/target.js";

export type Direction = "higher" | "lower";
export type Verdict = "vuot" | "dat" | "khong-dat" | "thieu-so-lieu";
export type ValueStatus = "uoc" | "so-bo" | "chinh-thuc";

export const VERDICTS: readonly Verdict[] = Object.freeze(["vuot", "dat", "khong-dat", "thieu-so-lieu"] as const);

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = Object.freeze({
  vuot: "Vượt",
  dat: "Đạt",
  "khong-dat": "Không đạt",
  "thieu-so-lieu": "Chưa đủ số liệu",
});

export const VALUE_STATUSES: readonly ValueStatus[] = Object.freeze(["uoc", "so-bo", "chinh-thuc"] as const);

export const VALUE_STATUS_LABELS: Readonly<Record<ValueStatus, string>> = Object.freeze({
  uoc: "Ước thực hiện",
  "so-bo": "Sơ bộ",
  "chinh-thuc": "Chính thức",
});

const STATUS_RANK: Readonly<Record<ValueStatus, number>> = { uoc: 0, "so-bo": 1, "chinh-thuc": 2 };

/** Trạng thái yếu hơn trong hai trạng thái (ước < sơ bộ < chính thức). */
export function weakerStatus(a: ValueStatus | null, b: ValueStatus | null): ValueStatus | null {
  if (a === null) return b;
  if (b === null) return a;
  return STATUS_RANK[a] <= STATUS_RANK[b] ? a : b;
}

export type YearInput = number | null | undefined | { value: number | null; status?: ValueStatus | undefined };

/** Giá trị theo năm: đối tượng { 2018: 12.5, "2019": {value, status} }, Map, hoặc mảng { year, value, status }. */
export type YearValues =
  | Readonly<Record<number | string, YearInput>>
  | ReadonlyMap<number | string, YearInput>
  | ReadonlyArray<{ year: number; value: number | null; status?: ValueStatus | undefined }>;

export interface EvaluateIndicatorInput {
  /** Chữ mục tiêu ("10,5%/năm") hoặc mục tiêu đã đọc. */
  target: string | Target;
  aggregation: Aggregation;
  direction: Direction;
  /** Số chữ số thập phân công bố. */
  decimals: number;
  values: YearValues;
  /** Các năm của kỳ (khuyến nghị truyền vào để năm không có trong `values` cũng được coi là thiếu). */
  years?: readonly number[];
}

export interface EvaluationResult {
  /** Giá trị đem so sánh (đã gộp, đã chia số năm nếu mục tiêu "/năm" gộp tổng, đã làm tròn). */
  value: number | null;
  /** Giá trị gộp chưa làm tròn. */
  aggregated: number | null;
  verdict: Verdict;
  label: string;
  missingYears: number[];
  usedYears: number[];
  gap: number | null;
  status: ValueStatus | null;
  /** Lý do khi chưa đủ số liệu. */
  reason?: string;
}

export class EvaluationError extends Error {
  override readonly name = "EvaluationError";
}

interface NormalizedSeries {
  series: YearValue[];
  /** Trạng thái theo năm (chỉ tạo khi có giá trị ghi trạng thái). */
  statuses: Map<number, ValueStatus> | null;
}

function isValueObject(x: YearInput): x is { value: number | null; status?: ValueStatus | undefined } {
  return typeof x === "object" && x !== null;
}

function readInput(raw: YearInput, year: number, series: YearValue[], statuses: Map<number, ValueStatus> | null): Map<number, ValueStatus> | null {
  let value: number | null = null;
  if (typeof raw === "number") value = raw;
  else if (isValueObject(raw)) {
    value = raw.value;
    if (raw.status !== undefined) (statuses ??= new Map()).set(year, raw.status);
  }
  series.push({ year, value: value !== null && Number.isFinite(value) ? value : null });
  return statuses;
}

function normalizeValues(values: YearValues, years: readonly number[] | undefined): NormalizedSeries {
  let statuses: Map<number, ValueStatus> | null = null;
  const series: YearValue[] = [];
  // Đường nhanh: biết các năm của kỳ và số liệu là đối tượng hoặc Map — đọc thẳng từng năm.
  if (years !== undefined && !Array.isArray(values)) {
    if (values instanceof Map) {
      const map = values as ReadonlyMap<number | string, YearInput>;
      for (const y of years) statuses = readInput(map.has(y) ? map.get(y) : map.get(String(y)), y, series, statuses);
    } else {
      const rec = values as Readonly<Record<string, YearInput>>;
      for (const y of years) statuses = readInput(rec[y], y, series, statuses);
    }
    return { series, statuses };
  }
  const byYear = new Map<number, YearInput>();
  if (Array.isArray(values)) {
    for (const item of values as ReadonlyArray<{ year: number; value: number | null; status?: ValueStatus }>) {
      byYear.set(item.year, item.status === undefined ? item.value : { value: item.value, status: item.status });
    }
  } else if (values instanceof Map) {
    for (const [k, v] of values as ReadonlyMap<number | string, YearInput>) byYear.set(Number(k), v);
  } else {
    const rec = values as Readonly<Record<string, YearInput>>;
    for (const k in rec) byYear.set(Number(k), rec[k]);
  }
  let periodYears: readonly number[];
  if (years !== undefined) {
    periodYears = years;
  } else {
    let lo = Infinity;
    let hi = -Infinity;
    for (const y of byYear.keys()) {
      if (!Number.isInteger(y)) throw new EvaluationError(`Năm '${String(y)}' trong số liệu không hợp lệ`);
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
    const ys: number[] = [];
    for (let y = lo; y <= hi; y++) ys.push(y);
    periodYears = ys;
  }
  for (const y of periodYears) statuses = readInput(byYear.get(y), y, series, statuses);
  return { series, statuses };
}

function resolveTarget(target: string | Target): Target {
  return typeof target === "string" ? parseTarget(target) : target;
}

function missingResult(missingYears: number[], reason: string | undefined): EvaluationResult {
  const r: EvaluationResult = {
    value: null,
    aggregated: null,
    verdict: "thieu-so-lieu",
    label: VERDICT_LABELS["thieu-so-lieu"],
    missingYears,
    usedYears: [],
    gap: null,
    status: null,
  };
  if (reason !== undefined) r.reason = reason;
  return r;
}

function checkDecimals(decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) {
    throw new EvaluationError(`Số chữ số thập phân công bố phải là số nguyên từ 0 đến 15 (nhận ${String(decimals)})`);
  }
  return decimals;
}

function requireNumber(t: Target, x: number | undefined, what: string): number {
  if (x === undefined || !Number.isFinite(x)) throw new EvaluationError(`Mục tiêu '${t.text}' thiếu ${what}`);
  return x;
}

/**
 * So sánh một giá trị (đã gộp cho cả kỳ) với mục tiêu theo các quy tắc ở đầu tệp.
 * Giá trị và mục tiêu được làm tròn tới `decimals` trước khi so sánh.
 */
export function compareWithTarget(
  target: string | Target,
  value: number,
  direction: Direction,
  decimals: number,
): { verdict: Exclude<Verdict, "thieu-so-lieu">; value: number; gap: number } {
  const t = resolveTarget(target);
  const d = checkDecimals(decimals);
  const v = roundTo(value, d);
  const higher = direction === "higher";
  switch (t.comparator) {
    case "=":
    case ">=":
    case "<=":
    case ">":
    case "<": {
      const ref = roundTo(requireNumber(t, t.value, "giá trị"), d);
      const gap = roundTo(v - ref, d);
      let verdict: Exclude<Verdict, "thieu-so-lieu">;
      if (t.comparator === ">") verdict = v > ref ? "dat" : "khong-dat";
      else if (t.comparator === "<") verdict = v < ref ? "dat" : "khong-dat";
      else if (v === ref) verdict = "dat";
      else if (t.comparator === ">=") verdict = v < ref ? "khong-dat" : higher ? "vuot" : "dat";
      else if (t.comparator === "<=") verdict = v > ref ? "khong-dat" : higher ? "dat" : "vuot";
      else verdict = v > ref === higher ? "vuot" : "khong-dat";
      return { verdict, value: v, gap };
    }
    case "range": {
      const lo = roundTo(requireNumber(t, t.min, "cận dưới"), d);
      const hi = roundTo(requireNumber(t, t.max, "cận trên"), d);
      if (v > hi) return { verdict: higher ? "vuot" : "khong-dat", value: v, gap: roundTo(v - hi, d) };
      if (v < lo) return { verdict: higher ? "khong-dat" : "vuot", value: v, gap: roundTo(v - lo, d) };
      return { verdict: "dat", value: v, gap: 0 };
    }
    case "composite":
      throw new EvaluationError(
        `Mục tiêu cơ cấu '${t.text}' gồm nhiều thành phần: đánh giá từng thành phần bằng evaluateComposite`,
      );
  }
}

/**
 * Đánh giá một chỉ tiêu so với mục tiêu của kỳ. Xem QUY TẮC ĐÁNH GIÁ ở đầu tệp.
 * Ném TargetSyntaxError nếu chữ mục tiêu sai, EvaluationError nếu cách gộp sai hoặc mục tiêu là cơ cấu.
 */
export function evaluateIndicator(input: EvaluateIndicatorInput): EvaluationResult {
  const target = resolveTarget(input.target);
  if (target.comparator === "composite") {
    throw new EvaluationError(
      `Mục tiêu cơ cấu '${target.text}' gồm nhiều thành phần: đánh giá từng thành phần bằng evaluateComposite`,
    );
  }
  if (!isAggregation(input.aggregation)) {
    throw new EvaluationError(
      `Cách gộp '${String(input.aggregation)}' không hợp lệ (dùng một trong: ${AGGREGATIONS.join(", ")})`,
    );
  }
  checkDecimals(input.decimals);
  if (input.direction !== "higher" && input.direction !== "lower") {
    throw new EvaluationError(`Chiều đánh giá '${String(input.direction)}' không hợp lệ (dùng "higher" hoặc "lower")`);
  }
  const { series, statuses } = normalizeValues(input.values, input.years);
  const agg = aggregate(input.aggregation, series);
  if (agg.value === null) return missingResult(agg.missingYears, agg.reason);
  let compared = agg.value;
  if (target.perYear && input.aggregation === "sum") compared = agg.value / agg.usedYears.length;
  const { verdict, value, gap } = compareWithTarget(target, compared, input.direction, input.decimals);
  let status: ValueStatus | null = null;
  if (statuses !== null) for (const y of agg.usedYears) status = weakerStatus(status, statuses.get(y) ?? null);
  return {
    value,
    aggregated: agg.value,
    verdict,
    label: VERDICT_LABELS[verdict],
    missingYears: [],
    usedYears: agg.usedYears,
    gap,
    status,
  };
}

export interface CompositeComponentInput {
  name: string;
  direction: Direction;
  values: YearValues;
}

export interface EvaluateCompositeInput {
  /** Mục tiêu cơ cấu, ví dụ "57 - 37,7 - 5,3". */
  target: string | Target;
  /** Các thành phần theo đúng thứ tự của mục tiêu. */
  components: readonly CompositeComponentInput[];
  decimals: number;
  /** Cách gộp mỗi thành phần; mặc định "last" (tỷ trọng năm cuối kỳ). */
  aggregation?: Aggregation;
  years?: readonly number[];
}

export interface CompositeResult {
  verdict: Verdict;
  label: string;
  status: ValueStatus | null;
  components: Array<{ name: string; target: number; result: EvaluationResult }>;
}

/** Thứ tự "kém nhất": Không đạt > Chưa đủ số liệu > Đạt > Vượt. */
const WORST_ORDER: Readonly<Record<Verdict, number>> = { "khong-dat": 3, "thieu-so-lieu": 2, dat: 1, vuot: 0 };

/** Kết quả kém nhất của nhiều kết quả: có thành phần Không đạt là Không đạt (chắc chắn), rồi đến thiếu số liệu. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  let worst: Verdict = "vuot";
  if (verdicts.length === 0) return "thieu-so-lieu";
  for (const v of verdicts) if (WORST_ORDER[v] > WORST_ORDER[worst]) worst = v;
  return worst;
}

/**
 * Đánh giá mục tiêu cơ cấu: thành phần thứ i được so với số thứ i của mục tiêu như một giá trị trần với chiều
 * riêng của nó (ví dụ dịch vụ "higher", nông nghiệp "lower"), gộp mặc định "last". Kết quả chung = kém nhất.
 */
export function evaluateComposite(input: EvaluateCompositeInput): CompositeResult {
  const target = resolveTarget(input.target);
  const parts = target.comparator === "composite" ? (target.components ?? []) : [];
  if (parts.length === 0) {
    throw new EvaluationError(`Mục tiêu '${target.text}' không phải mục tiêu cơ cấu nhiều thành phần`);
  }
  if (parts.length !== input.components.length) {
    throw new EvaluationError(
      `Mục tiêu cơ cấu '${target.text}' có ${parts.length} thành phần nhưng có ${input.components.length} chỉ tiêu thành phần`,
    );
  }
  const aggregation = input.aggregation ?? "last";
  const components = input.components.map((c, i) => {
    const componentTarget: Target = {
      text: formatVnNumber(parts[i]!) + (target.percent ? "%" : ""),
      comparator: "=",
      value: parts[i]!,
      perYear: target.perYear,
      percent: target.percent,
      approx: false,
    };
    const evalInput: EvaluateIndicatorInput = {
      target: componentTarget,
      aggregation,
      direction: c.direction,
      decimals: input.decimals,
      values: c.values,
    };
    if (input.years !== undefined) evalInput.years = input.years;
    return { name: c.name, target: parts[i]!, result: evaluateIndicator(evalInput) };
  });
  const verdict = worstVerdict(components.map((c) => c.result.verdict));
  let status: ValueStatus | null = null;
  for (const c of components) status = weakerStatus(status, c.result.status);
  return { verdict, label: VERDICT_LABELS[verdict], status, components };
}
