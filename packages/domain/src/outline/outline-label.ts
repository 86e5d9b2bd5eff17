// Nhãn đánh số đề cương. Các văn bản mẫu trộn nhiều kiểu:
//   Phần I · PHẦN II · A · I · I. · 1 · 1. · 2.1 · 2.2. · 3.2.1 · a) · (i) · (vii) · - · +
// Nhãn một chữ in hoa "I", "V", "X" được hiểu là số La Mã; "C", "D", "L", "M" là chữ cái (mục A, B, C, D của
// văn bản), các nhãn La Mã nhiều chữ ("II", "IV") là số La Mã. Chữ thường có ngoặc "i)" "v)" "x)" là chữ cái
// (sau "h)" là "i)"); số La Mã thường viết trong ngoặc "(i)".
// Bảng chữ cái tiếng Việt: a b c d đ e g h i k l m n o p q r s t u v x y (chữ in hoa cùng thứ tự).

import { parseRomanNumeral, parseVietnameseLetter, romanNumeral, vietnameseLetter } from "../documents/numbering.js";

export type OutlineScheme =
  | "part"
  | "upper-letter"
  | "roman"
  | "arabic"
  | "decimal"
  | "letter"
  | "roman-paren"
  | "dash"
  | "plus";

export interface OutlineStyle {
  /** Có dấu chấm sau nhãn ("I.", "1.", "2.2."). */
  trailingDot?: boolean;
  /** Chữ "Phần" như đã viết ("Phần", "PHẦN"). */
  partWord?: string;
  /** Phần đánh số La Mã (mặc định) hay số Ả Rập ("Phần 1"). */
  partNumerals?: "roman" | "arabic";
  /** Dấu đóng của nhãn chữ cái: ")" (mặc định) hoặc ".". */
  letterCloser?: ")" | ".";
  /** Ký tự gạch đầu dòng như đã viết ("-", "–"). */
  bullet?: string;
}

export interface OutlineLabel {
  scheme: OutlineScheme;
  /** Với "decimal": số thành phần ("3.2.1" → 3). */
  level?: number;
  /** Số thứ tự (1 = I = a = A), mảng các thành phần với "decimal", null với "-" và "+". */
  value: number | number[] | null;
  raw: string;
  trailingDot: boolean;
  style: OutlineStyle;
}

export class OutlineLabelError extends Error {
  override readonly name = "OutlineLabelError";
  readonly label: string;
  constructor(label: string, detail: string) {
    super(`Nhãn đề cương '${label}' không hợp lệ: ${detail}`);
    this.label = label;
  }
}

const DASHES = new Set(["-", "–", "—", "•"]);

/**
 * Đọc nhãn đánh số; ném OutlineLabelError nếu không nhận ra. `hint` gỡ chỗ mơ hồ giữa chữ cái in hoa và số La
 * Mã một chữ: với hint "upper-letter", "I", "V", "X" là chữ cái thứ 9, 21, 22 (dãy A, B, … H, I); với hint
 * "roman", "C", "D", "L", "M" là số La Mã.
 */
export function parseOutlineLabel(label: string, hint?: OutlineScheme): OutlineLabel {
  const raw = label;
  const s = label.normalize("NFC").trim();
  if (s === "") throw new OutlineLabelError(label, "nhãn trống");
  const single = /^([A-ZĐ])(\.?)$/u.exec(s);
  if (single !== null && hint === "upper-letter") {
    const n = parseVietnameseLetter(single[1]!);
    if (n !== null) {
      const trailingDot = single[2] === ".";
      return { scheme: "upper-letter", value: n, raw, trailingDot, style: { trailingDot } };
    }
  }
  if (single !== null && hint === "roman") {
    const n = parseRomanNumeral(single[1]!);
    if (n !== null) {
      const trailingDot = single[2] === ".";
      return { scheme: "roman", value: n, raw, trailingDot, style: { trailingDot } };
    }
  }
  if (DASHES.has(s)) return { scheme: "dash", value: null, raw, trailingDot: false, style: { bullet: s } };
  if (s === "+") return { scheme: "plus", value: null, raw, trailingDot: false, style: {} };

  let m = /^(phần)\s+([ivxlcdm]+|\d+)\s*(\.?)$/iu.exec(s);
  if (m !== null) {
    const numText = m[2]!;
    const arabic = /^\d+$/.test(numText);
    const n = arabic ? Number(numText) : parseRomanNumeral(numText);
    if (n === null || n < 1) throw new OutlineLabelError(label, `'${numText}' không phải số La Mã hợp lệ`);
    const trailingDot = m[3] === ".";
    return {
      scheme: "part",
      value: n,
      raw,
      trailingDot,
      style: { partWord: m[1]!, partNumerals: arabic ? "arabic" : "roman", trailingDot },
    };
  }
  m = /^\(([ivxlcdm]+)\)$/.exec(s);
  if (m !== null) {
    const n = parseRomanNumeral(m[1]!);
    if (n === null) throw new OutlineLabelError(label, `'${m[1]!}' không phải số La Mã hợp lệ`);
    return { scheme: "roman-paren", value: n, raw, trailingDot: false, style: {} };
  }
  m = /^([a-zđ]+)([).])$/u.exec(s);
  if (m !== null) {
    const n = parseVietnameseLetter(m[1]!);
    if (n === null) {
      throw new OutlineLabelError(label, "chữ cái đánh số tiếng Việt không có f, j, w, z (a b c d đ e g h i k l m n o p q r s t u v x y)");
    }
    return { scheme: "letter", value: n, raw, trailingDot: m[2] === ".", style: { letterCloser: m[2] as ")" | "." } };
  }
  m = /^(\d+(?:\.\d+)+)(\.?)$/.exec(s);
  if (m !== null) {
    const parts = m[1]!.split(".").map(Number);
    const trailingDot = m[2] === ".";
    return { scheme: "decimal", level: parts.length, value: parts, raw, trailingDot, style: { trailingDot } };
  }
  m = /^(\d+)(\.?)$/.exec(s);
  if (m !== null) {
    const trailingDot = m[2] === ".";
    return { scheme: "arabic", value: Number(m[1]), raw, trailingDot, style: { trailingDot } };
  }
  m = /^([IVXLCDM]+|[A-ZĐ])(\.?)$/u.exec(s);
  // (dãy toàn ký tự La Mã được xét ở đây; chữ cái nhiều ký tự khác xét ở cuối)
  if (m !== null) {
    const body = m[1]!;
    const trailingDot = m[2] === ".";
    const isSingleLetterNotRoman = body.length === 1 && !"IVX".includes(body);
    const roman = isSingleLetterNotRoman ? null : parseRomanNumeral(body);
    if (roman !== null) return { scheme: "roman", value: roman, raw, trailingDot, style: { trailingDot } };
    if (body.length > 1) throw new OutlineLabelError(label, `'${body}' không phải số La Mã hợp lệ`);
    const n = parseVietnameseLetter(body);
    if (n === null) throw new OutlineLabelError(label, "chữ cái đánh số tiếng Việt không có F, J, W, Z");
    return { scheme: "upper-letter", value: n, raw, trailingDot, style: { trailingDot } };
  }
  m = /^([A-ZĐ]{2,})(\.?)$/u.exec(s);
  if (m !== null) {
    // Sau "Y" là "AA", "AB"… (chỉ gồm chữ cái tiếng Việt, không phải dãy toàn ký tự La Mã).
    const n = parseVietnameseLetter(m[1]!);
    if (n === null) throw new OutlineLabelError(label, "chữ cái đánh số tiếng Việt không có F, J, W, Z");
    const trailingDot = m[2] === ".";
    return { scheme: "upper-letter", value: n, raw, trailingDot, style: { trailingDot } };
  }
  throw new OutlineLabelError(
    label,
    "không thuộc kiểu đánh số nào (Phần I, A, I., 1., 2.1., a), (i), -, +)",
  );
}

export function tryParseOutlineLabel(label: string, hint?: OutlineScheme): OutlineLabel | null {
  try {
    return parseOutlineLabel(label, hint);
  } catch (err) {
    if (err instanceof OutlineLabelError) return null;
    throw err;
  }
}

function asNumber(scheme: OutlineScheme, value: number | number[] | null): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`Nhãn kiểu ${scheme} cần số thứ tự nguyên dương (nhận ${JSON.stringify(value)})`);
  }
  return value;
}

/** Viết nhãn theo kiểu và số thứ tự: ("roman", 2, { trailingDot: true }) → "II."; ("decimal", [3, 2, 1]) → "3.2.1". */
export function formatOutlineLabel(scheme: OutlineScheme, value: number | number[] | null, style: OutlineStyle = {}): string {
  const dot = style.trailingDot === true ? "." : "";
  switch (scheme) {
    case "part": {
      const n = asNumber(scheme, value);
      return `${style.partWord ?? "Phần"} ${style.partNumerals === "arabic" ? String(n) : romanNumeral(n)}${dot}`;
    }
    case "upper-letter":
      return vietnameseLetter(asNumber(scheme, value)).toUpperCase() + dot;
    case "roman":
      return romanNumeral(asNumber(scheme, value)) + dot;
    case "arabic":
      return String(asNumber(scheme, value)) + dot;
    case "decimal": {
      if (!Array.isArray(value) || value.length < 2 || value.some((v) => !Number.isInteger(v) || v < 0)) {
        throw new RangeError(`Nhãn kiểu decimal cần ít nhất hai thành phần số (nhận ${JSON.stringify(value)})`);
      }
      return value.join(".") + dot;
    }
    case "letter":
      return vietnameseLetter(asNumber(scheme, value)) + (style.letterCloser ?? ")");
    case "roman-paren":
      return `(${romanNumeral(asNumber(scheme, value)).toLowerCase()})`;
    case "dash":
      return style.bullet ?? "-";
    case "plus":
      return "+";
  }
}

/** Nhãn kế tiếp cùng kiểu (`hint` như parseOutlineLabel: nextOutlineLabel("I", "upper-letter") → "K"): "2.1" → "2.2", "a)" → "b)", "d)" → "đ)", "(iii)" → "(iv)", "Phần I" → "Phần II", "-" → "-". */
export function nextOutlineLabel(label: string, hint?: OutlineScheme): string {
  const p = parseOutlineLabel(label, hint);
  switch (p.scheme) {
    case "dash":
    case "plus":
      return formatOutlineLabel(p.scheme, null, p.style);
    case "decimal": {
      const parts = [...(p.value as number[])];
      parts[parts.length - 1] = parts[parts.length - 1]! + 1;
      return formatOutlineLabel("decimal", parts, p.style);
    }
    default:
      return formatOutlineLabel(p.scheme, (p.value as number) + 1, p.style);
  }
}

export interface RenumberOptions {
  /** Số bắt đầu (mặc định 1). */
  start?: number;
  /**
   * Kiểu của dãy nếu đã biết. Nếu không cho: kiểu của nhãn đọc được đầu tiên; riêng nhãn đầu "I", "V", "X" mà
   * trong dãy có chữ cái in hoa không phải số La Mã ("A", "B"…) thì cả dãy là chữ cái.
   */
  scheme?: OutlineScheme;
  /** Tiền tố của nhãn thập phân ("3.2" cho các con "3.2.1", "3.2.2"); mặc định lấy từ nhãn đầu tiên. */
  prefix?: readonly number[];
}

/**
 * Đánh số lại các nhãn anh em theo thứ tự hiện có, cùng kiểu và cùng cách viết với nhãn đọc được đầu tiên
 * (1, 2, 3…; tiền tố thập phân lấy từ nhãn đầu hoặc `prefix`). Nhãn trống (mục mới chèn) hoặc không đọc được
 * nhận số; nhãn đọc được nhưng khác kiểu (ví dụ gạch đầu dòng chen giữa các mục 1., 2.) giữ nguyên và không
 * chiếm số.
 */
export function renumberSiblings(labels: readonly string[], options: RenumberOptions = {}): string[] {
  const firstPlain = labels.map((l) => tryParseOutlineLabel(l, options.scheme)).find((p): p is OutlineLabel => p !== null);
  if (firstPlain === undefined) return [...labels];
  let hint = options.scheme ?? firstPlain.scheme;
  if (options.scheme === undefined && firstPlain.scheme === "roman" && /^[IVX]\.?$/.test(firstPlain.raw.trim())) {
    if (labels.some((l) => tryParseOutlineLabel(l)?.scheme === "upper-letter")) hint = "upper-letter";
  }
  // Đọc lại theo kiểu của dãy để "I" trong dãy A, B, … H, I là chữ cái.
  const parsed = labels.map((l) => tryParseOutlineLabel(l, hint));
  const model = parsed.find((p): p is OutlineLabel => p !== null)!;
  let counter = options.start ?? 1;
  let prefix: number[] | null = null;
  if (model.scheme === "decimal") {
    const v = model.value as number[];
    prefix = options.prefix !== undefined && options.prefix.length > 0 ? [...options.prefix] : v.slice(0, -1);
  }
  return labels.map((raw, i) => {
    const p = parsed[i];
    if (p !== null && p !== undefined && p.scheme !== model.scheme) return raw;
    if (model.scheme === "dash" || model.scheme === "plus") return formatOutlineLabel(model.scheme, null, model.style);
    const value = prefix !== null ? [...prefix, counter] : counter;
    counter++;
    return formatOutlineLabel(model.scheme, value, model.style);
  });
}

export interface OutlineNode {
  label: string;
  children?: readonly OutlineNode[];
}

/** Đường số của một nhãn để làm tiền tố cho con thập phân: "II" → [2], "3." → [3], "3.2" → [3, 2]; null nếu không có. */
function numericPath(label: string): number[] | null {
  const p = tryParseOutlineLabel(label);
  if (p === null) return null;
  if (p.scheme === "decimal") return [...(p.value as number[])];
  if (p.scheme === "arabic" || p.scheme === "roman") return [p.value as number];
  return null;
}

function renumberLevel<T extends OutlineNode>(nodes: readonly T[], parentPath: number[] | null): T[] {
  const labels = nodes.map((n) => n.label);
  const model = labels.map((l) => tryParseOutlineLabel(l)).find((p) => p !== null);
  const options: RenumberOptions = {};
  if (model?.scheme === "decimal" && parentPath !== null) options.prefix = parentPath;
  const renamed = renumberSiblings(labels, options);
  return nodes.map((node, i) => {
    const label = renamed[i]!;
    const copy = { ...node, label };
    if (node.children !== undefined) {
      copy.children = renumberLevel(node.children as readonly T[], numericPath(label));
    }
    return copy;
  });
}

/**
 * Đánh số lại cây con sau khi chèn hay di chuyển mục: các con của `root` (và sâu hơn) được đánh số lại theo thứ
 * tự; con kiểu thập phân theo số của cha ("3.2" → "3.2.1", "3.2.2"; "II" → "2.1", "2.2"). Nhãn của `root` giữ
 * nguyên. Trả về cây mới, không sửa cây cũ.
 */
export function renumberSubtree<T extends OutlineNode>(root: T): T {
  if (root.children === undefined) return { ...root };
  return { ...root, children: renumberLevel(root.children, numericPath(root.label)) };
}

/** Đánh số lại cả một danh sách mục cấp cao nhất và mọi cấp con. */
export function renumberOutline<T extends OutlineNode>(nodes: readonly T[]): T[] {
  return renumberLevel(nodes, null);
}
