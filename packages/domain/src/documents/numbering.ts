// Số La Mã, chữ cái tiếng Việt dùng đánh số, số văn bản theo Nghị định 30/2020/NĐ-CP.

const ROMAN_TABLE: ReadonlyArray<readonly [number, string]> = [
  [1000, "M"],
  [900, "CM"],
  [500, "D"],
  [400, "CD"],
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

/** 1 → "I", 4 → "IV", 39 → "XXXIX" (1…3999). */
export function romanNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) {
    throw new RangeError(`Không viết được số La Mã cho ${n} (chỉ từ 1 đến 3999)`);
  }
  let out = "";
  let rest = n;
  for (const [v, s] of ROMAN_TABLE) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

/** "XXXIX" → 39; null nếu không phải số La Mã viết chuẩn (không phân biệt hoa thường). */
export function parseRomanNumeral(text: string): number | null {
  const s = text.toUpperCase();
  if (!/^[MDCLXVI]+$/.test(s)) return null;
  const values: Readonly<Record<string, number>> = { M: 1000, D: 500, C: 100, L: 50, X: 10, V: 5, I: 1 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = values[s[i]!]!;
    const next = i + 1 < s.length ? values[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  if (total < 1 || total > 3999 || romanNumeral(total) !== s) return null;
  return total;
}

/** Bảng chữ cái đánh số tiếng Việt (không có f, j, w, z): a b c d đ e g h i k l m n o p q r s t u v x y. */
export const VIETNAMESE_LETTERS: readonly string[] = Object.freeze([
  "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
]);

/**
 * 1 → "a", 5 → "đ", 23 → "y"; sau "y" tiếp tục "aa", "ab", … (đếm cơ số 23 không có chữ số 0).
 */
export function vietnameseLetter(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Không có chữ cái thứ ${n} (bắt đầu từ 1)`);
  const base = VIETNAMESE_LETTERS.length;
  let out = "";
  let rest = n;
  while (rest > 0) {
    const r = (rest - 1) % base;
    out = VIETNAMESE_LETTERS[r]! + out;
    rest = Math.floor((rest - 1) / base);
  }
  return out;
}

/** "a" → 1, "đ" → 5, "aa" → 24; null nếu có chữ ngoài bảng (f, j, w, z…). */
export function parseVietnameseLetter(text: string): number | null {
  const s = text.normalize("NFC").toLowerCase();
  if (s.length === 0) return null;
  let n = 0;
  for (const ch of s) {
    const i = VIETNAMESE_LETTERS.indexOf(ch);
    if (i < 0) return null;
    n = n * VIETNAMESE_LETTERS.length + i + 1;
  }
  return n;
}

/** Số văn bản: (5, "BC-UBND") → "Số: 05/BC-UBND"; số nhỏ hơn 10 viết 01…09. */
export function formatDocumentNumber(n: number, symbol: string): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Số văn bản phải là số nguyên dương (nhận ${n})`);
  const sym = symbol.trim();
  if (sym === "") throw new RangeError("Thiếu ký hiệu văn bản (ví dụ BC-UBND)");
  return `Số: ${n < 10 ? "0" : ""}${n}/${sym}`;
}
