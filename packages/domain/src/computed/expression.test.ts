import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ExpressionSyntaxError,
  evaluateExpression,
  evaluateExpressionDetailed,
  expressionRefs,
  formatExpression,
  parseExpression,
} from "./expression.js";
import { buildDependencyGraph, computeAll } from "./dependency-graph.js";

const env: Record<string, number | null> = {
  GRDP_HH: 365_000,
  DAN_SO: 2_100,
  NN_GTSX: 12_000,
  TONG_GTSX: 480_000,
  THU_NSNN: 95_000,
  CHI_NSNN: 41_000,
  XK_USD: 29_000,
  TY_GIA: 23_400,
  TRONG: null,
  ZERO: 0,
};
const lookup = (code: string): number | null | undefined => env[code];

describe("parseExpression và evaluateExpression", () => {
  it.each([
    ["GRDP_HH / DAN_SO", 365_000 / 2_100],
    ["NN_GTSX / TONG_GTSX * 100", 2.5],
    ["THU_NSNN - CHI_NSNN", 54_000],
    ["XK_USD * TY_GIA / 1000", 678_600],
    ["-THU_NSNN + 2 * (CHI_NSNN - 1.000)", -15_000],
    ["0,5 * DAN_SO", 1_050],
    ["(1 + 2) * 3 - 4 / 2", 7],
    ["2 - 3 - 4", -5],
    ["16 / 4 / 2", 2],
    ["--5", 5],
    ["+5", 5],
    ["3 × 2 ÷ 4 − 1", 0.5],
  ])("%s = %d", (text, value) => {
    expect(evaluateExpression(text, lookup)).toBeCloseTo(value, 9);
  });

  it("liệt kê mã tham chiếu không trùng theo thứ tự xuất hiện", () => {
    expect(expressionRefs(parseExpression("A + B * A - (C / B)"))).toEqual(["A", "B", "C"]);
    expect(expressionRefs(parseExpression("1 + 2"))).toEqual([]);
  });

  it("thiếu số liệu đầu vào hoặc chia cho 0 → null kèm lý do", () => {
    expect(evaluateExpressionDetailed("GRDP_HH / TRONG + KHONG_CO", lookup)).toEqual({
      value: null,
      missing: ["TRONG", "KHONG_CO"],
      reason: "Thiếu số liệu của TRONG, KHONG_CO",
    });
    expect(evaluateExpressionDetailed("GRDP_HH / (ZERO * 5)", lookup)).toEqual({
      value: null,
      missing: [],
      reason: "Chia cho 0: ZERO * 5 bằng 0",
    });
    expect(evaluateExpression("-(1 / ZERO)", lookup)).toBeNull();
    expect(evaluateExpression("1 / ZERO + 1 / ZERO", lookup)).toBeNull();
  });

  it.each([
    ["", 0, "biểu thức trống"],
    ["A +", 3, "biểu thức bị cụt"],
    ["A + * B", 4, "cần số, mã chỉ tiêu hoặc '(' nhưng gặp '*'"],
    ["(A + B", 6, "thiếu dấu ')' đóng ngoặc mở tại ký tự 1 (gặp hết biểu thức)"],
    ["A + B)", 5, "thừa dấu ')'"],
    ["A B", 2, "thiếu phép tính trước mã B"],
    ["A 2", 2, "thiếu phép tính trước số 2"],
    ["grdp / DAN_SO", 0, "mã chỉ tiêu phải bắt đầu bằng chữ in hoa không dấu A-Z (gặp 'g')"],
    ["GRDPđ", 4, "mã chỉ tiêu chỉ gồm chữ in hoa không dấu, chữ số và '_' (gặp 'đ')"],
    ["A * 0.5", 5, "số '0.5' sai: dấu chấm phân tách hàng nghìn phải đứng trước đúng 3 chữ số"],
    ["A % 2", 2, "ký tự '%' không dùng được trong biểu thức"],
    ["(A + (B * 2)", 12, "thiếu dấu ')'"],
  ])("lỗi cú pháp %j tại ký tự %d: %s", (text, position, fragment) => {
    let caught: unknown;
    try {
      parseExpression(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ExpressionSyntaxError);
    const e = caught as ExpressionSyntaxError;
    expect(e.position).toBe(position);
    expect(e.message).toContain(fragment);
    expect(e.message).toContain(`tại ký tự ${position + 1}`);
  });

  it("tính chất: viết lại biểu thức rồi đọc lại cho cùng giá trị", () => {
    const leaf = fc.oneof(
      fc.constantFrom("A", "B", "C_1"),
      fc.integer({ min: 0, max: 5000 }).map((k) => (k / 10).toString().replace(".", ",")),
    );
    const expr = fc.letrec((tie) => ({
      e: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.tuple(tie("e"), fc.constantFrom("+", "-", "*", "/"), tie("e")).map(([a, op, b]) => `(${String(a)} ${op} ${String(b)})`),
        tie("e").map((a) => `-${String(a)}`),
      ),
    })).e;
    const vals: Record<string, number> = { A: 3, B: -7.5, C_1: 11 };
    fc.assert(
      fc.property(expr, (text) => {
        const e = parseExpression(text);
        const again = parseExpression(formatExpression(e));
        const v1 = evaluateExpression(e, (c) => vals[c]);
        const v2 = evaluateExpression(again, (c) => vals[c]);
        if (v1 === null) expect(v2).toBeNull();
        else expect(Math.abs(v1 - v2!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v1)));
      }),
    );
  });

  it("formatExpression đặt ngoặc tối thiểu", () => {
    expect(formatExpression(parseExpression("(A - (B - C)) * -(D + 1) / -E"))).toBe("(A - (B - C)) * -(D + 1) / -E");
    expect(formatExpression(parseExpression("A + B * C"))).toBe("A + B * C");
    expect(formatExpression(parseExpression("- -A"))).toBe("-(-A)");
    expect(formatExpression(parseExpression("1.000,5 * A"))).toBe("1.000,5 * A");
  });
});

describe("buildDependencyGraph", () => {
  it("thứ tự tô-pô: mỗi mã đứng sau các mã nó dùng", () => {
    const g = buildDependencyGraph(
      [
        { code: "GRDP_NGUOI_USD", expression: "GRDP_NGUOI / TY_GIA * 1.000.000" },
        { code: "GRDP_NGUOI", expression: "GRDP_HH / DAN_SO" },
        { code: "CAN_DOI", expression: "THU_NSNN - CHI_NSNN" },
      ],
      ["GRDP_HH", "DAN_SO", "TY_GIA", "THU_NSNN", "CHI_NSNN"],
    );
    expect(g.order).toEqual(["GRDP_NGUOI", "GRDP_NGUOI_USD", "CAN_DOI"]);
    expect(g).toMatchObject({ cycles: [], unknown: [], errors: [], blocked: [] });
    expect(g.refs.GRDP_NGUOI).toEqual(["GRDP_HH", "DAN_SO"]);
  });

  it("báo vòng lặp và tham chiếu không tồn tại bằng tên mã", () => {
    const g = buildDependencyGraph(
      [
        { code: "A", expression: "B + 1" },
        { code: "B", expression: "C * 2" },
        { code: "C", expression: "A - X" },
        { code: "SELF", expression: "SELF + 1" },
        { code: "D", expression: "A + 1" },
        { code: "OK", expression: "X + KHONG_CO" },
      ],
      ["X"],
    );
    expect(g.cycles).toEqual([["A", "B", "C"], ["SELF"]]);
    expect(g.unknown).toEqual([{ code: "OK", ref: "KHONG_CO" }]);
    expect(g.order).toEqual(["OK"]);
    expect(g.blocked).toEqual(["D"]);
  });

  it("báo biểu thức sai và mã định nghĩa trùng", () => {
    const g = buildDependencyGraph(
      [
        { code: "A", expression: "X +" },
        { code: "B", expression: "A * 2" },
        { code: "C", expression: "1" },
        { code: "C", expression: "2" },
      ],
      ["X"],
    );
    expect(g.errors.map((e) => e.code)).toEqual(["A", "C"]);
    expect(g.errors[0]!.message).toMatch(/^Công thức của A: Biểu thức 'X \+' sai tại ký tự 4/);
    expect(g.errors[1]!.message).toBe("Chỉ tiêu C được định nghĩa công thức hơn một lần");
    expect(g.order).toEqual([]);
    expect(g.blocked).toEqual(["B"]);
  });
});

describe("computeAll", () => {
  it("tính theo thứ tự phụ thuộc, giải thích mã không tính được", () => {
    const r = computeAll(
      [
        { code: "TY_TRONG_NN", expression: "NN_GTSX / TONG_GTSX * 100" },
        { code: "GRDP_NGUOI", expression: "GRDP_HH / DAN_SO" },
        { code: "GRDP_NGUOI_USD", expression: "GRDP_NGUOI * 1.000.000 / TY_GIA" },
        { code: "THIEU", expression: "TRONG + 1" },
        { code: "CHIA0", expression: "1 / ZERO" },
        { code: "V1", expression: "V2" },
        { code: "V2", expression: "V1" },
        { code: "SAU_VONG", expression: "V1 + 1" },
        { code: "SAI", expression: "1 +" },
      ],
      env,
    );
    expect(r.values.TY_TRONG_NN).toBeCloseTo(2.5, 12);
    expect(r.values.GRDP_NGUOI_USD).toBeCloseTo(((365_000 / 2_100) * 1e6) / 23_400, 6);
    expect(r.values.THIEU).toBeNull();
    expect(r.reasons.THIEU).toBe("Thiếu số liệu của TRONG");
    expect(r.reasons.CHIA0).toBe("Chia cho 0: ZERO bằng 0");
    expect(r.reasons.V1).toBe("Công thức vòng lặp: V1 → V2 → V1");
    expect(r.reasons.SAU_VONG).toBe("Phụ thuộc vào chỉ tiêu không tính được (V1)");
    expect(r.reasons.SAI).toMatch(/^Công thức của SAI:/);
    expect(r.values.SAI).toBeNull();
  });

  it("nhận Map làm giá trị gốc", () => {
    const r = computeAll([{ code: "T", expression: "A + B" }], new Map([["A", 1], ["B", 2]]));
    expect(r.values).toEqual({ T: 3 });
  });
});
