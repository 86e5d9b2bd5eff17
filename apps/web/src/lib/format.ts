import { formatVnDate, formatVnNumber, toVnPlainDate } from "@tonghop/domain";

/** 05/5/2024 (Nghị định 30 style) from an ISO date or timestamp. */
export function fmtDate(value: string | Date | null | undefined): string {
  if (!value) return "";
  const plain = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : toVnPlainDate(new Date(value));
  return formatVnDate(plain);
}

/** 05/5/2024 14:05 in Asia/Ho_Chi_Minh. */
export function fmtDateTime(value: string | Date | null | undefined): string {
  if (!value) return "";
  const d = new Date(value);
  const vn = new Date(d.getTime() + 7 * 3600_000);
  const hh = String(vn.getUTCHours()).padStart(2, "0");
  const mm = String(vn.getUTCMinutes()).padStart(2, "0");
  return `${fmtDate(d)} ${hh}:${mm}`;
}

export function fmtNumber(value: number | null | undefined, decimals?: number): string {
  if (value == null || !Number.isFinite(value)) return "";
  return formatVnNumber(value, decimals);
}

export function todayVn(): string {
  return toVnPlainDate(new Date());
}
