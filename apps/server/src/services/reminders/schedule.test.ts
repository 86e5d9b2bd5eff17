import { describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_RULES, type ReminderRules } from "@tonghop/contracts";
import { vnHolidayCalendar } from "@tonghop/domain";
import { currentStep, planSteps, ruleProblems } from "./schedule.js";

const cal = vnHolidayCalendar();
const rules = (over: Partial<ReminderRules> = {}): ReminderRules => ({ ...DEFAULT_REMINDER_RULES, ...over });
const brief = (r: ReminderRules, due: string) => planSteps(r, due, cal).map((s) => `${s.step} ${s.date} ${s.level}${s.letter ? " +letter" : ""}`);

describe("reminder schedule: planned steps over the 2024 holidays", () => {
  it("CV2830 M1 (trước 05/5/2024, a Sunday): 3 working days before skips nothing, the due step moves to the working Saturday 04/5", () => {
    // 27/4–01/5/2024 are days off (30/4, 01/5, swapped 29/4); Saturday 04/5 is a working day (làm bù).
    expect(brief(rules(), "2024-05-05")).toEqual([
      "before-3 2024-05-02 officer",
      "due 2024-05-04 officer",
      "late-1 2024-05-07 leader",
      "late-2 2024-05-09 leader +letter",
      "late-3 2024-05-13 leader +letter",
      "late-4 2024-05-15 leader +letter",
      "late-5 2024-05-17 leader +letter",
    ]);
  });

  it("M2 (trước 10/5/2024, a Friday): before-3 is 07/5, late steps every 2 working days, capped at 5", () => {
    expect(brief(rules({ leaderFromLate: 2, letterFromLate: 4 }), "2024-05-10")).toEqual([
      "before-3 2024-05-07 officer",
      "due 2024-05-10 officer",
      "late-1 2024-05-14 officer",
      "late-2 2024-05-16 leader",
      "late-3 2024-05-20 leader",
      "late-4 2024-05-22 leader +letter",
      "late-5 2024-05-24 leader +letter",
    ]);
  });

  it("a due date right after the 30/4 break counts back over the holidays", () => {
    // 02/5/2024 (Thursday): 27/4–01/5 are off, so the 3 working days before are 26/4, 25/4, 24/4.
    expect(brief(rules({ lateMaxCount: 1 }), "2024-05-02")[0]).toBe("before-3 2024-04-24 officer");
  });

  it("a stop date ends the late reminders; two steps on one day keep the later one", () => {
    expect(brief(rules({ lateMaxCount: null, lateUntil: "2024-05-14", beforeDays: [1, 3] }), "2024-05-05")).toEqual([
      "before-3 2024-05-02 officer",
      "due 2024-05-04 officer", // before-1 is also 04/5: the due step wins the day
      "late-1 2024-05-07 leader",
      "late-2 2024-05-09 leader +letter",
      "late-3 2024-05-13 leader +letter",
    ]);
  });

  it("the current step is today's, or yesterday's when the server was down; never on a day off; older ones are not sent late", () => {
    const steps = planSteps(rules(), "2024-05-10", cal);
    expect(currentStep(steps, "2024-05-06", cal)).toBeNull();
    expect(currentStep(steps, "2024-05-07", cal)?.step).toBe("before-3");
    expect(currentStep(steps, "2024-05-08", cal)?.step).toBe("before-3"); // catch-up of one working day
    expect(currentStep(steps, "2024-05-09", cal)).toBeNull(); // two working days later: stale
    expect(currentStep(steps, "2024-05-11", cal)).toBeNull(); // Saturday
    expect(currentStep(steps, "2024-05-13", cal)?.step).toBe("due"); // Monday after a Friday step
    expect(currentStep(steps, "2024-05-14", cal)?.step).toBe("late-1");
  });
});

describe("reminder schedule: bad schedules are refused with the field named", () => {
  it("a schedule that never ends", () => {
    const p = ruleProblems(rules({ lateMaxCount: null, lateUntil: null }));
    expect(p).toEqual([{ field: "lateMaxCount", message: "Lịch nhắc khi quá hạn không có điểm dừng: phải đặt số lần nhắc tối đa hoặc ngày dừng nhắc." }]);
  });

  it("a schedule that would fire on every scheduler tick (every minute)", () => {
    for (const lateEveryDays of [0, 0.0007, -1]) {
      const p = ruleProblems(rules({ lateEveryDays }));
      expect(p[0]?.field).toBe("lateEveryDays");
      expect(p[0]?.message).toContain("mỗi lượt chạy của bộ lập lịch (mỗi phút)");
    }
  });

  it("stop date, escalation past the cap, out-of-range values", () => {
    expect(ruleProblems(rules({ lateUntil: "2024-05-05", lateMaxCount: null }), { due: "2024-05-10" })[0]?.message).toBe("Ngày dừng nhắc 05/5/2024 phải sau hạn 10/5/2024.");
    expect(ruleProblems(rules({ lateMaxCount: 2, letterFromLate: 3 }))[0]).toEqual({
      field: "letterFromLate",
      message: "Đề nghị công văn đôn đốc ở lần quá hạn thứ 3 vượt số lần nhắc tối đa (2): bước này sẽ không bao giờ đến.",
    });
    expect(ruleProblems(rules({ beforeDays: [3, 3] }))[0]?.message).toBe("Nhắc trước hạn 3 ngày bị lặp.");
    expect(ruleProblems(rules({ sendHour: 24 }))[0]?.field).toBe("sendHour");
    expect(ruleProblems(DEFAULT_REMINDER_RULES)).toEqual([]);
  });
});
