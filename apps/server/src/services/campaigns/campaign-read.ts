import { and, asc, count, countDistinct, eq, inArray, ne } from "drizzle-orm";
import {
  expandColumns,
  type AgencyRefDto,
  type AppendixDto,
  type AssignmentMatrixDto,
  type CampaignDetailDto,
  type CampaignStatus,
  type CampaignSummaryDto,
  type MyAssignmentGroupDto,
  type TemplateAppendix,
  type TemplateArea,
} from "@tonghop/contracts";
import { toVnPlainDate } from "@tonghop/domain";
import { hasRole, requireActor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { appendices, appendixRows, assignments, campaignMilestones, campaigns, outlineItems, recordRows } from "../../db/schema/index.js";
import { forbidden, notFound } from "../../http/errors.js";
import type { Directory } from "../agencies/directory.js";
import { expandRefs, refDisplayName, type AgencyRef } from "./agency-refs.js";
import { isCoordinatorOf, seesAllCampaigns } from "./campaign-access.js";
import type { CampaignDeps } from "./campaign-deps.js";
import type { CampaignRow, CampaignStructure, OutlineItemRow } from "./campaigns.repository.js";
import { computeAssignments, effectiveOutlineLeads, effectiveRowLeads } from "./compute-assignments.js";

/** Whether the actor may read the campaign: coordinators and admins all; viewers published ones; agencies theirs. */
export async function canViewCampaign(db: Db, ctx: RequestContext, c: CampaignRow): Promise<boolean> {
  if (seesAllCampaigns(ctx)) return true;
  const actor = requireActor(ctx);
  if (c.status === "draft") return false;
  if (hasRole(actor, "viewer")) return true;
  const rows = await db
    .select({ n: count() })
    .from(assignments)
    .where(and(eq(assignments.campaignId, c.id), eq(assignments.agencyId, actor.agencyId)));
  return (rows[0]?.n ?? 0) > 0;
}

export async function loadViewable(deps: CampaignDeps, db: Db, ctx: RequestContext, id: string): Promise<CampaignRow> {
  const c = await deps.repo.findById(db, id);
  if (!c) throw notFound("đợt tổng hợp");
  if (!(await canViewCampaign(db, ctx, c))) throw forbidden("Bạn không xem được đợt tổng hợp này.");
  return c;
}

const toRefDto = (dir: Directory, date: string) => (r: AgencyRef): AgencyRefDto => ({ ...r, displayName: refDisplayName(dir, r, date) });

/** Outline rows in document order (pre-order) with depth and the label path. */
export function outlineInOrder(items: readonly OutlineItemRow[]): { item: OutlineItemRow; depth: number; labelPath: string[] }[] {
  const children = new Map<string | null, OutlineItemRow[]>();
  for (const i of items) children.set(i.parentId, [...(children.get(i.parentId) ?? []), i]);
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder);
  const out: { item: OutlineItemRow; depth: number; labelPath: string[] }[] = [];
  const walk = (parentId: string | null, depth: number, path: string[]) => {
    for (const i of children.get(parentId) ?? []) {
      const p = [...path, i.label];
      out.push({ item: i, depth, labelPath: p });
      walk(i.id, depth + 1, p);
    }
  };
  walk(null, 1, []);
  return out;
}

/** Tree rows (parentId + sortOrder) in table order with depth. */
export function treeInOrder<T extends { id: string; parentId: string | null; sortOrder: number }>(rows: readonly T[]): { row: T; depth: number }[] {
  const children = new Map<string | null, T[]>();
  for (const r of rows) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder);
  const out: { row: T; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const r of children.get(parentId) ?? []) {
      out.push({ row: r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 1);
  return out;
}

export async function listCampaigns(deps: CampaignDeps, ctx: RequestContext): Promise<CampaignSummaryDto[]> {
  const db = deps.db;
  const actor = requireActor(ctx);
  let rows = await deps.repo.list(db);
  if (!seesAllCampaigns(ctx)) {
    if (hasRole(actor, "viewer")) rows = rows.filter((c) => c.status !== "draft");
    else {
      const mine = await db.selectDistinct({ id: assignments.campaignId }).from(assignments).where(eq(assignments.agencyId, actor.agencyId));
      const ids = new Set(mine.map((m) => m.id));
      rows = rows.filter((c) => c.status !== "draft" && ids.has(c.id));
    }
  }
  if (!rows.length) return [];
  const ids = rows.map((c) => c.id);
  const outlineCounts = await db.select({ id: outlineItems.campaignId, n: count() }).from(outlineItems).where(inArray(outlineItems.campaignId, ids)).groupBy(outlineItems.campaignId);
  const appendixCounts = await db.select({ id: appendices.campaignId, n: count() }).from(appendices).where(inArray(appendices.campaignId, ids)).groupBy(appendices.campaignId);
  const assignmentCounts = await db
    .select({ id: assignments.campaignId, n: count(), agencies: countDistinct(assignments.agencyId) })
    .from(assignments)
    .where(inArray(assignments.campaignId, ids))
    .groupBy(assignments.campaignId);
  const milestones = await db.select().from(campaignMilestones).where(inArray(campaignMilestones.campaignId, ids)).orderBy(asc(campaignMilestones.due));
  const today = toVnPlainDate(ctx.now);
  const by = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  const oc = by(outlineCounts);
  const ac = by(appendixCounts);
  const sc = by(assignmentCounts);
  return rows.map((c) => {
    const next = milestones.find((m) => m.campaignId === c.id && m.due >= today);
    return {
      ...summaryOf(c),
      outlineItemCount: oc.get(c.id)?.n ?? 0,
      appendixCount: ac.get(c.id)?.n ?? 0,
      assignmentCount: sc.get(c.id)?.n ?? 0,
      agencyCount: sc.get(c.id)?.agencies ?? 0,
      nextMilestone: next ? { code: next.code, due: next.due, wording: next.wording } : null,
    };
  });
}

function summaryOf(c: CampaignRow): Omit<CampaignSummaryDto, "outlineItemCount" | "appendixCount" | "assignmentCount" | "agencyCount" | "nextMilestone"> {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    kind: c.kind,
    status: c.status as CampaignStatus,
    referenceDate: c.referenceDate,
    coordinatorAgencyId: c.coordinatorAgencyId,
    coordinatorName: c.coordinatorName,
    publishedAt: c.publishedAt ? c.publishedAt.toISOString() : null,
    createdAt: c.createdAt.toISOString(),
    version: c.version,
    copiedFromId: c.copiedFromId,
  };
}

/** The campaign as the setup editor and the workspaces read it. */
export function buildDetail(s: CampaignStructure, dir: Directory, indicatorCodes: ReadonlyMap<string, string>, counts: { assignments: number; agencies: number }, ctx: RequestContext): CampaignDetailDto {
  const c = s.campaign;
  const date = c.referenceDate;
  const ref = toRefDto(dir, date);
  const outlineLeads = effectiveOutlineLeads(s.outline);
  const rowLeads = effectiveRowLeads(s.rows);
  const canEdit = isCoordinatorOf(dir, ctx, c.coordinatorAgencyId) && c.status !== "closed";
  const today = toVnPlainDate(ctx.now);
  const next = [...s.milestones].sort((a, b) => a.due.localeCompare(b.due)).find((m) => m.due >= today);
  const areas = c.areas as TemplateArea[];
  const appendixDtos: AppendixDto[] = s.appendices.map((a) => {
    const config = a.config as Record<string, unknown>;
    const expanded = expandColumns({ ...config, rows: [] } as unknown as TemplateAppendix, areas);
    return {
      id: a.id,
      code: a.code,
      sortOrder: a.sortOrder,
      kind: a.kind as "indicators" | "records",
      title: a.title,
      subtitle: a.subtitle,
      config,
      columns: { columns: expanded.columns, header: expanded.header, ...(expanded.numbers ? { numbers: expanded.numbers } : {}) },
      reporters: a.reporters.map(ref),
      rows: treeInOrder(s.rows.filter((r) => r.appendixId === a.id)).map(({ row: r, depth }) => ({
        id: r.id,
        parentId: r.parentId,
        sortOrder: r.sortOrder,
        depth,
        tt: r.tt,
        name: r.name,
        indicatorId: r.indicatorId,
        indicatorCode: r.indicatorId ? (indicatorCodes.get(r.indicatorId) ?? null) : null,
        unit: r.unit,
        target: r.target,
        aggregation: r.aggregation,
        direction: r.direction,
        decimals: r.decimals,
        lead: r.lead.map(ref),
        effectiveLead: (rowLeads.get(r.id) ?? []).map(ref),
        openForAgencies: r.openForAgencies,
        emphasis: r.emphasis,
        note: r.note,
        addedByAgencyId: r.addedByAgencyId,
      })),
      records: s.records
        .filter((r) => r.appendixId === a.id)
        .map((r) => ({ id: r.id, sortOrder: r.sortOrder, agencyId: r.agencyId, agencyName: dir.displayName(r.agencyId, date), values: r.values, prefilled: r.prefilled })),
    };
  });
  return {
    ...summaryOf(c),
    outlineItemCount: s.outline.length,
    appendixCount: s.appendices.length,
    assignmentCount: counts.assignments,
    agencyCount: counts.agencies,
    nextMilestone: next ? { code: next.code, due: next.due, wording: next.wording } : null,
    description: c.description,
    periods: c.periods as CampaignDetailDto["periods"],
    areas,
    legalBasis: c.legalBasis as CampaignDetailDto["legalBasis"],
    report: c.report as CampaignDetailDto["report"],
    requirements: c.requirements as CampaignDetailDto["requirements"],
    milestones: s.milestones.map((m) => ({
      id: m.id,
      code: m.code,
      sortOrder: m.sortOrder,
      from: m.from.map(ref),
      to: m.to,
      deliverable: m.deliverable,
      due: m.due,
      wording: m.wording,
      scope: m.scope,
      note: m.note,
    })),
    outline: outlineInOrder(s.outline).map(({ item: i, depth, labelPath }) => ({
      id: i.id,
      parentId: i.parentId,
      sortOrder: i.sortOrder,
      depth,
      label: i.label,
      labelPath,
      title: i.title,
      guidance: i.guidance,
      pageBudget: i.pageBudget,
      appendixCodes: i.appendixCodes,
      lead: i.lead.map(ref),
      cooperate: i.cooperate.map(ref),
      inheritedLead: i.lead.length ? [] : (outlineLeads.get(i.id) ?? []).map(ref),
    })),
    appendices: appendixDtos,
    permissions: { canEdit, canPublish: canEdit && c.status === "draft" },
  };
}

export async function indicatorCodeMap(deps: CampaignDeps, db: Db, s: CampaignStructure): Promise<Map<string, string>> {
  const ids = [...new Set(s.rows.map((r) => r.indicatorId).filter((x): x is string => !!x))];
  const rows = await deps.repo.indicatorsByIds(db, ids);
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function detailInDb(deps: CampaignDeps, db: Db, ctx: RequestContext, id: string): Promise<CampaignDetailDto> {
  const s = await deps.repo.structure(db, id);
  if (!s) throw notFound("đợt tổng hợp");
  const dir = await deps.agencies.directory(db);
  const codes = await indicatorCodeMap(deps, db, s);
  const stats = await db
    .select({ n: count(), agencies: countDistinct(assignments.agencyId) })
    .from(assignments)
    .where(eq(assignments.campaignId, id));
  return buildDetail(s, dir, codes, { assignments: stats[0]?.n ?? 0, agencies: stats[0]?.agencies ?? 0 }, ctx);
}

export async function getCampaignDetail(deps: CampaignDeps, ctx: RequestContext, id: string): Promise<CampaignDetailDto> {
  await loadViewable(deps, deps.db, ctx, id);
  return detailInDb(deps, deps.db, ctx, id);
}

/**
 * The assignment matrix: agencies × outline items and appendix parts. Published campaigns show the stored
 * assignments (with their state); drafts show what publishing would create.
 */
export async function assignmentMatrix(deps: CampaignDeps, ctx: RequestContext, id: string): Promise<AssignmentMatrixDto> {
  const c = await loadViewable(deps, deps.db, ctx, id);
  if (!seesAllCampaigns(ctx) && !hasRole(ctx.actor, "viewer")) throw forbidden("Chỉ cơ quan tổng hợp và lãnh đạo thành phố xem được bảng phân công của cả đợt.");
  const s = (await deps.repo.structure(deps.db, id))!;
  const dir = await deps.agencies.directory();
  const date = c.referenceDate;
  const preview = c.status === "draft";
  const cells = preview
    ? computeAssignments(s, dir).map((d) => ({ agencyId: d.agencyId, key: columnKey(d), role: d.role, state: "draft" as const, dueDate: d.dueDate }))
    : (await deps.repo.assignmentsOf(deps.db, id)).map((a) => ({
        agencyId: a.agencyId,
        key: columnKey(a),
        role: a.role as "lead" | "cooperate",
        state: a.state as AssignmentMatrixDto["cells"][number]["state"],
        dueDate: a.dueOverride ?? a.dueDate,
      }));
  const columns: AssignmentMatrixDto["columns"] = [
    ...outlineInOrder(s.outline).map(({ item, depth, labelPath }) => ({
      key: `o:${item.id}`,
      kind: "outline" as const,
      id: item.id,
      label: item.label,
      labelPath,
      title: item.title,
      depth,
    })),
    ...s.appendices.map((a) => ({ key: `a:${a.id}`, kind: "appendix" as const, id: a.id, label: a.title, labelPath: [a.title], title: a.subtitle ?? a.title, depth: 1 })),
  ];
  const perAgency = new Map<string, { outline: number; appendices: number }>();
  for (const cell of cells) {
    const x = perAgency.get(cell.agencyId) ?? { outline: 0, appendices: 0 };
    if (cell.key.startsWith("o:")) x.outline++;
    else x.appendices++;
    perAgency.set(cell.agencyId, x);
  }
  const agencies = [...perAgency]
    .map(([agencyId, n]) => ({ id: agencyId, name: dir.displayName(agencyId, date), ...n }))
    .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  return { campaignId: id, agencies, columns, cells, preview };
}

function columnKey(a: { outlineItemId: string | null; appendixId: string | null }): string {
  return a.outlineItemId ? `o:${a.outlineItemId}` : `a:${a.appendixId}`;
}

/** "Việc của đơn vị": the agency's assignments in published campaigns, grouped by campaign, with due dates. */
export async function myAssignments(deps: CampaignDeps, ctx: RequestContext, agencyIdParam?: string): Promise<MyAssignmentGroupDto[]> {
  const actor = requireActor(ctx);
  const agencyId = agencyIdParam && seesAllCampaigns(ctx) ? agencyIdParam : actor.agencyId;
  const db = deps.db;
  const rows = await db
    .select({ a: assignments, c: campaigns })
    .from(assignments)
    .innerJoin(campaigns, eq(campaigns.id, assignments.campaignId))
    .where(and(eq(assignments.agencyId, agencyId), ne(campaigns.status, "draft")));
  if (!rows.length) return [];
  const campaignIds = [...new Set(rows.map((r) => r.c.id))];
  const dir = await deps.agencies.directory();
  const items = await db.select().from(outlineItems).where(inArray(outlineItems.campaignId, campaignIds));
  const apps = await db.select().from(appendices).where(inArray(appendices.campaignId, campaignIds));
  const milestones = await db.select().from(campaignMilestones).where(inArray(campaignMilestones.campaignId, campaignIds));
  const appendixIds = rows.map((r) => r.a.appendixId).filter((x): x is string => !!x);
  const aRows = appendixIds.length ? await db.select().from(appendixRows).where(inArray(appendixRows.appendixId, appendixIds)) : [];
  const rRows = appendixIds.length
    ? await db
        .select({ appendixId: recordRows.appendixId, n: count() })
        .from(recordRows)
        .where(and(inArray(recordRows.appendixId, appendixIds), eq(recordRows.agencyId, agencyId)))
        .groupBy(recordRows.appendixId)
    : [];
  const recordCount = new Map(rRows.map((r) => [r.appendixId, r.n]));
  const appById = new Map(apps.map((a) => [a.id, a]));
  const msById = new Map(milestones.map((m) => [m.id, m]));
  const orderByCampaign = new Map<string, Map<string, { depth: number; labelPath: string[]; index: number }>>();
  for (const cid of campaignIds) {
    const ordered = outlineInOrder(items.filter((i) => i.campaignId === cid));
    orderByCampaign.set(cid, new Map(ordered.map((o, index) => [o.item.id, { depth: o.depth, labelPath: o.labelPath, index }])));
  }
  const itemById = new Map(items.map((i) => [i.id, i]));
  const leadsByAppendix = new Map<string, number>();
  for (const apId of new Set(appendixIds)) {
    const ap = appById.get(apId)!;
    if (ap.kind !== "indicators") continue;
    const list = aRows.filter((r) => r.appendixId === apId);
    const leads = effectiveRowLeads(list);
    const campaign = rows.find((r) => r.c.id === ap.campaignId)!.c;
    leadsByAppendix.set(
      apId,
      list.filter((r) => (r.indicatorId || r.addedByAgencyId) && expandRefs(dir, leads.get(r.id) ?? [], campaign.referenceDate).includes(agencyId)).length,
    );
  }
  const groups = new Map<string, MyAssignmentGroupDto>();
  for (const { a, c } of rows) {
    const g = groups.get(c.id) ?? {
      campaign: { id: c.id, code: c.code, name: c.name, status: c.status as CampaignStatus, referenceDate: c.referenceDate },
      agencyId,
      assignments: [],
    };
    groups.set(c.id, g);
    const m = a.milestoneId ? msById.get(a.milestoneId) : undefined;
    const order = a.outlineItemId ? orderByCampaign.get(c.id)?.get(a.outlineItemId) : undefined;
    const item = a.outlineItemId ? itemById.get(a.outlineItemId) : undefined;
    const ap = a.appendixId ? appById.get(a.appendixId) : undefined;
    g.assignments.push({
      id: a.id,
      kind: a.kind as "outline" | "indicators" | "records",
      role: a.role as "lead" | "cooperate",
      state: a.state as MyAssignmentGroupDto["assignments"][number]["state"],
      dueDate: a.dueOverride ?? a.dueDate,
      dueWording: a.dueOverride ? null : m?.wording || null,
      milestoneCode: m?.code ?? null,
      outlineItem: item && order ? { id: item.id, label: item.label, labelPath: order.labelPath, title: item.title } : null,
      appendix: ap
        ? { id: ap.id, code: ap.code, title: ap.title, kind: ap.kind as "indicators" | "records", rows: ap.kind === "indicators" ? (leadsByAppendix.get(ap.id) ?? 0) : (recordCount.get(ap.id) ?? 0) }
        : null,
      sortKey: order ? order.index : 100_000 + (ap?.sortOrder ?? 0),
    });
  }
  const out = [...groups.values()];
  for (const g of out) g.assignments.sort((x, y) => x.sortKey - y.sortKey);
  return out.sort((x, y) => y.campaign.referenceDate.localeCompare(x.campaign.referenceDate));
}

