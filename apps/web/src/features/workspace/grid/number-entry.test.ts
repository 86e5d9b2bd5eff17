import { describe, expect, it } from "vitest";
import { displayNumber, editText, parseCellInput, parseClipboard, planPaste } from "./number-entry";

describe("number entry", () => {
  it("reads Vietnamese numbers and empties", () => {
    expect(parseCellInput("84.199,2")).toEqual({ ok: true, value: 84199.2 });
    expect(parseCellInput("  -3,5 ")).toEqual({ ok: true, value: -3.5 });
    expect(parseCellInput("1.234")).toEqual({ ok: true, value: 1234 });
    expect(parseCellInput("")).toEqual({ ok: true, value: null });
  });

  it("reports numbers in the wrong locale instead of guessing", () => {
    const r = parseCellInput("1.5");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^'1\.5' không phải số hợp lệ/);
    const en = parseCellInput("84,199.2");
    expect(en.ok).toBe(false);
    expect(parseCellInput("12a").ok).toBe(false);
  });

  it("shows figures with the row's decimals without hiding what was typed", () => {
    expect(displayNumber(84199.2, 1)).toBe("84.199,2");
    expect(displayNumber(10, 2)).toBe("10,00");
    expect(displayNumber(8.345, 1)).toBe("8,345");
    expect(displayNumber(null, 1)).toBe("");
    expect(editText(1038290.5)).toBe("1038290,5");
  });

  it("splits a block copied from Excel, quoted cells included", () => {
    expect(parseClipboard("1\t2\r\n3\t4\r\n")).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(parseClipboard('"a\tb"\t"say ""hi"""\nx')).toEqual([['a\tb', 'say "hi"'], ["x"]]);
    expect(parseClipboard("5")).toEqual([["5"]]);
    expect(parseClipboard("\t\n")).toEqual([["", ""]]);
  });

  it("plans a paste from the selection's top-left, skipping read-only cells and reporting bad numbers", () => {
    const kind = (_r: number, c: number) => (c === 1 ? null : c === 3 ? "text" : "number");
    const plan = planPaste(parseClipboard("1,5\t9\t2.000\tkhoảng 5%\n84199.2\t\t3\t"), { top: 0, left: 0, bottom: 0, right: 0 }, { rows: 10, cols: 4 }, kind);
    expect(plan.writes).toEqual([
      { row: 0, col: 0, value: 1.5, text: "1,5" },
      { row: 0, col: 2, value: 2000, text: "2.000" },
      { row: 1, col: 2, value: 3, text: "3" },
    ]);
    expect(plan.texts).toEqual([
      { row: 0, col: 3, text: "khoảng 5%" },
      { row: 1, col: 3, text: "" },
    ]);
    expect(plan.skipped).toBe(1);
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toMatchObject({ row: 1, col: 0, text: "84199.2" });
    expect(plan.errors[0]!.error).toMatch(/^'84199\.2' không phải số hợp lệ/);
  });

  it("fills a selection with one pasted value; stops at the grid's edge", () => {
    const plan = planPaste([["7"]], { top: 1, left: 0, bottom: 2, right: 1 }, { rows: 3, cols: 2 }, () => "number");
    expect(plan.writes.map((w) => [w.row, w.col, w.value])).toEqual([
      [1, 0, 7],
      [1, 1, 7],
      [2, 0, 7],
      [2, 1, 7],
    ]);
    const edge = planPaste([["1", "2", "3"]], { top: 2, left: 1, bottom: 2, right: 1 }, { rows: 3, cols: 2 }, () => "number");
    expect(edge.writes).toHaveLength(1);
    expect(edge.skipped).toBe(2);
  });
});
