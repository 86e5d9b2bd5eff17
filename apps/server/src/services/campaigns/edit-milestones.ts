import { eq } from "drizzle-orm";
import type { AddMilestoneRequest, CampaignDetailDto, TemplateMilestoneScope, UpdateMilestoneRequest } from "@tonghop/contracts";
import { findDeadlines, formatVnDate, parseDeadline, VnDateError } from "@tonghop/domain";
import type { RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { campaignMilestones } from "../../db/schema/index.js";
import { badRequest, conflict, notFound } from "../../http/errors.js";
import type { CampaignDeps } from "./campaign-deps.js";
import type { MilestoneRow } from "./campaigns.repository.js";
import { runEdit, type EditContext } from "./edit-campaign.js";

/** The date a wording states ("trước ngày 05/5/2024" → 2024-05-05), or null when it states none. */
function wordingDate(wording: string): string | null {
  try {
    return parseDeadline(wording).due;
  } catch (e) {
    if (!(e instanceof VnDateError)) throw e;
    return findDeadlines(wording)[0]?.due ?? null;
  }
}

function checkMilestone(e: EditContext, m: { code: string; due: string; wording: string | null; note: string | null; scope: TemplateMilestoneScope }, selfId: string | null): void {
  const ref = e.campaign.referenceDate;
  if (m.due < ref) throw badRequest(`Hạn ${formatVnDate(m.due)} sớm hơn ngày tham chiếu ${formatVnDate(ref)} của đợt.`, { field: "due" });
  if (m.wording) {
    const d = wordingDate(m.wording);
    if (d && d !== m.due) throw badRequest(`Lời văn "${m.wording}" nêu hạn ${formatVnDate(d)} nhưng hạn đã chọn là ${formatVnDate(m.due)}.`, { field: "wording" });
  } else if (!m.note) {
    throw badRequest("Mốc không có lời văn về hạn thì phải ghi giả định vào ghi chú.", { field: "note" });
  }
  const clash = e.s.milestones.find((x) => x.code === m.code && x.id !== selfId);
  if (clash) throw conflict(`Mã mốc ${m.code} đã có.`, { field: "code" });
  if (m.scope.kind === "appendices") {
    const codes = new Set(e.s.appendices.map((a) => a.code));
    const bad = m.scope.codes.find((c) => !codes.has(c));
    if (bad) throw badRequest(`Phụ lục "${bad}" không có trong đợt.`, { field: "scope" });
  }
}

/** Milestones stay in chronological order: sort order follows the due date (stable for equal dates). */
async function resort(tx: Db, campaignId: string): Promise<void> {
  const rows = await tx.select().from(campaignMilestones).where(eq(campaignMilestones.campaignId, campaignId));
  rows.sort((a, b) => a.due.localeCompare(b.due) || a.sortOrder - b.sortOrder);
  // Two passes so the (campaign, code) unique index never sees a transient clash (sort order is not unique).
  for (const [i, r] of rows.entries()) if (r.sortOrder !== i) await tx.update(campaignMilestones).set({ sortOrder: i }).where(eq(campaignMilestones.id, r.id));
}

const describe = (m: Pick<MilestoneRow, "code" | "due">) => `mốc ${m.code} (hạn ${formatVnDate(m.due)})`;

export async function addMilestone(deps: CampaignDeps, ctx: RequestContext, campaignId: string, input: AddMilestoneRequest): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, input.version, async (e) => {
    const m = { code: input.code, due: input.due, wording: input.wording?.trim() || null, note: input.note?.trim() || null, scope: input.scope };
    checkMilestone(e, m, null);
    const from = e.refs(input.from, "Cơ quan phải gửi");
    const [row] = await e.tx
      .insert(campaignMilestones)
      .values({ campaignId, code: m.code, sortOrder: e.s.milestones.length, from, to: input.to, deliverable: input.deliverable, due: m.due, wording: m.wording ?? "", scope: m.scope, note: m.note })
      .returning();
    await resort(e.tx, campaignId);
    return { action: "campaign.milestone.add", summary: `thêm ${describe(row!)}`, entityType: "milestone", entityId: row!.id, after: row };
  });
}

export async function updateMilestone(deps: CampaignDeps, ctx: RequestContext, campaignId: string, milestoneId: string, input: UpdateMilestoneRequest): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, input.version, async (e) => {
    const cur = e.s.milestones.find((m) => m.id === milestoneId);
    if (!cur) throw notFound("mốc tiến độ");
    const wording = input.wording !== undefined ? input.wording?.trim() || null : cur.wording || null;
    const note = input.note !== undefined ? input.note?.trim() || null : cur.note;
    const next = { code: input.code ?? cur.code, due: input.due ?? cur.due, wording, note, scope: input.scope ?? (cur.scope as TemplateMilestoneScope) };
    checkMilestone(e, next, cur.id);
    const patch: Partial<typeof campaignMilestones.$inferInsert> = {
      code: next.code,
      due: next.due,
      wording: next.wording ?? "",
      note: next.note,
      scope: next.scope,
      ...(input.to !== undefined ? { to: input.to } : {}),
      ...(input.deliverable !== undefined ? { deliverable: input.deliverable } : {}),
      ...(input.from !== undefined ? { from: e.refs(input.from, "Cơ quan phải gửi") } : {}),
    };
    await e.tx.update(campaignMilestones).set(patch).where(eq(campaignMilestones.id, milestoneId));
    await resort(e.tx, campaignId);
    const what = next.due !== cur.due ? `: hạn ${formatVnDate(cur.due)} → ${formatVnDate(next.due)}` : "";
    return { action: "campaign.milestone.update", summary: `sửa ${describe(cur)}${what}`, entityType: "milestone", entityId: milestoneId, before: cur, after: patch };
  });
}

export async function deleteMilestone(deps: CampaignDeps, ctx: RequestContext, campaignId: string, milestoneId: string, version: number): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, version, async (e) => {
    const cur = e.s.milestones.find((m) => m.id === milestoneId);
    if (!cur) throw notFound("mốc tiến độ");
    if (e.s.milestones.length === 1) throw badRequest("Đợt phải còn ít nhất một mốc tiến độ.");
    await e.tx.delete(campaignMilestones).where(eq(campaignMilestones.id, milestoneId));
    await resort(e.tx, campaignId);
    return { action: "campaign.milestone.delete", summary: `xóa ${describe(cur)}`, entityType: "milestone", entityId: milestoneId, before: cur };
  });
}
