// A plain bordered list table for NĐ 30 appendices (tiếp thu/giải trình table, Phụ lục nhiệm vụ …): fixed layout with
// explicit column widths (LibreOffice draws auto layouts wrongly), a repeated shaded header row, rows that do not
// split across pages, and a placeholder row when the list is empty. A "\n" in a cell starts a new paragraph.

import { AlignmentType, BorderStyle, LineRuleType, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlignTable, WidthType } from "docx";
import { run } from "./nd30.js";

const THIN = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN } as const;

export interface ListTableOptions {
  columns: readonly string[];
  /** Relative column widths, one per column. */
  shares: readonly number[];
  /** Total width in twips (DXA). */
  width: number;
  rows: readonly (readonly string[])[];
  /** Font size in points. */
  fontSize: number;
  /** Columns whose cells are centred (the header is always centred). */
  centered?: readonly number[];
  emptyText: string;
  /** Left/right cell margin in twips. */
  marginX?: number;
  /** Keep each body row on one page (default true; false for rows that may be long, like comments). */
  keepRows?: boolean;
}

function cellParagraph(text: string, size: number, opts: { bold?: boolean; center?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { before: 20, after: 20, line: 240, lineRule: LineRuleType.AUTO },
    indent: { firstLine: 0 },
    children: [run(text, { size, bold: opts.bold ?? false })],
  });
}

export function columnWidths(shares: readonly number[], width: number): number[] {
  const total = shares.reduce((s, x) => s + x, 0);
  const widths = shares.map((s) => Math.floor((s * width) / total));
  widths[widths.length - 1]! += width - widths.reduce((s, w) => s + w, 0);
  return widths;
}

export function listTable(o: ListTableOptions): Table {
  if (o.shares.length !== o.columns.length) throw new Error("listTable: one share per column");
  const widths = columnWidths(o.shares, o.width);
  const centered = new Set(o.centered ?? []);
  const marginX = o.marginX ?? 50;
  const cell = (children: Paragraph[], i: number, shade = false) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 15, bottom: 15, left: marginX, right: marginX },
      ...(shade ? { shading: { fill: "F2F2F2" } } : {}),
      children,
    });
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: o.columns.map((t, i) => cell([cellParagraph(t, o.fontSize, { bold: true, center: true })], i, true)) });
  const body = o.rows.map(
    (r) => new TableRow({ cantSplit: o.keepRows ?? true, children: r.map((text, i) => cell(text.split("\n").map((line) => cellParagraph(line, o.fontSize, { center: centered.has(i) })), i)) }),
  );
  const empty = new TableRow({
    children: [new TableCell({ columnSpan: o.columns.length, width: { size: o.width, type: WidthType.DXA }, children: [cellParagraph(o.emptyText, o.fontSize, { center: true })] })],
  });
  return new Table({ layout: TableLayoutType.FIXED, width: { size: o.width, type: WidthType.DXA }, columnWidths: widths, borders: BORDERS, rows: [header, ...(body.length ? body : [empty])] });
}
