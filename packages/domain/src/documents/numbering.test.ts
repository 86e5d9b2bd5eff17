import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  VIETNAMESE_LETTERS,
  formatDocumentNumber,
  parseRomanNumeral,
  parseVietnameseLetter,
  romanNumeral,
  vietnameseLetter,
} from "./numbering.js";

describe("số La Mã", () => {
  it.each([
    [1, "I"],
    [4, "IV"],
    [9, "IX"],
    [14, "XIV"],
    [39, "XXXIX"],
    [40, "XL"],
    [1994, "MCMXCIV"],
    [3999, "MMMCMXCIX"],
  ])("%d ↔ %s", (n, s) => {
    expect(romanNumeral(n)).toBe(s);
    expect(parseRomanNumeral(s)).toBe(n);
    expect(parseRomanNumeral(s.toLowerCase())).toBe(n);
  });

  it("từ chối số ngoài 1…3999 và chữ không chuẩn", () => {
    expect(() => romanNumeral(0)).toThrow("Không viết được số La Mã cho 0 (chỉ từ 1 đến 3999)");
    expect(() => romanNumeral(4000)).toThrow(RangeError);
    expect(() => romanNumeral(1.5)).toThrow(RangeError);
    expect(parseRomanNumeral("IIII")).toBeNull();
    expect(parseRomanNumeral("IC")).toBeNull();
    expect(parseRomanNumeral("ABC")).toBeNull();
    expect(parseRomanNumeral("")).toBeNull();
  });

  it("tính chất: đọc lại số đã viết", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3999 }), (n) => {
      expect(parseRomanNumeral(romanNumeral(n))).toBe(n);
    }));
  });
});

describe("chữ cái tiếng Việt", () => {
  it("bảng chữ cái không có f, j, w, z", () => {
    expect(VIETNAMESE_LETTERS.join(" ")).toBe("a b c d đ e g h i k l m n o p q r s t u v x y");
    expect(vietnameseLetter(1)).toBe("a");
    expect(vietnameseLetter(5)).toBe("đ");
    expect(vietnameseLetter(6)).toBe("e");
    expect(vietnameseLetter(7)).toBe("g");
    expect(vietnameseLetter(23)).toBe("y");
    expect(vietnameseLetter(24)).toBe("aa");
    expect(vietnameseLetter(23 * 24)).toBe("yy");
    expect(parseVietnameseLetter("Đ")).toBe(5);
    expect(parseVietnameseLetter("f")).toBeNull();
    expect(parseVietnameseLetter("")).toBeNull();
    expect(() => vietnameseLetter(0)).toThrow("Không có chữ cái thứ 0 (bắt đầu từ 1)");
  });

  it("tính chất: đọc lại chữ cái đã viết", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => {
      expect(parseVietnameseLetter(vietnameseLetter(n))).toBe(n);
    }));
  });
});

describe("số văn bản", () => {
  it.each([
    [5, "BC-UBND", "Số: 05/BC-UBND"],
    [9, "CT-UBND", "Số: 09/CT-UBND"],
    [15, "CT-UBND", "Số: 15/CT-UBND"],
    [2830, " VP-TH ", "Số: 2830/VP-TH"],
  ])("%d, %j → %j", (n, sym, text) => {
    expect(formatDocumentNumber(n, sym)).toBe(text);
  });

  it("từ chối số hoặc ký hiệu sai", () => {
    expect(() => formatDocumentNumber(0, "BC-UBND")).toThrow("Số văn bản phải là số nguyên dương (nhận 0)");
    expect(() => formatDocumentNumber(3, " ")).toThrow("Thiếu ký hiệu văn bản (ví dụ BC-UBND)");
  });
});
