// Compile use cases: who may compile what, numbered drafts and finals stored with their files, listing,
// downloads, and the readable diff between two drafts.
//
// Access
//   coordinator roles of the campaign's coordinator agency  compile any scope; a final needs coordinator_leader;
//                                                          see and download everything
//   agency officer / leader with work in the campaign       compile its own contribution only (a final: leader);
//                                                          see its own compiles and the campaign's finals
//   viewer, admin                                          see and download finals only

import { and, desc, eq, max, or, sql } from "drizzle-orm";
import type { CompileDiffDto, CompileDraftDto, CompileDraftSummaryDto, CompileOptionsDto, CompileRequest } from "@tonghop/contracts";
import { toVnPlainDate } from "@tonghop/domain";
import { hasRole, requireActor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { assignments, campaigns, compileDrafts, outlineItems } from "../../db/schema/index.js";
import type { LibreOfficeConverter } from "../../exports/pdf/libreoffice.js";
import { AppError, badRequest, forbidden, notFound } from "../../http/errors.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import { compileReport, type CompilePageStats, type CompileSnapshot } from "./compile-report.js";
import { diffSnapshots } from "./draft-diff.js";
import type { MissingWork } from "./report-model.js";

type DraftRow = typeof compileDrafts.$inferSelect;
type CampaignRow = typeof campaigns.$inferSelect;

export type FileKind = "docx" | "xlsx" | "pdf";

const CONTENT_TYPES: Record<FileKind, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

const summaryColumns = {
  id: compileDrafts.id,
  campaignId: compileDrafts.campaignId,
  scope: compileDrafts.scope,
  scopeItemId: compileDrafts.scopeItemId,
  scopeAgencyId: compileDrafts.scopeAgencyId,
  mode: compileDrafts.mode,
  number: compileDrafts.number,
  label: compileDrafts.label,
  createdByName: compileDrafts.createdByName,
  createdAt: compileDrafts.createdAt,
  pdfError: compileDrafts.pdfError,
  bodyPages: compileDrafts.bodyPages,
  totalPages: compileDrafts.totalPages,
  pageLimit: compileDrafts.pageLimit,
  wordCount: compileDrafts.wordCount,
  checks: compileDrafts.checks,
  missing: compileDrafts.missing,
};

type SummaryRow = Pick<DraftRow, keyof typeof summaryColumns>;

function toSummary(r: SummaryRow, hasPdf: boolean): CompileDraftSummaryDto {
  const checks = (r.checks as Array<{ ok: boolean }>) ?? [];
  return {
    id: r.id,
    campaignId: r.campaignId,
    scope: r.scope as "whole" | "part" | "agency",
    scopeItemId: r.scopeItemId,
    scopeAgencyId: r.scopeAgencyId,
    mode: r.mode as "draft" | "final",
    number: r.number,
    label: r.label,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    hasPdf,
    pdfError: r.pdfError,
    bodyPages: r.bodyPages,
    totalPages: r.totalPages,
    pageLimit: r.pageLimit,
    wordCount: r.wordCount,
    checksPassed: checks.filter((c) => c.ok).length,
    checksTotal: checks.length,
    missingCount: ((r.missing as unknown[]) ?? []).length,
  };
}

/** ASCII fallback of a Vietnamese file name (for the plain filename= parameter). */
export function asciiFileName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Content-Disposition for a download with a Vietnamese file name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

interface Access {
  coordinator: boolean;
  coordinatorLeader: boolean;
  /** The actor's agency when it has work in the campaign (officer/leader). */
  ownAgency: string | null;
  agencyLeader: boolean;
}

export class CompileService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepository,
    private readonly agencies: AgenciesService,
    private readonly converter: () => LibreOfficeConverter | null,
  ) {}

  private async campaign(id: string): Promise<CampaignRow> {
    const [c] = await this.db.select().from(campaigns).where(eq(campaigns.id, id));
    if (!c) throw notFound("đợt tổng hợp");
    return c;
  }

  private async access(ctx: RequestContext, c: CampaignRow): Promise<Access> {
    const actor = requireActor(ctx);
    const coordinator = actor.agencyId === c.coordinatorAgencyId && hasRole(actor, "coordinator", "coordinator_leader");
    let ownAgency: string | null = null;
    if (hasRole(actor, "officer", "leader")) {
      const [a] = await this.db
        .select({ id: assignments.id })
        .from(assignments)
        .where(and(eq(assignments.campaignId, c.id), eq(assignments.agencyId, actor.agencyId)))
        .limit(1);
      if (a) ownAgency = actor.agencyId;
    }
    return { coordinator, coordinatorLeader: coordinator && hasRole(actor, "coordinator_leader"), ownAgency, agencyLeader: ownAgency !== null && hasRole(actor, "leader") };
  }

  private canSee(acc: Access, d: Pick<DraftRow, "mode" | "scope" | "scopeAgencyId">): boolean {
    if (acc.coordinator) return true;
    if (acc.ownAgency && d.scope === "agency" && d.scopeAgencyId === acc.ownAgency) return true;
    return d.mode === "final" && d.scope !== "agency";
  }

  async options(ctx: RequestContext, campaignId: string): Promise<CompileOptionsDto> {
    const c = await this.campaign(campaignId);
    const acc = await this.access(ctx, c);
    const dir = await this.agencies.directory();
    const scopes: CompileOptionsDto["scopes"] = [];
    if (acc.coordinator) {
      scopes.push({ kind: "whole", id: null, label: "Toàn văn báo cáo" });
      const tops = await this.db.select().from(outlineItems).where(eq(outlineItems.campaignId, c.id));
      for (const t of tops.filter((i) => i.parentId === null).sort((a, b) => a.sortOrder - b.sortOrder)) scopes.push({ kind: "part", id: t.id, label: `${t.label} ${t.title}` });
      const agencyIds = [...new Set((await this.db.select({ a: assignments.agencyId }).from(assignments).where(eq(assignments.campaignId, c.id))).map((r) => r.a))];
      for (const id of agencyIds.sort((x, y) => dir.displayName(x, c.referenceDate).localeCompare(dir.displayName(y, c.referenceDate), "vi")))
        scopes.push({ kind: "agency", id, label: `Phần của ${dir.displayName(id, c.referenceDate)}` });
    } else if (acc.ownAgency) {
      scopes.push({ kind: "agency", id: acc.ownAgency, label: `Phần của ${dir.displayName(acc.ownAgency, c.referenceDate)}` });
    }
    return {
      canCompile: scopes.length > 0,
      canFinal: acc.coordinatorLeader || acc.agencyLeader,
      scopes,
      pageLimit: (c.requirements as { pages?: { max?: number } }).pages?.max ?? null,
      pdfAvailable: this.converter()?.available ?? false,
    };
  }

  async compile(ctx: RequestContext, campaignId: string, req: CompileRequest): Promise<CompileDraftDto> {
    const actor = requireActor(ctx);
    const c = await this.campaign(campaignId);
    const acc = await this.access(ctx, c);
    const scope = req.scope;
    const mode = req.mode ?? "draft";
    if (scope.kind === "agency") {
      if (!acc.coordinator && acc.ownAgency !== scope.agencyId) throw forbidden("Bạn chỉ được lập báo cáo phần của cơ quan mình.");
      if (mode === "final" && !acc.coordinatorLeader && !(acc.agencyLeader && acc.ownAgency === scope.agencyId))
        throw forbidden("Chỉ lãnh đạo cơ quan mới lập được bản chính thức phần của cơ quan.");
    } else {
      if (!acc.coordinator) throw forbidden("Chỉ cơ quan tổng hợp của đợt mới lập được báo cáo tổng hợp.");
      if (mode === "final" && !acc.coordinatorLeader) throw forbidden("Chỉ lãnh đạo cơ quan tổng hợp mới lập được bản chính thức.");
    }
    if (c.status === "draft") throw badRequest(`Đợt "${c.name}" chưa được ban hành: chưa có phần việc nào để tổng hợp.`);
    const scopeKey = scope.kind === "whole" ? "whole" : scope.kind === "part" ? `part:${scope.itemId}` : `agency:${scope.agencyId}`;
    const date = req.date ?? toVnPlainDate(ctx.now);
    const dir = await this.agencies.directory();
    const nextNumber = async (db: Db) =>
      ((await db.select({ n: max(compileDrafts.number) }).from(compileDrafts).where(and(eq(compileDrafts.campaignId, c.id), eq(compileDrafts.scopeKey, scopeKey), eq(compileDrafts.mode, mode))))[0]?.n ?? 0) + 1;
    const label = (n: number, scopeLabel: string) => `${mode === "final" ? "Bản chính thức" : "Dự thảo"} lần ${n} — ${scopeLabel}`;
    let number = await nextNumber(this.db);
    // The number is printed in the draft; if another compile took it meanwhile, compile again with the next one.
    for (let attempt = 0; ; attempt++) {
      const out = await compileReport(this.db, dir, this.converter(), {
        campaignId: c.id,
        scope,
        mode,
        date,
        number: req.number ?? null,
        draftLabel: `Dự thảo lần ${number}`,
      });
      const stored = await this.db.transaction(async (tx): Promise<{ row: DraftRow; retry?: undefined } | { row?: undefined; retry: number }> => {
        const n = await nextNumber(tx);
        if (n !== number) return { retry: n };
        const [row] = await tx
          .insert(compileDrafts)
          .values({
            campaignId: c.id,
            scope: scope.kind,
            scopeKey,
            scopeItemId: scope.kind === "part" ? scope.itemId : null,
            scopeAgencyId: scope.kind === "agency" ? scope.agencyId : null,
            mode,
            number,
            label: label(number, out.model.scopeLabel),
            createdBy: actor.userId,
            createdByName: actor.fullName,
            createdAt: ctx.now,
            docx: out.docx,
            xlsx: out.xlsx,
            pdf: out.pdf,
            pdfError: out.pdfError,
            bodyPages: out.pageStats.bodyPages,
            totalPages: out.pageStats.totalPages,
            pageLimit: out.pageStats.limit,
            wordCount: out.pageStats.totalWords,
            pageStats: { ...out.pageStats, items: out.pageStats.items.slice(0, 400) },
            checks: out.checks,
            missing: out.model.missing,
            warnings: out.model.warnings,
            snapshot: out.snapshot,
          })
          .returning();
        await this.audit.record(tx, ctx, {
          action: mode === "final" ? "compile.final" : "compile.draft",
          entityType: "campaign",
          entityId: c.id,
          summary: `${label(number, out.model.scopeLabel)} — ${c.name}`,
          after: { draftId: row!.id, scope: scopeKey, bodyPages: out.pageStats.bodyPages, checks: out.checks.filter((x) => x.ok).length },
        });
        return { row: row! };
      });
      if (stored.row) return this.toDto(stored.row);
      if (attempt >= 2) throw new AppError("CONFLICT", "Có người khác đang lập báo cáo cùng phạm vi; hãy thử lại.");
      number = stored.retry;
    }
  }

  private toDto(r: DraftRow): CompileDraftDto {
    const stats = r.pageStats as CompilePageStats;
    return {
      ...toSummary(r, r.pdf !== null),
      pageStats: { bodyPages: stats.bodyPages ?? null, totalPages: stats.totalPages ?? null, estimated: stats.estimated ?? false, limit: stats.limit ?? null, overLimit: stats.overLimit ?? false, totalWords: stats.totalWords ?? 0, longest: stats.longest ?? [] },
      checks: r.checks as CompileDraftDto["checks"],
      missing: r.missing as MissingWork[],
      warnings: r.warnings as string[],
    };
  }

  async list(ctx: RequestContext, campaignId: string): Promise<CompileDraftSummaryDto[]> {
    const c = await this.campaign(campaignId);
    const acc = await this.access(ctx, c);
    const conds = [eq(compileDrafts.campaignId, c.id)];
    if (!acc.coordinator) {
      const finals = and(eq(compileDrafts.mode, "final"), or(eq(compileDrafts.scope, "whole"), eq(compileDrafts.scope, "part")))!;
      conds.push(acc.ownAgency ? or(finals, and(eq(compileDrafts.scope, "agency"), eq(compileDrafts.scopeAgencyId, acc.ownAgency)))! : finals);
    }
    const rows = await this.db
      .select({ ...summaryColumns, hasPdf: sql<boolean>`${compileDrafts.pdf} is not null` })
      .from(compileDrafts)
      .where(and(...conds))
      .orderBy(desc(compileDrafts.createdAt), desc(compileDrafts.number));
    return rows.map((r) => toSummary(r, r.hasPdf));
  }

  private async load(ctx: RequestContext, campaignId: string, draftId: string): Promise<{ row: DraftRow; acc: Access }> {
    const c = await this.campaign(campaignId);
    const acc = await this.access(ctx, c);
    const [row] = await this.db.select().from(compileDrafts).where(and(eq(compileDrafts.id, draftId), eq(compileDrafts.campaignId, c.id)));
    if (!row) throw notFound("bản báo cáo đã lập");
    if (!this.canSee(acc, row)) throw forbidden(row.mode === "final" ? undefined : "Bạn chỉ được xem, tải các bản chính thức của báo cáo (hoặc phần của cơ quan mình).");
    return { row, acc };
  }

  async get(ctx: RequestContext, campaignId: string, draftId: string): Promise<CompileDraftDto> {
    return this.toDto((await this.load(ctx, campaignId, draftId)).row);
  }

  async file(ctx: RequestContext, campaignId: string, draftId: string, kind: FileKind): Promise<{ data: Buffer; contentType: string; disposition: string }> {
    const { row } = await this.load(ctx, campaignId, draftId);
    const data = kind === "docx" ? row.docx : kind === "xlsx" ? row.xlsx : row.pdf;
    if (!data) throw notFound(kind === "pdf" ? `bản PDF (${row.pdfError ?? "chưa tạo được"})` : "tệp Excel phụ lục");
    const c = await this.campaign(campaignId);
    const base = `${row.mode === "final" ? "Ban chinh thuc" : "Du thao"} lan ${row.number} - ${c.code}`;
    const name = `${row.label.replace(/[\\/:*?"<>|]+/g, " ").replace(/\s+/g, " ").trim() || base}${kind === "xlsx" ? " - Phụ lục" : ""}.${kind}`;
    await this.db.transaction(async (tx) =>
      this.audit.record(tx, ctx, { action: "compile.download", entityType: "compile_draft", entityId: row.id, summary: `Tải ${kind.toUpperCase()}: ${row.label}` }),
    );
    return { data, contentType: CONTENT_TYPES[kind], disposition: contentDisposition(name) };
  }

  async diff(ctx: RequestContext, campaignId: string, fromId: string, toId: string): Promise<CompileDiffDto> {
    const a = await this.load(ctx, campaignId, fromId);
    const b = await this.load(ctx, campaignId, toId);
    const result = diffSnapshots(a.row.snapshot as CompileSnapshot, b.row.snapshot as CompileSnapshot);
    return { from: toSummary(a.row, a.row.pdf !== null), to: toSummary(b.row, b.row.pdf !== null), ...result };
  }
}
