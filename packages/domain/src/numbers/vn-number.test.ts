import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VnNumberError, formatVnNumber, parseVnNumber, parseVnNumberAt, roundTo, tryParseVnNumber } from "./vn-number.js";

describe("parseVnNumber", () => {
  it.each([
    ["84.199,2", 84199.2],
    ["1.500", 1500],
    ["-3,5", -3.5],
    ["12,5%", 12.5],
    ["12,5 %", 12.5],
    ["  440.000  ", 440000],
    ["\u00a05.600\u00a0", 5600],
    ["1500", 1500],
    ["0,7", 0.7],
    ["1.234.567,891", 1234567.891],
    ["+7", 7],
    ["\u22122,5", -2.5],
    ["- 4", -4],
    ["0", 0],
    ["100%", 100],
  ])("đọc %j thành %d", (text, value) => {
    expect(parseVnNumber(text)).toBe(value);
  });

  it.each([
    ["1.5", "dấu chấm phân tách hàng nghìn phải đứng trước đúng 3 chữ số", 1],
    ["1,2,3", "nhiều hơn một dấu phẩy", 3],
    ["12.34.5", "dấu chấm phân tách hàng nghìn phải đứng trước đúng 3 chữ số", 2],
    ["1.234.56", "dấu chấm phân tách hàng nghìn phải đứng trước đúng 3 chữ số", 5],
    ["1.2345", "dấu chấm phân tách hàng nghìn phải đứng trước đúng 3 chữ số", 1],
    ["1234.567", "trước dấu chấm phân tách hàng nghìn đầu tiên chỉ được có 1 đến 3 chữ số", 4],
    ["", "chuỗi rỗng", 0],
    ["   ", "chuỗi rỗng", 0],
    ["abc", "ký tự 'a' tại vị trí 1 không phải chữ số", 0],
    ["12a", "ký tự 'a' tại vị trí 3 không phải chữ số", 2],
    [",5", "thiếu phần nguyên trước dấu phẩy", 0],
    ["5,", "thiếu chữ số sau dấu phẩy thập phân", 1],
    ["1,234.5", "dấu chấm tại ký tự 6 đứng sau dấu phẩy thập phân", 5],
    [".500", "dấu chấm tại ký tự 1 không đứng sau chữ số", 0],
    ["1.000,5.", "đứng sau dấu phẩy", 7],
    ["-", "thiếu chữ số", 1],
    ["%", "thiếu chữ số", 0],
    ["5%%", "dấu phần trăm chỉ được đứng cuối", 1],
    ["1..000", "không đứng sau chữ số", 2],
  ])("từ chối %j: %s", (text, fragment, position) => {
    let caught: unknown;
    try {
      parseVnNumber(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(VnNumberError);
    const e = caught as VnNumberError;
    expect(e.message).toContain(fragment);
    expect(e.text).toBe(text);
    expect(e.position).toBe(position);
  });

  it("thông báo của '1.5' nói chính xác điều sai", () => {
    expect(() => parseVnNumber("1.5")).toThrow(
      "'1.5' không phải số hợp lệ: dấu chấm phân tách hàng nghìn phải đứng trước đúng 3 chữ số (dùng dấu phẩy cho phần thập phân)",
    );
  });

  it("tryParseVnNumber không ném lỗi", () => {
    expect(tryParseVnNumber("84.199,2")).toEqual({ ok: true, value: 84199.2 });
    const bad = tryParseVnNumber("1.5");
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toContain("đúng 3 chữ số");
      expect(bad.position).toBe(1);
    }
    const empty = tryParseVnNumber("");
    expect(empty).toEqual({ ok: false, error: "Không có số: chuỗi rỗng", position: 0 });
  });

  it("parseVnNumberAt đọc một đoạn của chuỗi lớn, không nhận dấu %", () => {
    expect(parseVnNumberAt("x 12,5 y", 2, 6)).toBe(12.5);
    expect(() => parseVnNumberAt("12%", 0, 3)).toThrow(/dấu phần trăm chỉ được đứng cuối/);
  });
});

describe("formatVnNumber", () => {
  it.each([
    [84199.2, undefined, "84.199,2"],
    [-3.5, undefined, "-3,5"],
    [1500, undefined, "1.500"],
    [440000, undefined, "440.000"],
    [0.7, undefined, "0,7"],
    [999, undefined, "999"],
    [1000, undefined, "1.000"],
    [-1234567.5, undefined, "-1.234.567,5"],
    [0, undefined, "0"],
    [-0, undefined, "0"],
    [1e21, undefined, "1.000.000.000.000.000.000.000"],
    [1e-7, undefined, "0,0000001"],
    [1.5e-10, undefined, "0,00000000015"],
    [84199.2, 2, "84.199,20"],
    [13.6245, 2, "13,62"],
    [1.005, 2, "1,01"],
    [-1.005, 2, "-1,01"],
    [2.5, 0, "3"],
    [-2.5, 0, "-3"],
    [-0.004, 2, "0,00"],
    [1234.5678, 1, "1.234,6"],
    [1e21, 1, "1.000.000.000.000.000.000.000,0"],
  ] as const)("viết %d (decimals %j) thành %j", (value, decimals, text) => {
    expect(formatVnNumber(value, decimals)).toBe(text);
  });

  it("từ chối giá trị không hữu hạn", () => {
    expect(() => formatVnNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatVnNumber(Infinity)).toThrow(/không hữu hạn/);
  });

  it("tính chất: viết rồi đọc lại đúng mọi số thực hữu hạn (không cho decimals)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        const back = parseVnNumber(formatVnNumber(v));
        expect(back === v || (v === 0 && back === 0)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("tính chất: số đã làm tròn tới `decimals` chữ số viết rồi đọc lại đúng giá trị", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 }), (k, d) => {
        const v = k / 10 ** d;
        const text = formatVnNumber(v, d);
        expect(parseVnNumber(text)).toBe(v === 0 ? 0 : v);
        if (d > 0) expect(text.split(",")[1]).toHaveLength(d);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("roundTo", () => {
  it.each([
    [13.6249, 1, 13.6],
    [13.65, 1, 13.7],
    [1.005, 2, 1.01],
    [-1.005, 2, -1.01],
    [2.675, 2, 2.68],
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [-0.04, 1, 0],
    [1e20, 2, 1e20],
    [Infinity, 2, Infinity],
  ])("roundTo(%d, %d) = %d", (v, d, r) => {
    expect(roundTo(v, d)).toBe(r);
  });

  it("không trả về -0", () => {
    expect(Object.is(roundTo(-0.001, 1), 0)).toBe(true);
  });
});
