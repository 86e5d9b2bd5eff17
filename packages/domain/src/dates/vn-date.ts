// Viết và đọc ngày theo Nghị định 30/2020/NĐ-CP: ngày nhỏ hơn 10 và tháng nhỏ hơn 3 thêm số 0 phía trước
// ("24/01/2019", "05/5/2024", "06/6/2020", "18/12/2015"; "ngày 05 tháng 01 năm 2020", "ngày 26 tháng 4 năm 2024").

import type { PlainDate } from "./plain-date.js";
import { isValidYmd, lastDayOfMonth, makePlainDate, plainDateParts } from "./plain-date.js";

export class VnDateError extends Error {
  override readonly name = "VnDateError";
  readonly text: string;
  constructor(text: string, detail: string) {
    super(`Không hiểu ngày '${text}': ${detail}`);
    this.text = text;
  }
}

function dayText(d: number): string {
  return d < 10 ? `0${d}` : String(d);
}
function monthText(m: number): string {
  return m < 3 ? `0${m}` : String(m);
}

/** "2024-05-05" → "05/5/2024". */
export function formatVnDate(date: PlainDate): string {
  const [y, m, d] = plainDateParts(date);
  return `${dayText(d)}/${monthText(m)}/${y}`;
}

/** "2020-01-05" → "ngày 05 tháng 01 năm 2020". */
export function formatVnLongDate(date: PlainDate): string {
  const [y, m, d] = plainDateParts(date);
  return `ngày ${dayText(d)} tháng ${monthText(m)} năm ${y}`;
}

/** ("Hải Phòng", "2024-04-26") → "Hải Phòng, ngày 26 tháng 4 năm 2024". */
export function formatPlaceDate(place: string, date: PlainDate): string {
  return `${place.trim()}, ${formatVnLongDate(date)}`;
}

function checked(text: string, y: number, m: number, d: number): PlainDate {
  if (m < 1 || m > 12) throw new VnDateError(text, `tháng ${m} không có (chỉ có tháng 1–12)`);
  if (y < 1000 || y > 9999) throw new VnDateError(text, "năm phải viết đủ 4 chữ số");
  if (!isValidYmd(y, m, d)) {
    throw new VnDateError(text, `tháng ${m}/${y} chỉ có ${lastDayOfMonth(y, m)} ngày, không có ngày ${d}`);
  }
  return makePlainDate(y, m, d);
}

const SHORT_RE = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d+)$/;
const LONG_RE = /^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d+)$/;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Đọc ngày: "05/5/2024", "5/5/2024", "05/05/2024", "24/01/2019", "5-5-2024", "ngày 05 tháng 01 năm 2020",
 * "2024-05-05". Ngày không tồn tại (31/2/2024) bị từ chối với thông báo tiếng Việt.
 */
export function parseVnDate(input: string): PlainDate {
  const text = input.normalize("NFC").trim().replace(/[\s\u00a0]+/g, " ");
  if (text === "") throw new VnDateError(input, "chuỗi rỗng");
  const low = text.toLowerCase();
  let m = SHORT_RE.exec(low) ?? LONG_RE.exec(low);
  if (m !== null) {
    if (m[3]!.length !== 4) throw new VnDateError(input, "năm phải viết đủ 4 chữ số");
    return checked(input, Number(m[3]), Number(m[2]), Number(m[1]));
  }
  m = ISO_RE.exec(low);
  if (m !== null) return checked(input, Number(m[1]), Number(m[2]), Number(m[3]));
  throw new VnDateError(input, "cần dạng ngày/tháng/năm (05/5/2024) hoặc 'ngày 05 tháng 5 năm 2024'");
}

export function tryParseVnDate(text: string): PlainDate | null {
  try {
    return parseVnDate(text);
  } catch (err) {
    if (err instanceof VnDateError) return null;
    throw err;
  }
}

export type DeadlineKind = "date" | "month" | "quarter" | "year";

export interface Deadline {
  /** Ngày hạn. */
  due: PlainDate;
  /** Chữ hạn như đã viết (bỏ dấu nhấn mạnh markdown, gọn khoảng trắng), để hiển thị nguyên văn. */
  wording: string;
  /** "date": hạn là một ngày; "month" / "quarter" / "year": "trong tháng/quý/năm …" → ngày cuối của tháng/quý/năm. */
  kind: DeadlineKind;
  /** Giờ hạn nếu có ("trước 17 giờ ngày …" → "17:00"). */
  time?: string;
}

const DATE_SRC = String.raw`(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})`;
const LEAD_SRC = String.raw`(?:(?:trước|chậm nhất(?:\s+là)?|hạn(?:\s+chót|\s+cuối)?(?:\s+là)?|không\s+muộn\s+hơn|đến\s+hết|hết|vào|trong)\s*[:]?\s*)?`;
const TIME_SRC = String.raw`(?:(\d{1,2})\s*(?:giờ|h|:)\s*(\d{2})?(?:\s*phút)?\s*,?\s*)?`;
const DEADLINE_RE = new RegExp(String.raw`^${LEAD_SRC}${TIME_SRC}(?:ngày\s+)?${DATE_SRC}$`, "i");
const MONTH_RE = /^(?:trong|hết|đến hết|trước hết)?\s*tháng\s+(\d{1,2})\s*(?:\/|năm)\s*(\d{4})$/i;
const QUARTER_RE = /^(?:trong|hết|đến hết)?\s*quý\s+(iv|iii|ii|i|[1-4])\s*(?:\/|năm)\s*(\d{4})$/i;
const YEAR_RE = /^(?:trong|hết|đến hết)\s+năm\s+(\d{4})$/i;
const QUARTER_NUM: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

function cleanWording(text: string): string {
  return text.normalize("NFC").replace(/[*_]/g, "").replace(/[\s\u00a0]+/g, " ").trim().replace(/[.;,]+$/, "").trim();
}

/**
 * Đọc một hạn: "trước ngày 05/5/2024", "chậm nhất ngày 10/5/2024", "trước 17 giờ ngày 05/5/2024",
 * "ngày 05 tháng 5 năm 2024", "trong tháng 6/2024" (→ 30/6/2024), "trong quý II/2024" (→ 30/6/2024),
 * "trong năm 2024" (→ 31/12/2024).
 * "trước ngày X" được lưu với due = X như văn bản viết (nguyên văn giữ trong `wording`); việc quá hạn được
 * tính từ sau ngày đó (xem isOverdue).
 */
export function parseDeadline(input: string): Deadline {
  const wording = cleanWording(input);
  if (wording === "") throw new VnDateError(input, "chuỗi rỗng");
  const low = wording.toLowerCase();
  let m = DEADLINE_RE.exec(low);
  if (m !== null) {
    const due = parseVnDate(m[3]!);
    const result: Deadline = { due, wording, kind: "date" };
    if (m[1] !== undefined) {
      const h = Number(m[1]);
      const min = m[2] === undefined ? 0 : Number(m[2]);
      if (h > 23 || min > 59) throw new VnDateError(input, `giờ ${m[1]}:${m[2] ?? "00"} không hợp lệ`);
      result.time = `${h < 10 ? "0" : ""}${h}:${min < 10 ? "0" : ""}${min}`;
    }
    return result;
  }
  if ((m = MONTH_RE.exec(low)) !== null) {
    const mo = Number(m[1]);
    const y = Number(m[2]);
    if (mo < 1 || mo > 12) throw new VnDateError(input, `tháng ${mo} không có (chỉ có tháng 1–12)`);
    return { due: makePlainDate(y, mo, lastDayOfMonth(y, mo)), wording, kind: "month" };
  }
  if ((m = QUARTER_RE.exec(low)) !== null) {
    const q = QUARTER_NUM[m[1]!]!;
    const y = Number(m[2]);
    return { due: makePlainDate(y, q * 3, lastDayOfMonth(y, q * 3)), wording, kind: "quarter" };
  }
  if ((m = YEAR_RE.exec(low)) !== null) {
    return { due: makePlainDate(Number(m[1]), 12, 31), wording, kind: "year" };
  }
  throw new VnDateError(input, "không tìm thấy ngày hạn (ví dụ 'trước ngày 05/5/2024', 'trong tháng 6/2024')");
}

const FIND_RE = new RegExp(
  String.raw`(?:trước|chậm nhất(?:\s+là)?|hạn(?:\s+chót|\s+cuối)?(?:\s+là)?|không\s+muộn\s+hơn|đến\s+hết)\s*${TIME_SRC}(?:ngày\s+)?${DATE_SRC}`,
  "giu",
);

/**
 * Tìm mọi hạn dạng "trước ngày …", "chậm nhất ngày …" trong một đoạn văn (bỏ qua dấu nhấn mạnh markdown).
 * `index` là vị trí trong chuỗi đã bỏ dấu nhấn mạnh.
 */
export function findDeadlines(text: string): Array<Deadline & { index: number }> {
  const clean = text.normalize("NFC").replace(/[*_]/g, "");
  const out: Array<Deadline & { index: number }> = [];
  for (const m of clean.matchAll(FIND_RE)) {
    try {
      out.push({ ...parseDeadline(m[0]), index: m.index });
    } catch (err) {
      if (!(err instanceof VnDateError)) throw err;
    }
  }
  return out;
}

/**
 * Quá hạn: ngày `today` (theo giờ Việt Nam) đã sau ngày hạn. Hạn ghi "trước ngày X" vẫn cho nộp trong ngày X
 * (cách hiểu phổ biến của văn bản hành chính); người cấu hình muốn chặt hơn thì đặt hạn sớm hơn một ngày.
 */
export function isOverdue(due: PlainDate, today: PlainDate): boolean {
  return today > due;
}
