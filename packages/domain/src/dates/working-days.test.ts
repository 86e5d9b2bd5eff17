import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayOfWeek } from "./plain-date.js";
import {
  EMPTY_CALENDAR,
  addWorkingDays,
  isWorkingDay,
  mergeCalendars,
  nextWorkingDay,
  workingDayOnOrAfter,
  workingDaysBetween,
} from "./working-days.js";
import type { HolidayCalendar } from "./working-days.js";
import { VN_HOLIDAYS, vnHolidayCalendar } from "./holidays-vn.data.js";

const cal2024: HolidayCalendar = {
  holidays: ["2024-04-29", "2024-04-30", "2024-05-01"],
  workingWeekends: ["2024-05-04"],
};

describe("ngày làm việc", () => {
  it("thứ Bảy, Chủ nhật, ngày nghỉ lễ không phải ngày làm việc; thứ Bảy làm bù là ngày làm việc", () => {
    expect(isWorkingDay("2024-05-03", cal2024)).toBe(true); // thứ Sáu
    expect(isWorkingDay("2024-05-05", cal2024)).toBe(false); // Chủ nhật
    expect(isWorkingDay("2024-04-30", cal2024)).toBe(false);
    expect(isWorkingDay("2024-05-04", cal2024)).toBe(true); // thứ Bảy làm bù
    expect(isWorkingDay("2024-05-11")).toBe(false); // thứ Bảy, lịch rỗng
    expect(isWorkingDay("2024-04-30")).toBe(true); // lịch rỗng
  });

  it("cộng ngày làm việc qua kỳ nghỉ 30/4 – 1/5/2024", () => {
    expect(addWorkingDays("2024-04-26", 1, cal2024)).toBe("2024-05-02");
    expect(addWorkingDays("2024-04-26", 3, cal2024)).toBe("2024-05-04");
    expect(addWorkingDays("2024-04-26", 4, cal2024)).toBe("2024-05-06");
    expect(addWorkingDays("2024-05-02", -1, cal2024)).toBe("2024-04-26");
    expect(addWorkingDays("2024-05-05", 0, cal2024)).toBe("2024-05-05");
    expect(() => addWorkingDays("2024-05-05", 1.5, cal2024)).toThrow("Số ngày làm việc phải là số nguyên (nhận 1.5)");
  });

  it("đếm ngày làm việc: tính ngày đích, không tính ngày xuất phát; có dấu", () => {
    expect(workingDaysBetween("2024-04-26", "2024-05-06", cal2024)).toBe(4);
    expect(workingDaysBetween("2024-05-06", "2024-04-26", cal2024)).toBe(-4); // [26/4, 6/5): 26/4, 2/5, 3/5, 4/5
    expect(workingDaysBetween("2024-05-07", "2024-05-06", cal2024)).toBe(-1);
    expect(Object.is(workingDaysBetween("2024-05-06", "2024-05-05", cal2024), 0)).toBe(true);
    expect(workingDaysBetween("2024-05-06", "2024-05-06", cal2024)).toBe(0);
    expect(workingDaysBetween("2024-05-03", "2024-05-05")).toBe(0);
  });

  it("ngày làm việc kế tiếp", () => {
    expect(nextWorkingDay("2024-04-26", cal2024)).toBe("2024-05-02");
    expect(nextWorkingDay("2024-05-02", cal2024)).toBe("2024-05-03");
    expect(workingDayOnOrAfter("2024-05-02", cal2024)).toBe("2024-05-02");
    expect(workingDayOnOrAfter("2024-04-28", cal2024)).toBe("2024-05-02");
  });

  it("ghép lịch", () => {
    const local: HolidayCalendar = { holidays: ["2024-05-13"] };
    const merged = mergeCalendars(cal2024, local, EMPTY_CALENDAR);
    expect(merged.holidays).toEqual(["2024-04-29", "2024-04-30", "2024-05-01", "2024-05-13"]);
    expect(merged.workingWeekends).toEqual(["2024-05-04"]);
    expect(isWorkingDay("2024-05-13", merged)).toBe(false);
  });

  it("tính chất: addWorkingDays và workingDaysBetween nhất quán trên lịch Việt Nam 2019–2027", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2900 }), fc.integer({ min: -60, max: 60 }), (offset, n) => {
        const start = addDays("2019-01-01", offset);
        const end = addWorkingDays(start, n, VN_HOLIDAYS);
        if (n !== 0) expect(isWorkingDay(end, VN_HOLIDAYS)).toBe(true);
        expect(workingDaysBetween(start, end, VN_HOLIDAYS)).toBe(n);
        // không có ngày làm việc nào bị nhảy qua
        const stepDir = n >= 0 ? 1 : -1;
        let count = 0;
        for (let d = start; d !== end; ) {
          d = addDays(d, stepDir);
          if (isWorkingDay(d, VN_HOLIDAYS)) count++;
        }
        expect(count).toBe(Math.abs(n));
      }),
      { numRuns: 300 },
    );
  });
});

describe("lịch Việt Nam dùng cho hạn", () => {
  it("Công văn 2830 ngày 26/4/2024: 5 ngày làm việc sau đó (qua nghỉ 27/4 – 01/5, làm bù 04/5)", () => {
    expect(addWorkingDays("2024-04-26", 5, VN_HOLIDAYS)).toBe("2024-05-07");
    expect(workingDaysBetween("2024-04-26", "2024-05-05", VN_HOLIDAYS)).toBe(3);
  });

  it("Tết Giáp Thìn 2024: nghỉ 08/02 – 14/02", () => {
    expect(nextWorkingDay("2024-02-07", VN_HOLIDAYS)).toBe("2024-02-15");
    for (let d = "2024-02-08"; d <= "2024-02-14"; d = addDays(d, 1)) expect(isWorkingDay(d, VN_HOLIDAYS)).toBe(false);
  });

  it("vnHolidayCalendar lọc theo năm", () => {
    const c = vnHolidayCalendar([2024]);
    expect(c.holidays).toContain("2024-02-08");
    expect(c.holidays).toContain("2023-12-30"); // Tết Dương lịch 2024 bắt đầu từ 30/12/2023
    expect(c.holidays).not.toContain("2025-01-01");
    expect(c.workingWeekends).toEqual(["2024-05-04"]);
    expect(dayOfWeek("2024-05-04")).toBe(6);
  });
});
