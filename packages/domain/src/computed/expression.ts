// Biểu thức của chỉ tiêu tính toán: GRDP_HH / DAN_SO, NN_GTSX / TONG_GTSX * 100, THU_NSNN - CHI_NSNN,
// XK_USD * TY_GIA / 1000.
//
// Ngữ pháp:
//   biểu-thức := hạng (("+" | "-") hạng)*
//   hạng      := thừa-số (("*" | "/") thừa-số)*
//   thừa-số   := "-" thừa-số | số | mã | "(" biểu-thức ")"
//   mã        := [A-Z][A-Z0-9_]*          (mã chỉ tiêu viết hoa)
//   số        := số kiểu Việt Nam: dấu phẩy thập phân, dấu chấm hàng nghìn ("0,5", "1.000"); "0.5" là lỗi
//                (dấu chấm phải đứng trước đúng 3 chữ số) để không lẫn 0.5 với 0,5 hay 500.
// Dấu "×" và "÷", "−" cũng được chấp nhận.

import { VnNumberError, formatVnNumber, parseVnNumberAt } from "../numbers/vn-number.js";

export type Expression =
  | { type: "number"; value: number; start: number }
  | { type: "ref"; code: string; start: number }
  | { type: "neg"; operand: Expression; start: number }
  | { type: "binary"; op: "+" | "-" | "*" | "/"; left: Expression; right: Expression; start: number };

/** Lỗi cú pháp biểu thức; `position` tính từ 0, thông báo ghi ký tự thứ position + 1. */
export class ExpressionSyntaxError extends Error {
  override readonly name = "ExpressionSyntaxError";
  readonly text: string;
  readonly position: number;
  constructor(text: string, position: number, detail: string) {
    super(`Biểu thức '${text}' sai tại ký tự ${position + 1}: ${detail}`);
    this.text = text;
    this.position = position;
  }
}

type Tok =
  | { kind: "num"; value: number; start: number }
  | { kind: "id"; code: string; start: number }
  | { kind: "op"; op: "+" | "-" | "*" | "/" | "(" | ")"; start: number }
  | { kind: "end"; start: number };

const OP_CHARS: Readonly<Record<string, "+" | "-" | "*" | "/" | "(" | ")">> = {
  "+": "+",
  "-": "-",
  "\u2212": "-",
  "*": "*",
  "×": "*",
  "/": "/",
  "÷": "/",
  "(": "(",
  ")": ")",
};

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const op = OP_CHARS[ch];
    if (op !== undefined) {
      toks.push({ kind: "op", op, start: i });
      i++;
      continue;
    }
    if (ch >= "0" && ch <= "9") {
      const start = i;
      while (i < text.length && /[0-9.,]/.test(text[i]!)) i++;
      try {
        toks.push({ kind: "num", value: parseVnNumberAt(text, start, i), start });
      } catch (err) {
        if (err instanceof VnNumberError) {
          const detail = err.message.replace(/^'[^']*' không phải số hợp lệ: /, `số '${text.slice(start, i)}' sai: `);
          throw new ExpressionSyntaxError(text, err.position ?? start, detail);
        }
        throw err;
      }
      continue;
    }
    if (ch >= "A" && ch <= "Z") {
      const start = i;
      while (i < text.length && /[A-Z0-9_]/.test(text[i]!)) i++;
      if (i < text.length && /[\p{L}]/u.test(text[i]!)) {
        throw new ExpressionSyntaxError(
          text,
          i,
          `mã chỉ tiêu chỉ gồm chữ in hoa không dấu, chữ số và '_' (gặp '${text[i]!}')`,
        );
      }
      toks.push({ kind: "id", code: text.slice(start, i), start });
      continue;
    }
    if (/[\p{L}_]/u.test(ch)) {
      throw new ExpressionSyntaxError(text, i, `mã chỉ tiêu phải bắt đầu bằng chữ in hoa không dấu A-Z (gặp '${ch}')`);
    }
    throw new ExpressionSyntaxError(text, i, `ký tự '${ch}' không dùng được trong biểu thức`);
  }
  toks.push({ kind: "end", start: text.length });
  return toks;
}

function describe(t: Tok): string {
  switch (t.kind) {
    case "num":
      return `số ${formatVnNumber(t.value)}`;
    case "id":
      return `mã ${t.code}`;
    case "op":
      return `'${t.op}'`;
    case "end":
      return "hết biểu thức";
  }
}

/** Đọc biểu thức; ném ExpressionSyntaxError (có vị trí) nếu sai. */
export function parseExpression(text: string): Expression {
  const toks = tokenize(text);
  let p = 0;
  const peek = (): Tok => toks[p]!;
  const fail = (t: Tok, detail: string): never => {
    throw new ExpressionSyntaxError(text, t.start, detail);
  };

  const parseFactor = (): Expression => {
    const t = peek();
    if (t.kind === "op" && t.op === "-") {
      p++;
      return { type: "neg", operand: parseFactor(), start: t.start };
    }
    if (t.kind === "op" && t.op === "+") {
      p++;
      return parseFactor();
    }
    if (t.kind === "num") {
      p++;
      return { type: "number", value: t.value, start: t.start };
    }
    if (t.kind === "id") {
      p++;
      return { type: "ref", code: t.code, start: t.start };
    }
    if (t.kind === "op" && t.op === "(") {
      p++;
      const inner = parseSum();
      const close = peek();
      if (!(close.kind === "op" && close.op === ")")) {
        fail(close, `thiếu dấu ')' đóng ngoặc mở tại ký tự ${t.start + 1} (gặp ${describe(close)})`);
      }
      p++;
      return inner;
    }
    return fail(t, t.kind === "end" ? "biểu thức bị cụt: thiếu số, mã chỉ tiêu hoặc '('" : `cần số, mã chỉ tiêu hoặc '(' nhưng gặp ${describe(t)}`);
  };
  const parseProduct = (): Expression => {
    let left = parseFactor();
    for (;;) {
      const t = peek();
      if (t.kind === "op" && (t.op === "*" || t.op === "/")) {
        p++;
        left = { type: "binary", op: t.op, left, right: parseFactor(), start: t.start };
      } else return left;
    }
  };
  const parseSum = (): Expression => {
    let left = parseProduct();
    for (;;) {
      const t = peek();
      if (t.kind === "op" && (t.op === "+" || t.op === "-")) {
        p++;
        left = { type: "binary", op: t.op, left, right: parseProduct(), start: t.start };
      } else return left;
    }
  };
  if (peek().kind === "end") fail(peek(), "biểu thức trống");
  const expr = parseSum();
  const rest = peek();
  if (rest.kind !== "end") {
    fail(rest, rest.kind === "op" && rest.op === ")" ? "thừa dấu ')'" : `thiếu phép tính trước ${describe(rest)}`);
  }
  return expr;
}

/** Các mã chỉ tiêu được tham chiếu (không trùng, theo thứ tự xuất hiện). */
export function expressionRefs(expr: Expression): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (e: Expression): void => {
    switch (e.type) {
      case "ref":
        if (!seen.has(e.code)) {
          seen.add(e.code);
          out.push(e.code);
        }
        return;
      case "neg":
        walk(e.operand);
        return;
      case "binary":
        walk(e.left);
        walk(e.right);
        return;
      case "number":
        return;
    }
  };
  walk(expr);
  return out;
}

/** Viết lại biểu thức (số kiểu Việt Nam, ngoặc tối thiểu). */
export function formatExpression(expr: Expression): string {
  const prec = (e: Expression): number => (e.type === "binary" ? (e.op === "+" || e.op === "-" ? 1 : 2) : 3);
  const go = (e: Expression): string => {
    switch (e.type) {
      case "number":
        return formatVnNumber(e.value);
      case "ref":
        return e.code;
      case "neg": {
        const inner = go(e.operand);
        return prec(e.operand) < 3 || e.operand.type === "neg" ? `-(${inner})` : `-${inner}`;
      }
      case "binary": {
        const p = prec(e);
        const l = prec(e.left) < p ? `(${go(e.left)})` : go(e.left);
        const r = prec(e.right) <= p && e.right.type === "binary" ? `(${go(e.right)})` : go(e.right);
        return `${l} ${e.op} ${r}`;
      }
    }
  };
  return go(expr);
}

export interface ExpressionValue {
  value: number | null;
  /** Lý do không tính được (tiếng Việt). */
  reason?: string;
  /** Các mã thiếu giá trị. */
  missing: string[];
}

/** Tính biểu thức kèm lý do khi không tính được (thiếu số liệu đầu vào, chia cho 0). */
export function evaluateExpressionDetailed(
  expr: Expression | string,
  lookup: (code: string) => number | null | undefined,
): ExpressionValue {
  const e = typeof expr === "string" ? parseExpression(expr) : expr;
  const missing: string[] = [];
  let divZero = null as string | null;
  const go = (x: Expression): number | null => {
    switch (x.type) {
      case "number":
        return x.value;
      case "ref": {
        const v = lookup(x.code);
        if (v === null || v === undefined || !Number.isFinite(v)) {
          if (!missing.includes(x.code)) missing.push(x.code);
          return null;
        }
        return v;
      }
      case "neg": {
        const v = go(x.operand);
        return v === null ? null : -v;
      }
      case "binary": {
        const a = go(x.left);
        const b = go(x.right);
        if (a === null || b === null) return null;
        switch (x.op) {
          case "+":
            return a + b;
          case "-":
            return a - b;
          case "*":
            return a * b;
          case "/":
            if (b === 0) {
              divZero ??= formatExpression(x.right);
              return null;
            }
            return a / b;
        }
      }
    }
  };
  const value = go(e);
  if (missing.length > 0) {
    return { value: null, missing, reason: `Thiếu số liệu của ${missing.join(", ")}` };
  }
  if (value === null) {
    return { value: null, missing, reason: `Chia cho 0: ${divZero ?? "?"} bằng 0` };
  }
  return { value, missing };
}

/** Tính biểu thức; null nếu thiếu số liệu đầu vào hoặc chia cho 0 (dùng evaluateExpressionDetailed để biết lý do). */
export function evaluateExpression(
  expr: Expression | string,
  lookup: (code: string) => number | null | undefined,
): number | null {
  return evaluateExpressionDetailed(expr, lookup).value;
}
