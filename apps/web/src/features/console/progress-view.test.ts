import { describe, expect, it } from "vitest";
import type { ProgressMatrixDto } from "@tonghop/contracts";
import { progressCellText } from "@tonghop/contracts";
import { buildView, drillDownPath } from "./progress-view";

const counts = { assigned: 0, delivered: 0, accepted: 0, overdue: 0, returned: 0, notStarted: 0, declared: 0 };
const rates = { completeness: null, cellsFilled: 0, cellsTotal: 0, onTime: 0, timelinessBase: 0 };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const m: ProgressMatrixDto = {
  campaign: { id: id(99), code: "x", name: "X", status: "published", referenceDate: "2024-04-26" },
  today: "2024-05-13",
  columns: [
    { key: "o:1", kind: "outline", id: id(1), label: "I", title: "Mục I", depth: 1, milestoneCodes: ["M3"], counts },
    { key: "a:2", kind: "indicators", id: id(2), label: "Phụ lục 2", title: "Số liệu", depth: 1, milestoneCodes: ["M1"], counts },
  ],
  agencies: [
    { id: id(10), name: "Sở Công Thương", shortName: "SCT", groupIds: [id(50)], counts, rates, maxOverdueDays: 8, users: 1 },
    { id: id(11), name: "Cục Thống kê thành phố", shortName: "CTK", groupIds: [], counts, rates, maxOverdueDays: 0, users: 2 },
    { id: id(12), name: "Sở Tài chính", shortName: "TC", groupIds: [id(50)], counts, rates, maxOverdueDays: 0, users: 1 },
  ],
  cells: [
    [0, 0, "drafting", 0, 3, "2024-05-10", 0],
    [0, 1, "not_started", 0, 8, "2024-05-05", 0],
    [1, 0, "returned", 1, 0, "2024-05-20", 1],
    [1, 1, "sent", 0, 0, "2024-05-05", 0],
    [2, 1, "no_data", 0, 0, "2024-05-05", 0],
  ],
  groups: [{ id: id(50), name: "Các sở, ban, ngành thành phố" }],
  milestones: [],
  totals: { counts, rates },
  canReview: true,
};

describe("progress view: filters, rows and columns", () => {
  it("late: only agencies and columns with an overdue cell", () => {
    const v = buildView(m, { filter: "late", groupId: null, milestoneCode: null, search: "" });
    expect(v.rows).toEqual([0]);
    expect(v.cols).toEqual([0, 1]);
    expect(v.matching.size).toBe(2);
  });

  it("returned, declared and waiting pick their cells; the group and the milestone narrow rows and columns", () => {
    expect(buildView(m, { filter: "returned", groupId: null, milestoneCode: null, search: "" }).rows).toEqual([1]);
    expect(buildView(m, { filter: "declared", groupId: null, milestoneCode: null, search: "" }).rows).toEqual([2]);
    expect(buildView(m, { filter: "waiting", groupId: null, milestoneCode: null, search: "" }).cols).toEqual([1]);
    const g = buildView(m, { filter: "all", groupId: id(50), milestoneCode: "M1", search: "" });
    expect(g.rows).toEqual([0, 2]);
    expect(g.cols).toEqual([1]);
  });

  it("search ignores diacritics", () => {
    expect(buildView(m, { filter: "all", groupId: null, milestoneCode: null, search: "thong ke" }).rows).toEqual([1]);
  });

  it("cells read without colour, and drill down to the agency's submission", () => {
    expect(progressCellText("not_started", 8)).toBe("Quá hạn 8 ngày");
    expect(progressCellText("returned", 2)).toBe("Bị trả lại · quá hạn 2 ngày");
    expect(progressCellText("no_data", 0)).toBe("Không có số liệu");
    expect(drillDownPath(m, m.cells[0]!)).toBe(`/dot/${id(99)}/muc/${id(1)}?agency=${id(10)}`);
    expect(drillDownPath(m, m.cells[3]!)).toBe(`/dot/${id(99)}/phu-luc/${id(2)}?agency=${id(11)}`);
  });
});
