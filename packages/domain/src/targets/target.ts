// Cấu trúc một mục tiêu (cột "Mục tiêu" của các phụ lục chỉ tiêu).

/**
 * So sánh của mục tiêu:
 * - "="   giá trị mục tiêu trần ("5.600", "10,5%/năm", "đạt 100", "khoảng 7,5"): phải đạt ít nhất giá trị này theo
 *         chiều tốt hơn của chỉ tiêu — chiều (cao hơn là tốt / thấp hơn là tốt) do chỉ tiêu quy định, không nằm
 *         trong chữ của mục tiêu; phần đánh giá (evaluateIndicator) áp dụng chiều đó.
 * - ">=" ">" "<=" "<"  cận có chiều rõ ràng ("tối thiểu", "trên", "dưới", "tối đa", "<4", "từ 12 trở lên").
 * - "range"      khoảng "12-17", "0,7-1,0", "từ 12 đến 17" (min ≤ max).
 * - "composite"  cơ cấu gồm ba số trở lên "57 - 37,7 - 5,3" (mỗi số là một thành phần).
 */
export type TargetComparator = ">=" | ">" | "<=" | "<" | "=" | "range" | "composite";

export interface Target {
  /** Chữ gốc của mục tiêu (đã chuẩn hóa Unicode NFC). */
  text: string;
  comparator: TargetComparator;
  /** Giá trị của mục tiêu một số (mọi so sánh trừ "range" và "composite"). */
  value?: number;
  /** Cận dưới, cận trên của khoảng ("range"). */
  min?: number;
  max?: number;
  /** Các thành phần của mục tiêu cơ cấu ("composite"), theo thứ tự viết. */
  components?: number[];
  /** Mục tiêu tính cho mỗi năm ("/năm", "/ năm", "mỗi năm", "hằng năm"). */
  perYear: boolean;
  /** Có dấu "%". Giá trị vẫn là số phần trăm: "12,5%" → 12.5. */
  percent: boolean;
  /** "khoảng", "trên dưới", "xấp xỉ", "~": đánh giá như giá trị trần. */
  approx: boolean;
  /**
   * Số chữ số thập phân như đã viết (lớn nhất trong các số của mục tiêu một số hoặc khoảng), để formatTarget viết
   * lại đúng kiểu "0,7-1,0". Không có với mục tiêu cơ cấu (mỗi thành phần viết ngắn nhất).
   */
  writtenDecimals?: number;
  /** Đơn vị viết kèm sau số, nếu có ("5.600 USD" → "USD"). */
  unitText?: string;
}
