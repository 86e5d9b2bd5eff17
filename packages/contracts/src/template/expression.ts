/**
 * Cú pháp biểu thức của chỉ tiêu tính toán (như lõi nghiệp vụ): mã chỉ tiêu, số viết kiểu Việt Nam (dấu phẩy thập phân,
 * dấu chấm hàng nghìn: "0,5", "1.000"; "0.5" là lỗi), + - * / (và × ÷ −), ngoặc đơn, dấu trừ một ngôi.
 * Ví dụ: "VON_DTXH / GRDP_HH * 100". Ở đây chỉ kiểm tra cú pháp và lấy ra các mã được tham chiếu; việc tính do lõi nghiệp vụ làm.
 */
export type IndicatorExpressionCheck = { ok: true; references: string[] } | { ok: false; error: string };

type Token = { t: "num" | "code" | "op" | "(" | ")"; v: string; at: number };

const OPS: Readonly<Record<string, string>> = { "+": "+", "-": "-", "\u2212": "-", "*": "*", "×": "*", "/": "/", "÷": "/" };

function tokenize(src: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === " " || ch === "\t") {
      i++;
      continue;
    }
    const rest = src.slice(i);
    const num = /^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?/.exec(rest);
    if (num) {
      if (/^[.,]/.test(rest.slice(num[0].length))) return `số viết sai ở vị trí ${i + 1} (dùng dấu phẩy thập phân, dấu chấm hàng nghìn: "0,5", "1.000")`;
      tokens.push({ t: "num", v: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const code = /^[A-Z][A-Z0-9_]*/.exec(rest);
    if (code) {
      tokens.push({ t: "code", v: code[0], at: i });
      i += code[0].length;
      continue;
    }
    const op = OPS[ch];
    if (op) tokens.push({ t: "op", v: op, at: i });
    else if (ch === "(" || ch === ")") tokens.push({ t: ch, v: ch, at: i });
    else return `ký tự không hợp lệ "${ch}" ở vị trí ${i + 1}`;
    i++;
  }
  return tokens;
}

export function checkIndicatorExpression(src: string): IndicatorExpressionCheck {
  const tokens = tokenize(src);
  if (typeof tokens === "string") return { ok: false, error: tokens };
  const refs: string[] = [];
  let pos = 0;
  let depth = 0;
  const peek = () => tokens[pos];
  const fail = (msg: string): never => {
    throw new Error(msg);
  };
  const where = () => {
    const t = peek();
    return t ? `ở vị trí ${t.at + 1}` : "ở cuối biểu thức";
  };

  const factor = (): void => {
    const t = peek();
    if (!t) return fail("thiếu toán hạng ở cuối biểu thức");
    if (t.t === "op" && t.v === "-") {
      pos++;
      return factor();
    }
    if (t.t === "num") {
      pos++;
      return;
    }
    if (t.t === "code") {
      refs.push(t.v);
      pos++;
      return;
    }
    if (t.t === "(") {
      if (++depth > 50) fail("lồng ngoặc quá sâu");
      pos++;
      expr();
      if (peek()?.t !== ")") fail(`thiếu dấu ")" ${where()}`);
      pos++;
      depth--;
      return;
    }
    return fail(`cần một số, mã chỉ tiêu hoặc "(" ${where()}`);
  };
  const term = (): void => {
    factor();
    while (peek()?.t === "op" && (peek()!.v === "*" || peek()!.v === "/")) {
      pos++;
      factor();
    }
  };
  const expr = (): void => {
    term();
    while (peek()?.t === "op" && (peek()!.v === "+" || peek()!.v === "-")) {
      pos++;
      term();
    }
  };

  try {
    expr();
    if (pos < tokens.length) fail(`thừa ký hiệu ${where()}`);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  if (refs.length === 0) return { ok: false, error: "biểu thức phải tham chiếu ít nhất một mã chỉ tiêu" };
  return { ok: true, references: [...new Set(refs)] };
}
