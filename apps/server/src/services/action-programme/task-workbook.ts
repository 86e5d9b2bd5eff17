// Reading a task list workbook (XLSX) for an action programme, defensively: the upload is checked before exceljs
// reads it (excel-guard), the header row is found by its titles, every row is validated (unknown agencies, impossible
// dates such as 31/02/2027 or "Quý V/2027", unknown indicator codes) and every problem is reported with its cell
// ("Ô C7: …"). The caller imports nothing unless the whole list is valid.

import type ExcelJS from "exceljs";
import { newWorkbook } from "../../exports/xlsx/workbook.js";
import { normalizeSearchText, tryParseTaskDeadline, type TaskDeadline } from "@tonghop/domain";
import { AppError } from "../../http/errors.js";
import type { Directory } from "../agencies/directory.js";
import { AgencyResolver } from "../campaigns/agency-refs.js";
import { checkXlsxUpload } from "../workspace/excel-guard.js";

export const MAX_TASK_ROWS = 2000;

export type ColumnKey = "tt" | "title" | "kind" | "lead" | "cooperate" | "product" | "deadline" | "indicators";

/** Header titles of the workbook the export writes and the import reads (the order of the export). */
export const TASK_COLUMNS: ReadonlyArray<{ key: ColumnKey; title: string; width: number }> = [
  { key: "tt", title: "TT", width: 6 },
  { key: "title", title: "Nhiệm vụ, giải pháp", width: 50 },
  { key: "lead", title: "Cơ quan chủ trì", width: 28 },
  { key: "cooperate", title: "Cơ quan phối hợp", width: 32 },
  { key: "product", title: "Sản phẩm", width: 28 },
  { key: "deadline", title: "Thời hạn hoàn thành", width: 16 },
  { key: "indicators", title: "Chỉ tiêu liên quan (mã)", width: 22 },
];

const HEADER_PATTERNS: Array<[ColumnKey, RegExp]> = [
  ["tt", /^(s?tt|so thu tu)$/],
  ["lead", /chu tri/],
  ["cooperate", /phoi hop/],
  ["product", /san pham/],
  ["deadline", /(thoi han|thoi gian|han hoan thanh|tien do hoan thanh)/],
  ["indicators", /chi tieu/],
  ["kind", /^loai/],
  ["title", /(nhiem vu|giai phap|noi dung|\bten\b)/],
];

export interface ParsedTask {
  row: number;
  tt: string;
  title: string;
  kind: "nhiem-vu" | "giai-phap";
  leadAgencyId: string;
  cooperateAgencyIds: string[];
  product: string;
  deadline: TaskDeadline | null;
  indicatorCodes: string[];
}

export interface CellIssue {
  cell: string;
  message: string;
}

/** Text of a cell whatever exceljs made of it (rich text, formula result, hyperlink, date, number). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) {
    return `${String(v.getUTCDate()).padStart(2, "0")}/${String(v.getUTCMonth() + 1).padStart(2, "0")}/${v.getUTCFullYear()}`;
  }
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result);
    if ("text" in v && typeof v.text === "string") return v.text;
    if ("error" in v) return "";
    return "";
  }
  return String(v);
}

const clean = (s: string) => s.normalize("NFC").replace(/[\s\u00a0]+/g, " ").trim();

export async function readTaskWorkbook(
  data: Uint8Array,
  fileName: string,
  dir: Directory,
  date: string,
  knownIndicatorCodes: ReadonlySet<string>,
): Promise<{ tasks: ParsedTask[]; issues: CellIssue[] }> {
  checkXlsxUpload(data, fileName);
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new AppError("UNPROCESSABLE", "Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx).");
  }
  const ws = wb.worksheets.find((w) => w.state !== "hidden" && w.actualRowCount > 0);
  if (!ws) throw new AppError("UNPROCESSABLE", "Tệp Excel không có trang nào có dữ liệu.");

  // --- header row: the first of the first 15 rows naming at least the task, the lead agency and the deadline
  let headerRow = 0;
  let columns = new Map<ColumnKey, number>();
  for (let r = 1; r <= Math.min(15, ws.rowCount) && !headerRow; r++) {
    const found = new Map<ColumnKey, number>();
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const t = normalizeSearchText(clean(cellText(cell.value)));
      const hit = HEADER_PATTERNS.find(([key, re]) => !found.has(key) && re.test(t));
      if (hit) found.set(hit[0], col);
    });
    if (found.has("title") && found.has("lead") && found.has("deadline")) {
      headerRow = r;
      columns = found;
    }
  }
  if (!headerRow) {
    throw new AppError("UNPROCESSABLE", `Trang "${ws.name}": không tìm thấy dòng tiêu đề có các cột "Nhiệm vụ", "Cơ quan chủ trì" và "Thời hạn" trong 15 dòng đầu.`);
  }
  if (ws.rowCount - headerRow > MAX_TASK_ROWS) throw new AppError("UNPROCESSABLE", `Danh sách có hơn ${MAX_TASK_ROWS.toLocaleString("vi-VN")} dòng; hãy tách thành nhiều tệp.`);

  const resolver = new AgencyResolver(dir, date);
  const issues: CellIssue[] = [];
  const tasks: ParsedTask[] = [];
  const letter = (col: number) => ws.getColumn(col).letter;
  const agencyOf = (name: string, ref: string, what: string): string[] | null => {
    const r = resolver.resolve(name);
    if (!r.ok) {
      issues.push({ cell: ref, message: `Ô ${ref}: ${r.message}` });
      return null;
    }
    if (r.ref.kind === "group") {
      if (what === "lead") {
        issues.push({ cell: ref, message: `Ô ${ref}: "${name}" là một nhóm cơ quan; cơ quan chủ trì phải là một cơ quan cụ thể.` });
        return null;
      }
      return dir.groupMemberIds(r.ref.id, date);
    }
    return [r.ref.id];
  };
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (key: ColumnKey) => {
      const col = columns.get(key);
      return col ? clean(cellText(row.getCell(col).value)) : "";
    };
    const ref = (key: ColumnKey) => `${letter(columns.get(key) ?? 1)}${r}`;
    const title = get("title");
    const leadText = get("lead");
    const deadlineText = get("deadline");
    if (!title && !leadText && !deadlineText && !get("product")) continue;
    const before = issues.length;
    if (!title) issues.push({ cell: ref("title"), message: `Ô ${ref("title")}: chưa ghi nội dung nhiệm vụ.` });
    let leadAgencyId: string | null = null;
    if (!leadText) issues.push({ cell: ref("lead"), message: `Ô ${ref("lead")}: chưa ghi cơ quan chủ trì.` });
    else leadAgencyId = agencyOf(leadText, ref("lead"), "lead")?.[0] ?? null;
    const cooperate: string[] = [];
    const coText = get("cooperate");
    if (coText) {
      for (const piece of coText.split(/[;\n]+/).map(clean).filter(Boolean)) {
        const direct = resolver.resolve(piece);
        const names = direct.ok || !piece.includes(",") ? [piece] : piece.split(",").map(clean).filter(Boolean);
        for (const n of names) for (const id of agencyOf(n, ref("cooperate"), "cooperate") ?? []) if (!cooperate.includes(id) && id !== leadAgencyId) cooperate.push(id);
      }
    }
    let deadline: TaskDeadline | null = null;
    // A blank deadline is allowed (a task derived from the outline before its deadline is set): it is never late.
    if (deadlineText) {
      const d = tryParseTaskDeadline(deadlineText);
      if (d.ok) deadline = d.deadline;
      else issues.push({ cell: ref("deadline"), message: `Ô ${ref("deadline")}: ${d.message}.` });
    }
    const indicatorCodes: string[] = [];
    for (const code of get("indicators").split(/[;,\s]+/).map((c) => c.trim()).filter(Boolean)) {
      if (!knownIndicatorCodes.has(code)) issues.push({ cell: ref("indicators"), message: `Ô ${ref("indicators")}: không có chỉ tiêu mã "${code}" trong danh mục chỉ tiêu.` });
      else if (!indicatorCodes.includes(code)) indicatorCodes.push(code);
    }
    const kindText = normalizeSearchText(get("kind"));
    if (issues.length > before || !leadAgencyId) continue;
    tasks.push({
      row: r,
      tt: get("tt"),
      title,
      kind: /giai phap/.test(kindText) ? "giai-phap" : "nhiem-vu",
      leadAgencyId,
      cooperateAgencyIds: cooperate,
      product: get("product"),
      deadline,
      indicatorCodes,
    });
  }
  if (!tasks.length && !issues.length) throw new AppError("UNPROCESSABLE", `Trang "${ws.name}" không có dòng nhiệm vụ nào dưới dòng tiêu đề (dòng ${headerRow}).`);
  return { tasks, issues };
}
