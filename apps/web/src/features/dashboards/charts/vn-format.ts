import { formatVnNumber } from "@tonghop/domain";

/** An axis tick in Vietnamese style: 84.199,2 (floating noise removed: 0,30000000000000004 → 0,3). */
export function axisNumber(value: number | string): string {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  return formatVnNumber(Number(n.toPrecision(12)));
}

/** A tick of a long horizontal axis, shortened: 500 nghìn, 1,5 triệu, 2,3 tỷ (the tooltip gives the full number). */
export function axisNumberCompact(value: number | string): string {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  const abs = Math.abs(n);
  const short = (x: number, word: string) => `${formatVnNumber(Number(x.toPrecision(3)))} ${word}`;
  if (abs >= 1e9) return short(n / 1e9, "tỷ");
  if (abs >= 1e6) return short(n / 1e6, "triệu");
  if (abs >= 1e4) return short(n / 1e3, "nghìn");
  return axisNumber(n);
}

/** A value with its published decimals and unit: "10,53 %", "84.199 tỷ đồng"; empty text for no value. */
export function valueText(value: number | null | undefined, decimals: number, unit?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const s = formatVnNumber(value, decimals);
  if (!unit) return s;
  return unit.startsWith("%") ? `${s}${unit}` : `${s} ${unit}`;
}

/** A signed difference: "+1,49", "−0,3", "0". */
export function signedText(value: number, decimals: number): string {
  const s = formatVnNumber(Math.abs(value), decimals);
  if (/^[0,]*$/.test(s)) return s;
  return value > 0 ? `+${s}` : `−${s}`;
}

/** A share 0…1 as "85,3%". */
export function percentText(share: number | null | undefined, decimals = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  return `${formatVnNumber(share * 100, decimals)}%`;
}
