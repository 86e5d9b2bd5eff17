import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { CatalogueIndicatorDetailDto, CatalogueIndicatorDto } from "@tonghop/contracts";
import { matchesSearch, toVnPlainDate } from "@tonghop/domain";
import { requireActor, type RequestContext } from "../../auth/actor.js";
import { appendixRows, campaigns, indicatorChangeProposals, indicators } from "../../db/schema/index.js";
import { AppError, badRequest, conflict, forbidden, notFound } from "../../http/errors.js";
import type { Directory } from "../agencies/directory.js";
import { CATALOGUE_FIELD_LABELS, CATALOGUE_FIELDS, type CatalogueField, type CatalogueValue } from "./analyse-template.js";
import { COORDINATOR_ROLES, isCoordinatorOf } from "./campaign-access.js";
import type { CampaignDeps } from "./campaign-deps.js";
import type { IndicatorCatalogueRow } from "./campaigns.repository.js";

function toDto(r: IndicatorCatalogueRow, dir: Directory, date: string, pending: number): CatalogueIndicatorDto {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    unit: r.unit,
    direction: r.direction,
    aggregation: r.aggregation,
    decimals: r.decimals,
    definition: r.definition,
    sourceAgencyId: r.sourceAgencyId,
    sourceAgencyName: r.sourceAgencyId ? dir.displayName(r.sourceAgencyId, date) : null,
    expression: r.expression,
    ownerAgencyId: r.ownerAgencyId,
    version: r.version,
    pendingChanges: pending,
  };
}

async function pendingCounts(deps: CampaignDeps, ids?: string[]): Promise<Map<string, number>> {
  const rows = await deps.db
    .select({ id: indicatorChangeProposals.indicatorId, n: count() })
    .from(indicatorChangeProposals)
    .where(and(eq(indicatorChangeProposals.status, "pending"), ids ? inArray(indicatorChangeProposals.indicatorId, ids) : undefined))
    .groupBy(indicatorChangeProposals.indicatorId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** The shared indicator catalogue (any signed-in user reads it), searchable without diacritics. */
export async function listCatalogue(deps: CampaignDeps, ctx: RequestContext, q: { q?: string | undefined; pending?: "true" | "false" | undefined }): Promise<CatalogueIndicatorDto[]> {
  requireActor(ctx);
  const rows = await deps.db.select().from(indicators).orderBy(asc(indicators.code));
  const dir = await deps.agencies.directory();
  const date = toVnPlainDate(ctx.now);
  const pending = await pendingCounts(deps);
  return rows
    .filter((r) => !q.q || matchesSearch(q.q, r.code, r.name, r.definition))
    .filter((r) => q.pending !== "true" || (pending.get(r.id) ?? 0) > 0)
    .map((r) => toDto(r, dir, date, pending.get(r.id) ?? 0));
}

const showValue = (dir: Directory, date: string, field: string, v: unknown): string => {
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") return "(trống)";
  return field === "sourceAgencyId" ? dir.displayName(v, date) : v;
};

export async function catalogueDetail(deps: CampaignDeps, ctx: RequestContext, id: string): Promise<CatalogueIndicatorDetailDto> {
  requireActor(ctx);
  const row = (await deps.db.select().from(indicators).where(eq(indicators.id, id)).limit(1))[0];
  if (!row) throw notFound("chỉ tiêu");
  const dir = await deps.agencies.directory();
  const date = toVnPlainDate(ctx.now);
  const changes = await deps.db
    .select({ p: indicatorChangeProposals, campaignName: campaigns.name })
    .from(indicatorChangeProposals)
    .leftJoin(campaigns, eq(campaigns.id, indicatorChangeProposals.campaignId))
    .where(eq(indicatorChangeProposals.indicatorId, id))
    .orderBy(desc(indicatorChangeProposals.createdAt));
  const used = await deps.db
    .selectDistinct({ id: campaigns.id, code: campaigns.code, name: campaigns.name })
    .from(appendixRows)
    .innerJoin(campaigns, eq(campaigns.id, appendixRows.campaignId))
    .where(eq(appendixRows.indicatorId, id));
  const pending = changes.filter((c) => c.p.status === "pending").length;
  return {
    ...toDto(row, dir, date, pending),
    changes: changes.map(({ p, campaignName }) => ({
      id: p.id,
      indicatorId: p.indicatorId,
      code: row.code,
      field: p.field,
      fieldLabel: CATALOGUE_FIELD_LABELS[p.field as CatalogueField] ?? p.field,
      currentText: showValue(dir, date, p.field, p.currentValue),
      proposedText: showValue(dir, date, p.field, p.proposedValue),
      status: p.status as "pending" | "accepted" | "rejected",
      campaignId: p.campaignId,
      campaignName,
      createdAt: p.createdAt.toISOString(),
      decidedAt: p.decidedAt ? p.decidedAt.toISOString() : null,
    })),
    campaigns: used,
  };
}

/**
 * Accepts (the catalogue takes the proposed value) or rejects (the catalogue stays) one difference found at
 * import. Coordinators of the proposing campaign's coordinator agency decide. Accepting is refused when the
 * catalogue changed since the difference was recorded (the comparison would be stale).
 */
export async function decideCatalogueChange(deps: CampaignDeps, ctx: RequestContext, changeId: string, decision: "accept" | "reject"): Promise<CatalogueIndicatorDetailDto> {
  const actor = requireActor(ctx);
  const indicatorId = await deps.db.transaction(async (tx) => {
    const p = (await tx.select().from(indicatorChangeProposals).where(eq(indicatorChangeProposals.id, changeId)).limit(1).for("update"))[0];
    if (!p) throw notFound("đề xuất thay đổi chỉ tiêu");
    const dir = await deps.agencies.directory(tx);
    const campaign = p.campaignId ? await deps.repo.findById(tx, p.campaignId) : undefined;
    const allowed = campaign ? isCoordinatorOf(dir, ctx, campaign.coordinatorAgencyId) : COORDINATOR_ROLES.some((r) => actor.roles.includes(r));
    if (!allowed) throw forbidden("Chỉ cơ quan tổng hợp của đợt đã đề xuất được quyết định thay đổi danh mục chỉ tiêu.");
    if (p.status !== "pending") throw conflict(`Đề xuất này đã được ${p.status === "accepted" ? "chấp nhận" : "từ chối"}.`);
    if (!(CATALOGUE_FIELDS as readonly string[]).includes(p.field)) throw badRequest(`Trường "${p.field}" không thay đổi được.`);
    const field = p.field as CatalogueField;
    const row = (await tx.select().from(indicators).where(eq(indicators.id, p.indicatorId)).limit(1).for("update"))[0]!;
    const label = CATALOGUE_FIELD_LABELS[field];
    if (decision === "accept") {
      const current: CatalogueValue = row[field] ?? null;
      if (String(current ?? "") !== String((p.currentValue as CatalogueValue) ?? "")) {
        throw new AppError("VERSION_CONFLICT", `${label} của chỉ tiêu ${row.code} đã thay đổi sau khi đề xuất được ghi nhận; từ chối đề xuất này và nhập lại mẫu nếu cần.`);
      }
      await tx
        .update(indicators)
        .set({ [field]: p.proposedValue as CatalogueValue, version: sql`${indicators.version} + 1`, updatedAt: ctx.now })
        .where(eq(indicators.id, row.id));
    }
    await tx
      .update(indicatorChangeProposals)
      .set({ status: decision === "accept" ? "accepted" : "rejected", decidedAt: ctx.now, decidedBy: actor.userId })
      .where(eq(indicatorChangeProposals.id, p.id));
    await deps.audit.record(tx, ctx, {
      action: decision === "accept" ? "indicator.change-accept" : "indicator.change-reject",
      entityType: "indicator",
      entityId: row.id,
      summary: `${decision === "accept" ? "Chấp nhận" : "Từ chối"} thay đổi ${label.toLowerCase()} của chỉ tiêu ${row.code}`,
      before: { [field]: row[field] },
      after: decision === "accept" ? { [field]: p.proposedValue } : { rejected: p.proposedValue },
    });
    return row.id;
  });
  return catalogueDetail(deps, ctx, indicatorId);
}
