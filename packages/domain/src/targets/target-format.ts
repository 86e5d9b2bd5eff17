import { formatVnNumber } from "../numbers/vn-number.js";
import type { Target } from "./target.js";

/**
 * Viết mục tiêu lại theo lối văn bản: `10,5%/năm`, `tối thiểu 16%/năm`, `12-17`, `<4`, `52.000/năm`,
 * `0,7-1,0` (số viết ngắn nhất: `0,7-1`), `57 - 37,7 - 5,3`, `khoảng 7,5`, `5.600 USD`.
 * ">=" viết "tối thiểu", "<=" viết "tối đa", cận chặt viết bằng ký hiệu "<" ">".
 * Đọc lại chữ này cho đúng cấu trúc ban đầu: parseTarget(formatTarget(t)) ≡ t (trừ trường text).
 */
export function formatTarget(target: Target): string {
  const pct = target.percent ? "%" : "";
  const d = target.writtenDecimals;
  const num = (v: number | undefined, what: string): string => {
    if (v === undefined || !Number.isFinite(v)) {
      throw new RangeError(`Mục tiêu '${target.text}' (${target.comparator}) thiếu ${what}`);
    }
    return formatVnNumber(v, d);
  };
  let core: string;
  switch (target.comparator) {
    case "range":
      core = `${num(target.min, "cận dưới")}-${num(target.max, "cận trên")}${pct}`;
      break;
    case "composite":
      if (target.components === undefined || target.components.length < 3) {
        throw new RangeError(`Mục tiêu cơ cấu '${target.text}' cần ít nhất 3 thành phần`);
      }
      core = target.components.map((c) => formatVnNumber(c)).join(" - ") + pct;
      break;
    default:
      core = num(target.value, "giá trị") + pct;
  }
  let prefix = "";
  switch (target.comparator) {
    case ">=":
      prefix = "tối thiểu ";
      break;
    case "<=":
      prefix = "tối đa ";
      break;
    case ">":
      prefix = ">";
      break;
    case "<":
      prefix = "<";
      break;
    default:
      prefix = target.approx ? "khoảng " : "";
  }
  const unit = target.unitText !== undefined && target.unitText !== "" ? ` ${target.unitText}` : "";
  const perYear = target.perYear ? "/năm" : "";
  return `${prefix}${core}${unit}${perYear}`;
}

/** Giá trị tham chiếu của mục tiêu để ghi chênh lệch: giá trị của mục tiêu một số, null với khoảng và cơ cấu. */
export function targetReferenceValue(target: Target): number | null {
  return target.value ?? null;
}
