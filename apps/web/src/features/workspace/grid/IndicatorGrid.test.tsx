import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { GridCellDto, GridRowDto, IndicatorGridDto } from "@tonghop/contracts";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { IndicatorGrid, type GridEdit, type PasteReport } from "./IndicatorGrid";

// antd's CommonJS build does not load under the node resolver of the test runner; the grid only uses its Tooltip.
vi.mock("antd", () => ({ Tooltip: ({ children }: { children: ReactNode }) => children }));

const value = (v: number | null, editable = true, version = v === null ? 0 : 1): GridCellDto => ({
  kind: "value",
  value: v,
  status: v === null ? null : "chinh-thuc",
  note: null,
  source: null,
  version,
  enteredByName: null,
  enteredAt: null,
  sourceAgencyName: null,
  campaignName: null,
  editable,
});

function row(id: string, code: string, name: string, cells: Record<string, GridCellDto>, decimals = 1): GridRowDto {
  return {
    id,
    parentId: null,
    depth: 0,
    tt: "1",
    name,
    unit: "%",
    target: null,
    indicatorId: id,
    indicatorCode: code,
    aggregation: "last",
    direction: "higher",
    decimals,
    emphasis: null,
    leadNames: "Cục Thống kê",
    own: true,
    computed: false,
    openForAgencies: false,
    canAddChild: false,
    addedByAgency: null,
    canEditRow: false,
    rowVersion: null,
    cells,
    issues: [],
  };
}

const ID = (n: number) => `00000000-0000-0000-0000-00000000000${n}`;

function fixture(): IndicatorGridDto {
  const cols = ["value:2021:HP", "value:2022:HP", "value:2021-2022:HP"];
  return {
    campaign: { id: ID(9), code: "c", name: "Đợt thử", status: "published", referenceDate: "2024-04-26" },
    appendix: { id: ID(8), code: "PL2", title: "Phụ lục 2", subtitle: null, note: null },
    agency: { id: ID(7), name: "Cục Thống kê" },
    assignment: { id: ID(6), state: "draft", stateLabel: "Đang soạn", stateReason: null, dueDate: null, editable: true, readOnlyReason: null },
    agencies: [],
    header: [
      [
        { title: "TT", col: 0, colSpan: 1, rowSpan: 2, key: "#tt" },
        { title: "Chỉ tiêu", col: 1, colSpan: 1, rowSpan: 2, key: "#name" },
        { title: "ĐVT", col: 2, colSpan: 1, rowSpan: 2, key: "#unit" },
        { title: "Năm", col: 3, colSpan: 2, rowSpan: 1 },
        { title: "Cả kỳ", col: 5, colSpan: 1, rowSpan: 2, key: cols[2] },
      ],
      [
        { title: "2021", col: 3, colSpan: 1, rowSpan: 1, key: cols[0] },
        { title: "2022", col: 4, colSpan: 1, rowSpan: 1, key: cols[1] },
      ],
    ],
    numbers: null,
    columns: [
      { key: "#tt", kind: "tt", title: "TT", period: null, area: null, mode: "readonly", number: null, defaultStatus: null },
      { key: "#name", kind: "name", title: "Chỉ tiêu", period: null, area: null, mode: "readonly", number: null, defaultStatus: null },
      { key: "#unit", kind: "unit", title: "ĐVT", period: null, area: null, mode: "readonly", number: null, defaultStatus: null },
      { key: cols[0]!, kind: "value", title: "2021", period: "2021", area: "HP", mode: "input", number: null, defaultStatus: "chinh-thuc" },
      { key: cols[1]!, kind: "value", title: "2022", period: "2022", area: "HP", mode: "input", number: null, defaultStatus: "chinh-thuc" },
      { key: cols[2]!, kind: "value", title: "Cả kỳ", period: "2021-2022", area: "HP", mode: "computed", number: null, defaultStatus: null },
    ],
    rows: [
      row(ID(1), "A", "Tăng trưởng GRDP", { [cols[0]!]: value(8.5), [cols[1]!]: value(null), [cols[2]!]: { kind: "computed", value: null, status: null, reason: "Thiếu số liệu năm 2022", formula: null } }),
      row(ID(2), "B", "GRDP giá hiện hành", { [cols[0]!]: value(null), [cols[1]!]: value(null), [cols[2]!]: { kind: "computed", value: null, status: null, reason: "Thiếu số liệu năm 2022", formula: null } }, 0),
      row(ID(3), "C", "Thu ngân sách (dòng đơn vị khác)", { [cols[0]!]: value(5, false), [cols[1]!]: value(6, false), [cols[2]!]: { kind: "computed", value: 6, status: "chinh-thuc", reason: null, formula: null } }),
    ],
    summary: { inputCells: 4, filledCells: 1, errors: 0, warnings: 0 },
  };
}

function setup(editable = true) {
  const onCommit = vi.fn<(edits: GridEdit[]) => void>();
  const onPasteReport = vi.fn<(r: PasteReport) => void>();
  render(<IndicatorGrid grid={fixture()} overlay={() => undefined} editable={editable} onCommit={onCommit} onPasteReport={onPasteReport} />);
  const grid = screen.getByTestId("indicator-grid");
  const cell = (code: string, key: string) => document.querySelector<HTMLElement>(`[data-cell="${code}|${key}"]`)!;
  return { onCommit, onPasteReport, grid, cell };
}

function paste(target: HTMLElement, text: string) {
  const event = new Event("paste", { bubbles: true, cancelable: true }) as Event & { clipboardData: unknown };
  event.clipboardData = { getData: (type: string) => (type === "text/plain" ? text : "") };
  act(() => {
    target.dispatchEvent(event);
  });
}

describe("IndicatorGrid", () => {
  afterEach(cleanup);

  it("renders the multi-level header with rowSpan / colSpan and shows computed cells read-only", () => {
    const { cell } = setup();
    const year = screen.getByText("Năm");
    expect(year.getAttribute("colspan")).toBe("2");
    expect(screen.getByText("Chỉ tiêu").getAttribute("rowspan")).toBe("2");
    expect(cell("A", "value:2021:HP").textContent).toBe("8,5");
    expect(cell("A", "value:2021-2022:HP").className).toContain("fg-computed");
    expect(cell("A", "value:2021-2022:HP").getAttribute("title")).toBe("Thiếu số liệu năm 2022");
  });

  it("validates Vietnamese numbers as they are typed and commits on Enter, moving down", () => {
    const { onCommit, grid, cell } = setup();
    fireEvent.mouseDown(cell("A", "value:2022:HP"));
    fireEvent.keyDown(grid, { key: "1" });
    const editor = screen.getByTestId<HTMLInputElement>("cell-editor");
    fireEvent.change(editor, { target: { value: "1.5" } });
    expect(screen.getByTestId("cell-error").textContent).toMatch(/^'1\.5' không phải số hợp lệ/);
    fireEvent.keyDown(editor, { key: "Enter" });
    expect(onCommit).not.toHaveBeenCalled();
    expect(screen.getByTestId("cell-editor")).toBeTruthy();
    fireEvent.change(editor, { target: { value: "84.199,2" } });
    expect(screen.queryByTestId("cell-error")).toBeNull();
    fireEvent.keyDown(editor, { key: "Enter" });
    expect(onCommit).toHaveBeenCalledWith([{ rowId: ID(1), columnKey: "value:2022:HP", kind: "value", value: 84199.2 }]);
    expect(screen.queryByTestId("cell-editor")).toBeNull();
    expect(cell("B", "value:2022:HP").className).toContain("fg-active");
  });

  it("moves with arrows and Tab, opens with F2, cancels with Esc, clears with Delete; read-only cells do not open", () => {
    const { onCommit, grid, cell } = setup();
    fireEvent.mouseDown(cell("A", "value:2021:HP"));
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(cell("B", "value:2021:HP").className).toContain("fg-active");
    fireEvent.keyDown(grid, { key: "Tab" });
    expect(cell("B", "value:2022:HP").className).toContain("fg-active");
    fireEvent.keyDown(grid, { key: "Tab", shiftKey: true });
    fireEvent.keyDown(grid, { key: "ArrowUp" });
    fireEvent.keyDown(grid, { key: "F2" });
    const editor = screen.getByTestId<HTMLInputElement>("cell-editor");
    expect(editor.value).toBe("8,5");
    fireEvent.keyDown(editor, { key: "Escape" });
    expect(screen.queryByTestId("cell-editor")).toBeNull();
    fireEvent.keyDown(grid, { key: "Delete" });
    expect(onCommit).toHaveBeenLastCalledWith([{ rowId: ID(1), columnKey: "value:2021:HP", kind: "value", value: null }]);
    // Another agency's row and the computed column stay closed.
    fireEvent.mouseDown(cell("C", "value:2021:HP"));
    fireEvent.keyDown(grid, { key: "7" });
    expect(screen.queryByTestId("cell-editor")).toBeNull();
    fireEvent.mouseDown(cell("A", "value:2021-2022:HP"));
    fireEvent.keyDown(grid, { key: "Enter" });
    expect(screen.queryByTestId("cell-editor")).toBeNull();
  });

  it("pastes a block copied from Excel into the selection, skipping read-only cells", () => {
    const { onCommit, onPasteReport, grid, cell } = setup();
    fireEvent.mouseDown(cell("A", "value:2021:HP"));
    paste(grid, "8,6\t9,1\t99\r\n1.038.290\t1.100.000\t5\r\n");
    expect(onCommit).toHaveBeenCalledWith([
      { rowId: ID(1), columnKey: "value:2021:HP", kind: "value", value: 8.6 },
      { rowId: ID(1), columnKey: "value:2022:HP", kind: "value", value: 9.1 },
      { rowId: ID(2), columnKey: "value:2021:HP", kind: "value", value: 1038290 },
      { rowId: ID(2), columnKey: "value:2022:HP", kind: "value", value: 1100000 },
    ]);
    expect(onPasteReport).toHaveBeenCalledWith({ applied: 4, skipped: 2, errors: [] });
  });

  it("reports numbers pasted in the wrong locale with row and column, and pastes the rest", () => {
    const { onCommit, onPasteReport, grid, cell } = setup();
    fireEvent.mouseDown(cell("A", "value:2021:HP"));
    paste(grid, "84199.2\t7,5");
    expect(onCommit).toHaveBeenCalledWith([{ rowId: ID(1), columnKey: "value:2022:HP", kind: "value", value: 7.5 }]);
    const report = onPasteReport.mock.calls[0]![0];
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatch(/^Dòng "Tăng trưởng GRDP", cột "Năm – 2021": '84199\.2' không phải số hợp lệ/);
  });

  it("does nothing on a read-only grid", () => {
    const { onCommit, grid, cell } = setup(false);
    fireEvent.mouseDown(cell("A", "value:2022:HP"));
    fireEvent.keyDown(grid, { key: "5" });
    paste(grid, "1");
    expect(screen.queryByTestId("cell-editor")).toBeNull();
    expect(onCommit).not.toHaveBeenCalled();
  });
});
