import { randomUUID } from "node:crypto";
import { and, eq, inArray, ne } from "drizzle-orm";
import {
  expandColumns,
  TemplateColumnExpansionError,
  TEMPLATE_LIMITS,
  type AddAppendixRowRequest,
  type CampaignDetailDto,
  type MoveRequest,
  type RecordRowRequest,
  type TemplateAppendix,
  type TemplateArea,
  type TemplatePeriod,
  type UpdateAppendixRequest,
  type UpdateAppendixRowRequest,
} from "@tonghop/contracts";
import { parseTarget, TargetSyntaxError } from "@tonghop/domain";
import type { RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { appendices, appendixCellTexts, appendixRows, campaigns, indicators, recordRows } from "../../db/schema/index.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import type { CampaignDeps } from "./campaign-deps.js";
import type { AppendixRow, AppendixRowRow } from "./campaigns.repository.js";
import { runEdit, type EditContext } from "./edit-campaign.js";

function checkTarget(target: string | null | undefined): void {
  if (!target) return;
  try {
    parseTarget(target);
  } catch (e) {
    if (e instanceof TargetSyntaxError) throw badRequest(`Mục tiêu "${target}" không hợp lệ tại ký tự ${e.position + 1}: ${e.detail}.`, { field: "target", position: e.position });
    throw e;
  }
}

function appendixOf(e: EditContext, appendixId: string, kind?: "indicators" | "records"): AppendixRow {
  const a = e.s.appendices.find((x) => x.id === appendixId);
  if (!a) throw notFound("phụ lục");
  if (kind && a.kind !== kind) throw badRequest(kind === "indicators" ? `${a.title} là phụ lục danh sách, không có dòng chỉ tiêu.` : `${a.title} là phụ lục chỉ tiêu, không có dòng danh sách.`);
  return a;
}

const rowsOf = (e: EditContext, appendixId: string) => e.s.rows.filter((r) => r.appendixId === appendixId);
const siblings = (rows: readonly AppendixRowRow[], parentId: string | null) =>
  rows.filter((r) => r.parentId === parentId).sort((a, b) => a.sortOrder - b.sortOrder);
const depthOf = (rows: readonly AppendixRowRow[], id: string | null): number => {
  let d = 0;
  let cur = id ? rows.find((r) => r.id === id) : undefined;
  while (cur) {
    d++;
    cur = cur.parentId ? rows.find((r) => r.id === cur!.parentId) : undefined;
  }
  return d;
};
const heightOf = (rows: readonly AppendixRowRow[], id: string): number => 1 + Math.max(0, ...rows.filter((r) => r.parentId === id).map((r) => heightOf(rows, r.id)));
const rowLabel = (r: AppendixRowRow) => `${r.tt ? `${r.tt} ` : ""}${r.name}`;

async function reorder(tx: Db, ordered: readonly AppendixRowRow[], parentId: string | null): Promise<void> {
  for (const [i, r] of ordered.entries()) {
    if (r.sortOrder !== i || r.parentId !== parentId) await tx.update(appendixRows).set({ sortOrder: i, parentId }).where(eq(appendixRows.id, r.id));
  }
}

/** The catalogue indicator of a row: an existing one, or a new one added to the catalogue now. */
async function indicatorFor(e: EditContext, input: { indicatorId?: string | null | undefined; newIndicator?: AddAppendixRowRequest["newIndicator"] }): Promise<string | null | undefined> {
  if (input.newIndicator) {
    const n = input.newIndicator;
    const exists = (await e.tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, n.code)).limit(1))[0];
    if (exists) throw conflict(`Mã chỉ tiêu ${n.code} đã có trong danh mục; chọn chỉ tiêu đó thay vì thêm mới.`, { field: "newIndicator.code" });
    const [row] = await e.tx
      .insert(indicators)
      .values({ ...n, createdAt: e.ctx.now, updatedAt: e.ctx.now })
      .returning({ id: indicators.id });
    return row!.id;
  }
  if (input.indicatorId) {
    const exists = (await e.tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.id, input.indicatorId)).limit(1))[0];
    if (!exists) throw badRequest("Chỉ tiêu đã chọn không có trong danh mục.", { field: "indicatorId" });
  }
  return input.indicatorId;
}

export async function addAppendixRow(deps: CampaignDeps, ctx: RequestContext, campaignId: string, appendixId: string, input: AddAppendixRowRequest): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, input.version, async (e) => {
    const a = appendixOf(e, appendixId, "indicators");
    const rows = rowsOf(e, appendixId);
    const parent = input.parentId ? rows.find((r) => r.id === input.parentId) : undefined;
    if (input.parentId && !parent) throw notFound("dòng cha trong phụ lục");
    if (parent?.openForAgencies) throw badRequest(`Dòng mở "${parent.name}" không có dòng con trong mẫu (các cơ quan tự thêm).`, { field: "parentId" });
    if (depthOf(rows, input.parentId) + 1 > TEMPLATE_LIMITS.rowDepth) throw badRequest(`Cây dòng sâu tối đa ${TEMPLATE_LIMITS.rowDepth} cấp.`);
    const sibs = siblings(rows, input.parentId);
    const after = input.afterId ? sibs.find((r) => r.id === input.afterId) : input.afterId === null ? undefined : sibs[sibs.length - 1];
    if (input.afterId && !after) throw badRequest("Dòng đứng trước không cùng cấp với vị trí chèn.", { field: "afterId" });
    checkTarget(input.target);
    const indicatorId = (await indicatorFor(e, input)) ?? null;
    if (input.openForAgencies && indicatorId) throw badRequest("Dòng mở (các cơ quan tự thêm chỉ tiêu) không gắn chỉ tiêu.", { field: "openForAgencies" });
    const position = after ? sibs.indexOf(after) + 1 : 0;
    for (const x of sibs.slice(position)) await e.tx.update(appendixRows).set({ sortOrder: x.sortOrder + 1 }).where(eq(appendixRows.id, x.id));
    const id = randomUUID();
    const row = {
      id,
      appendixId,
      campaignId,
      parentId: input.parentId,
      sortOrder: position,
      tt: input.tt?.trim() || null,
      name: input.name,
      indicatorId,
      unit: input.unit?.trim() || null,
      target: input.target?.trim() || null,
      aggregation: indicatorId ? (input.aggregation ?? null) : null,
      direction: indicatorId ? (input.direction ?? null) : null,
      decimals: indicatorId ? (input.decimals ?? null) : null,
      lead: e.refs(input.lead, "Cơ quan chủ trì, báo cáo"),
      openForAgencies: input.openForAgencies ?? false,
      emphasis: input.emphasis ?? null,
      note: input.note?.trim() || null,
      createdAt: ctx.now,
    };
    await e.tx.insert(appendixRows).values(row);
    return {
      action: "campaign.appendix-row.add",
      summary: `thêm dòng "${rowLabel(row as AppendixRowRow)}" vào ${a.title}`,
      entityType: "appendix_row",
      entityId: id,
      after: row,
      appendixIds: [appendixId],
    };
  });
}

export async function updateAppendixRow(deps: CampaignDeps, ctx: RequestContext, campaignId: string, appendixId: string, rowId: string, input: UpdateAppendixRowRequest): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, input.version, async (e) => {
    const a = appendixOf(e, appendixId, "indicators");
    const row = rowsOf(e, appendixId).find((r) => r.id === rowId);
    if (!row) throw notFound("dòng phụ lục");
    const patch: Partial<typeof appendixRows.$inferInsert> = {};
    const text = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);
    if (input.tt !== undefined) patch.tt = text(input.tt);
    if (input.name !== undefined) patch.name = input.name;
    if (input.unit !== undefined) patch.unit = text(input.unit);
    if (input.target !== undefined) {
      checkTarget(input.target);
      patch.target = text(input.target);
    }
    if (input.indicatorId !== undefined || input.newIndicator) patch.indicatorId = (await indicatorFor(e, input)) ?? null;
    for (const k of ["aggregation", "direction", "decimals", "emphasis"] as const) if (input[k] !== undefined) (patch as Record<string, unknown>)[k] = input[k];
    if (input.note !== undefined) patch.note = text(input.note);
    if (input.openForAgencies !== undefined) patch.openForAgencies = input.openForAgencies;
    if (input.lead !== undefined) patch.lead = e.refs(input.lead, "Cơ quan chủ trì, báo cáo");
    const indicatorId = patch.indicatorId !== undefined ? patch.indicatorId : row.indicatorId;
    if ((patch.openForAgencies ?? row.openForAgencies) && indicatorId) throw badRequest("Dòng mở (các cơ quan tự thêm chỉ tiêu) không gắn chỉ tiêu.", { field: "openForAgencies" });
    if (!indicatorId) for (const k of ["aggregation", "direction", "decimals"] as const) if (patch[k] ?? row[k]) patch[k] = null;
    const fields = Object.keys(patch);
    if (!fields.length) throw badRequest("Không có thay đổi nào để lưu.");
    await e.tx.update(appendixRows).set(patch).where(eq(appendixRows.id, rowId));
    return {
      action: "campaign.appendix-row.update",
      summary: `sửa dòng "${rowLabel(row)}" của ${a.title}`,
      entityType: "appendix_row",
      entityId: rowId,
      before: Object.fromEntries(fields.map((f) => [f, row[f as keyof AppendixRowRow]])),
      after: patch,
      appendixIds: [appendixId],
    };
  });
}

export async function deleteAppendixRow(deps: CampaignDeps, ctx: RequestContext, campaignId: string, appendixId: string, rowId: string, version: number): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, version, async (e) => {
    const a = appendixOf(e, appendixId, "indicators");
    const rows = rowsOf(e, appendixId);
    const row = rows.find((r) => r.id === rowId);
    if (!row) throw notFound("dòng phụ lục");
    const ids = [rowId];
    for (let i = 0; i < ids.length; i++) for (const r of rows) if (r.parentId === ids[i]) ids.push(r.id);
    if (ids.length === rows.length) throw badRequest(`${a.title} phải còn ít nhất một dòng.`);
    const texts = await e.tx.select({ id: appendixCellTexts.id }).from(appendixCellTexts).where(and(inArray(appendixCellTexts.rowId, ids), ne(appendixCellTexts.text, ""))).limit(1);
    const added = rows.filter((r) => ids.includes(r.id) && r.addedByAgencyId);
    if (texts.length || added.length) throw conflict(`Không xóa được dòng "${rowLabel(row)}": các cơ quan đã nhập nội dung hoặc thêm chỉ tiêu ở dòng này.`);
    await e.tx.delete(appendixRows).where(eq(appendixRows.id, rowId));
    await reorder(e.tx, siblings(rows, row.parentId).filter((r) => r.id !== rowId), row.parentId);
    return {
      action: "campaign.appendix-row.delete",
      summary: `xóa dòng "${rowLabel(row)}" của ${a.title}${ids.length > 1 ? ` và ${ids.length - 1} dòng con` : ""}`,
      entityType: "appendix_row",
      entityId: rowId,
      before: row,
      appendixIds: [appendixId],
    };
  });
}

export async function moveAppendixRow(deps: CampaignDeps, ctx: RequestContext, campaignId: string, appendixId: string, rowId: string, input: MoveRequest): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, input.version, async (e) => {
    const a = appendixOf(e, appendixId, "indicators");
    const rows = rowsOf(e, appendixId);
    const row = rows.find((r) => r.id === rowId);
    if (!row) throw notFound("dòng phụ lục");
    const sibs = siblings(rows, row.parentId);
    const idx = sibs.findIndex((r) => r.id === rowId);
    switch (input.action) {
      case "up":
      case "down": {
        const j = input.action === "up" ? idx - 1 : idx + 1;
        if (j < 0 || j >= sibs.length) throw badRequest(input.action === "up" ? "Dòng đã ở đầu nhóm." : "Dòng đã ở cuối nhóm.");
        const ordered = [...sibs];
        [ordered[idx], ordered[j]] = [ordered[j]!, ordered[idx]!];
        await reorder(e.tx, ordered, row.parentId);
        break;
      }
      case "indent": {
        const parent = sibs[idx - 1];
        if (!parent) throw badRequest("Không lùi vào được: không có dòng cùng cấp đứng trước.");
        if (parent.openForAgencies) throw badRequest(`Không lùi vào được: "${parent.name}" là dòng mở.`);
        if (depthOf(rows, parent.id) + heightOf(rows, rowId) > TEMPLATE_LIMITS.rowDepth) throw badRequest(`Cây dòng sâu tối đa ${TEMPLATE_LIMITS.rowDepth} cấp.`);
        await reorder(e.tx, [...siblings(rows, parent.id), row], parent.id);
        await reorder(e.tx, sibs.filter((r) => r.id !== rowId), row.parentId);
        break;
      }
      case "outdent": {
        const parent = row.parentId ? rows.find((r) => r.id === row.parentId) : undefined;
        if (!parent) throw badRequest("Dòng đã ở cấp cao nhất.");
        const outer = siblings(rows, parent.parentId);
        const ordered = [...outer];
        ordered.splice(outer.findIndex((r) => r.id === parent.id) + 1, 0, row);
        await reorder(e.tx, sibs.filter((r) => r.id !== rowId), row.parentId);
        await reorder(e.tx, ordered, parent.parentId);
        break;
      }
    }
    return {
      action: "campaign.appendix-row.move",
      summary: `di chuyển dòng "${rowLabel(row)}" của ${a.title}`,
      entityType: "appendix_row",
      entityId: rowId,
      after: { action: input.action },
      appendixIds: [appendixId],
    };
  });
}

/** Title, subtitle, column tree (indicators) or columns (records), reporters (records). */
export async function updateAppendix(deps: CampaignDeps, ctx: RequestContext, campaignId: string, appendixId: string, input: UpdateAppendixRequest): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, input.version, async (e) => {
    const a = appendixOf(e, appendixId);
    const config = { ...(a.config as Record<string, unknown>) };
    const patch: Partial<typeof appendices.$inferInsert> = {};
    const changed: string[] = [];
    if (input.title !== undefined && input.title !== a.title) {
      patch.title = config.title = input.title;
      changed.push("tên");
    }
    if (input.subtitle !== undefined && (input.subtitle?.trim() || null) !== a.subtitle) {
      patch.subtitle = input.subtitle?.trim() || null;
      if (patch.subtitle) config.subtitle = patch.subtitle;
      else delete config.subtitle;
      changed.push("tiêu đề");
    }
    if (input.columns !== undefined) {
      if (a.kind !== "indicators") throw badRequest(`${a.title} là phụ lục danh sách: sửa cột bằng recordColumns.`, { field: "columns" });
      config.columns = input.columns;
      const areas = e.campaign.areas as TemplateArea[];
      try {
        expandColumns({ ...config, rows: [] } as unknown as TemplateAppendix, areas);
      } catch (err) {
        if (err instanceof TemplateColumnExpansionError) throw badRequest(err.message, { field: "columns", path: err.path });
        throw err;
      }
      // Periods used by the columns are declared on the campaign (a year needs no declaration).
      const periods = [...(e.campaign.periods as TemplatePeriod[])];
      const used = new Set<string>();
      const walk = (cols: readonly object[]) => {
        for (const col of cols) {
          const c = col as Record<string, unknown>;
          if (typeof c.period === "string") used.add(c.period);
          const areasSpec = c.areas as { period?: string } | undefined;
          if (areasSpec?.period) used.add(areasSpec.period);
          if (Array.isArray(c.children)) walk(c.children as object[]);
        }
      };
      walk(input.columns);
      const added = [...used].filter((p) => p.includes("-") && !periods.some((x) => x.key === p));
      if (added.length) await e.tx.update(campaigns).set({ periods: [...periods, ...added.map((key) => ({ key }))] }).where(eq(campaigns.id, campaignId));
      changed.push("cột");
    }
    if (input.recordColumns !== undefined) {
      if (a.kind !== "records") throw badRequest(`${a.title} là phụ lục chỉ tiêu: sửa cột bằng columns.`, { field: "recordColumns" });
      const keys = new Set(input.recordColumns.map((c) => c.key));
      const orphan = e.s.records.filter((r) => r.appendixId === appendixId).flatMap((r) => Object.keys(r.values).filter((k) => !keys.has(k) && r.values[k] !== null && r.values[k] !== ""));
      if (orphan.length) throw conflict(`Không bỏ được cột "${orphan[0]}": đã có dòng điền giá trị cho cột này.`, { field: "recordColumns" });
      config.columns = input.recordColumns;
      changed.push("cột");
    }
    if (input.reporters !== undefined) {
      if (a.kind !== "records") throw badRequest(`${a.title} là phụ lục chỉ tiêu: cơ quan báo cáo ghi ở từng dòng.`, { field: "reporters" });
      patch.reporters = e.refs(input.reporters, "Cơ quan được thêm dòng");
      changed.push("cơ quan được thêm dòng");
    }
    if (!changed.length) throw badRequest("Không có thay đổi nào để lưu.");
    patch.config = config;
    await e.tx.update(appendices).set(patch).where(eq(appendices.id, appendixId));
    return {
      action: "campaign.appendix.update",
      summary: `sửa ${a.title} (${changed.join(", ")})`,
      entityType: "appendix",
      entityId: appendixId,
      before: { title: a.title, subtitle: a.subtitle, config: a.config, reporters: a.reporters },
      after: patch,
      appendixIds: [appendixId],
    };
  });
}

/** Pre-filled rows of a record appendix (e.g. the projects of CV2830 Phụ lục 3), each with its reporting agency. */
export async function saveRecordRow(deps: CampaignDeps, ctx: RequestContext, campaignId: string, appendixId: string, rowId: string | null, input: RecordRowRequest): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, input.version, async (e) => {
    const a = appendixOf(e, appendixId, "records");
    const [agency] = e.refs([{ kind: "agency", id: input.agencyId }], "Cơ quan báo cáo");
    const cols = ((a.config as { columns?: { key: string; title: string; type: string }[] }).columns ?? []).filter(Boolean);
    for (const [k, v] of Object.entries(input.values)) {
      const col = cols.find((c) => c.key === k);
      if (!col) throw badRequest(`Cột "${k}" không có trong ${a.title}.`, { field: `values.${k}` });
      if (col.type === "number" && typeof v !== "number") throw badRequest(`Cột "${col.title}" cần giá trị số.`, { field: `values.${k}` });
      if (col.type !== "number" && typeof v !== "string") throw badRequest(`Cột "${col.title}" cần giá trị chữ.`, { field: `values.${k}` });
    }
    const existing = rowId ? e.s.records.find((r) => r.id === rowId && r.appendixId === appendixId) : undefined;
    if (rowId && !existing) throw notFound("dòng của phụ lục");
    if (existing && !existing.prefilled) throw badRequest("Dòng do cơ quan thêm: cơ quan đó tự sửa.");
    const first = (v: Record<string, string | number>) => String(Object.values(v)[0] ?? "").slice(0, 80);
    if (existing) {
      await e.tx
        .update(recordRows)
        .set({ agencyId: agency!.id, values: input.values, updatedBy: ctx.actor?.userId ?? null, updatedAt: ctx.now })
        .where(eq(recordRows.id, existing.id));
      return {
        action: "campaign.record-row.update",
        summary: `sửa dòng "${first(input.values)}" của ${a.title}`,
        entityType: "record_row",
        entityId: existing.id,
        before: existing,
        after: input,
        appendixIds: [appendixId],
      };
    }
    const count = e.s.records.filter((r) => r.appendixId === appendixId).length;
    const [row] = await e.tx
      .insert(recordRows)
      .values({
        appendixId,
        campaignId,
        sortOrder: count,
        agencyId: agency!.id,
        values: input.values,
        prefilled: true,
        createdBy: ctx.actor?.userId ?? null,
        updatedBy: ctx.actor?.userId ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    return {
      action: "campaign.record-row.add",
      summary: `thêm dòng "${first(input.values)}" vào ${a.title}`,
      entityType: "record_row",
      entityId: row!.id,
      after: input,
      appendixIds: [appendixId],
    };
  });
}

export async function deleteRecordRow(deps: CampaignDeps, ctx: RequestContext, campaignId: string, appendixId: string, rowId: string, version: number): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, version, async (e) => {
    const a = appendixOf(e, appendixId, "records");
    const row = e.s.records.find((r) => r.id === rowId && r.appendixId === appendixId);
    if (!row) throw notFound("dòng của phụ lục");
    if (!row.prefilled) throw badRequest("Dòng do cơ quan thêm: chỉ cơ quan đó xóa được.");
    if (row.version > 1) throw conflict("Không xóa được: cơ quan báo cáo đã nhập nội dung cho dòng này.");
    await e.tx.delete(recordRows).where(eq(recordRows.id, rowId));
    return {
      action: "campaign.record-row.delete",
      summary: `xóa dòng "${String(Object.values(row.values).find((v) => v !== null) ?? "").slice(0, 80)}" của ${a.title}`,
      entityType: "record_row",
      entityId: rowId,
      before: row,
      appendixIds: [appendixId],
    };
  });
}
