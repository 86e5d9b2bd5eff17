/**
 * The submission workflow of assignments: read the state with the buttons the user may press, take one step
 * (submit, return-internal, send, declare, undeclare, accept, return, reopen), and "gửi tất cả" for an agency's
 * leader. Every step writes the assignment, an assignment_events row, the audit entry and the notifications in one
 * transaction, with the assignment row locked (so a step cannot interleave with a content save or another step).
 * The rules themselves are the pure state machine in workflow-machine.ts.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import {
  ASSIGNMENT_STATE_LABELS,
  DECLARATION_LABELS,
  WORKFLOW_EVENT_LABELS,
  type AssignmentKind,
  type AssignmentProgressDto,
  type AssignmentState,
  type AssignmentWorkflowDto,
  type Declaration,
  type SendAllItemDto,
  type SendAllPreviewDto,
  type SendAllResultDto,
  type WorkflowAction,
  type WorkflowRequest,
} from "@tonghop/contracts";
import { formatVnDate, toVnPlainDate, vnHolidayCalendar, workingDaysBetween, type HolidayCalendar } from "@tonghop/domain";
import { requireActor, type Actor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { appendices, assignmentEvents, assignments, campaignMilestones, campaigns, outlineItems, sections, users } from "../../db/schema/index.js";
import { reads } from "../../db/reads.js";
import { AppError, forbidden, notFound } from "../../http/errors.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import type { Directory } from "../agencies/directory.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import {
  assignmentCampaignFields,
  editRefusal,
  effectiveDueDate,
  isCampaignCoordinator,
  isOverdue,
  loadAssignment,
  loadAssignmentForView,
  viewRefusal,
  type LoadedAssignment,
} from "./assignment-access.js";
import { OutlineTree, type OutlineNode } from "./sections-outline.js";
import { allowedActions, planTransition, type TransitionPlan, type WorkflowActorFacts } from "./workflow-machine.js";

/** What blocks sending an assignment (problems) and what merely deserves a look (warnings). */
export interface SendCheckResult {
  problems: string[];
  warnings: string[];
}

/**
 * A completeness check run before an assignment is sent (inside the sending transaction). Registered per kind:
 * the outline check is built in; the figures workspace registers its own for "indicators" and "records".
 */
export type SendCheck = (db: Db, assignment: LoadedAssignment, cache: SendCheckCache) => Promise<SendCheckResult>;

/** Shared by the checks of one "send" or "send all" call (e.g. the outline tree, loaded once). */
export type SendCheckCache = Map<string, unknown>;

/** Progress of one assignment for the task list (null when it cannot be computed). */
export interface ProgressResult {
  done: number;
  total: number;
  unit: string;
  missing: string[];
}

/**
 * Computes the progress of assignments of one kind for the signed-in user (registered per kind: the outline one is
 * built in; the figures workspace's are wired in the container).
 */
export type ProgressProvider = (ctx: RequestContext, assignment: LoadedAssignment) => Promise<ProgressResult | null>;

const MISSING_SHOWN = 3;

/** Long outline titles cut for lists. */
const clip = (s: string, max = 80) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

export interface WorkflowServiceDeps {
  db: Db;
  audit: AuditRepository;
  agencies: AgenciesService;
  notifications: NotificationsService;
}

const AGENCY_ROLES = ["officer", "leader"] as const;
const COORDINATOR_ROLES = ["coordinator", "coordinator_leader"] as const;

let calendar: HolidayCalendar | null = null;
const holidays = () => (calendar ??= vnHolidayCalendar());

/** Working days from `today` to `due` (negative when past), holidays and weekends excluded. */
export function workingDaysLeft(today: string, due: string | null): number | null {
  if (!due) return null;
  return today <= due ? workingDaysBetween(today, due, holidays()) : -workingDaysBetween(due, today, holidays());
}

export function actorFacts(actor: Actor, a: LoadedAssignment): WorkflowActorFacts {
  const own = actor.agencyId === a.agencyId;
  return {
    agencyOfficer: own && actor.roles.includes("officer"),
    agencyLeader: own && actor.roles.includes("leader"),
    coordinator: isCampaignCoordinator(actor, a.campaign),
  };
}

/** The page of the assignment in the web app (coordinators get the agency in the query). */
export function assignmentLink(a: Pick<LoadedAssignment, "campaignId" | "kind" | "outlineItemId" | "appendixId" | "agencyId">, forCoordinator = false): string {
  if (a.kind === "outline" && a.outlineItemId) return `/dot/${a.campaignId}/muc/${a.outlineItemId}${forCoordinator ? `?agency=${a.agencyId}` : ""}`;
  const page = a.kind === "records" ? "danh-sach" : "phu-luc";
  return `/dot/${a.campaignId}/${page}/${a.appendixId}${forCoordinator ? `?don-vi=${a.agencyId}` : ""}`;
}

const CODE_FOR = { FORBIDDEN: "FORBIDDEN", CONFLICT: "CONFLICT", VALIDATION: "VALIDATION" } as const;

export class WorkflowService {
  private readonly sendChecks = new Map<AssignmentKind, SendCheck>();
  private readonly progressProviders = new Map<AssignmentKind, ProgressProvider>();

  constructor(private readonly deps: WorkflowServiceDeps) {
    this.sendChecks.set("outline", (db, a, cache) => this.outlineCheck(db, a, cache));
  }

  /** Registers how the task list computes the progress of assignments of `kind`. */
  registerProgress(kind: AssignmentKind, provider: ProgressProvider): void {
    this.progressProviders.set(kind, provider);
  }

  /** Registers the completeness check run before sending assignments of `kind` (replaces a previous one). */
  registerSendCheck(kind: AssignmentKind, check: SendCheck): void {
    this.sendChecks.set(kind, check);
  }

  // ------------------------------------------------------------------------------------------- reading

  async get(ctx: RequestContext, assignmentId: string): Promise<AssignmentWorkflowDto> {
    const a = await loadAssignmentForView(this.deps.db, ctx, assignmentId);
    return this.summary(this.deps.db, ctx, a);
  }

  /** The workflow view of a loaded assignment for the signed-in user (no access check: the caller did it). */
  async summary(db: Db, ctx: RequestContext, a: LoadedAssignment, dir?: Directory): Promise<AssignmentWorkflowDto> {
    const actor = requireActor(ctx);
    const directory = dir ?? (await this.deps.agencies.directory(db));
    const today = toVnPlainDate(ctx.now);
    const [title, milestone, events, changedBy] = await reads(db, [
      () => this.titleOf(db, a),
      () => a.milestoneId
        ? db
            .select({ wording: campaignMilestones.wording })
            .from(campaignMilestones)
            .where(eq(campaignMilestones.id, a.milestoneId))
            .then((r) => r[0])
        : Promise.resolve(undefined),
      () => db
        .select({ e: assignmentEvents, actorName: users.fullName })
        .from(assignmentEvents)
        .leftJoin(users, eq(users.id, assignmentEvents.actorUserId))
        .where(eq(assignmentEvents.assignmentId, a.id))
        .orderBy(desc(assignmentEvents.at), desc(assignmentEvents.id))
        .limit(100),
      () => a.stateChangedBy
        ? db
            .select({ name: users.fullName })
            .from(users)
            .where(eq(users.id, a.stateChangedBy))
            .then((r) => r[0]?.name ?? null)
        : Promise.resolve(null),
    ]);
    const due = effectiveDueDate(a);
    const state = a.state as AssignmentState;
    const refusal = editRefusal(actor, a);
    return {
      id: a.id,
      campaignId: a.campaignId,
      campaignName: a.campaign.name,
      agencyId: a.agencyId,
      agencyName: directory.displayName(a.agencyId, today),
      kind: a.kind as AssignmentKind,
      role: a.role as "lead" | "cooperate",
      title,
      state,
      declaration: (a.declaration as Declaration | null) ?? null,
      declarationReason: a.declarationReason,
      stateReason: a.stateReason,
      stateChangedAt: a.stateChangedAt?.toISOString() ?? null,
      stateChangedByName: changedBy,
      dueDate: due,
      dueWording: a.dueOverride ? null : (milestone?.wording ?? null),
      extended: a.dueOverride != null,
      overdue: isOverdue(a, today),
      workingDaysLeft: state === "sent" || state === "accepted" ? null : workingDaysLeft(today, due),
      sentAt: a.sentAt?.toISOString() ?? null,
      acceptedAt: a.acceptedAt?.toISOString() ?? null,
      version: a.version,
      allowedActions: allowedActions(
        { state, declaration: (a.declaration as Declaration | null) ?? null, campaignStatus: a.campaign.status },
        actorFacts(actor, a),
      ),
      canEdit: refusal == null,
      editRefusal: refusal,
      events: events.map(({ e, actorName }) => ({
        id: e.id,
        at: e.at.toISOString(),
        action: e.action,
        label: WORKFLOW_EVENT_LABELS[e.action as WorkflowAction] ?? e.action,
        fromState: (e.fromState as AssignmentState | null) ?? null,
        toState: (e.toState as AssignmentState | null) ?? null,
        reason: e.reason,
        actorName: actorName ?? null,
      })),
    };
  }

  /** "I.2. Đánh giá…" for an outline item, "Phụ lục 2. …" for an appendix. */
  async titleOf(db: Db, a: Pick<LoadedAssignment, "outlineItemId" | "appendixId" | "campaignId">): Promise<string> {
    if (a.outlineItemId) {
      const tree = await this.outline(db, a.campaignId);
      return tree.describe(a.outlineItemId);
    }
    if (a.appendixId) {
      const [ap] = await db.select({ code: appendices.code, title: appendices.title }).from(appendices).where(eq(appendices.id, a.appendixId));
      return ap ? `Phụ lục ${ap.code}. ${ap.title}` : "Phụ lục";
    }
    return "";
  }

  async outline(db: Db, campaignId: string): Promise<OutlineTree<OutlineNode>> {
    const rows = await db
      .select({
        id: outlineItems.id,
        parentId: outlineItems.parentId,
        sortOrder: outlineItems.sortOrder,
        label: outlineItems.label,
        title: outlineItems.title,
        guidance: outlineItems.guidance,
        pageBudget: outlineItems.pageBudget,
        lead: outlineItems.lead,
        cooperate: outlineItems.cooperate,
      })
      .from(outlineItems)
      .where(eq(outlineItems.campaignId, campaignId))
      .orderBy(asc(outlineItems.sortOrder));
    return new OutlineTree(rows);
  }

  // ------------------------------------------------------------------------------------------- one step

  async transition(ctx: RequestContext, assignmentId: string, req: WorkflowRequest): Promise<AssignmentWorkflowDto> {
    const actor = requireActor(ctx);
    return this.deps.db.transaction(async (tx) => {
      const a = await loadAssignment(tx, assignmentId, { lock: true, ctx });
      const facts = actorFacts(actor, a);
      if (!facts.agencyOfficer && !facts.agencyLeader && !facts.coordinator) {
        const refusal = viewRefusal(actor, a);
        throw forbidden(refusal ?? (actor.roles.includes("viewer") ? "Tài khoản chỉ xem không chuyển trạng thái được." : "Bạn không có quyền thực hiện thao tác này."));
      }
      if (req.version !== undefined && req.version !== a.version) {
        throw new AppError("VERSION_CONFLICT", "Nhiệm vụ vừa được người khác chuyển trạng thái; hãy tải lại để xem trạng thái mới.", {
          version: a.version,
          state: a.state,
        });
      }
      const plan = planTransition(
        { state: a.state as AssignmentState, declaration: (a.declaration as Declaration | null) ?? null, campaignStatus: a.campaign.status },
        facts,
        req,
      );
      if (!plan.ok) throw new AppError(CODE_FOR[plan.code], plan.message, plan.field ? { field: plan.field } : undefined);
      if (plan.to === "sent" && plan.declaration == null) {
        const check = await this.check(tx, a);
        if (check.problems.length) {
          throw new AppError("CONFLICT", `Chưa gửi được: ${check.problems.join(" ")}`, { problems: check.problems });
        }
      }
      await this.apply(tx, ctx, a, plan, plan.action);
      const dir = await this.deps.agencies.directory(tx);
      await this.notify(tx, ctx, a, plan, dir);
      const fresh = await loadAssignment(tx, assignmentId, { ctx });
      return this.summary(tx, ctx, fresh, dir);
    });
  }

  /** Writes one planned step: the assignment, its event and the audit entry. */
  private async apply(tx: Db, ctx: RequestContext, a: LoadedAssignment, plan: TransitionPlan, eventAction: string, knownTitle?: string): Promise<void> {
    const actor = requireActor(ctx);
    const patch: Partial<typeof assignments.$inferInsert> = {
      state: plan.to,
      declaration: plan.declaration,
      stateReason: plan.action === "return" || plan.action === "return-internal" || plan.action === "reopen" ? plan.reason : null,
      stateChangedAt: ctx.now,
      stateChangedBy: actor.userId,
      version: a.version + 1,
      updatedAt: ctx.now,
    };
    if (plan.declarationReason !== undefined) patch.declarationReason = plan.declarationReason;
    if (plan.sent) patch.sentAt = ctx.now;
    if (plan.accepted) patch.acceptedAt = ctx.now;
    if (plan.action === "reopen") patch.acceptedAt = null;
    await tx.update(assignments).set(patch).where(eq(assignments.id, a.id));
    await tx.insert(assignmentEvents).values({
      assignmentId: a.id,
      campaignId: a.campaignId,
      at: ctx.now,
      actorUserId: actor.userId,
      action: eventAction,
      fromState: plan.from,
      toState: plan.to,
      reason: plan.action === "declare" ? `${DECLARATION_LABELS[plan.declaration!]}: ${plan.reason ?? ""}` : plan.reason,
    });
    const title = knownTitle ?? (await this.titleOf(tx, a));
    await this.deps.audit.record(tx, ctx, {
      action: `assignment.${eventAction}`,
      entityType: "assignment",
      entityId: a.id,
      summary: `${WORKFLOW_EVENT_LABELS[eventAction as WorkflowAction] ?? eventAction}: ${title} (${ASSIGNMENT_STATE_LABELS[plan.from]} → ${ASSIGNMENT_STATE_LABELS[plan.to]})`,
      before: { state: a.state, declaration: a.declaration, version: a.version },
      after: { state: plan.to, declaration: plan.declaration, reason: plan.reason, version: a.version + 1 },
    });
  }

  private async notify(tx: Db, ctx: RequestContext, a: LoadedAssignment, plan: TransitionPlan, dir: Directory): Promise<void> {
    const title = await this.titleOf(tx, a);
    const today = toVnPlainDate(ctx.now);
    const agencyName = dir.displayName(a.agencyId, today);
    const actorName = ctx.actor?.fullName ?? "";
    const base = { campaignId: a.campaignId };
    const agencyLink = assignmentLink(a);
    const coordinatorLink = assignmentLink(a, true);
    const reason = plan.reason ? `Lý do: ${plan.reason}` : "";
    const toCoordinators = { agencyIds: a.campaign.coordinatorAgencyIds ?? [a.campaign.coordinatorAgencyId], roles: COORDINATOR_ROLES };
    switch (plan.to) {
      case "submitted":
        await this.deps.notifications.notify(tx, ctx, {
          ...base,
          agencyIds: [a.agencyId],
          roles: ["leader"],
          kind: "assignment.submitted",
          title: plan.declaration ? `Trình lãnh đạo khai báo "${DECLARATION_LABELS[plan.declaration].toLowerCase()}": ${title}` : `Trình lãnh đạo: ${title}`,
          body: `${actorName} trình lãnh đạo duyệt, gửi cơ quan tổng hợp (${a.campaign.name}).${plan.reason ? ` ${plan.reason}` : ""}`,
          link: agencyLink,
        });
        return;
      case "sent":
        await this.deps.notifications.notify(tx, ctx, {
          ...base,
          ...toCoordinators,
          kind: "assignment.sent",
          title: plan.declaration ? `${agencyName} khai báo "${DECLARATION_LABELS[plan.declaration].toLowerCase()}": ${title}` : `${agencyName} đã gửi: ${title}`,
          body: plan.declaration ? `Lý do: ${plan.reason ?? a.declarationReason ?? ""}` : `${a.campaign.name}. Người gửi: ${actorName}.`,
          link: coordinatorLink,
        });
        return;
      case "draft":
        if (plan.action === "return-internal") {
          await this.deps.notifications.notify(tx, ctx, {
            ...base,
            agencyIds: [a.agencyId],
            roles: ["officer"],
            kind: "assignment.returned-internal",
            title: `Lãnh đạo trả lại: ${title}`,
            body: reason,
            link: agencyLink,
          });
        }
        return;
      case "returned":
        await this.deps.notifications.notify(tx, ctx, {
          ...base,
          agencyIds: [a.agencyId],
          roles: AGENCY_ROLES,
          kind: plan.action === "reopen" ? "assignment.reopened" : "assignment.returned",
          title: `${plan.action === "reopen" ? "Cơ quan tổng hợp mở lại" : "Cơ quan tổng hợp trả lại"}: ${title}`,
          body: reason,
          link: agencyLink,
        });
        return;
      case "accepted":
        await this.deps.notifications.notify(tx, ctx, {
          ...base,
          agencyIds: [a.agencyId],
          roles: AGENCY_ROLES,
          kind: "assignment.accepted",
          title: `Cơ quan tổng hợp đã tiếp nhận: ${title}`,
          body: a.campaign.name,
          link: agencyLink,
        });
        return;
    }
  }

  // ------------------------------------------------------------------------------------------- progress

  /**
   * For "Việc của đơn vị": what is done and missing in each of the user's agency assignments in published campaigns
   * (optionally one campaign), with working days left. Agency users only; others get an empty list.
   */
  async progress(ctx: RequestContext, campaignId?: string): Promise<AssignmentProgressDto[]> {
    const actor = requireActor(ctx);
    if (!actor.roles.includes("officer") && !actor.roles.includes("leader")) return [];
    const db = this.deps.db;
    const conds = [eq(assignments.agencyId, actor.agencyId), eq(campaigns.status, "published")];
    if (campaignId) conds.push(eq(assignments.campaignId, campaignId));
    const rows = await db
      .select({ a: assignments, campaign: assignmentCampaignFields })
      .from(assignments)
      .innerJoin(campaigns, eq(campaigns.id, assignments.campaignId))
      .where(and(...conds));
    const today = toVnPlainDate(ctx.now);
    const cache: SendCheckCache = new Map();
    const out: AssignmentProgressDto[] = [];
    for (const { a: row, campaign } of rows) {
      const a: LoadedAssignment = { ...row, campaign };
      const state = a.state as AssignmentState;
      let result: ProgressResult | null = null;
      if (a.kind === "outline") result = await this.outlineProgress(db, a, cache);
      else {
        const provider = this.progressProviders.get(a.kind as AssignmentKind);
        try {
          result = provider ? await provider(ctx, a) : null;
        } catch {
          result = null;
        }
      }
      const done = state === "sent" || state === "accepted";
      const missing = done || a.declaration ? [] : (result?.missing ?? []);
      const plan = planTransition({ state, declaration: (a.declaration as Declaration | null) ?? null, campaignStatus: campaign.status }, actorFacts(actor, a), { action: "send" });
      out.push({
        assignmentId: a.id,
        done: result?.done ?? 0,
        total: result?.total ?? 0,
        unit: result?.unit ?? "",
        missing: missing.slice(0, MISSING_SHOWN),
        more: Math.max(0, missing.length - MISSING_SHOWN),
        workingDaysLeft: done ? null : workingDaysLeft(today, effectiveDueDate(a)),
        overdue: isOverdue(a, today),
        canSend: plan.ok,
      });
    }
    return out;
  }

  private async outlineProgress(db: Db, a: LoadedAssignment, cache: SendCheckCache): Promise<ProgressResult> {
    const tree = await this.cachedOutline(db, a.campaignId, cache);
    const covered = a.outlineItemId ? tree.covered(a.outlineItemId) : [];
    const words = await this.cachedWords(db, a, cache);
    const empty = covered.filter((c) => !(words.get(c.node.id) ?? 0));
    return {
      done: covered.length - empty.length,
      total: covered.length,
      unit: "mục",
      missing: empty.map((c) => `Chưa viết: ${clip(`${c.node.label} ${c.node.title}`)}`),
    };
  }

  private async cachedWords(db: Db, a: LoadedAssignment, cache: SendCheckCache): Promise<Map<string, number>> {
    const key = `words:${a.campaignId}:${a.agencyId}`;
    let words = cache.get(key) as Map<string, number> | undefined;
    if (!words) {
      const rows = await db
        .select({ itemId: sections.outlineItemId, words: sections.wordCount })
        .from(sections)
        .where(and(eq(sections.campaignId, a.campaignId), eq(sections.agencyId, a.agencyId)));
      words = new Map(rows.map((r) => [r.itemId, r.words]));
      cache.set(key, words);
    }
    return words;
  }

  // ------------------------------------------------------------------------------------------- checks

  private async check(db: Db, a: LoadedAssignment, cache: SendCheckCache = new Map()): Promise<SendCheckResult> {
    const check = this.sendChecks.get(a.kind as AssignmentKind);
    return check ? check(db, a, cache) : { problems: [], warnings: [] };
  }

  private async cachedOutline(db: Db, campaignId: string, cache: SendCheckCache): Promise<OutlineTree> {
    const key = `outline:${campaignId}`;
    const hit = cache.get(key) as OutlineTree | undefined;
    if (hit) return hit;
    const tree = await this.outline(db, campaignId);
    cache.set(key, tree);
    return tree;
  }

  /** Nothing written at all blocks sending (write it or declare); empty sub-items are only warnings. */
  private async outlineCheck(db: Db, a: LoadedAssignment, cache: SendCheckCache): Promise<SendCheckResult> {
    if (!a.outlineItemId) return { problems: [], warnings: [] };
    const tree = await this.cachedOutline(db, a.campaignId, cache);
    const covered = tree.covered(a.outlineItemId);
    const words = await this.cachedWords(db, a, cache);
    const empty = covered.filter((c) => !(words.get(c.node.id) ?? 0));
    if (empty.length === covered.length) {
      return {
        problems: ['Chưa viết nội dung nào. Hãy viết nội dung hoặc khai báo "không có số liệu"/"không thuộc phạm vi".'],
        warnings: [],
      };
    }
    return { problems: [], warnings: empty.map((c) => `Mục ${clip(`${c.node.label} ${c.node.title}`)} chưa có nội dung.`) };
  }

  // ------------------------------------------------------------------------------------------- send all

  private async sendAllCandidates(db: Db, ctx: RequestContext, campaignId: string, agencyId: string | undefined) {
    const actor = requireActor(ctx);
    const agency = agencyId ?? actor.agencyId;
    const [campaign] = await db.select({ id: campaigns.id, status: campaigns.status }).from(campaigns).where(eq(campaigns.id, campaignId));
    if (!campaign) throw notFound("đợt tổng hợp");
    if (agency !== actor.agencyId || !actor.roles.includes("leader")) throw forbidden("Chỉ lãnh đạo đơn vị được gửi báo cáo.");
    if (campaign.status !== "published") throw new AppError("CONFLICT", campaign.status === "closed" ? "Đợt tổng hợp đã kết thúc." : "Đợt tổng hợp chưa được ban hành.");
    const rows = await db
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.campaignId, campaignId), eq(assignments.agencyId, agency)));
    if (!rows.length) throw notFound("nhiệm vụ của đơn vị trong đợt này");
    return rows.map((r) => r.id);
  }

  private async classify(db: Db, ctx: RequestContext, campaignId: string, ids: string[], lock: boolean) {
    const actor = requireActor(ctx);
    const ready: Array<{ a: LoadedAssignment; item: SendAllItemDto }> = [];
    const blocked: SendAllItemDto[] = [];
    let done = 0;
    // One campaign, one outline, one set of appendices for all of them; rows locked in a stable order (by id) so
    // that concurrent "send all" calls cannot deadlock.
    const first = await loadAssignment(db, ids[0]!, { ctx });
    const query = db.select().from(assignments).where(inArray(assignments.id, ids)).orderBy(asc(assignments.id));
    const rows = lock ? await query.for("update") : await query;
    const cache: SendCheckCache = new Map();
    const tree = await this.cachedOutline(db, campaignId, cache);
    const appendixTitles = new Map(
      (await db.select({ id: appendices.id, code: appendices.code, title: appendices.title }).from(appendices).where(eq(appendices.campaignId, campaignId))).map(
        (ap) => [ap.id, `Phụ lục ${ap.code}. ${ap.title}`],
      ),
    );
    for (const row of rows) {
      const a: LoadedAssignment = { ...row, campaign: first.campaign };
      const state = a.state as AssignmentState;
      if (state === "sent" || state === "accepted") {
        done += 1;
        continue;
      }
      const title = a.outlineItemId ? tree.describe(a.outlineItemId) : (appendixTitles.get(a.appendixId ?? "") ?? "Phụ lục");
      const item: SendAllItemDto = { assignmentId: a.id, title, kind: a.kind as AssignmentKind, state, problems: [], warnings: [] };
      const plan = planTransition(
        { state, declaration: (a.declaration as Declaration | null) ?? null, campaignStatus: a.campaign.status },
        actorFacts(actor, a),
        { action: "send" },
      );
      if (!plan.ok) item.problems.push(plan.message);
      else if (a.declaration == null) {
        const check = await this.check(db, a, cache);
        item.problems.push(...check.problems);
        item.warnings.push(...check.warnings);
      }
      if (item.problems.length) blocked.push(item);
      else ready.push({ a, item });
    }
    const order = (x: SendAllItemDto, y: SendAllItemDto) => x.kind.localeCompare(y.kind) || x.title.localeCompare(y.title, "vi");
    return { ready: ready.sort((x, y) => order(x.item, y.item)), blocked: blocked.sort(order), done };
  }

  /** What "gửi tất cả" would send and what blocks it, for the agency's leader. */
  async sendAllPreview(ctx: RequestContext, campaignId: string, agencyId?: string): Promise<SendAllPreviewDto> {
    const actor = requireActor(ctx);
    const ids = await this.sendAllCandidates(this.deps.db, ctx, campaignId, agencyId);
    const { ready, blocked, done } = await this.classify(this.deps.db, ctx, campaignId, ids, false);
    return { campaignId, agencyId: agencyId ?? actor.agencyId, ready: ready.map((r) => r.item), blocked, done };
  }

  /**
   * Sends every draft, submitted and returned assignment of the leader's agency in the campaign, in one
   * transaction. If any of them cannot be sent, nothing is sent and the refusal lists what blocks.
   */
  async sendAll(ctx: RequestContext, campaignId: string, agencyId?: string): Promise<SendAllResultDto> {
    return this.deps.db.transaction(async (tx) => {
      const ids = await this.sendAllCandidates(tx, ctx, campaignId, agencyId);
      const { ready, blocked } = await this.classify(tx, ctx, campaignId, ids, true);
      if (blocked.length) {
        const list = blocked.map((b) => `${b.title}: ${b.problems.join(" ")}`).join("; ");
        throw new AppError("CONFLICT", `Chưa gửi được vì ${blocked.length} nhiệm vụ chưa đủ điều kiện — ${list}`, { blocked });
      }
      if (!ready.length) throw new AppError("CONFLICT", "Không còn nhiệm vụ nào để gửi: tất cả đã được gửi hoặc tiếp nhận.");
      for (const { a, item } of ready) {
        const plan = planTransition(
          { state: a.state as AssignmentState, declaration: (a.declaration as Declaration | null) ?? null, campaignStatus: a.campaign.status },
          actorFacts(requireActor(ctx), a),
          { action: "send" },
        );
        if (!plan.ok) throw new AppError(CODE_FOR[plan.code], plan.message);
        await this.apply(tx, ctx, a, plan, "send-all", item.title);
      }
      const first = ready[0]!.a;
      const dir = await this.deps.agencies.directory(tx);
      const agencyName = dir.displayName(first.agencyId, toVnPlainDate(ctx.now));
      await this.deps.notifications.notify(tx, ctx, {
        campaignId,
        agencyIds: first.campaign.coordinatorAgencyIds ?? [first.campaign.coordinatorAgencyId],
        roles: COORDINATOR_ROLES,
        kind: "assignment.sent",
        title: `${agencyName} đã gửi ${ready.length} nhiệm vụ`,
        body: `${first.campaign.name}: ${ready.map((r) => r.item.title).join("; ")}. Ngày gửi ${formatVnDate(toVnPlainDate(ctx.now))}.`,
        link: ready.length === 1 ? assignmentLink(first, true) : `/dot-tong-hop/${campaignId}`,
      });
      return { sent: ready.map((r) => ({ assignmentId: r.a.id, title: r.item.title })) };
    });
  }
}
