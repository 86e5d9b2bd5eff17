import { formatVnNumber } from "@tonghop/domain";
import type { TransferSummary } from "./export.js";
import { DataTransferError } from "./format.js";

/** "1,2 MB", "830 kB", "512 B" with a Vietnamese decimal comma. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatVnNumber(bytes / (1024 * 1024), 1)} MB`;
  if (bytes >= 1024) return `${formatVnNumber(bytes / 1024, 0)} kB`;
  return `${bytes} B`;
}

/** One line per table that has rows, then the totals (for the command-line tools). */
export function summaryLines(verb: string, summary: TransferSummary, seconds: number): string[] {
  const width = Math.max(...summary.tables.map((t) => t.name.length), 10);
  const rows = summary.tables.filter((t) => t.rows > 0).map((t) => `  ${t.name.padEnd(width)} ${formatVnNumber(t.rows, 0).padStart(10)} dòng`);
  const empty = summary.tables.length - rows.length;
  return [
    ...rows,
    ...(empty ? [`  (${empty} bảng không có dòng nào)`] : []),
    `${verb} ${summary.tables.length} bảng, ${formatVnNumber(summary.rows, 0)} dòng (${formatBytes(summary.bytes)} dữ liệu) trong ${formatVnNumber(seconds, 1)} giây.`,
  ];
}

/** The message to print for a failure: our own messages as they are, others with their origin. */
export function failureMessage(error: unknown): string {
  if (error instanceof DataTransferError) return error.message;
  const e = error as { message?: string; cause?: { message?: string } };
  const cause = e.cause?.message;
  return `Lỗi: ${e.message ?? String(error)}${cause && cause !== e.message ? ` (${cause})` : ""}`;
}
