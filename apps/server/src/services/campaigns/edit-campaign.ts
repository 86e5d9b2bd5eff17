import { and, eq, inArray, or } from "drizzle-orm";
import { parseCampaignTemplate, type AgencyRefInput, type CampaignDetailDto } from "@tonghop/contracts";
import { formatVnDate } from "@tonghop/domain";
import type { RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { assignments } from "../../db/schema/index.js";
import { AppError, badRequest, notFound } from "../../http/errors.js";
import type { Directory } from "../agencies/directory.js";
import type { AgencyRef } from "./agency-refs.js";
import { stripPathSuffix } from "./analyse-template.js";
import { assertCoordinatorOf } from "./campaign-access.js";
import type { CampaignDeps } from "./campaign-deps.js";
import { detailInDb, outlineInOrder } from "./campaign-read.js";
import type { AssignmentRow, CampaignRow, CampaignStructure } from "./campaigns.repository.js";
import { syncAssignments } from "./compute-assignments.js";
import { templateOf } from "./export-template.js";

export interface EditContext {
  tx: Db;
  ctx: RequestContext;
  campaign: CampaignRow;
  /** The structure before the edit. */
  s: CampaignStructure;
  dir: Directory;
  /** Resolves agencies/groups chosen in the editor as of the campaign's date (refused when inactive then). */
  refs(input: readonly AgencyRefInput[] | undefined, field: string): AgencyRef[];
}

export interface EditOutcome {
  action: string;
  /** Vietnamese, e.g. 'sửa mục "Phần II / A / I": tiêu đề' — used in the audit and the agencies' notification. */
  summary: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** Work whose holders are told about the change (besides agencies whose task list changed). */
  outlineItemIds?: string[];
  appendixIds?: string[];
}

/** A stale version: someone else changed the campaign first. */
export const versionConflict = (current: number) =>
  new AppError("VERSION_CONFLICT", "Đợt vừa được người khác sửa. Tải lại để xem thay đổi mới nhất rồi thực hiện lại.", { currentVersion: current });

export function resolveInputRefs(dir: Directory, date: string, input: readonly AgencyRefInput[] | undefined, field: string): AgencyRef[] {
  const out: AgencyRef[] = [];
  const seen = new Set<string>();
  (input ?? []).forEach((r, i) => {
    const key = `${r.kind}:${r.id}`;
    if (seen.has(key)) throw badRequest(`${field}: cơ quan thứ ${i + 1} bị chọn hai lần.`, { field: `${field}.${i}` });
    seen.add(key);
    if (r.kind === "group") {
      const g = dir.group(r.id);
      if (!g) throw badRequest(`${field}: nhóm cơ quan thứ ${i + 1} không có trong danh bạ.`, { field: `${field}.${i}` });
      out.push({ kind: "group", id: g.id, name: g.name });
      return;
    }
    const a = dir.agency(r.id);
    if (!a) throw badRequest(`${field}: cơ quan thứ ${i + 1} không có trong danh bạ.`, { field: `${field}.${i}` });
    if (!dir.isActive(a, date)) {
      const succ = dir.activeSuccessorsOn(a.id, date).map((id) => dir.displayName(id, date));
      throw badRequest(
        `${field}: "${dir.displayName(a.id, date)}" không hoạt động vào ngày tham chiếu ${formatVnDate(date)} của đợt${succ.length ? `; chọn ${succ.join(", ")}` : ""}.`,
        { field: `${field}.${i}` },
      );
    }
    out.push({ kind: "agency", id: a.id, name: dir.displayName(a.id, date) });
  });
  return out;
}

/**
 * One structural edit of a campaign, in one transaction: checks who edits (coordinators of the campaign's
 * coordinator agency) and the version, applies the change, checks the result is still a valid campaign (the same
 * rules as importing its template), and — once published — recomputes the assignment matrix keeping each
 * assignment's state and tells the agencies concerned. Audited. Returns the campaign as the editor reads it.
 */
export async function runEdit(
  deps: CampaignDeps,
  ctx: RequestContext,
  campaignId: string,
  version: number,
  apply: (e: EditContext) => Promise<EditOutcome>,
): Promise<CampaignDetailDto> {
  return deps.db.transaction(async (tx) => {
    const campaign = await deps.repo.findById(tx, campaignId);
    if (!campaign) throw notFound("đợt tổng hợp");
    const dir = await deps.agencies.directory(tx);
    assertCoordinatorOf(dir, ctx, campaign.coordinatorAgencyId, "sửa đợt tổng hợp này");
    if (campaign.status === "closed") throw new AppError("CONFLICT", `Đợt "${campaign.name}" đã kết thúc; không sửa được cấu trúc.`);
    const bumped = await deps.repo.bumpVersion(tx, campaignId, version, ctx.now);
    if (!bumped) throw versionConflict(campaign.version);
    const s = (await deps.repo.structure(tx, campaignId))!;
    const date = campaign.referenceDate;
    const outcome = await apply({ tx, ctx, campaign: bumped, s, dir, refs: (input, field) => resolveInputRefs(dir, date, input, field) });

    // The campaign stays a valid template (labels, depth, milestones in order, columns, references…).
    const { template } = await templateOf(deps, tx, campaignId);
    const parsed = parseCampaignTemplate(template);
    if (!parsed.ok) {
      const first = [...new Set(parsed.issues.slice(0, 5).map((i) => stripPathSuffix(i.message)))];
      throw new AppError("UNPROCESSABLE", `Không thể lưu: ${first.join("; ")}`, { issues: parsed.issues.slice(0, 20) });
    }

    if (campaign.status === "published") {
      const after = (await deps.repo.structure(tx, campaignId))!;
      const sync = await syncAssignments(deps.repo, tx, after, dir, ctx.now, describeAssignment(after, dir));
      const undated = (await deps.repo.assignmentsOf(tx, campaignId)).filter((a) => !a.dueDate && !a.dueOverride);
      if (undated.length) {
        const names = [...new Set(undated.map((a) => dir.displayName(a.agencyId, date)))];
        throw badRequest(
          `Không thể lưu: phần việc của ${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""} sẽ không còn mốc tiến độ nào áp dụng. ` +
            "Thêm cơ quan vào 'from' của một mốc có phạm vi phù hợp trước.",
        );
      }
      const told = new Set(sync.affectedAgencyIds);
      const items = outcome.outlineItemIds ?? [];
      const apps = outcome.appendixIds ?? [];
      if (items.length || apps.length) {
        const holders = await tx
          .selectDistinct({ agencyId: assignments.agencyId })
          .from(assignments)
          .where(
            and(
              eq(assignments.campaignId, campaignId),
              or(items.length ? inArray(assignments.outlineItemId, items) : undefined, apps.length ? inArray(assignments.appendixId, apps) : undefined),
            ),
          );
        for (const h of holders) told.add(h.agencyId);
      }
      if (told.size) {
        const changes = [
          sync.added.length ? `${sync.added.length} phần việc mới` : "",
          sync.removed.length ? `${sync.removed.length} phần việc được bỏ` : "",
          sync.changed ? `${sync.changed} phần việc đổi vai trò hoặc hạn` : "",
        ].filter(Boolean);
        await deps.notifications.notify(tx, ctx, {
          agencyIds: [...told],
          roles: ["officer", "leader"],
          kind: "campaign.changed",
          campaignId,
          title: `Đợt ${campaign.name}: ${outcome.summary}`,
          body: `Cơ quan tổng hợp đã ${outcome.summary}.${changes.length ? ` Phân công thay đổi: ${changes.join(", ")}.` : ""} Xem lại việc của đơn vị.`,
          link: "/viec-cua-don-vi",
        });
      }
    }
    await deps.audit.record(tx, ctx, {
      action: outcome.action,
      entityType: outcome.entityType,
      entityId: outcome.entityId,
      summary: `Đợt "${campaign.name}": ${outcome.summary}`,
      before: outcome.before,
      after: { ...(outcome.after as object | undefined), campaignId, version: bumped.version },
    });
    return detailInDb(deps, tx, ctx, campaignId);
  });
}

/** "Sở X — mục Phần II / A / I" for messages about assignments. */
export function describeAssignment(s: CampaignStructure, dir: Directory): (a: AssignmentRow) => string {
  const paths = new Map(outlineInOrder(s.outline).map((o) => [o.item.id, o.labelPath.join(" / ")]));
  const apps = new Map(s.appendices.map((a) => [a.id, a.title]));
  return (a) => {
    const who = dir.displayName(a.agencyId, s.campaign.referenceDate);
    const what = a.outlineItemId ? `mục ${paths.get(a.outlineItemId) ?? "đã xóa"}` : (apps.get(a.appendixId ?? "") ?? "phụ lục đã xóa");
    return `${who} — ${what}`;
  };
}
