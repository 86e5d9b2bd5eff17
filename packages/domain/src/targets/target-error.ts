/**
 * Lỗi đọc mục tiêu. `position` là chỉ số (tính từ 0) của ký tự gây lỗi trong chữ mục tiêu (chuẩn hóa NFC);
 * thông báo ghi số thứ tự ký tự tính từ 1 cho người đọc.
 */
export class TargetSyntaxError extends Error {
  override readonly name = "TargetSyntaxError";
  readonly text: string;
  readonly position: number;
  readonly detail: string;
  constructor(text: string, position: number, detail: string) {
    super(`Không hiểu mục tiêu '${text}' tại ký tự ${position + 1}: ${detail}`);
    this.text = text;
    this.position = position;
    this.detail = detail;
  }
}
