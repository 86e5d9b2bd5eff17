// Tìm kiếm không phân biệt dấu cho danh bạ cơ quan và nhập mẫu: "so ke hoach" khớp "Sở Kế hoạch và Đầu tư".

/**
 * Chuẩn hóa để so khớp: viết thường, bỏ dấu tiếng Việt (NFD rồi bỏ dấu kết hợp), "đ" → "d", giữ "&",
 * gộp khoảng trắng, cắt hai đầu.
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/đ/g, "d")
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .trim();
}

/**
 * Mọi từ của `query` (đã chuẩn hóa) đều xuất hiện (như một đoạn) trong ít nhất một trường. Truy vấn rỗng khớp tất cả.
 */
export function matchesSearch(query: string, ...fields: ReadonlyArray<string | null | undefined>): boolean {
  const q = normalizeSearchText(query);
  if (q === "") return true;
  const hay = fields
    .filter((f): f is string => typeof f === "string")
    .map(normalizeSearchText)
    .join(" \u0000 ");
  return q.split(" ").every((word) => hay.includes(word));
}

function trigrams(s: string): Map<string, number> {
  const padded = `  ${s} `;
  const out = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Hệ số Dice trên bộ ba ký tự (0…1) của hai chuỗi đã chuẩn hóa. */
export function trigramSimilarity(a: string, b: string): number {
  const na = normalizeSearchText(a);
  const nb = normalizeSearchText(b);
  if (na === nb) return 1;
  if (na === "" || nb === "") return 0;
  const ta = trigrams(na);
  const tb = trigrams(nb);
  let inter = 0;
  let sizeA = 0;
  let sizeB = 0;
  for (const c of ta.values()) sizeA += c;
  for (const c of tb.values()) sizeB += c;
  for (const [g, c] of ta) inter += Math.min(c, tb.get(g) ?? 0);
  return (2 * inter) / (sizeA + sizeB);
}

/** Khoảng cách Levenshtein (số phép chèn, xóa, thay ký tự). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/**
 * Điểm giống nhau (0…1) không phân biệt dấu: lớn nhất của (a) hệ số Dice bộ ba ký tự, (b) 1 − Levenshtein/độ dài
 * lớn hơn, (c) nếu mọi từ của truy vấn là đầu một từ của ứng viên theo đúng thứ tự ("so ke hoach" trong "so ke
 * hoach va dau tu"): 0,9 + 0,1 × tỷ lệ độ dài.
 */
export function similarityScore(query: string, candidate: string): number {
  const q = normalizeSearchText(query);
  const c = normalizeSearchText(candidate);
  if (q === c) return 1;
  if (q === "" || c === "") return 0;
  const dice = trigramSimilarity(q, c);
  const lev = 1 - levenshtein(q, c) / Math.max(q.length, c.length);
  // Mọi từ của truy vấn là đầu một từ của ứng viên, theo đúng thứ tự.
  const cWords = c.split(" ");
  let j = 0;
  let allMatched = true;
  for (const w of q.split(" ")) {
    while (j < cWords.length && !cWords[j]!.startsWith(w)) j++;
    if (j >= cWords.length) {
      allMatched = false;
      break;
    }
    j++;
  }
  const prefixScore = allMatched ? 0.9 + 0.1 * (q.length / c.length) : 0;
  return Math.max(dice, lev, Math.min(prefixScore, 0.999));
}

export interface ScoredMatch {
  candidate: string;
  index: number;
  score: number;
}

/** Các ứng viên giống `query` nhất (không phân biệt dấu), điểm giảm dần; hòa điểm giữ thứ tự ban đầu. */
export function closestMatches(query: string, candidates: readonly string[], limit = 3): ScoredMatch[] {
  return candidates
    .map((candidate, index) => ({ candidate, index, score: similarityScore(query, candidate) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, Math.max(0, limit));
}
