// Đơn vị tính là chữ tự do; chỉ chuẩn hóa cách viết khoảng trắng để so sánh và hiển thị thống nhất.
//   "Tỷ  USD" → "Tỷ USD" · "tỷ. đ" → "tỷ.đ" · "tr.đ / người" → "tr.đ/người" · "% / năm" → "%/năm"

/**
 * Chuẩn hóa đơn vị: Unicode NFC, bỏ khoảng trắng hai đầu, gộp khoảng trắng, bỏ khoảng trắng quanh "/" và sau
 * dấu chấm viết tắt đứng giữa chữ ("tỷ. đ" → "tỷ.đ"). Giữ nguyên chữ hoa/thường và chính tả như đã viết.
 */
export function normalizeUnit(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .trim()
    .replace(/ ?\/ ?/g, "/")
    .replace(/([\p{L}])\. (?=[\p{L}])/gu, (_m, a: string) => `${a}.`)
    .replace(/ ?%/g, "%");
}

/** Khóa so sánh đơn vị: đã chuẩn hóa và viết thường ("Lao động" và "lao động" là một). */
export function unitKey(text: string): string {
  return normalizeUnit(text).toLowerCase();
}
