// Generated indicator figures for demonstrations: a plausible, internally consistent yearly series per indicator
// (growth rates 4–15 %, levels growing, rates moving slowly towards their bound, shares normalised to 100 by the
// caller), calibrated around the row's target when it has one so that evaluations come out mixed.

import { aggregate, formatTarget, formatVnNumber, tryParseTarget, type Aggregation, type Target } from "@tonghop/domain";
import type { Random } from "./random.js";

export type SeriesKind = "growth" | "share" | "rate" | "mean-rate" | "level" | "per-capita" | "index" | "ratio";

export interface SeriesSpec {
  /** Indicator code (stable key). */
  code: string;
  /** Row name and indicator name, for keyword rules. */
  name: string;
  unit: string;
  aggregation: Aggregation;
  direction: "higher" | "lower";
  decimals: number;
  /** The row's target text for `targetYears`, if any. */
  target?: string | null;
  targetYears?: readonly number[] | null;
}

const lower = (s: string) => s.toLocaleLowerCase("vi");

/** What kind of figure a row holds, from its unit, aggregation and name. */
export function classifySeries(spec: Pick<SeriesSpec, "name" | "unit" | "aggregation">): SeriesKind {
  const unit = lower(spec.unit.trim());
  const name = lower(spec.name);
  const percent = unit.startsWith("%");
  if (spec.aggregation === "growthMean" || (percent && /tăng trưởng|tốc độ tăng|chỉ số sản xuất|tăng so với/.test(name))) return "growth";
  if (percent && spec.aggregation === "mean") return "mean-rate";
  if (percent && /cơ cấu|tỷ trọng|xuất siêu|nhập siêu|cân bằng/.test(name)) return "share";
  if (percent) return "rate";
  if (/icor|\bx\b|^x$|lần/.test(unit) || /icor|hệ số/.test(name)) return "ratio";
  if (/điểm|chỉ số|tuổi|vạn dân/.test(unit)) return "index";
  if (/\/người|\/lđ|\/ người|^usd$/.test(unit)) return "per-capita";
  return "level";
}

interface LevelShape {
  base: [number, number];
  growth: [number, number];
}

/** Magnitude of a level (first year) and its yearly growth, from unit and name keywords. */
function levelShape(unit: string, name: string): LevelShape {
  const u = lower(unit);
  const n = lower(name);
  if (/tỷ usd/.test(u)) return { base: [8, 16], growth: [0.06, 0.14] };
  if (/usd/.test(u)) {
    if (/xuất khẩu|nhập khẩu/.test(n)) return { base: [9000, 18000], growth: [0.06, 0.14] };
    return { base: [900, 4000], growth: [0.03, 0.15] };
  }
  if (/tỷ/.test(u)) {
    if (/grdp|sản phẩm|giá trị sản xuất|gtsx|quy mô/.test(n)) return { base: [180000, 320000], growth: [0.06, 0.13] };
    if (/bán lẻ|blhh/.test(n)) return { base: [80000, 140000], growth: [0.07, 0.14] };
    if (/tổng thu|thu ngân sách|thu nsnn|tổng chi|chi ngân sách/.test(n)) return { base: [60000, 95000], growth: [0.05, 0.12] };
    if (/thu |chi /.test(n)) return { base: [6000, 40000], growth: [0.04, 0.12] };
    if (/vốn/.test(n)) return { base: [70000, 130000], growth: [0.07, 0.15] };
    return { base: [2000, 30000], growth: [0.04, 0.12] };
  }
  if (/triệu tấn/.test(u)) return { base: [80, 120], growth: [0.05, 0.11] };
  if (/triệu lượt/.test(u)) return { base: [5, 8], growth: [0.03, 0.09] };
  if (/người|lượt/.test(u)) {
    if (/việc làm/.test(n)) return { base: [48000, 56000], growth: [0.0, 0.03] };
    if (/lực lượng|lao động từ/.test(n)) return { base: [1000000, 1200000], growth: [0.005, 0.015] };
    return { base: [8000, 300000], growth: [0.02, 0.08] };
  }
  if (/ha\b|héc/.test(u)) return { base: [3000, 9000], growth: [0.02, 0.06] };
  if (/doanh nghiệp/.test(u) || /doanh nghiệp/.test(n)) return { base: [300, 15000], growth: [0.03, 0.1] };
  if (/dự án/.test(u)) return { base: [40, 140], growth: [0.02, 0.12] };
  if (/hợp tác xã/.test(u)) return { base: [300, 700], growth: [0.02, 0.06] };
  if (/đơn vị|khu|cụm/.test(u)) return { base: [8, 24], growth: [0.0, 0.06] };
  if (/xã/.test(u)) return { base: [60, 180], growth: [0.01, 0.05] };
  return { base: [100, 5000], growth: [0.02, 0.08] };
}

function logUniform(r: Random, lo: number, hi: number): number {
  return Math.exp(r.range(Math.log(lo), Math.log(hi)));
}

/** An unrounded yearly series over `years` (ascending, consecutive). */
export function generateSeries(spec: SeriesSpec, years: readonly number[], r: Random): Map<number, number> {
  const kind = classifySeries(spec);
  const out = new Map<number, number>();
  const n = lower(spec.name);
  const higher = spec.direction === "higher";
  switch (kind) {
    case "growth": {
      const centre = /nông|nlts|thủy sản/.test(n) ? r.range(2, 4) : r.range(6, 12);
      const dipYear = years.includes(2020) ? 2020 : r.chance(0.3) ? r.pick(years) : null;
      for (const y of years) {
        let g = centre + r.range(-2, 2.5);
        if (y === dipYear) g = Math.max(0.5, g * r.range(0.3, 0.6));
        out.set(y, Math.max(0.3, g));
      }
      break;
    }
    case "mean-rate": {
      const centre = /giảm/.test(n) ? r.range(0.6, 1.2) : /đóng góp|tfp/.test(n) ? r.range(20, 45) : r.range(3, 25);
      for (const y of years) out.set(y, Math.max(0.05, centre * r.range(0.8, 1.2)));
      break;
    }
    case "share": {
      let v = r.range(5, 60);
      for (const y of years) {
        out.set(y, v);
        v = Math.max(0.5, v + r.range(-1.5, 1.5));
      }
      break;
    }
    case "rate": {
      if (higher) {
        let v = /đô thị/.test(n) ? r.range(40, 50) : r.range(55, 90);
        const step = r.range(0.3, 2.5);
        for (const y of years) {
          out.set(y, Math.min(99.8, v));
          v += step * r.range(0.5, 1.5);
        }
      } else {
        let v = /thất nghiệp/.test(n) ? r.range(2.8, 4.5) : /nghèo/.test(n) ? r.range(1.5, 4) : r.range(2, 9);
        const step = v * r.range(0.04, 0.12);
        for (const y of years) {
          out.set(y, Math.max(0.2, v));
          v -= step * r.range(0.5, 1.5);
        }
      }
      break;
    }
    case "ratio": {
      const centre = /icor/.test(n) ? r.range(4.2, 6.5) : r.range(1.1, 2.2);
      for (const y of years) out.set(y, centre * r.range(0.9, 1.1));
      break;
    }
    case "index": {
      const u = lower(spec.unit);
      let v: number;
      let step: number;
      if (/tuổi/.test(u)) [v, step] = [r.range(74, 76.5), r.range(0.1, 0.3)];
      else if (/bác sĩ/.test(u)) [v, step] = [r.range(9, 12), r.range(0.2, 0.5)];
      else if (/giường/.test(u)) [v, step] = [r.range(28, 36), r.range(0.3, 0.8)];
      else if (/chỉ số/.test(u)) [v, step] = [r.range(0.72, 0.78), r.range(0.002, 0.006)];
      else if (/ict/.test(n)) [v, step] = [r.range(0.45, 0.6), r.range(0.005, 0.02)];
      else [v, step] = [r.range(62, 80), r.range(0.2, 1.2)];
      for (const y of years) {
        out.set(y, v);
        v += step * r.range(-0.5, 1.5);
      }
      break;
    }
    case "per-capita": {
      const u = lower(spec.unit);
      let v = /usd/.test(u) ? r.range(3500, 5000) : r.range(70, 130);
      const g = r.range(0.05, 0.11);
      for (const y of years) {
        out.set(y, v);
        v *= 1 + g * r.range(0.6, 1.4);
      }
      break;
    }
    case "level": {
      const shape = levelShape(spec.unit, spec.name);
      let v = logUniform(r, shape.base[0], shape.base[1]);
      const g = r.range(shape.growth[0], shape.growth[1]);
      for (const y of years) {
        out.set(y, v);
        v *= 1 + (higher ? 1 : -0.5) * g * r.range(0.6, 1.4);
      }
      break;
    }
  }
  return out;
}

/** Target factor: how far from its target the generated figure lands (mixed verdicts). */
function targetFactor(t: Target, direction: "higher" | "lower", r: Random): number {
  const good = direction === "higher";
  switch (t.comparator) {
    case "<":
    case "<=":
      return r.range(0.8, 1.06);
    case ">":
    case ">=":
      return r.range(0.94, 1.15);
    case "range":
      return r.range(0.85, 1.2);
    default:
      return good ? r.range(0.92, 1.12) : r.range(0.88, 1.08);
  }
}

/**
 * Scales `series` so that its aggregate over `spec.targetYears` lands near the row's target (a few percent either
 * side). Composite, cagr and changePerYear targets, unreadable targets and empty aggregates are left alone.
 */
export function calibrateToTarget(spec: SeriesSpec, series: Map<number, number>, r: Random): void {
  if (!spec.target || !spec.targetYears?.length) return;
  const parsed = tryParseTarget(spec.target);
  if (!parsed.ok) return;
  const t = parsed.target;
  if (t.comparator === "composite" || spec.aggregation === "cagr" || spec.aggregation === "changePerYear") return;
  const ref = t.comparator === "range" ? ((t.min ?? 0) + (t.max ?? 0)) / 2 : t.value;
  if (ref === undefined || !Number.isFinite(ref) || ref <= 0) return;
  let desired = ref * targetFactor(t, spec.direction, r);
  if (t.perYear && spec.aggregation === "sum") desired *= spec.targetYears.length;
  const agg = aggregate(spec.aggregation, spec.targetYears.map((y) => ({ year: y, value: series.get(y) ?? null })));
  if (agg.value === null || agg.value <= 0) return;
  const k = desired / agg.value;
  const percent = spec.unit.trim().startsWith("%");
  for (const [y, v] of series) series.set(y, percent && classifySeries(spec) !== "growth" ? Math.min(100, v * k) : v * k);
}

/** Proposal for the next period as target text ("13,5%/năm", "6.500", "<3,5"), from the row's target or its last value. */
export function proposeTarget(spec: SeriesSpec, last: number | null, r: Random): string | null {
  const parsed = spec.target ? tryParseTarget(spec.target) : null;
  const up = spec.direction === "higher";
  if (parsed?.ok) {
    const t = parsed.target;
    const bump = (v: number) => (up ? v * r.range(1.02, 1.3) : v * r.range(0.75, 0.98));
    const cap = (v: number) => (t.percent || spec.unit.trim().startsWith("%") ? Math.min(100, v) : v);
    const d = t.writtenDecimals ?? Math.min(1, spec.decimals);
    const round = (v: number) => Number(cap(bump(v)).toFixed(d));
    const next: Target = { ...t };
    if (t.comparator === "composite" && t.components) {
      return null;
    }
    if (t.comparator === "range" && t.min !== undefined && t.max !== undefined) {
      next.min = round(t.min);
      next.max = Math.max(next.min, round(t.max));
    } else if (t.value !== undefined) {
      next.value = round(t.value);
    }
    try {
      return formatTarget(next);
    } catch {
      return null;
    }
  }
  if (last === null) return null;
  const kind = classifySeries(spec);
  if (kind === "growth") return `${formatVnNumber(Math.max(1, last * r.range(0.9, 1.2)), 1)}%/năm`;
  if (kind === "rate" || kind === "share") return formatVnNumber(Math.min(100, up ? last + r.range(0.5, 5) : last * r.range(0.7, 0.95)), 1);
  const growth = up ? (1 + r.range(0.04, 0.12)) ** 5 : r.range(0.8, 0.98);
  return formatVnNumber(last * growth, spec.decimals);
}
