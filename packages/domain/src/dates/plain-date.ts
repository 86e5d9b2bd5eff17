// Ngày thuần (không giờ, không múi giờ) dạng ISO "YYYY-MM-DD". Mọi phép tính ngày trong lõi dùng kiểu này.
// Giờ của chiến dịch là Asia/Ho_Chi_Minh = UTC+7 cố định (Việt Nam không dùng giờ mùa hè từ 1975), nên đổi
// thời điểm ↔ ngày chỉ cần cộng/trừ 7 giờ, không cần cơ sở dữ liệu múi giờ.

export type PlainDate = string;

export const VN_UTC_OFFSET_MINUTES = 7 * 60;
const DAY_MS = 86_400_000;
const OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class PlainDateError extends Error {
  override readonly name = "PlainDateError";
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function lastDayOfMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= lastDayOfMonth(y, m);
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, "0");
}

/** Tạo ngày từ năm, tháng, ngày; ném PlainDateError nếu không có ngày đó (31/2). */
export function makePlainDate(y: number, m: number, d: number): PlainDate {
  if (!isValidYmd(y, m, d)) {
    throw new PlainDateError(`Ngày ${d}/${m}/${y} không tồn tại`);
  }
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

export function isPlainDate(x: unknown): x is PlainDate {
  if (typeof x !== "string") return false;
  const m = ISO_RE.exec(x);
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Tách ngày thành [năm, tháng, ngày]; ném PlainDateError nếu sai dạng. */
export function plainDateParts(date: PlainDate): [number, number, number] {
  const m = ISO_RE.exec(date);
  if (m === null) throw new PlainDateError(`'${date}' không phải ngày dạng YYYY-MM-DD`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (!isValidYmd(y, mo, d)) throw new PlainDateError(`Ngày ${d}/${mo}/${y} không tồn tại`);
  return [y, mo, d];
}

/** Số ngày kể từ 1970-01-01. */
export function toDayNumber(date: PlainDate): number {
  const [y, m, d] = plainDateParts(date);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(n: number): PlainDate {
  const dt = new Date(n * DAY_MS);
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1, 2)}-${pad(dt.getUTCDate(), 2)}`;
}

export function addDays(date: PlainDate, n: number): PlainDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Số ngày từ `from` đến `to` (to − from). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Thứ trong tuần: 0 = Chủ nhật, 1 = thứ Hai, …, 6 = thứ Bảy. */
export function dayOfWeek(date: PlainDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function comparePlainDates(a: PlainDate, b: PlainDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ngày (theo giờ Việt Nam, UTC+7) của một thời điểm. */
export function toVnPlainDate(instant: Date): PlainDate {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new PlainDateError("Thời điểm không hợp lệ");
  return fromDayNumber(Math.floor((t + OFFSET_MS) / DAY_MS));
}

/** Thời điểm 00:00 giờ Việt Nam của ngày (tức 17:00 UTC ngày hôm trước). */
export function vnStartOfDay(date: PlainDate): Date {
  return new Date(toDayNumber(date) * DAY_MS - OFFSET_MS);
}

/** Thời điểm cuối ngày 23:59:59.999 giờ Việt Nam (hạn "trước ngày …" tính hết ngày đó nếu chọn vậy). */
export function vnEndOfDay(date: PlainDate): Date {
  return new Date((toDayNumber(date) + 1) * DAY_MS - OFFSET_MS - 1);
}
