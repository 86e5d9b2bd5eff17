// Số viết theo kiểu Việt Nam: dấu chấm phân tách hàng nghìn, dấu phẩy phân tách phần thập phân.
//   84.199,2   1.500   -3,5   12,5%   0,7   1500
// Một dấu chấm mà theo sau không phải đúng 3 chữ số là lỗi cần báo, không phải để đoán ("1.5" bị từ chối).

/** Lỗi đọc số kiểu Việt Nam. `position` là chỉ số (tính từ 0) của ký tự gây lỗi trong chuỗi gốc, nếu xác định được. */
export class VnNumberError extends Error {
  override readonly name = "VnNumberError";
  readonly text: string;
  readonly position: number | undefined;
  constructor(text: string, message: string, position?: number) {
    super(message);
    this.text = text;
    this.position = position;
  }
}

export type VnNumberParseResult = { ok: true; value: number } | { ok: false; error: string; position?: number };

const SPACE_RE = /[\s\u00a0\u202f\u2007\ufeff]/;

function isSpace(ch: string): boolean {
  return SPACE_RE.test(ch);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Quét số kiểu Việt Nam trong `text` từ `start` đến `end` (không gồm `end`), không có khoảng trắng hai đầu.
 * Trả về giá trị hoặc ném VnNumberError (vị trí tính trên chuỗi gốc `original`).
 */
function scanCore(original: string, start: number, end: number, allowPercent: boolean): number {
  const quoted = `'${original}'`;
  let i = start;
  let negative = false;
  const first = original[i];
  if (first === "-" || first === "+" || first === "\u2212") {
    negative = first !== "+";
    i++;
    while (i < end && isSpace(original[i]!)) i++;
  }
  if (allowPercent && end > i && original[end - 1] === "%") {
    end--;
    while (end > i && isSpace(original[end - 1]!)) end--;
  }
  if (i >= end) {
    throw new VnNumberError(original, `${quoted} không phải số hợp lệ: thiếu chữ số`, i);
  }
  let intDigits = "";
  let groupLen = 0; // số chữ số trong nhóm hiện tại (sau dấu chấm gần nhất)
  let sawDot = false;
  let lastDotPos = -1;
  let commaPos = -1;
  let fracDigits = "";
  for (; i < end; i++) {
    const ch = original[i]!;
    const c = ch.charCodeAt(0);
    if (isDigitCode(c)) {
      if (commaPos >= 0) fracDigits += ch;
      else {
        intDigits += ch;
        groupLen++;
      }
      continue;
    }
    if (ch === ".") {
      if (commaPos >= 0) {
        throw new VnNumberError(
          original,
          `${quoted} không phải số hợp lệ: dấu chấm tại ký tự ${i + 1} đứng sau dấu phẩy thập phân (dấu chấm chỉ dùng phân tách hàng nghìn)`,
          i,
        );
      }
      if (groupLen === 0) {
        throw new VnNumberError(original, `${quoted} không phải số hợp lệ: dấu chấm tại ký tự ${i + 1} không đứng sau chữ số`, i);
      }
      if (!sawDot) {
        if (groupLen > 3) {
          throw new VnNumberError(
            original,
            `${quoted} không phải số hợp lệ: trước dấu chấm phân tách hàng nghìn đầu tiên chỉ được có 1 đến 3 chữ số`,
            i,
          );
        }
        sawDot = true;
      } else if (groupLen !== 3) {
        throw new VnNumberError(
          original,
          `${quoted} không phải số hợp lệ: dấu chấm phân tách hàng nghìn phải đứng trước đúng 3 chữ số (dùng dấu phẩy cho phần thập phân)`,
          lastDotPos,
        );
      }
      lastDotPos = i;
      groupLen = 0;
      continue;
    }
    if (ch === ",") {
      if (commaPos >= 0) {
        throw new VnNumberError(
          original,
          `${quoted} không phải số hợp lệ: có nhiều hơn một dấu phẩy thập phân (ký tự ${i + 1})`,
          i,
        );
      }
      if (sawDot && groupLen !== 3) {
        throw new VnNumberError(
          original,
          `${quoted} không phải số hợp lệ: dấu chấm phân tách hàng nghìn phải đứng trước đúng 3 chữ số (dùng dấu phẩy cho phần thập phân)`,
          lastDotPos,
        );
      }
      if (intDigits.length === 0) {
        throw new VnNumberError(original, `${quoted} không phải số hợp lệ: thiếu phần nguyên trước dấu phẩy`, i);
      }
      commaPos = i;
      continue;
    }
    if (ch === "%") {
      throw new VnNumberError(original, `${quoted} không phải số hợp lệ: dấu phần trăm chỉ được đứng cuối (ký tự ${i + 1})`, i);
    }
    throw new VnNumberError(original, `${quoted} không phải số hợp lệ: ký tự '${ch}' tại vị trí ${i + 1} không phải chữ số`, i);
  }
  if (sawDot && commaPos < 0 && groupLen !== 3) {
    throw new VnNumberError(
      original,
      `${quoted} không phải số hợp lệ: dấu chấm phân tách hàng nghìn phải đứng trước đúng 3 chữ số (dùng dấu phẩy cho phần thập phân)`,
      lastDotPos,
    );
  }
  if (commaPos >= 0 && fracDigits.length === 0) {
    throw new VnNumberError(original, `${quoted} không phải số hợp lệ: thiếu chữ số sau dấu phẩy thập phân`, commaPos);
  }
  if (intDigits.length === 0) {
    throw new VnNumberError(original, `${quoted} không phải số hợp lệ: thiếu chữ số`, start);
  }
  const js = fracDigits.length > 0 ? `${intDigits}.${fracDigits}` : intDigits;
  const value = Number(js);
  return negative && value !== 0 ? -value : value;
}

function trimBounds(text: string): [number, number] {
  let s = 0;
  let e = text.length;
  while (s < e && isSpace(text[s]!)) s++;
  while (e > s && isSpace(text[e - 1]!)) e--;
  return [s, e];
}

/**
 * Đọc một số viết kiểu Việt Nam. Chấp nhận khoảng trắng và khoảng trắng không ngắt hai đầu, dấu âm,
 * dấu phần trăm ở cuối (giá trị "12,5%" là 12.5). Ném VnNumberError với thông báo tiếng Việt nếu sai.
 */
export function parseVnNumber(text: string): number {
  const [s, e] = trimBounds(text);
  if (s >= e) {
    throw new VnNumberError(text, "Không có số: chuỗi rỗng", 0);
  }
  return scanCore(text, s, e, true);
}

/** Như parseVnNumber nhưng không ném lỗi. */
export function tryParseVnNumber(text: string): VnNumberParseResult {
  try {
    return { ok: true, value: parseVnNumber(text) };
  } catch (err) {
    const e = err as VnNumberError;
    return e.position === undefined ? { ok: false, error: e.message } : { ok: false, error: e.message, position: e.position };
  }
}

/** Quét số trong một đoạn của chuỗi lớn hơn (dùng cho bộ đọc mục tiêu, biểu thức): vị trí lỗi tính trên chuỗi lớn. */
export function parseVnNumberAt(text: string, start: number, end: number): number {
  return scanCore(text, start, end, false);
}

function groupThousands(intPart: string): string {
  if (intPart.length <= 3) return intPart;
  let out = "";
  const head = intPart.length % 3;
  if (head > 0) out = intPart.slice(0, head);
  for (let i = head; i < intPart.length; i += 3) {
    out += (out.length > 0 ? "." : "") + intPart.slice(i, i + 3);
  }
  return out;
}

/** Viết một số không âm ở dạng thập phân đầy đủ (không dùng ký hiệu mũ), dấu chấm thập phân kiểu JS. */
function plainDecimal(abs: number): string {
  const s = String(abs);
  const eIdx = s.indexOf("e");
  if (eIdx < 0) return s;
  const mantissa = s.slice(0, eIdx);
  const exp = Number(s.slice(eIdx + 1));
  const dot = mantissa.indexOf(".");
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const pointPos = (dot < 0 ? mantissa.length : dot) + exp; // vị trí dấu thập phân trong chuỗi digits
  if (pointPos <= 0) return `0.${"0".repeat(-pointPos)}${digits}`;
  if (pointPos >= digits.length) return digits + "0".repeat(pointPos - digits.length);
  return `${digits.slice(0, pointPos)}.${digits.slice(pointPos)}`;
}

/**
 * Làm tròn "nửa xa số 0" tới `decimals` chữ số thập phân theo cách viết thập phân ngắn nhất của giá trị
 * (1,005 → 1,01 dù trong nhị phân 1.005 nhỏ hơn một chút). Dùng cho so sánh ở độ chính xác công bố.
 */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const d = Math.max(0, Math.min(20, Math.trunc(decimals)));
  const factor = 10 ** d;
  const abs = Math.abs(value);
  const scaled = abs * factor;
  if (scaled >= 9007199254740992) return value; // đã là số nguyên ở độ chính xác này
  const frac = scaled - Math.floor(scaled);
  let roundedAbs: number;
  if (Math.abs(frac - 0.5) < 1e-7) {
    // Gần nửa: quyết định theo biểu diễn thập phân ngắn nhất để tránh sai số nhị phân.
    const shifted = Number(`${plainDecimal(abs)}e${d}`);
    roundedAbs = Math.round(shifted) / factor;
  } else {
    roundedAbs = Math.round(scaled) / factor;
  }
  if (roundedAbs === 0) return 0;
  return value < 0 ? -roundedAbs : roundedAbs;
}

/**
 * Viết số kiểu Việt Nam: `84.199,2`, `-3,5`.
 * - `decimals` cho trước: đúng số chữ số thập phân đó (làm tròn nửa xa số 0, xem roundTo).
 * - bỏ trống: cách viết thập phân ngắn nhất mà đọc lại đúng giá trị (với số liệu thường gặp là ≤ 10 chữ số
 *   thập phân; số rất nhỏ như 1e-12 vẫn được viết đủ để đọc lại không sai). Số 0 âm được viết là "0".
 * Giá trị không hữu hạn (NaN, vô cực) gây RangeError.
 */
export function formatVnNumber(value: number, decimals?: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Không viết được giá trị không hữu hạn (${String(value)}) thành số`);
  }
  let plain: string;
  let negative: boolean;
  if (decimals === undefined) {
    negative = value < 0;
    plain = plainDecimal(Math.abs(value));
  } else {
    const d = Math.max(0, Math.min(20, Math.trunc(decimals)));
    const r = roundTo(value, d);
    negative = r < 0;
    const abs = Math.abs(r);
    plain = abs < 1e21 ? abs.toFixed(d) : plainDecimal(abs) + (d > 0 ? "." + "0".repeat(d) : "");
  }
  const dot = plain.indexOf(".");
  const intPart = dot < 0 ? plain : plain.slice(0, dot);
  const fracPart = dot < 0 ? "" : plain.slice(dot + 1);
  const body = groupThousands(intPart) + (fracPart.length > 0 ? "," + fracPart : "");
  const isZero = /^[0,.]*$/.test(body);
  return negative && !isZero ? "-" + body : body;
}
