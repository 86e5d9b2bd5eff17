import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, makePlainDate } from "../dates/plain-date.js";
import { parseTaskDeadline, reportingPeriodOf, taskDaysLate, taskStatus, TaskDeadlineError, tryParseTaskDeadline } from "./task-deadline.js";

describe("parseTaskDeadline", () => {
  it.each([
    ["31/12/2027", "date", "31/12/2027", "2027-12-31"],
    ["05/5/2027", "date", "05/5/2027", "2027-05-05"],
    ["trước ngày 30/6/2027", "date", "30/6/2027", "2027-06-30"],
    ["ngày 15 tháng 3 năm 2027", "date", "15/3/2027", "2027-03-15"],
    ["Quý II/2027", "quarter", "Quý II/2027", "2027-06-30"],
    ["quý 4/2026", "quarter", "Quý IV/2026", "2026-12-31"],
    ["Q1/2028", "quarter", "Quý I/2028", "2028-03-31"],
    ["Quý III năm 2027", "quarter", "Quý III/2027", "2027-09-30"],
    ["Tháng 2/2028", "month", "Tháng 2/2028", "2028-02-29"],
    ["2027", "year", "Năm 2027", "2027-12-31"],
    ["Năm 2030", "year", "Năm 2030", "2030-12-31"],
    ["Trong năm 2026", "year", "Năm 2026", "2026-12-31"],
  ])("%s → %s %s (%s)", (input, kind, text, due) => {
    expect(parseTaskDeadline(input)).toEqual({ kind, text, due });
  });

  it.each([
    ["31/02/2027", "tháng 2/2027 chỉ có 28 ngày, không có ngày 31"],
    ["Quý V/2027", "quý V không có (chỉ có quý I–IV)"],
    ["Quý 0/2027", "quý 0 không có"],
    ["Tháng 13/2027", "tháng 13 không có"],
    ["Quý II/27", "năm 27 phải viết đủ 4 chữ số"],
    ["sớm", "cần một ngày (31/12/2027)"],
    ["", "chưa ghi thời hạn"],
  ])("refuses %s", (input, message) => {
    expect(() => parseTaskDeadline(input)).toThrow(TaskDeadlineError);
    const r = tryParseTaskDeadline(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it("the canonical text reads back to the same deadline", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 0, max: 365 }), fc.integer({ min: 1, max: 4 }), (y, offset, q) => {
        const d = parseTaskDeadline(addDays(makePlainDate(y, 1, 1), offset).split("-").reverse().join("/"));
        expect(parseTaskDeadline(d.text)).toEqual(d);
        const quarter = parseTaskDeadline(`Quý ${q}/${y}`);
        expect(parseTaskDeadline(quarter.text)).toEqual(quarter);
      }),
    );
  });
});

describe("taskStatus: late is derived from the deadline and the clock", () => {
  const due = "2027-06-30";
  it.each([
    ["not-started", "2027-06-30", "chua-trien-khai", 0],
    ["in-progress", "2027-06-30", "dang-thuc-hien", 0],
    ["not-started", "2027-07-01", "cham-tien-do", 1],
    ["in-progress", "2027-07-10", "cham-tien-do", 10],
    ["done", "2028-01-01", "hoan-thanh", 0],
  ] as const)("%s on %s → %s", (progress, today, status, late) => {
    expect(taskStatus({ progress, due }, today)).toBe(status);
    expect(taskDaysLate({ progress, due }, today)).toBe(late);
  });

  it("a task without a deadline is never late", () => {
    expect(taskStatus({ progress: "not-started", due: null }, "2099-01-01")).toBe("chua-trien-khai");
  });

  it("never late on or before the last day, always late after it unless done", () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), fc.constantFrom("not-started" as const, "in-progress" as const, "done" as const), (offset, progress) => {
        const today = addDays(due, offset);
        const s = taskStatus({ progress, due }, today);
        if (progress === "done") expect(s).toBe("hoan-thanh");
        else expect(s === "cham-tien-do").toBe(offset > 0);
      }),
    );
  });
});

describe("reportingPeriodOf", () => {
  it.each([
    ["2027-05-15", "quarter", { key: "2027-Q2", label: "Quý II/2027", start: "2027-04-01", end: "2027-06-30" }],
    ["2027-12-31", "quarter", { key: "2027-Q4", label: "Quý IV/2027", start: "2027-10-01", end: "2027-12-31" }],
    ["2027-02-01", "month", { key: "2027-M02", label: "Tháng 2/2027", start: "2027-02-01", end: "2027-02-28" }],
    ["2027-08-01", "half-year", { key: "2027-H2", label: "6 tháng cuối năm 2027", start: "2027-07-01", end: "2027-12-31" }],
    ["2027-08-01", "year", { key: "2027", label: "Năm 2027", start: "2027-01-01", end: "2027-12-31" }],
  ] as const)("%s %s", (date, freq, expected) => {
    expect(reportingPeriodOf(date, freq)).toEqual(expected);
  });
});
