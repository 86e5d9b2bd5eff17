/**
 * Công văn đôn đốc: the coordinator generates a letter to the late agencies (their missing work, the campaign's
 * basis, a new deadline), edits it, downloads it (DOCX per NĐ 30) and records its issuing — number (unique per symbol
 * and year), date, who, to which agencies, the DOCX as issued — optionally setting the new deadline as an extension
 * of those agencies' unsent work. The addressed agencies are told in the app.
 */
import { and, desc, eq, isNull, max, notInArray } from "drizzle-orm";
import type { ChaseLetterDraftDto, ChaseLetterDto, ChaseLetterForm } from "@tonghop/contracts";
import { addWorkingDays, daysBetween, formatVnDate, formatVnLongDate, toVnPlainDate, type PlainDate } from "@tonghop/domain";
import { requireActor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { assignmentEvents, assignments, chaseLetters } from "../../db/schema/index.js";
import { documentNumberText } from "../../exports/docx/nd30.js";
import { AppError, forbidden, notFound } from "../../http/errors.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import type { Directory } from "../agencies/directory.js";
import { isCoordinatorOf } from "../campaigns/campaign-access.js";
import { contentDisposition } from "../compile/compile.service.js";
import type { HolidaysService } from "../holidays/holidays.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { loadCampaignWork, workOrder, workTitle, type CampaignWork } from "./campaign-work.js";
import { buildChaseLetterDocx } from "./chase-letter-docx.js";

export interface ChaseLetterDeps {
  db: Db;
  audit: AuditRepository;
  agencies: AgenciesService;
  notifications: NotificationsService;
  holidays: HolidaysService;
}

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const LEGAL_KIND_LABELS: Record<string, string> = {
  "cong-van": "Công văn",
  "chi-thi": "Chỉ thị",
  "ke-hoach": "Kế hoạch",
  "quyet-dinh": "Quyết định",
  "nghi-quyet": "Nghị quyết",
  "thong-bao": "Thông báo",
};

interface LegalDoc {
  kind?: string;
  number?: string;
  date?: string;
  issuer?: string;
  summary?: string;
  role?: string;
}

interface LateAgency {
  agencyId: string;
  name: string;
  items: string[];
  maxOverdueDays: number;
  milestoneCodes: string[];
}

const lowerFirst = (s: string) => (s ? s[0]!.toLocaleLowerCase("vi") + s.slice(1) : s);

function legalText(d: LegalDoc): string {
  const kind = LEGAL_KIND_LABELS[d.kind ?? ""] ?? "Văn bản";
  const summary = (d.summary ?? "").replace(/^V\/v\s+/i, "về việc ").replace(/^Về /, "về ");
  return `${kind} số ${d.number ?? "…"}${d.date ? ` ngày ${formatVnDate(d.date)}` : ""}${d.issuer ? ` của ${d.issuer}` : ""}${summary ? ` ${summary}` : ""}`.trim();
}

export class ChaseLetterService {
  constructor(private readonly deps: ChaseLetterDeps) {}

  private async context(ctx: RequestContext, campaignId: string) {
    const w = await loadCampaignWork(this.deps.db, campaignId);
    const dir = await this.deps.agencies.directory();
    return { w, dir };
  }

  private assertCoordinator(ctx: RequestContext, w: CampaignWork, dir: Directory): void {
    requireActor(ctx);
    if (!isCoordinatorOf(dir, ctx, w.campaign.coordinatorAgencyId)) {
      throw forbidden("Chỉ cơ quan tổng hợp của đợt được soạn và ban hành công văn đôn đốc.");
    }
  }

  /** Agencies with work past its due date and not delivered (optionally of one milestone), with what is missing. */
  async lateAgencies(w: CampaignWork, dir: Directory, today: PlainDate, milestoneId?: string | null): Promise<LateAgency[]> {
    const conds = [eq(assignments.campaignId, w.campaign.id), notInArray(assignments.state, ["sent", "accepted"]), isNull(assignments.declaration)];
    if (milestoneId) conds.push(eq(assignments.milestoneId, milestoneId));
    const rows = await this.deps.db.select().from(assignments).where(and(...conds));
    const by = new Map<string, { rows: typeof rows; maxOverdue: number; codes: Set<string> }>();
    for (const r of rows) {
      const due = r.dueOverride ?? r.dueDate;
      if (!due || due >= today) continue;
      const e = by.get(r.agencyId) ?? { rows: [], maxOverdue: 0, codes: new Set<string>() };
      e.rows.push(r);
      e.maxOverdue = Math.max(e.maxOverdue, daysBetween(due, today));
      const m = r.milestoneId ? w.milestoneById.get(r.milestoneId) : undefined;
      if (m) e.codes.add(m.code);
      by.set(r.agencyId, e);
    }
    return [...by]
      .map(([agencyId, e]) => ({
        agencyId,
        name: dir.displayName(agencyId, w.campaign.referenceDate),
        items: e.rows.sort((a, b) => workOrder(w, a) - workOrder(w, b)).map((r) => workTitle(w, r, 90)),
        maxOverdueDays: e.maxOverdue,
        milestoneCodes: [...e.codes].sort(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  }

  private async nextNumber(symbol: string, year: number, db: Db = this.deps.db): Promise<number> {
    const [r] = await db
      .select({ n: max(chaseLetters.number) })
      .from(chaseLetters)
      .where(and(eq(chaseLetters.symbol, symbol), eq(chaseLetters.year, year)));
    return (r?.n ?? 0) + 1;
  }

  /** The generated letter for the late agencies (all of them, or `agencyIds`), ready to edit. */
  async draft(ctx: RequestContext, campaignId: string, q: { milestoneId?: string | undefined; agencyIds?: string | undefined }): Promise<ChaseLetterDraftDto> {
    const { w, dir } = await this.context(ctx, campaignId);
    this.assertCoordinator(ctx, w, dir);
    const today = toVnPlainDate(ctx.now);
    const milestone = q.milestoneId ? w.milestoneById.get(q.milestoneId) : undefined;
    if (q.milestoneId && !milestone) throw notFound("mốc thời hạn của đợt");
    const candidates = await this.lateAgencies(w, dir, today, milestone?.id ?? null);
    const wanted = q.agencyIds ? new Set(q.agencyIds.split(",").map((s) => s.trim()).filter(Boolean)) : null;
    const chosen = wanted ? candidates.filter((c) => wanted.has(c.agencyId)) : candidates;
    const coordinatorId = dir.activeSuccessorsOn(w.campaign.coordinatorAgencyId, today)[0] ?? w.campaign.coordinatorAgencyId;
    const coordinatorName = dir.displayName(coordinatorId, today);
    const abbreviation = (dir.nameOn(coordinatorId, today)?.abbreviation ?? "TH").replace(/[^\p{L}\d.-]/gu, "");
    const parentId = dir.agency(coordinatorId)?.parentId;
    const symbol = `${abbreviation}-TH`;
    const year = Number(today.slice(0, 4));
    const number = await this.nextNumber(symbol, year);
    const cal = await this.deps.holidays.calendar();
    const newDeadline = addWorkingDays(today, 3, cal);
    const legal = (w.campaign.legalBasis as LegalDoc[]) ?? [];
    const directive = legal.find((d) => d.role === "directive") ?? legal[0];
    const others = legal.filter((d) => d !== directive && d.role === "basis").slice(0, 2);
    const report = (w.campaign.report ?? {}) as { place?: string };
    const campaignLabel = lowerFirst(w.campaign.name);
    const wording = milestone ? ` ${milestone.wording}` : "";
    const opening = [
      `${directive ? `Thực hiện ${legalText(directive)}` : `Thực hiện nhiệm vụ ${campaignLabel}`}${others.length ? ` (triển khai ${others.map(legalText).join("; ")})` : ""}, ${coordinatorName} đã đề nghị các cơ quan, đơn vị gửi báo cáo, số liệu theo đề cương và phân công${wording} để tổng hợp ${campaignLabel}.`,
      `Đến ngày ${formatVnDate(today)}, còn ${chosen.length} cơ quan, đơn vị chưa gửi đầy đủ báo cáo, số liệu theo yêu cầu, cụ thể như sau:`,
    ];
    const closing = [
      `Để bảo đảm tiến độ tổng hợp, ${coordinatorName} đề nghị Thủ trưởng các cơ quan, đơn vị nêu trên quan tâm chỉ đạo hoàn thành và gửi báo cáo, số liệu trên hệ thống Tổng hợp trước ${formatVnLongDate(newDeadline)}. Quá thời hạn trên, ${coordinatorName} sẽ tổng hợp, báo cáo Ủy ban nhân dân thành phố danh sách các cơ quan, đơn vị chưa thực hiện.`,
      "Trân trọng./.",
    ];
    const form: ChaseLetterForm = {
      milestoneId: milestone?.id ?? null,
      parent: parentId ? dir.displayName(parentId, today) : "",
      issuer: coordinatorName,
      number,
      symbol,
      place: report.place?.trim() || "Hải Phòng",
      date: today,
      summary: `V/v đôn đốc gửi báo cáo, số liệu phục vụ ${campaignLabel}`.slice(0, 500),
      addressees: chosen.length && chosen.length <= 4 ? chosen.map((c) => c.name) : ["Các cơ quan, đơn vị có tên tại danh sách dưới đây"],
      opening,
      agencies: chosen.map((c) => ({ agencyId: c.agencyId, name: c.name, items: c.items })),
      closing,
      newDeadline,
      recipients: ["Như trên;", "UBND thành phố (để báo cáo);", `Lưu: VT, ${abbreviation}.`],
      signature: { authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", signer: "" },
    };
    return { form, candidates, issued: await this.list(w, dir), nextNumber: number };
  }

  private async list(w: CampaignWork, dir: Directory): Promise<ChaseLetterDto[]> {
    const rows = await this.deps.db.select().from(chaseLetters).where(eq(chaseLetters.campaignId, w.campaign.id)).orderBy(desc(chaseLetters.createdAt));
    return rows.map((r) => toDto(r, dir, w.campaign.referenceDate));
  }

  private validate(w: CampaignWork, form: ChaseLetterForm, today: PlainDate, assigned: Set<string>): void {
    if (form.newDeadline < w.campaign.referenceDate) {
      throw new AppError("UNPROCESSABLE", `Hạn mới ${formatVnDate(form.newDeadline)} trước ngày bắt đầu đợt (${formatVnDate(w.campaign.referenceDate)}).`, { field: "form.newDeadline" });
    }
    if (form.newDeadline < today) throw new AppError("UNPROCESSABLE", `Hạn mới ${formatVnDate(form.newDeadline)} đã qua.`, { field: "form.newDeadline" });
    if (form.milestoneId && !w.milestoneById.has(form.milestoneId)) throw notFound("mốc thời hạn của đợt");
    form.agencies.forEach((a, i) => {
      if (!assigned.has(a.agencyId)) {
        throw new AppError("UNPROCESSABLE", `Dòng ${i + 1} của danh sách: ${a.name} không có phần việc trong đợt này.`, { field: `form.agencies[${i}].agencyId` });
      }
    });
    const ids = form.agencies.map((a) => a.agencyId);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) throw new AppError("VALIDATION", `${form.agencies.find((a) => a.agencyId === dup)!.name} có hai lần trong danh sách.`, { field: "form.agencies" });
  }

  private async assignedAgencies(campaignId: string): Promise<Set<string>> {
    const rows = await this.deps.db.selectDistinct({ id: assignments.agencyId }).from(assignments).where(eq(assignments.campaignId, campaignId));
    return new Set(rows.map((r) => r.id));
  }

  /** The DOCX of the edited letter (not recorded): to read before issuing. */
  async render(ctx: RequestContext, campaignId: string, form: ChaseLetterForm): Promise<{ data: Buffer; contentType: string; disposition: string }> {
    const { w, dir } = await this.context(ctx, campaignId);
    this.assertCoordinator(ctx, w, dir);
    this.validate(w, form, toVnPlainDate(ctx.now), await this.assignedAgencies(campaignId));
    const data = await buildChaseLetterDocx(form);
    return { data, contentType: DOCX_TYPE, disposition: contentDisposition(`Dự thảo công văn đôn đốc ${form.date}.docx`) };
  }

  /** Records the issued letter (and optionally the new deadline as an extension), tells the agencies. */
  async issue(ctx: RequestContext, campaignId: string, input: { form: ChaseLetterForm; applyExtension: boolean }): Promise<ChaseLetterDto> {
    const { w, dir } = await this.context(ctx, campaignId);
    this.assertCoordinator(ctx, w, dir);
    const actor = requireActor(ctx);
    const form = input.form;
    const today = toVnPlainDate(ctx.now);
    if (w.campaign.status !== "published") throw new AppError("CONFLICT", w.campaign.status === "closed" ? "Đợt tổng hợp đã kết thúc." : "Đợt tổng hợp chưa được ban hành.");
    if (form.number === null) throw new AppError("VALIDATION", "Phải ghi số công văn khi ban hành.", [{ field: "form.number", message: "Phải ghi số công văn khi ban hành." }]);
    this.validate(w, form, today, await this.assignedAgencies(campaignId));
    const year = Number(form.date.slice(0, 4));
    const numberText = documentNumberText("nha-nuoc", form.number, form.symbol);
    const docx = await buildChaseLetterDocx(form);
    const row = await this.deps.db.transaction(async (tx) => {
      const [taken] = await tx
        .select()
        .from(chaseLetters)
        .where(and(eq(chaseLetters.symbol, form.symbol), eq(chaseLetters.year, year), eq(chaseLetters.number, form.number!)))
        .limit(1);
      if (taken) {
        throw new AppError("CONFLICT", `${numberText} năm ${year} đã dùng cho công văn ngày ${formatVnDate(taken.issuedOn)}; số tiếp theo là ${await this.nextNumber(form.symbol, year, tx)}.`, {
          field: "form.number",
        });
      }
      const [saved] = await tx
        .insert(chaseLetters)
        .values({
          campaignId,
          milestoneId: form.milestoneId,
          number: form.number!,
          symbol: form.symbol,
          year,
          issuedOn: form.date,
          summary: form.summary,
          newDeadline: form.newDeadline,
          agencyIds: form.agencies.map((a) => a.agencyId),
          content: form,
          appliedExtension: input.applyExtension,
          docx,
          issuedBy: actor.userId,
          issuedByName: actor.fullName,
          createdAt: ctx.now,
        })
        .returning();
      let extended = 0;
      if (input.applyExtension) {
        for (const a of form.agencies) {
          const conds = [eq(assignments.campaignId, campaignId), eq(assignments.agencyId, a.agencyId), notInArray(assignments.state, ["sent", "accepted"]), isNull(assignments.declaration)];
          if (form.milestoneId) conds.push(eq(assignments.milestoneId, form.milestoneId));
          const open = await tx.select().from(assignments).where(and(...conds)).for("update");
          for (const r of open) {
            await tx
              .update(assignments)
              .set({ dueOverride: form.newDeadline, extensionReason: `Theo công văn ${numberText} ngày ${formatVnDate(form.date)}`, version: r.version + 1, updatedAt: ctx.now })
              .where(eq(assignments.id, r.id));
            await tx.insert(assignmentEvents).values({
              assignmentId: r.id,
              campaignId,
              at: ctx.now,
              actorUserId: actor.userId,
              action: "extend",
              fromState: r.state,
              toState: r.state,
              reason: `Gia hạn đến ${formatVnDate(form.newDeadline)} theo công văn đôn đốc ${numberText} ngày ${formatVnDate(form.date)}`,
            });
            extended++;
          }
        }
      }
      await this.deps.audit.record(tx, ctx, {
        action: "chase-letter.issue",
        entityType: "campaign",
        entityId: campaignId,
        summary: `Ban hành công văn đôn đốc ${numberText} ngày ${formatVnDate(form.date)} gửi ${form.agencies.length} cơ quan, đơn vị; hạn mới ${formatVnDate(form.newDeadline)}${input.applyExtension ? ` (gia hạn ${extended} phần việc)` : ""}`,
        after: { letterId: saved!.id, number: form.number, symbol: form.symbol, agencies: form.agencies.map((a) => a.agencyId), newDeadline: form.newDeadline, applyExtension: input.applyExtension },
      });
      await this.deps.notifications.notify(tx, ctx, {
        agencyIds: form.agencies.map((a) => a.agencyId),
        roles: ["officer", "leader"],
        kind: "chase-letter.issued",
        title: `Công văn đôn đốc ${numberText} của ${form.issuer}: đề nghị gửi trước ${formatVnDate(form.newDeadline)}`,
        body: `${w.campaign.name}\n${form.summary}${input.applyExtension ? `\nHạn của các phần việc chưa gửi được chuyển thành ${formatVnDate(form.newDeadline)}.` : ""}`,
        link: "/viec-cua-don-vi",
        campaignId,
      });
      return saved!;
    });
    return toDto(row, dir, w.campaign.referenceDate);
  }

  /** The DOCX as issued: the coordinators, administrators, viewers and the addressed agencies. */
  async download(ctx: RequestContext, campaignId: string, letterId: string): Promise<{ data: Buffer; contentType: string; disposition: string }> {
    const actor = requireActor(ctx);
    const { w, dir } = await this.context(ctx, campaignId);
    const [row] = await this.deps.db.select().from(chaseLetters).where(and(eq(chaseLetters.id, letterId), eq(chaseLetters.campaignId, campaignId))).limit(1);
    if (!row) throw notFound("công văn đôn đốc");
    const allowed =
      isCoordinatorOf(dir, ctx, w.campaign.coordinatorAgencyId) ||
      actor.roles.includes("admin") ||
      actor.roles.includes("viewer") ||
      ((actor.roles.includes("officer") || actor.roles.includes("leader")) && row.agencyIds.includes(actor.agencyId));
    if (!allowed) throw forbidden("Bạn không xem được công văn này.");
    const name = `Công văn đôn đốc ${documentNumberText("nha-nuoc", row.number, row.symbol).replace(/^Số: /, "số ").replace(/\//g, "-")}.docx`;
    return { data: row.docx, contentType: DOCX_TYPE, disposition: contentDisposition(name) };
  }
}

function toDto(r: typeof chaseLetters.$inferSelect, dir: Directory, date: string): ChaseLetterDto {
  return {
    id: r.id,
    number: r.number,
    symbol: r.symbol,
    numberText: documentNumberText("nha-nuoc", r.number, r.symbol),
    issuedOn: r.issuedOn,
    summary: r.summary,
    newDeadline: r.newDeadline,
    agencies: r.agencyIds.map((id) => ({ id, name: dir.displayName(id, date) })),
    appliedExtension: r.appliedExtension,
    issuedByName: r.issuedByName,
    createdAt: r.createdAt.toISOString(),
  };
}
