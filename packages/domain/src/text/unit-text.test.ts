import { describe, expect, it } from "vitest";
import { normalizeUnit, unitKey } from "./unit-text.js";

// Mọi ĐVT trong Chỉ thị 15/CT-UBND Phụ lục I (viết như văn bản, kể cả lỗi chính tả "Tuôi").
const CT15_UNITS = ["%", "USD", "Tỷ USD", "Triệu tấn", "Tỷ đồng", "Triệu lượt", "Lượt người", "Tuôi"];
// Mọi ĐVT trong Công văn 2830 Phụ lục 2.
const CV2830_UNITS = [
  "%",
  "tỷ.đ",
  "tr.đ/người",
  "%/năm",
  "Dự án",
  "tr.usd",
  "x",
  "tr.đ/lđ",
  "đơn vị",
  "ha",
  "lao động",
  "DN",
  "Lao động",
  "HTX",
  "điểm",
];

describe("normalizeUnit — đơn vị là chữ tự do, chỉ chuẩn hóa khoảng trắng", () => {
  it.each([...CT15_UNITS, ...CV2830_UNITS])("ĐVT của văn bản mẫu %j giữ nguyên", (unit) => {
    expect(normalizeUnit(unit)).toBe(unit);
    expect(normalizeUnit(normalizeUnit(unit))).toBe(normalizeUnit(unit));
  });

  it.each([
    ["Tỷ  USD", "Tỷ USD"],
    [" Tỷ\u00a0USD ", "Tỷ USD"],
    ["tỷ. đ", "tỷ.đ"],
    ["tỷ .đ", "tỷ .đ"],
    ["tr.đ / người", "tr.đ/người"],
    ["tr. đ/ người", "tr.đ/người"],
    ["% / năm", "%/năm"],
    ["%/ năm", "%/năm"],
    ["10 %", "10%"],
    ["Lượt   người", "Lượt người"],
    ["Tỷ USD".normalize("NFD"), "Tỷ USD"],
  ])("%j → %j", (raw, canonical) => {
    expect(normalizeUnit(raw)).toBe(canonical);
  });

  it("khóa so sánh không phân biệt hoa thường", () => {
    expect(unitKey("Lao động")).toBe(unitKey("lao  động"));
    expect(unitKey("Tỷ USD")).toBe("tỷ usd");
    expect(unitKey("Dự án")).not.toBe(unitKey("đơn vị"));
  });
});
