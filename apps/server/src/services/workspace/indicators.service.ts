import { randomBytes } from "node:crypto";
import { and, eq, inArray, max, sql } from "drizzle-orm";
import {
  ASSIGNMENT_STATE_LABELS,
  type AddAgencyRowRequest,
  type FigureConflictDto,
  type FigureHistoryDto,
  type IndicatorGridDto,
  type SaveFiguresResultDto,
  type UpdateAgencyRowRequest,
  type saveFiguresRequestSchema,
} from "@tonghop/contracts";
import type { z } from "zod";
import { expressionRefs, normalizeSearchText, parseExpression, toVnPlainDate, tryParseTarget } from "@tonghop/domain";
import { requireActor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { appendixCellTexts, appendixRows, assignments, campaigns, indicatorValueHistory, indicators, users, type AgencyRef } from "../../db/schema/index.js";
import { reads } from "../../db/reads.js";
import { AppError, badRequest, forbidden, notFound } from "../../http/errors.js";
import type { AuditRecord, AuditRepository } from "../../repositories/audit.repository.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import { refDisplayName } from "../campaigns/agency-refs.js";
import { isUniqueViolation } from "../values/values.repository.js";
import { versionConflict, type FigureWrite, type SavedFigure, type ValuesService } from "../values/values.service.js";
import { checkEdit, completeAssignment, effectiveDueDate, loadAssignmentForEdit, type LoadedAssignment } from "./assignment-access.js";
import { buildGridRows, gridColumns, type GridText } from "./indicators-grid.js";
import { resolveWorkspaceView } from "./indicators-access.js";
import {
  agencyRows,
  appendixColumns,
  loadAppendix,
  loadAssignmentWithAppendix,
  loadIndicatorsByCode,
  loadIndicatorsById,
  loadRows,
  loadRowsWithAncestors,
  type AppendixCampaign,
  type AppendixColumns,
  type AppendixInfo,
  type IndicatorRecord,
  type LoadedRows,
  type TreeRow,
} from "./indicators-scope.js";

type SaveRequest = z.output<typeof saveFiguresRequestSchema>;

/** A text cell (proposal / note) to write. */
export interface TextWrite {
  rowId: string;
  columnKey: string;
  text: string;
  baseVersion: number;
  rowName: string;
  columnTitle: string;
}

/** A text cell written, with its new version. */
type SavedText = TextWrite & { version: number };

/** What a write needs to know about the assignment's appendix. */
export interface SaveScope {
  campaign: AppendixCampaign;
  appendix: AppendixInfo;
  columns: AppendixColumns;
  rows: Map<string, TreeRow>;
  indicators: Map<string, IndicatorRecord>;
  own: Set<string>;
  leads: Map<string, AgencyRef[]>;
}

export interface ApplyOptions {
  confirmOverOfficial?: boolean | undefined;
  /** grid | excel */
  origin: "grid" | "excel";
  fileName?: string;
}

const CONTROL = /(?![\t\n\r])\p{Cc}/u;

/**
 * The agency's indicator workspace: the grid of an appendix (one agency or the whole appendix), batch saves with
 * optimistic concurrency, the history of a cell and the rows an agency adds under open groups.
 */
export class IndicatorsWorkspaceService {
  constructor(
    private readonly db: Db,
    private readonly values: ValuesService,
    private readonly audit: AuditRepository,
    private readonly agencies: AgenciesService,
  ) {}

  // ------------------------------------------------------------------------------------------------
  // Grid

  async grid(ctx: RequestContext, appendixId: string, agencyId?: string): Promise<IndicatorGridDto> {
    const db = this.db;
    const { appendix, campaign } = await loadAppendix(db, appendixId, "indicators");
    const view = await resolveWorkspaceView(db, ctx, campaign, appendixId, agencyId);
    const [rows, dir, appendixAssignments] = await reads(db, [
      () => loadRows(db, appendixId),
      () => this.agencies.directory(db),
      () => db.select().from(assignments).where(eq(assignments.appendixId, appendixId)),
    ]);
    const columns = appendixColumns(appendix, campaign.areas);
    let own: Set<string>;
    let leads: Map<string, AgencyRef[]>;
    let shown: Set<string> | null = null;
    if (view.agencyId) {
      ({ own, leads } = await agencyRows(db, rows, view.agencyId, campaign.referenceDate));
      shown = withAncestors(rows, own);
    } else {
      ({ leads } = await agencyRows(db, rows, "00000000-0000-0000-0000-000000000000", campaign.referenceDate));
      own = new Set(rows.map((r) => r.id));
    }
    const { byId, byCode } = await this.indicatorSet(db, rows, appendix);
    const figures = await this.values.currentMap(db, [...byCode.values()].map((i) => i.id));
    const texts = await this.loadTexts(db, campaign.id, appendixId);
    const today = toVnPlainDate(ctx.now);
    const built = buildGridRows({
      campaignId: campaign.id,
      referenceDate: campaign.referenceDate,
      columns,
      validations: appendix.config.validations ?? [],
      rows,
      shown,
      own,
      agencyId: view.agencyId,
      editable: view.editable,
      indicatorsById: byId,
      indicatorsByCode: byCode,
      figures,
      texts,
      leads,
      refName: (ref) => refDisplayName(dir, ref, campaign.referenceDate),
      agencyName: (id) => dir.displayName(id, today),
    });
    const a = view.assignment;
    return {
      campaign: { id: campaign.id, code: campaign.code, name: campaign.name, status: campaign.status, referenceDate: campaign.referenceDate },
      appendix: { id: appendix.id, code: appendix.code, title: appendix.title, subtitle: appendix.subtitle, note: appendix.config.note ?? null },
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
      agencies: appendixAssignments
        .filter((x) => x.kind === "indicators")
        .map((x) => ({ id: x.agencyId, name: dir.displayName(x.agencyId, today), assignmentId: x.id, state: x.state as keyof typeof ASSIGNMENT_STATE_LABELS }))
        .sort((x, y) => x.name.localeCompare(y.name, "vi")),
      header: columns.expanded.header,
      numbers: columns.expanded.numbers ?? null,
      columns: gridColumns(columns, campaign.referenceDate),
      rows: built.rows,
      summary: built.summary,
    };
  }

  /** Indicators of the rows plus those their expressions and the appendix's validations name (by id and by code). */
  private async indicatorSet(db: Db, rows: readonly TreeRow[], appendix: AppendixInfo) {
    const byId = await loadIndicatorsById(
      db,
      rows.flatMap((r) => (r.indicatorId ? [r.indicatorId] : [])),
    );
    const byCode = new Map([...byId.values()].map((i) => [i.code, i]));
    const wanted = new Set<string>();
    for (const v of appendix.config.validations ?? []) {
      if (v.kind === "sum") v.of.forEach((c) => wanted.add(c));
      else if (v.kind === "compare") {
        wanted.add(v.left);
        if (typeof v.right === "string") wanted.add(v.right);
      } else wanted.add(v.code);
    }
    let frontier = [...byCode.values()];
    for (let guard = 0; guard < 10; guard++) {
      for (const ind of frontier) {
        if (!ind.expression) continue;
        try {
          for (const ref of expressionRefs(parseExpression(ind.expression))) wanted.add(ref);
        } catch {
          /* a bad expression is reported as the computed cell's reason */
        }
      }
      const missing = [...wanted].filter((c) => !byCode.has(c));
      if (!missing.length) break;
      frontier = await loadIndicatorsByCode(db, missing);
      for (const ind of frontier) byCode.set(ind.code, ind);
      for (const c of missing) wanted.delete(c);
      if (!frontier.length) break;
    }
    return { byId, byCode };
  }

  private async loadTexts(db: Db, campaignId: string, appendixId: string): Promise<GridText[]> {
    const rows = await db
      .select({
        rowId: appendixCellTexts.rowId,
        columnKey: appendixCellTexts.columnKey,
        agencyId: appendixCellTexts.agencyId,
        text: appendixCellTexts.text,
        version: appendixCellTexts.version,
        byName: users.fullName,
        at: appendixCellTexts.updatedAt,
      })
      .from(appendixCellTexts)
      .innerJoin(appendixRows, eq(appendixRows.id, appendixCellTexts.rowId))
      .leftJoin(users, eq(users.id, appendixCellTexts.updatedBy))
      .where(and(eq(appendixCellTexts.campaignId, campaignId), eq(appendixRows.appendixId, appendixId)));
    return rows;
  }

  // ------------------------------------------------------------------------------------------------
  // History

  async history(ctx: RequestContext, appendixId: string, rowId: string, columnKey: string, agencyId?: string): Promise<FigureHistoryDto> {
    const db = this.db;
    const { appendix, campaign } = await loadAppendix(db, appendixId, "indicators");
    const view = await resolveWorkspaceView(db, ctx, campaign, appendixId, agencyId);
    const rows = await loadRows(db, appendixId);
    const row = rows.find((r) => r.id === rowId);
    if (!row) throw notFound("dòng của phụ lục");
    if (view.agencyId) {
      const { own } = await agencyRows(db, rows, view.agencyId, campaign.referenceDate);
      if (!own.has(rowId)) throw forbidden("Dòng này không thuộc phần việc của đơn vị.");
    }
    const col = appendixColumns(appendix, campaign.areas).byKey.get(columnKey);
    if (!col || col.kind !== "value") throw badRequest(`Cột "${columnKey}" không phải cột số liệu của ${appendix.title}.`, { field: "columnKey" });
    if (!row.indicatorId) throw badRequest(`Dòng "${row.name}" là dòng tiêu đề, không có số liệu.`, { field: "rowId" });
    const [ind] = await db.select().from(indicators).where(eq(indicators.id, row.indicatorId));
    const vintages = await this.values.history(db, { indicatorId: row.indicatorId, period: col.period, area: col.area });
    const dir = await this.agencies.directory(db);
    const today = toVnPlainDate(ctx.now);
    return {
      rowName: row.name,
      columnTitle: col.title,
      indicatorCode: ind?.code ?? "",
      period: col.period,
      area: col.area,
      vintages: vintages.map((v) => ({
        value: v.value,
        status: v.status,
        note: v.note,
        source: v.source,
        version: v.version,
        enteredByName: v.enteredByName,
        enteredAt: v.enteredAt.toISOString(),
        sourceAgencyName: v.sourceAgencyId ? dir.displayName(v.sourceAgencyId, today) : null,
        campaignName: v.campaignName,
        current: v.current,
      })),
    };
  }

  // ------------------------------------------------------------------------------------------------
  // Saving

  /**
   * Loads what a write to the assignment's appendix needs (inside the write transaction). `touchedRowIds` limits it to
   * the rows a batch writes and their ancestors (leads are inherited from ancestors); without it, the whole tree.
   */
  async saveScope(
    tx: Db,
    a: LoadedAssignment,
    touchedRowIds?: Iterable<string>,
    loaded?: { appendix: AppendixInfo; campaign: AppendixCampaign; touchedRows?: LoadedRows },
  ): Promise<SaveScope> {
    if (a.kind !== "indicators" || !a.appendixId) throw notFound("phần việc nhập số liệu");
    const { appendix, campaign } = loaded ?? (await loadAppendix(tx, a.appendixId, "indicators"));
    const touched = touchedRowIds ? new Set(touchedRowIds) : null;
    let rows: TreeRow[];
    let indicatorMap: Map<string, IndicatorRecord>;
    if (touched) {
      ({ rows, indicators: indicatorMap } = loaded?.touchedRows ?? (await loadRowsWithAncestors(tx, { appendixId: a.appendixId }, touched)));
    } else {
      rows = await loadRows(tx, a.appendixId);
      indicatorMap = await loadIndicatorsById(tx, rows.flatMap((r) => (r.indicatorId ? [r.indicatorId] : [])));
    }
    const { own, leads } = await agencyRows(tx, rows, a.agencyId, campaign.referenceDate, touched ?? undefined);
    return { campaign, appendix, columns: appendixColumns(appendix, campaign.areas), rows: new Map(rows.map((r) => [r.id, r])), indicators: indicatorMap, own, leads };
  }

  /** Maps the cells of a request onto figures and text cells; refuses cells the agency may not write. */
  resolveCells(scope: SaveScope, body: Pick<SaveRequest, "cells" | "texts">): { writes: FigureWrite[]; texts: TextWrite[] } {
    const writes: FigureWrite[] = [];
    const texts: TextWrite[] = [];
    const rowOf = (rowId: string, columnKey: string) => {
      const row = scope.rows.get(rowId);
      if (!row) throw badRequest(`Dòng ${rowId} không thuộc ${scope.appendix.title}.`, { rowId, columnKey });
      if (!scope.own.has(rowId)) {
        throw new AppError("FORBIDDEN", `Dòng "${row.name}" không thuộc phần việc của đơn vị; chỉ nhập được số liệu các dòng của đơn vị mình.`, { rowId, columnKey });
      }
      return row;
    };
    for (const c of body.cells) {
      const row = rowOf(c.rowId, c.columnKey);
      const col = scope.columns.byKey.get(c.columnKey);
      if (!col) throw badRequest(`Cột "${c.columnKey}" không có trong ${scope.appendix.title}.`, { rowId: c.rowId, columnKey: c.columnKey });
      if (col.kind !== "value") {
        throw badRequest(`Dòng "${row.name}", cột "${col.title}": không phải ô số liệu.`, { rowId: c.rowId, columnKey: c.columnKey });
      }
      if (col.mode === "computed") {
        throw badRequest(`Dòng "${row.name}", cột "${col.title}": số liệu cả kỳ do hệ thống tính từ các năm, không nhập được.`, { rowId: c.rowId, columnKey: c.columnKey });
      }
      if (!row.indicatorId) throw badRequest(`Dòng "${row.name}" là dòng tiêu đề, không có số liệu.`, { rowId: c.rowId, columnKey: c.columnKey });
      const ind = scope.indicators.get(row.indicatorId);
      if (ind?.expression) {
        throw badRequest(`Dòng "${row.name}": chỉ tiêu tính theo công thức (${ind.expression}), không nhập được.`, { rowId: c.rowId, columnKey: c.columnKey });
      }
      if (c.value !== null && Math.abs(c.value) >= 1e15) {
        throw badRequest(`Dòng "${row.name}", cột "${col.title}": giá trị quá lớn.`, { rowId: c.rowId, columnKey: c.columnKey });
      }
      writes.push({
        indicatorId: row.indicatorId,
        period: col.period,
        area: col.area,
        value: c.value,
        status: c.status,
        note: c.note?.trim() || null,
        source: c.source?.trim() || null,
        baseVersion: c.baseVersion,
        label: { rowId: row.id, columnKey: col.key, rowName: row.name, columnTitle: scope.columns.longTitle.get(col.key) ?? col.title },
      });
    }
    for (const t of body.texts) {
      const row = rowOf(t.rowId, t.columnKey);
      const col = scope.columns.byKey.get(t.columnKey);
      if (!col || (col.kind !== "proposal" && col.kind !== "note")) {
        throw badRequest(`Dòng "${row.name}": cột "${col?.title ?? t.columnKey}" không phải ô đề xuất hoặc ghi chú.`, { rowId: t.rowId, columnKey: t.columnKey });
      }
      const text = t.text.trim();
      if (CONTROL.test(text)) throw badRequest(`Dòng "${row.name}", cột "${col.title}": nội dung chứa ký tự điều khiển không hợp lệ.`, { rowId: t.rowId, columnKey: t.columnKey });
      if (col.kind === "proposal") {
        if (!row.indicatorId) throw badRequest(`Dòng "${row.name}" là dòng tiêu đề, không đề xuất mục tiêu được.`, { rowId: t.rowId, columnKey: t.columnKey });
        if (text) {
          const p = tryParseTarget(text);
          if (!p.ok) throw badRequest(`Dòng "${row.name}", cột "${col.title}": '${text}' không phải mục tiêu hợp lệ — ${p.error}`, { rowId: t.rowId, columnKey: t.columnKey });
        }
      }
      texts.push({ rowId: row.id, columnKey: col.key, text, baseVersion: t.baseVersion, rowName: row.name, columnTitle: scope.columns.longTitle.get(col.key) ?? col.title });
    }
    return { writes, texts };
  }

  /** The batch save of the grid: all cells or none. */
  async save(ctx: RequestContext, assignmentId: string, body: SaveRequest, opts: Omit<ApplyOptions, "confirmOverOfficial"> = { origin: "grid" }): Promise<SaveFiguresResultDto> {
    if (!body.texts.length) {
      const plain = await this.savePlain(ctx, assignmentId, body, opts);
      if (plain) return plain;
    }
    let resolved: { writes: FigureWrite[]; texts: TextWrite[] } | null = null;
    let agencyId: string | null = null;
    let campaignId: string | null = null;
    try {
      return await this.db.transaction(async (tx) => {
        const a = await loadAssignmentForEdit(tx, ctx, assignmentId, { lock: true });
        agencyId = a.agencyId;
        campaignId = a.campaignId;
        const scope = await this.saveScope(tx, a, [...body.cells.map((c) => c.rowId), ...body.texts.map((t) => t.rowId)]);
        resolved = this.resolveCells(scope, body);
        return this.applyInTx(tx, ctx, a, scope, resolved.writes, resolved.texts, { ...opts, confirmOverOfficial: body.confirmOverOfficial });
      });
    } catch (error) {
      if (resolved && agencyId && campaignId && isUniqueViolation(error)) throw await this.raceConflict(resolved, agencyId, campaignId);
      throw error;
    }
  }

  /**
   * The usual save (figures only, every cell changed, nobody else's save in between) in four round trips instead of
   * nine: the reads make the checks of the general path without a transaction, and one statement writes the figures
   * and the audit entry after re-checking, under a lock on the assignment, that it is still in the state the checks
   * passed (`ValuesService.writeIfPlain`). Null when the batch is not that plain (nothing written): the general path,
   * one transaction, then decides and explains (conflicts, unchanged cells, official figures, a concurrent send).
   */
  private async savePlain(ctx: RequestContext, assignmentId: string, body: SaveRequest, opts: Omit<ApplyOptions, "confirmOverOfficial">): Promise<SaveFiguresResultDto | null> {
    requireActor(ctx);
    const rowIds = body.cells.map((c) => c.rowId);
    // The touched rows are read side by side with the assignment (one round trip less); nothing of them is used before
    // the checks below pass.
    const [found, touchedRows] = await reads(this.db, [
      () => loadAssignmentWithAppendix(this.db, assignmentId),
      () => loadRowsWithAncestors(this.db, { assignmentId }, rowIds),
    ]);
    const a = checkEdit(ctx, await completeAssignment(this.db, ctx, found.row, found.campaign));
    if (a.kind !== "indicators") throw notFound("phần việc nhập số liệu");
    const scope = await this.saveScope(this.db, a, rowIds, { ...found.appendix("indicators"), touchedRows });
    const { writes } = this.resolveCells(scope, body);
    const guard = sql`select 1 from ${assignments} a join ${campaigns} c on c.id = a.campaign_id
      where a.id = ${a.id}::uuid and a.agency_id = ${a.agencyId}::uuid and a.state = ${a.state}::text and c.status = ${a.campaign.status}::text
      for update of a`;
    try {
      const result = await this.values.writeIfPlain(this.db, ctx, writes, {
        campaignId: a.campaignId,
        sourceAgencyId: a.agencyId,
        confirmOverOfficial: body.confirmOverOfficial,
        guard,
        alongside: (r, written) => this.audit.recordWhen(ctx, figuresAudit(a.id, scope, r.saved, [], opts), written),
      });
      return result && saveResult(result.saved, [], result.unchanged);
    } catch (error) {
      // Another save of the same cell committed first: the general path reads it and reports the conflict.
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** A concurrent first save of the same cell lost the unique-index race: describe it as a version conflict. */
  async raceConflict(resolved: { writes: FigureWrite[]; texts: TextWrite[] }, agencyId: string, campaignId: string): Promise<AppError> {
    const textConflicts = await this.textConflicts(this.db, resolved.texts, agencyId, campaignId, false);
    return this.values.conflictError(this.db, resolved.writes, textConflicts);
  }

  /** Writes figures and text cells of one batch inside `tx` and records one audit entry. */
  async applyInTx(tx: Db, ctx: RequestContext, a: LoadedAssignment, scope: SaveScope, writes: FigureWrite[], texts: TextWrite[], opts: ApplyOptions): Promise<SaveFiguresResultDto> {
    const textConflicts = await this.textConflicts(tx, texts, a.agencyId, a.campaignId, true);
    if (textConflicts.length) {
      // Report figure conflicts of the same batch too, so that the user resolves everything at once.
      const figureRows = await this.values.repo.currentAt(tx, writes);
      const figureConflicts = this.values.conflicts(writes, new Map(figureRows.map((r) => [`${r.indicatorId}|${r.period}|${r.area}`, r])));
      throw versionConflict([...figureConflicts, ...textConflicts]);
    }
    const result = await this.values.writeInTx(tx, ctx, writes, {
      campaignId: a.campaignId,
      sourceAgencyId: a.agencyId,
      confirmOverOfficial: opts.confirmOverOfficial,
    });
    const savedTexts = await this.writeTexts(tx, ctx, texts, a.agencyId, a.campaignId);
    const unchangedTexts = texts.length - savedTexts.length;
    if (result.saved.length || savedTexts.length) await this.audit.record(tx, ctx, figuresAudit(a.id, scope, result.saved, savedTexts, opts));
    return saveResult(result.saved, savedTexts, result.unchanged + unchangedTexts);
  }

  private async currentTexts(db: Db, texts: readonly TextWrite[], agencyId: string, lock: boolean) {
    if (!texts.length) return new Map<string, { id: string; text: string; version: number; byName: string | null; at: Date }>();
    const where = and(
      eq(appendixCellTexts.agencyId, agencyId),
      inArray(
        appendixCellTexts.rowId,
        texts.map((t) => t.rowId),
      ),
    );
    if (lock) await db.select({ id: appendixCellTexts.id }).from(appendixCellTexts).where(where).for("update");
    const rows = await db
      .select({
        id: appendixCellTexts.id,
        rowId: appendixCellTexts.rowId,
        columnKey: appendixCellTexts.columnKey,
        text: appendixCellTexts.text,
        version: appendixCellTexts.version,
        byName: users.fullName,
        at: appendixCellTexts.updatedAt,
      })
      .from(appendixCellTexts)
      .leftJoin(users, eq(users.id, appendixCellTexts.updatedBy))
      .where(where);
    return new Map(rows.map((r) => [`${r.rowId}|${r.columnKey}`, r]));
  }

  private async textConflicts(db: Db, texts: readonly TextWrite[], agencyId: string, _campaignId: string, lock: boolean): Promise<FigureConflictDto[]> {
    const current = await this.currentTexts(db, texts, agencyId, lock);
    const out: FigureConflictDto[] = [];
    for (const t of texts) {
      const cur = current.get(`${t.rowId}|${t.columnKey}`);
      const version = cur?.version ?? 0;
      if (version === t.baseVersion || (cur?.text ?? "") === t.text) continue;
      out.push({
        rowId: t.rowId,
        columnKey: t.columnKey,
        rowName: t.rowName,
        columnTitle: t.columnTitle,
        kind: "text",
        yours: { text: t.text, baseVersion: t.baseVersion },
        theirs: { text: cur?.text ?? "", version, byName: cur?.byName ?? null, at: cur ? cur.at.toISOString() : null },
      });
    }
    return out;
  }

  private async writeTexts(tx: Db, ctx: RequestContext, texts: readonly TextWrite[], agencyId: string, campaignId: string) {
    if (!texts.length) return [];
    const seen = new Set<string>();
    for (const t of texts) {
      const k = `${t.rowId}|${t.columnKey}`;
      if (seen.has(k)) throw badRequest(`Ô dòng "${t.rowName}", cột "${t.columnTitle}" được gửi hai lần trong một lần lưu.`, { rowId: t.rowId, columnKey: t.columnKey });
      seen.add(k);
    }
    const current = await this.currentTexts(tx, texts, agencyId, false);
    const saved: Array<TextWrite & { version: number }> = [];
    const inserts: (typeof appendixCellTexts.$inferInsert)[] = [];
    for (const t of texts) {
      const cur = current.get(`${t.rowId}|${t.columnKey}`);
      if ((cur?.text ?? "") === t.text) continue;
      if (cur) {
        await tx
          .update(appendixCellTexts)
          .set({ text: t.text, version: cur.version + 1, updatedBy: ctx.actor?.userId ?? null, updatedAt: ctx.now })
          .where(eq(appendixCellTexts.id, cur.id));
        saved.push({ ...t, version: cur.version + 1 });
      } else {
        inserts.push({ campaignId, rowId: t.rowId, columnKey: t.columnKey, agencyId, text: t.text, version: 1, updatedBy: ctx.actor?.userId ?? null, updatedAt: ctx.now });
        saved.push({ ...t, version: 1 });
      }
    }
    if (inserts.length) await tx.insert(appendixCellTexts).values(inserts);
    return saved;
  }

  // ------------------------------------------------------------------------------------------------
  // Rows an agency adds under open groups

  async addRow(ctx: RequestContext, assignmentId: string, body: AddAgencyRowRequest): Promise<{ rowId: string; indicatorCode: string; version: number }> {
    return this.db.transaction(async (tx) => {
      const a = await loadAssignmentForEdit(tx, ctx, assignmentId, { lock: true });
      const scope = await this.saveScope(tx, a);
      const parent = scope.rows.get(body.parentRowId);
      if (!parent) throw badRequest("Dòng nhóm không thuộc phụ lục này.", { field: "parentRowId" });
      if (!parent.openForAgencies) throw badRequest(`Dòng "${parent.name}" không cho phép đơn vị thêm chỉ tiêu.`, { field: "parentRowId" });
      if (!scope.own.has(parent.id)) throw forbidden(`Dòng "${parent.name}" không thuộc phần việc của đơn vị.`);
      this.checkTarget(body.target, "target");
      const siblings = [...scope.rows.values()].filter((r) => r.parentId === parent.id);
      const key = normalizeSearchText(body.name);
      if (siblings.some((r) => r.addedByAgencyId === a.agencyId && normalizeSearchText(r.name) === key)) {
        throw new AppError("CONFLICT", `Đơn vị đã có chỉ tiêu "${body.name}" dưới dòng "${parent.name}".`, { field: "name" });
      }
      const dir = await this.agencies.directory(tx);
      const agencyName = dir.displayName(a.agencyId, scope.campaign.referenceDate);
      const code = await this.freeCode(tx);
      const [ind] = await tx
        .insert(indicators)
        .values({
          code,
          name: body.name,
          unit: body.unit,
          direction: body.direction,
          aggregation: body.aggregation,
          decimals: body.decimals,
          definition: `Chỉ tiêu do ${agencyName} đề xuất bổ sung trong đợt "${scope.campaign.name}".`,
          sourceAgencyId: a.agencyId,
          ownerAgencyId: a.agencyId,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      const [{ maxOrder } = { maxOrder: null }] = await tx
        .select({ maxOrder: max(appendixRows.sortOrder) })
        .from(appendixRows)
        .where(eq(appendixRows.parentId, parent.id));
      const [row] = await tx
        .insert(appendixRows)
        .values({
          appendixId: scope.appendix.id,
          campaignId: scope.campaign.id,
          parentId: parent.id,
          sortOrder: (maxOrder ?? -1) + 1,
          tt: "-",
          name: body.name,
          indicatorId: ind!.id,
          unit: body.unit,
          target: body.target?.trim() || null,
          aggregation: body.aggregation,
          direction: body.direction,
          decimals: body.decimals,
          lead: [{ kind: "agency", id: a.agencyId, name: agencyName }],
          addedByAgencyId: a.agencyId,
          createdAt: ctx.now,
        })
        .returning({ id: appendixRows.id });
      await this.audit.record(tx, ctx, {
        action: "figures.row.add",
        entityType: "appendix_row",
        entityId: row!.id,
        summary: `Thêm chỉ tiêu "${body.name}" (${body.unit}) dưới dòng "${parent.name}" — ${scope.appendix.title}, ${scope.campaign.name}`,
        after: { ...body, indicatorCode: code, assignmentId },
      });
      return { rowId: row!.id, indicatorCode: code, version: ind!.version };
    });
  }

  async updateRow(ctx: RequestContext, assignmentId: string, rowId: string, body: UpdateAgencyRowRequest): Promise<{ rowId: string; indicatorCode: string; version: number }> {
    return this.db.transaction(async (tx) => {
      const a = await loadAssignmentForEdit(tx, ctx, assignmentId, { lock: true });
      const { row, ind, scope } = await this.ownAddedRow(tx, a, rowId);
      if (ind.version !== body.version) {
        throw new AppError("VERSION_CONFLICT", `Chỉ tiêu "${row.name}" đã được người khác sửa sau khi bạn mở. Hãy tải lại rồi sửa tiếp.`, { version: ind.version });
      }
      this.checkTarget(body.target, "target");
      const [updated] = await tx
        .update(indicators)
        .set({ name: body.name, unit: body.unit, direction: body.direction, aggregation: body.aggregation, decimals: body.decimals, version: ind.version + 1, updatedAt: ctx.now })
        .where(and(eq(indicators.id, ind.id), eq(indicators.version, body.version)))
        .returning({ version: indicators.version });
      if (!updated) throw new AppError("VERSION_CONFLICT", `Chỉ tiêu "${row.name}" đã được người khác sửa sau khi bạn mở.`);
      await tx
        .update(appendixRows)
        .set({ name: body.name, unit: body.unit, target: body.target?.trim() || null, aggregation: body.aggregation, direction: body.direction, decimals: body.decimals })
        .where(eq(appendixRows.id, row.id));
      await this.audit.record(tx, ctx, {
        action: "figures.row.update",
        entityType: "appendix_row",
        entityId: row.id,
        summary: `Sửa chỉ tiêu đơn vị đề xuất "${body.name}" — ${scope.appendix.title}, ${scope.campaign.name}`,
        before: { name: row.name, unit: row.unit, target: row.target, aggregation: row.aggregation, direction: row.direction, decimals: row.decimals },
        after: body,
      });
      return { rowId: row.id, indicatorCode: ind.code, version: updated.version };
    });
  }

  async deleteRow(ctx: RequestContext, assignmentId: string, rowId: string, version: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const a = await loadAssignmentForEdit(tx, ctx, assignmentId, { lock: true });
      const { row, ind, scope } = await this.ownAddedRow(tx, a, rowId);
      if (ind.version !== version) {
        throw new AppError("VERSION_CONFLICT", `Chỉ tiêu "${row.name}" đã được người khác sửa sau khi bạn mở. Hãy tải lại rồi xóa.`, { version: ind.version });
      }
      await tx.delete(appendixRows).where(eq(appendixRows.id, row.id));
      const [used] = await tx.select({ n: sql<number>`count(*)::int` }).from(indicatorValueHistory).where(eq(indicatorValueHistory.indicatorId, ind.id));
      const [elsewhere] = await tx.select({ n: sql<number>`count(*)::int` }).from(appendixRows).where(eq(appendixRows.indicatorId, ind.id));
      // The catalogue entry goes with its only row unless figures were entered (their history stays).
      if (!used?.n && !elsewhere?.n) await tx.delete(indicators).where(eq(indicators.id, ind.id));
      await this.audit.record(tx, ctx, {
        action: "figures.row.delete",
        entityType: "appendix_row",
        entityId: row.id,
        summary: `Xóa chỉ tiêu đơn vị đề xuất "${row.name}" — ${scope.appendix.title}, ${scope.campaign.name}`,
        before: { name: row.name, unit: row.unit, indicatorCode: ind.code, figures: used?.n ?? 0 },
      });
    });
  }

  private async ownAddedRow(tx: Db, a: LoadedAssignment, rowId: string) {
    const scope = await this.saveScope(tx, a, [rowId]);
    const row = scope.rows.get(rowId);
    if (!row) throw notFound("dòng của phụ lục");
    if (row.addedByAgencyId !== a.agencyId) {
      throw forbidden(`Dòng "${row.name}" không do đơn vị thêm; chỉ sửa, xóa được các chỉ tiêu đơn vị tự đề xuất.`);
    }
    const ind = row.indicatorId ? scope.indicators.get(row.indicatorId) : undefined;
    if (!ind) throw notFound("chỉ tiêu của dòng");
    return { row, ind, scope };
  }

  private checkTarget(target: string | null | undefined, field: string): void {
    const t = target?.trim();
    if (!t) return;
    const p = tryParseTarget(t);
    if (!p.ok) throw badRequest(`Mục tiêu '${t}' không hợp lệ: ${p.error}`, { field });
  }

  private async freeCode(tx: Db): Promise<string> {
    for (let i = 0; i < 5; i++) {
      const code = `DX_${randomBytes(4).toString("hex").toUpperCase()}`;
      const [hit] = await tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, code)).limit(1);
      if (!hit) return code;
    }
    throw new AppError("INTERNAL", "Không tạo được mã chỉ tiêu mới; hãy thử lại.");
  }
}

/** The rows plus their ancestors (headings shown for context). */
export function withAncestors(rows: readonly TreeRow[], own: ReadonlySet<string>): Set<string> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Set<string>();
  for (const id of own) {
    let cur = byId.get(id);
    let guard = 0;
    while (cur && !out.has(cur.id) && guard++ < 60) {
      out.add(cur.id);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
  }
  return out;
}

/** The audit entry of a batch: every cell written, with its indicator, period, area and new version. */
function figuresAudit(assignmentId: string, scope: SaveScope, saved: readonly SavedFigure[], savedTexts: readonly SavedText[], opts: ApplyOptions): AuditRecord {
  const codeOf = (indicatorId: string) => scope.indicators.get(indicatorId)?.code ?? indicatorId;
  return {
    action: opts.origin === "excel" ? "figures.import-excel" : "figures.save",
    entityType: "assignment",
    entityId: assignmentId,
    summary:
      `${opts.origin === "excel" ? "Nhập từ Excel" : "Lưu"} ${saved.length} ô số liệu` +
      (savedTexts.length ? `, ${savedTexts.length} ô đề xuất/ghi chú` : "") +
      ` — ${scope.appendix.title}, ${scope.campaign.name}` +
      (opts.fileName ? ` (tệp ${opts.fileName})` : ""),
    after: {
      cells: saved.map((s) => ({
        row: s.write.label.rowName,
        column: s.write.label.columnTitle,
        indicator: codeOf(s.write.indicatorId),
        period: s.write.period,
        area: s.write.area,
        value: s.write.value,
        status: s.write.status,
        version: s.version,
      })),
      texts: savedTexts.map((t) => ({ row: t.rowName, column: t.columnTitle, text: t.text, version: t.version })),
    },
  };
}

/** What the grid gets back from a save: the cells written with their new versions. */
function saveResult(saved: readonly SavedFigure[], savedTexts: readonly SavedText[], unchanged: number): SaveFiguresResultDto {
  return {
    cells: saved.map((s) => ({
      rowId: s.write.label.rowId,
      columnKey: s.write.label.columnKey,
      value: s.write.value,
      status: s.write.status,
      note: s.write.note,
      source: s.write.source,
      version: s.version,
      enteredByName: s.enteredByName,
      enteredAt: s.enteredAt.toISOString(),
      sourceAgencyName: null,
      campaignName: null,
    })),
    texts: savedTexts.map((t) => ({ rowId: t.rowId, columnKey: t.columnKey, text: t.text, version: t.version })),
    unchanged,
  };
}
