// Reminder schedules as data, and the pure planning of reminder steps from a due date over a holiday calendar.
// No I/O and no clock: the service passes the dates in.

import type { ReminderRules } from "@tonghop/contracts";
import { DEFAULT_REMINDER_RULES } from "@tonghop/contracts";
import { addWorkingDays, formatVnDate, isWorkingDay, workingDaysBetween, type HolidayCalendar, type PlainDate } from "@tonghop/domain";

export { DEFAULT_REMINDER_RULES };

export const LIMITS = {
  beforeDaysMax: 20,
  lateEveryMin: 1,
  lateEveryMax: 20,
  lateMaxCountMax: 20,
  escalationMax: 20,
} as const;

export type ReminderLevel = "officer" | "leader" | "letter";

export interface PlannedStep {
  /** before-3 | due | late-1 | … */
  step: string;
  /** The working day on which it goes out. */
  date: PlainDate;
  /** officer: the agency's officers; leader: officers and the agency leader. */
  level: Exclude<ReminderLevel, "letter">;
  /** For late steps: k (1-based); 0 otherwise. */
  lateIndex: number;
  /** The coordinator is asked for a formal letter from this step on (once per agency and due date: step "letter"). */
  letter: boolean;
}

export interface RuleProblem {
  field: keyof ReminderRules;
  message: string;
}

/**
 * Why a schedule cannot be used, field by field (empty: fine). `due` (the milestone's due date) and `start` (the
 * campaign's reference date) make the date checks possible.
 */
export function ruleProblems(r: ReminderRules, ctx: { due?: PlainDate | null; start?: PlainDate | null } = {}): RuleProblem[] {
  const out: RuleProblem[] = [];
  const seen = new Set<number>();
  for (const n of r.beforeDays) {
    if (n < 1 || n > LIMITS.beforeDaysMax) out.push({ field: "beforeDays", message: `Nhắc trước hạn phải từ 1 đến ${LIMITS.beforeDaysMax} ngày làm việc (nhận ${n}).` });
    else if (seen.has(n)) out.push({ field: "beforeDays", message: `Nhắc trước hạn ${n} ngày bị lặp.` });
    seen.add(n);
  }
  if (!Number.isInteger(r.lateEveryDays) || r.lateEveryDays < LIMITS.lateEveryMin) {
    out.push({
      field: "lateEveryDays",
      message:
        `Chu kỳ nhắc khi quá hạn phải là số nguyên ngày làm việc, từ ${LIMITS.lateEveryMin} đến ${LIMITS.lateEveryMax} (nhận ${String(r.lateEveryDays).replace(".", ",")}): ` +
        "ít hơn một ngày làm việc sẽ nhắc ở mỗi lượt chạy của bộ lập lịch (mỗi phút).",
    });
  } else if (r.lateEveryDays > LIMITS.lateEveryMax) {
    out.push({ field: "lateEveryDays", message: `Chu kỳ nhắc khi quá hạn tối đa ${LIMITS.lateEveryMax} ngày làm việc (nhận ${r.lateEveryDays}).` });
  }
  if (r.lateMaxCount === null && r.lateUntil === null) {
    out.push({
      field: "lateMaxCount",
      message: "Lịch nhắc khi quá hạn không có điểm dừng: phải đặt số lần nhắc tối đa hoặc ngày dừng nhắc.",
    });
  }
  if (r.lateMaxCount !== null && (r.lateMaxCount < 0 || r.lateMaxCount > LIMITS.lateMaxCountMax)) {
    out.push({ field: "lateMaxCount", message: `Số lần nhắc tối đa khi quá hạn phải từ 0 đến ${LIMITS.lateMaxCountMax} (nhận ${r.lateMaxCount}).` });
  }
  if (r.lateUntil !== null) {
    if (ctx.due && r.lateUntil <= ctx.due) out.push({ field: "lateUntil", message: `Ngày dừng nhắc ${formatVnDate(r.lateUntil)} phải sau hạn ${formatVnDate(ctx.due)}.` });
    else if (ctx.start && r.lateUntil <= ctx.start) out.push({ field: "lateUntil", message: `Ngày dừng nhắc ${formatVnDate(r.lateUntil)} phải sau ngày bắt đầu đợt ${formatVnDate(ctx.start)}.` });
  }
  for (const field of ["leaderFromLate", "letterFromLate"] as const) {
    const v = r[field];
    if (v === null) continue;
    const label = field === "leaderFromLate" ? "Nhắc lãnh đạo đơn vị từ lần quá hạn thứ" : "Đề nghị công văn đôn đốc ở lần quá hạn thứ";
    if (v < 1 || v > LIMITS.escalationMax) out.push({ field, message: `${label} phải từ 1 đến ${LIMITS.escalationMax} (nhận ${v}).` });
    else if (r.lateMaxCount !== null && v > r.lateMaxCount) out.push({ field, message: `${label} ${v} vượt số lần nhắc tối đa (${r.lateMaxCount}): bước này sẽ không bao giờ đến.` });
  }
  if (r.sendHour < 0 || r.sendHour > 23) out.push({ field: "sendHour", message: `Giờ gửi phải từ 0 đến 23 (nhận ${r.sendHour}).` });
  return out;
}

/** Human label of a step ("3 ngày làm việc trước hạn", "Ngày hạn", "Quá hạn lần 2"). */
export function stepLabel(step: string): string {
  if (step === "due") return "Đến hạn";
  if (step === "letter") return "Đề nghị công văn đôn đốc";
  const before = /^before-(\d+)$/.exec(step);
  if (before) return `${before[1]} ngày làm việc trước hạn`;
  const late = /^late-(\d+)$/.exec(step);
  if (late) return `Quá hạn — nhắc lần ${late[1]}`;
  return step;
}

/**
 * The steps of a schedule for a due date, in date order, on working days only:
 *  - before-n: n working days before the due date;
 *  - due: the due date, or the last working day before it when it is a day off;
 *  - late-k: k × lateEveryDays working days after the due date, while k ≤ lateMaxCount and the date ≤ lateUntil.
 * Two steps on one day keep the later one (e.g. "1 day before" and a due date that falls on a Sunday).
 */
export function planSteps(r: ReminderRules, due: PlainDate, cal: HolidayCalendar): PlannedStep[] {
  const steps: PlannedStep[] = [];
  for (const n of [...new Set(r.beforeDays)].sort((a, b) => b - a)) {
    if (n >= 1) steps.push({ step: `before-${n}`, date: addWorkingDays(due, -n, cal), level: "officer", lateIndex: 0, letter: false });
  }
  if (r.onDueDay) steps.push({ step: "due", date: isWorkingDay(due, cal) ? due : addWorkingDays(due, -1, cal), level: "officer", lateIndex: 0, letter: false });
  if (Number.isInteger(r.lateEveryDays) && r.lateEveryDays >= 1 && (r.lateMaxCount !== null || r.lateUntil !== null)) {
    const max = r.lateMaxCount ?? LIMITS.lateMaxCountMax * 5;
    for (let k = 1; k <= max; k++) {
      const date = addWorkingDays(due, k * r.lateEveryDays, cal);
      if (r.lateUntil !== null && date > r.lateUntil) break;
      steps.push({
        step: `late-${k}`,
        date,
        level: r.leaderFromLate !== null && k >= r.leaderFromLate ? "leader" : "officer",
        lateIndex: k,
        letter: r.letterFromLate !== null && k >= r.letterFromLate,
      });
    }
  }
  const byDate = new Map<PlainDate, PlannedStep>();
  for (const s of steps) byDate.set(s.date, s); // later steps win their day
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The step to send on `today` (a working day, at or after the send hour): the latest step dated on or before today,
 * provided it is not stale — dated today, or the working day before when the server was down at its time (catch-up of one working
 * day; older steps are not sent late, the next one will come). Null when nothing is due.
 */
export function currentStep(steps: readonly PlannedStep[], today: PlainDate, cal: HolidayCalendar): PlannedStep | null {
  if (!isWorkingDay(today, cal)) return null;
  let latest: PlannedStep | null = null;
  for (const s of steps) if (s.date <= today) latest = s;
  if (!latest) return null;
  return workingDaysBetween(latest.date, today, cal) <= 1 ? latest : null;
}
