import { describe, expect, it } from "vitest";
import { runValidation } from "./validation-rules.js";
import type { ValidationData, ValidationRule } from "./validation-rules.js";

const names: Record<string, string> = {
  NN: "Nông nghiệp",
  CN: "Công nghiệp - Xây dựng",
  DV: "Dịch vụ",
  THUE: "Thuế trừ trợ cấp sản phẩm",
  THU_ND: "Thu nội địa",
  THU: "Tổng thu NSNN trên địa bàn",
  FDI: "Số dự án FDI",
  GRDP: "GRDP theo giá hiện hành",
};
const units: Record<string, string> = { NN: "%", CN: "%", DV: "%", THUE: "%", THU_ND: "tỷ.đ", THU: "tỷ.đ", FDI: "Dự án", GRDP: "tỷ.đ" };

function dataOf(table: Record<string, Record<number, number | null>>, years: number[]): ValidationData {
  return { names, units, years, values: (code, year) => table[code]?.[year] ?? null };
}

describe("runValidation — tổng tỷ trọng", () => {
  const rule: ValidationRule = { kind: "sum", of: ["NN", "CN", "DV", "THUE"], equals: 100, tolerance: 0.1 };

  it("báo năm có tổng lệch quá sai số, nêu tên chỉ tiêu, năm và số theo kiểu Việt Nam", () => {
    const data = dataOf(
      {
        NN: { 2020: 8.5, 2021: 8 },
        CN: { 2020: 46.2, 2021: 47 },
        DV: { 2020: 36.3, 2021: 36.5 },
        THUE: { 2020: 9.05, 2021: 8 },
      },
      [2020, 2021],
    );
    const issues = runValidation([rule], data);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "NN", codes: ["NN", "CN", "DV", "THUE"], year: 2021, severity: "error", rule });
    expect(issues[0]!.message).toBe(
      "Năm 2021: tổng tỷ trọng Nông nghiệp, Công nghiệp - Xây dựng, Dịch vụ, Thuế trừ trợ cấp sản phẩm = 99,5% (phải bằng 100 ± 0,1)",
    );
  });

  it("đúng biên sai số thì không báo; thiếu số liệu thì không kiểm tra", () => {
    const data = dataOf({ NN: { 2020: 10, 2021: 10 }, CN: { 2020: 40, 2021: null }, DV: { 2020: 40.1, 2021: 60 }, THUE: { 2020: 10, 2021: 30 } }, [2020, 2021]);
    expect(runValidation([rule], data)).toEqual([]);
  });

  it("đơn vị không phải % thì ghi 'tổng' và đơn vị; sai số 0 thì không ghi ±", () => {
    const r: ValidationRule = { kind: "sum", of: ["THU_ND", "FDI"], equals: 1000, tolerance: 0, severity: "warning" };
    const issues = runValidation([r], dataOf({ THU_ND: { 2022: 1500 }, FDI: { 2022: 0.5 } }, [2022]));
    expect(issues[0]).toMatchObject({ severity: "warning" });
    expect(issues[0]!.message).toBe("Năm 2022: tổng Thu nội địa, Số dự án FDI = 1.500,5 tỷ.đ (phải bằng 1.000)");
  });

  it("không có đơn vị, không có tên: ghi mã", () => {
    const r: ValidationRule = { kind: "sum", of: ["X", "Y"], equals: 1, tolerance: 0 };
    const issues = runValidation([r], { names: {}, years: [2020], values: () => 1 });
    expect(issues[0]!.message).toBe("Năm 2020: tổng X, Y = 2 (phải bằng 1)");
  });
});

describe("runValidation — so sánh giữa chỉ tiêu", () => {
  const table = { THU_ND: { 2019: 20000, 2020: 26000, 2021: 25050 }, THU: { 2019: 80000, 2020: 25000, 2021: 25000 } };

  it("thu nội địa không được lớn hơn tổng thu", () => {
    const issues = runValidation([{ kind: "compare", left: "THU_ND", op: "<=", right: "THU" }], dataOf(table, [2019, 2020, 2021]));
    expect(issues.map((i) => i.year)).toEqual([2020, 2021]);
    expect(issues[0]).toMatchObject({ code: "THU_ND", codes: ["THU_ND", "THU"], severity: "error" });
    expect(issues[0]!.message).toBe(
      "Năm 2020: Thu nội địa (26.000 tỷ.đ) không được lớn hơn Tổng thu NSNN trên địa bàn (25.000 tỷ.đ)",
    );
  });

  it("sai số cho phép", () => {
    const issues = runValidation([{ kind: "compare", left: "THU_ND", op: "<=", right: "THU", tolerance: 100 }], dataOf(table, [2019, 2020, 2021]));
    expect(issues.map((i) => i.year)).toEqual([2020]);
    expect(issues[0]!.message).toContain("(sai số cho phép 100)");
  });

  it.each([
    ["<", 5, 5, true],
    ["<", 4, 5, false],
    [">=", 4, 5, true],
    [">=", 5, 5, false],
    [">", 5, 5, true],
    [">", 6, 5, false],
    ["=", 6, 5, true],
    ["=", 5, 5, false],
    ["<=", 5, 5, false],
  ] as const)("%s: %d so với %d → báo %s", (op, a, b, reported) => {
    const issues = runValidation([{ kind: "compare", left: "A", op, right: b }], { names: { A: "Chỉ tiêu A" }, years: [2020], values: () => a });
    expect(issues.length > 0).toBe(reported);
  });

  it("vế phải là số dùng đơn vị của vế trái; thiếu số liệu thì bỏ qua", () => {
    const issues = runValidation([{ kind: "compare", left: "DV", op: ">=", right: 50 }], dataOf({ DV: { 2020: 36.3, 2021: null } }, [2020, 2021]));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe("Năm 2020: Dịch vụ (36,3%) không được nhỏ hơn 50%");
    expect(issues[0]!.codes).toEqual(["DV"]);
  });
});

describe("runValidation — bất thường theo lịch sử", () => {
  it("thay đổi so với năm trước vượt ngưỡng (±30%)", () => {
    // 2020 → 2021: +29,8% (không báo); 2021 → 2022: +35% (báo); 2022 → 2023: −40% (báo)
    const data = dataOf({ GRDP: { 2019: 96154, 2020: 125000, 2021: 162240, 2022: 219024, 2023: 131414.4 } }, [2023, 2022, 2021, 2020, 2019]);
    const issues = runValidation([{ kind: "yoy", code: "GRDP", maxChangePercent: 30 }], data);
    expect(issues.map((i) => [i.year, i.severity, i.code])).toEqual([
      [2022, "warning", "GRDP"],
      [2023, "warning", "GRDP"],
    ]);
    expect(issues[0]!.message).toBe(
      "Năm 2022: GRDP theo giá hiện hành thay đổi +35% so với năm 2021 (162.240 tỷ.đ → 219.024 tỷ.đ), vượt ngưỡng ±30%",
    );
    expect(issues[1]!.message).toBe(
      "Năm 2023: GRDP theo giá hiện hành thay đổi -40% so với năm 2022 (219.024 tỷ.đ → 131.414,4 tỷ.đ), vượt ngưỡng ±30%",
    );
  });

  it("từ 0 lên một giá trị khác 0; thiếu năm trước thì bỏ qua", () => {
    const data = dataOf({ FDI: { 2019: 0, 2020: 12, 2021: null, 2022: 500, 2023: 0 } }, [2019, 2020, 2021, 2022, 2023]);
    const issues = runValidation([{ kind: "yoy", code: "FDI", maxChangePercent: 50, severity: "error" }], data);
    expect(issues.map((i) => i.year)).toEqual([2020, 2023]);
    expect(issues[0]).toMatchObject({ severity: "error" });
    expect(issues[0]!.message).toBe("Năm 2020: Số dự án FDI thay đổi từ 0 năm 2019 lên 12 Dự án, vượt ngưỡng ±50%");
    expect(issues[1]!.message).toContain("thay đổi -100% so với năm 2022");
    // 0 → 0 không báo
    const zero = dataOf({ FDI: { 2019: 0, 2020: 0 } }, [2019, 2020]);
    expect(runValidation([{ kind: "yoy", code: "FDI", maxChangePercent: 50 }], zero)).toEqual([]);
  });

  it("giá trị lệch quá k độ lệch chuẩn so với các năm khác", () => {
    const data = dataOf({ FDI: { 2018: 110, 2019: 120, 2020: 130, 2021: 125, 2022: 500, 2023: 115 } }, [2018, 2019, 2020, 2021, 2022, 2023]);
    const issues = runValidation([{ kind: "zscore", code: "FDI", k: 3 }], data);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ year: 2022, severity: "warning", code: "FDI" });
    // các năm khác: 110, 120, 130, 125, 115 → trung bình 120, độ lệch chuẩn mẫu 7,91
    const sd = Math.sqrt((100 + 0 + 100 + 25 + 25) / 4);
    const z = (500 - 120) / sd;
    expect(issues[0]!.message).toBe(
      `Năm 2022: Số dự án FDI = 500 Dự án lệch ${(Math.round(z * 10) / 10).toString().replace(".", ",")} độ lệch chuẩn so với các năm khác (trung bình 120 Dự án, độ lệch chuẩn 7,91), vượt ngưỡng 3`,
    );
  });

  it("các năm khác không đổi mà một năm khác đi; dãy quá ngắn thì không kiểm tra", () => {
    const flat = dataOf({ FDI: { 2019: 5, 2020: 5, 2021: 5, 2022: 6 } }, [2019, 2020, 2021, 2022]);
    const issues = runValidation([{ kind: "zscore", code: "FDI", k: 2 }], flat);
    expect(issues.map((i) => i.year)).toEqual([2022]);
    expect(issues[0]!.message).toContain("lệch trong khi các năm khác không đổi");
    const short = dataOf({ FDI: { 2019: 5, 2020: 5, 2021: 500 } }, [2019, 2020, 2021]);
    expect(runValidation([{ kind: "zscore", code: "FDI", k: 2 }], short)).toEqual([]);
    const constant = dataOf({ FDI: { 2019: 5, 2020: 5, 2021: 5, 2022: 5 } }, [2019, 2020, 2021, 2022]);
    expect(runValidation([{ kind: "zscore", code: "FDI", k: 2 }], constant)).toEqual([]);
  });

  it("nhiều quy tắc: kết quả theo thứ tự quy tắc rồi năm", () => {
    const data = dataOf({ THU_ND: { 2020: 30, 2021: 30 }, THU: { 2020: 20, 2021: 20 }, NN: { 2020: 50, 2021: 50 }, CN: { 2020: 40, 2021: 40 } }, [2021, 2020]);
    const issues = runValidation(
      [
        { kind: "sum", of: ["NN", "CN"], equals: 100, tolerance: 0.1 },
        { kind: "compare", left: "THU_ND", op: "<=", right: "THU", id: "thu-noi-dia" },
      ],
      data,
    );
    expect(issues.map((i) => [i.rule.kind, i.year])).toEqual([
      ["sum", 2020],
      ["sum", 2021],
      ["compare", 2020],
      ["compare", 2021],
    ]);
    expect(issues[2]!.rule.id).toBe("thu-noi-dia");
  });
});
