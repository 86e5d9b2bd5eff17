import { z } from "zod";

/** Giới hạn độ dài và kích thước của mẫu đợt tổng hợp (chặn tệp 5 MB, đề cương 40 cấp…). */
export const TEMPLATE_LIMITS = {
  /** Tên, tiêu đề ngắn, tên cơ quan. */
  name: 500,
  /** Tiêu đề mục đề cương, tên dòng chỉ tiêu. */
  title: 2_000,
  /** Văn bản hướng dẫn của một mục. */
  guidance: 20_000,
  /** Ghi chú, trích yếu. */
  note: 5_000,
  /** Nhãn đánh số ("Phần I", "3.2.1", "(iii)"). */
  label: 30,
  /** Tên cơ quan, đơn vị, nhóm cơ quan. */
  agency: 300,
  /** Văn bản mục tiêu ("10,5%/năm"). */
  target: 100,
  /** Độ sâu tối đa của đề cương. */
  outlineDepth: 12,
  /** Độ sâu tối đa của cây dòng phụ lục chỉ tiêu. */
  rowDepth: 10,
  /** Độ sâu tối đa của cây cột (số hàng tiêu đề). */
  columnDepth: 5,
  /** Tổng số mục đề cương. */
  outlineItems: 5_000,
  /** Tổng số dòng của một phụ lục. */
  appendixRows: 5_000,
  /** Số chỉ tiêu trong danh mục của một mẫu. */
  indicators: 5_000,
} as const;

/** Có ký tự điều khiển (mã < 32 hoặc 127); `allowBreaks` cho phép tab, xuống dòng (\t \n \r). */
function hasControl(s: string, allowBreaks: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 127 || (c < 32 && !(allowBreaks && (c === 9 || c === 10 || c === 13)))) return true;
  }
  return false;
}

/** Chuỗi một dòng, đã cắt khoảng trắng hai đầu, không rỗng, có giới hạn độ dài. */
export function lineText(label: string, max: number) {
  return z
    .string({ error: `${label} phải là chuỗi ký tự` })
    .trim()
    .min(1, { error: `${label} không được để trống` })
    .max(max, { error: `${label} dài quá ${max} ký tự` })
    .refine((s) => !hasControl(s, false), { error: `${label} phải nằm trên một dòng, không chứa ký tự điều khiển` });
}

/** Văn bản nhiều dòng (cho phép xuống dòng, tab), không rỗng, có giới hạn độ dài. */
export function longText(label: string, max: number) {
  return z
    .string({ error: `${label} phải là chuỗi ký tự` })
    .trim()
    .min(1, { error: `${label} không được để trống` })
    .max(max, { error: `${label} dài quá ${max} ký tự` })
    .refine((s) => !hasControl(s, true), { error: `${label} chứa ký tự điều khiển không hợp lệ` });
}

/** Chuỗi khớp biểu thức chính quy, với thông báo tiếng Việt. */
export function codeText(label: string, pattern: RegExp, hint: string, max = 64) {
  return z
    .string({ error: `${label} phải là chuỗi ký tự` })
    .max(max, { error: `${label} dài quá ${max} ký tự` })
    .regex(pattern, { error: `${label} không hợp lệ: ${hint}` });
}

/** Ngày dương lịch ISO "YYYY-MM-DD". */
export function isoDate(label: string) {
  return z.iso.date({ error: `${label} phải là ngày hợp lệ dạng YYYY-MM-DD` });
}
