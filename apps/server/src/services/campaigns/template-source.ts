import { isCollection, isPair, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";

/** Largest template accepted (bytes of UTF-8 text). */
export const MAX_TEMPLATE_BYTES = 5 * 1024 * 1024;

/** One problem found in a template, located by its YAML path and, when known, line and column (1-based). */
export interface TemplateProblem {
  /** YAML path such as "outline[3].children[0].label"; "(gốc)" for the whole document. */
  path: string;
  line: number | null;
  column: number | null;
  message: string;
}

export type PathSegment = string | number;

/** YAML path text of segments: outline[3].children[0].label */
export function yamlPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const s of segments) out += typeof s === "number" ? `[${s}]` : out === "" ? s : `.${s}`;
  return out === "" ? "(gốc)" : out;
}

/** "dòng 12, cột 5" / "dòng 12" / "" */
export function formatLocation(p: Pick<TemplateProblem, "line" | "column">): string {
  if (p.line == null) return "";
  return p.column == null ? `dòng ${p.line}` : `dòng ${p.line}, cột ${p.column}`;
}

/** One problem as a Vietnamese line: "outline[3].label (dòng 12, cột 5): Nhãn … trùng …". */
export function formatProblem(p: TemplateProblem): string {
  const where = formatLocation(p);
  return `${p.path}${where ? ` (${where})` : ""}: ${p.message}`;
}

// yaml error codes → Vietnamese (the library's own messages are English).
const YAML_ERRORS: Record<string, string> = {
  ALIAS_PROPS: "bí danh (alias) không được có thẻ hay neo",
  BAD_ALIAS: "bí danh (alias) không hợp lệ",
  BAD_DIRECTIVE: "chỉ thị YAML không hợp lệ",
  BAD_DQ_ESCAPE: "ký tự thoát trong chuỗi nháy kép không hợp lệ",
  BAD_INDENT: "thụt lề sai",
  BAD_PROP_ORDER: "thứ tự thẻ/neo không hợp lệ",
  BAD_SCALAR_START: "giá trị bắt đầu bằng ký tự không hợp lệ (đặt giá trị trong dấu nháy)",
  BLOCK_AS_IMPLICIT_KEY: "khối lồng không thể làm khóa (thiếu dấu hai chấm hoặc thụt lề sai)",
  BLOCK_IN_FLOW: "khối lồng không được nằm trong [ ] hoặc { }",
  DUPLICATE_KEY: "khóa bị ghi hai lần trong cùng một đối tượng",
  IMPOSSIBLE: "cấu trúc không đọc được",
  KEY_OVER_1024_CHARS: "khóa dài quá 1024 ký tự",
  MISSING_CHAR: "thiếu ký tự đóng (dấu nháy, ngoặc hoặc dấu hai chấm)",
  MULTILINE_IMPLICIT_KEY: "khóa không được trải trên nhiều dòng (thiếu dấu hai chấm?)",
  MULTIPLE_ANCHORS: "một nút có nhiều neo",
  MULTIPLE_DOCS: "tệp chỉ được có một tài liệu YAML (bỏ dòng ---)",
  MULTIPLE_TAGS: "một nút có nhiều thẻ",
  TAB_AS_INDENT: "dùng phím Tab để thụt lề (YAML chỉ cho phép dấu cách)",
  TAG_RESOLVE_FAILED: "không hiểu thẻ kiểu dữ liệu",
  UNEXPECTED_TOKEN: "ký hiệu không mong đợi",
};

export type ParsedSource =
  | { ok: true; data: unknown; locate: Locator }
  | { ok: false; problems: TemplateProblem[] };

/** Finds the line/column of a path in the parsed document (nearest existing ancestor when the path is missing). */
export interface Locator {
  at(segments: readonly PathSegment[]): { line: number | null; column: number | null };
  /** Position of a character offset inside a single-line scalar at `segments` (for "ký tự 5 of the target"). */
  within(segments: readonly PathSegment[], offset: number): { line: number | null; column: number | null };
  problem(segments: readonly PathSegment[], message: string): TemplateProblem;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Reads YAML (or JSON, which is YAML) text: syntax errors with line and column, in Vietnamese. */
export function parseTemplateSource(text: string): ParsedSource {
  const size = byteLength(text);
  if (size > MAX_TEMPLATE_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1).replace(".", ",");
    return {
      ok: false,
      problems: [{ path: "(gốc)", line: null, column: null, message: `Tệp mẫu lớn ${mb} MB, vượt giới hạn 5 MB` }],
    };
  }
  if (text.trim() === "") {
    return { ok: false, problems: [{ path: "(gốc)", line: null, column: null, message: "Tệp mẫu rỗng" }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: "1.2" });
  const syntax = [...doc.errors];
  if (syntax.length) {
    return {
      ok: false,
      problems: syntax.slice(0, 20).map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        const what = YAML_ERRORS[e.code] ?? "cú pháp không hợp lệ";
        return { path: "(cú pháp YAML)", line: pos.line, column: pos.col, message: `Lỗi cú pháp YAML: ${what}` };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    const msg = err instanceof Error && /alias/i.test(err.message) ? "quá nhiều bí danh (alias) lồng nhau" : "không đọc được nội dung";
    return { ok: false, problems: [{ path: "(gốc)", line: null, column: null, message: `Lỗi YAML: ${msg}` }] };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return {
      ok: false,
      problems: [{ path: "(gốc)", line: 1, column: 1, message: "Tệp mẫu phải là một đối tượng YAML (các dòng \"khóa: giá trị\")" }],
    };
  }
  return { ok: true, data, locate: locator(doc, lineCounter, text) };
}

function locator(doc: Document, lc: LineCounter, text: string): Locator {
  const nodeAt = (segments: readonly PathSegment[]): { node: YamlNode | null; exact: boolean } => {
    let cur: unknown = doc.contents;
    let last: YamlNode | null = doc.contents ?? null;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      if (!isCollection(cur)) return { node: last, exact: false };
      const items = cur.items as unknown[];
      let next: unknown;
      if (typeof seg === "number") {
        next = items[seg];
      } else {
        const pair = items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
        if (isPair(pair)) {
          next = pair.value ?? pair.key;
          // A missing value ("lead:" with nothing): point at the key.
          if (pair.value == null) return { node: pair.key as YamlNode, exact: i === segments.length - 1 };
        }
      }
      if (next == null) return { node: last, exact: false };
      cur = next;
      last = next as YamlNode;
    }
    return { node: last, exact: true };
  };
  const pos = (node: YamlNode | null) => {
    const start = node?.range?.[0];
    if (start == null) return { line: null, column: null };
    const p = lc.linePos(start);
    return { line: p.line, column: p.col };
  };
  return {
    at: (segments) => pos(nodeAt(segments).node),
    within(segments, offset) {
      const { node, exact } = nodeAt(segments);
      const base = pos(node);
      if (!exact || !isScalar(node) || base.line == null || base.column == null || !node.range) return base;
      const src = text.slice(node.range[0], node.range[1]);
      if (src.includes("\n")) return base;
      const quote = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE" ? 1 : 0;
      // Only exact for plain or simply quoted text without escapes.
      if (quote && /\\|''/.test(src)) return base;
      return { line: base.line, column: base.column + quote + offset };
    },
    problem(segments, message) {
      const p = pos(nodeAt(segments).node);
      return { path: yamlPath(segments), line: p.line, column: p.column, message };
    },
  };
}
