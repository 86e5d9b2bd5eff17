// Section HTML (the editor's sanitised subset) → NĐ 30 paragraphs and tables.
//   p, div              body paragraph (justified, first-line indent)
//   h3–h6               bold (h3, h4) / bold italic (h5, h6) sub-headings inside a section
//   strong b, em i, u, s strike del, sup, sub, br
//   ul / ol / li        "- " / "1. " / nested "+ " lines with a hanging indent
//   table tr th td      fixed-layout table, widths from the content, colspan and rowspan kept, th bold centred
//   sup[data-footnote]  a real footnote with that text (the sup's own text is ignored); also
//   span.footnote / [data-footnote] on any inline element.
// Footnote encoding: FOOTNOTE_ATTRIBUTE below is the single place to adapt to the section editor.

import { AlignmentType, BorderStyle, FootnoteReferenceRun, LineRuleType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType, type ParagraphChild } from "docx";
import { parseDocument } from "htmlparser2";
import { bodyParagraph, ND30, pt, run, textWidth, type FootnoteRegistry, type RunStyle } from "./nd30.js";

export const FOOTNOTE_ATTRIBUTE = "data-footnote";

interface HNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HNode[];
}

export interface HtmlToDocxOptions {
  footnotes: FootnoteRegistry;
  /** Width available for tables (twips). */
  width?: number;
  /** Body font size (points). */
  size?: number;
}

type Block = Paragraph | Table;

const BLOCK_TAGS = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote"]);

function decode(text: string): string {
  return text.replace(/\s+/g, " ");
}

function footnoteText(node: HNode): string | null {
  const a = node.attribs?.[FOOTNOTE_ATTRIBUTE];
  if (a !== undefined && a.trim() !== "") return a.trim();
  if (node.attribs?.class?.split(/\s+/).includes("footnote")) return textOf(node).trim() || null;
  return null;
}

/** Plain text of a node (for widths and the plain-text snapshot). */
export function textOf(node: HNode): string {
  if (node.type === "text") return node.data ?? "";
  if (node.name === "br") return "\n";
  if (node.attribs?.[FOOTNOTE_ATTRIBUTE] !== undefined) return "";
  return (node.children ?? []).map(textOf).join("");
}

function inlineRuns(nodes: HNode[], style: RunStyle, opts: HtmlToDocxOptions): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const n of nodes) {
    if (n.type === "text") {
      const t = decode(n.data ?? "");
      if (t) out.push(run(t, style));
      continue;
    }
    if (n.type !== "tag") continue;
    const note = footnoteText(n);
    if (note !== null) {
      out.push(new FootnoteReferenceRun(opts.footnotes.add(note)));
      continue;
    }
    const kids = n.children ?? [];
    switch (n.name) {
      case "br":
        out.push(new TextRun({ break: 1 }));
        break;
      case "strong":
      case "b":
        out.push(...inlineRuns(kids, { ...style, bold: true }, opts));
        break;
      case "em":
      case "i":
        out.push(...inlineRuns(kids, { ...style, italics: true }, opts));
        break;
      case "u":
        out.push(...inlineRuns(kids, { ...style, underline: true }, opts));
        break;
      case "s":
      case "strike":
      case "del":
        out.push(...inlineRuns(kids, { ...style, strike: true }, opts));
        break;
      case "sup":
        out.push(...inlineRuns(kids, { ...style, superScript: true }, opts));
        break;
      case "sub":
        out.push(...inlineRuns(kids, { ...style, subScript: true }, opts));
        break;
      default:
        out.push(...inlineRuns(kids, style, opts));
    }
  }
  return out;
}

function isBlank(nodes: HNode[]): boolean {
  return nodes.every((n) => (n.type === "text" ? !(n.data ?? "").trim() : n.type === "tag" && n.name !== "br" && footnoteText(n) === null && isBlank(n.children ?? [])));
}

function listBlocks(node: HNode, depth: number, opts: HtmlToDocxOptions): Block[] {
  const ordered = node.name === "ol";
  const out: Block[] = [];
  let index = Number(node.attribs?.start ?? "1") || 1;
  for (const li of node.children ?? []) {
    if (li.type !== "tag" || li.name !== "li") continue;
    const inline = (li.children ?? []).filter((c) => !(c.type === "tag" && (c.name === "ul" || c.name === "ol")));
    const nested = (li.children ?? []).filter((c) => c.type === "tag" && (c.name === "ul" || c.name === "ol"));
    const marker = ordered ? `${index}. ` : depth === 0 ? "- " : "+ ";
    index += 1;
    out.push(bodyParagraph([run(marker, { size: opts.size }), ...inlineRuns(flattenBlocks(inline), { size: opts.size }, opts)], { indent: true, left: depth * 567 }));
    for (const n of nested) out.push(...listBlocks(n, depth + 1, opts));
  }
  return out;
}

/** Inline content of an li that may hold <p> wrappers. */
function flattenBlocks(nodes: HNode[]): HNode[] {
  const out: HNode[] = [];
  for (const n of nodes) {
    if (n.type === "tag" && (n.name === "p" || n.name === "div")) {
      if (out.length) out.push({ type: "tag", name: "br", children: [] });
      out.push(...(n.children ?? []));
    } else out.push(n);
  }
  return out;
}

interface GridCell {
  node: HNode;
  row: number;
  col: number;
  colSpan: number;
  rowSpan: number;
  header: boolean;
}

/** Lays out the rows of an HTML table on a grid (colspan, rowspan) and returns the cells and the column count. */
export function tableGrid(table: HNode): { cells: GridCell[]; rows: number; cols: number } {
  const trs: HNode[] = [];
  const collect = (n: HNode) => {
    for (const c of n.children ?? []) {
      if (c.type !== "tag") continue;
      if (c.name === "tr") trs.push(c);
      else if (c.name === "thead" || c.name === "tbody" || c.name === "tfoot") collect(c);
    }
  };
  collect(table);
  const occupied: boolean[][] = [];
  const cells: GridCell[] = [];
  let cols = 0;
  trs.forEach((tr, r) => {
    occupied[r] ??= [];
    let c = 0;
    for (const td of tr.children ?? []) {
      if (td.type !== "tag" || (td.name !== "td" && td.name !== "th")) continue;
      while (occupied[r][c]) c++;
      const colSpan = Math.max(1, Math.min(50, Number(td.attribs?.colspan ?? "1") || 1));
      const rowSpan = Math.max(1, Math.min(trs.length - r, Number(td.attribs?.rowspan ?? "1") || 1));
      for (let i = 0; i < rowSpan; i++) {
        occupied[r + i] ??= [];
        for (let j = 0; j < colSpan; j++) occupied[r + i]![c + j] = true;
      }
      cells.push({ node: td, row: r, col: c, colSpan, rowSpan, header: td.name === "th" });
      c += colSpan;
      cols = Math.max(cols, c);
    }
  });
  return { cells, rows: trs.length, cols };
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
export const TABLE_BORDERS = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER, insideHorizontal: CELL_BORDER, insideVertical: CELL_BORDER } as const;

/** Column widths (twips) summing to `width`, proportional to the square root of each column's longest text. */
export function columnWidths(lengths: number[], width: number, min = 500): number[] {
  const weights = lengths.map((l) => Math.sqrt(Math.max(2, Math.min(l, 400))));
  const total = weights.reduce((s, w) => s + w, 0) || 1;
  const raw = weights.map((w) => Math.max(min, Math.round((w / total) * width)));
  const scale = width / raw.reduce((s, w) => s + w, 0);
  const out = raw.map((w) => Math.floor(w * scale));
  out[out.length - 1]! += width - out.reduce((s, w) => s + w, 0);
  return out;
}

function tableBlock(node: HNode, opts: HtmlToDocxOptions): Table | null {
  const grid = tableGrid(node);
  if (grid.cols === 0 || grid.rows === 0) return null;
  const width = opts.width ?? textWidth();
  const lengths = Array.from({ length: grid.cols }, () => 2);
  for (const c of grid.cells) if (c.colSpan === 1) lengths[c.col] = Math.max(lengths[c.col]!, textOf(c.node).trim().length);
  const widths = columnWidths(lengths, width, Math.min(500, Math.floor(width / grid.cols)));
  const size = Math.min(opts.size ?? ND30.sizes.table, ND30.sizes.table);
  // Leading rows made only of <th> repeat on every page.
  let leadingHeaderRows = 0;
  while (leadingHeaderRows < grid.rows) {
    const cells = grid.cells.filter((c) => c.row === leadingHeaderRows);
    if (cells.length === 0 || !cells.every((c) => c.header)) break;
    leadingHeaderRows++;
  }
  const rows: TableRow[] = [];
  for (let r = 0; r < grid.rows; r++) {
    const rowCells = grid.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
    rows.push(
      new TableRow({
        tableHeader: r < leadingHeaderRows,
        cantSplit: true,
        children: rowCells.map((c) => {
          const w = widths.slice(c.col, c.col + c.colSpan).reduce((s, x) => s + x, 0);
          const numeric = /^[-+]?[\d.,%\s]+$/.test(textOf(c.node).trim());
          const kids = c.node.children ?? [];
          const paragraphs = blocksOf(kids, { ...opts, size, width: w - 110 }).map((b) => b);
          const inline = paragraphs.length === 0 || !kids.some((k) => k.type === "tag" && BLOCK_TAGS.has(k.name ?? ""));
          return new TableCell({
            width: { size: w, type: WidthType.DXA },
            ...(c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
            ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
            verticalAlign: VerticalAlignTable.CENTER,
            margins: { top: 20, bottom: 20, left: 55, right: 55 },
            children: inline
              ? [
                  new Paragraph({
                    alignment: c.header ? AlignmentType.CENTER : numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
                    spacing: { before: 20, after: 20, line: 240, lineRule: LineRuleType.AUTO },
                    indent: { firstLine: 0 },
                    children: inlineRuns(kids, { size, bold: c.header }, opts),
                  }),
                ]
              : paragraphs.filter((p): p is Paragraph => p instanceof Paragraph),
          });
        }),
      }),
    );
  }
  return new Table({ layout: TableLayoutType.FIXED, width: { size: width, type: WidthType.DXA }, columnWidths: widths, borders: TABLE_BORDERS, rows });
}

function blocksOf(nodes: HNode[], opts: HtmlToDocxOptions): Block[] {
  const out: Block[] = [];
  let pending: HNode[] = [];
  const size = opts.size ?? ND30.sizes.body;
  const flush = () => {
    if (pending.length && !isBlank(pending)) out.push(bodyParagraph(inlineRuns(pending, { size }, opts)));
    pending = [];
  };
  for (const n of nodes) {
    if (n.type !== "tag" || !BLOCK_TAGS.has(n.name ?? "")) {
      if (n.type === "text" || n.type === "tag") pending.push(n);
      continue;
    }
    flush();
    const kids = n.children ?? [];
    switch (n.name) {
      case "p":
      case "div":
      case "blockquote": {
        if (kids.some((k) => k.type === "tag" && BLOCK_TAGS.has(k.name ?? ""))) out.push(...blocksOf(kids, opts));
        else if (!isBlank(kids)) {
          const align = /text-align:\s*center/.test(n.attribs?.style ?? "") ? "center" : /text-align:\s*right/.test(n.attribs?.style ?? "") ? "right" : "justify";
          out.push(bodyParagraph(inlineRuns(kids, { size, ...(n.name === "blockquote" ? { italics: true } : {}) }, opts), { alignment: align }));
        }
        break;
      }
      case "h1":
      case "h2":
      case "h3":
      case "h4":
        out.push(bodyParagraph(inlineRuns(kids, { size, bold: true }, opts), { keepNext: true }));
        break;
      case "h5":
      case "h6":
        out.push(bodyParagraph(inlineRuns(kids, { size, bold: true, italics: true }, opts), { keepNext: true }));
        break;
      case "ul":
      case "ol":
        out.push(...listBlocks(n, 0, opts));
        break;
      case "table": {
        const t = tableBlock(n, opts);
        if (t) {
          out.push(t);
          // A paragraph after a table keeps consecutive tables apart and gives the caption spacing.
          out.push(new Paragraph({ spacing: { before: 0, after: 0 }, children: [new TextRun({ text: "", size: pt(6) })] }));
        }
        break;
      }
    }
  }
  flush();
  return out;
}

/** Converts section HTML to paragraphs and tables; footnotes are registered in `opts.footnotes`. */
export function htmlToDocx(html: string, opts: HtmlToDocxOptions): Block[] {
  const doc = parseDocument(html, { decodeEntities: true }) as unknown as HNode;
  return blocksOf(doc.children ?? [], opts);
}

/** Plain text of section HTML, paragraphs separated by new lines (for snapshots and word counts). */
export function htmlToPlainText(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true }) as unknown as HNode;
  const lines: string[] = [];
  const walk = (nodes: HNode[]) => {
    let buf = "";
    for (const n of nodes) {
      if (n.type === "tag" && (BLOCK_TAGS.has(n.name ?? "") || n.name === "li" || n.name === "tr")) {
        if (buf.trim()) lines.push(buf.replace(/\s+/g, " ").trim());
        buf = "";
        if (n.name === "tr") lines.push((n.children ?? []).map((c) => textOf(c).replace(/\s+/g, " ").trim()).filter(Boolean).join(" | "));
        else walk(n.children ?? []);
      } else buf += textOf(n);
    }
    if (buf.trim()) lines.push(buf.replace(/\s+/g, " ").trim());
  };
  walk(doc.children ?? []);
  return lines.join("\n");
}
