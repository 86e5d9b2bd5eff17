import { and, eq, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import type { TemplateMilestoneScope } from "@tonghop/contracts";
import type { Db } from "../../db/client.js";
import { appendixCellTexts, appendixRows, recordRows, sections } from "../../db/schema/index.js";
import { conflict } from "../../http/errors.js";
import type { Directory } from "../agencies/directory.js";
import { expandRefs, type AgencyRef } from "./agency-refs.js";
import type { AssignmentRow, CampaignStructure, CampaignsRepository, MilestoneRow } from "./campaigns.repository.js";

/** One cell of the assignment matrix: an agency and a piece of work. */
export interface DesiredAssignment {
  agencyId: string;
  kind: "outline" | "indicators" | "records";
  outlineItemId: string | null;
  appendixId: string | null;
  role: "lead" | "cooperate";
  roleOrder: number;
  milestoneId: string | null;
  dueDate: string | null;
}

export const assignmentKey = (a: Pick<DesiredAssignment, "agencyId" | "outlineItemId" | "appendixId">): string =>
  a.outlineItemId ? `${a.agencyId}|o:${a.outlineItemId}` : `${a.agencyId}|a:${a.appendixId}`;

/** For each appendix row, its lead agencies (own, else the nearest ancestor's). */
export function effectiveRowLeads(rows: CampaignStructure["rows"]): Map<string, AgencyRef[]> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const memo = new Map<string, AgencyRef[]>();
  const lead = (id: string, guard = 0): AgencyRef[] => {
    const hit = memo.get(id);
    if (hit) return hit;
    const r = byId.get(id)!;
    const out = r.lead.length || !r.parentId || guard > 50 ? r.lead : lead(r.parentId, guard + 1);
    memo.set(id, out);
    return out;
  };
  for (const r of rows) lead(r.id);
  return memo;
}

/** For each outline item, its lead agencies (own, else the nearest ancestor's). */
export function effectiveOutlineLeads(items: CampaignStructure["outline"]): Map<string, AgencyRef[]> {
  const byId = new Map(items.map((r) => [r.id, r]));
  const memo = new Map<string, AgencyRef[]>();
  const lead = (id: string, guard = 0): AgencyRef[] => {
    const hit = memo.get(id);
    if (hit) return hit;
    const r = byId.get(id)!;
    const out = r.lead.length || !r.parentId || guard > 50 ? r.lead : lead(r.parentId, guard + 1);
    memo.set(id, out);
    return out;
  };
  for (const r of items) lead(r.id);
  return memo;
}

type Work = { kind: "outline" } | { kind: "appendix"; code: string };

function scopeCovers(scope: TemplateMilestoneScope, work: Work): boolean {
  switch (scope.kind) {
    case "all":
      return true;
    case "outline":
      return work.kind === "outline";
    case "appendices":
      return work.kind === "appendix" && scope.codes.includes(work.code);
    case "contributions":
    case "coordinator":
      return false;
  }
}

/**
 * The assignment matrix of a campaign, computed from its structure with groups expanded as of the campaign's
 * reference date:
 * - outline: every item with agencies of its own; each agency of its lead list (role lead, roleOrder = position
 *   in the list) and of its cooperate list (role cooperate) — an item with only cooperating agencies of its own
 *   keeps its inherited lead agencies as leads;
 * - indicator appendix: one "indicators" assignment per agency leading at least one row (own or inherited lead,
 *   open rows included);
 * - record appendix: one "records" assignment per agency with pre-filled rows or among the reporters.
 * Due date: the earliest milestone whose `from` covers the agency and whose scope covers the work (coordinator
 * milestones never set agency due dates).
 */
export function computeAssignments(s: CampaignStructure, dir: Directory): DesiredAssignment[] {
  const date = s.campaign.referenceDate;
  const milestoneAgencies = new Map<string, Set<string>>(s.milestones.map((m) => [m.id, new Set(expandRefs(dir, m.from, date))]));
  const due = (agencyId: string, work: Work): MilestoneRow | undefined => {
    let best: MilestoneRow | undefined;
    for (const m of s.milestones) {
      if (!scopeCovers(m.scope as TemplateMilestoneScope, work)) continue;
      if (!milestoneAgencies.get(m.id)!.has(agencyId)) continue;
      if (!best || m.due < best.due) best = m;
    }
    return best;
  };
  const out: DesiredAssignment[] = [];
  const push = (a: Omit<DesiredAssignment, "milestoneId" | "dueDate">, work: Work) => {
    const m = due(a.agencyId, work);
    out.push({ ...a, milestoneId: m?.id ?? null, dueDate: m?.due ?? null });
  };

  const outlineLeads = effectiveOutlineLeads(s.outline);
  for (const item of s.outline) {
    if (!item.lead.length && !item.cooperate.length) continue;
    const seen = new Set<string>();
    const leads = item.lead.length ? item.lead : (outlineLeads.get(item.id) ?? []);
    leads.forEach((ref, position) => {
      for (const agencyId of expandRefs(dir, [ref], date)) {
        if (seen.has(agencyId)) continue;
        seen.add(agencyId);
        push({ agencyId, kind: "outline", outlineItemId: item.id, appendixId: null, role: "lead", roleOrder: position }, { kind: "outline" });
      }
    });
    item.cooperate.forEach((ref, position) => {
      for (const agencyId of expandRefs(dir, [ref], date)) {
        if (seen.has(agencyId)) continue;
        seen.add(agencyId);
        push({ agencyId, kind: "outline", outlineItemId: item.id, appendixId: null, role: "cooperate", roleOrder: position }, { kind: "outline" });
      }
    });
  }

  const rowLeads = effectiveRowLeads(s.rows);
  for (const ap of s.appendices) {
    const agencies = new Set<string>();
    if (ap.kind === "indicators") {
      for (const r of s.rows) if (r.appendixId === ap.id && !r.addedByAgencyId) for (const id of expandRefs(dir, rowLeads.get(r.id) ?? [], date)) agencies.add(id);
    } else {
      for (const r of s.records) if (r.appendixId === ap.id && r.prefilled) agencies.add(r.agencyId);
      for (const id of expandRefs(dir, ap.reporters, date)) agencies.add(id);
    }
    for (const agencyId of agencies) {
      push(
        { agencyId, kind: ap.kind === "indicators" ? "indicators" : "records", outlineItemId: null, appendixId: ap.id, role: "lead", roleOrder: 0 },
        { kind: "appendix", code: ap.code },
      );
    }
  }
  return out;
}

/** Assignments that hold an agency's work (text, figures' cell texts, rows, a workflow step) and may not vanish. */
export async function assignmentsWithContent(db: Db, campaignId: string, candidates: readonly AssignmentRow[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const a of candidates) if (a.state !== "draft" || a.declaration) out.add(a.id);
  const outline = candidates.filter((a) => a.outlineItemId && !out.has(a.id));
  if (outline.length) {
    const rows = await db
      .select({ itemId: sections.outlineItemId, agencyId: sections.agencyId })
      .from(sections)
      .where(
        and(
          eq(sections.campaignId, campaignId),
          inArray(sections.outlineItemId, outline.map((a) => a.outlineItemId!)),
          ne(sections.text, ""),
        ),
      );
    const has = new Set(rows.map((r) => `${r.agencyId}|${r.itemId}`));
    for (const a of outline) if (has.has(`${a.agencyId}|${a.outlineItemId}`)) out.add(a.id);
  }
  const appendix = candidates.filter((a) => a.appendixId && !out.has(a.id));
  if (appendix.length) {
    const appendixIds = [...new Set(appendix.map((a) => a.appendixId!))];
    const cells = await db
        .selectDistinct({ appendixId: appendixRows.appendixId, agencyId: appendixCellTexts.agencyId })
        .from(appendixCellTexts)
        .innerJoin(appendixRows, eq(appendixRows.id, appendixCellTexts.rowId))
        .where(and(eq(appendixCellTexts.campaignId, campaignId), inArray(appendixRows.appendixId, appendixIds), ne(appendixCellTexts.text, "")));
    const added = await db
        .selectDistinct({ appendixId: appendixRows.appendixId, agencyId: appendixRows.addedByAgencyId })
        .from(appendixRows)
        .where(and(inArray(appendixRows.appendixId, appendixIds), isNotNull(appendixRows.addedByAgencyId)));
    const records = await db
        .selectDistinct({ appendixId: recordRows.appendixId, agencyId: recordRows.agencyId })
        .from(recordRows)
        .where(
          and(
            inArray(recordRows.appendixId, appendixIds),
            or(eq(recordRows.prefilled, false), sql`${recordRows.version} > 1`),
          ),
        );
    const has = new Set([...cells, ...added, ...records].map((r) => `${r.agencyId}|${r.appendixId}`));
    for (const a of appendix) if (has.has(`${a.agencyId}|${a.appendixId}`)) out.add(a.id);
  }
  return out;
}

export interface SyncResult {
  added: DesiredAssignment[];
  removed: AssignmentRow[];
  changed: number;
  /** Agencies whose task list changed (added, removed, role or due date changed). */
  affectedAgencyIds: Set<string>;
}

/**
 * Brings the stored assignments in line with the structure inside `tx`: new cells are inserted, kept cells keep
 * their workflow state (role, order, milestone and due date are updated), cells that disappear are deleted —
 * unless they hold content, in which case the change is refused with the agencies and items named.
 */
export async function syncAssignments(
  repo: CampaignsRepository,
  tx: Db,
  s: CampaignStructure,
  dir: Directory,
  now: Date,
  describe: (a: AssignmentRow) => string,
): Promise<SyncResult> {
  const desired = computeAssignments(s, dir);
  const existing = await repo.assignmentsOf(tx, s.campaign.id);
  const byKey = new Map(existing.map((a) => [assignmentKey(a), a]));
  const desiredKeys = new Set<string>();
  const added: DesiredAssignment[] = [];
  const affected = new Set<string>();
  let changed = 0;
  for (const d of desired) {
    const key = assignmentKey(d);
    desiredKeys.add(key);
    const cur = byKey.get(key);
    if (!cur) {
      added.push(d);
      affected.add(d.agencyId);
      continue;
    }
    if (cur.role !== d.role || cur.roleOrder !== d.roleOrder || cur.milestoneId !== d.milestoneId || cur.dueDate !== d.dueDate || cur.kind !== d.kind) {
      await repo.updateAssignment(tx, cur.id, { role: d.role, roleOrder: d.roleOrder, milestoneId: d.milestoneId, dueDate: d.dueDate, kind: d.kind, updatedAt: now });
      changed++;
      affected.add(d.agencyId);
    }
  }
  const removed = existing.filter((a) => !desiredKeys.has(assignmentKey(a)));
  if (removed.length) {
    const withContent = await assignmentsWithContent(tx, s.campaign.id, removed);
    const blocked = removed.filter((a) => withContent.has(a.id));
    if (blocked.length) {
      const list = blocked.slice(0, 5).map(describe).join("; ");
      throw conflict(
        `Không thể thay đổi: ${blocked.length} phần việc đã có nội dung của đơn vị sẽ bị bỏ (${list}${blocked.length > 5 ? "; …" : ""}). ` +
          "Giữ cơ quan ở mục đó hoặc đề nghị đơn vị chuyển nội dung trước.",
        { blocked: blocked.map((a) => ({ assignmentId: a.id, agencyId: a.agencyId, outlineItemId: a.outlineItemId, appendixId: a.appendixId })) },
      );
    }
    await repo.deleteAssignments(tx, removed.map((a) => a.id));
    for (const a of removed) affected.add(a.agencyId);
  }
  await repo.insertAssignments(
    tx,
    added.map((d) => ({ ...d, campaignId: s.campaign.id, state: "draft", createdAt: now, updatedAt: now })),
  );
  return { added, removed, changed, affectedAgencyIds: affected };
}
