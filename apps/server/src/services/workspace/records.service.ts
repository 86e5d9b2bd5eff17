/**
 * Record lists (a records appendix: documents issued, key projects): an agency adds, edits, deletes and reorders its
 * own rows with typed fields. Pre-filled rows come from the template: their pre-filled columns are read-only and
 * they cannot be deleted. Every row carries a version (optimistic concurrency per row); every write is audited.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import {
  ASSIGNMENT_STATE_LABELS,
  type RecordColumnDto,
  type RecordListDto,
  type TemplateRecordsAppendix,
} from "@tonghop/contracts";
import { VnDateError, VnNumberError, formatVnDate, parseVnDate, parseVnNumber, toVnPlainDate } from "@tonghop/domain";
import type { RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { appendices, assignments, recordRows, users, type AgencyRef } from "../../db/schema/index.js";
import { AppError, badRequest, forbidden, notFound } from "../../http/errors.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import { effectiveDueDate, loadAssignmentForEdit, type LoadedAssignment } from "./assignment-access.js";
import { resolveWorkspaceView } from "./indicators-access.js";
import { loadAppendix, memberGroups } from "./indicators-scope.js";

type RecordValue = string | number | null;
type RecordRow = typeof recordRows.$inferSelect;

interface RecordsConfig {
  columns: RecordColumnDto[];
  rowNumberTitle: string | null;
  agencyTitle: string | null;
}

const CONTROL = /(?![\t\n\r])\p{Cc}/u;
const SINGLE_LINE_MAX = 500;
const SO_HIEU_MAX = 300;
const LONG_TEXT_MAX = 20_000;

function recordsConfig(config: unknown): RecordsConfig {
  const c = config as Partial<TemplateRecordsAppendix>;
  return {
    columns: (c.columns ?? []).map((col) => ({
      key: col.key,
      title: col.title,
      type: col.type,
      options: col.options ?? null,
      required: col.required ?? false,
      prefilled: col.prefilled ?? false,
      examples: col.examples ?? null,
    })),
    rowNumberTitle: c.rowNumberColumn?.title ?? null,
    agencyTitle: c.agencyColumn?.title ?? null,
  };
}

const isEmpty = (v: RecordValue | undefined) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** Reads a typed value; throws a message without the location (the caller adds row and column). */
export function parseRecordValue(col: RecordColumnDto, raw: RecordValue): RecordValue {
  if (isEmpty(raw)) return null;
  switch (col.type) {
    case "number": {
      if (typeof raw === "number") {
        if (!Number.isFinite(raw)) throw new Error("giá trị không phải số hữu hạn");
        return raw;
      }
      try {
        return parseVnNumber(raw!);
      } catch (e) {
        if (e instanceof VnNumberError) throw new Error(e.message);
        throw e;
      }
    }
    case "date": {
      if (typeof raw !== "string") throw new Error("cần ngày dạng ngày/tháng/năm, ví dụ 05/5/2024");
      try {
        return parseVnDate(raw);
      } catch (e) {
        if (e instanceof VnDateError) throw new Error(`'${raw}' không phải ngày hợp lệ (${e.message.replace(/^.*?:\s*/, "")}); nhập dạng ngày/tháng/năm, ví dụ 05/5/2024`);
        throw e;
      }
    }
    case "choice": {
      const text = String(raw).trim();
      const hit = (col.options ?? []).find((o) => o.toLocaleLowerCase("vi") === text.toLocaleLowerCase("vi"));
      if (!hit) throw new Error(`'${text}' không có trong danh sách chọn (${(col.options ?? []).join(", ")})`);
      return hit;
    }
    case "so-hieu": {
      const text = String(raw).trim();
      if (/[\r\n]/.test(text)) throw new Error("số, ký hiệu văn bản phải viết trên một dòng");
      if (text.length > SO_HIEU_MAX) throw new Error(`dài quá ${SO_HIEU_MAX} ký tự`);
      if (!/\d/.test(text)) throw new Error(`'${text}' thiếu số của văn bản (ví dụ: Kế hoạch số 15/KH-UBND)`);
      return text;
    }
    case "text": {
      const text = String(raw).trim();
      if (/[\r\n]/.test(text)) throw new Error("chỉ nhập trên một dòng");
      if (text.length > SINGLE_LINE_MAX) throw new Error(`dài quá ${SINGLE_LINE_MAX} ký tự`);
      return text;
    }
    case "long-text": {
      const text = String(raw).replace(/\r\n?/g, "\n").trim();
      if (text.length > LONG_TEXT_MAX) throw new Error(`dài quá ${LONG_TEXT_MAX.toLocaleString("vi-VN")} ký tự`);
      return text;
    }
  }
}

export class RecordsWorkspaceService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepository,
    private readonly agencies: AgenciesService,
  ) {}

  async list(ctx: RequestContext, appendixId: string, agencyId?: string): Promise<RecordListDto> {
    const db = this.db;
    const { appendix, campaign } = await loadAppendix(db, appendixId, "records");
    const view = await resolveWorkspaceView(db, ctx, campaign, appendixId, agencyId);
    const cfg = recordsConfig(appendix.config);
    const dir = await this.agencies.directory(db);
    const today = toVnPlainDate(ctx.now);
    const rows = await db
      .select({ row: recordRows, updatedByName: users.fullName })
      .from(recordRows)
      .leftJoin(users, eq(users.id, recordRows.updatedBy))
      .where(and(eq(recordRows.appendixId, appendixId), view.agencyId ? eq(recordRows.agencyId, view.agencyId) : undefined))
      .orderBy(asc(recordRows.sortOrder), asc(recordRows.createdAt));
    const list = await db.select().from(assignments).where(eq(assignments.appendixId, appendixId));
    const canAdd = !!view.agencyId && view.editable && (await this.isReporter(db, appendixId, view.agencyId, campaign.referenceDate));
    const a = view.assignment;
    return {
      campaign: { id: campaign.id, code: campaign.code, name: campaign.name, status: campaign.status },
      appendix: { id: appendix.id, code: appendix.code, title: appendix.title, subtitle: appendix.subtitle, rowNumberTitle: cfg.rowNumberTitle, agencyTitle: cfg.agencyTitle },
      agency: view.agencyId ? { id: view.agencyId, name: dir.displayName(view.agencyId, today) } : null,
      assignment: a
        ? {
            id: a.id,
            state: a.state as keyof typeof ASSIGNMENT_STATE_LABELS,
            stateLabel: ASSIGNMENT_STATE_LABELS[a.state as keyof typeof ASSIGNMENT_STATE_LABELS] ?? a.state,
            stateReason: a.stateReason,
            dueDate: effectiveDueDate(a),
            editable: view.editable,
            readOnlyReason: view.readOnlyReason,
          }
        : null,
      agencies: list
        .filter((x) => x.kind === "records")
        .map((x) => ({ id: x.agencyId, name: dir.displayName(x.agencyId, today), assignmentId: x.id, state: x.state as keyof typeof ASSIGNMENT_STATE_LABELS }))
        .sort((x, y) => x.name.localeCompare(y.name, "vi")),
      columns: cfg.columns,
      rows: rows.map(({ row, updatedByName }) => {
        const mine = view.agencyId !== null && row.agencyId === view.agencyId && view.editable;
        return {
          id: row.id,
          sortOrder: row.sortOrder,
          agencyId: row.agencyId,
          agencyName: dir.displayName(row.agencyId, campaign.referenceDate),
          values: row.values,
          prefilled: row.prefilled,
          version: row.version,
          updatedByName,
          updatedAt: row.updatedAt.toISOString(),
          canEdit: mine,
          canDelete: mine && !row.prefilled,
          missing: cfg.columns.filter((c) => c.required && isEmpty(row.values[c.key])).map((c) => c.title),
        };
      }),
      canAdd,
    };
  }

  private async isReporter(db: Db, appendixId: string, agencyId: string, date: string): Promise<boolean> {
    const [ap] = await db.select({ reporters: appendices.reporters }).from(appendices).where(eq(appendices.id, appendixId));
    const refs: AgencyRef[] = ap?.reporters ?? [];
    if (refs.some((r) => r.kind === "agency" && r.id === agencyId)) return true;
    const groups = refs.filter((r) => r.kind === "group").map((r) => r.id);
    return (await memberGroups(db, agencyId, groups, date)).size > 0;
  }

  /** Validates typed values for a row; `existing` = the stored row when editing. */
  private checkValues(cfg: RecordsConfig, values: Record<string, RecordValue>, where: string, existing: RecordRow | null): Record<string, RecordValue> {
    const byKey = new Map(cfg.columns.map((c) => [c.key, c]));
    for (const key of Object.keys(values)) {
      if (!byKey.has(key)) throw badRequest(`${where}: cột "${key}" không có trong danh sách.`, { column: key });
    }
    const out: Record<string, RecordValue> = existing ? { ...existing.values } : {};
    for (const col of cfg.columns) {
      const locked = col.prefilled && (existing?.prefilled ?? false);
      if (!(col.key in values)) {
        if (!existing) out[col.key] = null;
        continue;
      }
      const raw = values[col.key] ?? null;
      if (locked) {
        const stored = existing?.values[col.key] ?? null;
        if ((isEmpty(raw) && isEmpty(stored)) || String(raw ?? "").trim() === String(stored ?? "").trim()) continue;
        throw badRequest(`${where}, cột "${col.title}": nội dung do mẫu điền sẵn, đơn vị không sửa được.`, { column: col.key });
      }
      if (typeof raw === "string" && CONTROL.test(raw)) throw badRequest(`${where}, cột "${col.title}": nội dung chứa ký tự điều khiển không hợp lệ.`, { column: col.key });
      try {
        out[col.key] = parseRecordValue(col, raw);
      } catch (e) {
        throw badRequest(`${where}, cột "${col.title}": ${(e as Error).message}.`, { column: col.key });
      }
    }
    for (const col of cfg.columns) {
      const locked = col.prefilled && (existing?.prefilled ?? false);
      if (col.required && !locked && isEmpty(out[col.key])) throw badRequest(`${where}, cột "${col.title}": không được để trống.`, { column: col.key });
    }
    return out;
  }

  private async editScope(tx: Db, ctx: RequestContext, assignmentId: string) {
    const a = await loadAssignmentForEdit(tx, ctx, assignmentId, { lock: true });
    if (a.kind !== "records" || !a.appendixId) throw notFound("phần việc danh sách");
    const { appendix, campaign } = await loadAppendix(tx, a.appendixId, "records");
    return { a, appendix, campaign, cfg: recordsConfig(appendix.config) };
  }

  /** "Dòng 3 ("Kế hoạch số 15/KH-UBND")": the row's position among the agency's rows. */
  private async rowLabel(tx: Db, a: LoadedAssignment, row: RecordRow, cfg: RecordsConfig): Promise<string> {
    const [pos] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(recordRows)
      .where(and(eq(recordRows.appendixId, row.appendixId), eq(recordRows.agencyId, a.agencyId), sql`(${recordRows.sortOrder}, ${recordRows.createdAt}) <= (${row.sortOrder}, ${row.createdAt})`));
    const first = cfg.columns.map((c) => row.values[c.key]).find((v) => !isEmpty(v));
    return `Dòng ${pos?.n ?? "?"}${first !== undefined ? ` ("${String(first).slice(0, 60)}")` : ""}`;
  }

  private async ownRow(tx: Db, a: LoadedAssignment, rowId: string): Promise<RecordRow> {
    const [row] = await tx.select().from(recordRows).where(eq(recordRows.id, rowId)).for("update");
    if (!row || row.appendixId !== a.appendixId) throw notFound("dòng của danh sách");
    if (row.agencyId !== a.agencyId) throw forbidden("Dòng này do đơn vị khác báo cáo; bạn chỉ sửa được các dòng của đơn vị mình.");
    return row;
  }

  private async staleRow(tx: Db, row: RecordRow, label: string): Promise<AppError> {
    const [by] = row.updatedBy ? await tx.select({ name: users.fullName }).from(users).where(eq(users.id, row.updatedBy)) : [];
    return new AppError("VERSION_CONFLICT", `${label} đã được ${by?.name ?? "người khác"} sửa sau khi bạn mở. Hãy xem nội dung mới rồi sửa tiếp.`, {
      theirs: { values: row.values, version: row.version, byName: by?.name ?? null, at: row.updatedAt.toISOString() },
    });
  }

  async add(ctx: RequestContext, assignmentId: string, values: Record<string, RecordValue>): Promise<{ id: string; version: number }> {
    return this.db.transaction(async (tx) => {
      const { a, appendix, campaign, cfg } = await this.editScope(tx, ctx, assignmentId);
      if (!(await this.isReporter(tx, appendix.id, a.agencyId, campaign.referenceDate))) {
        throw forbidden(`${appendix.title} là danh sách điền sẵn: đơn vị chỉ cập nhật các dòng được giao, không thêm dòng.`);
      }
      const clean = this.checkValues(cfg, values, "Dòng mới", null);
      const [{ next } = { next: 0 }] = await tx
        .select({ next: sql<number>`coalesce(max(${recordRows.sortOrder}) + 1, 0)::int` })
        .from(recordRows)
        .where(eq(recordRows.appendixId, appendix.id));
      const [row] = await tx
        .insert(recordRows)
        .values({
          appendixId: appendix.id,
          campaignId: campaign.id,
          sortOrder: next,
          agencyId: a.agencyId,
          values: clean,
          prefilled: false,
          createdBy: ctx.actor?.userId ?? null,
          updatedBy: ctx.actor?.userId ?? null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      await this.audit.record(tx, ctx, {
        action: "records.add",
        entityType: "record_row",
        entityId: row!.id,
        summary: `Thêm dòng vào ${appendix.title} — ${campaign.name}`,
        after: clean,
      });
      return { id: row!.id, version: row!.version };
    });
  }

  async update(ctx: RequestContext, assignmentId: string, rowId: string, values: Record<string, RecordValue>, version: number): Promise<{ id: string; version: number }> {
    return this.db.transaction(async (tx) => {
      const { a, appendix, campaign, cfg } = await this.editScope(tx, ctx, assignmentId);
      const row = await this.ownRow(tx, a, rowId);
      const label = await this.rowLabel(tx, a, row, cfg);
      if (row.version !== version) throw await this.staleRow(tx, row, label);
      const clean = this.checkValues(cfg, values, label, row);
      if (JSON.stringify(clean) === JSON.stringify(row.values)) return { id: row.id, version: row.version };
      await tx
        .update(recordRows)
        .set({ values: clean, version: row.version + 1, updatedBy: ctx.actor?.userId ?? null, updatedAt: ctx.now })
        .where(and(eq(recordRows.id, row.id), eq(recordRows.version, version)));
      await this.audit.record(tx, ctx, {
        action: "records.update",
        entityType: "record_row",
        entityId: row.id,
        summary: `Sửa ${label.toLowerCase()} của ${appendix.title} — ${campaign.name}`,
        before: row.values,
        after: clean,
      });
      return { id: row.id, version: row.version + 1 };
    });
  }

  async remove(ctx: RequestContext, assignmentId: string, rowId: string, version: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { a, appendix, campaign, cfg } = await this.editScope(tx, ctx, assignmentId);
      const row = await this.ownRow(tx, a, rowId);
      const label = await this.rowLabel(tx, a, row, cfg);
      if (row.prefilled) throw badRequest(`${label} do mẫu điền sẵn: đơn vị cập nhật nội dung, không xóa được.`);
      if (row.version !== version) throw await this.staleRow(tx, row, label);
      await tx.delete(recordRows).where(eq(recordRows.id, row.id));
      await this.audit.record(tx, ctx, {
        action: "records.delete",
        entityType: "record_row",
        entityId: row.id,
        summary: `Xóa ${label.toLowerCase()} của ${appendix.title} — ${campaign.name}`,
        before: row.values,
      });
    });
  }

  /** Swaps the row with the previous / next row of the same agency. */
  async move(ctx: RequestContext, assignmentId: string, rowId: string, direction: "up" | "down", version: number): Promise<{ id: string; version: number }> {
    return this.db.transaction(async (tx) => {
      const { a, appendix, cfg } = await this.editScope(tx, ctx, assignmentId);
      const row = await this.ownRow(tx, a, rowId);
      const label = await this.rowLabel(tx, a, row, cfg);
      if (row.version !== version) throw await this.staleRow(tx, row, label);
      const siblings = await tx
        .select()
        .from(recordRows)
        .where(and(eq(recordRows.appendixId, appendix.id), eq(recordRows.agencyId, a.agencyId)))
        .orderBy(asc(recordRows.sortOrder), asc(recordRows.createdAt))
        .for("update");
      const i = siblings.findIndex((s) => s.id === row.id);
      const j = direction === "up" ? i - 1 : i + 1;
      const other = siblings[j];
      if (!other) throw badRequest(direction === "up" ? `${label} đã ở đầu danh sách.` : `${label} đã ở cuối danh sách.`);
      // The order is not content: versions stay (a pre-filled row moved is not "filled in"). Distinct sort orders even
      // if the template left equal ones.
      const [lo, hi] = row.sortOrder === other.sortOrder ? [row.sortOrder, row.sortOrder + 1] : [Math.min(row.sortOrder, other.sortOrder), Math.max(row.sortOrder, other.sortOrder)];
      const [first, second] = direction === "up" ? [row, other] : [other, row];
      await tx.update(recordRows).set({ sortOrder: lo }).where(eq(recordRows.id, first.id));
      await tx.update(recordRows).set({ sortOrder: hi }).where(eq(recordRows.id, second.id));
      await this.audit.record(tx, ctx, {
        action: "records.move",
        entityType: "record_row",
        entityId: row.id,
        summary: `Chuyển ${label.toLowerCase()} ${direction === "up" ? "lên" : "xuống"} — ${appendix.title}`,
      });
      return { id: row.id, version: row.version };
    });
  }
}

/** "05/5/2024" for a stored ISO date (display helper shared with the Excel writer). */
export function displayRecordValue(col: Pick<RecordColumnDto, "type">, v: RecordValue): string {
  if (v === null) return "";
  if (col.type === "date" && typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatVnDate(v);
  return String(v);
}
