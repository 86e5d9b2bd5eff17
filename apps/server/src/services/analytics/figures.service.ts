// Charts inserted into the compiled report as figures ("Biểu đồ N: caption", numbered by the compiler in reading
// order). Coordinator roles of the campaign's coordinator agency only; every write is audited in its transaction.

import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type {
  CreateFigureRequest,
  FigureOutlineItemDto,
  ReorderFiguresRequest,
  ReportFigureDto,
  ReportFiguresDto,
  UpdateFigureRequest,
} from "@tonghop/contracts";
import type { RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { campaigns, outlineItems, reportFigures, users } from "../../db/schema/index.js";
import { reads } from "../../db/reads.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import { assertCanEditFigures, loadCampaign, type CampaignRow } from "./analytics-access.js";
import { decodePngDataUrl } from "./png.js";

export interface FiguresDeps {
  db: Db;
  agencies: AgenciesService;
  audit: AuditRepository;
}

/** Most figures per campaign. */
export const MAX_FIGURES = 200;

type FigureRow = Omit<typeof reportFigures.$inferSelect, "imagePng"> & { bytes: number; createdByName: string | null };

/** "Biểu đồ 3: Tăng trưởng GRDP" typed by the user: the compiler numbers figures itself. */
export function cleanCaption(caption: string): string {
  const c = caption.replace(/^\s*biểu\s+đồ\s+\d+\s*[:.–-]\s*/iu, "").trim();
  if (c === "") throw badRequest("Chú thích biểu đồ không được để trống (chỉ ghi nội dung, số thứ tự do hệ thống đánh).", { field: "caption" });
  return c;
}

export class FiguresService {
  constructor(private readonly deps: FiguresDeps) {}

  private async campaignForEdit(db: Db, ctx: RequestContext, campaignId: string, writing: boolean): Promise<CampaignRow> {
    const campaign = await loadCampaign(db, campaignId);
    assertCanEditFigures(await this.deps.agencies.directory(db), ctx, campaign);
    if (writing && campaign.status === "closed") throw conflict(`Đợt "${campaign.name}" đã kết thúc: không thay đổi được biểu đồ của báo cáo.`);
    return campaign;
  }

  private async outline(db: Db, campaignId: string): Promise<FigureOutlineItemDto[]> {
    const items = await db
      .select({ id: outlineItems.id, parentId: outlineItems.parentId, sortOrder: outlineItems.sortOrder, label: outlineItems.label, title: outlineItems.title })
      .from(outlineItems)
      .where(eq(outlineItems.campaignId, campaignId));
    const kids = new Map<string | null, typeof items>();
    for (const i of items) {
      const l = kids.get(i.parentId) ?? [];
      l.push(i);
      kids.set(i.parentId, l);
    }
    for (const l of kids.values()) l.sort((a, b) => a.sortOrder - b.sortOrder);
    const out: FigureOutlineItemDto[] = [];
    const visit = (parent: string | null, depth: number, path: string[]) => {
      for (const i of kids.get(parent) ?? []) {
        const p = [...path, i.label];
        out.push({ id: i.id, label: i.label, title: i.title, depth, path: p.join(" › ") });
        visit(i.id, depth + 1, p);
      }
    };
    visit(null, 0, []);
    return out;
  }

  private async rows(db: Db, campaignId: string): Promise<FigureRow[]> {
    return db
      .select({
        id: reportFigures.id,
        campaignId: reportFigures.campaignId,
        outlineItemId: reportFigures.outlineItemId,
        caption: reportFigures.caption,
        widthPx: reportFigures.widthPx,
        heightPx: reportFigures.heightPx,
        sortOrder: reportFigures.sortOrder,
        chartKey: reportFigures.chartKey,
        createdBy: reportFigures.createdBy,
        createdAt: reportFigures.createdAt,
        updatedAt: reportFigures.updatedAt,
        bytes: sql<number>`octet_length(${reportFigures.imagePng})::int`,
        createdByName: users.fullName,
      })
      .from(reportFigures)
      .leftJoin(users, eq(users.id, reportFigures.createdBy))
      .where(eq(reportFigures.campaignId, campaignId))
      .orderBy(asc(reportFigures.sortOrder), asc(reportFigures.createdAt));
  }

  private toDto(r: FigureRow, outline: FigureOutlineItemDto[]): ReportFigureDto {
    const anchor = r.outlineItemId ? outline.find((o) => o.id === r.outlineItemId) : undefined;
    return {
      id: r.id,
      campaignId: r.campaignId,
      outlineItemId: r.outlineItemId,
      anchorLabel: anchor ? `${anchor.path}. ${anchor.title}` : null,
      caption: r.caption,
      widthPx: r.widthPx,
      heightPx: r.heightPx,
      bytes: Number(r.bytes),
      sortOrder: r.sortOrder,
      chartKey: r.chartKey,
      createdByName: r.createdByName,
      createdAt: r.createdAt.toISOString(),
    };
  }

  private async listIn(db: Db, campaignId: string): Promise<ReportFiguresDto> {
    const [outline, rows] = await reads(db, [() => this.outline(db, campaignId), () => this.rows(db, campaignId)]);
    return { figures: rows.map((r) => this.toDto(r, outline)), outline };
  }

  async list(ctx: RequestContext, campaignId: string): Promise<ReportFiguresDto> {
    await this.campaignForEdit(this.deps.db, ctx, campaignId, false);
    return this.listIn(this.deps.db, campaignId);
  }

  async image(ctx: RequestContext, campaignId: string, figureId: string): Promise<Buffer> {
    const { db } = this.deps;
    await this.campaignForEdit(db, ctx, campaignId, false);
    const [row] = await db
      .select({ png: reportFigures.imagePng })
      .from(reportFigures)
      .where(and(eq(reportFigures.id, figureId), eq(reportFigures.campaignId, campaignId)));
    if (!row) throw notFound("biểu đồ");
    return row.png;
  }

  private async checkAnchor(db: Db, campaignId: string, outlineItemId: string | null): Promise<void> {
    if (outlineItemId === null) return;
    const [item] = await db
      .select({ id: outlineItems.id })
      .from(outlineItems)
      .where(and(eq(outlineItems.id, outlineItemId), eq(outlineItems.campaignId, campaignId)));
    if (!item) throw badRequest("Mục đề cương (outlineItemId) không thuộc đợt tổng hợp này.", { field: "outlineItemId" });
  }

  async create(ctx: RequestContext, campaignId: string, body: CreateFigureRequest): Promise<ReportFigureDto> {
    const image = decodePngDataUrl(body.imageDataUrl);
    const caption = cleanCaption(body.caption);
    return this.deps.db.transaction(async (tx) => {
      const campaign = await this.campaignForEdit(tx, ctx, campaignId, true);
      // Serialise figure writes of one campaign (sort order).
      await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaign.id)).for("update");
      await this.checkAnchor(tx, campaign.id, body.outlineItemId);
      const [agg] = await tx
        .select({ n: sql<number>`count(*)::int`, max: sql<number | null>`max(${reportFigures.sortOrder})` })
        .from(reportFigures)
        .where(eq(reportFigures.campaignId, campaign.id));
      if (Number(agg?.n ?? 0) >= MAX_FIGURES) throw conflict(`Báo cáo đã có ${MAX_FIGURES} biểu đồ (tối đa): xóa bớt trước khi chèn thêm.`);
      const [row] = await tx
        .insert(reportFigures)
        .values({
          campaignId: campaign.id,
          outlineItemId: body.outlineItemId,
          caption,
          imagePng: image.bytes,
          widthPx: image.width,
          heightPx: image.height,
          sortOrder: Number(agg?.max ?? 0) + 1,
          chartKey: body.chartKey ?? null,
          createdBy: ctx.actor?.userId ?? null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning({ id: reportFigures.id });
      await this.deps.audit.record(tx, ctx, {
        action: "figure.create",
        entityType: "report_figure",
        entityId: row!.id,
        summary: `Chèn biểu đồ vào báo cáo "${campaign.name}": ${caption}`,
        after: { campaignId: campaign.id, caption, outlineItemId: body.outlineItemId, widthPx: image.width, heightPx: image.height, bytes: image.bytes.length, chartKey: body.chartKey ?? null },
      });
      const list = await this.listIn(tx, campaign.id);
      return list.figures.find((f) => f.id === row!.id)!;
    });
  }

  async update(ctx: RequestContext, campaignId: string, figureId: string, body: UpdateFigureRequest): Promise<ReportFigureDto> {
    return this.deps.db.transaction(async (tx) => {
      const campaign = await this.campaignForEdit(tx, ctx, campaignId, true);
      const [before] = await tx
        .select({ id: reportFigures.id, caption: reportFigures.caption, outlineItemId: reportFigures.outlineItemId })
        .from(reportFigures)
        .where(and(eq(reportFigures.id, figureId), eq(reportFigures.campaignId, campaign.id)))
        .for("update");
      if (!before) throw notFound("biểu đồ");
      const patch: Partial<typeof reportFigures.$inferInsert> = { updatedAt: ctx.now };
      if (body.caption !== undefined) patch.caption = cleanCaption(body.caption);
      if (body.outlineItemId !== undefined) {
        await this.checkAnchor(tx, campaign.id, body.outlineItemId);
        patch.outlineItemId = body.outlineItemId;
      }
      await tx.update(reportFigures).set(patch).where(eq(reportFigures.id, figureId));
      await this.deps.audit.record(tx, ctx, {
        action: "figure.update",
        entityType: "report_figure",
        entityId: figureId,
        summary: `Sửa biểu đồ của báo cáo "${campaign.name}": ${patch.caption ?? before.caption}`,
        before: { caption: before.caption, outlineItemId: before.outlineItemId },
        after: { caption: patch.caption ?? before.caption, outlineItemId: patch.outlineItemId === undefined ? before.outlineItemId : patch.outlineItemId },
      });
      const list = await this.listIn(tx, campaign.id);
      return list.figures.find((f) => f.id === figureId)!;
    });
  }

  /** New order of every figure of the campaign (the full list of ids, each once). */
  async reorder(ctx: RequestContext, campaignId: string, body: ReorderFiguresRequest): Promise<ReportFiguresDto> {
    return this.deps.db.transaction(async (tx) => {
      const campaign = await this.campaignForEdit(tx, ctx, campaignId, true);
      await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaign.id)).for("update");
      const existing = await tx.select({ id: reportFigures.id, sortOrder: reportFigures.sortOrder }).from(reportFigures).where(eq(reportFigures.campaignId, campaign.id));
      const known = new Set(existing.map((e) => e.id));
      const seen = new Set<string>();
      body.ids.forEach((id, i) => {
        if (!known.has(id)) throw badRequest(`ids[${i}]: biểu đồ ${id} không thuộc báo cáo của đợt này.`, { field: `ids[${i}]` });
        if (seen.has(id)) throw badRequest(`ids[${i}]: biểu đồ ${id} được nêu hai lần.`, { field: `ids[${i}]` });
        seen.add(id);
      });
      if (seen.size !== known.size) throw badRequest(`Danh sách thứ tự phải gồm đủ ${known.size} biểu đồ của báo cáo (nhận ${seen.size}).`, { field: "ids" });
      const before = [...existing].sort((a, b) => a.sortOrder - b.sortOrder).map((e) => e.id);
      if (body.ids.length) {
        // One statement: each figure gets its position in the list.
        const cases = sql.join(
          body.ids.map((id, i) => sql`when ${id}::uuid then ${i + 1}::int`),
          sql` `,
        );
        await tx
          .update(reportFigures)
          .set({ sortOrder: sql`case ${reportFigures.id} ${cases} end`, updatedAt: ctx.now })
          .where(and(eq(reportFigures.campaignId, campaign.id), inArray(reportFigures.id, body.ids)));
      }
      await this.deps.audit.record(tx, ctx, {
        action: "figure.reorder",
        entityType: "campaign",
        entityId: campaign.id,
        summary: `Sắp xếp lại ${body.ids.length} biểu đồ của báo cáo "${campaign.name}"`,
        before: { ids: before },
        after: { ids: body.ids },
      });
      return this.listIn(tx, campaign.id);
    });
  }

  async delete(ctx: RequestContext, campaignId: string, figureId: string): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const campaign = await this.campaignForEdit(tx, ctx, campaignId, true);
      const [row] = await tx
        .delete(reportFigures)
        .where(and(eq(reportFigures.id, figureId), eq(reportFigures.campaignId, campaign.id)))
        .returning({ id: reportFigures.id, caption: reportFigures.caption, outlineItemId: reportFigures.outlineItemId });
      if (!row) throw notFound("biểu đồ");
      await this.deps.audit.record(tx, ctx, {
        action: "figure.delete",
        entityType: "report_figure",
        entityId: figureId,
        summary: `Bỏ biểu đồ khỏi báo cáo "${campaign.name}": ${row.caption}`,
        before: { caption: row.caption, outlineItemId: row.outlineItemId },
      });
    });
  }
}
