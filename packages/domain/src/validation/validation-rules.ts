// Quy tắc kiểm tra số liệu giữa các chỉ tiêu và theo lịch sử, với thông báo tiếng Việt nêu tên chỉ tiêu,
// năm và các con số.
//
//   sum      tổng các chỉ tiêu `of` phải bằng `equals` ± `tolerance` (cơ cấu: tỷ trọng cộng lại 100 ± 0,1).
//            Chỉ kiểm tra năm có đủ số liệu của mọi chỉ tiêu thành phần (thiếu số liệu là việc của theo dõi tiến độ).
//   compare  left op right (± tolerance): thu nội địa ≤ tổng thu. `right` là mã chỉ tiêu hoặc một số.
//   yoy      thay đổi so với năm trước vượt ±maxChangePercent % → cảnh báo.
//   zscore   giá trị lệch khỏi trung bình các năm KHÁC của dãy quá k độ lệch chuẩn (độ lệch chuẩn mẫu của các
//            năm khác; cần ít nhất 3 năm khác). So với các năm khác (bỏ chính năm đang xét) vì với dãy ngắn một giá
//            trị bất thường làm phình độ lệch chuẩn của cả dãy và tự che mình: với n năm, |z| tính trên cả dãy không
//            bao giờ vượt (n−1)/√n.
// Mức độ mặc định: sum, compare → "error"; yoy, zscore → "warning"; mỗi quy tắc có thể ghi `severity` riêng.

import { formatVnNumber, roundTo } from "../numbers/vn-number.js";

export type Severity = "error" | "warning";
export type CompareOp = "<=" | "<" | ">=" | ">" | "=";

interface RuleBase {
  /** Mã quy tắc do người cấu hình đặt (tùy chọn), trả lại trong kết quả. */
  id?: string;
  severity?: Severity;
}
export interface SumRule extends RuleBase {
  kind: "sum";
  of: string[];
  equals: number;
  tolerance: number;
}
export interface CompareRule extends RuleBase {
  kind: "compare";
  left: string;
  op: CompareOp;
  right: string | number;
  tolerance?: number;
}
export interface YoyRule extends RuleBase {
  kind: "yoy";
  code: string;
  maxChangePercent: number;
}
export interface ZscoreRule extends RuleBase {
  kind: "zscore";
  code: string;
  k: number;
}
export type ValidationRule = SumRule | CompareRule | YoyRule | ZscoreRule;

export interface ValidationData {
  /** Tên chỉ tiêu theo mã (dùng trong thông báo; thiếu tên thì ghi mã). */
  names: Readonly<Record<string, string>>;
  /** Đơn vị theo mã ("%", "tỷ đồng"…), tùy chọn. */
  units?: Readonly<Record<string, string>>;
  values: (code: string, year: number) => number | null | undefined;
  years: readonly number[];
}

export interface ValidationIssue {
  rule: ValidationRule;
  /** Chỉ tiêu chính của vấn đề (sum: chỉ tiêu đầu tiên; compare: vế trái). */
  code: string;
  /** Mọi chỉ tiêu liên quan. */
  codes: string[];
  year: number;
  severity: Severity;
  message: string;
}

const EPS = 1e-9;

function num(v: number): string {
  return formatVnNumber(roundTo(v, 6));
}

/** Số thống kê (trung bình, độ lệch chuẩn) ghi 2 chữ số thập phân. */
function stat(v: number): string {
  return formatVnNumber(roundTo(v, 2));
}

function withUnit(v: number, unit: string | undefined, write: (x: number) => string = num): string {
  if (unit === undefined || unit === "") return write(v);
  return unit === "%" ? `${write(v)}%` : `${write(v)} ${unit}`;
}

const OP_WORDS: Readonly<Record<CompareOp, string>> = {
  "<=": "không được lớn hơn",
  "<": "phải nhỏ hơn",
  ">=": "không được nhỏ hơn",
  ">": "phải lớn hơn",
  "=": "phải bằng",
};

function present(v: number | null | undefined): v is number {
  return v !== null && v !== undefined && Number.isFinite(v);
}

/** Chạy các quy tắc trên mọi năm của `data.years`; trả về danh sách vấn đề theo thứ tự quy tắc rồi năm. */
export function runValidation(rules: readonly ValidationRule[], data: ValidationData): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const name = (code: string): string => data.names[code] ?? code;
  const unit = (code: string): string | undefined => data.units?.[code];
  const years = [...data.years].sort((a, b) => a - b);
  for (const rule of rules) {
    switch (rule.kind) {
      case "sum": {
        const severity = rule.severity ?? "error";
        const u = rule.of.length > 0 ? unit(rule.of[0]!) : undefined;
        const isShare = u === "%";
        for (const year of years) {
          let total = 0;
          let complete = true;
          for (const c of rule.of) {
            const v = data.values(c, year);
            if (!present(v)) {
              complete = false;
              break;
            }
            total += v;
          }
          if (!complete) continue;
          if (Math.abs(total - rule.equals) > rule.tolerance + EPS) {
            const what = isShare ? "tổng tỷ trọng" : "tổng";
            const tol = rule.tolerance > 0 ? ` ± ${num(rule.tolerance)}` : "";
            issues.push({
              rule,
              code: rule.of[0] ?? "",
              codes: [...rule.of],
              year,
              severity,
              message: `Năm ${year}: ${what} ${rule.of.map(name).join(", ")} = ${withUnit(total, u)} (phải bằng ${num(rule.equals)}${tol})`,
            });
          }
        }
        break;
      }
      case "compare": {
        const severity = rule.severity ?? "error";
        const tol = rule.tolerance ?? 0;
        const rightIsCode = typeof rule.right === "string";
        for (const year of years) {
          const a = data.values(rule.left, year);
          const b = typeof rule.right === "number" ? rule.right : data.values(rule.right, year);
          if (!present(a) || !present(b)) continue;
          let ok: boolean;
          switch (rule.op) {
            case "<=":
              ok = a <= b + tol + EPS;
              break;
            case "<":
              ok = a < b + tol;
              break;
            case ">=":
              ok = a >= b - tol - EPS;
              break;
            case ">":
              ok = a > b - tol;
              break;
            case "=":
              ok = Math.abs(a - b) <= tol + EPS;
              break;
          }
          if (ok) continue;
          const rightText = rightIsCode
            ? `${name(rule.right as string)} (${withUnit(b, unit(rule.right as string))})`
            : withUnit(b, unit(rule.left));
          const tolText = tol > 0 ? ` (sai số cho phép ${num(tol)})` : "";
          issues.push({
            rule,
            code: rule.left,
            codes: rightIsCode ? [rule.left, rule.right as string] : [rule.left],
            year,
            severity,
            message: `Năm ${year}: ${name(rule.left)} (${withUnit(a, unit(rule.left))}) ${OP_WORDS[rule.op]} ${rightText}${tolText}`,
          });
        }
        break;
      }
      case "yoy": {
        const severity = rule.severity ?? "warning";
        const u = unit(rule.code);
        for (const year of years) {
          const prev = data.values(rule.code, year - 1);
          const cur = data.values(rule.code, year);
          if (!present(prev) || !present(cur)) continue;
          const limit = `vượt ngưỡng ±${num(rule.maxChangePercent)}%`;
          if (prev === 0) {
            if (cur !== 0) {
              issues.push({
                rule,
                code: rule.code,
                codes: [rule.code],
                year,
                severity,
                message: `Năm ${year}: ${name(rule.code)} thay đổi từ 0 năm ${year - 1} lên ${withUnit(cur, u)}, ${limit}`,
              });
            }
            continue;
          }
          const change = ((cur - prev) / Math.abs(prev)) * 100;
          if (Math.abs(change) > rule.maxChangePercent + EPS) {
            const sign = change > 0 ? "+" : "";
            issues.push({
              rule,
              code: rule.code,
              codes: [rule.code],
              year,
              severity,
              message: `Năm ${year}: ${name(rule.code)} thay đổi ${sign}${formatVnNumber(roundTo(change, 1))}% so với năm ${year - 1} (${withUnit(prev, u)} → ${withUnit(cur, u)}), ${limit}`,
            });
          }
        }
        break;
      }
      case "zscore": {
        const severity = rule.severity ?? "warning";
        const u = unit(rule.code);
        const series: Array<{ year: number; value: number }> = [];
        for (const year of years) {
          const v = data.values(rule.code, year);
          if (present(v)) series.push({ year, value: v });
        }
        if (series.length < 4) break;
        for (const item of series) {
          const others = series.filter((o) => o !== item).map((o) => o.value);
          const m = others.reduce((s, x) => s + x, 0) / others.length;
          const variance = others.reduce((s, x) => s + (x - m) * (x - m), 0) / (others.length - 1);
          const sd = Math.sqrt(variance);
          const diff = item.value - m;
          if (Math.abs(diff) <= EPS * Math.max(1, Math.abs(m))) continue;
          const z = sd === 0 ? Infinity : Math.abs(diff) / sd;
          if (z > rule.k) {
            const zText = Number.isFinite(z) ? `${formatVnNumber(roundTo(z, 1))} độ lệch chuẩn` : "trong khi các năm khác không đổi";
            issues.push({
              rule,
              code: rule.code,
              codes: [rule.code],
              year: item.year,
              severity,
              message: `Năm ${item.year}: ${name(rule.code)} = ${withUnit(item.value, u)} lệch ${zText} so với các năm khác (trung bình ${withUnit(m, u, stat)}, độ lệch chuẩn ${stat(sd)}), vượt ngưỡng ${num(rule.k)}`,
            });
          }
        }
        break;
      }
    }
  }
  return issues;
}
