/**
 * Narrative sections: the text one agency writes for one outline item (the item of its "outline" assignment and the
 * descendants it inherits). Every write is sanitised (html-sanitize.ts), checked against the version the user
 * edited (optimistic concurrency: a mismatch is a 409 VERSION_CONFLICT carrying both texts, nothing is
 * overwritten), appended to section_versions and audited, in one transaction with the assignment row locked.
 * Reading: the section page (item, guidance, sub-items, own text, cooperating agencies' contributions),
 * versions, a word-level diff between two versions; writing: save, .docx upload, restore, merge a contribution.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { diffWordsWithSpace } from "diff";
import {
  estimatePages,
  type AssignmentState,
  type ContributionDto,
  type SectionDiffDto,
  type SectionDto,
  type SectionItemDto,
  type SectionOrigin,
  type SectionPageDto,
  type SectionVersionDetailDto,
  type SectionVersionDto,
  type SectionWriteResultDto,
} from "@tonghop/contracts";
import { formatVnDate, toVnPlainDate } from "@tonghop/domain";
import { requireActor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { assignments, auditLog, campaigns, sections, sectionVersions, users } from "../../db/schema/index.js";
import { AppError, badRequest, forbidden, notFound } from "../../http/errors.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import type { Directory } from "../agencies/directory.js";
import {
  isCampaignCoordinator,
  isOwnAgency,
  isViewer,
  loadAssignment,
  loadAssignmentForEdit,
  loadAssignmentForView,
  type LoadedAssignment,
} from "./assignment-access.js";
import { convertDocx } from "./html-docx.js";
import { sanitizeSectionHtml, sectionText } from "./html-sanitize.js";
import type { CoveredItem, OutlineNode, OutlineTree } from "./sections-outline.js";
import type { WorkflowService } from "./workflow.service.js";

type SectionRow = typeof sections.$inferSelect;

export interface SectionsServiceDeps {
  db: Db;
  audit: AuditRepository;
  agencies: AgenciesService;
  workflow: WorkflowService;
}

export interface UploadInput {
  filename: string;
  bytes: Uint8Array;
  baseVersion: number;
  mode: "replace" | "append";
}

const VISIBLE_TO_LEAD: readonly string[] = ["sent", "accepted"];
const DIFF_TIMEOUT_MS = 3000;

/** "14:05 ngày 05/5/2024" in Vietnam time. */
export function formatVnTime(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3_600_000);
  const hh = String(local.getUTCHours()).padStart(2, "0");
  const mm = String(local.getUTCMinutes()).padStart(2, "0");
  return `${hh}:${mm} ngày ${formatVnDate(toVnPlainDate(at))}`;
}

export class SectionsService {
  constructor(private readonly deps: SectionsServiceDeps) {}

  private get db() {
    return this.deps.db;
  }

  // ------------------------------------------------------------------------------------------- reading

  /** The section page of `itemId` for `agencyId` (default: the user's agency; coordinators: the first lead). */
  async page(ctx: RequestContext, campaignId: string, itemId: string, agencyId?: string): Promise<SectionPageDto> {
    const actor = requireActor(ctx);
    const db = this.db;
    const [campaign] = await db
      .select({ id: campaigns.id, code: campaigns.code, name: campaigns.name, status: campaigns.status })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId));
    if (!campaign) throw notFound("đợt tổng hợp");
    const tree = await this.deps.workflow.outline(db, campaignId);
    const item = tree.get(itemId);
    if (!item) throw notFound("mục đề cương");
    const root = tree.assignedRoot(itemId);
    if (!root) throw notFound(`cơ quan được giao viết mục ${tree.describe(itemId)}`);
    const onRoot = await db
      .select({ id: assignments.id, agencyId: assignments.agencyId, role: assignments.role, roleOrder: assignments.roleOrder, state: assignments.state })
      .from(assignments)
      .where(and(eq(assignments.campaignId, campaignId), eq(assignments.outlineItemId, root.id)))
      .orderBy(asc(assignments.role), asc(assignments.roleOrder));
    let mine = onRoot.find((a) => a.agencyId === (agencyId ?? actor.agencyId));
    if (!mine && !agencyId && !actor.roles.includes("officer") && !actor.roles.includes("leader")) {
      // A coordinator or viewer without ?agency= sees the first lead agency's text.
      mine = onRoot.find((a) => a.role === "lead") ?? onRoot[0];
    }
    if (!mine) {
      if (agencyId && agencyId !== actor.agencyId) throw notFound("nhiệm vụ của đơn vị này ở mục đã chọn");
      throw notFound(`nhiệm vụ: đơn vị của bạn không được giao viết mục ${tree.describe(itemId)}`);
    }
    const a = await loadAssignmentForView(db, ctx, mine.id);
    const dir = await this.deps.agencies.directory(db);
    const today = toVnPlainDate(ctx.now);
    const covered = tree.covered(root.id);
    const coveredIds = covered.map((c) => c.node.id);

    const own = await db
      .select()
      .from(sections)
      .where(and(eq(sections.agencyId, a.agencyId), inArray(sections.outlineItemId, coveredIds)));
    const byItem = new Map(own.map((s) => [s.outlineItemId, s]));

    // Other agencies on the same item: who may see their text.
    const others = onRoot.filter((o) => o.agencyId !== a.agencyId);
    const reviewer = isCampaignCoordinator(actor, a.campaign) || isViewer(actor);
    const leadView = isOwnAgency(actor, a) && a.role === "lead";
    const visible = reviewer ? others : leadView ? others.filter((o) => VISIBLE_TO_LEAD.includes(o.state)) : [];
    const pending = !reviewer && leadView ? others.filter((o) => !VISIBLE_TO_LEAD.includes(o.state)) : [];
    const theirSections = visible.length
      ? await db
          .select()
          .from(sections)
          .where(and(eq(sections.outlineItemId, itemId), inArray(sections.agencyId, visible.map((o) => o.agencyId))))
      : [];
    const current = byItem.get(itemId);
    const merged = current ? await this.mergedVersions(db, current.id) : new Map<string, { version: number; at: Date }>();
    const names = await this.userNames(db, [...own, ...theirSections].map((s) => s.updatedBy));

    const contributions: ContributionDto[] = visible.map((o) => {
      const s = theirSections.find((x) => x.agencyId === o.agencyId);
      const m = s ? merged.get(s.id) : undefined;
      return {
        ...this.dto(s, itemId, o.agencyId, dir, today, names),
        role: o.role as "lead" | "cooperate",
        assignmentId: o.id,
        state: o.state as AssignmentState,
        mergedVersion: m?.version ?? null,
        mergedAt: m?.at.toISOString() ?? null,
      };
    });

    return {
      campaign,
      agency: { id: a.agencyId, name: dir.displayName(a.agencyId, today) },
      assignment: await this.deps.workflow.summary(db, ctx, a, dir),
      item: this.itemDto(covered.find((c) => c.node.id === itemId) ?? { node: item, depth: 0, labelPath: tree.labelPath(itemId) }, current),
      items: covered.map((c) => this.itemDto(c, byItem.get(c.node.id))),
      section: this.dto(current, itemId, a.agencyId, dir, today, names),
      contributions,
      pendingContributors: pending.map((o) => ({ agencyId: o.agencyId, agencyName: dir.displayName(o.agencyId, today), state: o.state as AssignmentState })),
      otherAgencies: others.map((o) => ({ agencyId: o.agencyId, agencyName: dir.displayName(o.agencyId, today), role: o.role as "lead" | "cooperate" })),
    };
  }

  /** The items an outline assignment covers, with the word count of each (for task lists: what is missing). */
  async itemsOf(db: Db, a: Pick<LoadedAssignment, "campaignId" | "agencyId" | "outlineItemId">, tree?: OutlineTree): Promise<SectionItemDto[]> {
    if (!a.outlineItemId) return [];
    const t = tree ?? (await this.deps.workflow.outline(db, a.campaignId));
    const covered = t.covered(a.outlineItemId);
    if (!covered.length) return [];
    const rows = await db
      .select()
      .from(sections)
      .where(and(eq(sections.agencyId, a.agencyId), inArray(sections.outlineItemId, covered.map((c) => c.node.id))));
    const byItem = new Map(rows.map((s) => [s.outlineItemId, s]));
    return covered.map((c) => this.itemDto(c, byItem.get(c.node.id)));
  }

  async versions(ctx: RequestContext, assignmentId: string, itemId: string): Promise<SectionVersionDto[]> {
    const { section } = await this.viewSection(ctx, assignmentId, itemId);
    if (!section) return [];
    const rows = await this.db
      .select({ v: sectionVersions, authorName: users.fullName })
      .from(sectionVersions)
      .leftJoin(users, eq(users.id, sectionVersions.authorUserId))
      .where(eq(sectionVersions.sectionId, section.id))
      .orderBy(desc(sectionVersions.version));
    return rows.map(({ v, authorName }) => ({
      version: v.version,
      origin: v.origin as SectionOrigin,
      author: v.authorUserId ? { id: v.authorUserId, name: authorName ?? "" } : null,
      createdAt: v.createdAt.toISOString(),
      wordCount: v.wordCount,
    }));
  }

  async version(ctx: RequestContext, assignmentId: string, itemId: string, version: number): Promise<SectionVersionDetailDto> {
    const { section } = await this.viewSection(ctx, assignmentId, itemId);
    const v = section ? await this.versionRow(this.db, section.id, version) : undefined;
    if (!v) throw notFound(`phiên bản ${version} của mục này`);
    const [author] = v.authorUserId ? await this.db.select({ name: users.fullName }).from(users).where(eq(users.id, v.authorUserId)) : [];
    return {
      version: v.version,
      origin: v.origin as SectionOrigin,
      author: v.authorUserId ? { id: v.authorUserId, name: author?.name ?? "" } : null,
      createdAt: v.createdAt.toISOString(),
      wordCount: v.wordCount,
      html: v.html,
      text: v.text,
    };
  }

  /** Word-level differences between two versions' text (version 0 = empty); paragraphs are kept as line breaks. */
  async diff(ctx: RequestContext, assignmentId: string, itemId: string, from: number, to: number): Promise<SectionDiffDto> {
    const { section } = await this.viewSection(ctx, assignmentId, itemId);
    const text = async (v: number) => {
      if (v === 0) return "";
      const row = section ? await this.versionRow(this.db, section.id, v) : undefined;
      if (!row) throw notFound(`phiên bản ${v} của mục này`);
      return row.text;
    };
    const [a, b] = [await text(from), await text(to)];
    const changes = diffWordsWithSpace(a, b, { timeout: DIFF_TIMEOUT_MS });
    // Too different to align word by word in time: show the whole text replaced.
    const parts = changes
      ? changes.map((c) => ({ op: c.added ? ("ins" as const) : c.removed ? ("del" as const) : ("eq" as const), text: c.value }))
      : [
          ...(a ? [{ op: "del" as const, text: a }] : []),
          ...(b ? [{ op: "ins" as const, text: b }] : []),
        ];
    const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    return {
      from,
      to,
      parts,
      inserted: parts.filter((p) => p.op === "ins").reduce((n, p) => n + words(p.text), 0),
      deleted: parts.filter((p) => p.op === "del").reduce((n, p) => n + words(p.text), 0),
    };
  }

  // ------------------------------------------------------------------------------------------- writing

  async save(ctx: RequestContext, assignmentId: string, itemId: string, input: { html: string; baseVersion: number }): Promise<SectionWriteResultDto> {
    return this.write(ctx, assignmentId, itemId, input.baseVersion, "save", () => input.html);
  }

  async upload(ctx: RequestContext, assignmentId: string, itemId: string, input: UploadInput): Promise<SectionWriteResultDto> {
    // Refuse early (before any conversion work) when the user may not write here.
    const a = await loadAssignmentForEdit(this.db, ctx, assignmentId);
    await this.coveredItem(this.db, a, itemId);
    const name = input.filename.trim();
    if (/\.docm$|\.dotm$/i.test(name)) throw new AppError("UNPROCESSABLE", "Tệp có chứa macro (.docm) nên không được chấp nhận. Hãy lưu lại thành .docx không có macro rồi tải lên.", { field: "file" });
    if (/\.doc$/i.test(name)) throw new AppError("UNPROCESSABLE", "Tệp Word cũ (.doc) chưa được hỗ trợ. Hãy mở trong Word và lưu thành .docx rồi tải lên lại.", { field: "file" });
    if (!/\.docx$/i.test(name)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Tệp "${name}" không phải văn bản Word (.docx).`, { field: "file" });
    const { html, notices } = await convertDocx(input.bytes);
    if (!html) throw new AppError("UNPROCESSABLE", "Tệp .docx không có nội dung chữ nào để đưa vào mục này.", { field: "file", notices });
    const result = await this.write(ctx, assignmentId, itemId, input.baseVersion, "upload", (existing) =>
      input.mode === "append" && existing ? `${existing}${html}` : html,
      { filename: name, mode: input.mode },
    );
    return { ...result, notices: [...notices, ...result.notices] };
  }

  async restore(ctx: RequestContext, assignmentId: string, itemId: string, input: { version: number; baseVersion: number }): Promise<SectionWriteResultDto> {
    const section = await this.findSection(this.db, assignmentId, itemId);
    const v = section ? await this.versionRow(this.db, section.id, input.version) : undefined;
    if (!v) throw notFound(`phiên bản ${input.version} của mục này`);
    return this.write(ctx, assignmentId, itemId, input.baseVersion, "restore", () => v.html, { restoredVersion: input.version });
  }

  /** Inserts a cooperating agency's sent contribution at the end of the lead agency's text (a "merge" version). */
  async merge(ctx: RequestContext, assignmentId: string, itemId: string, input: { sourceSectionId: string; baseVersion: number }): Promise<SectionWriteResultDto> {
    return this.write(ctx, assignmentId, itemId, input.baseVersion, "merge", async (existing, tx, a) => {
      if (a.role !== "lead") throw forbidden("Chỉ cơ quan chủ trì được đưa ý kiến của cơ quan phối hợp vào bài.");
      const [source] = await tx.select().from(sections).where(eq(sections.id, input.sourceSectionId));
      if (!source || source.outlineItemId !== itemId || source.agencyId === a.agencyId || source.campaignId !== a.campaignId) {
        throw notFound("ý kiến phối hợp của mục này");
      }
      const [their] = await tx
        .select({ state: assignments.state })
        .from(assignments)
        .where(and(eq(assignments.campaignId, a.campaignId), eq(assignments.agencyId, source.agencyId), eq(assignments.outlineItemId, a.outlineItemId!)));
      if (!their) throw notFound("ý kiến phối hợp của mục này");
      if (!VISIBLE_TO_LEAD.includes(their.state)) throw new AppError("CONFLICT", "Cơ quan phối hợp chưa gửi ý kiến nên chưa đưa vào được.");
      if (!source.html) throw new AppError("CONFLICT", "Ý kiến phối hợp chưa có nội dung.");
      return { html: `${existing ?? ""}${source.html}`, audit: { sourceSectionId: source.id, sourceVersion: source.version, sourceAgencyId: source.agencyId } };
    });
  }

  /**
   * The one write path: lock the assignment, check the user may edit it and the item belongs to it, sanitise,
   * compare versions, store the new version, audit. `compose` receives the current HTML and returns the new one.
   */
  private async write(
    ctx: RequestContext,
    assignmentId: string,
    itemId: string,
    baseVersion: number,
    origin: SectionOrigin,
    compose: (existing: string | null, tx: Db, a: LoadedAssignment) => string | { html: string; audit: Record<string, unknown> } | Promise<{ html: string; audit: Record<string, unknown> }>,
    auditExtra: Record<string, unknown> = {},
  ): Promise<SectionWriteResultDto> {
    const actor = requireActor(ctx);
    return this.db.transaction(async (tx) => {
      const a = await loadAssignmentForEdit(tx, ctx, assignmentId, { lock: true });
      const { tree, covered } = await this.coveredItem(tx, a, itemId);
      const [existing] = await tx
        .select()
        .from(sections)
        .where(and(eq(sections.outlineItemId, itemId), eq(sections.agencyId, a.agencyId)));
      const dir = await this.deps.agencies.directory(tx);
      const today = toVnPlainDate(ctx.now);
      const currentVersion = existing?.version ?? 0;
      const composed = await compose(existing?.html ?? null, tx, a);
      const { html: raw, audit: composeAudit } = typeof composed === "string" ? { html: composed, audit: {} } : composed;
      const html = sanitizeSectionHtml(raw);
      if (baseVersion !== currentVersion && !(origin === "save" && existing && existing.html === html)) {
        const names = await this.userNames(tx, [existing?.updatedBy ?? null]);
        const theirs = this.dto(existing, itemId, a.agencyId, dir, today, names);
        const who = theirs.updatedBy?.name ?? "người khác";
        const when = existing ? formatVnTime(existing.updatedAt) : "";
        throw new AppError(
          "VERSION_CONFLICT",
          `Mục ${tree.describe(itemId)} vừa được ${who} lưu lúc ${when} (phiên bản ${currentVersion}); bạn đang sửa từ phiên bản ${baseVersion}. Nội dung của bạn chưa được ghi: hãy so sánh hai bản và chọn.`,
          { yours: { html, baseVersion }, theirs },
        );
      }
      if (origin === "save" && (existing ? existing.html === html : html === "")) {
        // Nothing changed (e.g. an autosave after a no-op edit): no new version.
        const names = await this.userNames(tx, [existing?.updatedBy ?? null]);
        return { section: this.dto(existing, itemId, a.agencyId, dir, today, names), notices: [] };
      }
      const t = sectionText(html);
      const version = currentVersion + 1;
      let row: SectionRow;
      if (existing) {
        [row] = (await tx
          .update(sections)
          .set({ html, text: t.text, wordCount: t.wordCount, version, updatedBy: actor.userId, updatedAt: ctx.now, assignmentId: a.id })
          .where(and(eq(sections.id, existing.id), eq(sections.version, currentVersion)))
          .returning()) as [SectionRow];
        if (!row) throw new AppError("VERSION_CONFLICT", "Mục vừa được người khác lưu; hãy tải lại.", undefined);
      } else {
        [row] = (await tx
          .insert(sections)
          .values({
            campaignId: a.campaignId,
            outlineItemId: itemId,
            agencyId: a.agencyId,
            assignmentId: a.id,
            html,
            text: t.text,
            wordCount: t.wordCount,
            version,
            updatedBy: actor.userId,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })
          .returning()) as [SectionRow];
      }
      await tx.insert(sectionVersions).values({
        sectionId: row.id,
        version,
        html,
        text: t.text,
        wordCount: t.wordCount,
        authorUserId: actor.userId,
        origin,
        createdAt: ctx.now,
      });
      const label = { save: "Lưu", upload: "Tải .docx vào", restore: "Khôi phục", merge: "Đưa ý kiến phối hợp vào" }[origin];
      await this.deps.audit.record(tx, ctx, {
        action: `section.${origin}`,
        entityType: "section",
        entityId: row.id,
        summary: `${label} mục ${tree.describe(itemId)} của ${dir.displayName(a.agencyId, today)} (phiên bản ${version}, ${t.wordCount} từ)`,
        before: existing ? { version: existing.version, wordCount: existing.wordCount } : null,
        after: { version, wordCount: t.wordCount, assignmentId: a.id, ...auditExtra, ...composeAudit },
      });
      const names = await this.userNames(tx, [actor.userId]);
      const notices: string[] = [];
      const item = covered.find((c) => c.node.id === itemId)!.node;
      const pages = estimatePages(t.paragraphs);
      if (item.pageBudget != null && pages > item.pageBudget) {
        notices.push(`Ước tính ${String(pages).replace(".", ",")} trang, vượt số trang cho phép của mục (${String(item.pageBudget).replace(".", ",")} trang).`);
      }
      return { section: this.dto(row, itemId, a.agencyId, dir, today, names), notices };
    });
  }

  // ------------------------------------------------------------------------------------------- helpers

  private async coveredItem(db: Db, a: LoadedAssignment, itemId: string): Promise<{ tree: OutlineTree; covered: CoveredItem[] }> {
    if (a.kind !== "outline" || !a.outlineItemId) throw badRequest("Nhiệm vụ này không phải mục đề cương nên không có phần thuyết minh.");
    const tree = await this.deps.workflow.outline(db, a.campaignId);
    const covered = tree.covered(a.outlineItemId);
    if (!covered.some((c) => c.node.id === itemId)) throw notFound("mục đề cương thuộc nhiệm vụ này");
    return { tree, covered };
  }

  private async viewSection(ctx: RequestContext, assignmentId: string, itemId: string) {
    const a = await loadAssignmentForView(this.db, ctx, assignmentId);
    await this.coveredItem(this.db, a, itemId);
    const section = await this.findSection(this.db, assignmentId, itemId, a);
    return { a, section };
  }

  private async findSection(db: Db, assignmentId: string, itemId: string, loaded?: LoadedAssignment): Promise<SectionRow | undefined> {
    const a = loaded ?? (await loadAssignment(db, assignmentId));
    const [row] = await db
      .select()
      .from(sections)
      .where(and(eq(sections.outlineItemId, itemId), eq(sections.agencyId, a.agencyId)));
    return row;
  }

  private async versionRow(db: Db, sectionId: string, version: number) {
    const [row] = await db
      .select()
      .from(sectionVersions)
      .where(and(eq(sectionVersions.sectionId, sectionId), eq(sectionVersions.version, version)));
    return row;
  }

  /** For each contribution merged into `sectionId`: the last merged version and when. */
  private async mergedVersions(db: Db, sectionId: string): Promise<Map<string, { version: number; at: Date }>> {
    const rows = await db
      .select({ after: auditLog.after, at: auditLog.at })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "section"), eq(auditLog.entityId, sectionId), eq(auditLog.action, "section.merge")))
      .orderBy(asc(auditLog.id));
    const out = new Map<string, { version: number; at: Date }>();
    for (const r of rows) {
      const after = r.after as { sourceSectionId?: string; sourceVersion?: number } | null;
      if (after?.sourceSectionId && typeof after.sourceVersion === "number") out.set(after.sourceSectionId, { version: after.sourceVersion, at: r.at });
    }
    return out;
  }

  private async userNames(db: Db, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (!wanted.length) return new Map();
    const rows = await db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, wanted));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private dto(row: SectionRow | undefined, itemId: string, agencyId: string, dir: Directory, today: string, names: Map<string, string>): SectionDto {
    const html = row?.html ?? "";
    return {
      id: row?.id ?? null,
      itemId,
      agencyId,
      agencyName: dir.displayName(agencyId, today),
      html,
      version: row?.version ?? 0,
      wordCount: row?.wordCount ?? 0,
      pages: html ? estimatePages(sectionText(html).paragraphs) : 0,
      updatedAt: row ? row.updatedAt.toISOString() : null,
      updatedBy: row?.updatedBy ? { id: row.updatedBy, name: names.get(row.updatedBy) ?? "" } : null,
    };
  }

  private itemDto(c: CoveredItem<OutlineNode>, row: SectionRow | undefined): SectionItemDto {
    return {
      id: c.node.id,
      parentId: c.node.parentId,
      label: c.node.label,
      labelPath: c.labelPath,
      title: c.node.title,
      guidance: c.node.guidance,
      pageBudget: c.node.pageBudget,
      depth: c.depth,
      version: row?.version ?? 0,
      wordCount: row?.wordCount ?? 0,
      pages: row?.html ? estimatePages(sectionText(row.html).paragraphs) : 0,
      updatedAt: row ? row.updatedAt.toISOString() : null,
    };
  }
}
