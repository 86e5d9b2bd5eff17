// Tasks of an action programme (Chương trình hành động): the deadline as written ("31/12/2027", "Quý II/2027",
// "Tháng 6/2027", "2027"), the status derived from it and the clock, and the reporting periods of progress reports.
// Pure: `today` is a parameter (a PlainDate in Asia/Ho_Chi_Minh).

import { romanNumeral } from "../documents/numbering.js";
import { lastDayOfMonth, makePlainDate, plainDateParts, type PlainDate } from "../dates/plain-date.js";
import { formatVnDate, parseVnDate, VnDateError } from "../dates/vn-date.js";

export class TaskDeadlineError extends Error {
  override readonly name = "TaskDeadlineError";
  constructor(
    readonly text: string,
    detail: string,
  ) {
    super(`Thời hạn '${text}' không hợp lệ: ${detail}`);
  }
}

export type TaskDeadlineKind = "date" | "month" | "quarter" | "year";

export interface TaskDeadline {
  kind: TaskDeadlineKind;
  /** Canonical wording: "31/12/2027", "Tháng 6/2027", "Quý II/2027", "Năm 2027". */
  text: string;
  /** The last day the task may be finished on. */
  due: PlainDate;
}

const ROMAN_QUARTER: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };

function year(input: string, text: string): number {
  const y = Number(text);
  if (!/^\d{4}$/.test(text) || y < 1900 || y > 2200) throw new TaskDeadlineError(input, `năm ${text} phải viết đủ 4 chữ số (1900–2200)`);
  return y;
}

/**
 * Reads a task deadline: a date ("31/12/2027", "ngày 31 tháng 12 năm 2027", "trước ngày 30/6/2027"), a month
 * ("Tháng 6/2027"), a quarter ("Quý II/2027", "Quý 2/2027", "Q2/2027", "Quý II năm 2027") or a year ("2027",
 * "Năm 2027", "Trong năm 2027"). Impossible values (31/02/2027, Quý V/2027, Tháng 13/2027) are refused.
 */
export function parseTaskDeadline(input: string): TaskDeadline {
  const clean = input.normalize("NFC").replace(/[\s\u00a0]+/g, " ").trim().replace(/[.;,]+$/, "");
  if (clean === "") throw new TaskDeadlineError(input, "chưa ghi thời hạn");
  const low = clean.toLowerCase().replace(/^(trong|hết|đến hết|trước|chậm nhất|hạn)\s+/, "");
  let m: RegExpExecArray | null;
  if ((m = /^(?:quý|q)\s*([ivxlcdm]+|\d+)\s*(?:\/|năm|-)\s*(\d+)$/.exec(low)) !== null) {
    const qText = m[1]!;
    const q = ROMAN_QUARTER[qText] ?? (/^\d+$/.test(qText) ? Number(qText) : NaN);
    if (!(q >= 1 && q <= 4)) throw new TaskDeadlineError(input, `quý ${qText.toUpperCase()} không có (chỉ có quý I–IV)`);
    const y = year(input, m[2]!);
    return { kind: "quarter", text: `Quý ${romanNumeral(q)}/${y}`, due: makePlainDate(y, q * 3, lastDayOfMonth(y, q * 3)) };
  }
  if ((m = /^tháng\s*(\d+)\s*(?:\/|năm|-)\s*(\d+)$/.exec(low)) !== null) {
    const mo = Number(m[1]);
    if (!(mo >= 1 && mo <= 12)) throw new TaskDeadlineError(input, `tháng ${m[1]} không có (chỉ có tháng 1–12)`);
    const y = year(input, m[2]!);
    return { kind: "month", text: `Tháng ${mo}/${y}`, due: makePlainDate(y, mo, lastDayOfMonth(y, mo)) };
  }
  if ((m = /^(?:năm\s*)?(\d{4})$/.exec(low)) !== null) {
    const y = year(input, m[1]!);
    return { kind: "year", text: `Năm ${y}`, due: makePlainDate(y, 12, 31) };
  }
  const dateText = low.replace(/^ngày\s+(?=\d{1,2}\s*[/.-])/, "");
  try {
    const due = parseVnDate(dateText);
    return { kind: "date", text: formatVnDate(due), due };
  } catch (err) {
    if (!(err instanceof VnDateError)) throw err;
    const detail = err.message.replace(/^Không hiểu ngày '[^']*': /, "");
    if (/\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d+/.test(dateText) || /tháng/.test(dateText)) throw new TaskDeadlineError(input, detail);
    throw new TaskDeadlineError(input, "cần một ngày (31/12/2027), một tháng (Tháng 6/2027), một quý (Quý II/2027) hoặc một năm (2027)");
  }
}

export type TaskDeadlineResult = { ok: true; deadline: TaskDeadline } | { ok: false; message: string };

export function tryParseTaskDeadline(input: string): TaskDeadlineResult {
  try {
    return { ok: true, deadline: parseTaskDeadline(input) };
  } catch (err) {
    if (err instanceof TaskDeadlineError) return { ok: false, message: err.message };
    throw err;
  }
}

/** What the lead agency reports (stored). */
export const TASK_PROGRESS = ["not-started", "in-progress", "done"] as const;
export type TaskProgress = (typeof TASK_PROGRESS)[number];

/** What is shown: the progress, or "chậm tiến độ" when the deadline has passed and the task is not done (derived). */
export const TASK_STATUSES = ["chua-trien-khai", "dang-thuc-hien", "hoan-thanh", "cham-tien-do"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  "chua-trien-khai": "Chưa triển khai",
  "dang-thuc-hien": "Đang thực hiện",
  "hoan-thanh": "Hoàn thành",
  "cham-tien-do": "Chậm tiến độ",
};

export interface TaskStatusInput {
  progress: TaskProgress;
  /** Last day of the deadline; null = no deadline (never late). */
  due: PlainDate | null;
}

/**
 * The status on `today`: a task not done whose deadline has passed (today after the last day of its date, month,
 * quarter or year) is "chậm tiến độ" whatever its progress; otherwise the reported progress.
 */
export function taskStatus(task: TaskStatusInput, today: PlainDate): TaskStatus {
  if (task.progress === "done") return "hoan-thanh";
  if (task.due !== null && today > task.due) return "cham-tien-do";
  return task.progress === "in-progress" ? "dang-thuc-hien" : "chua-trien-khai";
}

/** Days past the deadline on `today` (0 when not late). */
export function taskDaysLate(task: TaskStatusInput, today: PlainDate): number {
  if (taskStatus(task, today) !== "cham-tien-do" || task.due === null) return 0;
  const [y1, m1, d1] = plainDateParts(task.due);
  const [y2, m2, d2] = plainDateParts(today);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

export const REPORT_FREQUENCIES = ["month", "quarter", "half-year", "year"] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

export const REPORT_FREQUENCY_LABELS: Readonly<Record<ReportFrequency, string>> = {
  month: "Hằng tháng",
  quarter: "Hằng quý",
  "half-year": "6 tháng",
  year: "Hằng năm",
};

export interface ReportingPeriod {
  /** "2027-Q2", "2027-M06", "2027-H1", "2027". */
  key: string;
  /** "Quý II/2027", "Tháng 6/2027", "6 tháng đầu năm 2027", "Năm 2027". */
  label: string;
  start: PlainDate;
  end: PlainDate;
}

/** The reporting period of `frequency` that contains `date`. */
export function reportingPeriodOf(date: PlainDate, frequency: ReportFrequency): ReportingPeriod {
  const [y, m] = plainDateParts(date);
  const span = (fromMonth: number, toMonth: number) => ({ start: makePlainDate(y, fromMonth, 1), end: makePlainDate(y, toMonth, lastDayOfMonth(y, toMonth)) });
  switch (frequency) {
    case "month":
      return { key: `${y}-M${String(m).padStart(2, "0")}`, label: `Tháng ${m}/${y}`, ...span(m, m) };
    case "quarter": {
      const q = Math.ceil(m / 3);
      return { key: `${y}-Q${q}`, label: `Quý ${romanNumeral(q)}/${y}`, ...span(q * 3 - 2, q * 3) };
    }
    case "half-year":
      return m <= 6 ? { key: `${y}-H1`, label: `6 tháng đầu năm ${y}`, ...span(1, 6) } : { key: `${y}-H2`, label: `6 tháng cuối năm ${y}`, ...span(7, 12) };
    case "year":
      return { key: String(y), label: `Năm ${y}`, ...span(1, 12) };
  }
}
