// Đồ thị phụ thuộc của các chỉ tiêu tính toán: thứ tự tính (tô-pô), vòng lặp và tham chiếu không tồn tại,
// tất cả gọi bằng mã chỉ tiêu.

import { evaluateExpressionDetailed, expressionRefs, parseExpression, ExpressionSyntaxError } from "./expression.js";
import type { Expression } from "./expression.js";

export interface ComputedDefinition {
  code: string;
  expression: string;
}

export interface DependencyGraph {
  /** Thứ tự tính: mỗi mã đứng sau mọi mã tính toán mà nó dùng. Không gồm mã nằm trong vòng lặp, phụ thuộc vào
   * vòng lặp hoặc có biểu thức sai. */
  order: string[];
  /** Các vòng lặp, mỗi vòng là danh sách mã theo chiều phụ thuộc (A dùng B, B dùng A → ["A", "B"]). */
  cycles: string[][];
  /** Tham chiếu tới mã không có trong danh mục lẫn trong các định nghĩa. */
  unknown: Array<{ code: string; ref: string }>;
  /** Định nghĩa có biểu thức sai cú pháp hoặc mã trùng. */
  errors: Array<{ code: string; message: string }>;
  /** Mã không tính được vì phụ thuộc (trực tiếp hay gián tiếp) vào vòng lặp hoặc biểu thức sai. */
  blocked: string[];
  /** Các tham chiếu của từng định nghĩa (chỉ định nghĩa đọc được). */
  refs: Record<string, string[]>;
}

interface Parsed {
  code: string;
  expr: Expression;
  refs: string[];
}

function parseDefinitions(defs: readonly ComputedDefinition[]): { parsed: Map<string, Parsed>; errors: Array<{ code: string; message: string }> } {
  const parsed = new Map<string, Parsed>();
  const errors: Array<{ code: string; message: string }> = [];
  const seen = new Set<string>();
  for (const d of defs) {
    if (seen.has(d.code)) {
      errors.push({ code: d.code, message: `Chỉ tiêu ${d.code} được định nghĩa công thức hơn một lần` });
      parsed.delete(d.code);
      continue;
    }
    seen.add(d.code);
    try {
      const expr = parseExpression(d.expression);
      parsed.set(d.code, { code: d.code, expr, refs: expressionRefs(expr) });
    } catch (err) {
      if (!(err instanceof ExpressionSyntaxError)) throw err;
      errors.push({ code: d.code, message: `Công thức của ${d.code}: ${err.message}` });
    }
  }
  return { parsed, errors };
}

/**
 * Lập đồ thị phụ thuộc. `knownCodes`: mã các chỉ tiêu nhập liệu (và mọi mã khác có giá trị); mã của các định
 * nghĩa luôn được coi là đã biết.
 */
export function buildDependencyGraph(defs: readonly ComputedDefinition[], knownCodes: Iterable<string>): DependencyGraph {
  const { parsed, errors } = parseDefinitions(defs);
  const known = new Set(knownCodes);
  const defCodes = new Set(defs.map((d) => d.code));
  const unknown: Array<{ code: string; ref: string }> = [];
  const refs: Record<string, string[]> = {};
  for (const p of parsed.values()) {
    refs[p.code] = p.refs;
    for (const r of p.refs) if (!known.has(r) && !defCodes.has(r)) unknown.push({ code: p.code, ref: r });
  }

  // Tarjan tìm thành phần liên thông mạnh trên các định nghĩa đọc được (cạnh: mã → mã tính toán nó dùng).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let counter = 0;
  const cycles: string[][] = [];
  const inCycle = new Set<string>();
  const strong = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of parsed.get(v)!.refs) {
      if (!parsed.has(w)) continue;
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      const selfLoop = comp.length === 1 && parsed.get(v)!.refs.includes(v);
      if (comp.length > 1 || selfLoop) {
        const ordered = orderCycle(comp, parsed);
        cycles.push(ordered);
        for (const c of comp) inCycle.add(c);
      }
    }
  };
  for (const code of parsed.keys()) if (!index.has(code)) strong(code);

  // Thứ tự tô-pô (DFS hậu thứ tự), bỏ mã trong vòng lặp và mã phụ thuộc vào mã không tính được.
  const bad = new Set<string>([...inCycle]);
  for (const e of errors) bad.add(e.code);
  const order: string[] = [];
  const blocked: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (v: string): boolean => {
    // trả về true nếu v tính được
    const st = state.get(v);
    if (st === "done") return !bad.has(v);
    if (st === "visiting") return false;
    state.set(v, "visiting");
    let ok = !bad.has(v);
    const p = parsed.get(v);
    if (p === undefined) ok = false;
    else {
      for (const w of p.refs) {
        if (!defCodes.has(w)) continue;
        if (!visit(w)) ok = false;
      }
    }
    state.set(v, "done");
    if (ok) order.push(v);
    else {
      if (!bad.has(v) && p !== undefined) blocked.push(v);
      bad.add(v);
    }
    return ok;
  };
  for (const d of defs) visit(d.code);
  return { order, cycles, unknown, errors, blocked, refs };
}

/** Xoay vòng lặp để bắt đầu từ mã nhỏ nhất và đi theo chiều "dùng". */
function orderCycle(comp: string[], parsed: Map<string, Parsed>): string[] {
  const members = new Set(comp);
  const start = [...comp].sort()[0]!;
  const out = [start];
  const seen = new Set([start]);
  let cur = start;
  for (;;) {
    const next = parsed.get(cur)!.refs.find((r) => members.has(r) && !seen.has(r));
    if (next === undefined) break;
    out.push(next);
    seen.add(next);
    cur = next;
  }
  for (const c of [...comp].sort()) if (!seen.has(c)) out.push(c);
  return out;
}

export interface ComputeAllResult {
  values: Record<string, number | null>;
  /** Lý do từng mã tính toán không có giá trị. */
  reasons: Record<string, string>;
  graph: DependencyGraph;
}

/**
 * Tính mọi chỉ tiêu tính toán cho một kỳ từ giá trị nhập (`baseValues`). Mã trong vòng lặp, phụ thuộc vòng lặp
 * hoặc có biểu thức sai cho null với lý do.
 */
export function computeAll(
  defs: readonly ComputedDefinition[],
  baseValues: Readonly<Record<string, number | null | undefined>> | ReadonlyMap<string, number | null | undefined>,
): ComputeAllResult {
  const base: ReadonlyMap<string, number | null | undefined> =
    baseValues instanceof Map
      ? (baseValues as ReadonlyMap<string, number | null | undefined>)
      : new Map<string, number | null | undefined>(
          Object.entries(baseValues as Readonly<Record<string, number | null | undefined>>),
        );
  const graph = buildDependencyGraph(defs, base.keys());
  const values: Record<string, number | null> = {};
  const reasons: Record<string, string> = {};
  const { parsed } = parseDefinitions(defs);
  const lookup = (code: string): number | null => {
    if (Object.prototype.hasOwnProperty.call(values, code)) return values[code] ?? null;
    const v = base.get(code);
    return v === undefined ? null : v;
  };
  for (const code of graph.order) {
    const p = parsed.get(code)!;
    const r = evaluateExpressionDetailed(p.expr, lookup);
    values[code] = r.value;
    if (r.reason !== undefined) reasons[code] = r.reason;
  }
  const cycleOf = new Map<string, string[]>();
  for (const c of graph.cycles) for (const code of c) cycleOf.set(code, c);
  for (const d of defs) {
    if (Object.prototype.hasOwnProperty.call(values, d.code)) continue;
    values[d.code] = null;
    const cyc = cycleOf.get(d.code);
    const err = graph.errors.find((e) => e.code === d.code);
    if (err !== undefined) reasons[d.code] = err.message;
    else if (cyc !== undefined) reasons[d.code] = `Công thức vòng lặp: ${[...cyc, cyc[0]!].join(" → ")}`;
    else reasons[d.code] = `Phụ thuộc vào chỉ tiêu không tính được (${(graph.refs[d.code] ?? []).filter((r) => !graph.order.includes(r) && defs.some((x) => x.code === r)).join(", ")})`;
  }
  return { values, reasons, graph };
}
