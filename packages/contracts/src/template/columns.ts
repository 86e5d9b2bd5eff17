import type {
  TemplateAppendix,
  TemplateArea,
  TemplateColumn,
  TemplateIndicatorsAppendix,
  TemplateRecordsAppendix,
} from "./campaign-template.schema.js";

/** Cột số liệu (lá) của phụ lục chỉ tiêu sau khi triển khai nhóm năm / địa bàn. */
export type ExpandedTemplateDataColumn =
  | { kind: "value"; key: string; title: string; period: string; area: string; mode: "input" | "computed"; number: number }
  | { kind: "target" | "evaluation" | "proposal"; key: string; title: string; period: string; number: number }
  | { kind: "note"; key: string; title: string; number: number };

/** Mọi cột theo thứ tự hiển thị, kể cả cột đầu (TT, tên, ĐVT), cột số thứ tự / cột danh sách và cột cơ quan. */
export type ExpandedTemplateColumn =
  | { kind: "tt" | "name" | "unit" | "agency" | "rowNumber"; key: string; title: string }
  | { kind: "record"; key: string; title: string }
  | ExpandedTemplateDataColumn;

/** Một ô của tiêu đề nhiều tầng. `col` là chỉ số cột (0-based) của ô đầu tiên mà ô phủ. */
export interface TemplateHeaderCell {
  title: string;
  col: number;
  colSpan: number;
  rowSpan: number;
  /** Khóa cột nếu ô là tiêu đề của một cột lá. */
  key?: string;
}

export interface ExpandedTemplateColumns {
  /** Cột số liệu (phụ lục chỉ tiêu) hoặc cột danh sách (phụ lục danh sách), theo thứ tự. */
  leaves: ExpandedTemplateColumn[];
  /** Mọi cột theo thứ tự hiển thị. */
  columns: ExpandedTemplateColumn[];
  /** Các hàng tiêu đề, mỗi hàng là danh sách ô theo thứ tự cột; ô phủ nhiều hàng chỉ xuất hiện ở hàng đầu. */
  header: TemplateHeaderCell[][];
  /** Dòng đánh số cột (A, B, C, 1, 2…) nếu phụ lục yêu cầu; một phần tử cho mỗi cột trong `columns`. */
  numbers?: string[];
}

export class TemplateColumnExpansionError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
    this.name = "TemplateColumnExpansionError";
  }
}

const RANGE = /^(\d{4})-(\d{4})$/;

/** Các năm của một kỳ "2019-2023" (hoặc một năm "2023"); rỗng nếu kỳ không hợp lệ. */
export function templatePeriodYears(period: string): number[] {
  const m = RANGE.exec(period);
  if (!m) return /^\d{4}$/.test(period) ? [Number(period)] : [];
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (!(from < to) || to - from > 200) return [];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function primaryArea(areas: readonly TemplateArea[]): string {
  return (areas.find((a) => a.primary) ?? areas[0])?.code ?? "";
}

interface Node {
  title: string;
  key?: string;
  leaf?: ExpandedTemplateDataColumn;
  children: Node[];
  path: (string | number)[];
}

/**
 * Triển khai cây cột của một phụ lục thành các cột lá theo thứ tự và ma trận tiêu đề (colSpan / rowSpan) cho lưới nhập liệu,
 * Excel và Word. Hàm thuần, không kiểm tra tham chiếu (lược đồ đã kiểm tra); ném TemplateColumnExpansionError nếu cây cột sai cấu trúc.
 *
 * @param areas địa bàn của mẫu: xác định địa bàn mặc định (primary) và tên địa bàn cho nhóm `areas`.
 */
export function expandColumns(appendix: TemplateAppendix, areas: readonly TemplateArea[] = []): ExpandedTemplateColumns {
  return appendix.kind === "indicators" ? expandIndicatorColumns(appendix, areas) : expandRecordColumns(appendix);
}

function expandRecordColumns(appendix: TemplateRecordsAppendix): ExpandedTemplateColumns {
  const columns: ExpandedTemplateColumn[] = [];
  if (appendix.rowNumberColumn) columns.push({ kind: "rowNumber", key: "#tt", title: appendix.rowNumberColumn.title });
  const leaves: ExpandedTemplateColumn[] = appendix.columns.map((c) => ({ kind: "record", key: c.key, title: c.title }));
  columns.push(...leaves);
  if (appendix.agencyColumn) columns.push({ kind: "agency", key: "#agency", title: appendix.agencyColumn.title });
  const header = [columns.map((c, i): TemplateHeaderCell => ({ title: c.title, col: i, colSpan: 1, rowSpan: 1, key: c.key }))];
  return { leaves, columns, header };
}

function expandIndicatorColumns(appendix: TemplateIndicatorsAppendix, areas: readonly TemplateArea[]): ExpandedTemplateColumns {
  const defaultArea = primaryArea(areas);
  const areaName = new Map(areas.map((a) => [a.code, a.name]));
  let noteCount = 0;
  const explicitMode = new Set<string>();

  const build = (col: TemplateColumn, path: (string | number)[]): Node => {
    switch (col.kind) {
      case "group": {
        const sources = [col.children, col.years, col.areas].filter((x) => x !== undefined).length;
        if (sources !== 1) {
          throw new TemplateColumnExpansionError(`Nhóm cột "${col.title}" phải có đúng một trong: children, years, areas`, path);
        }
        let children: Node[];
        if (col.children) {
          children = col.children.map((c, i) => build(c, [...path, "children", i]));
        } else if (col.years) {
          const { from, to, area, mode } = col.years;
          if (!(from <= to) || to - from > 200) {
            throw new TemplateColumnExpansionError(`Nhóm cột "${col.title}": năm đầu ${from} phải không lớn hơn năm cuối ${to}`, [...path, "years"]);
          }
          children = [];
          for (let y = from; y <= to; y++) {
            children.push(leafNode({ kind: "value", period: String(y), area, mode }, [...path, "years"]));
          }
        } else {
          const spec = col.areas!;
          children = spec.codes.map((code) =>
            leafNode({ kind: "value", period: spec.period, area: code, mode: spec.mode, title: areaName.get(code) ?? code }, [...path, "areas"]),
          );
        }
        return { title: col.title, children, path };
      }
      default:
        return leafNode(col, path);
    }
  };

  const leafNode = (col: Exclude<TemplateColumn, { kind: "group" }>, path: (string | number)[]): Node => {
    let leaf: ExpandedTemplateDataColumn;
    switch (col.kind) {
      case "value": {
        const area = col.area ?? defaultArea;
        // mode "computed"/"input" mặc định được xác định sau khi biết mọi cột (xem bên dưới)
        leaf = { kind: "value", key: `value:${col.period}:${area}`, title: col.title ?? col.period, period: col.period, area, mode: col.mode ?? "input", number: 0 };
        if (col.mode !== undefined) explicitMode.add(leaf.key);
        break;
      }
      case "target":
      case "evaluation":
      case "proposal":
        leaf = { kind: col.kind, key: `${col.kind}:${col.period}`, title: col.title, period: col.period, number: 0 };
        break;
      case "note":
        noteCount += 1;
        leaf = { kind: "note", key: `note:${noteCount}`, title: col.title, number: 0 };
        break;
    }
    return { title: leaf.title, key: leaf.key, leaf, children: [], path };
  };

  const roots = appendix.columns.map((c, i) => build(c, ["columns", i]));

  // Cột lá theo thứ tự, kiểm tra trùng khóa.
  const leaves: ExpandedTemplateDataColumn[] = [];
  const seen = new Map<string, (string | number)[]>();
  const collect = (n: Node, depth: number): number => {
    if (n.leaf) {
      if (seen.has(n.leaf.key)) {
        throw new TemplateColumnExpansionError(`Cột "${n.leaf.title}" trùng với một cột khác (${n.leaf.key})`, n.path);
      }
      seen.set(n.leaf.key, n.path);
      leaves.push(n.leaf);
      return depth;
    }
    return Math.max(depth, ...n.children.map((c) => collect(c, depth + 1)));
  };
  const depth = Math.max(1, ...roots.map((r) => collect(r, 1)));

  // Chế độ mặc định của cột giai đoạn: computed khi mọi năm của giai đoạn là cột số liệu cùng địa bàn trong bảng.
  const valueKeys = new Set(leaves.filter((l) => l.kind === "value").map((l) => l.key));
  leaves.forEach((l, i) => {
    l.number = i + 1;
    if (l.kind !== "value" || explicitMode.has(l.key)) return;
    const years = templatePeriodYears(l.period);
    l.mode = years.length > 1 && years.every((y) => valueKeys.has(`value:${y}:${l.area}`)) ? "computed" : "input";
  });

  const stub: ExpandedTemplateColumn[] = [
    { kind: "tt", key: "#tt", title: appendix.stubColumns.tt },
    { kind: "name", key: "#name", title: appendix.stubColumns.name },
    { kind: "unit", key: "#unit", title: appendix.stubColumns.unit },
  ];
  const tail: ExpandedTemplateColumn[] = appendix.agencyColumn ? [{ kind: "agency", key: "#agency", title: appendix.agencyColumn.title }] : [];
  const columns: ExpandedTemplateColumn[] = [...stub, ...leaves, ...tail];

  // Ma trận tiêu đề.
  const header: TemplateHeaderCell[][] = Array.from({ length: depth }, () => []);
  const row0 = header[0]!;
  stub.forEach((c, i) => row0.push({ title: c.title, col: i, colSpan: 1, rowSpan: depth, key: c.key }));
  let col = stub.length;
  const place = (n: Node, level: number): void => {
    const row = header[level]!;
    if (n.leaf) {
      row.push({ title: n.title, col, colSpan: 1, rowSpan: depth - level, key: n.leaf.key });
      col += 1;
      return;
    }
    const width = countLeaves(n);
    row.push({ title: n.title, col, colSpan: width, rowSpan: 1 });
    for (const c of n.children) place(c, level + 1);
  };
  for (const r of roots) place(r, 0);
  for (const c of tail) row0.push({ title: c.title, col: col++, colSpan: 1, rowSpan: depth, key: c.key });

  const result: ExpandedTemplateColumns = { leaves, columns, header };
  if (appendix.columnNumbers) {
    result.numbers = columns.map((c, i) => {
      if (c.kind === "tt" || c.kind === "name" || c.kind === "unit") return String.fromCharCode(65 + i);
      if (c.kind === "agency") return "";
      return String((c as ExpandedTemplateDataColumn).number);
    });
  }
  return result;
}

function countLeaves(n: Node): number {
  return n.leaf ? 1 : n.children.reduce((s, c) => s + countLeaves(c), 0);
}
