import { formatVnDate } from "@tonghop/domain";
import type { RequestContext } from "../../auth/actor.js";
import { AppError, conflict, notFound } from "../../http/errors.js";
import type { Directory } from "../agencies/directory.js";
import type { AgencyRef } from "./agency-refs.js";
import { assertCoordinatorOf } from "./campaign-access.js";
import type { CampaignDeps } from "./campaign-deps.js";
import type { CampaignStructure } from "./campaigns.repository.js";
import { computeAssignments, effectiveRowLeads, syncAssignments, type DesiredAssignment } from "./compute-assignments.js";

export interface PublishResult {
  campaignId: string;
  version: number;
  assignments: number;
  agencies: number;
}

/** Why a campaign cannot be published yet (empty when it can). Each reason names the item, row or milestone. */
export function publishBlockers(s: CampaignStructure, dir: Directory, desired: DesiredAssignment[]): string[] {
  const out: string[] = [];
  const date = s.campaign.referenceDate;
  const checkRefs = (refs: readonly AgencyRef[], where: string) => {
    for (const r of refs) {
      if (r.kind === "group") {
        if (!dir.group(r.id)) out.push(`${where}: nhóm "${r.name}" không còn trong danh bạ.`);
        else if (!dir.groupMemberIds(r.id, date).length) out.push(`${where}: nhóm "${r.name}" không có cơ quan thành viên vào ngày ${formatVnDate(date)}.`);
        continue;
      }
      const a = dir.agency(r.id);
      if (!a || !dir.isActive(a, date)) {
        const succ = dir.activeSuccessorsOn(r.id, date).map((id) => dir.displayName(id, date));
        out.push(`${where}: cơ quan "${r.name}" không hoạt động vào ngày ${formatVnDate(date)}${succ.length ? ` (kế tục: ${succ.join(", ")})` : ""}.`);
      }
    }
  };
  const coordinator = dir.agency(s.campaign.coordinatorAgencyId);
  if (!coordinator || !dir.isActive(coordinator, date)) out.push(`Cơ quan tổng hợp "${s.campaign.coordinatorName}" không hoạt động vào ngày ${formatVnDate(date)}.`);

  // milestones: on or after the reference date, in order
  if (!s.milestones.length) out.push("Đợt chưa có mốc tiến độ nào.");
  s.milestones.forEach((m, i) => {
    if (m.due < date) out.push(`Mốc ${m.code}: hạn ${formatVnDate(m.due)} đã qua so với ngày tham chiếu ${formatVnDate(date)} của đợt.`);
    const prev = s.milestones[i - 1];
    if (prev && m.due < prev.due) out.push(`Mốc ${m.code}: hạn ${formatVnDate(m.due)} sớm hơn hạn ${formatVnDate(prev.due)} của mốc ${prev.code} đứng trước.`);
    if (!m.from.length) out.push(`Mốc ${m.code}: chưa ghi cơ quan phải gửi.`);
    checkRefs(m.from, `Mốc ${m.code}`);
  });

  // outline
  const labelPath = new Map<string, string>();
  const byId = new Map(s.outline.map((o) => [o.id, o]));
  const pathOf = (id: string): string => {
    const hit = labelPath.get(id);
    if (hit) return hit;
    const o = byId.get(id)!;
    const p = o.parentId ? `${pathOf(o.parentId)} ${o.label}` : o.label;
    labelPath.set(id, p);
    return p;
  };
  if (!s.outline.length) out.push("Đề cương chưa có mục nào.");
  for (const o of s.outline) {
    if (!o.title.trim()) out.push(`Mục ${pathOf(o.id)} chưa có tiêu đề.`);
    checkRefs(o.lead, `Mục ${pathOf(o.id)}`);
    checkRefs(o.cooperate, `Mục ${pathOf(o.id)}`);
  }

  // appendices: every indicator row and open row has someone to report it; record lists have rows or reporters
  const leads = effectiveRowLeads(s.rows);
  for (const ap of s.appendices) {
    if (ap.kind === "indicators") {
      for (const r of s.rows) {
        if (r.appendixId !== ap.id || r.addedByAgencyId) continue;
        checkRefs(r.lead, `${ap.title}, dòng "${r.name}"`);
        if ((r.indicatorId || r.openForAgencies) && !(leads.get(r.id) ?? []).length) {
          out.push(`${ap.title}, dòng ${r.tt ? `${r.tt} ` : ""}"${r.name}": chưa có cơ quan chủ trì, theo dõi, báo cáo.`);
        }
      }
    } else {
      checkRefs(ap.reporters, `${ap.title}`);
      const hasRows = s.records.some((r) => r.appendixId === ap.id);
      if (!hasRows && !ap.reporters.length) out.push(`${ap.title}: không có dòng điền sẵn và không có cơ quan được thêm dòng.`);
    }
  }

  if (!desired.length) out.push("Chưa có phần việc nào được giao cho cơ quan nào (đề cương và phụ lục chưa ghi cơ quan).");
  const noDue = new Set(desired.filter((d) => !d.dueDate).map((d) => d.agencyId));
  if (noDue.size) {
    const names = [...noDue].map((id) => dir.displayName(id, date));
    out.push(
      `Không mốc tiến độ nào áp dụng cho phần việc của ${noDue.size} cơ quan (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}): ` +
        "thêm cơ quan (hoặc nhóm của nó) vào 'from' của một mốc có phạm vi phù hợp.",
    );
  }
  return out;
}

/**
 * Publishes a draft campaign: checks it can run (reasons listed otherwise), materialises the assignment matrix,
 * marks it published and tells each agency what it has to do — one transaction.
 */
export async function publishCampaign(deps: CampaignDeps, ctx: RequestContext, campaignId: string, expectedVersion?: number): Promise<PublishResult> {
  return deps.db.transaction(async (tx) => {
    const s = await deps.repo.structure(tx, campaignId);
    if (!s) throw notFound("đợt tổng hợp");
    const dir = await deps.agencies.directory(tx);
    assertCoordinatorOf(dir, ctx, s.campaign.coordinatorAgencyId, "ban hành đợt tổng hợp này");
    if (s.campaign.status !== "draft") throw conflict(`Đợt "${s.campaign.name}" đã được ban hành.`);
    if (expectedVersion !== undefined && expectedVersion !== s.campaign.version) {
      throw new AppError("VERSION_CONFLICT", "Đợt vừa được người khác sửa. Tải lại trang để xem thay đổi trước khi ban hành.", {
        currentVersion: s.campaign.version,
      });
    }
    const desired = computeAssignments(s, dir);
    const blockers = publishBlockers(s, dir, desired);
    if (blockers.length) {
      throw new AppError("UNPROCESSABLE", `Chưa thể ban hành đợt: ${blockers.length} vấn đề cần xử lý.`, { reasons: blockers });
    }
    const bumped = await deps.repo.bumpVersion(tx, campaignId, s.campaign.version, ctx.now);
    if (!bumped) throw new AppError("VERSION_CONFLICT", "Đợt vừa được người khác sửa. Tải lại trang.");
    await deps.repo.updateCampaign(tx, campaignId, { status: "published", publishedAt: ctx.now, publishedBy: ctx.actor?.userId ?? null });
    await syncAssignments(deps.repo, tx, s, dir, ctx.now, () => "");

    const perAgency = new Map<string, DesiredAssignment[]>();
    for (const d of desired) perAgency.set(d.agencyId, [...(perAgency.get(d.agencyId) ?? []), d]);
    const date = s.campaign.referenceDate;
    for (const [agencyId, list] of perAgency) {
      const dues = list.map((d) => d.dueDate).filter((d): d is string => !!d).sort();
      const outline = list.filter((d) => d.kind === "outline").length;
      const appendix = list.length - outline;
      const parts = [outline ? `${outline} mục đề cương` : "", appendix ? `${appendix} phụ lục` : ""].filter(Boolean).join(" và ");
      await deps.notifications.notify(tx, ctx, {
        agencyIds: [agencyId],
        roles: ["officer", "leader"],
        kind: "campaign.published",
        campaignId,
        title: `Đợt tổng hợp mới: ${s.campaign.name}`,
        body: `${dir.displayName(agencyId, date)} được giao ${parts}${dues[0] ? `; hạn sớm nhất ${formatVnDate(dues[0])}` : ""}.`,
        link: "/viec-cua-don-vi",
      });
    }
    await deps.audit.record(tx, ctx, {
      action: "campaign.publish",
      entityType: "campaign",
      entityId: campaignId,
      summary: `Ban hành đợt "${s.campaign.name}": ${desired.length} phần việc cho ${perAgency.size} cơ quan`,
      after: { assignments: desired.length, agencies: perAgency.size },
    });
    return { campaignId, version: bumped.version, assignments: desired.length, agencies: perAgency.size };
  });
}
