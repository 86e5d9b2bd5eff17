// Comment rounds on a compiled draft and the "tiếp thu, giải trình" of each comment.
//
// Access
//   coordinator roles of the campaign's coordinator agency (or its successor)   open/close rounds, comment for
//                                                                              external bodies, re-route, override,
//                                                                              see everything, download the table
//   officers/leaders of an agency asked in the round                          comment for their agency, see the round
//   officers/leaders of the agency a comment is routed to (or its successor)  answer it, see the round
//   admin, viewer                                                             read
// Everyone else: 403.

import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type {
  AnswerCommentRequest,
  CommentDto,
  CommentInboxItemDto,
  CommentListQuery,
  CommentRoundDto,
  OpenRoundRequest,
  RerouteCommentRequest,
  ReviewerDto,
  RoundDocumentDto,
  SentReminderDto,
} from "@tonghop/contracts";
import { ANSWER_KIND_LABELS, createCommentRequestSchema, openRoundRequestSchema, type AnswerKind, type TemplateReport } from "@tonghop/contracts";
import { addDays, formatVnDate, toVnPlainDate } from "@tonghop/domain";
import { hasRole, requireActor, type Actor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { campaigns, commentReminders, commentReviewers, commentRounds, comments, compileDrafts, mailOutbox, sections, appendixRows, outlineItems, users } from "../../db/schema/index.js";
import { AppError, badRequest, forbidden, notFound } from "../../http/errors.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import type { Directory } from "../agencies/directory.js";
import { isCoordinatorOf } from "../campaigns/campaign-access.js";
import { snapshotOf, type CompileSnapshot } from "../compile/compile-report.js";
import { buildReportModel } from "../compile/report-model.js";
import type { HolidaysService } from "../holidays/holidays.service.js";
import type { OutboxService } from "../mail/outbox.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { commentStepLabel, runCommentReminders, type SentCommentReminder } from "./comment-reminders.js";
import { currentAgency, routeComment } from "./comment-routing.js";
import { renderCommentTableDocx, renderCommentTableXlsx, tableRows } from "./comment-table.js";
import { contentDisposition } from "../compile/compile.service.js";
import { buildRoundDocument, comparable, resolveAnchor } from "./round-document.js";

type RoundRow = typeof commentRounds.$inferSelect;
type CommentRow = typeof comments.$inferSelect;
type CampaignRow = typeof campaigns.$inferSelect;
type ReviewerRow = typeof commentReviewers.$inferSelect;

export interface CommentsDeps {
  db: Db;
  audit: AuditRepository;
  agencies: AgenciesService;
  notifications: NotificationsService;
  outbox: OutboxService;
  holidays: HolidaysService;
  publicUrl: string;
}

export interface LoadedRound {
  round: RoundRow;
  campaign: CampaignRow;
  reviewers: ReviewerRow[];
  dir: Directory;
  coordinator: boolean;
}

const AGENCY_ROLES = ["officer", "leader"] as const;

/** Users of the agency that carries `agencyId`'s work today may act for it. */
function speaksFor(dir: Directory, actor: Actor, agencyId: string, today: string): boolean {
  if (!hasRole(actor, ...AGENCY_ROLES)) return false;
  return actor.agencyId === agencyId || currentAgency(dir, agencyId, today) === actor.agencyId;
}

export class CommentsService {
  constructor(private readonly deps: CommentsDeps) {}

  private get db(): Db {
    return this.deps.db;
  }

  // ------------------------------------------------------------------------------------------------ loading, access

  async loadRound(ctx: RequestContext, roundId: string, db: Db = this.db): Promise<LoadedRound> {
    const actor = requireActor(ctx);
    const [round] = await db.select().from(commentRounds).where(eq(commentRounds.id, roundId));
    if (!round) throw notFound("đợt lấy ý kiến");
    const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, round.campaignId));
    if (!campaign) throw notFound("đợt tổng hợp");
    const dir = await this.deps.agencies.directory(db);
    const reviewers = await db.select().from(commentReviewers).where(eq(commentReviewers.roundId, round.id)).orderBy(asc(commentReviewers.createdAt));
    const coordinator = isCoordinatorOf(dir, ctx, campaign.coordinatorAgencyId);
    const loaded = { round, campaign, reviewers, dir, coordinator };
    if (coordinator || hasRole(actor, "admin", "viewer")) return loaded;
    const today = toVnPlainDate(ctx.now);
    if (reviewers.some((r) => r.agencyId && speaksFor(dir, actor, r.agencyId, today))) return loaded;
    const routed = await db.selectDistinct({ a: comments.routedAgencyId }).from(comments).where(eq(comments.roundId, round.id));
    if (routed.some((r) => speaksFor(dir, actor, r.a, today))) return loaded;
    throw forbidden("Cơ quan của bạn không được lấy ý kiến và không có ý kiến nào cần xử lý trong đợt này.");
  }

  private assertCoordinator(l: Pick<LoadedRound, "coordinator" | "campaign" | "dir">, ctx: RequestContext, what: string): void {
    if (!l.coordinator) throw forbidden(`Chỉ cơ quan tổng hợp (${l.dir.displayName(l.campaign.coordinatorAgencyId, toVnPlainDate(ctx.now))}) được ${what}.`);
  }

  private reviewerDto(dir: Directory, r: ReviewerRow, date: string): ReviewerDto {
    return { id: r.id, agencyId: r.agencyId, name: r.agencyId ? dir.displayName(r.agencyId, date) : (r.externalName ?? ""), external: r.agencyId === null };
  }

  /** The reviewers the actor may comment for: its own agency's; every external body for a coordinator. */
  private commentAs(l: LoadedRound, ctx: RequestContext): ReviewerRow[] {
    const actor = requireActor(ctx);
    const today = toVnPlainDate(ctx.now);
    return l.reviewers.filter((r) => (r.agencyId ? speaksFor(l.dir, actor, r.agencyId, today) : l.coordinator));
  }

  private async toRoundDto(l: LoadedRound, ctx: RequestContext): Promise<CommentRoundDto> {
    const [draft] = await this.db.select({ label: compileDrafts.label }).from(compileDrafts).where(eq(compileDrafts.id, l.round.draftId));
    const [counts] = await this.db
      .select({ total: sql<number>`count(*)::int`, answered: sql<number>`count(${comments.answerKind})::int` })
      .from(comments)
      .where(eq(comments.roundId, l.round.id));
    const today = toVnPlainDate(ctx.now);
    const total = Number(counts?.total ?? 0);
    const answered = Number(counts?.answered ?? 0);
    return {
      id: l.round.id,
      campaignId: l.campaign.id,
      campaignName: l.campaign.name,
      draftId: l.round.draftId,
      draftLabel: draft?.label ?? "",
      title: l.round.title,
      deadline: l.round.deadline,
      answerDeadline: l.round.answerDeadline,
      status: l.round.status as "open" | "closed",
      reviewers: l.reviewers.map((r) => this.reviewerDto(l.dir, r, today)),
      counts: { total, answered, pending: total - answered },
      createdByName: l.round.createdByName,
      createdAt: l.round.createdAt.toISOString(),
      canManage: l.coordinator,
      commentAs: l.round.status === "open" && today <= l.round.deadline ? this.commentAs(l, ctx).map((r) => this.reviewerDto(l.dir, r, today)) : [],
    };
  }

  // ------------------------------------------------------------------------------------------------ rounds

  async openRound(ctx: RequestContext, campaignId: string, input: OpenRoundRequest): Promise<CommentRoundDto> {
    const actor = requireActor(ctx);
    const req = openRoundRequestSchema.parse(input);
    const [campaign] = await this.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
    if (!campaign) throw notFound("đợt tổng hợp");
    const dir = await this.deps.agencies.directory();
    const today = toVnPlainDate(ctx.now);
    this.assertCoordinator({ coordinator: isCoordinatorOf(dir, ctx, campaign.coordinatorAgencyId), campaign, dir }, ctx, "mở đợt lấy ý kiến");
    const [draft] = await this.db.select({ id: compileDrafts.id, label: compileDrafts.label, scope: compileDrafts.scope }).from(compileDrafts).where(and(eq(compileDrafts.id, req.draftId), eq(compileDrafts.campaignId, campaignId)));
    if (!draft) throw badRequest("Bản dự thảo được chọn không thuộc đợt tổng hợp này.", { field: "draftId" });
    if (draft.scope === "agency") throw badRequest("Chỉ lấy ý kiến trên dự thảo toàn văn hoặc một phần của báo cáo, không trên phần riêng của một cơ quan.", { field: "draftId" });
    if (req.deadline < today) throw badRequest(`Hạn góp ý ${formatVnDate(req.deadline)} đã qua.`, { field: "deadline" });
    const answerDeadline = req.answerDeadline ?? addDays(req.deadline, 5);
    if (answerDeadline < req.deadline) throw badRequest("Hạn trả lời phải từ hạn góp ý trở đi.", { field: "answerDeadline" });
    const agencyIds = [...new Set(req.agencyIds)];
    agencyIds.forEach((id, i) => {
      const a = dir.agency(id);
      if (!a) throw badRequest(`Cơ quan thứ ${i + 1} không có trong danh bạ.`, { field: `agencyIds.${i}` });
      if (!dir.isActive(a, today)) throw badRequest(`${dir.displayName(id, today)} không còn hoạt động.`, { field: `agencyIds.${i}` });
    });
    const externals = [...new Set(req.externalNames.map((n) => n.trim()))];
    const roundId = await this.db.transaction(async (tx) => {
      const [round] = await tx
        .insert(commentRounds)
        .values({ campaignId, draftId: draft.id, title: req.title, deadline: req.deadline, answerDeadline, createdBy: actor.userId, createdByName: actor.fullName, createdAt: ctx.now })
        .returning();
      const rows = [...agencyIds.map((agencyId) => ({ roundId: round!.id, agencyId, externalName: null })), ...externals.map((externalName) => ({ roundId: round!.id, agencyId: null, externalName }))];
      await tx.insert(commentReviewers).values(rows);
      await this.deps.audit.record(tx, ctx, {
        action: "comment-round.open",
        entityType: "comment_round",
        entityId: round!.id,
        summary: `Mở đợt lấy ý kiến "${req.title}" trên ${draft.label} (hạn ${formatVnDate(req.deadline)}; ${rows.length} cơ quan, tổ chức)`,
        after: { draftId: draft.id, deadline: req.deadline, answerDeadline, agencyIds, externals },
      });
      if (agencyIds.length) {
        await this.deps.notifications.notify(tx, ctx, {
          agencyIds,
          roles: [...AGENCY_ROLES],
          kind: "comments.round",
          title: `Đề nghị góp ý: ${req.title}`,
          body: `${campaign.name}\n${draft.label}\nHạn góp ý: ${formatVnDate(req.deadline)}.`,
          link: `/gop-y/${round!.id}`,
          campaignId,
        });
      }
      return round!.id;
    });
    return this.round(ctx, roundId);
  }

  async round(ctx: RequestContext, roundId: string): Promise<CommentRoundDto> {
    return this.toRoundDto(await this.loadRound(ctx, roundId), ctx);
  }

  /** Rounds the actor may see, newest first (optionally of one campaign). */
  async listRounds(ctx: RequestContext, campaignId?: string): Promise<CommentRoundDto[]> {
    requireActor(ctx);
    const rows = await this.db
      .select({ id: commentRounds.id })
      .from(commentRounds)
      .where(campaignId ? eq(commentRounds.campaignId, campaignId) : undefined)
      .orderBy(desc(commentRounds.createdAt));
    const out: CommentRoundDto[] = [];
    for (const r of rows) {
      try {
        out.push(await this.round(ctx, r.id));
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== "FORBIDDEN") throw e;
      }
    }
    return out;
  }

  async closeRound(ctx: RequestContext, roundId: string): Promise<CommentRoundDto> {
    const l = await this.loadRound(ctx, roundId);
    this.assertCoordinator(l, ctx, "kết thúc đợt lấy ý kiến");
    if (l.round.status === "closed") return this.toRoundDto(l, ctx);
    const list = await this.db.select({ agencyId: comments.routedAgencyId, answered: comments.answerKind }).from(comments).where(eq(comments.roundId, roundId));
    const answered = list.filter((c) => c.answered !== null).length;
    const asked = l.reviewers.flatMap((r) => (r.agencyId ? [r.agencyId] : []));
    await this.db.transaction(async (tx) => {
      await tx.update(commentRounds).set({ status: "closed", closedAt: ctx.now }).where(eq(commentRounds.id, roundId));
      await this.deps.audit.record(tx, ctx, {
        action: "comment-round.close",
        entityType: "comment_round",
        entityId: roundId,
        summary: `Kết thúc đợt lấy ý kiến "${l.round.title}" (${list.length} ý kiến, ${answered} đã xử lý)`,
      });
      // Everyone asked for comments and every agency that had comments to answer learns that the round is over.
      const agencyIds = [...new Set([...asked, ...list.map((c) => c.agencyId)])];
      if (agencyIds.length) {
        await this.deps.notifications.notify(tx, ctx, {
          agencyIds,
          roles: [...AGENCY_ROLES],
          kind: "comments.round-closed",
          title: `Đã kết thúc lấy ý kiến: ${l.round.title}`,
          body: `${l.campaign.name}\n${list.length} ý kiến, ${answered} đã được tiếp thu, giải trình.${list.length > answered ? ` ${list.length - answered} ý kiến chưa trả lời do cơ quan chủ trì tổng hợp xử lý.` : ""}`,
          link: `/gop-y/${roundId}`,
          campaignId: l.campaign.id,
        });
      }
    });
    return this.round(ctx, roundId);
  }

  /** The reminders about unanswered comments that went out in the round, newest first (the coordinator's record). */
  async sentReminders(ctx: RequestContext, roundId: string): Promise<SentReminderDto[]> {
    const l = await this.loadRound(ctx, roundId);
    this.assertCoordinator(l, ctx, "xem các lần nhắc trả lời ý kiến");
    const rows = await this.db
      .select({ r: commentReminders, userName: users.fullName, mailStatus: mailOutbox.status })
      .from(commentReminders)
      .leftJoin(users, eq(users.id, commentReminders.recipientUserId))
      .leftJoin(mailOutbox, eq(mailOutbox.id, commentReminders.mailId))
      .where(eq(commentReminders.roundId, roundId))
      .orderBy(desc(commentReminders.createdAt), asc(commentReminders.agencyId))
      .limit(1000);
    return rows.map(({ r, userName, mailStatus }) => ({
      id: r.id,
      agencyId: r.agencyId,
      agencyName: l.dir.displayName(r.agencyId, toVnPlainDate(r.createdAt)),
      subject: `${r.pending} ý kiến chưa tiếp thu, giải trình`,
      step: r.step,
      stepLabel: commentStepLabel(r.step),
      recipientName: userName ?? "(tài khoản đã xoá)",
      mailStatus: (mailStatus as SentReminderDto["mailStatus"]) ?? null,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async document(ctx: RequestContext, roundId: string): Promise<RoundDocumentDto> {
    const l = await this.loadRound(ctx, roundId);
    return this.documentOf(l);
  }

  private async documentOf(l: LoadedRound): Promise<RoundDocumentDto> {
    const [draft] = await this.db.select({ snapshot: compileDrafts.snapshot }).from(compileDrafts).where(eq(compileDrafts.id, l.round.draftId));
    if (!draft) throw notFound("bản dự thảo");
    return buildRoundDocument(this.db, l.campaign.id, draft.snapshot as CompileSnapshot);
  }

  // ------------------------------------------------------------------------------------------------ comments

  async addComment(ctx: RequestContext, roundId: string, input: unknown): Promise<CommentDto> {
    const actor = requireActor(ctx);
    const req = createCommentRequestSchema.parse(input);
    const l = await this.loadRound(ctx, roundId);
    const today = toVnPlainDate(ctx.now);
    if (l.round.status !== "open") throw new AppError("CONFLICT", `Đợt lấy ý kiến "${l.round.title}" đã kết thúc.`);
    if (today > l.round.deadline) throw new AppError("CONFLICT", `Đã hết hạn góp ý (${formatVnDate(l.round.deadline)}).`);
    const mine = this.commentAs(l, ctx);
    const reviewer = req.reviewerId ? mine.find((r) => r.id === req.reviewerId) : mine.find((r) => r.agencyId !== null) ?? (mine.length === 1 ? mine[0] : undefined);
    if (!reviewer) {
      if (req.reviewerId && l.reviewers.some((r) => r.id === req.reviewerId)) throw forbidden("Bạn không được góp ý thay cho cơ quan, tổ chức này.");
      if (req.reviewerId) throw badRequest("Cơ quan, tổ chức góp ý không thuộc đợt lấy ý kiến này.", { field: "reviewerId" });
      throw forbidden(mine.length > 1 ? "Hãy chọn cơ quan, tổ chức góp ý (reviewerId)." : "Cơ quan của bạn không được lấy ý kiến trong đợt này.");
    }
    const doc = await this.documentOf(l);
    const anchor = resolveAnchor(doc, req.anchor);
    const routedAgencyId = await routeComment(this.db, l.dir, l.campaign, anchor, ctx.now);
    const reviewerName = this.reviewerDto(l.dir, reviewer, today).name;
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(comments)
        .values({ roundId, campaignId: l.campaign.id, reviewerId: reviewer.id, authorId: actor.userId, authorName: actor.fullName, ...anchor, body: req.body, routedAgencyId, createdAt: ctx.now, updatedAt: ctx.now })
        .returning({ id: comments.id });
      await this.deps.audit.record(tx, ctx, {
        action: "comment.create",
        entityType: "comment",
        entityId: row!.id,
        summary: `Góp ý của ${reviewerName} tại ${anchor.location} — chuyển ${l.dir.displayName(routedAgencyId, today)} xử lý`,
        after: { body: req.body, quote: anchor.quote, routedAgencyId },
      });
      await this.deps.notifications.notify(tx, ctx, {
        agencyIds: [routedAgencyId],
        roles: [...AGENCY_ROLES],
        kind: "comments.routed",
        title: `Ý kiến cần xử lý: ${anchor.location}`.slice(0, 300),
        body: `${reviewerName}: ${req.body}\nHạn trả lời: ${formatVnDate(l.round.answerDeadline)}.`,
        link: `/gop-y/${roundId}`,
        campaignId: l.campaign.id,
      });
      return row!.id;
    });
    return this.comment(ctx, id);
  }

  private async loadComment(ctx: RequestContext, commentId: string): Promise<{ c: CommentRow; l: LoadedRound }> {
    const [c] = await this.db.select().from(comments).where(eq(comments.id, commentId));
    if (!c) throw notFound("ý kiến góp ý");
    const l = await this.loadRound(ctx, c.roundId);
    return { c, l };
  }

  async comment(ctx: RequestContext, commentId: string): Promise<CommentDto> {
    const { c, l } = await this.loadComment(ctx, commentId);
    return (await this.toDtos(l, ctx, [c]))[0]!;
  }

  async list(ctx: RequestContext, roundId: string, q: CommentListQuery): Promise<CommentDto[]> {
    const l = await this.loadRound(ctx, roundId);
    const conds = [eq(comments.roundId, roundId)];
    if (q.status === "pending") conds.push(isNull(comments.answerKind));
    if (q.status === "answered") conds.push(sql`${comments.answerKind} is not null`);
    if (q.agencyId) conds.push(eq(comments.routedAgencyId, q.agencyId));
    if (q.anchorKind) conds.push(eq(comments.anchorKind, q.anchorKind));
    if (q.reviewerId) conds.push(eq(comments.reviewerId, q.reviewerId));
    const rows = await this.db.select().from(comments).where(and(...conds)).orderBy(asc(comments.createdAt), asc(comments.id));
    return this.toDtos(l, ctx, rows);
  }

  /** "Ý kiến cần xử lý": comments routed to the actor's agency (unanswered first), in every round. */
  async inbox(ctx: RequestContext): Promise<CommentInboxItemDto[]> {
    const actor = requireActor(ctx);
    if (!hasRole(actor, ...AGENCY_ROLES)) return [];
    const dir = await this.deps.agencies.directory();
    const today = toVnPlainDate(ctx.now);
    const routed = await this.db.selectDistinct({ a: comments.routedAgencyId }).from(comments);
    const agencyIds = routed.map((r) => r.a).filter((a) => speaksFor(dir, actor, a, today));
    if (!agencyIds.length) return [];
    const rows = await this.db.select().from(comments).where(inArray(comments.routedAgencyId, agencyIds)).orderBy(asc(comments.createdAt));
    const out: CommentInboxItemDto[] = [];
    const byRound = new Map<string, CommentRow[]>();
    for (const r of rows) byRound.set(r.roundId, [...(byRound.get(r.roundId) ?? []), r]);
    for (const [roundId, list] of byRound) {
      const l = await this.loadRound(ctx, roundId);
      for (const d of await this.toDtos(l, ctx, list)) out.push({ ...d, roundTitle: l.round.title, campaignId: l.campaign.id, campaignName: l.campaign.name, answerDeadline: l.round.answerDeadline });
    }
    return out.sort((a, b) => (a.status === b.status ? a.createdAt.localeCompare(b.createdAt) : a.status === "pending" ? -1 : 1));
  }

  /** The appendix cells of the report as it would compile now (same mode as the round's draft), as the draft prints them. */
  private async liveCells(l: LoadedRound, today: string): Promise<CompileSnapshot["cells"]> {
    const [draft] = await this.db.select({ mode: compileDrafts.mode }).from(compileDrafts).where(eq(compileDrafts.id, l.round.draftId));
    const mode = draft?.mode === "final" ? "final" : "draft";
    const model = await buildReportModel(this.db, l.dir, { campaignId: l.campaign.id, scope: { kind: "whole" }, mode, date: today });
    return snapshotOf(model).cells;
  }

  /** DTOs with the anchor's state: is the quoted text still in the report as it is now? */
  async toDtos(l: LoadedRound, ctx: RequestContext, rows: CommentRow[]): Promise<CommentDto[]> {
    const actor = requireActor(ctx);
    const today = toVnPlainDate(ctx.now);
    const itemIds = [...new Set(rows.map((r) => r.outlineItemId).filter((x): x is string => !!x))];
    const rowIds = [...new Set(rows.map((r) => r.rowId).filter((x): x is string => !!x))];
    const liveItems = new Set(itemIds.length ? (await this.db.select({ id: outlineItems.id }).from(outlineItems).where(inArray(outlineItems.id, itemIds))).map((r) => r.id) : []);
    const liveRows = new Set(rowIds.length ? (await this.db.select({ id: appendixRows.id }).from(appendixRows).where(inArray(appendixRows.id, rowIds))).map((r) => r.id) : []);
    const texts = new Map<string, string>();
    if (itemIds.length) {
      const secs = await this.db.select({ itemId: sections.outlineItemId, text: sections.text }).from(sections).where(and(eq(sections.campaignId, l.campaign.id), inArray(sections.outlineItemId, itemIds)));
      for (const s of secs) texts.set(s.itemId, `${texts.get(s.itemId) ?? ""}\n${comparable(s.text)}`);
    }
    const reviewers = new Map(l.reviewers.map((r) => [r.id, this.reviewerDto(l.dir, r, today).name]));
    const liveCells = rows.some((c) => c.anchorKind === "cell" && c.rowId && liveRows.has(c.rowId)) ? await this.liveCells(l, today) : null;
    return rows.map((c) => {
      let anchorState: CommentDto["anchorState"] = "current";
      let currentText: string | null = null;
      if (c.anchorKind === "cell") {
        if (!c.rowId || !liveRows.has(c.rowId)) anchorState = "changed";
        else {
          // The figure behind the quoted cell was corrected (or cleared) since the draft: say what the report shows now.
          const now = liveCells?.[`${c.appendixCode}|${c.rowId}|${c.columnKey}`]?.text ?? "";
          if (now !== c.quote) {
            anchorState = "changed";
            currentText = now;
          }
        }
      } else if (!c.outlineItemId || !liveItems.has(c.outlineItemId)) anchorState = "changed";
      else if (c.anchorKind === "paragraph" && !(texts.get(c.outlineItemId) ?? "").includes(comparable(c.quote))) anchorState = "changed";
      const answered = c.answerKind !== null;
      const canAnswer = l.round.status === "open" && c.answerSource !== "coordinator" && speaksFor(l.dir, actor, c.routedAgencyId, today);
      return {
        id: c.id,
        roundId: c.roundId,
        reviewerName: reviewers.get(c.reviewerId) ?? "",
        authorName: c.authorName,
        anchorKind: c.anchorKind as CommentDto["anchorKind"],
        outlineItemId: c.outlineItemId,
        appendixCode: c.appendixCode,
        rowId: c.rowId,
        columnKey: c.columnKey,
        paragraphIndex: c.paragraphIndex,
        location: c.location,
        quote: c.quote,
        anchorState,
        currentText,
        body: c.body,
        routedAgencyId: c.routedAgencyId,
        routedAgencyName: l.dir.displayName(c.routedAgencyId, today),
        routeSource: c.routeSource as "auto" | "coordinator",
        status: answered ? "answered" : "pending",
        answer: answered
          ? {
              kind: c.answerKind as AnswerKind,
              label: ANSWER_KIND_LABELS[c.answerKind as AnswerKind],
              text: c.answerText ?? "",
              source: (c.answerSource ?? "agency") as "agency" | "coordinator",
              byName: c.answeredByName ?? "",
              at: (c.answeredAt ?? c.updatedAt).toISOString(),
            }
          : null,
        agencyAnswer: c.agencyAnswerKind ? { kind: c.agencyAnswerKind as AnswerKind, text: c.agencyAnswerText ?? "" } : null,
        canAnswer,
        createdAt: c.createdAt.toISOString(),
        version: c.version,
      };
    });
  }

  // ------------------------------------------------------------------------------------------------ answering

  private async change(ctx: RequestContext, commentId: string, version: number, apply: (c: CommentRow, l: LoadedRound, tx: Db) => Promise<{ set: Partial<CommentRow>; audit: { action: string; summary: string } }>): Promise<CommentDto> {
    const { l } = await this.loadComment(ctx, commentId);
    await this.db.transaction(async (tx) => {
      const [c] = await tx.select().from(comments).where(eq(comments.id, commentId)).for("update");
      if (!c) throw notFound("ý kiến góp ý");
      if (c.version !== version) throw new AppError("VERSION_CONFLICT", "Ý kiến vừa được người khác xử lý; hãy tải lại rồi làm tiếp.", { current: c.version });
      const { set, audit } = await apply(c, l, tx);
      await tx.update(comments).set({ ...set, updatedAt: ctx.now, version: c.version + 1 }).where(eq(comments.id, commentId));
      await this.deps.audit.record(tx, ctx, {
        action: audit.action,
        entityType: "comment",
        entityId: commentId,
        summary: audit.summary,
        before: { routedAgencyId: c.routedAgencyId, answerKind: c.answerKind, answerText: c.answerText },
        after: set,
      });
    });
    return this.comment(ctx, commentId);
  }

  /** The lead agency answers: Tiếp thu (with the change made), Giải trình, Không tiếp thu (with the reason). */
  async answer(ctx: RequestContext, commentId: string, req: AnswerCommentRequest): Promise<CommentDto> {
    const actor = requireActor(ctx);
    return this.change(ctx, commentId, req.version, async (c, l) => {
      const today = toVnPlainDate(ctx.now);
      if (!speaksFor(l.dir, actor, c.routedAgencyId, today)) throw forbidden(`Ý kiến này do ${l.dir.displayName(c.routedAgencyId, today)} xử lý; cơ quan của bạn không trả lời được.`);
      if (l.round.status !== "open") throw new AppError("CONFLICT", `Đợt lấy ý kiến "${l.round.title}" đã kết thúc.`);
      if (c.answerSource === "coordinator") throw new AppError("CONFLICT", "Cơ quan tổng hợp đã quyết định nội dung trả lời ý kiến này.");
      return {
        set: { answerKind: req.kind, answerText: req.text, answerSource: "agency", answeredBy: actor.userId, answeredByName: actor.fullName, answeredAt: ctx.now, agencyAnswerKind: req.kind, agencyAnswerText: req.text },
        audit: { action: "comment.answer", summary: `${ANSWER_KIND_LABELS[req.kind]} ý kiến tại ${c.location}` },
      };
    });
  }

  /** The coordinator decides the answer instead of the agency (the agency's own answer is kept). */
  async override(ctx: RequestContext, commentId: string, req: AnswerCommentRequest): Promise<CommentDto> {
    const actor = requireActor(ctx);
    return this.change(ctx, commentId, req.version, async (c, l) => {
      this.assertCoordinator(l, ctx, "quyết định nội dung trả lời thay cơ quan chủ trì");
      return {
        set: { answerKind: req.kind, answerText: req.text, answerSource: "coordinator", answeredBy: actor.userId, answeredByName: actor.fullName, answeredAt: ctx.now },
        audit: { action: "comment.override", summary: `Cơ quan tổng hợp quyết định: ${ANSWER_KIND_LABELS[req.kind]} ý kiến tại ${c.location}` },
      };
    });
  }

  /** The coordinator sends the comment to another agency; an answer already given is dropped. */
  async reroute(ctx: RequestContext, commentId: string, req: RerouteCommentRequest): Promise<CommentDto> {
    return this.change(ctx, commentId, req.version, async (c, l, tx) => {
      this.assertCoordinator(l, ctx, "chuyển ý kiến cho cơ quan khác xử lý");
      const today = toVnPlainDate(ctx.now);
      const agency = l.dir.agency(req.agencyId);
      if (!agency || !l.dir.isActive(agency, today)) throw badRequest("Cơ quan được chọn không có hoặc không còn hoạt động.", { field: "agencyId" });
      await this.deps.notifications.notify(tx, ctx, {
        agencyIds: [req.agencyId],
        roles: [...AGENCY_ROLES],
        kind: "comments.routed",
        title: `Ý kiến cần xử lý: ${c.location}`.slice(0, 300),
        body: `${c.body}\nHạn trả lời: ${formatVnDate(l.round.answerDeadline)}.`,
        link: `/gop-y/${c.roundId}`,
        campaignId: l.campaign.id,
      });
      return {
        set: { routedAgencyId: req.agencyId, routeSource: "coordinator", answerKind: null, answerText: null, answerSource: null, answeredBy: null, answeredByName: null, answeredAt: null, agencyAnswerKind: null, agencyAnswerText: null },
        audit: { action: "comment.reroute", summary: `Chuyển ý kiến tại ${c.location} từ ${l.dir.displayName(c.routedAgencyId, today)} sang ${l.dir.displayName(req.agencyId, today)}` },
      };
    });
  }

  // ------------------------------------------------------------------------------------------------ the table

  /** The "Bảng tổng hợp tiếp thu, giải trình ý kiến" as DOCX (NĐ 30) or XLSX: every comment of the round in order. */
  async table(ctx: RequestContext, roundId: string, kind: "docx" | "xlsx"): Promise<{ data: Buffer; contentType: string; disposition: string }> {
    const l = await this.loadRound(ctx, roundId);
    if (!l.coordinator && !hasRole(requireActor(ctx), "admin", "viewer")) throw forbidden("Chỉ cơ quan tổng hợp tải được bảng tổng hợp tiếp thu, giải trình.");
    const list = await this.list(ctx, roundId, {});
    const [draft] = await this.db.select({ label: compileDrafts.label }).from(compileDrafts).where(eq(compileDrafts.id, l.round.draftId));
    const report = l.campaign.report as TemplateReport;
    const model = {
      report,
      issuer: { parent: report.issuer.parent ?? null, name: report.issuer.name },
      date: toVnPlainDate(ctx.now),
      roundTitle: l.round.title,
      draftLabel: draft?.label.replace(/ — .*$/, "") ?? "dự thảo",
      campaignName: l.campaign.name,
      rows: tableRows(list),
    };
    const data = kind === "docx" ? await renderCommentTableDocx(model) : await renderCommentTableXlsx(model);
    await this.db.transaction(async (tx) =>
      this.deps.audit.record(tx, ctx, { action: "comment-round.table", entityType: "comment_round", entityId: roundId, summary: `Tải bảng tổng hợp tiếp thu, giải trình (${kind.toUpperCase()}): ${l.round.title}` }),
    );
    return {
      data,
      contentType: kind === "docx" ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      disposition: contentDisposition(`Bảng tổng hợp tiếp thu, giải trình - ${l.round.title.replace(/[\\/:*?"<>|]+/g, " ")}.${kind}`),
    };
  }

  /** The scheduler's run: reminders for unanswered comments (see comment-reminders.ts). */
  async runReminders(now: Date, instance: string): Promise<SentCommentReminder[]> {
    return runCommentReminders(this.deps, now, instance);
  }
}
