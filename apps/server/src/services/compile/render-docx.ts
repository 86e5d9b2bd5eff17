// ReportModel → DOCX per NĐ 30: header, title, the outline with its accepted text (draft marks where work is not
// accepted), figures, Nơi nhận and signature; then each appendix in its own section (new page, landscape when
// wide, own page numbering) with the template's multi-level headers.

import {
  AlignmentType,
  ImageRun,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type ISectionOptions,
} from "docx";
import { formatVnDate } from "@tonghop/domain";
import { TABLE_BORDERS, htmlToDocx } from "../../exports/docx/html-to-docx.js";
import {
  FootnoteRegistry,
  bodyParagraph,
  centered,
  closingTable,
  documentNumberText,
  headerTable,
  headingParagraph,
  nd30Document,
  nd30Section,
  packDocx,
  run,
  textWidth,
  titleBlock,
} from "../../exports/docx/nd30.js";
import type { AppendixModel, FigureModel, IndicatorAppendixModel, MissingWork, ModelItem, RecordAppendixModel, ReportModel } from "./report-model.js";

const MARK_COLOR = "C00000";

function markParagraph(marks: MissingWork[]): Paragraph {
  const text = marks.map((m) => `${m.agencyName}: ${m.stateLabel}`).join("; ");
  return bodyParagraph([run(`[Chưa tiếp nhận — ${text}]`, { italics: true, color: MARK_COLOR })]);
}

function figureBlocks(f: FigureModel, width: number): Paragraph[] {
  const maxPx = Math.round((width / 1440) * 96);
  const scale = Math.min(1, maxPx / Math.max(1, f.widthPx));
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120, after: 0 },
      indent: { firstLine: 0 },
      children: [new ImageRun({ type: "png", data: f.png, transformation: { width: Math.round(f.widthPx * scale), height: Math.round(f.heightPx * scale) } })],
    }),
    centered(`Biểu đồ ${f.number}: ${f.caption}`, { size: 13, italics: true }, { before: 60, after: 120 }),
  ];
}

function itemBlocks(item: ModelItem, model: ReportModel, footnotes: FootnoteRegistry, width: number): FileChild[] {
  const out: FileChild[] = [headingParagraph(item.label, item.title, item.kind, item.depth + 1)];
  const draft = model.mode === "draft";
  for (const c of item.contributions) {
    if (draft && item.contributions.length > 1) {
      const role = c.role === "lead" ? "chủ trì" : c.role === "cooperate" ? "phối hợp" : "cơ quan tổng hợp";
      out.push(bodyParagraph([run(`(${c.agencyName} — ${role})`, { italics: true, size: 13, color: "595959" })]));
    }
    out.push(...htmlToDocx(c.html, { footnotes, width }));
  }
  if (draft && item.marks.length) out.push(markParagraph(item.marks));
  if (draft && item.coordinatorGap) out.push(bodyParagraph([run("[Chưa có nội dung — phần do cơ quan tổng hợp viết]", { italics: true, color: MARK_COLOR })]));
  for (const f of item.figures) out.push(...figureBlocks(f, width));
  return out;
}

// ------------------------------------------------------------------------------------------------ appendices

function cellParagraph(text: string, opts: { bold?: boolean; italics?: boolean; align?: "left" | "center" | "right"; size?: number; indent?: number; superscript?: string }): Paragraph {
  const align = opts.align === "center" ? AlignmentType.CENTER : opts.align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT;
  const children = [run(text, { size: opts.size ?? 11, bold: opts.bold ?? false, italics: opts.italics ?? false })];
  if (opts.superscript) children.push(run(opts.superscript, { size: opts.size ?? 11, superScript: true }));
  return new Paragraph({
    alignment: align,
    spacing: { before: 10, after: 10, line: 240, lineRule: LineRuleType.AUTO },
    indent: { firstLine: 0, ...(opts.indent ? { left: opts.indent } : {}) },
    children,
  });
}

function cell(children: Paragraph[], width: number, span: { col?: number; row?: number } = {}, shade = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(span.col && span.col > 1 ? { columnSpan: span.col } : {}),
    ...(span.row && span.row > 1 ? { rowSpan: span.row } : {}),
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 15, bottom: 15, left: 45, right: 45 },
    ...(shade ? { shading: { fill: "F2F2F2" } } : {}),
    children,
  });
}

/** Font size of an appendix table: smaller when it has many columns. */
export function appendixFontSize(a: AppendixModel): number {
  const n = a.columns.length;
  return n > 12 ? 9 : n > 9 ? 10 : 11;
}

/**
 * Column widths (twips) of an appendix: every number column as wide as its longest value (numbers never wrap),
 * short columns as wide as their longest word, the agency column moderate, the name column the rest (at least
 * about 4 cm); when that does not fit, the number columns shrink proportionally.
 */
export function appendixColumnWidths(a: AppendixModel, width: number): number[] {
  const size = appendixFontSize(a);
  const charTw = size * 20 * 0.52;
  const pad = 120;
  const texts = (i: number): string[] =>
    a.kind === "records"
      ? a.rows.map((r) => r.cells[i] ?? "")
      : a.rows.map((r) => {
          const c = a.columns[i]!;
          if (c.kind === "tt") return r.tt;
          if (c.kind === "name") return r.name;
          if (c.kind === "unit") return r.unit;
          if (c.kind === "agency") return r.agency;
          const v = r.cells[i - 3];
          return v ? `${v.text}${v.estimate ? "*" : ""}` : "";
        });
  const longestWord = (t: string) => Math.max(0, ...t.split(/\s+/).map((w) => w.length));
  const need = a.columns.map((c, i) => {
    const values = texts(i);
    const headerWord = longestWord(c.title) * 1.1;
    const longest = Math.max(0, ...values.map((t) => t.length));
    switch (c.kind) {
      case "name":
        return { flex: true, min: 2300, want: Math.max(2300, Math.min(5200, longest * charTw * 0.55 + pad)) };
      case "agency":
        return { flex: false, min: 1100, want: Math.min(2000, Math.max(1100, longest * charTw * 0.5 + pad)) };
      case "record":
        return { flex: true, min: 1200, want: Math.max(1200, Math.min(6000, longest * charTw * 0.45 + pad)) };
      case "tt":
      case "rowNumber":
      case "unit":
        return { flex: false, min: 0, want: Math.max(longest, headerWord, 2) * charTw + pad };
      default:
        return { flex: false, min: 0, want: Math.max(longest, headerWord, 4) * charTw + pad };
    }
  });
  const fixed = need.reduce((s, n) => s + (n.flex ? 0 : n.want), 0);
  const flexWant = need.reduce((s, n) => s + (n.flex ? n.want : 0), 0);
  const flexMin = need.reduce((s, n) => s + (n.flex ? n.min : 0), 0);
  let widths: number[];
  if (fixed + flexMin <= width) {
    // Numbers fit: the flexible columns share what is left in proportion to what they want.
    const left = width - fixed;
    widths = need.map((n) => (n.flex ? Math.max(n.min, (left * n.want) / (flexWant || 1)) : n.want));
  } else {
    const k = (width - flexMin) / (fixed || 1);
    widths = need.map((n) => (n.flex ? n.min : n.want * k));
  }
  const total = widths.reduce((s, w) => s + w, 0);
  const out = widths.map((w) => Math.floor((w * width) / total));
  out[out.length - 1]! += width - out.reduce((s, w) => s + w, 0);
  return out;
}

function headerRows(a: AppendixModel, widths: number[]): TableRow[] {
  const size = appendixFontSize(a);
  const rows: TableRow[] = a.header.map(
    (line) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: line.map((h) =>
          cell([cellParagraph(h.title, { bold: true, align: "center", size })], widths.slice(h.col, h.col + h.colSpan).reduce((s, w) => s + w, 0), { col: h.colSpan, row: h.rowSpan }, true),
        ),
      }),
  );
  if (a.kind === "indicators" && a.numbers) {
    rows.push(
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: a.numbers.map((n, i) => cell([cellParagraph(n, { italics: true, align: "center", size: size - 1 })], widths[i]!)),
      }),
    );
  }
  return rows;
}

function indicatorTable(a: IndicatorAppendixModel, width: number): Table {
  const widths = appendixColumnWidths(a, width);
  const size = appendixFontSize(a);
  const body = a.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: a.columns.map((c, i) => {
          const bold = r.emphasis === "bold";
          const italics = r.emphasis === "italic";
          switch (c.kind) {
            case "tt":
              return cell([cellParagraph(r.tt, { bold, italics, align: "center", size })], widths[i]!);
            case "name":
              return cell([cellParagraph(r.name, { bold, italics, indent: Math.min(3, r.depth) * 120, size })], widths[i]!);
            case "unit":
              return cell([cellParagraph(r.unit, { italics, align: "center", size })], widths[i]!);
            case "agency":
              return cell([cellParagraph(r.agency, { size: size - 1 })], widths[i]!);
            default: {
              const v = r.cells[i - 3]!;
              const numeric = v.value !== undefined;
              return cell([cellParagraph(v.text, { bold, italics: italics || !!v.estimate, align: numeric ? "right" : "center", size, ...(v.estimate ? { superscript: "*" } : {}) })], widths[i]!);
            }
          }
        }),
      }),
  );
  return new Table({ layout: TableLayoutType.FIXED, width: { size: width, type: WidthType.DXA }, columnWidths: widths, borders: TABLE_BORDERS, rows: [...headerRows(a, widths), ...body] });
}

function recordTable(a: RecordAppendixModel, width: number): Table {
  const widths = appendixColumnWidths(a, width);
  const body = a.rows.map(
    (r) =>
      new TableRow({
        cantSplit: false,
        children: r.cells.map((t, i) => cell([cellParagraph(t, { align: a.columns[i]?.kind === "rowNumber" ? "center" : "left", size: appendixFontSize(a) })], widths[i]!)),
      }),
  );
  const empty = new TableRow({ children: [cell([cellParagraph("(Chưa có dòng nào)", { italics: true, align: "center" })], width, { col: a.columns.length })] });
  return new Table({ layout: TableLayoutType.FIXED, width: { size: width, type: WidthType.DXA }, columnWidths: widths, borders: TABLE_BORDERS, rows: [...headerRows(a, widths), ...(body.length ? body : [empty])] });
}

/** Landscape when the template says so or when the table is too wide for a portrait page. */
export function appendixOrientation(a: AppendixModel): "portrait" | "landscape" {
  return a.orientation === "landscape" || a.columns.length > 7 ? "landscape" : "portrait";
}

/** "(Kèm theo Báo cáo số 05/BC-UBND ngày 20/5/2024)" — number blank until issued. */
export function attachedTo(model: ReportModel): string {
  const kind = model.title.toLocaleLowerCase("vi").replace(/^\p{L}/u, (c) => c.toLocaleUpperCase("vi"));
  const num = documentNumberText(model.system, model.number, model.symbol).replace(/^Số:?\s*/, "");
  return `(Kèm theo ${kind} số ${num} ngày ${formatVnDate(model.date)})`;
}

export function appendixSection(a: AppendixModel, model: ReportModel): ISectionOptions {
  const orientation = appendixOrientation(a);
  const width = textWidth(orientation);
  const children: FileChild[] = [centered(a.title, { size: 14, bold: true })];
  if (a.subtitle) children.push(centered(a.subtitle, { size: 14, bold: true }));
  children.push(centered(attachedTo(model), { size: 13, italics: true }, { after: 120 }));
  if (model.mode === "draft" && a.marks.length) {
    children.push(bodyParagraph([run(`[Chưa tiếp nhận số liệu — ${a.marks.map((m) => `${m.agencyName}: ${m.stateLabel}`).join("; ")}]`, { italics: true, color: MARK_COLOR, size: 12 })], { indent: false }));
  }
  children.push(a.kind === "indicators" ? indicatorTable(a, width) : recordTable(a, width));
  if (a.kind === "indicators" && a.hasEstimates) {
    children.push(new Paragraph({ spacing: { before: 60, after: 0 }, indent: { firstLine: 0 }, children: [run("Ghi chú: ", { size: 11, bold: true, italics: true }), run("(*) Số ước thực hiện (số liệu có dấu * là số ước).", { size: 11, italics: true })] }));
  }
  return nd30Section(children, { orientation, restartNumbering: true });
}

// ------------------------------------------------------------------------------------------------ document

export interface RenderOptions {
  /** Leave the appendices out (the body alone, e.g. to count its pages). */
  bodyOnly?: boolean;
  /** Printed above the header of a draft, e.g. "Dự thảo lần 3" (default "DỰ THẢO"). */
  draftLabel?: string;
}

export function renderReport(model: ReportModel, opts: RenderOptions = {}) {
  const footnotes = new FootnoteRegistry();
  const width = textWidth();
  const body: FileChild[] = [];
  if (model.mode === "draft") {
    body.push(new Paragraph({ alignment: AlignmentType.LEFT, spacing: { before: 0, after: 60 }, indent: { firstLine: 0 }, children: [run((opts.draftLabel ?? "Dự thảo").toLocaleUpperCase("vi"), { size: 13, bold: true })] }));
  }
  body.push(headerTable({ system: model.system, parent: model.parent, issuer: model.issuer, number: model.number, symbol: model.symbol, place: model.place, date: model.date }, width));
  body.push(...titleBlock(model.title, model.summary, width));
  for (const item of model.items) body.push(...itemBlocks(item, model, footnotes, width));
  for (const f of model.looseFigures) body.push(...figureBlocks(f, width));
  body.push(closingTable(model.recipients, model.signature, width));
  const sections = [nd30Section(body, { newPage: false })];
  if (!opts.bodyOnly) for (const a of model.appendices) sections.push(appendixSection(a, model));
  return nd30Document(sections, { title: `${model.title} ${model.summary}`, footnotes });
}

export async function renderReportDocx(model: ReportModel, opts: RenderOptions = {}): Promise<Buffer> {
  return packDocx(renderReport(model, opts));
}
