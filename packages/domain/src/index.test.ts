import { describe, expect, it } from "vitest";
import * as domain from "./index.js";

describe("bề mặt công khai của @tonghop/domain", () => {
  it("xuất đúng các tên đã hứa trong issue B", () => {
    const names = [
      "parseVnNumber", "tryParseVnNumber", "formatVnNumber", "VnNumberError",
      "parseTarget", "formatTarget", "TargetSyntaxError",
      "aggregate", "AGGREGATIONS",
      "evaluateIndicator", "evaluateComposite", "VERDICT_LABELS",
      "parseExpression", "evaluateExpression", "ExpressionSyntaxError", "buildDependencyGraph", "computeAll",
      "runValidation",
      "parsePeriod", "periodLabel", "periodYears", "comparePeriods",
      "parseVnDate", "formatVnDate", "formatVnLongDate", "formatPlaceDate", "parseDeadline",
      "toVnPlainDate", "vnStartOfDay", "isWorkingDay", "addWorkingDays", "workingDaysBetween", "nextWorkingDay",
      "VN_HOLIDAYS", "vnHolidayCalendar",
      "parseOutlineLabel", "formatOutlineLabel", "nextOutlineLabel", "renumberSiblings", "renumberSubtree",
      "normalizeSearchText", "matchesSearch", "closestMatches", "normalizeUnit",
      "formatDocumentNumber", "romanNumeral", "vietnameseLetter",
    ];
    for (const n of names) expect(domain, n).toHaveProperty(n);
    expect(domain.AGGREGATIONS).toEqual(["last", "sum", "mean", "growthMean", "cagr", "changePerYear"]);
  });

  it("ví dụ trọn vẹn: đọc mục tiêu, đánh giá, viết số", () => {
    const r = domain.evaluateIndicator({
      target: "10,5%/ năm",
      aggregation: "growthMean",
      direction: "higher",
      decimals: 2,
      values: { 2016: 10.1, 2017: 14.02, 2018: 16.25, 2019: 16.68, 2020: 11.22 },
    });
    expect(`${r.label}: ${domain.formatVnNumber(r.value!, 2)}% so với ${domain.formatTarget(domain.parseTarget("10,5%/ năm"))}`).toBe(
      "Vượt: 13,62% so với 10,5%/năm",
    );
  });
});
