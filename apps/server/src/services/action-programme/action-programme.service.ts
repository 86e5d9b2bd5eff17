// The action programme (Chương trình hành động) of a campaign's plan: tasks derived from outline items or imported
// from a workbook, each with a lead agency, cooperating agencies, a product and a deadline; periodic progress
// reports by the lead agency; status derived from the deadline and the clock (@tonghop/domain taskStatus); links
// to indicators for the dashboards.
//
// Access
//   coordinator roles of the campaign's coordinator agency (or its successor)  create programmes, add/edit/delete
//                                                                             tasks, import, remind now
//   officers/leaders of a task's lead agency today                             report its progress
//   every signed-in user                                                      read programmes, tasks, exports
// Agency reorganisations: a task keeps the agency it was assigned to; today's lead is that agency or the active
// successor the directory names (merger, split), used for listing, access and reminders.

import { asc, desc, eq, inArray, max } from "drizzle-orm";
import type {
  ActionTaskDto,
  CreateProgrammeRequest,
  OutlineChoiceDto,
  ProgrammeDto,
  RelatedTasksDto,
  SaveTaskRequest,
  SentReminderDto,
  TaskListQuery,
  TaskReportDto,
  TaskReportRequest,
} from "@tonghop/contracts";
import { createProgrammeRequestSchema, saveTaskRequestSchema } from "@tonghop/contracts";
import {
  formatVnDate,
  parseTaskDeadline,
  reportingPeriodOf,
  TASK_STATUS_LABELS,
  TaskDeadlineError,
  taskDaysLate,
  taskStatus,
  toVnPlainDate,
  type ReportFrequency,
  type TaskProgress,
} from "@tonghop/domain";
import { hasRole, requireActor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { actionProgrammes, actionTaskReminders, actionTaskReports, actionTasks, campaigns, indicators, mailOutbox, outlineItems, users } from "../../db/schema/index.js";
import { AppError, badRequest, forbidden, notFound } from "../../http/errors.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import type { Directory } from "../agencies/directory.js";
import { expandRefs } from "../campaigns/agency-refs.js";
import { isCoordinatorOf } from "../campaigns/campaign-access.js";
import { contentDisposition } from "../compile/compile.service.js";
import type { HolidaysService } from "../holidays/holidays.service.js";
import type { OutboxService } from "../mail/outbox.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { currentAgency } from "../comments/comment-routing.js";
import { renderTaskAppendixDocx, renderTaskAppendixXlsx } from "./task-appendix.js";
import { runTaskReminders, taskStepLabel, type SentTaskReminder } from "./task-reminders.js";
import { readTaskWorkbook } from "./task-workbook.js";

type ProgrammeRow = typeof actionProgrammes.$inferSelect;
type TaskRow = typeof actionTasks.$inferSelect;
type CampaignRow = typeof campaigns.$inferSelect;
type ReportRow = typeof actionTaskReports.$inferSelect;

export interface ActionProgrammeDeps {
  db: Db;
  audit: AuditRepository;
  agencies: AgenciesService;
  notifications: NotificationsService;
  outbox: OutboxService;
  holidays: HolidaysService;
  publicUrl: string;
}

interface Loaded {
  programme: ProgrammeRow;
  campaign: CampaignRow;
  dir: Directory;
  coordinator: boolean;
}

export class ActionProgrammeService {
  constructor(private readonly deps: ActionProgrammeDeps) {}

  private get db(): Db {
    return this.deps.db;
  }

  private async load(ctx: RequestContext, programmeId: string, db: Db = this.db): Promise<Loaded> {
    requireActor(ctx);
    const [programme] = await db.select().from(actionProgrammes).where(eq(actionProgrammes.id, programmeId));
    if (!programme) throw notFound("chương trình hành động");
    const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, programme.campaignId));
    if (!campaign) throw notFound("đợt tổng hợp");
    const dir = await this.deps.agencies.directory(db);
    return { programme, campaign, dir, coordinator: isCoordinatorOf(dir, ctx, campaign.coordinatorAgencyId) };
  }

  private assertCoordinator(l: Pick<Loaded, "coordinator" | "campaign" | "dir">, ctx: RequestContext, what: string): void {
    if (!l.coordinator) throw forbidden(`Chỉ cơ quan tổng hợp (${l.dir.displayName(l.campaign.coordinatorAgencyId, toVnPlainDate(ctx.now))}) được ${what}.`);
  }

  // ------------------------------------------------------------------------------------------------ programmes

  async create(ctx: RequestContext, input: CreateProgrammeRequest): Promise<ProgrammeDto> {
    const actor = requireActor(ctx);
    const req = createProgrammeRequestSchema.parse(input);
    const [campaign] = await this.db.select().from(campaigns).where(eq(campaigns.id, req.campaignId));
    if (!campaign) throw badRequest("Đợt tổng hợp được chọn không có.", { field: "campaignId" });
    const dir = await this.deps.agencies.directory();
    this.assertCoordinator({ coordinator: isCoordinatorOf(dir, ctx, campaign.coordinatorAgencyId), campaign, dir }, ctx, "lập chương trình hành động");
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.insert(actionProgrammes).values({ campaignId: campaign.id, title: req.title, reportFrequency: req.reportFrequency, createdBy: actor.userId, createdAt: ctx.now, updatedAt: ctx.now }).returning();
      await this.deps.audit.record(tx, ctx, { action: "action-programme.create", entityType: "action_programme", entityId: row!.id, summary: `Lập chương trình hành động "${req.title}" (${campaign.name})` });
      return row!.id;
    });
    return this.programme(ctx, id);
  }

  private async toProgrammeDto(l: Loaded, ctx: RequestContext): Promise<ProgrammeDto> {
    const today = toVnPlainDate(ctx.now);
    const tasks = await this.db.select({ progress: actionTasks.progress, due: actionTasks.deadlineDue }).from(actionTasks).where(eq(actionTasks.programmeId, l.programme.id));
    const counts = { "chua-trien-khai": 0, "dang-thuc-hien": 0, "hoan-thanh": 0, "cham-tien-do": 0 };
    for (const t of tasks) counts[taskStatus({ progress: t.progress as TaskProgress, due: t.due }, today)] += 1;
    const period = reportingPeriodOf(today, l.programme.reportFrequency as ReportFrequency);
    return {
      id: l.programme.id,
      campaignId: l.campaign.id,
      campaignName: l.campaign.name,
      title: l.programme.title,
      reportFrequency: l.programme.reportFrequency as ProgrammeDto["reportFrequency"],
      currentPeriod: { key: period.key, label: period.label },
      taskCount: tasks.length,
      counts,
      canManage: l.coordinator,
      createdAt: l.programme.createdAt.toISOString(),
    };
  }

  async programme(ctx: RequestContext, id: string): Promise<ProgrammeDto> {
    return this.toProgrammeDto(await this.load(ctx, id), ctx);
  }

  async list(ctx: RequestContext, campaignId?: string): Promise<ProgrammeDto[]> {
    requireActor(ctx);
    const rows = await this.db
      .select({ id: actionProgrammes.id })
      .from(actionProgrammes)
      .where(campaignId ? eq(actionProgrammes.campaignId, campaignId) : undefined)
      .orderBy(desc(actionProgrammes.createdAt));
    const out: ProgrammeDto[] = [];
    for (const r of rows) out.push(await this.programme(ctx, r.id));
    return out;
  }

  // ------------------------------------------------------------------------------------------------ tasks

  private async toTaskDtos(l: Loaded, ctx: RequestContext, rows: TaskRow[]): Promise<ActionTaskDto[]> {
    const actor = requireActor(ctx);
    const today = toVnPlainDate(ctx.now);
    const period = reportingPeriodOf(today, l.programme.reportFrequency as ReportFrequency);
    const ids = rows.map((r) => r.id);
    const reports = ids.length ? await this.db.select().from(actionTaskReports).where(inArray(actionTaskReports.taskId, ids)).orderBy(desc(actionTaskReports.reportedAt)) : [];
    const lastOf = new Map<string, ReportRow>();
    const reportedNow = new Set<string>();
    for (const r of reports) {
      if (!lastOf.has(r.taskId)) lastOf.set(r.taskId, r);
      if (r.periodKey === period.key) reportedNow.add(r.taskId);
    }
    const itemIds = [...new Set(rows.map((r) => r.outlineItemId).filter((x): x is string => !!x))];
    const items = new Map(itemIds.length ? (await this.db.select({ id: outlineItems.id, label: outlineItems.label, title: outlineItems.title }).from(outlineItems).where(inArray(outlineItems.id, itemIds))).map((i) => [i.id, `${i.label} ${i.title}`]) : []);
    const ref = (id: string) => ({ id, name: l.dir.displayName(id, today) });
    return rows.map((t) => {
      const lead = currentAgency(l.dir, t.leadAgencyId, today);
      const input = { progress: t.progress as TaskProgress, due: t.deadlineDue };
      const status = taskStatus(input, today);
      const last = lastOf.get(t.id);
      return {
        id: t.id,
        programmeId: t.programmeId,
        tt: t.tt,
        title: t.title,
        kind: t.kind as ActionTaskDto["kind"],
        outlineItemId: t.outlineItemId,
        outlineLabel: t.outlineItemId ? (items.get(t.outlineItemId) ?? null) : null,
        lead: ref(lead),
        assignedLead: lead !== t.leadAgencyId ? ref(t.leadAgencyId) : null,
        cooperate: [...new Set(t.cooperateAgencyIds.map((id) => currentAgency(l.dir, id, today)))].filter((id) => id !== lead).map(ref),
        product: t.product,
        deadline: t.deadlineText && t.deadlineDue && t.deadlineKind ? { kind: t.deadlineKind as "date", text: t.deadlineText, due: t.deadlineDue } : null,
        progress: t.progress as TaskProgress,
        status,
        statusLabel: TASK_STATUS_LABELS[status],
        daysLate: taskDaysLate(input, today),
        indicatorCodes: t.indicatorCodes,
        lastReport: last ? this.reportDto(l, last, today) : null,
        reportedThisPeriod: reportedNow.has(t.id),
        canReport: hasRole(actor, "officer", "leader") && actor.agencyId === lead,
        version: t.version,
      };
    });
  }

  private reportDto(l: Loaded, r: ReportRow, today: string): TaskReportDto {
    return {
      id: r.id,
      periodKey: r.periodKey,
      periodLabel: r.periodLabel,
      progress: r.progress as TaskProgress,
      percent: r.percent,
      content: r.content,
      agencyName: l.dir.displayName(r.agencyId, today),
      reportedByName: r.reportedByName,
      reportedAt: r.reportedAt.toISOString(),
    };
  }

  async tasks(ctx: RequestContext, programmeId: string, q: TaskListQuery = {}): Promise<ActionTaskDto[]> {
    const l = await this.load(ctx, programmeId);
    const rows = await this.db.select().from(actionTasks).where(eq(actionTasks.programmeId, programmeId)).orderBy(asc(actionTasks.sortOrder), asc(actionTasks.createdAt));
    let list = await this.toTaskDtos(l, ctx, rows);
    if (q.status) list = list.filter((t) => t.status === q.status);
    if (q.agencyId) list = list.filter((t) => t.lead.id === q.agencyId || t.cooperate.some((c) => c.id === q.agencyId));
    if (q.mine === "true") list = list.filter((t) => t.lead.id === requireActor(ctx).agencyId);
    return list;
  }

  async task(ctx: RequestContext, taskId: string): Promise<ActionTaskDto> {
    const [t] = await this.db.select().from(actionTasks).where(eq(actionTasks.id, taskId));
    if (!t) throw notFound("nhiệm vụ của chương trình hành động");
    const l = await this.load(ctx, t.programmeId);
    return (await this.toTaskDtos(l, ctx, [t]))[0]!;
  }

  /** Checks a task's fields against the directory and the indicator catalogue; the deadline is read by the domain. */
  private async validated(dir: Directory, today: string, input: SaveTaskRequest) {
    const req = saveTaskRequestSchema.parse(input);
    const active = (id: string, field: string) => {
      const a = dir.agency(id);
      if (!a) throw badRequest("Cơ quan được chọn không có trong danh bạ.", { field });
      if (!dir.isActive(a, today)) throw badRequest(`${dir.displayName(id, today)} không còn hoạt động; hãy chọn cơ quan kế tục.`, { field });
    };
    active(req.leadAgencyId, "leadAgencyId");
    req.cooperateAgencyIds.forEach((id, i) => active(id, `cooperateAgencyIds.${i}`));
    let deadline = null;
    if (req.deadline) {
      try {
        deadline = parseTaskDeadline(req.deadline);
      } catch (e) {
        if (e instanceof TaskDeadlineError) throw badRequest(`${e.message}.`, { field: "deadline" });
        throw e;
      }
    }
    if (req.indicatorCodes.length) {
      const known = new Set((await this.db.select({ code: indicators.code }).from(indicators).where(inArray(indicators.code, req.indicatorCodes))).map((r) => r.code));
      const unknown = req.indicatorCodes.find((c) => !known.has(c));
      if (unknown) throw badRequest(`Không có chỉ tiêu mã "${unknown}" trong danh mục chỉ tiêu.`, { field: "indicatorCodes" });
    }
    return {
      tt: req.tt,
      title: req.title,
      kind: req.kind,
      leadAgencyId: req.leadAgencyId,
      cooperateAgencyIds: [...new Set(req.cooperateAgencyIds)].filter((id) => id !== req.leadAgencyId),
      product: req.product,
      deadlineKind: deadline?.kind ?? null,
      deadlineText: deadline?.text ?? null,
      deadlineDue: deadline?.due ?? null,
      indicatorCodes: [...new Set(req.indicatorCodes)],
      ...(req.outlineItemId !== undefined ? { outlineItemId: req.outlineItemId } : {}),
      version: req.version,
    };
  }

  private async nextOrder(db: Db, programmeId: string): Promise<number> {
    const [r] = await db.select({ n: max(actionTasks.sortOrder) }).from(actionTasks).where(eq(actionTasks.programmeId, programmeId));
    return (r?.n ?? 0) + 1;
  }

  async createTask(ctx: RequestContext, programmeId: string, input: SaveTaskRequest): Promise<ActionTaskDto> {
    const l = await this.load(ctx, programmeId);
    this.assertCoordinator(l, ctx, "thêm nhiệm vụ vào chương trình hành động");
    const { version: _v, ...v } = await this.validated(l.dir, toVnPlainDate(ctx.now), input);
    void _v;
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.insert(actionTasks).values({ ...v, programmeId, sortOrder: await this.nextOrder(tx, programmeId), createdAt: ctx.now, updatedAt: ctx.now }).returning({ id: actionTasks.id });
      await this.deps.audit.record(tx, ctx, { action: "action-task.create", entityType: "action_task", entityId: row!.id, summary: `Thêm nhiệm vụ "${v.title}" (${l.programme.title})`, after: v });
      return row!.id;
    });
    return this.task(ctx, id);
  }

  async updateTask(ctx: RequestContext, taskId: string, input: SaveTaskRequest): Promise<ActionTaskDto> {
    const [t] = await this.db.select().from(actionTasks).where(eq(actionTasks.id, taskId));
    if (!t) throw notFound("nhiệm vụ của chương trình hành động");
    const l = await this.load(ctx, t.programmeId);
    this.assertCoordinator(l, ctx, "sửa nhiệm vụ của chương trình hành động");
    const { version, ...v } = await this.validated(l.dir, toVnPlainDate(ctx.now), input);
    await this.db.transaction(async (tx) => {
      const [cur] = await tx.select().from(actionTasks).where(eq(actionTasks.id, taskId)).for("update");
      if (!cur) throw notFound("nhiệm vụ của chương trình hành động");
      if (version !== undefined && version !== cur.version) throw new AppError("VERSION_CONFLICT", "Nhiệm vụ vừa được người khác sửa; hãy tải lại rồi sửa tiếp.", { current: cur.version });
      await tx.update(actionTasks).set({ ...v, updatedAt: ctx.now, version: cur.version + 1 }).where(eq(actionTasks.id, taskId));
      await this.deps.audit.record(tx, ctx, { action: "action-task.update", entityType: "action_task", entityId: taskId, summary: `Sửa nhiệm vụ "${v.title}"`, before: cur, after: v });
    });
    return this.task(ctx, taskId);
  }

  async deleteTask(ctx: RequestContext, taskId: string): Promise<void> {
    const [t] = await this.db.select().from(actionTasks).where(eq(actionTasks.id, taskId));
    if (!t) throw notFound("nhiệm vụ của chương trình hành động");
    const l = await this.load(ctx, t.programmeId);
    this.assertCoordinator(l, ctx, "xoá nhiệm vụ của chương trình hành động");
    await this.db.transaction(async (tx) => {
      await tx.delete(actionTasks).where(eq(actionTasks.id, taskId));
      await this.deps.audit.record(tx, ctx, { action: "action-task.delete", entityType: "action_task", entityId: taskId, summary: `Xoá nhiệm vụ "${t.title}"`, before: t });
    });
  }

  /** The campaign's outline as choices for "tạo nhiệm vụ từ đề cương". */
  async outlineChoices(ctx: RequestContext, programmeId: string): Promise<OutlineChoiceDto[]> {
    const l = await this.load(ctx, programmeId);
    const items = await this.db.select().from(outlineItems).where(eq(outlineItems.campaignId, l.campaign.id));
    const used = new Set((await this.db.select({ id: actionTasks.outlineItemId }).from(actionTasks).where(eq(actionTasks.programmeId, programmeId))).map((r) => r.id));
    const kids = new Map<string | null, typeof items>();
    for (const i of items) kids.set(i.parentId, [...(kids.get(i.parentId) ?? []), i]);
    for (const list of kids.values()) list.sort((a, b) => a.sortOrder - b.sortOrder);
    const out: OutlineChoiceDto[] = [];
    const date = l.campaign.referenceDate;
    const visit = (parent: string | null, depth: number, inherited: typeof items[number]["lead"]) => {
      for (const i of kids.get(parent) ?? []) {
        const lead = i.lead.length ? i.lead : inherited;
        out.push({ id: i.id, label: i.label, title: i.title, depth, lead: expandRefs(l.dir, lead, date).map((id) => l.dir.displayName(id, toVnPlainDate(ctx.now))).join(", "), hasTask: used.has(i.id) });
        visit(i.id, depth + 1, lead);
      }
    };
    visit(null, 0, []);
    return out;
  }

  /**
   * One task per chosen outline item (nhiệm vụ, giải pháp of the plan): the item's title, its lead agencies (own or
   * inherited, groups expanded as of the reference date, carried to today's successors) — the first leads, the
   * others and the item's cooperating agencies cooperate. Items without any lead are refused by name.
   */
  async fromOutline(ctx: RequestContext, programmeId: string, itemIds: string[]): Promise<ActionTaskDto[]> {
    const l = await this.load(ctx, programmeId);
    this.assertCoordinator(l, ctx, "tạo nhiệm vụ từ đề cương");
    const today = toVnPlainDate(ctx.now);
    const items = await this.db.select().from(outlineItems).where(eq(outlineItems.campaignId, l.campaign.id));
    const byId = new Map(items.map((i) => [i.id, i]));
    const date = l.campaign.referenceDate;
    const values = itemIds.map((id, idx) => {
      const item = byId.get(id);
      if (!item) throw badRequest(`Mục đề cương thứ ${idx + 1} không thuộc đợt "${l.campaign.name}".`, { field: `itemIds.${idx}` });
      let leadRefs = item.lead;
      for (let cur = item; !leadRefs.length && cur.parentId; ) {
        cur = byId.get(cur.parentId)!;
        if (!cur) break;
        leadRefs = cur.lead;
      }
      const leads = expandRefs(l.dir, leadRefs, date).map((a) => currentAgency(l.dir, a, today));
      if (!leads.length) throw badRequest(`Mục ${item.label} "${item.title}" chưa có cơ quan chủ trì; hãy thêm nhiệm vụ và chọn cơ quan chủ trì.`, { field: `itemIds.${idx}` });
      const co = [...leads.slice(1), ...expandRefs(l.dir, item.cooperate, date).map((a) => currentAgency(l.dir, a, today))];
      return { item, lead: leads[0]!, cooperate: [...new Set(co)].filter((a) => a !== leads[0]) };
    });
    const ids = await this.db.transaction(async (tx) => {
      let order = await this.nextOrder(tx, programmeId);
      const inserted = await tx
        .insert(actionTasks)
        .values(
          values.map((v) => ({
            programmeId,
            sortOrder: order++,
            tt: v.item.label,
            title: v.item.title,
            kind: /giải pháp/i.test(v.item.title) ? "giai-phap" : "nhiem-vu",
            outlineItemId: v.item.id,
            leadAgencyId: v.lead,
            cooperateAgencyIds: v.cooperate,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })),
        )
        .returning({ id: actionTasks.id });
      await this.deps.audit.record(tx, ctx, { action: "action-task.from-outline", entityType: "action_programme", entityId: programmeId, summary: `Tạo ${inserted.length} nhiệm vụ từ đề cương (${l.programme.title})`, after: { itemIds } });
      return inserted.map((r) => r.id);
    });
    const rows = await this.db.select().from(actionTasks).where(inArray(actionTasks.id, ids)).orderBy(asc(actionTasks.sortOrder));
    return this.toTaskDtos(l, ctx, rows);
  }

  /** Imports a task list workbook: all rows or none; every problem is named by its cell. */
  async importWorkbook(ctx: RequestContext, programmeId: string, fileName: string, data: Uint8Array): Promise<{ imported: number }> {
    const l = await this.load(ctx, programmeId);
    this.assertCoordinator(l, ctx, "nhập danh sách nhiệm vụ");
    const today = toVnPlainDate(ctx.now);
    const codes = new Set((await this.db.select({ code: indicators.code }).from(indicators)).map((r) => r.code));
    const { tasks, issues } = await readTaskWorkbook(data, fileName, l.dir, today, codes);
    if (issues.length) {
      const shown = issues.slice(0, 8).map((i) => i.message).join(" ");
      throw new AppError("UNPROCESSABLE", `Tệp có ${issues.length} lỗi; chưa nhập nhiệm vụ nào. ${shown}${issues.length > 8 ? ` … và ${issues.length - 8} lỗi khác.` : ""}`, { errors: issues });
    }
    await this.db.transaction(async (tx) => {
      let order = await this.nextOrder(tx, programmeId);
      for (let i = 0; i < tasks.length; i += 200) {
        await tx.insert(actionTasks).values(
          tasks.slice(i, i + 200).map((t) => ({
            programmeId,
            sortOrder: order++,
            tt: t.tt,
            title: t.title,
            kind: t.kind,
            leadAgencyId: t.leadAgencyId,
            cooperateAgencyIds: t.cooperateAgencyIds,
            product: t.product,
            deadlineKind: t.deadline?.kind ?? null,
            deadlineText: t.deadline?.text ?? null,
            deadlineDue: t.deadline?.due ?? null,
            indicatorCodes: t.indicatorCodes,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })),
        );
      }
      await this.deps.audit.record(tx, ctx, { action: "action-task.import", entityType: "action_programme", entityId: programmeId, summary: `Nhập ${tasks.length} nhiệm vụ từ tệp "${fileName}" (${l.programme.title})` });
    });
    return { imported: tasks.length };
  }

  // ------------------------------------------------------------------------------------------------ progress

  /** The lead agency reports the progress of the current period (a second report in the same period replaces it). */
  async report(ctx: RequestContext, taskId: string, req: TaskReportRequest): Promise<ActionTaskDto> {
    const actor = requireActor(ctx);
    const [t] = await this.db.select().from(actionTasks).where(eq(actionTasks.id, taskId));
    if (!t) throw notFound("nhiệm vụ của chương trình hành động");
    const l = await this.load(ctx, t.programmeId);
    const today = toVnPlainDate(ctx.now);
    const lead = currentAgency(l.dir, t.leadAgencyId, today);
    if (!hasRole(actor, "officer", "leader") || actor.agencyId !== lead) throw forbidden(`Chỉ ${l.dir.displayName(lead, today)} (cơ quan chủ trì) báo cáo được tiến độ nhiệm vụ này.`);
    const period = reportingPeriodOf(today, l.programme.reportFrequency as ReportFrequency);
    await this.db.transaction(async (tx) => {
      const [cur] = await tx.select().from(actionTasks).where(eq(actionTasks.id, taskId)).for("update");
      if (!cur) throw notFound("nhiệm vụ của chương trình hành động");
      if (cur.version !== req.version) throw new AppError("VERSION_CONFLICT", "Nhiệm vụ vừa được cập nhật; hãy tải lại rồi báo cáo.", { current: cur.version });
      const values = { taskId, periodKey: period.key, periodLabel: period.label, agencyId: lead, progress: req.progress, percent: req.percent ?? null, content: req.content, reportedBy: actor.userId, reportedByName: actor.fullName, reportedAt: ctx.now };
      await tx
        .insert(actionTaskReports)
        .values(values)
        .onConflictDoUpdate({ target: [actionTaskReports.taskId, actionTaskReports.periodKey], set: { agencyId: lead, progress: req.progress, percent: req.percent ?? null, content: req.content, reportedBy: actor.userId, reportedByName: actor.fullName, reportedAt: ctx.now } });
      await tx
        .update(actionTasks)
        .set({ progress: req.progress, completedOn: req.progress === "done" ? (cur.completedOn ?? today) : null, updatedAt: ctx.now, version: cur.version + 1 })
        .where(eq(actionTasks.id, taskId));
      await this.deps.audit.record(tx, ctx, { action: "action-task.report", entityType: "action_task", entityId: taskId, summary: `Báo cáo tiến độ ${period.label}: "${cur.title}"`, before: { progress: cur.progress }, after: { progress: req.progress, percent: req.percent ?? null } });
    });
    return this.task(ctx, taskId);
  }

  async reports(ctx: RequestContext, taskId: string): Promise<TaskReportDto[]> {
    const [t] = await this.db.select().from(actionTasks).where(eq(actionTasks.id, taskId));
    if (!t) throw notFound("nhiệm vụ của chương trình hành động");
    const l = await this.load(ctx, t.programmeId);
    const today = toVnPlainDate(ctx.now);
    const rows = await this.db.select().from(actionTaskReports).where(eq(actionTaskReports.taskId, taskId)).orderBy(desc(actionTaskReports.periodKey));
    return rows.map((r) => this.reportDto(l, r, today));
  }

  // ------------------------------------------------------------------------------------------------ dashboards, exports

  /** Tasks of the campaign's programmes by the indicator code they serve (for "Nhiệm vụ liên quan" on the cards). */
  async relatedTasks(ctx: RequestContext, campaignId: string): Promise<RelatedTasksDto> {
    requireActor(ctx);
    const today = toVnPlainDate(ctx.now);
    const rows = await this.db
      .select({ t: actionTasks })
      .from(actionTasks)
      .innerJoin(actionProgrammes, eq(actionProgrammes.id, actionTasks.programmeId))
      .where(eq(actionProgrammes.campaignId, campaignId))
      .orderBy(asc(actionTasks.sortOrder));
    const dir = await this.deps.agencies.directory();
    const byIndicator: RelatedTasksDto["byIndicator"] = {};
    for (const { t } of rows) {
      const status = taskStatus({ progress: t.progress as TaskProgress, due: t.deadlineDue }, today);
      for (const code of t.indicatorCodes) {
        (byIndicator[code] ??= []).push({
          id: t.id,
          programmeId: t.programmeId,
          title: t.title,
          leadName: dir.displayName(currentAgency(dir, t.leadAgencyId, today), today),
          deadlineText: t.deadlineText,
          status,
          statusLabel: TASK_STATUS_LABELS[status],
        });
      }
    }
    return { byIndicator };
  }

  /** "Phụ lục nhiệm vụ" as DOCX (NĐ 30) or XLSX (the same columns the import reads). */
  async exportFile(ctx: RequestContext, programmeId: string, kind: "docx" | "xlsx"): Promise<{ data: Buffer; contentType: string; disposition: string }> {
    const l = await this.load(ctx, programmeId);
    const tasks = await this.tasks(ctx, programmeId);
    const model = { programmeTitle: l.programme.title, campaign: l.campaign, date: toVnPlainDate(ctx.now), tasks };
    const data = kind === "docx" ? await renderTaskAppendixDocx(model) : await renderTaskAppendixXlsx(model);
    await this.db.transaction(async (tx) =>
      this.deps.audit.record(tx, ctx, { action: "action-programme.export", entityType: "action_programme", entityId: programmeId, summary: `Tải Phụ lục nhiệm vụ (${kind.toUpperCase()}): ${l.programme.title}` }),
    );
    return {
      data,
      contentType: kind === "docx" ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      disposition: contentDisposition(`Phụ lục nhiệm vụ - ${l.programme.title.replace(/[\\/:*?"<>|]+/g, " ")}.${kind}`),
    };
  }

  // ------------------------------------------------------------------------------------------------ reminders

  /** The scheduler's run: reminders about late tasks and missing period reports, once each. */
  async runReminders(now: Date, instance: string, programmeId?: string): Promise<SentTaskReminder[]> {
    return runTaskReminders(this.deps, now, instance, programmeId);
  }

  /** The reminders about the programme's tasks that went out, newest first (the coordinator's record). */
  async sentReminders(ctx: RequestContext, programmeId: string): Promise<SentReminderDto[]> {
    const l = await this.load(ctx, programmeId);
    this.assertCoordinator(l, ctx, "xem các lần nhắc việc");
    const rows = await this.db
      .select({ r: actionTaskReminders, task: actionTasks.title, userName: users.fullName, mailStatus: mailOutbox.status })
      .from(actionTaskReminders)
      .innerJoin(actionTasks, eq(actionTasks.id, actionTaskReminders.taskId))
      .leftJoin(users, eq(users.id, actionTaskReminders.recipientUserId))
      .leftJoin(mailOutbox, eq(mailOutbox.id, actionTaskReminders.mailId))
      .where(eq(actionTasks.programmeId, programmeId))
      .orderBy(desc(actionTaskReminders.createdAt), asc(actionTaskReminders.agencyId))
      .limit(1000);
    return rows.map(({ r, task, userName, mailStatus }) => ({
      id: r.id,
      agencyId: r.agencyId,
      agencyName: l.dir.displayName(r.agencyId, toVnPlainDate(r.createdAt)),
      subject: `${task} (hạn ${formatVnDate(r.due)})`,
      step: r.step,
      stepLabel: taskStepLabel(r.step),
      recipientName: userName ?? "(tài khoản đã xoá)",
      mailStatus: (mailStatus as SentReminderDto["mailStatus"]) ?? null,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /** "Nhắc ngay": the coordinator runs the reminders of one programme now (still once per task, step and person). */
  async remindNow(ctx: RequestContext, programmeId: string): Promise<{ sent: number }> {
    const l = await this.load(ctx, programmeId);
    this.assertCoordinator(l, ctx, "gửi nhắc việc");
    const sent = await this.runReminders(ctx.now, `manual:${requireActor(ctx).username}`, programmeId);
    await this.db.transaction(async (tx) =>
      this.deps.audit.record(tx, ctx, { action: "action-programme.remind", entityType: "action_programme", entityId: programmeId, summary: `Gửi nhắc việc chương trình "${l.programme.title}": ${sent.length} lượt nhắc` }),
    );
    return { sent: sent.length };
  }
}

