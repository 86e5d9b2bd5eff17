// Kỳ báo cáo. Khóa chuẩn (chuỗi):
//   năm "2018" · giai đoạn "2014-2018" · quý "2024-Q1" · tháng "2024-M03" · 6 tháng đầu năm "2024-6T" ·
//   9 tháng đầu năm "2024-9T".
// Địa bàn so sánh (Hải Phòng, Cả nước, Vùng ĐBSH) là dữ liệu do người quản trị nhập, không nằm trong mã:
// chỉ có kiểu ComparisonArea.

import type { PlainDate } from "../dates/plain-date.js";
import { lastDayOfMonth, makePlainDate } from "../dates/plain-date.js";
import { romanNumeral } from "../documents/numbering.js";

export type PeriodKind = "year" | "range" | "quarter" | "month" | "half" | "nine-months";

export interface Period {
  key: string;
  kind: PeriodKind;
  /** Ngày đầu kỳ. */
  from: PlainDate;
  /** Ngày cuối kỳ. */
  to: PlainDate;
  /** Các năm dương lịch thuộc kỳ. */
  years: number[];
}

/** Địa bàn so sánh (dữ liệu): { code: "HP", name: "Hải Phòng" }. */
export interface ComparisonArea {
  code: string;
  name: string;
}

export class PeriodSyntaxError extends Error {
  override readonly name = "PeriodSyntaxError";
  readonly text: string;
  constructor(text: string, detail: string) {
    super(`Không hiểu kỳ '${text}': ${detail}`);
    this.text = text;
  }
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const ROMAN_QUARTERS: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };

function checkYear(text: string, y: number): number {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) {
    throw new PeriodSyntaxError(text, `năm ${y} nằm ngoài khoảng ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return y;
}

function yearsBetween(a: number, b: number): number[] {
  const out: number[] = [];
  for (let y = a; y <= b; y++) out.push(y);
  return out;
}

function build(kind: PeriodKind, key: string, y: number, m1: number, m2: number, y2 = y): Period {
  return {
    key,
    kind,
    from: makePlainDate(y, m1, 1),
    to: makePlainDate(y2, m2, lastDayOfMonth(y2, m2)),
    years: yearsBetween(y, y2),
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function yearPeriod(year: number): Period {
  checkYear(String(year), year);
  return build("year", String(year), year, 1, 12);
}

export function rangePeriod(from: number, to: number): Period {
  const text = `${from}-${to}`;
  checkYear(text, from);
  checkYear(text, to);
  if (from >= to) throw new PeriodSyntaxError(text, `năm đầu ${from} phải nhỏ hơn năm cuối ${to}`);
  return build("range", text, from, 1, 12, to);
}

export function quarterPeriod(year: number, quarter: number): Period {
  const key = `${year}-Q${quarter}`;
  checkYear(key, year);
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new PeriodSyntaxError(key, `quý ${quarter} không có (chỉ có quý I–IV)`);
  return build("quarter", key, year, quarter * 3 - 2, quarter * 3);
}

export function monthPeriod(year: number, month: number): Period {
  const key = `${year}-M${pad2(month)}`;
  checkYear(key, year);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new PeriodSyntaxError(key, `tháng ${month} không có (chỉ có tháng 1–12)`);
  return build("month", key, year, month, month);
}

export function halfYearPeriod(year: number): Period {
  checkYear(`${year}-6T`, year);
  return build("half", `${year}-6T`, year, 1, 6);
}

export function nineMonthsPeriod(year: number): Period {
  checkYear(`${year}-9T`, year);
  return build("nine-months", `${year}-9T`, year, 1, 9);
}

const SP = "[\\s\\u00a0]*";
const DASH = "[-–—]";

/**
 * Đọc kỳ: "2018", "năm 2018", "giai đoạn 2019-2023", "2019 - 2023", "2016- 2020", "quý I/2024",
 * "quý 1 năm 2024", "tháng 3/2024", "6 tháng đầu năm 2024", "6 tháng 2024", "9 tháng năm 2024", và các khóa chuẩn.
 */
export function parsePeriod(input: string): Period {
  const text = input.normalize("NFC").trim().replace(/[\s\u00a0]+/g, " ");
  if (text === "") throw new PeriodSyntaxError(input, "chuỗi rỗng");
  const low = text.toLowerCase();
  let m: RegExpExecArray | null;

  if ((m = /^(?:năm )?(\d{4})$/.exec(low)) !== null) return yearPeriod(checkYear(input, Number(m[1])));
  if ((m = new RegExp(`^(?:(?:giai đoạn|thời kỳ|kỳ) )?(\\d{4})${SP}${DASH}${SP}(\\d{4})$`).exec(low)) !== null) {
    const a = checkYear(input, Number(m[1]));
    const b = checkYear(input, Number(m[2]));
    if (a >= b) throw new PeriodSyntaxError(input, `năm đầu ${a} phải nhỏ hơn năm cuối ${b}`);
    return rangePeriod(a, b);
  }
  if ((m = /^(\d{4})-q(\d)$/.exec(low)) !== null) return quarterPeriod(checkYear(input, Number(m[1])), Number(m[2]));
  if ((m = /^(\d{4})-m(\d{2})$/.exec(low)) !== null) return monthPeriod(checkYear(input, Number(m[1])), Number(m[2]));
  if ((m = /^(\d{4})-(6|9)t$/.exec(low)) !== null) {
    const y = checkYear(input, Number(m[1]));
    return m[2] === "6" ? halfYearPeriod(y) : nineMonthsPeriod(y);
  }
  if ((m = /^(?:quý|q) ?(iv|iii|ii|i|\d+) ?(?:\/|năm|-) ?(\d{4})$/.exec(low)) !== null) {
    const qText = m[1]!;
    const q = ROMAN_QUARTERS[qText] ?? Number(qText);
    if (!(q >= 1 && q <= 4)) throw new PeriodSyntaxError(input, `quý '${qText}' không có (chỉ có quý I–IV)`);
    return quarterPeriod(checkYear(input, Number(m[2])), q);
  }
  if ((m = /^tháng (\d{1,2}) ?(?:\/|năm|-) ?(\d{4})$/.exec(low)) !== null) {
    const mo = Number(m[1]);
    if (mo < 1 || mo > 12) throw new PeriodSyntaxError(input, `tháng ${mo} không có (chỉ có tháng 1–12)`);
    return monthPeriod(checkYear(input, Number(m[2])), mo);
  }
  if ((m = /^(6|06|9|09|sáu|chín) tháng(?: đầu)?(?: năm)? ?(\d{4})$/.exec(low)) !== null) {
    const y = checkYear(input, Number(m[2]));
    return m[1] === "6" || m[1] === "06" || m[1] === "sáu" ? halfYearPeriod(y) : nineMonthsPeriod(y);
  }
  if (/\d{4}/.test(low)) {
    throw new PeriodSyntaxError(
      input,
      "không đúng mẫu nào (năm 2018; giai đoạn 2019-2023; quý I/2024; tháng 3/2024; 6 tháng đầu năm 2024; 9 tháng năm 2024)",
    );
  }
  throw new PeriodSyntaxError(input, "không có năm (4 chữ số)");
}

/** Như parsePeriod nhưng trả về null khi không hiểu. */
export function tryParsePeriod(text: string): Period | null {
  try {
    return parsePeriod(text);
  } catch (err) {
    if (err instanceof PeriodSyntaxError) return null;
    throw err;
  }
}

/** Nhãn tiếng Việt: "Năm 2018", "Giai đoạn 2014-2018", "Quý I/2024", "Tháng 3/2024", "6 tháng đầu năm 2024". */
export function periodLabel(key: string): string {
  const p = parsePeriod(key);
  const y = p.years[0]!;
  switch (p.kind) {
    case "year":
      return `Năm ${y}`;
    case "range":
      return `Giai đoạn ${y}-${p.years[p.years.length - 1]!}`;
    case "quarter":
      return `Quý ${romanNumeral(Number(p.key.slice(6)))}/${y}`;
    case "month":
      return `Tháng ${Number(p.key.slice(6))}/${y}`;
    case "half":
      return `6 tháng đầu năm ${y}`;
    case "nine-months":
      return `9 tháng đầu năm ${y}`;
  }
}

/** Khóa chuẩn của một chữ kỳ ("giai đoạn 2019 - 2023" → "2019-2023"). */
export function periodKey(text: string): string {
  return parsePeriod(text).key;
}

/** Các năm thuộc kỳ. */
export function periodYears(key: string): number[] {
  return parsePeriod(key).years;
}

/**
 * So sánh để sắp kỳ: theo ngày cuối kỳ, cùng ngày cuối thì kỳ ngắn trước (tháng 3 trước quý I; năm 2023 trước
 * giai đoạn 2019-2023) — thứ tự các cột số liệu trong báo cáo.
 */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (pa.to !== pb.to) return pa.to < pb.to ? -1 : 1;
  if (pa.from !== pb.from) return pa.from > pb.from ? -1 : 1;
  return 0;
}

/** Kỳ `inner` nằm trọn trong kỳ `outer`. */
export function periodContains(outer: string, inner: string): boolean {
  const o = parsePeriod(outer);
  const i = parsePeriod(inner);
  return o.from <= i.from && i.to <= o.to;
}
