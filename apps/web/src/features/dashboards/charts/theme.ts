// Colours that stay readable in grey and for colour-blind readers: the Okabe–Ito palette, line styles and symbols
// that differ per series, ECharts aria decal patterns on bars and areas, and every verdict colour also carried by
// its text (badges, legends) — colour is never the only signal.

import type { AssessmentKey, VerdictKey } from "@tonghop/contracts";

/** Okabe, M. & Ito, K. (2008), Color Universal Design. */
export const OKABE_ITO = {
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
  black: "#000000",
  grey: "#8C8C8C",
} as const;

/** Series colours in order (black last: it is the target's colour). */
export const SERIES_COLORS = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.vermillion, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.yellow];

export const LINE_TYPES = ["solid", "dashed", "dotted"] as const;
export const SYMBOLS = ["circle", "triangle", "diamond", "rect", "roundRect", "pin"] as const;

type Decal = { symbol?: string; dashArrayX?: number | number[] | number[][]; dashArrayY?: number | number[]; rotation?: number; symbolSize?: number; color?: string };

/** Decal patterns, one per category: stripes, dots, crosses… (rendered in grey on top of the fill). */
export const DECALS: Decal[] = [
  { symbol: "none" },
  { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4, color: "rgba(0,0,0,0.35)" },
  { symbol: "circle", symbolSize: 0.6, dashArrayX: [[6, 6]], dashArrayY: [6, 0], color: "rgba(0,0,0,0.4)" },
  { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4, color: "rgba(255,255,255,0.6)" },
  { symbol: "triangle", symbolSize: 0.7, dashArrayX: [[8, 8]], dashArrayY: [8, 0], color: "rgba(0,0,0,0.35)" },
  { symbol: "rect", dashArrayX: [[4, 4]], dashArrayY: [4, 4], color: "rgba(255,255,255,0.5)" },
];

export interface VerdictStyle {
  key: VerdictKey | "none";
  label: string;
  color: string;
  /** Text colour on the badge (contrast ≥ 4,5:1 on the light background). */
  text: string;
  background: string;
  symbol: string;
  decal: Decal;
}

export const VERDICT_STYLES: Record<VerdictKey | "none", VerdictStyle> = {
  vuot: { key: "vuot", label: "Vượt", color: OKABE_ITO.blue, text: "#004a75", background: "#e3f0f8", symbol: "▲", decal: DECALS[0]! },
  dat: { key: "dat", label: "Đạt", color: OKABE_ITO.bluishGreen, text: "#005c43", background: "#e0f3ed", symbol: "●", decal: DECALS[1]! },
  "khong-dat": { key: "khong-dat", label: "Không đạt", color: OKABE_ITO.vermillion, text: "#8a3c00", background: "#fbe9de", symbol: "▼", decal: DECALS[2]! },
  "thieu-so-lieu": { key: "thieu-so-lieu", label: "Chưa đủ số liệu", color: "#BBBBBB", text: "#505050", background: "#f0f0f0", symbol: "○", decal: DECALS[4]! },
  none: { key: "none", label: "Không có mục tiêu", color: "#E0E0E0", text: "#595959", background: "#fafafa", symbol: "–", decal: DECALS[5]! },
};

export const VERDICT_ORDER: Array<VerdictKey | "none"> = ["vuot", "dat", "khong-dat", "thieu-so-lieu", "none"];

export const ASSESSMENT_STYLES: Record<AssessmentKey | "na", { color: string; decal: Decal; symbol: string }> = {
  better: { color: OKABE_ITO.blue, decal: DECALS[0]!, symbol: "▲" },
  same: { color: OKABE_ITO.skyBlue, decal: DECALS[1]!, symbol: "■" },
  worse: { color: OKABE_ITO.vermillion, decal: DECALS[2]!, symbol: "▼" },
  na: { color: "#D9D9D9", decal: DECALS[4]!, symbol: "○" },
};

export const TARGET_COLOR = OKABE_ITO.black;
export const BAND_FILL = "rgba(0, 114, 178, 0.10)";

export const FONT_FAMILY = "'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";
