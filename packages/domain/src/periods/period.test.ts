import { describe, expect, it } from "vitest";
import {
  PeriodSyntaxError,
  comparePeriods,
  monthPeriod,
  parsePeriod,
  periodContains,
  periodKey,
  periodLabel,
  periodYears,
  quarterPeriod,
  rangePeriod,
  tryParsePeriod,
  yearPeriod,
} from "./period.js";
import type { ComparisonArea } from "./period.js";

describe("parsePeriod", () => {
  it.each([
    ["2018", "2018", "year", "2018-01-01", "2018-12-31", [2018]],
    ["năm 2018", "2018", "year", "2018-01-01", "2018-12-31", [2018]],
    ["Năm 2023", "2023", "year", "2023-01-01", "2023-12-31", [2023]],
    ["giai đoạn 2019-2023", "2019-2023", "range", "2019-01-01", "2023-12-31", [2019, 2020, 2021, 2022, 2023]],
    ["Giai đoạn 2014- 2018", "2014-2018", "range", "2014-01-01", "2018-12-31", [2014, 2015, 2016, 2017, 2018]],
    ["2019 - 2023", "2019-2023", "range", "2019-01-01", "2023-12-31", [2019, 2020, 2021, 2022, 2023]],
    ["2016- 2020", "2016-2020", "range", "2016-01-01", "2020-12-31", [2016, 2017, 2018, 2019, 2020]],
    ["giai đoạn 2021 – 2025", "2021-2025", "range", "2021-01-01", "2025-12-31", [2021, 2022, 2023, 2024, 2025]],
    ["thời kỳ 2021-2030", "2021-2030", "range", "2021-01-01", "2030-12-31", [2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]],
    ["quý I/2024", "2024-Q1", "quarter", "2024-01-01", "2024-03-31", [2024]],
    ["Quý IV/2023", "2023-Q4", "quarter", "2023-10-01", "2023-12-31", [2023]],
    ["quý 1 năm 2024", "2024-Q1", "quarter", "2024-01-01", "2024-03-31", [2024]],
    ["quý III năm 2024", "2024-Q3", "quarter", "2024-07-01", "2024-09-30", [2024]],
    ["2024-Q2", "2024-Q2", "quarter", "2024-04-01", "2024-06-30", [2024]],
    ["tháng 3/2024", "2024-M03", "month", "2024-03-01", "2024-03-31", [2024]],
    ["tháng 02 năm 2024", "2024-M02", "month", "2024-02-01", "2024-02-29", [2024]],
    ["tháng 12/2023", "2023-M12", "month", "2023-12-01", "2023-12-31", [2023]],
    ["2024-M11", "2024-M11", "month", "2024-11-01", "2024-11-30", [2024]],
    ["6 tháng đầu năm 2024", "2024-6T", "half", "2024-01-01", "2024-06-30", [2024]],
    ["6 tháng 2024", "2024-6T", "half", "2024-01-01", "2024-06-30", [2024]],
    ["sáu tháng đầu năm 2024", "2024-6T", "half", "2024-01-01", "2024-06-30", [2024]],
    ["2024-6T", "2024-6T", "half", "2024-01-01", "2024-06-30", [2024]],
    ["9 tháng năm 2024", "2024-9T", "nine-months", "2024-01-01", "2024-09-30", [2024]],
    ["9 tháng đầu năm 2024", "2024-9T", "nine-months", "2024-01-01", "2024-09-30", [2024]],
    ["2024-9T", "2024-9T", "nine-months", "2024-01-01", "2024-09-30", [2024]],
  ] as const)("%j → %s", (text, key, kind, from, to, years) => {
    expect(parsePeriod(text)).toEqual({ key, kind, from, to, years });
    expect(periodKey(text)).toBe(key);
  });

  it.each([
    ["", "chuỗi rỗng"],
    ["20X6- 2020", "không đúng mẫu nào"],
    ["giai đoạn 2020-2016", "năm đầu 2020 phải nhỏ hơn năm cuối 2016"],
    ["quý V/2024", "không đúng mẫu nào"],
    ["quý 5/2024", "quý '5' không có"],
    ["tháng 13/2024", "tháng 13 không có"],
    ["năm 1800", "năm 1800 nằm ngoài khoảng 1900–2200"],
    ["2024-Q5", "quý 5 không có"],
    ["2024-M13", "tháng 13 không có"],
    ["hôm nay", "không có năm"],
  ])("từ chối %j: %s", (text, fragment) => {
    expect(() => parsePeriod(text)).toThrow(PeriodSyntaxError);
    expect(() => parsePeriod(text)).toThrow(fragment);
    expect(tryParsePeriod(text)).toBeNull();
  });

  it("hàm dựng kỳ kiểm tra đầu vào", () => {
    expect(() => rangePeriod(2020, 2020)).toThrow(/năm đầu 2020 phải nhỏ hơn năm cuối 2020/);
    expect(() => yearPeriod(99999)).toThrow(/nằm ngoài khoảng/);
    expect(() => monthPeriod(2024, 0)).toThrow(/tháng 0 không có/);
    expect(() => quarterPeriod(2024, 0)).toThrow(/quý 0 không có/);
  });
});

describe("periodLabel, periodYears, comparePeriods", () => {
  it.each([
    ["2018", "Năm 2018"],
    ["2014-2018", "Giai đoạn 2014-2018"],
    ["2024-Q1", "Quý I/2024"],
    ["2024-Q4", "Quý IV/2024"],
    ["2024-M03", "Tháng 3/2024"],
    ["2024-6T", "6 tháng đầu năm 2024"],
    ["2024-9T", "9 tháng đầu năm 2024"],
  ])("%s → %s", (key, label) => {
    expect(periodLabel(key)).toBe(label);
    // nhãn đọc lại ra đúng khóa
    expect(periodKey(label)).toBe(key);
  });

  it("các năm của kỳ", () => {
    expect(periodYears("2019-2023")).toEqual([2019, 2020, 2021, 2022, 2023]);
    expect(periodYears("2024-Q3")).toEqual([2024]);
  });

  it("sắp kỳ theo ngày cuối, kỳ ngắn trước", () => {
    const keys = ["2024", "2024-9T", "2019-2023", "2024-M03", "2024-Q1", "2024-6T", "2023", "2014-2018", "2024-M01"];
    expect([...keys].sort(comparePeriods)).toEqual([
      "2014-2018",
      "2023",
      "2019-2023",
      "2024-M01",
      "2024-M03",
      "2024-Q1",
      "2024-6T",
      "2024-9T",
      "2024",
    ]);
    expect(comparePeriods("2024", "năm 2024")).toBe(0);
  });

  it("kỳ chứa kỳ", () => {
    expect(periodContains("2019-2023", "2021")).toBe(true);
    expect(periodContains("2024", "2024-Q2")).toBe(true);
    expect(periodContains("2024-6T", "2024-Q3")).toBe(false);
  });

  it("địa bàn so sánh là dữ liệu", () => {
    const areas: ComparisonArea[] = [
      { code: "HP", name: "Hải Phòng" },
      { code: "CN", name: "Cả nước" },
      { code: "DBSH", name: "Vùng đồng bằng sông Hồng" },
    ];
    expect(areas.map((a) => a.code)).toEqual(["HP", "CN", "DBSH"]);
  });
});
