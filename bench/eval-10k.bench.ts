// Đánh giá 10.000 chỉ tiêu × 10 năm (mục tiêu và cách gộp trộn lẫn, số liệu giả ngẫu nhiên có hạt giống cố định),
// so với một vòng lặp chỉ cộng chính các số đó. Mục tiêu: < 50 ms.
// Chạy: node --conditions=source --import tsx bench/eval-10k.bench.ts  (hoặc npm run bench -- eval-10k)
// In đúng hai dòng:
//   BENCH eval-10k <ms> ms
//   BENCH eval-10k-ratio <tỷ lệ> x
import { evaluateIndicator } from "@tonghop/domain";
import type { Aggregation, Direction, EvaluateIndicatorInput, ValueStatus } from "@tonghop/domain";

const INDICATORS = 10_000;
const YEARS = Array.from({ length: 10 }, (_, i) => 2014 + i);
const WARMUP_RUNS = 5;
const RUNS = 21;

// mulberry32: giả ngẫu nhiên có hạt giống, để mọi lần chạy dùng cùng dữ liệu.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20240426);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const vn = (x: number, d: number): string => x.toFixed(d).replace(".", ",");

type Kind = {
  target: () => string;
  aggregation: Aggregation;
  direction: Direction;
  decimals: number;
  value: () => number;
};

// Các loại chỉ tiêu như trong Phụ lục I (Chỉ thị 15) và Phụ lục 2 (Công văn 2830).
const KINDS: readonly Kind[] = [
  { target: () => `${vn(8 + Math.floor(rand() * 40) / 10, 1)}%/năm`, aggregation: "growthMean", direction: "higher", decimals: 2, value: () => 6 + rand() * 12 },
  { target: () => `tối thiểu ${10 + Math.floor(rand() * 8)}%/năm`, aggregation: "growthMean", direction: "higher", decimals: 1, value: () => 8 + rand() * 10 },
  { target: () => `${pick(["4.800", "5.600", "6.500"])}`, aggregation: "last", direction: "higher", decimals: 0, value: () => 4000 + rand() * 3000 },
  { target: () => pick(["12-17", "10-15", "20 - 25"]), aggregation: "last", direction: "higher", decimals: 1, value: () => 8 + rand() * 14 },
  { target: () => `${pick(["440.000", "500.000", "380.000"])}`, aggregation: "sum", direction: "higher", decimals: 0, value: () => 30000 + rand() * 30000 },
  { target: () => pick(["<4", "dưới 3,5%", "tối đa 4%"]), aggregation: "last", direction: "lower", decimals: 1, value: () => 2 + rand() * 3 },
  { target: () => `${pick(["52.000", "50.000", "55.000"])}/năm`, aggregation: pick(["sum", "mean"] as const), direction: "higher", decimals: 0, value: () => 45000 + rand() * 12000 },
  { target: () => pick(["0,7-1,0", "1-1,5%/năm", "0,5 - 1"]), aggregation: "mean", direction: "higher", decimals: 2, value: () => 0.4 + rand() * 1 },
  { target: () => pick(["100", "85", "90", "khoảng 95%"]), aggregation: "last", direction: "higher", decimals: 1, value: () => 80 + rand() * 20 },
  { target: () => `${vn(8 + Math.floor(rand() * 20) / 2, 1)}%/năm`, aggregation: "cagr", direction: "higher", decimals: 1, value: () => 1000 + rand() * 5000 },
  { target: () => pick(["-1,0 - -0,7", "tối đa -0,5"]), aggregation: "changePerYear", direction: "lower", decimals: 2, value: () => 1 + rand() * 8 },
];
const STATUSES: readonly ValueStatus[] = ["chinh-thuc", "chinh-thuc", "chinh-thuc", "so-bo", "uoc"];

function build(): EvaluateIndicatorInput[] {
  const out: EvaluateIndicatorInput[] = [];
  for (let i = 0; i < INDICATORS; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const values: Record<number, number | null | { value: number | null; status: ValueStatus }> = {};
    for (const y of YEARS) {
      const r = rand();
      const v = Math.round(kind.value() * 100) / 100;
      values[y] = r < 0.03 ? null : r < 0.5 ? v : { value: v, status: pick(STATUSES) };
    }
    out.push({ target: kind.target(), aggregation: kind.aggregation, direction: kind.direction, decimals: kind.decimals, values, years: YEARS });
  }
  return out;
}

const inputs = build();

function evaluateAll(): number {
  let verdictCount = 0;
  for (const input of inputs) {
    const r = evaluateIndicator(input);
    if (r.verdict !== "thieu-so-lieu") verdictCount++;
  }
  return verdictCount;
}

function sumAll(): number {
  let total = 0;
  for (const input of inputs) {
    const values = input.values as Record<number, number | null | { value: number | null }>;
    for (const y of YEARS) {
      const v = values[y];
      if (typeof v === "number") total += v;
      else if (v !== null && v !== undefined && v.value !== null) total += v.value;
    }
  }
  return total;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => number): number {
  let sink = 0;
  for (let i = 0; i < WARMUP_RUNS; i++) sink += fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    sink += fn();
    samples.push(performance.now() - t0);
  }
  if (!Number.isFinite(sink)) throw new Error("kết quả không hợp lệ");
  return median(samples);
}

const evalMs = time(evaluateAll);
const sumMs = time(sumAll);
console.log(`BENCH eval-10k ${evalMs.toFixed(1)} ms`);
console.log(`BENCH eval-10k-ratio ${(evalMs / Math.max(sumMs, 1e-3)).toFixed(1)} x`);
