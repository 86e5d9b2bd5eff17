/**
 * Excel round-trip of the agency's part of an indicator appendix: download a protected workbook, upload it filled,
 * see a preview of every changed cell (old → new, status) and the errors naming sheet and cell, then apply all or
 * nothing (one transaction; versions re-checked at apply time: a cell changed by someone since the preview is a
 * 409 VERSION_CONFLICT).
 *
 * Previews are kept in memory for PREVIEW_TTL_MS, for the user who uploaded them; a restart forgets them (the user
 * uploads again).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { ExcelCellChangeDto, ExcelIssueDto, ExcelPreviewDto, SaveCellRequest, SaveTextCellRequest } from "@tonghop/contracts";
import { toVnPlainDate, tryParseTarget } from "@tonghop/domain";
import { requireActor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { appMeta } from "../../db/schema/index.js";
import { AppError, notFound } from "../../http/errors.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import { loadAssignmentForEdit, loadAssignmentForView } from "./assignment-access.js";
import { checkXlsxUpload } from "./excel-guard.js";
import { WorkbookError, readWorkbook, writeWorkbook } from "./excel-workbook.js";
import type { IndicatorsWorkspaceService } from "./indicators.service.js";

export const PREVIEW_TTL_MS = 30 * 60 * 1000;
const MAX_PREVIEWS = 500;
const SECRET_KEY = "workbook-hmac-secret";

interface StoredPreview {
  id: string;
  userId: string;
  assignmentId: string;
  fileName: string;
  cells: SaveCellRequest[];
  texts: SaveTextCellRequest[];
  expiresAt: number;
}

/** A file name safe on every system, keeping Vietnamese letters. */
export function safeFileName(name: string): string {
  return name
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 150);
}

export class ExcelWorkspaceService {
  private readonly previews = new Map<string, StoredPreview>();
  private secretValue: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly indicators: IndicatorsWorkspaceService,
    private readonly agencies: AgenciesService,
  ) {}

  /** The installation's signing key for workbooks (created once, kept in app_meta). */
  private async secret(): Promise<string> {
    if (this.secretValue) return this.secretValue;
    const read = async () => (await this.db.select().from(appMeta).where(eq(appMeta.key, SECRET_KEY)).limit(1))[0]?.value;
    let value = await read();
    if (!value) {
      await this.db.insert(appMeta).values({ key: SECRET_KEY, value: randomBytes(32).toString("hex") }).onConflictDoNothing();
      value = await read();
    }
    if (!value) throw new AppError("INTERNAL", "Không tạo được khóa ký tệp Excel.");
    this.secretValue = value;
    return value;
  }

  async download(ctx: RequestContext, assignmentId: string): Promise<{ fileName: string; buffer: Buffer }> {
    const a = await loadAssignmentForView(this.db, ctx, assignmentId);
    if (a.kind !== "indicators" || !a.appendixId) throw notFound("phần việc nhập số liệu");
    const grid = await this.indicators.grid(ctx, a.appendixId, a.agencyId);
    const buffer = await writeWorkbook(grid, { campaignId: a.campaignId, agencyId: a.agencyId, appendixId: a.appendixId, assignmentId: a.id }, await this.secret());
    const short = (await this.agencies.directory(this.db)).nameOn(a.agencyId, toVnPlainDate(ctx.now))?.shortName ?? null;
    return { fileName: safeFileName(`${grid.appendix.title} - ${short ?? grid.agency?.name ?? ""} - ${grid.campaign.code}.xlsx`), buffer };
  }

  async preview(ctx: RequestContext, assignmentId: string, fileName: string, data: Uint8Array): Promise<ExcelPreviewDto> {
    const actor = requireActor(ctx);
    const a = await loadAssignmentForEdit(this.db, ctx, assignmentId);
    if (a.kind !== "indicators" || !a.appendixId) throw notFound("phần việc nhập số liệu");
    checkXlsxUpload(data, fileName);
    let read;
    try {
      read = await readWorkbook(data, await this.secret());
    } catch (error) {
      if (error instanceof WorkbookError) throw new AppError("UNPROCESSABLE", error.message);
      throw error;
    }
    const dir = await this.agencies.directory(this.db);
    const today = toVnPlainDate(ctx.now);
    if (read.identity.campaignId !== a.campaignId) {
      throw new AppError("UNPROCESSABLE", `Tệp Excel này thuộc một đợt tổng hợp khác, không phải "${a.campaign.name}". Hãy tải tệp mẫu của đợt này.`);
    }
    if (read.identity.agencyId !== a.agencyId) {
      const other = dir.agency(read.identity.agencyId) ? dir.displayName(read.identity.agencyId, today) : "đơn vị khác";
      throw new AppError("UNPROCESSABLE", `Tệp Excel này là phần của ${other}, không phải của ${dir.displayName(a.agencyId, today)}; không nhập được.`);
    }
    if (read.identity.appendixId !== a.appendixId) {
      throw new AppError("UNPROCESSABLE", "Tệp Excel này thuộc một phụ lục khác của đợt; hãy tải lên ở đúng phụ lục.");
    }

    const grid = await this.indicators.grid(ctx, a.appendixId, a.agencyId);
    const rowsById = new Map(grid.rows.map((r) => [r.id, r]));
    const columns = new Map(grid.columns.map((c) => [c.key, c]));
    const errors: ExcelIssueDto[] = [...read.issues];
    const sheet = read.sheet;
    const seen = new Map<string, number>();
    const badRows = new Set<string>();
    for (const r of read.rows) {
      const row = rowsById.get(r.rowId);
      const first = seen.get(r.rowId);
      if (first !== undefined) {
        errors.push({ sheet, cell: `A${r.excelRow}`, message: `${sheet}!A${r.excelRow}: dòng lặp lại dòng ${first} (cùng khóa dòng); xóa một trong hai dòng.` });
        badRows.add(r.rowId);
      } else if (!row) {
        errors.push({ sheet, cell: `A${r.excelRow}`, message: `${sheet}!A${r.excelRow}: dòng${r.code ? ` chỉ tiêu ${r.code}` : ""} không còn trong phần việc của đơn vị (đã bị xóa hoặc chuyển); hãy tải tệp mẫu mới.` });
        badRows.add(r.rowId);
      } else if ((row.indicatorCode ?? "") !== r.code) {
        errors.push({ sheet, cell: `A${r.excelRow}`, message: `${sheet}!A${r.excelRow}: chỉ tiêu của dòng "${row.name}" đã thay đổi từ khi tải tệp; hãy tải tệp mẫu mới.` });
        badRows.add(r.rowId);
      }
      seen.set(r.rowId, r.excelRow);
    }

    const changes: ExcelCellChangeDto[] = [];
    const cells: SaveCellRequest[] = [];
    const texts: SaveTextCellRequest[] = [];
    let unchanged = 0;
    const title = (key: string) => columns.get(key)?.title ?? key;
    for (const f of read.figures) {
      const row = rowsById.get(f.rowId);
      if (!row || badRows.has(f.rowId)) continue;
      const cur = row.cells[f.columnKey];
      if (!cur || cur.kind !== "value" || !cur.editable) {
        const shown = cur && (cur.kind === "value" || cur.kind === "computed") ? cur.value : null;
        if (f.value !== null && f.value !== shown) {
          errors.push({ sheet, cell: f.cell, message: `${sheet}!${f.cell}: ô của dòng "${row.name}", cột "${title(f.columnKey)}" không nhập được (ô tính toán hoặc không thuộc đơn vị).` });
        }
        continue;
      }
      const status = f.status ?? cur.status ?? columns.get(f.columnKey)?.defaultStatus ?? "uoc";
      const changed = f.value !== cur.value || (f.value !== null && status !== cur.status);
      if (!changed) {
        unchanged++;
        continue;
      }
      changes.push({
        sheet,
        cell: f.cell,
        rowId: row.id,
        columnKey: f.columnKey,
        rowName: row.name,
        columnTitle: longTitle(grid, f.columnKey),
        kind: "value",
        old: { value: cur.value, status: cur.status, version: cur.version },
        new: { value: f.value, status },
        overOfficial: cur.status === "chinh-thuc" && status !== "chinh-thuc" && cur.value !== null,
      });
      cells.push({ rowId: row.id, columnKey: f.columnKey, value: f.value, status, note: cur.note, source: cur.source, baseVersion: cur.version });
    }
    for (const t of read.texts) {
      const row = rowsById.get(t.rowId);
      if (!row || badRows.has(t.rowId)) continue;
      const cur = row.cells[t.columnKey];
      if (!cur || cur.kind !== "text" || !cur.editable) continue;
      if (t.text === cur.text) {
        unchanged++;
        continue;
      }
      if (t.text.length > 2000) {
        errors.push({ sheet, cell: t.cell, message: `${sheet}!${t.cell}: nội dung dài quá 2.000 ký tự.` });
        continue;
      }
      if (columns.get(t.columnKey)?.kind === "proposal" && t.text) {
        const p = tryParseTarget(t.text);
        if (!p.ok) {
          errors.push({ sheet, cell: t.cell, message: `${sheet}!${t.cell}: '${t.text}' không phải mục tiêu hợp lệ — ${p.error}` });
          continue;
        }
      }
      changes.push({
        sheet,
        cell: t.cell,
        rowId: row.id,
        columnKey: t.columnKey,
        rowName: row.name,
        columnTitle: longTitle(grid, t.columnKey),
        kind: "text",
        old: { text: cur.text, version: cur.version },
        new: { text: t.text },
        overOfficial: false,
      });
      texts.push({ rowId: row.id, columnKey: t.columnKey, text: t.text, baseVersion: cur.version });
    }

    let previewId: string | null = null;
    let expiresAt: string | null = null;
    if (!errors.length && changes.length) {
      this.gc(ctx.now.getTime());
      previewId = randomUUID();
      const expires = ctx.now.getTime() + PREVIEW_TTL_MS;
      expiresAt = new Date(expires).toISOString();
      this.previews.set(previewId, { id: previewId, userId: actor.userId, assignmentId, fileName, cells, texts, expiresAt: expires });
    }
    return { previewId, fileName, expiresAt, changes, errors, matchedRows: seen.size - badRows.size, unchangedCells: unchanged };
  }

  async apply(ctx: RequestContext, assignmentId: string, previewId: string, confirmOverOfficial: boolean | undefined): Promise<{ cells: number; texts: number }> {
    const actor = requireActor(ctx);
    await loadAssignmentForEdit(this.db, ctx, assignmentId);
    const p = this.previews.get(previewId);
    if (!p || p.expiresAt < ctx.now.getTime() || p.userId !== actor.userId || p.assignmentId !== assignmentId) {
      throw notFound("bản xem trước (đã hết hạn hoặc đã áp dụng); hãy tải tệp lên lại");
    }
    const result = await this.indicators.save(
      ctx,
      assignmentId,
      { cells: p.cells, texts: p.texts, ...(confirmOverOfficial ? { confirmOverOfficial: true } : {}) },
      { origin: "excel", fileName: p.fileName },
    );
    this.previews.delete(previewId);
    return { cells: result.cells.length, texts: result.texts.length };
  }

  private gc(now: number): void {
    for (const [id, p] of this.previews) if (p.expiresAt < now) this.previews.delete(id);
    while (this.previews.size >= MAX_PREVIEWS) {
      const oldest = this.previews.keys().next().value;
      if (oldest === undefined) break;
      this.previews.delete(oldest);
    }
  }
}

function longTitle(grid: { header: Array<Array<{ title: string; col: number; colSpan: number }>>; columns: Array<{ key: string }> }, key: string): string {
  const i = grid.columns.findIndex((c) => c.key === key);
  const parts: string[] = [];
  for (const line of grid.header) for (const h of line) if (h.col <= i && i < h.col + h.colSpan) parts.push(h.title.trim());
  return parts.join(" – ") || key;
}
