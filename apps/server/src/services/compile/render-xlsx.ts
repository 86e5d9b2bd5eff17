// Appendices → one workbook, one sheet per appendix: the template's merged multi-level header and column-number
// row, numbers as numbers with the row's decimals ("#,##0.0" shows 84.199,2 in a Vietnamese Excel), estimates in
// italics with a note, frozen header, column widths, landscape A4 print setup with the header rows repeated.

import type ExcelJS from "exceljs";
import { newWorkbook } from "../../exports/xlsx/workbook.js";
import type { AppendixModel, ReportModel } from "./report-model.js";

const FONT = "Times New Roman";
const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
}

/** A sheet name Excel accepts: ≤ 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, " ").replace(/\s+/g, " ").trim().slice(0, 31) || "Phụ lục";
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} (${i})`;
  used.add(name.toLowerCase());
  return name;
}

function columnWidth(a: AppendixModel, i: number): number {
  const c = a.columns[i]!;
  switch (c.kind) {
    case "tt":
    case "rowNumber":
      return 6;
    case "name":
      return 48;
    case "unit":
      return 11;
    case "agency":
      return 30;
    case "record":
      return Math.min(60, Math.max(14, ...(a.kind === "records" ? a.rows.map((r) => Math.min(60, (r.cells[i] ?? "").length * 0.6)) : [14])));
    case "evaluation":
      return 12;
    default:
      return 13;
  }
}

function addSheet(wb: ExcelJS.Workbook, a: AppendixModel, model: ReportModel, used: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(`${a.title}${a.subtitle ? ` ${a.subtitle}` : ""}`, used), {
    pageSetup: { paperSize: 9, orientation: a.orientation === "portrait" && a.columns.length <= 7 ? "portrait" : "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: `&C${a.title} — Trang &P/&N` },
  });
  const n = a.columns.length;
  ws.columns = a.columns.map((_, i) => ({ width: columnWidth(a, i) }));
  const titleRow = (text: string, opts: { bold?: boolean; italic?: boolean; size?: number }) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, n);
    const cell = row.getCell(1);
    cell.font = { name: FONT, size: opts.size ?? 13, bold: opts.bold ?? false, italic: opts.italic ?? false };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    row.height = Math.max(18, Math.ceil(text.length / 120) * 18);
  };
  titleRow(a.title, { bold: true, size: 14 });
  if (a.subtitle) titleRow(a.subtitle, { bold: true });
  titleRow(`Kèm theo ${model.title.toLocaleLowerCase("vi")} ${model.summary}`.slice(0, 500), { italic: true, size: 12 });
  ws.addRow([]);

  // Header: the template's matrix of cells with colSpan/rowSpan.
  const top = ws.rowCount + 1;
  const depth = a.header.length;
  for (let r = 0; r < depth; r++) ws.addRow([]);
  for (const [r, line] of a.header.entries()) {
    for (const h of line) {
      const row = top + r;
      const col = h.col + 1;
      const cell = ws.getCell(row, col);
      cell.value = h.title;
      if (h.colSpan > 1 || h.rowSpan > 1) ws.mergeCells(row, col, row + h.rowSpan - 1, col + h.colSpan - 1);
    }
  }
  for (let r = top; r < top + depth; r++) {
    for (let c = 1; c <= n; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { name: FONT, size: 11, bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = BORDER;
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
    }
  }
  let headerEnd = top + depth - 1;
  if (a.kind === "indicators" && a.numbers) {
    const row = ws.addRow(a.numbers);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { name: FONT, size: 10, italic: true };
      cell.alignment = { horizontal: "center" };
      cell.border = BORDER;
    });
    headerEnd = row.number;
  }

  let estimates = false;
  if (a.kind === "indicators") {
    for (const r of a.rows) {
      const values: ExcelJS.CellValue[] = a.columns.map((c, i) => {
        if (c.kind === "tt") return r.tt;
        if (c.kind === "name") return `${"   ".repeat(Math.min(3, r.depth))}${r.name}`;
        if (c.kind === "unit") return r.unit;
        if (c.kind === "agency") return r.agency;
        const v = r.cells[i - 3]!;
        return v.value !== undefined ? v.value : v.text;
      });
      const row = ws.addRow(values);
      a.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        const v = c.kind === "tt" || c.kind === "name" || c.kind === "unit" || c.kind === "agency" ? undefined : r.cells[i - 3];
        cell.border = BORDER;
        cell.font = { name: FONT, size: 11, bold: r.emphasis === "bold", italic: r.emphasis === "italic" || !!v?.estimate };
        cell.alignment = { vertical: "middle", wrapText: c.kind === "name" || c.kind === "agency", horizontal: v?.value !== undefined ? "right" : c.kind === "name" || c.kind === "agency" ? "left" : "center" };
        if (v?.value !== undefined) cell.numFmt = numberFormat(v.decimals ?? 0);
        if (v?.estimate) {
          estimates = true;
          cell.note = "Số ước thực hiện";
        }
      });
    }
  } else {
    for (const r of a.rows) {
      const row = ws.addRow(r.cells.map((t, i) => (a.columns[i]?.kind === "rowNumber" ? Number(t) : t)));
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.border = BORDER;
        cell.font = { name: FONT, size: 11 };
        cell.alignment = { vertical: "top", wrapText: true, horizontal: a.columns[col - 1]?.kind === "rowNumber" ? "center" : "left" };
      });
    }
  }
  if (estimates) {
    const row = ws.addRow(["Ghi chú: số in nghiêng là số ước thực hiện."]);
    ws.mergeCells(row.number, 1, row.number, n);
    row.getCell(1).font = { name: FONT, size: 11, italic: true };
  }
  ws.views = [{ state: "frozen", xSplit: a.kind === "indicators" ? 3 : 0, ySplit: headerEnd }];
  ws.pageSetup.printTitlesRow = `${top}:${headerEnd}`;
}

export async function renderAppendicesXlsx(model: ReportModel): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = "Tổng hợp";
  wb.title = `${model.title} ${model.summary}`.slice(0, 250);
  const used = new Set<string>();
  for (const a of model.appendices) addSheet(wb, a, model, used);
  if (model.appendices.length === 0) {
    const ws = wb.addWorksheet("Phụ lục");
    ws.addRow(["Báo cáo không có phụ lục."]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
