import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  PlainDateError,
  addDays,
  comparePlainDates,
  dayOfWeek,
  daysBetween,
  isPlainDate,
  makePlainDate,
  plainDateParts,
  toVnPlainDate,
  vnEndOfDay,
  vnStartOfDay,
} from "./plain-date.js";
import {
  VnDateError,
  findDeadlines,
  formatPlaceDate,
  formatVnDate,
  formatVnLongDate,
  isOverdue,
  parseDeadline,
  parseVnDate,
  tryParseVnDate,
} from "./vn-date.js";

describe("parseVnDate", () => {
  it.each([
    ["05/5/2024", "2024-05-05"],
    ["5/5/2024", "2024-05-05"],
    ["05/05/2024", "2024-05-05"],
    ["24/01/2019", "2019-01-24"],
    ["30/6/2020", "2020-06-30"],
    ["29/02/2024", "2024-02-29"],
    ["5-5-2024", "2024-05-05"],
    ["5.5.2024", "2024-05-05"],
    [" 06/6/2020 ", "2020-06-06"],
    ["ngày 05 tháng 01 năm 2020", "2020-01-05"],
    ["Ngày 26 tháng 4 năm 2024", "2024-04-26"],
    ["16 tháng 4 năm 2024", "2024-04-16"],
    ["2024-05-05", "2024-05-05"],
  ])("%j → %s", (text, iso) => {
    expect(parseVnDate(text)).toBe(iso);
  });

  it.each([
    ["31/2/2024", "tháng 2/2024 chỉ có 29 ngày, không có ngày 31"],
    ["29/2/2023", "tháng 2/2023 chỉ có 28 ngày, không có ngày 29"],
    ["31/4/2024", "tháng 4/2024 chỉ có 30 ngày"],
    ["0/4/2024", "không có ngày 0"],
    ["5/13/2024", "tháng 13 không có"],
    ["18/4/24", "năm phải viết đủ 4 chữ số"],
    ["", "chuỗi rỗng"],
    ["hôm qua", "cần dạng ngày/tháng/năm"],
    ["2024-02-30", "không có ngày 30"],
  ])("từ chối %j: %s", (text, fragment) => {
    expect(() => parseVnDate(text)).toThrow(VnDateError);
    expect(() => parseVnDate(text)).toThrow(fragment);
    expect(tryParseVnDate(text)).toBeNull();
  });
});

describe("formatVnDate theo Nghị định 30/2020", () => {
  it.each([
    ["2019-01-24", "24/01/2019", "ngày 24 tháng 01 năm 2019"],
    ["2024-05-05", "05/5/2024", "ngày 05 tháng 5 năm 2024"],
    ["2020-06-06", "06/6/2020", "ngày 06 tháng 6 năm 2020"],
    ["2015-12-18", "18/12/2015", "ngày 18 tháng 12 năm 2015"],
    ["2020-01-05", "05/01/2020", "ngày 05 tháng 01 năm 2020"],
    ["2024-02-29", "29/02/2024", "ngày 29 tháng 02 năm 2024"],
    ["2024-03-10", "10/3/2024", "ngày 10 tháng 3 năm 2024"],
  ])("%s → %s / %s", (iso, short, long) => {
    expect(formatVnDate(iso)).toBe(short);
    expect(formatVnLongDate(iso)).toBe(long);
    expect(parseVnDate(short)).toBe(iso);
    expect(parseVnDate(long)).toBe(iso);
  });

  it("địa danh, ngày tháng", () => {
    expect(formatPlaceDate("Hải Phòng", "2024-04-26")).toBe("Hải Phòng, ngày 26 tháng 4 năm 2024");
    expect(formatPlaceDate(" Hà Nội ", "2020-01-05")).toBe("Hà Nội, ngày 05 tháng 01 năm 2020");
  });

  it("tính chất: đọc lại ngày đã viết", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80_000 }), (n) => {
        const d = addDays("1900-01-01", n);
        expect(parseVnDate(formatVnDate(d))).toBe(d);
        expect(parseVnDate(formatVnLongDate(d))).toBe(d);
      }),
    );
  });

  it("từ chối ngày sai dạng", () => {
    expect(() => formatVnDate("2024-5-5")).toThrow(PlainDateError);
    expect(() => formatVnDate("2024-02-30")).toThrow("Ngày 30/2/2024 không tồn tại");
  });
});

describe("parseDeadline", () => {
  it.each([
    ["trước ngày 05/5/2024", "2024-05-05", "date", undefined],
    ["**trước ngày 10/5/2024 để tổng hợp.**".replace(" để tổng hợp", ""), "2024-05-10", "date", undefined],
    ["Trước ngày 30/6/2020", "2020-06-30", "date", undefined],
    ["chậm nhất ngày 16/5/2024", "2024-05-16", "date", undefined],
    ["chậm nhất là ngày 31/7/2020", "2020-07-31", "date", undefined],
    ["hạn chót: 15/6/2024", "2024-06-15", "date", undefined],
    ["trước 17 giờ ngày 05/5/2024", "2024-05-05", "date", "17:00"],
    ["trước 9h30 ngày 21/5/2024", "2024-05-21", "date", "09:30"],
    ["ngày 05 tháng 5 năm 2024", "2024-05-05", "date", undefined],
    ["trước ngày 24 tháng 5 năm 2024", "2024-05-24", "date", undefined],
    ["24/5/2024", "2024-05-24", "date", undefined],
    ["trong tháng 6/2024", "2024-06-30", "month", undefined],
    ["trong tháng 2 năm 2024", "2024-02-29", "month", undefined],
    ["trong quý II/2024", "2024-06-30", "quarter", undefined],
    ["trong quý III năm 2024", "2024-09-30", "quarter", undefined],
    ["trong năm 2024", "2024-12-31", "year", undefined],
  ] as const)("%j → %s", (text, due, kind, time) => {
    const d = parseDeadline(text);
    expect(d.due).toBe(due);
    expect(d.kind).toBe(kind);
    expect(d.time).toBe(time);
  });

  it("giữ nguyên văn (bỏ dấu nhấn mạnh, dấu chấm cuối)", () => {
    expect(parseDeadline("  **trước ngày 05/5/2024**. ")).toEqual({ due: "2024-05-05", wording: "trước ngày 05/5/2024", kind: "date" });
  });

  it.each([
    ["", "chuỗi rỗng"],
    ["sớm nhất có thể", "không tìm thấy ngày hạn"],
    ["trước ngày 31/2/2024", "không có ngày 31"],
    ["trước 25 giờ ngày 05/5/2024", "giờ 25:00 không hợp lệ"],
    ["trong tháng 13/2024", "tháng 13 không có"],
  ])("từ chối %j: %s", (text, fragment) => {
    expect(() => parseDeadline(text)).toThrow(VnDateError);
    expect(() => parseDeadline(text)).toThrow(fragment);
  });

  it("tìm mọi hạn trong đoạn văn của Công văn 2830", () => {
    const text =
      "gửi biểu số liệu về Sở Kế hoạch và Đầu tư **trước ngày 05/5/2024** để tổng hợp. ... gửi Sở Kế hoạch và Đầu tư **trước ngày 10/5/2024 để tổng hợp.** ... báo cáo Ủy ban nhân dân thành phố **trước ngày 16/5/2024.** Sai: trước ngày 31/2/2024.";
    expect(findDeadlines(text).map((d) => [d.due, d.wording])).toEqual([
      ["2024-05-05", "trước ngày 05/5/2024"],
      ["2024-05-10", "trước ngày 10/5/2024"],
      ["2024-05-16", "trước ngày 16/5/2024"],
    ]);
    expect(findDeadlines("Không có hạn.")).toEqual([]);
  });

  it("quá hạn tính từ sau ngày hạn", () => {
    expect(isOverdue("2024-05-05", "2024-05-05")).toBe(false);
    expect(isOverdue("2024-05-05", "2024-05-06")).toBe(true);
  });
});

describe("ngày thuần và múi giờ Asia/Ho_Chi_Minh (UTC+7 cố định)", () => {
  it("đổi thời điểm sang ngày Việt Nam", () => {
    expect(toVnPlainDate(new Date("2024-05-04T16:59:59.999Z"))).toBe("2024-05-04");
    expect(toVnPlainDate(new Date("2024-05-04T17:00:00Z"))).toBe("2024-05-05");
    expect(toVnPlainDate(new Date("1969-12-31T20:00:00Z"))).toBe("1970-01-01");
    expect(() => toVnPlainDate(new Date(Number.NaN))).toThrow("Thời điểm không hợp lệ");
  });

  it("đầu và cuối ngày theo giờ Việt Nam", () => {
    expect(vnStartOfDay("2024-05-05").toISOString()).toBe("2024-05-04T17:00:00.000Z");
    expect(vnEndOfDay("2024-05-05").toISOString()).toBe("2024-05-05T16:59:59.999Z");
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 40_000 }), (n) => {
        const d = addDays("1970-01-01", n);
        expect(toVnPlainDate(vnStartOfDay(d))).toBe(d);
        expect(toVnPlainDate(vnEndOfDay(d))).toBe(d);
      }),
    );
  });

  it("tiện ích ngày", () => {
    expect(makePlainDate(2024, 2, 29)).toBe("2024-02-29");
    expect(() => makePlainDate(2023, 2, 29)).toThrow("Ngày 29/2/2023 không tồn tại");
    expect(isPlainDate("2024-02-29")).toBe(true);
    expect(isPlainDate("2023-02-29")).toBe(false);
    expect(isPlainDate("2024-2-29")).toBe(false);
    expect(isPlainDate(20240229)).toBe(false);
    expect(plainDateParts("2000-02-29")).toEqual([2000, 2, 29]);
    expect(() => plainDateParts("1900-02-29")).toThrow("Ngày 29/2/1900 không tồn tại");
    expect(addDays("2024-02-28", 2)).toBe("2024-03-01");
    expect(addDays("2024-01-01", -1)).toBe("2023-12-31");
    expect(daysBetween("2024-04-26", "2024-05-05")).toBe(9);
    expect(dayOfWeek("2024-05-05")).toBe(0);
    expect(dayOfWeek("2024-05-04")).toBe(6);
    expect(dayOfWeek("1969-12-31")).toBe(3);
    expect(comparePlainDates("2024-01-02", "2024-01-10")).toBe(-1);
    expect(comparePlainDates("2024-01-10", "2024-01-02")).toBe(1);
    expect(comparePlainDates("2024-01-10", "2024-01-10")).toBe(0);
  });
});
