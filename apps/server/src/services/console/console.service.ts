/**
 * The coordinator console: the progress matrix, the review screen of an outline item (texts side by side, related
 * figures with their evaluation and validation warnings, accept / return / reopen through the workflow service),
 * and per-agency deadline extensions.
 */
import { and, asc, desc, eq, inArray, notInArray } from "drizzle-orm";
import type { ExtensionRequest, ExtensionResultDto, ProgressMatrixDto, ReviewActionRequest, ReviewDto, ReviewFigureRowDto, ReviewPartDto, WorkflowRequest } from "@tonghop/contracts";
import { WORKFLOW_EVENT_LABELS } from "@tonghop/contracts";
import { formatVnDate, formatVnNumber, toVnPlainDate } from "@tonghop/domain";
import { requireActor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { appendixRows, assignmentEvents, assignments, sections, users } from "../../db/schema/index.js";
import { reads } from "../../db/reads.js";
import { AppError, forbidden, notFound } from "../../http/errors.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import { expandRefs, type AgencyRef } from "../campaigns/agency-refs.js";
import { isCoordinatorOf } from "../campaigns/campaign-access.js";
import { effectiveRowLeads } from "../campaigns/compute-assignments.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { IndicatorsWorkspaceService } from "../workspace/indicators.service.js";
import { allowedActions, type Declaration } from "../workspace/workflow-machine.js";
import { labelText, loadCampaignWork, workTitle, type CampaignWork } from "./campaign-work.js";
import { assertCanSeeProgress, buildProgressMatrix, overdueDays, progressStatus } from "./progress-matrix.js";

/** The part of the workflow service (D2) the review screen drives. */
export interface WorkflowPort {
  transition(ctx: RequestContext, assignmentId: string, req: WorkflowRequest): Promise<unknown>;
}

export interface ConsoleDeps {
  db: Db;
  audit: AuditRepository;
  agencies: AgenciesService;
  notifications: NotificationsService;
  indicators: Pick<IndicatorsWorkspaceService, "grid">;
  workflow: WorkflowPort;
}

const FIGURE_ROWS_MAX = 60;

export class ConsoleService {
  constructor(private readonly deps: ConsoleDeps) {}

  async progress(ctx: RequestContext, campaignId: string): Promise<ProgressMatrixDto> {
    const dir = await this.deps.agencies.directory();
    return buildProgressMatrix(this.deps.db, dir, ctx, campaignId);
  }

  // ------------------------------------------------------------------------------------------ extension

  /**
   * Sets (or removes, dueDate null) the agency's own due date for one item / appendix, or for all its work not yet
   * sent in the campaign. Refused: an agency without that work, a date before the campaign's start or in the past,
   * a missing reason. Recorded as an assignment event, audited, and told to the agency.
   */
  async extend(ctx: RequestContext, campaignId: string, input: ExtensionRequest): Promise<ExtensionResultDto> {
    const db = this.deps.db;
    const w = await loadCampaignWork(db, campaignId);
    const dir = await this.deps.agencies.directory();
    if (!isCoordinatorOf(dir, ctx, w.campaign.coordinatorAgencyId)) throw forbidden("Chỉ cơ quan tổng hợp của đợt được gia hạn cho đơn vị.");
    if (w.campaign.status !== "published") throw new AppError("CONFLICT", w.campaign.status === "closed" ? "Đợt tổng hợp đã kết thúc; không gia hạn được nữa." : "Đợt tổng hợp chưa được ban hành.");
    if (input.outlineItemId && input.appendixId) throw new AppError("VALIDATION", "Chỉ chọn một mục đề cương hoặc một phụ lục (hoặc không chọn để gia hạn mọi phần việc).");
    const today = toVnPlainDate(ctx.now);
    const agencyName = dir.displayName(input.agencyId, w.campaign.referenceDate);
    const reason = input.reason?.trim() ?? "";
    if (input.dueDate !== null) {
      if (input.dueDate < w.campaign.referenceDate) {
        throw new AppError("UNPROCESSABLE", `Hạn mới ${formatVnDate(input.dueDate)} trước ngày bắt đầu đợt (${formatVnDate(w.campaign.referenceDate)}).`, { field: "dueDate" });
      }
      if (input.dueDate < today) throw new AppError("UNPROCESSABLE", `Hạn mới ${formatVnDate(input.dueDate)} đã qua; hãy chọn từ hôm nay (${formatVnDate(today)}) trở đi.`, { field: "dueDate" });
      if (!reason) throw new AppError("VALIDATION", "Phải nêu lý do gia hạn.", [{ field: "reason", message: "Phải nêu lý do gia hạn." }]);
    }
    const what = input.outlineItemId
      ? (() => {
          const o = w.itemById.get(input.outlineItemId);
          if (!o) throw notFound("mục đề cương của đợt");
          return `mục ${labelText(o.labelPath)}`;
        })()
      : input.appendixId
        ? (() => {
            const ap = w.appendixById.get(input.appendixId);
            if (!ap) throw notFound("phụ lục của đợt");
            return ap.title;
          })()
        : null;
    return db.transaction(async (tx) => {
      const conds = [eq(assignments.campaignId, campaignId), eq(assignments.agencyId, input.agencyId)];
      if (input.outlineItemId) conds.push(eq(assignments.outlineItemId, input.outlineItemId));
      if (input.appendixId) conds.push(eq(assignments.appendixId, input.appendixId));
      const rows = await tx.select().from(assignments).where(and(...conds)).for("update");
      if (!rows.length) {
        throw new AppError("UNPROCESSABLE", `${agencyName} không được giao ${what ?? "phần việc nào"} trong đợt này nên không gia hạn được.`, { field: "agencyId" });
      }
      const open = rows.filter((r) => r.state !== "sent" && r.state !== "accepted");
      if (!open.length) {
        throw new AppError("CONFLICT", `${agencyName} đã gửi ${what ?? "mọi phần việc"}; không cần gia hạn.`);
      }
      const updated: ExtensionResultDto["updated"] = [];
      for (const r of open) {
        await tx
          .update(assignments)
          .set({ dueOverride: input.dueDate, extensionReason: input.dueDate ? reason : null, version: r.version + 1, updatedAt: ctx.now })
          .where(eq(assignments.id, r.id));
        await tx.insert(assignmentEvents).values({
          assignmentId: r.id,
          campaignId,
          at: ctx.now,
          actorUserId: ctx.actor?.userId ?? null,
          action: "extend",
          fromState: r.state,
          toState: r.state,
          reason: input.dueDate ? `Gia hạn đến ${formatVnDate(input.dueDate)}: ${reason}` : `Bỏ gia hạn, trở lại hạn ${r.dueDate ? formatVnDate(r.dueDate) : "của mốc"}${reason ? `: ${reason}` : ""}`,
        });
        updated.push({ assignmentId: r.id, title: workTitle(w, r), dueDate: input.dueDate ?? r.dueDate });
      }
      const summary = input.dueDate
        ? `Gia hạn cho ${agencyName} đến ${formatVnDate(input.dueDate)} (${updated.length} phần việc): ${reason}`
        : `Bỏ gia hạn của ${agencyName} (${updated.length} phần việc)`;
      await this.deps.audit.record(tx, ctx, {
        action: "assignment.extend",
        entityType: "campaign",
        entityId: campaignId,
        summary,
        before: open.map((r) => ({ assignmentId: r.id, dueOverride: r.dueOverride, extensionReason: r.extensionReason })),
        after: { agencyId: input.agencyId, dueDate: input.dueDate, reason, assignments: updated.map((u) => u.assignmentId) },
      });
      await this.deps.notifications.notify(tx, ctx, {
        agencyIds: [input.agencyId],
        roles: ["officer", "leader"],
        kind: "assignment.extended",
        title: input.dueDate ? `Cơ quan tổng hợp gia hạn đến ${formatVnDate(input.dueDate)}` : "Cơ quan tổng hợp bỏ gia hạn",
        body: `${w.campaign.name}\n${updated.map((u) => `- ${u.title}`).join("\n")}${reason ? `\nLý do: ${reason}` : ""}`,
        link: "/viec-cua-don-vi",
        campaignId,
      });
      return { updated };
    });
  }

  // ------------------------------------------------------------------------------------------ review

  async review(ctx: RequestContext, campaignId: string, itemId: string): Promise<ReviewDto> {
    const db = this.deps.db;
    const w = await loadCampaignWork(db, campaignId);
    const dir = await this.deps.agencies.directory();
    const { canReview } = assertCanSeeProgress(ctx, w, dir);
    const o = w.itemById.get(itemId);
    if (!o) throw notFound("mục đề cương của đợt");
    const today = toVnPlainDate(ctx.now);
    const refDate = w.campaign.referenceDate;

    const rows = await db
      .select({ a: assignments, changedBy: users.fullName })
      .from(assignments)
      .leftJoin(users, eq(users.id, assignments.stateChangedBy))
      .where(and(eq(assignments.campaignId, campaignId), eq(assignments.outlineItemId, itemId)))
      .orderBy(asc(assignments.role), asc(assignments.roleOrder));
    // The item and its sub-items that have no agencies of their own are written under the same assignment.
    const covered = [o];
    for (let i = o.index + 1; i < w.outline.length; i++) {
      const next = w.outline[i]!;
      if (next.depth <= o.depth) break;
      if (isCoveredBy(w, next.item.id, itemId)) covered.push(next);
    }
    const agencyIds = rows.map((r) => r.a.agencyId);
    const assignmentIds = rows.map((r) => r.a.id);
    const [texts, events] = await reads(db, [
      () => agencyIds.length
        ? db
            .select({ s: sections, byName: users.fullName })
            .from(sections)
            .leftJoin(users, eq(users.id, sections.updatedBy))
            .where(and(eq(sections.campaignId, campaignId), inArray(sections.outlineItemId, covered.map((c) => c.item.id)), inArray(sections.agencyId, agencyIds)))
        : Promise.resolve([]),
      () => assignmentIds.length
        ? db
            .select({ e: assignmentEvents, actorName: users.fullName })
            .from(assignmentEvents)
            .leftJoin(users, eq(users.id, assignmentEvents.actorUserId))
            .where(inArray(assignmentEvents.assignmentId, assignmentIds))
            .orderBy(desc(assignmentEvents.at))
        : Promise.resolve([]),
    ]);
    const parts: ReviewPartDto[] = rows.map(({ a, changedBy }) => {
      const started = texts.some((t) => t.s.agencyId === a.agencyId && t.s.text.trim() !== "");
      const status = progressStatus(a, started);
      const due = a.dueOverride ?? a.dueDate;
      const milestone = a.milestoneId ? w.milestoneById.get(a.milestoneId) : undefined;
      const actions = canReview
        ? allowedActions({ state: a.state as never, declaration: (a.declaration as Declaration | null) ?? null, campaignStatus: w.campaign.status }, { agencyOfficer: false, agencyLeader: false, coordinator: true })
        : [];
      return {
        assignmentId: a.id,
        agencyId: a.agencyId,
        agencyName: dir.displayName(a.agencyId, refDate),
        role: a.role as "lead" | "cooperate",
        state: a.state as ReviewPartDto["state"],
        status,
        declaration: (a.declaration as Declaration | null) ?? null,
        declarationReason: a.declarationReason,
        stateReason: a.stateReason,
        stateChangedAt: a.stateChangedAt?.toISOString() ?? null,
        stateChangedByName: changedBy ?? null,
        dueDate: due,
        milestoneDue: milestone?.due ?? a.dueDate,
        extensionReason: a.dueOverride ? a.extensionReason : null,
        overdueDays: overdueDays(status, due, today),
        sentAt: a.sentAt?.toISOString() ?? null,
        acceptedAt: a.acceptedAt?.toISOString() ?? null,
        version: a.version,
        sections: covered.map((c) => {
          const t = texts.find((x) => x.s.agencyId === a.agencyId && x.s.outlineItemId === c.item.id);
          return {
            itemId: c.item.id,
            label: c.item.label,
            title: c.item.title,
            depth: c.depth - o.depth,
            html: t?.s.html ?? "",
            wordCount: t?.s.wordCount ?? 0,
            updatedAt: t ? t.s.updatedAt.toISOString() : null,
            updatedByName: t?.byName ?? null,
          };
        }),
        events: events
          .filter((e) => e.e.assignmentId === a.id)
          .slice(0, 12)
          .map(({ e, actorName }) => ({
            at: e.at.toISOString(),
            action: e.action,
            label: e.action === "extend" ? "Gia hạn" : (WORKFLOW_EVENT_LABELS[e.action as keyof typeof WORKFLOW_EVENT_LABELS] ?? e.action),
            actorName: actorName ?? null,
            reason: e.reason,
          })),
        allowedActions: actions.filter((x): x is "accept" | "return" | "reopen" => x === "accept" || x === "return" || x === "reopen"),
      };
    });
    // Neighbouring items that have assignments (in document order).
    const assignedItems = new Set((await db.selectDistinct({ id: assignments.outlineItemId }).from(assignments).where(eq(assignments.campaignId, campaignId))).map((r) => r.id));
    const ordered = w.outline.filter((x) => assignedItems.has(x.item.id));
    const pos = ordered.findIndex((x) => x.item.id === itemId);
    return {
      campaign: { id: w.campaign.id, name: w.campaign.name, status: w.campaign.status, referenceDate: refDate },
      item: { id: o.item.id, label: o.item.label, labelPath: o.labelPath, title: o.item.title, guidance: o.item.guidance, appendixCodes: o.item.appendixCodes },
      previousItemId: pos > 0 ? ordered[pos - 1]!.item.id : null,
      nextItemId: pos >= 0 && pos < ordered.length - 1 ? ordered[pos + 1]!.item.id : null,
      parts,
      figures: await this.relatedFigures(ctx, w, o.item.id, agencyIds),
      canReview,
    };
  }

  /**
   * Figures related to the item: rows of the appendices linked to it (its own appendixCodes, else the nearest
   * ancestor's) led by the item's agencies — or all rows of those appendices when none of them leads any —, with
   * their values, evaluation against the target and validation warnings from the figures workspace.
   */
  private async relatedFigures(ctx: RequestContext, w: CampaignWork, itemId: string, agencyIds: readonly string[]): Promise<ReviewDto["figures"]> {
    let codes: string[] = [];
    for (let id: string | null = itemId, guard = 0; id && guard < 50 && !codes.length; guard++) {
      const it: CampaignWork["outline"][number] | undefined = w.itemById.get(id);
      codes = it?.item.appendixCodes ?? [];
      id = it?.item.parentId ?? null;
    }
    const linked = w.appendices.filter((a) => codes.includes(a.code) && a.kind === "indicators");
    if (!linked.length) return [];
    const dir = await this.deps.agencies.directory();
    const wanted = new Set(agencyIds);
    const out: ReviewDto["figures"] = [];
    for (const ap of linked) {
      const raw = await this.deps.db
        .select({ id: appendixRows.id, parentId: appendixRows.parentId, lead: appendixRows.lead, addedByAgencyId: appendixRows.addedByAgencyId })
        .from(appendixRows)
        .where(eq(appendixRows.appendixId, ap.id));
      const leads: Map<string, AgencyRef[]> = effectiveRowLeads(raw as never);
      const led = new Set(
        raw.filter((r) => (r.addedByAgencyId ? wanted.has(r.addedByAgencyId) : expandRefs(dir, leads.get(r.id) ?? [], w.campaign.referenceDate).some((id) => wanted.has(id)))).map((r) => r.id),
      );
      const grid = await this.deps.indicators.grid(ctx, ap.id);
      const dataRows = grid.rows.filter((r) => r.indicatorId && (led.size === 0 || led.has(r.id)));
      const valueColumns = grid.columns.filter((c) => c.kind === "value");
      const rowsOut: ReviewFigureRowDto[] = dataRows.slice(0, FIGURE_ROWS_MAX).map((r) => {
        const evalCell = grid.columns.filter((c) => c.kind === "evaluation").map((c) => r.cells[c.key]).find((c) => c?.kind === "evaluation");
        return {
          rowId: r.id,
          tt: r.tt,
          name: r.name,
          unit: r.unit,
          target: r.target,
          leadNames: r.leadNames ? [r.leadNames] : [],
          values: valueColumns.map((c) => {
            const cell = r.cells[c.key];
            const v = cell && (cell.kind === "value" || cell.kind === "computed") ? cell.value : null;
            const status = cell && (cell.kind === "value" || cell.kind === "computed") ? cell.status : null;
            return { key: c.key, title: c.title, text: v === null ? "" : formatVnNumber(v, r.decimals), status };
          }),
          evaluation:
            evalCell && evalCell.kind === "evaluation" && evalCell.verdict
              ? { verdict: evalCell.verdict, label: evalCell.label ?? evalCell.verdict, actual: evalCell.value === null ? null : formatVnNumber(evalCell.value, r.decimals), detail: evalCell.reason }
              : null,
          warnings: r.issues.map((i) => `${i.severity === "error" ? "Lỗi" : "Cảnh báo"}: ${i.message}`),
        };
      });
      out.push({ appendixId: ap.id, code: ap.code, title: ap.title, rows: rowsOut, more: Math.max(0, dataRows.length - FIGURE_ROWS_MAX) });
    }
    return out;
  }

  /** Accept, return (reason required) or reopen (reason required) one agency's part, through the workflow service. */
  async act(ctx: RequestContext, campaignId: string, itemId: string, assignmentId: string, req: ReviewActionRequest): Promise<ReviewDto> {
    requireActor(ctx);
    const workflow = this.deps.workflow;
    const [a] = await this.deps.db
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.id, assignmentId), eq(assignments.campaignId, campaignId), eq(assignments.outlineItemId, itemId), notInArray(assignments.kind, ["indicators", "records"])))
      .limit(1);
    if (!a) throw notFound("phần việc của mục này");
    await workflow.transition(ctx, assignmentId, { action: req.action, reason: req.reason ?? null, ...(req.version ? { version: req.version } : {}) });
    return this.review(ctx, campaignId, itemId);
  }
}

/** Whether `id` is written under the assignment of `ancestorId` (no agencies of its own on the way up). */
function isCoveredBy(w: CampaignWork, id: string, ancestorId: string): boolean {
  for (let cur: string | null = id, guard = 0; cur && guard < 50; guard++) {
    if (cur === ancestorId) return true;
    const it: CampaignWork["outline"][number]["item"] | undefined = w.itemById.get(cur)?.item;
    if (!it) return false;
    if (it.lead.length || it.cooperate.length) return false;
    cur = it.parentId;
  }
  return false;
}
