import { describe, expect, it } from "vitest";
import { closestMatches, levenshtein, matchesSearch, normalizeSearchText, similarityScore, trigramSimilarity } from "./search-text.js";

const AGENCIES = [
  "Sở Kế hoạch và Đầu tư",
  "Sở Tài chính",
  "Sở Công Thương",
  "Sở Lao động – Thương binh và Xã hội",
  "Cục Thống kê",
  "Ban Quản lý Khu kinh tế Hải Phòng",
  "Sở Giao thông vận tải",
  "Ủy ban nhân dân quận Đồ Sơn",
];

describe("normalizeSearchText", () => {
  it.each([
    ["Sở Kế hoạch và Đầu tư", "so ke hoach va dau tu"],
    ["  ĐỒ   SƠN\u00a0", "do son"],
    ["BLHH&DTDV", "blhh&dtdv"],
    ["Ủy ban nhân dân", "uy ban nhan dan"],
    ["Thuỷ sản", "thuy san"],
    ["Sở Kế hoạch".normalize("NFD"), "so ke hoach"],
  ])("%j → %j", (text, normalized) => {
    expect(normalizeSearchText(text)).toBe(normalized);
  });
});

describe("matchesSearch", () => {
  it("không phân biệt dấu, hoa thường; mọi từ phải có mặt", () => {
    expect(matchesSearch("so ke hoach", "Sở Kế hoạch và Đầu tư")).toBe(true);
    expect(matchesSearch("KẾ HOẠCH đầu", "Sở Kế hoạch và Đầu tư")).toBe(true);
    expect(matchesSearch("so tai nguyen", "Sở Kế hoạch và Đầu tư")).toBe(false);
    expect(matchesSearch("skhdt", "Sở Kế hoạch và Đầu tư", "SKHĐT")).toBe(true);
    expect(matchesSearch("thong ke", null, undefined, "Cục Thống kê")).toBe(true);
    expect(matchesSearch("   ", "bất kỳ")).toBe(true);
  });
});

describe("độ giống nhau", () => {
  it("Levenshtein", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
    expect(levenshtein("abc", "")).toBe(3);
    expect(levenshtein("so", "so")).toBe(0);
  });

  it("Dice bộ ba ký tự", () => {
    expect(trigramSimilarity("Sở Tài chính", "so tai chinh")).toBe(1);
    expect(trigramSimilarity("", "abc")).toBe(0);
    const a = trigramSimilarity("so tai chinh", "so tai nguyen");
    expect(a).toBeGreaterThan(0.3);
    expect(a).toBeLessThan(0.8);
  });

  it("điểm giống nhau", () => {
    expect(similarityScore("so ke hoach", "Sở Kế hoạch và Đầu tư")).toBeGreaterThan(0.9);
    expect(similarityScore("Sở Kế hoạch và Đầu tư", "sở kế hoạch và đầu tư")).toBe(1);
    expect(similarityScore("", "x")).toBe(0);
    expect(similarityScore("xyz", "Cục Thống kê")).toBeLessThan(0.3);
  });

  it("closestMatches: gợi ý tên gần nhất, sắp theo điểm", () => {
    const r = closestMatches("So ke hoach dau tu", AGENCIES);
    expect(r).toHaveLength(3);
    expect(r[0]).toMatchObject({ candidate: "Sở Kế hoạch và Đầu tư", index: 0 });
    for (let i = 1; i < r.length; i++) expect(r[i - 1]!.score).toBeGreaterThanOrEqual(r[i]!.score);
    // gõ sai chính tả vẫn tìm ra
    expect(closestMatches("So Lao dong Thuong binh Xa hoi", AGENCIES, 1)[0]!.candidate).toBe("Sở Lao động – Thương binh và Xã hội");
    expect(closestMatches("cuc thong ke", AGENCIES, 1)[0]!.candidate).toBe("Cục Thống kê");
    expect(closestMatches("Sở Giao thong van tai", AGENCIES, 1)[0]!.candidate).toBe("Sở Giao thông vận tải");
    expect(closestMatches("Sở Tài chinh", AGENCIES, 0)).toEqual([]);
    expect(closestMatches("x", [], 3)).toEqual([]);
  });

  it("hòa điểm giữ thứ tự ban đầu", () => {
    const r = closestMatches("abc", ["abd", "abd", "abc"], 3);
    expect(r.map((x) => x.index)).toEqual([2, 0, 1]);
  });
});
