// Đọc chữ mục tiêu kiểu văn bản hành chính thành cấu trúc Target.
//
// Ngữ pháp (không phân biệt hoa thường, khoảng trắng tùy ý):
//   mục-tiêu  := tiền-tố* thân hậu-tố*
//   tiền-tố   := "tối thiểu" | "ít nhất" | "không dưới" | "không thấp hơn"      → ">="
//              | "tối đa" | "không quá" | "không vượt quá" | "nhiều nhất"        → "<="
//              | "trên" | "cao hơn" | "lớn hơn"                                → ">"
//              | "dưới" | "thấp hơn" | "nhỏ hơn"                               → "<"
//              | "≥" | ">=" | ">" | "≤" | "<=" | "<" | "="
//              | "khoảng" | "trên dưới" | "xấp xỉ" | "~"                      → approx
//              | "từ"                (với "đến": khoảng; một mình hoặc với "trở lên": ">=")
//              | "mỗi năm" | "hằng năm" | "hàng năm"                          → perYear
//              | "đạt" | "bình quân" | "trung bình" | "tăng" | "giảm" | "tăng trưởng"  (không đổi cấu trúc;
//                chiều tốt hơn thuộc về chỉ tiêu, không thuộc về mục tiêu)
//   thân      := số ["%"] ( nối số ["%"] )*
//   nối       := "-" | "–" | "—" | "÷" | "đến" | "tới"
//                2 số: khoảng (phải min ≤ max, nếu không là lỗi); 3 số trở lên nối bằng gạch: cơ cấu.
//   hậu-tố    := "%" | "/năm" | "/ năm" | "mỗi năm" | "hằng năm" | "hàng năm" | "trở lên" (">=") | "trở xuống" ("<=")
//              | đơn vị viết bằng chữ ("USD", "tỷ đồng", "lượt người", "tr.đ/người") → unitText
// Số viết kiểu Việt Nam (dấu chấm hàng nghìn, dấu phẩy thập phân), xem parseVnNumber.

import { formatVnNumber, parseVnNumberAt } from "../numbers/vn-number.js";
import type { VnNumberError } from "../numbers/vn-number.js";
import type { Target, TargetComparator } from "./target.js";
import { TargetSyntaxError } from "./target-error.js";

type PrefixEffect =
  | { kind: "cmp"; cmp: ">=" | ">" | "<=" | "<" | "=" }
  | { kind: "approx" }
  | { kind: "from" }
  | { kind: "perYear" }
  | { kind: "noise" };

// Cụm dài đặt trước cụm ngắn có cùng đầu ("trên dưới" trước "trên", "không vượt quá" trước "không quá").
const PREFIX_WORDS: ReadonlyArray<readonly [string, PrefixEffect]> = [
  ["trên dưới", { kind: "approx" }],
  ["không vượt quá", { kind: "cmp", cmp: "<=" }],
  ["không quá", { kind: "cmp", cmp: "<=" }],
  ["không dưới", { kind: "cmp", cmp: ">=" }],
  ["không thấp hơn", { kind: "cmp", cmp: ">=" }],
  ["tối thiểu", { kind: "cmp", cmp: ">=" }],
  ["ít nhất", { kind: "cmp", cmp: ">=" }],
  ["tối đa", { kind: "cmp", cmp: "<=" }],
  ["nhiều nhất", { kind: "cmp", cmp: "<=" }],
  ["cao hơn", { kind: "cmp", cmp: ">" }],
  ["lớn hơn", { kind: "cmp", cmp: ">" }],
  ["thấp hơn", { kind: "cmp", cmp: "<" }],
  ["nhỏ hơn", { kind: "cmp", cmp: "<" }],
  ["trên", { kind: "cmp", cmp: ">" }],
  ["dưới", { kind: "cmp", cmp: "<" }],
  ["khoảng", { kind: "approx" }],
  ["xấp xỉ", { kind: "approx" }],
  ["từ", { kind: "from" }],
  ["mỗi năm", { kind: "perYear" }],
  ["hằng năm", { kind: "perYear" }],
  ["hàng năm", { kind: "perYear" }],
  ["tăng trưởng", { kind: "noise" }],
  ["bình quân", { kind: "noise" }],
  ["trung bình", { kind: "noise" }],
  ["đạt", { kind: "noise" }],
  ["tăng", { kind: "noise" }],
  ["giảm", { kind: "noise" }],
];

const PREFIX_SYMBOLS: ReadonlyArray<readonly [string, PrefixEffect]> = [
  [">=", { kind: "cmp", cmp: ">=" }],
  ["=>", { kind: "cmp", cmp: ">=" }],
  ["<=", { kind: "cmp", cmp: "<=" }],
  ["=<", { kind: "cmp", cmp: "<=" }],
  ["≥", { kind: "cmp", cmp: ">=" }],
  ["≤", { kind: "cmp", cmp: "<=" }],
  [">", { kind: "cmp", cmp: ">" }],
  ["<", { kind: "cmp", cmp: "<" }],
  ["=", { kind: "cmp", cmp: "=" }],
  ["~", { kind: "approx" }],
  ["≈", { kind: "approx" }],
];

const PER_YEAR_SUFFIX_WORDS = ["mỗi năm", "hằng năm", "hàng năm"];
const DASHES = new Set(["-", "–", "—", "÷", "\u2212"]);
const LETTER_RE = /[\p{L}\p{M}]/u;
const SPACE_RE = /[\s\u00a0\u202f\u2007\ufeff]/;

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && SPACE_RE.test(ch);
}
function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER_RE.test(ch);
}
function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

interface NumberToken {
  value: number;
  start: number;
  decimals: number;
}

class Scanner {
  readonly text: string;
  readonly low: string;
  pos = 0;
  constructor(text: string) {
    this.text = text;
    const low = text.toLowerCase();
    // Chữ tiếng Việt NFC giữ nguyên độ dài khi viết thường; phòng trường hợp hiếm thì so khớp trên chữ gốc.
    this.low = low.length === text.length ? low : text;
  }
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  skipSpaces(): void {
    while (isSpace(this.text[this.pos])) this.pos++;
  }
  /** Khớp một cụm từ (chữ thường) tại vị trí hiện tại, cho phép nhiều khoảng trắng giữa các từ; cần ranh giới từ sau cụm. */
  matchWords(phrase: string, at = this.pos): number {
    let i = at;
    const parts = phrase.split(" ");
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p]!;
      if (p > 0) {
        if (!isSpace(this.text[i])) return -1;
        while (isSpace(this.text[i])) i++;
      }
      if (!this.low.startsWith(part, i)) return -1;
      i += part.length;
    }
    if (isLetter(this.text[i])) return -1;
    return i;
  }
  fail(position: number, detail: string): never {
    throw new TargetSyntaxError(this.text, position, detail);
  }
}

function describeChar(ch: string): string {
  return `'${ch}'`;
}

function readNumber(sc: Scanner): NumberToken {
  const start = sc.pos;
  let i = sc.pos;
  if (sc.text[i] === "-" || sc.text[i] === "\u2212" || sc.text[i] === "+") i++;
  if (!isDigit(sc.text[i])) {
    sc.fail(start, sc.done ? "thiếu số" : `cần một số nhưng gặp ${describeChar(sc.text[start]!)}`);
  }
  while (i < sc.text.length && (isDigit(sc.text[i]) || sc.text[i] === "." || sc.text[i] === ",")) i++;
  let end = i;
  // Dấu chấm, dấu phẩy, chấm phẩy kết câu ở cuối chữ mục tiêu ("đạt 100%.") không thuộc số.
  while (end > start && (sc.text[end - 1] === "." || sc.text[end - 1] === ",") && restIsEndPunctuation(sc.text, end - 1)) {
    end--;
  }
  try {
    const value = parseVnNumberAt(sc.text, start, end);
    sc.pos = end;
    const comma = sc.text.lastIndexOf(",", end - 1);
    const decimals = comma >= start ? end - comma - 1 : 0;
    return { value, start, decimals };
  } catch (err) {
    // parseVnNumberAt chỉ ném VnNumberError, luôn có vị trí.
    const e = err as VnNumberError;
    const detail = e.message.replace(/^'[^']*' không phải số hợp lệ: /, `số '${sc.text.slice(start, end)}' sai: `);
    sc.fail(e.position ?? start, detail);
  }
}

function restIsEndPunctuation(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (!(ch === "." || ch === ";" || ch === "," || isSpace(ch))) return false;
  }
  return true;
}

/** Dấu nối khoảng/cơ cấu tại vị trí hiện tại (sau khi bỏ khoảng trắng), nếu sau nó là một số. */
function matchJoiner(sc: Scanner): { kind: "dash" | "to"; next: number } | null {
  let i = sc.pos;
  while (isSpace(sc.text[i])) i++;
  let after: number;
  let kind: "dash" | "to";
  const ch = sc.text[i];
  if (ch !== undefined && DASHES.has(ch)) {
    after = i + 1;
    kind = "dash";
  } else {
    const m = Math.max(sc.matchWords("đến", i), sc.matchWords("tới", i));
    if (m < 0) return null;
    after = m;
    kind = "to";
  }
  let j = after;
  while (isSpace(sc.text[j])) j++;
  const n0 = sc.text[j];
  if (isDigit(n0)) return { kind, next: j };
  if ((n0 === "-" || n0 === "\u2212") && isDigit(sc.text[j + 1])) return { kind, next: j };
  return null;
}

const cache = new Map<string, Target>();
const CACHE_LIMIT = 5000;

/**
 * Đọc chữ mục tiêu. Ném TargetSyntaxError (có vị trí ký tự) nếu không hiểu.
 * Kết quả được nhớ đệm theo chữ gốc (đối tượng trả về bị đóng băng, dùng chung).
 */
export function parseTarget(input: string): Target {
  const hit = cache.get(input);
  if (hit !== undefined) return hit;
  const parsed = parseTargetUncached(input);
  if (parsed.components !== undefined) Object.freeze(parsed.components);
  const result = Object.freeze(parsed);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(input, result);
  return result;
}

function parseTargetUncached(input: string): Target {
  const text = input.normalize("NFC");
  const sc = new Scanner(text);
  sc.skipSpaces();
  if (sc.done) sc.fail(0, "mục tiêu trống");

  let comparator = null as ">=" | ">" | "<=" | "<" | "=" | null;
  let comparatorAt = -1;
  let approx = false;
  let from = false;
  let fromAt = -1;
  let perYear = false;
  let percent = false;
  const setComparator = (cmp: ">=" | ">" | "<=" | "<" | "=", at: number, words: string): void => {
    if (comparator !== null) {
      sc.fail(at, `'${words}' mâu thuẫn với điều kiện so sánh đã có trước đó ('${comparatorWord(comparator)}')`);
    }
    if (approx && cmp !== "=") sc.fail(at, `'${words}' không dùng cùng 'khoảng'`);
    comparator = cmp;
    comparatorAt = at;
  };

  // Tiền tố
  for (;;) {
    sc.skipSpaces();
    const at = sc.pos;
    let effect: PrefixEffect | null = null;
    let end = -1;
    for (const [sym, eff] of PREFIX_SYMBOLS) {
      if (text.startsWith(sym, at)) {
        effect = eff;
        end = at + sym.length;
        break;
      }
    }
    if (effect === null) {
      for (const [words, eff] of PREFIX_WORDS) {
        const m = sc.matchWords(words, at);
        if (m >= 0) {
          effect = eff;
          end = m;
          break;
        }
      }
    }
    if (effect === null) break;
    const written = text.slice(at, end);
    switch (effect.kind) {
      case "cmp":
        setComparator(effect.cmp, at, written);
        break;
      case "approx":
        if (comparator !== null && comparator !== "=") sc.fail(at, `'${written}' không dùng cùng '${comparatorWord(comparator)}'`);
        approx = true;
        break;
      case "from":
        if (comparator !== null) sc.fail(at, `'${written}' không dùng cùng '${comparatorWord(comparator)}'`);
        from = true;
        fromAt = at;
        break;
      case "perYear":
        perYear = true;
        break;
      case "noise":
        break;
    }
    sc.pos = end;
  }

  // Thân: số, dấu %, nối
  sc.skipSpaces();
  const numbers: NumberToken[] = [];
  const joiners: Array<"dash" | "to"> = [];
  numbers.push(readNumber(sc));
  for (;;) {
    let i = sc.pos;
    while (isSpace(text[i])) i++;
    if (text[i] === "%") {
      percent = true;
      sc.pos = i + 1;
    }
    const j = matchJoiner(sc);
    if (j === null) break;
    joiners.push(j.kind);
    sc.pos = j.next;
    numbers.push(readNumber(sc));
  }

  // Hậu tố và đơn vị
  let unitStart = -1;
  let unitEnd = -1;
  const unitParts: string[] = [];
  const flushUnit = (): void => {
    if (unitStart >= 0) {
      unitParts.push(text.slice(unitStart, unitEnd));
      unitStart = -1;
    }
  };
  for (;;) {
    sc.skipSpaces();
    if (sc.done) break;
    const at = sc.pos;
    const ch = text[at]!;
    if (ch === "%") {
      if (unitStart >= 0 || unitParts.length > 0) sc.fail(at, "dấu '%' phải đứng ngay sau số");
      percent = true;
      sc.pos++;
      continue;
    }
    if (ch === "/") {
      let k = at + 1;
      while (isSpace(text[k])) k++;
      // "/nam" (gõ không dấu) cũng được hiểu là "/năm".
      const m = Math.max(sc.matchWords("năm", k), sc.matchWords("nam", k));
      if (m >= 0) {
        flushUnit();
        perYear = true;
        sc.pos = m;
        continue;
      }
    }
    const perYearEnd = Math.max(...PER_YEAR_SUFFIX_WORDS.map((w) => sc.matchWords(w, at)));
    if (perYearEnd >= 0) {
      flushUnit();
      perYear = true;
      sc.pos = perYearEnd;
      continue;
    }
    const up = sc.matchWords("trở lên", at);
    const down = sc.matchWords("trở xuống", at);
    if (up >= 0 || down >= 0) {
      flushUnit();
      const cmp = up >= 0 ? ">=" : "<=";
      const written = text.slice(at, up >= 0 ? up : down);
      if (comparator !== null) sc.fail(at, `'${written}' mâu thuẫn với '${comparatorWord(comparator)}'`);
      if (approx) sc.fail(at, `'${written}' không dùng cùng 'khoảng'`);
      if (numbers.length > 1) sc.fail(at, `'${written}' không dùng với khoảng hay cơ cấu`);
      comparator = cmp;
      comparatorAt = at;
      from = false;
      sc.pos = up >= 0 ? up : down;
      continue;
    }
    if (restIsEndPunctuation(text, at)) {
      sc.pos = text.length;
      break;
    }
    // Đơn vị bắt đầu bằng chữ cái, "/", "(" hoặc "&"; bên trong có thể có chữ số (m2), dấu chấm (tr.đ), ², ³, ngoặc.
    if (isLetter(ch) || ch === "/" || ch === "&" || ch === "(") {
      if (unitStart < 0) unitStart = at;
      sc.pos = at + 1;
      while (!sc.done) {
        const c = text[sc.pos]!;
        if (isLetter(c) || c === "." || c === "²" || c === "³" || c === "&" || c === "(" || c === ")" || isDigit(c)) {
          sc.pos++;
          continue;
        }
        if (c === "/") {
          let k = sc.pos + 1;
          while (isSpace(text[k])) k++;
          if (sc.matchWords("năm", k) >= 0 || sc.matchWords("nam", k) >= 0) break;
          sc.pos++;
          continue;
        }
        break;
      }
      unitEnd = sc.pos;
      continue;
    }
    if (isDigit(ch)) sc.fail(at, `số thừa '${ch}…' sau mục tiêu (dùng '-' để viết khoảng)`);
    sc.fail(at, `không hiểu ${describeChar(ch)}`);
  }
  flushUnit();
  const unitText = unitParts.length > 0 ? unitParts.join(" ").replace(/\s+/g, " ").trim() : undefined;

  const base = { text, perYear, percent, approx };
  const withUnit = <T extends object>(t: T): T & { unitText?: string } => (unitText !== undefined ? { ...t, unitText } : t);

  if (numbers.length === 1) {
    const n = numbers[0]!;
    let cmp: TargetComparator = comparator ?? "=";
    if (from) cmp = ">=";
    return withUnit({ ...base, comparator: cmp, value: n.value, writtenDecimals: n.decimals });
  }
  const first = numbers[0]!;
  const second = numbers[1]!;
  if (comparator !== null) {
    sc.fail(comparatorAt, `'${comparatorWord(comparator)}' không dùng được với khoảng hay cơ cấu nhiều số`);
  }
  if (numbers.length === 2) {
    if (first.value > second.value) {
      sc.fail(
        second.start,
        `khoảng có cận dưới lớn hơn cận trên (${formatVnNumber(first.value)} > ${formatVnNumber(second.value)}); viết cận nhỏ trước, hoặc viết cơ cấu ba số trở lên`,
      );
    }
    return withUnit({
      ...base,
      comparator: "range",
      min: first.value,
      max: second.value,
      writtenDecimals: Math.max(first.decimals, second.decimals),
    });
  }
  const toIdx = joiners.indexOf("to");
  if (toIdx >= 0) {
    sc.fail(numbers[toIdx + 1]!.start, "cơ cấu nhiều số phải nối bằng dấu gạch ngang, không dùng 'đến'");
  }
  if (from) sc.fail(fromAt, "'từ' không dùng với cơ cấu nhiều số");
  return withUnit({ ...base, comparator: "composite", components: numbers.map((n) => n.value) });
}

function comparatorWord(cmp: ">=" | ">" | "<=" | "<" | "="): string {
  switch (cmp) {
    case ">=":
      return "tối thiểu";
    case ">":
      return "trên";
    case "<=":
      return "tối đa";
    case "<":
      return "dưới";
    case "=":
      return "=";
  }
}

/** Như parseTarget nhưng không ném lỗi. */
export function tryParseTarget(
  text: string,
): { ok: true; target: Target } | { ok: false; error: string; position: number } {
  try {
    return { ok: true, target: parseTarget(text) };
  } catch (err) {
    if (err instanceof TargetSyntaxError) return { ok: false, error: err.message, position: err.position };
    throw err;
  }
}
