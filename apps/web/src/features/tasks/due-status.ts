import type { AssignmentState } from "@tonghop/contracts";
import { daysBetween, vnHolidayCalendar, workingDaysBetween, type HolidayCalendar } from "@tonghop/domain";

export type DueStatus =
  | { kind: "none" }
  | { kind: "done" }
  | { kind: "overdue"; days: number }
  | { kind: "today" }
  | { kind: "left"; workingDays: number };

let calendar: HolidayCalendar | null = null;
const cal = () => (calendar ??= vnHolidayCalendar());

/**
 * Where an assignment stands against its due date (Asia/Ho_Chi_Minh dates): "Quá hạn N ngày" counts calendar days
 * after the due date; "còn N ngày làm việc" counts working days (weekends and Vietnamese public holidays excluded)
 * up to and including the due date. Work already sent or accepted is never overdue.
 */
export function dueStatus(due: string | null, today: string, state: AssignmentState): DueStatus {
  if (state === "sent" || state === "accepted") return { kind: "done" };
  if (!due) return { kind: "none" };
  if (today > due) return { kind: "overdue", days: daysBetween(due, today) };
  if (today === due) return { kind: "today" };
  return { kind: "left", workingDays: workingDaysBetween(today, due, cal()) };
}

export function dueStatusText(s: DueStatus): string {
  switch (s.kind) {
    case "none":
      return "Chưa có hạn";
    case "done":
      return "";
    case "overdue":
      return `Quá hạn ${s.days} ngày`;
    case "today":
      return "Hạn hôm nay";
    case "left":
      return s.workingDays === 0 ? "Hạn vào ngày nghỉ tới" : `còn ${s.workingDays} ngày làm việc`;
  }
}
