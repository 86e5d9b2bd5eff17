/**
 * The agency's Excel workbook of an indicator appendix, written from the grid and read back.
 *
 * Layout of the data sheet (named after the appendix, e.g. "Phụ lục 2"):
 *   rows 1–4   title, subtitle, agency and campaign, how to fill the sheet
 *   header     the template's multi-level header (merged cells), then the column numbers row if the appendix has one
 *   data       one row per row of the agency (headings included for context); figures as numbers with the row's
 *              decimals; computed cells grey and locked
 *   right      "Trạng thái số liệu": one status column per input value column (drop-down Ước / Sơ bộ / Chính thức),
 *              so that every figure carries its own status; then a hidden column with the row key "rowId|CODE"
 * The sheet is protected (no inserted or deleted rows and columns); only the agency's input cells, their status cells
 * and its proposal / note cells are unlocked. A hidden sheet holds the campaign, agency, appendix and assignment ids,
 * the column layout and an HMAC signature, so that a workbook of another campaign or agency is recognised and refused
 * and a tampered layout is detected.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type ExcelJS from "exceljs";
import { newWorkbook } from "../../exports/xlsx/workbook.js";
import { FIGURE_STATUS_LABELS, type FigureStatus, type IndicatorGridDto } from "@tonghop/contracts";
import { normalizeSearchText, tryParseVnNumber } from "@tonghop/domain";

export const META_SHEET = "_tonghop";
export const WORKBOOK_FORMAT = 1;
const FIRST_HEADER_ROW = 6;

export interface WorkbookIdentity {
  campaignId: string;
  agencyId: string;
  appendixId: string;
  assignmentId: string;
}

export interface LayoutColumn {
  key: string;
  /** value (input figure), text (proposal/note) */
  kind: "value" | "text";
  col: number;
  statusCol: number | null;
  /** Where the column's header cell is, and its title (checked on upload). */
  headerRow: number;
  title: string;
}

export interface WorkbookLayout {
  sheet: string;
  keyCol: number;
  firstDataRow: number;
  columns: LayoutColumn[];
}

/** An Excel sheet name: ≤ 31 characters, none of []:*?/\ . */
export function sheetName(title: string): string {
  const clean = title.replace(/[[\]:*?/\\]/g, " ").replace(/\s+/g, " ").trim();
  return (clean || "Phụ lục").slice(0, 31);
}

/** Excel column letters (1 → A). */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function signaturePayload(identity: WorkbookIdentity, layout: WorkbookLayout): string {
  return [`v${WORKBOOK_FORMAT}`, identity.campaignId, identity.agencyId, identity.appendixId, identity.assignmentId, JSON.stringify(layout)].join("\n");
}

export function signWorkbook(secret: string, identity: WorkbookIdentity, layout: WorkbookLayout): string {
  return createHmac("sha256", secret).update(signaturePayload(identity, layout)).digest("hex");
}

const numFmt = (decimals: number) => (decimals > 0 ? `#,##0.${"0".repeat(Math.min(decimals, 6))}` : "#,##0");

const FILL_INPUT: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF8D6" } };
const FILL_COMPUTED: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEDEDED" } };
const FILL_HEADER: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FF9E9E9E" } },
  left: { style: "thin", color: { argb: "FF9E9E9E" } },
  bottom: { style: "thin", color: { argb: "FF9E9E9E" } },
  right: { style: "thin", color: { argb: "FF9E9E9E" } },
};
const STATUS_LIST = ["Ước", "Sơ bộ", "Chính thức"];

/** Writes the workbook of a grid (the agency's part of an appendix). */
export async function writeWorkbook(grid: IndicatorGridDto, identity: WorkbookIdentity, secret: string): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = "Tổng hợp";
  wb.created = new Date(0);
  const name = sheetName(grid.appendix.title);
  const ws = wb.addWorksheet(name, { pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });

  const cols = grid.columns;
  const editable = grid.assignment?.editable ?? false;
  const inputCols = cols.filter((c) => c.kind === "value" && c.mode === "input");
  const statusStart = cols.length + 1;
  const statusColOf = new Map(inputCols.map((c, i) => [c.key, statusStart + i]));
  const keyCol = statusStart + inputCols.length;
  const lastCol = keyCol;

  // Title block.
  const title = (row: number, text: string, font: Partial<ExcelJS.Font>, height?: number) => {
    ws.mergeCells(row, 1, row, cols.length);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    if (height) ws.getRow(row).height = height;
  };
  title(1, grid.appendix.title, { bold: true, size: 13 });
  title(2, grid.appendix.subtitle ?? "", { bold: true, size: 12 });
  title(3, `${grid.agency?.name ?? "Toàn bộ phụ lục"} — ${grid.campaign.name}`, { italic: true, size: 11 }, 30);
  title(
    4,
    "Cách điền: nhập số vào các ô màu vàng (kiểu Việt Nam 84.199,2 hoặc số Excel); chọn trạng thái của từng số ở nhóm cột " +
      "\"Trạng thái số liệu\" bên phải (Ước / Sơ bộ / Chính thức; để trống: giữ trạng thái cũ hoặc trạng thái đề xuất). " +
      "Ô màu xám do hệ thống tính. Không thêm, xóa dòng hay cột; có thể sắp xếp lại dòng. Tải tệp lên lại ở màn hình phụ lục để xem trước và áp dụng.",
    { size: 10, color: { argb: "FF555555" } },
    45,
  );

  // Header: the template's, then the status group; at least two header rows for the status group.
  const depth = Math.max(2, grid.header.length);
  const grow = depth - grid.header.length;
  const headerCellOf = new Map<string, { row: number; title: string }>();
  grid.header.forEach((line, level) => {
    for (const h of line) {
      const top = FIRST_HEADER_ROW + level;
      const reachesBottom = level + h.rowSpan === grid.header.length;
      const bottom = top + h.rowSpan - 1 + (reachesBottom ? grow : 0);
      const left = h.col + 1;
      const right = h.col + h.colSpan;
      if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
      ws.getCell(top, left).value = h.title;
      if (h.key) headerCellOf.set(h.key, { row: top, title: h.title });
    }
  });
  if (inputCols.length) {
    ws.mergeCells(FIRST_HEADER_ROW, statusStart, FIRST_HEADER_ROW + depth - 2, keyCol - 1);
    ws.getCell(FIRST_HEADER_ROW, statusStart).value = "Trạng thái số liệu";
  }
  const longTitle = (key: string) => {
    const i = cols.findIndex((c) => c.key === key);
    const parts: string[] = [];
    for (const line of grid.header) for (const h of line) if (h.col <= i && i < h.col + h.colSpan) parts.push(h.title.trim());
    return parts.join(" – ");
  };
  inputCols.forEach((c, i) => {
    ws.getCell(FIRST_HEADER_ROW + depth - 1, statusStart + i).value = longTitle(c.key);
  });
  ws.getCell(FIRST_HEADER_ROW, keyCol).value = "Khóa dòng (không sửa)";
  let row = FIRST_HEADER_ROW + depth;
  if (grid.numbers) {
    grid.numbers.forEach((n, i) => (ws.getCell(row, i + 1).value = n));
    row++;
  }
  const lastHeaderRow = row - 1;
  for (let r = FIRST_HEADER_ROW; r <= lastHeaderRow; r++) {
    for (let c = 1; c <= lastCol; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { bold: true, size: 10 };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.fill = FILL_HEADER;
      cell.border = BORDER;
    }
  }

  // Data rows.
  const firstDataRow = row;
  for (const r of grid.rows) {
    const line = ws.getRow(row);
    const font: Partial<ExcelJS.Font> = { size: 11, bold: r.emphasis === "bold" || !r.indicatorCode, italic: r.emphasis === "italic" };
    cols.forEach((c, i) => {
      const cell = line.getCell(i + 1);
      cell.border = BORDER;
      cell.font = font;
      switch (c.kind) {
        case "tt":
          cell.value = r.tt ?? "";
          cell.alignment = { horizontal: "center", vertical: "middle" };
          return;
        case "name":
          cell.value = r.name;
          cell.alignment = { vertical: "middle", wrapText: true, indent: Math.min(r.depth, 6) };
          return;
        case "unit":
          cell.value = r.unit ?? "";
          cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
          return;
        case "agency":
          cell.value = r.leadNames;
          cell.alignment = { vertical: "middle", wrapText: true };
          return;
        default:
          break;
      }
      const v = r.cells[c.key];
      if (!v) return;
      switch (v.kind) {
        case "value":
          cell.value = v.value;
          cell.numFmt = numFmt(r.decimals);
          if (v.editable && editable) {
            cell.protection = { locked: false };
            cell.fill = FILL_INPUT;
            const sc = ws.getCell(row, statusColOf.get(c.key));
            sc.value = v.status ? FIGURE_STATUS_LABELS[v.status] : null;
            sc.protection = { locked: false };
            sc.fill = FILL_INPUT;
            sc.dataValidation = {
              type: "list",
              allowBlank: true,
              formulae: [`"${STATUS_LIST.join(",")}"`],
              showErrorMessage: true,
              errorTitle: "Trạng thái số liệu",
              error: "Chọn Ước, Sơ bộ hoặc Chính thức.",
            };
          } else {
            const sc = ws.getCell(row, statusColOf.get(c.key));
            sc.value = v.value !== null && v.status ? FIGURE_STATUS_LABELS[v.status] : null;
          }
          return;
        case "computed":
          cell.value = v.value;
          cell.numFmt = numFmt(r.decimals);
          cell.fill = FILL_COMPUTED;
          if (v.reason) cell.note = v.reason;
          return;
        case "target":
          cell.value = v.text;
          cell.alignment = { horizontal: "center" };
          return;
        case "evaluation":
          cell.value = v.label ?? "";
          cell.fill = FILL_COMPUTED;
          if (v.reason) cell.note = v.reason;
          return;
        case "text":
          cell.value = v.text;
          cell.alignment = { wrapText: true, vertical: "middle" };
          if (v.editable && editable) {
            cell.protection = { locked: false };
            cell.fill = FILL_INPUT;
          }
          return;
      }
    });
    for (let c = statusStart; c < keyCol; c++) {
      const sc = line.getCell(c);
      sc.border = BORDER;
      sc.alignment = { horizontal: "center" };
    }
    line.getCell(keyCol).value = `${r.id}|${r.indicatorCode ?? ""}`;
    row++;
  }

  // Column widths, hidden key column, frozen panes, protection.
  cols.forEach((c, i) => {
    const width = { tt: 6, name: 48, unit: 12, agency: 28, value: 14, target: 14, evaluation: 14, proposal: 18, note: 26 }[c.kind];
    ws.getColumn(i + 1).width = width;
  });
  for (let c = statusStart; c < keyCol; c++) ws.getColumn(c).width = 13;
  ws.getColumn(keyCol).hidden = true;
  ws.getColumn(keyCol).width = 40;
  ws.views = [{ state: "frozen", xSplit: 3, ySplit: lastHeaderRow }];
  await ws.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    sort: true,
    autoFilter: true,
    insertRows: false,
    insertColumns: false,
    deleteRows: false,
    deleteColumns: false,
  });

  const layout: WorkbookLayout = {
    sheet: name,
    keyCol,
    firstDataRow,
    columns: cols.flatMap((c, i): LayoutColumn[] => {
      const h = headerCellOf.get(c.key);
      if (c.kind === "value" && c.mode === "input") return [{ key: c.key, kind: "value", col: i + 1, statusCol: statusColOf.get(c.key)!, headerRow: h?.row ?? FIRST_HEADER_ROW, title: h?.title ?? c.title }];
      if (c.kind === "proposal" || c.kind === "note") return [{ key: c.key, kind: "text", col: i + 1, statusCol: null, headerRow: h?.row ?? FIRST_HEADER_ROW, title: h?.title ?? c.title }];
      return [];
    }),
  };
  const meta = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  const metaRows: Array<[string, string | number]> = [
    ["Tổng hợp — thông tin tệp, không sửa", ""],
    ["format", WORKBOOK_FORMAT],
    ["campaignId", identity.campaignId],
    ["agencyId", identity.agencyId],
    ["appendixId", identity.appendixId],
    ["assignmentId", identity.assignmentId],
    ["layout", JSON.stringify(layout)],
    ["signature", signWorkbook(secret, identity, layout)],
  ];
  metaRows.forEach(([k, v], i) => {
    meta.getCell(i + 1, 1).value = k;
    meta.getCell(i + 1, 2).value = v;
  });
  await meta.protect("", {});
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------
// Reading

export interface ReadIssue {
  sheet: string | null;
  cell: string | null;
  message: string;
}

export interface ReadFigure {
  rowId: string;
  columnKey: string;
  value: number | null;
  /** null = the status cell was left blank. */
  status: FigureStatus | null;
  cell: string;
}

export interface ReadText {
  rowId: string;
  columnKey: string;
  text: string;
  cell: string;
}

export interface ReadWorkbook {
  identity: WorkbookIdentity;
  sheet: string;
  figures: ReadFigure[];
  texts: ReadText[];
  /** Row ids found, in the order of the sheet. */
  rows: Array<{ rowId: string; code: string; excelRow: number }>;
  issues: ReadIssue[];
}

export class WorkbookError extends Error {}

const STATUS_WORDS = new Map<string, FigureStatus>([
  ["uoc", "uoc"],
  ["uoc tinh", "uoc"],
  ["uoc thuc hien", "uoc"],
  ["so bo", "so-bo"],
  ["so-bo", "so-bo"],
  ["chinh thuc", "chinh-thuc"],
  ["chinh-thuc", "chinh-thuc"],
]);

type CellValue = ExcelJS.CellValue;

function plainText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("");
  if (typeof v === "object" && "text" in v && typeof v.text === "string") return v.text;
  if (typeof v === "object" && "result" in v) return v.result === undefined || v.result === null ? null : plainText(v.result);
  return null;
}

/** The number in a figure cell, or an error message (without the address). */
export function readNumber(v: CellValue): { ok: true; value: number | null } | { ok: false; message: string } {
  if (v === null || v === undefined) return { ok: true, value: null };
  if (typeof v === "number") return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, message: "giá trị không phải số hữu hạn" };
  if (typeof v === "boolean") return { ok: false, message: `'${String(v)}' không phải số` };
  if (v instanceof Date) return { ok: false, message: "ô chứa ngày tháng, không phải số" };
  if (typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    const shown = f.formula ?? f.sharedFormula ?? "";
    if (typeof f.result === "number" && Number.isFinite(f.result)) return { ok: true, value: f.result };
    return { ok: false, message: `ô chứa công thức (=${shown}) không có kết quả là số; hãy nhập giá trị thay cho công thức` };
  }
  if (typeof v === "object" && "error" in v) return { ok: false, message: `ô có lỗi ${String((v as { error: unknown }).error)}` };
  const text = plainText(v);
  if (text === null || text.trim() === "") return { ok: true, value: null };
  const parsed = tryParseVnNumber(text);
  if (!parsed.ok) return { ok: false, message: parsed.error };
  return { ok: true, value: parsed.value };
}

/** Reads the hidden sheet; throws WorkbookError when it is missing or its signature does not match. */
function readMeta(wb: ExcelJS.Workbook, secret: string): { identity: WorkbookIdentity; layout: WorkbookLayout } {
  const meta = wb.getWorksheet(META_SHEET);
  if (!meta) throw new WorkbookError("Tệp không phải tệp Excel tải từ Tổng hợp (thiếu trang thông tin ẩn). Hãy tải tệp mẫu của phụ lục rồi điền vào đó.");
  const value = (row: number) => plainText(meta.getCell(row, 2).value) ?? "";
  if (value(2) !== String(WORKBOOK_FORMAT)) throw new WorkbookError("Tệp Excel thuộc phiên bản mẫu khác; hãy tải tệp mẫu mới.");
  const identity: WorkbookIdentity = { campaignId: value(3), agencyId: value(4), appendixId: value(5), assignmentId: value(6) };
  let layout: WorkbookLayout;
  try {
    layout = JSON.parse(value(7)) as WorkbookLayout;
  } catch {
    throw new WorkbookError("Trang thông tin ẩn của tệp đã bị sửa; hãy tải tệp mẫu mới.");
  }
  const expected = signWorkbook(secret, identity, layout);
  const given = value(8);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    throw new WorkbookError("Chữ ký của tệp không đúng: tệp không do Tổng hợp tạo ra hoặc trang thông tin ẩn đã bị sửa.");
  }
  return { identity, layout };
}

const KEY_RE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\|([A-Z0-9_]*)$/;

/** Parses a workbook written by writeWorkbook. Problems of cells are collected; a foreign workbook throws. */
export async function readWorkbook(data: Uint8Array, secret: string): Promise<ReadWorkbook> {
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookError("Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx).");
  }
  const { identity, layout } = readMeta(wb, secret);
  const ws = wb.getWorksheet(layout.sheet) ?? wb.worksheets.find((w) => w.name !== META_SHEET && w.state === "visible");
  if (!ws) throw new WorkbookError(`Tệp thiếu trang "${layout.sheet}".`);
  const sheet = ws.name;
  const issues: ReadIssue[] = [];
  const at = (row: number, col: number) => `${columnLetter(col)}${row}`;

  for (const c of layout.columns) {
    const title = plainText(ws.getCell(c.headerRow, c.col).value)?.trim() ?? "";
    if (title !== c.title.trim()) {
      issues.push({ sheet, cell: at(c.headerRow, c.col), message: `${sheet}!${at(c.headerRow, c.col)}: tiêu đề cột đã bị thay đổi ('${title}' thay vì '${c.title}'); không thêm, xóa hay chuyển cột. Hãy tải tệp mẫu mới.` });
    }
  }
  if (issues.length) return { identity, sheet, figures: [], texts: [], rows: [], issues };

  const figures: ReadFigure[] = [];
  const texts: ReadText[] = [];
  const rows: ReadWorkbook["rows"] = [];
  const last = ws.rowCount;
  for (let r = layout.firstDataRow; r <= last; r++) {
    const keyText = plainText(ws.getCell(r, layout.keyCol).value)?.trim() ?? "";
    if (!keyText) {
      // A row without a key: fine if empty, otherwise the user added it.
      const filled = layout.columns.some((c) => (plainText(ws.getCell(r, c.col).value) ?? "").trim() !== "");
      if (filled) issues.push({ sheet, cell: at(r, 1), message: `${sheet}!${at(r, 1)}: dòng ${r} không có khóa dòng (dòng thêm vào tệp?); số liệu của dòng này không được nhận. Thêm chỉ tiêu mới trên màn hình phụ lục.` });
      continue;
    }
    const m = KEY_RE.exec(keyText);
    if (!m) {
      issues.push({ sheet, cell: at(r, layout.keyCol), message: `${sheet}!${at(r, layout.keyCol)}: khóa dòng '${keyText.slice(0, 60)}' không hợp lệ (cột ẩn đã bị sửa).` });
      continue;
    }
    const rowId = m[1]!;
    rows.push({ rowId, code: m[2]!, excelRow: r });
    for (const c of layout.columns) {
      const cell = ws.getCell(r, c.col);
      if (c.kind === "text") {
        texts.push({ rowId, columnKey: c.key, text: (plainText(cell.value) ?? "").trim(), cell: at(r, c.col) });
        continue;
      }
      const n = readNumber(cell.value);
      if (!n.ok) {
        issues.push({ sheet, cell: at(r, c.col), message: `${sheet}!${at(r, c.col)}: ${n.message}` });
        continue;
      }
      let status: FigureStatus | null = null;
      if (c.statusCol) {
        const s = plainText(ws.getCell(r, c.statusCol).value)?.trim() ?? "";
        if (s) {
          const hit = STATUS_WORDS.get(normalizeSearchText(s).replace(/\s+/g, " "));
          if (!hit) issues.push({ sheet, cell: at(r, c.statusCol), message: `${sheet}!${at(r, c.statusCol)}: trạng thái '${s}' không hợp lệ (chọn Ước, Sơ bộ hoặc Chính thức)` });
          else status = hit;
        }
      }
      figures.push({ rowId, columnKey: c.key, value: n.value, status, cell: at(r, c.col) });
    }
  }
  return { identity, sheet, figures, texts, rows, issues };
}
