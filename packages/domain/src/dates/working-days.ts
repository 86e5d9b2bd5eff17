// Ngày làm việc: trừ thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết (kể cả ngày nghỉ bù, ngày hoán đổi); cộng các
// ngày thứ Bảy/Chủ nhật phải đi làm bù theo thông báo hoán đổi ngày làm việc. Lịch là dữ liệu truyền vào.

import type { PlainDate } from "./plain-date.js";
import { fromDayNumber, toDayNumber } from "./plain-date.js";

export interface HolidayCalendar {
  /** Ngày nghỉ (lễ, Tết, nghỉ bù, nghỉ do hoán đổi) rơi vào ngày thường. Ngày cuối tuần ghi vào cũng không sao. */
  holidays: readonly PlainDate[];
  /** Ngày cuối tuần phải đi làm (làm bù do hoán đổi ngày làm việc). */
  workingWeekends?: readonly PlainDate[];
}

interface CalendarIndex {
  holidays: Set<number>;
  workingWeekends: Set<number>;
}

const indexCache = new WeakMap<HolidayCalendar, CalendarIndex>();

function indexOf(cal: HolidayCalendar): CalendarIndex {
  let idx = indexCache.get(cal);
  if (idx === undefined) {
    idx = {
      holidays: new Set(cal.holidays.map(toDayNumber)),
      workingWeekends: new Set((cal.workingWeekends ?? []).map(toDayNumber)),
    };
    indexCache.set(cal, idx);
  }
  return idx;
}

export const EMPTY_CALENDAR: HolidayCalendar = Object.freeze({ holidays: Object.freeze([]) });

function isWorkingDayNumber(n: number, idx: CalendarIndex): boolean {
  if (idx.workingWeekends.has(n)) return true;
  const dow = (((n + 4) % 7) + 7) % 7;
  if (dow === 0 || dow === 6) return false;
  return !idx.holidays.has(n);
}

/** Ngày làm việc: không phải thứ Bảy/Chủ nhật (trừ ngày làm bù) và không phải ngày nghỉ trong lịch. */
export function isWorkingDay(date: PlainDate, cal: HolidayCalendar = EMPTY_CALENDAR): boolean {
  return isWorkingDayNumber(toDayNumber(date), indexOf(cal));
}

/**
 * Cộng n ngày làm việc: n > 0 → ngày làm việc thứ n SAU `date` (không tính chính `date`); n < 0 → ngày làm việc
 * thứ |n| TRƯỚC `date`; n = 0 → chính `date` (kể cả khi là ngày nghỉ).
 */
export function addWorkingDays(date: PlainDate, n: number, cal: HolidayCalendar = EMPTY_CALENDAR): PlainDate {
  if (!Number.isInteger(n)) throw new RangeError(`Số ngày làm việc phải là số nguyên (nhận ${n})`);
  const idx = indexOf(cal);
  let day = toDayNumber(date);
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  while (left > 0) {
    day += step;
    if (isWorkingDayNumber(day, idx)) left--;
  }
  return fromDayNumber(day);
}

/**
 * Số ngày làm việc từ `from` đến `to`, có dấu, tính ngày đích và không tính ngày xuất phát: nếu from ≤ to là số
 * ngày làm việc trong (from, to]; nếu to < from là số âm của số ngày làm việc trong [to, from).
 * Nhờ vậy với `to` là ngày làm việc: addWorkingDays(from, workingDaysBetween(from, to)) = to.
 */
export function workingDaysBetween(from: PlainDate, to: PlainDate, cal: HolidayCalendar = EMPTY_CALENDAR): number {
  const idx = indexOf(cal);
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  let count = 0;
  if (a <= b) {
    for (let d = a + 1; d <= b; d++) if (isWorkingDayNumber(d, idx)) count++;
    return count;
  }
  for (let d = b; d < a; d++) if (isWorkingDayNumber(d, idx)) count++;
  return count === 0 ? 0 : -count;
}

/** Ngày làm việc đầu tiên SAU `date` (không tính chính `date`). */
export function nextWorkingDay(date: PlainDate, cal: HolidayCalendar = EMPTY_CALENDAR): PlainDate {
  return addWorkingDays(date, 1, cal);
}

/** `date` nếu là ngày làm việc, nếu không thì ngày làm việc kế tiếp (hạn rơi vào ngày nghỉ được lùi tới đây). */
export function workingDayOnOrAfter(date: PlainDate, cal: HolidayCalendar = EMPTY_CALENDAR): PlainDate {
  return isWorkingDay(date, cal) ? date : addWorkingDays(date, 1, cal);
}

/** Ghép nhiều lịch (ví dụ lịch quốc gia và lịch riêng của tỉnh). */
export function mergeCalendars(...cals: readonly HolidayCalendar[]): HolidayCalendar {
  const holidays = new Set<PlainDate>();
  const working = new Set<PlainDate>();
  for (const c of cals) {
    for (const h of c.holidays) holidays.add(h);
    for (const w of c.workingWeekends ?? []) working.add(w);
  }
  return { holidays: [...holidays].sort(), workingWeekends: [...working].sort() };
}
