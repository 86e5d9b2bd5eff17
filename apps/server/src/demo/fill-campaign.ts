// Demo filler: fills a published campaign with generated Vietnamese content and figures directly through the
// schema, as if every agency (or a fraction of them) had written its sections, entered its numbers and records and
// gone through the workflow. Deterministic by seed. Used by the demo data, compile:demo, tests and benchmarks.
//
// What it writes, per selected assignment (agency × piece of work):
//   outline     sections + section_versions for the leaf items the agency covers (the assigned item and its
//               descendants without agencies of their own); ~ the campaign's page budget in total, split over the
//               items (pageBudget when given) and, within an item, lead agency first; the leaves nobody is assigned
//               get the coordinator's own text (no assignment)
//   indicators  indicator_values (year columns and input period columns of every area) for the rows whose lead
//               (own or inherited) includes the agency; shares normalised to 100, parts summing to their parent,
//               statuses chinh-thuc for past years and uoc for the last one; appendix_cell_texts for proposals
//   records     the non-prefilled cells of its pre-filled rows, or 1–3 new rows when it is a reporter
// and moves the assignment through the workflow (accepted when `accept`), with assignment_events.
// Existing content is never overwritten: sections with text, current figures, cell texts and records stay.

import { eq, inArray } from "drizzle-orm";
import {
  expandColumns,
  type ExpandedTemplateDataColumn,
  type TemplateArea,
  type TemplateIndicatorsAppendix,
  type TemplatePeriod,
  type TemplateRecordsAppendix,
  type TemplateRequirements,
  type TemplateLegalDocument,
} from "@tonghop/contracts";
import { aggregate, isAggregation, periodYears, unitKey } from "@tonghop/domain";
import type { Container } from "../app/container.js";
import { systemContext, type RequestContext } from "../auth/actor.js";
import type { Db } from "../db/client.js";
import {
  appendices,
  appendixCellTexts,
  appendixRows,
  assignmentEvents,
  assignments,
  campaigns,
  indicators,
  indicatorValueHistory,
  indicatorValues,
  outlineItems,
  recordRows,
  sections,
  sectionVersions,
  users,
  type AgencyRef,
} from "../db/schema/index.js";
import { badRequest, notFound } from "../http/errors.js";
import type { Directory } from "../services/agencies/directory.js";
import { sanitizeSectionHtml, sectionText } from "../services/workspace/html-sanitize.js";
import { Random } from "./random.js";
import { calibrateToTarget, classifySeries, generateSeries, proposeTarget, type SeriesSpec } from "./vn-series.js";
import { countWords, generateNarrative } from "./vn-text.js";

export interface FillOptions {
  /** Same seed, same content. */
  seed: number | string;
  /** Accept every filled assignment (the compile's "final" needs it). Otherwise a realistic mix of states. */
  accept?: boolean;
  /** Share of assignments to fill, 0…1 (default 1): an "under way" campaign. */
  fraction?: number;
  /** The clock of the workflow timestamps (default: the container's clock). */
  now?: Date;
  /** Target length of the narrative in pages (default: 90 % of requirements.pages.max, or 60). */
  pages?: number;
  /** Agencies left untouched (e.g. those of the demo accounts, so that their work is still to do). */
  excludeAgencyIds?: readonly string[];
}

export interface FillResult {
  assignments: number;
  filled: number;
  sections: number;
  words: number;
  values: number;
  cellTexts: number;
  recordRows: number;
  /** Assignments filled with a declaration "không thuộc phạm vi" instead of text (group members not writing). */
  declared: number;
  states: Record<string, number>;
}

/** Words on one A4 page of body text in Times New Roman 14 with the NĐ 30 margins (measured with LibreOffice). */
export const WORDS_PER_PAGE = 450;
/** Share of a page taken by one outline heading. */
const HEADING_PAGES = 0.06;

type OutlineRow = typeof outlineItems.$inferSelect;
type AppendixRowRow = typeof appendixRows.$inferSelect;
type AssignmentRow = typeof assignments.$inferSelect;
type IndicatorRow = typeof indicators.$inferSelect;
type UserRow = Pick<typeof users.$inferSelect, "id" | "agencyId" | "roles">;

const CHUNK = 500;
async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

const DOC_KIND: Record<string, string> = {
  "chi-thi": "Chỉ thị",
  "cong-van": "Công văn",
  "nghi-quyet": "Nghị quyết",
  "nghi-dinh": "Nghị định",
  "quyet-dinh": "Quyết định",
  "ke-hoach": "Kế hoạch",
  "chuong-trinh": "Chương trình",
  "thong-bao": "Thông báo",
  "thong-tu": "Thông tư",
  "huong-dan": "Hướng dẫn",
  khac: "Văn bản",
};

/** The document most worth citing: a resolution among the bases, else the directive. */
function citedBasis(legal: TemplateLegalDocument[]): string {
  const doc = legal.find((d) => d.kind === "nghi-quyet" && d.number) ?? legal.find((d) => d.role === "directive") ?? legal[0];
  if (!doc) return "các văn bản chỉ đạo của thành phố";
  return doc.number ? `${DOC_KIND[doc.kind] ?? "Văn bản"} số ${doc.number}` : doc.summary;
}

/** The period under evaluation: the latest declared period that started by the reference year. */
function evaluationPeriod(periods: TemplatePeriod[], referenceYear: number): { from: number; to: number } {
  const ranges = periods
    .map((p) => periodYears(p.key))
    .filter((ys) => ys.length > 1)
    .map((ys) => ({ from: ys[0]!, to: ys[ys.length - 1]! }))
    .filter((p) => p.from <= referenceYear)
    .sort((a, b) => b.from - a.from);
  const p = ranges[0] ?? { from: referenceYear - 5, to: referenceYear - 1 };
  return { from: p.from, to: Math.min(p.to, referenceYear) };
}

/** Agencies named by refs (groups expanded as of `date`), in order, without duplicates. */
function expandRefs(dir: Directory, refs: readonly AgencyRef[], date: string): string[] {
  const out: string[] = [];
  for (const ref of refs) {
    const ids = ref.kind === "group" ? dir.groupMemberIds(ref.id, date) : [ref.id];
    for (const id of ids) if (!out.includes(id)) out.push(id);
  }
  return out;
}

interface Writer {
  assignment: AssignmentRow;
  role: "lead" | "cooperate";
  order: number;
}

export async function fillCampaign(container: Container, campaignId: string, opts: FillOptions): Promise<FillResult> {
  const fraction = opts.fraction ?? 1;
  if (!(fraction >= 0 && fraction <= 1)) throw badRequest(`Tỷ lệ phần việc cần điền phải từ 0 đến 1 (nhận ${String(opts.fraction)})`, { field: "fraction" });
  const now = opts.now ?? container.clock.now();
  const ctx: RequestContext = systemContext(now, "demo");
  return container.db.transaction(async (tx) => fillInTx(container, tx, ctx, campaignId, { ...opts, fraction, now }));
}

async function fillInTx(
  container: Container,
  tx: Db,
  ctx: RequestContext,
  campaignId: string,
  opts: FillOptions & { fraction: number; now: Date },
): Promise<FillResult> {
  const seed = opts.seed;
  const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw notFound("đợt tổng hợp");
  const allAssignments = await tx.select().from(assignments).where(eq(assignments.campaignId, campaignId));
  if (allAssignments.length === 0) throw badRequest(`Đợt "${campaign.name}" chưa có phân công: hãy ban hành đợt trước khi điền dữ liệu mẫu.`);

  const dir = await container.services.agencies.directory(tx);
  const refDate = campaign.referenceDate;
  const refYear = Number(refDate.slice(0, 4));
  const areas = campaign.areas as TemplateArea[];
  const primaryArea = (areas.find((a) => a.primary) ?? areas[0])?.code ?? "HP";
  const period = evaluationPeriod(campaign.periods as TemplatePeriod[], refYear);
  const basis = citedBasis(campaign.legalBasis as TemplateLegalDocument[]);
  const requirements = campaign.requirements as TemplateRequirements;
  const agencyCode = (id: string) => dir.agency(id)?.code ?? id;
  const agencyName = (id: string) => dir.displayName(id, refDate);

  const items = await tx.select().from(outlineItems).where(eq(outlineItems.campaignId, campaignId));
  const apps = await tx.select().from(appendices).where(eq(appendices.campaignId, campaignId));
  const rows = await tx.select().from(appendixRows).where(eq(appendixRows.campaignId, campaignId));
  const recs = await tx.select().from(recordRows).where(eq(recordRows.campaignId, campaignId));
  const agencyIds = [...new Set(allAssignments.map((a) => a.agencyId).concat(campaign.coordinatorAgencyId))];
  const people: UserRow[] = await tx
    .select({ id: users.id, agencyId: users.agencyId, roles: users.roles })
    .from(users)
    .where(inArray(users.agencyId, agencyIds));
  const officerOf = (agencyId: string) => people.find((u) => u.agencyId === agencyId && u.roles.includes("officer"))?.id ?? people.find((u) => u.agencyId === agencyId)?.id ?? null;
  const leaderOf = (agencyId: string) => people.find((u) => u.agencyId === agencyId && u.roles.includes("leader"))?.id ?? officerOf(agencyId);
  const coordinatorUser =
    people.find((u) => u.agencyId === campaign.coordinatorAgencyId && u.roles.includes("coordinator_leader"))?.id ??
    people.find((u) => u.agencyId === campaign.coordinatorAgencyId && u.roles.includes("coordinator"))?.id ??
    null;

  // --- stable keys (ids are random: order by what the directive says)
  const itemById = new Map(items.map((i) => [i.id, i]));
  const childrenOf = new Map<string | null, OutlineRow[]>();
  for (const i of items) {
    const list = childrenOf.get(i.parentId) ?? [];
    list.push(i);
    childrenOf.set(i.parentId, list);
  }
  for (const list of childrenOf.values()) list.sort((a, b) => a.sortOrder - b.sortOrder);
  const itemKey = (id: string): string => {
    const parts: string[] = [];
    for (let cur = itemById.get(id); cur; cur = cur.parentId ? itemById.get(cur.parentId) : undefined) parts.unshift(String(cur.sortOrder).padStart(4, "0"));
    return parts.join(".");
  };
  const appById = new Map(apps.map((a) => [a.id, a]));
  const assignmentKey = (a: AssignmentRow) =>
    `${a.kind}|${a.outlineItemId ? itemKey(a.outlineItemId) : (appById.get(a.appendixId ?? "")?.code ?? "")}|${agencyCode(a.agencyId)}`;
  const ordered = [...allAssignments].sort((a, b) => assignmentKey(a).localeCompare(assignmentKey(b)));
  const excluded = new Set(opts.excludeAgencyIds ?? []);
  const selected = new Set(
    ordered
      .filter((a) => !excluded.has(a.agencyId))
      .filter((a) => opts.fraction >= 1 || Random.for(seed, "pick", assignmentKey(a)).next() < opts.fraction)
      .map((a) => a.id),
  );

  const result: FillResult = { assignments: allAssignments.length, filled: selected.size, sections: 0, words: 0, values: 0, cellTexts: 0, recordRows: 0, declared: 0, states: {} };

  // =============================================================================================== outline
  const hasOwnAgencies = (i: OutlineRow) => i.lead.length > 0 || i.cooperate.length > 0;
  /** Leaf items an assignment covers: the item itself when it has no covered children, else covered leaves below. */
  const coveredLeaves = (rootId: string): OutlineRow[] => {
    const out: OutlineRow[] = [];
    const visit = (item: OutlineRow) => {
      const kids = (childrenOf.get(item.id) ?? []).filter((c) => !hasOwnAgencies(c));
      if (kids.length === 0) out.push(item);
      else for (const k of kids) visit(k);
    };
    const root = itemById.get(rootId);
    if (root) visit(root);
    return out;
  };
  const outlineAssignments = ordered.filter((a) => a.kind === "outline" && a.outlineItemId);
  const writersOf = new Map<string, Writer[]>();
  const leavesOf = new Map<string, OutlineRow[]>();
  for (const a of outlineAssignments) {
    const leaves = coveredLeaves(a.outlineItemId!);
    leavesOf.set(a.id, leaves);
    for (const leaf of leaves) {
      const list = writersOf.get(leaf.id) ?? [];
      list.push({ assignment: a, role: a.role === "cooperate" ? "cooperate" : "lead", order: a.roleOrder });
      writersOf.set(leaf.id, list);
    }
  }
  // Who writes where: every agency of an item when they are few; three of them when a whole group is assigned.
  const MAX_WRITERS = 3;
  const writes = new Map<string, Writer[]>();
  for (const [leafId, list] of writersOf) {
    list.sort((x, y) => (x.role === y.role ? x.order - y.order || agencyCode(x.assignment.agencyId).localeCompare(agencyCode(y.assignment.agencyId)) : x.role === "lead" ? -1 : 1));
    if (list.length <= MAX_WRITERS) writes.set(leafId, [...list]);
    else {
      const r = Random.for(seed, "writers", itemKey(leafId));
      const chosen = new Set(r.sample(list, MAX_WRITERS));
      writes.set(leafId, list.filter((w) => chosen.has(w)));
    }
  }
  // Agencies of a group that were not chosen to write anything declare the item outside their remit (as they do
  // in practice: "không thuộc phạm vi chức năng, nhiệm vụ"), which also fills their assignment.
  const declares = new Set<string>();
  for (const a of outlineAssignments) {
    const leaves = leavesOf.get(a.id) ?? [];
    if (leaves.length === 0 || leaves.some((l) => writes.get(l.id)?.some((w) => w.assignment.id === a.id))) continue;
    declares.add(a.id);
  }
  const pages = opts.pages ?? (requirements.pages?.max ? requirements.pages.max * 0.97 : 60);
  // Headings take about a twentieth of a page each; the rest of the budget is text.
  const totalWords = Math.max(pages * 0.3, pages - items.length * HEADING_PAGES) * WORDS_PER_PAGE;
  const leafIds = [...writes.keys()].sort((a, b) => itemKey(a).localeCompare(itemKey(b)));
  // Leaves nobody is assigned: the coordinator writes them when compiling (templates/README.md).
  const coordinatorLeaves = items
    .filter((i) => (childrenOf.get(i.id) ?? []).length === 0 && !writersOf.has(i.id))
    .sort((a, b) => itemKey(a.id).localeCompare(itemKey(b.id)));
  const weight = (id: string) => itemById.get(id)?.pageBudget ?? 1;
  const totalWeight = [...leafIds, ...coordinatorLeaves.map((i) => i.id)].reduce((s, id) => s + weight(id), 0) || 1;

  const existingSections = await tx
    .select({ outlineItemId: sections.outlineItemId, agencyId: sections.agencyId, text: sections.text })
    .from(sections)
    .where(eq(sections.campaignId, campaignId));
  const hasSection = new Set(existingSections.filter((s) => s.text.trim() !== "").map((s) => `${s.outlineItemId}|${s.agencyId}`));
  const existingIds = new Set(existingSections.map((s) => `${s.outlineItemId}|${s.agencyId}`));

  const sectionRows: (typeof sections.$inferInsert)[] = [];
  const timeOf = new Map<string, Date>();
  const start = new Date(`${refDate}T08:00:00+07:00`).getTime();
  const writtenAt = (a: AssignmentRow): Date => {
    let t = timeOf.get(a.id);
    if (!t) {
      const due = a.dueOverride ?? a.dueDate;
      const end = Math.max(start + 3_600_000, Math.min(opts.now.getTime() - 3 * 86_400_000, due ? new Date(`${due}T17:00:00+07:00`).getTime() : opts.now.getTime()));
      t = new Date(start + Random.for(seed, "time", assignmentKey(a)).range(0.2, 0.8) * (end - start));
      timeOf.set(a.id, t);
    }
    return t;
  };
  let tableCounter = 0;
  // Every contribution is at least a short paragraph: scale the shares so that the total stays near the budget
  // (over all assignments, filled or not, so that a partly filled campaign has proportionally less text).
  const MIN_WORDS = 40;
  const OVERSHOOT = 20; // the generator finishes the paragraph it is in
  const shareOf = (list: Writer[], idx: number) => (list.length === 1 ? 1 : idx === 0 ? 0.45 : 0.55 / (list.length - 1));
  const raw = [
    ...leafIds.flatMap((id) => writes.get(id)!.map((_, idx, list) => ((totalWords * weight(id)) / totalWeight) * shareOf(list, idx))),
    ...coordinatorLeaves.map((i) => (totalWords * weight(i.id)) / totalWeight),
  ];
  const planned = (f: number) => raw.reduce((sum, x) => sum + Math.max(MIN_WORDS, f * x - OVERSHOOT) + OVERSHOOT, 0);
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (planned(mid) > totalWords) hi = mid;
    else lo = mid;
  }
  const factor = lo;
  for (const leafId of leafIds) {
    const leaf = itemById.get(leafId)!;
    const list = writes.get(leafId)!;
    const budget = (totalWords * weight(leafId)) / totalWeight;
    list.forEach((w, idx) => {
      const a = w.assignment;
      if (!selected.has(a.id)) return;
      const key = `${leafId}|${a.agencyId}`;
      if (hasSection.has(key) || existingIds.has(key)) return;
      const words = Math.max(MIN_WORDS, Math.round(factor * budget * shareOf(list, idx) - OVERSHOOT));
      const r = Random.for(seed, "text", itemKey(leafId), agencyCode(a.agencyId));
      const allowTable = words >= 260;
      const narrative = generateNarrative(
        { title: leaf.title, guidance: leaf.guidance, agency: agencyName(a.agencyId), role: w.role, period, basis, words, allowTable },
        r,
        tableCounter + 1,
      );
      if (narrative.html.includes("<table>")) tableCounter += 1;
      // Stored exactly as the section editor stores it: sanitised HTML, its plain text and word count.
      const html = sanitizeSectionHtml(narrative.html);
      const plain = sectionText(html);
      const at = writtenAt(a);
      sectionRows.push({
        campaignId,
        outlineItemId: leafId,
        agencyId: a.agencyId,
        assignmentId: a.id,
        html,
        text: plain.text,
        wordCount: plain.wordCount,
        version: 1,
        updatedBy: officerOf(a.agencyId),
        createdAt: at,
        updatedAt: at,
      });
      result.words += plain.wordCount;
    });
  }
  for (const leaf of coordinatorLeaves) {
    const key = `${leaf.id}|${campaign.coordinatorAgencyId}`;
    if (hasSection.has(key) || existingIds.has(key)) continue;
    if (opts.fraction < 1 && Random.for(seed, "coordinator", itemKey(leaf.id)).next() >= opts.fraction) continue;
    const words = Math.max(MIN_WORDS, Math.round((factor * totalWords * weight(leaf.id)) / totalWeight - OVERSHOOT));
    const narrative = generateNarrative(
      { title: leaf.title, guidance: leaf.guidance, agency: agencyName(campaign.coordinatorAgencyId), role: "lead", period, basis, words, allowTable: false },
      Random.for(seed, "text", itemKey(leaf.id), agencyCode(campaign.coordinatorAgencyId)),
    );
    const html = sanitizeSectionHtml(narrative.html);
    const plain = sectionText(html);
    const at = new Date(Math.max(start, opts.now.getTime() - 86_400_000));
    sectionRows.push({ campaignId, outlineItemId: leaf.id, agencyId: campaign.coordinatorAgencyId, assignmentId: null, html, text: plain.text, wordCount: plain.wordCount, version: 1, updatedBy: coordinatorUser, createdAt: at, updatedAt: at });
    result.words += plain.wordCount;
  }
  const insertedSections: Array<{ id: string; html: string; text: string; wordCount: number; updatedBy: string | null; createdAt: Date }> = [];
  await insertChunked(sectionRows, async (chunk) => {
    insertedSections.push(
      ...(await tx
        .insert(sections)
        .values(chunk)
        .returning({ id: sections.id, html: sections.html, text: sections.text, wordCount: sections.wordCount, updatedBy: sections.updatedBy, createdAt: sections.createdAt })),
    );
  });
  await insertChunked(insertedSections, (chunk) =>
    tx.insert(sectionVersions).values(
      chunk.map((s) => ({ sectionId: s.id, version: 1, html: s.html, text: s.text, wordCount: s.wordCount, authorUserId: s.updatedBy, origin: "save", createdAt: s.createdAt })),
    ),
  );
  result.sections = insertedSections.length;

  // =============================================================================================== indicators
  const indicatorIds = [...new Set(rows.map((r) => r.indicatorId).filter((x): x is string => x !== null))];
  const catalogue: IndicatorRow[] = indicatorIds.length ? await tx.select().from(indicators).where(inArray(indicators.id, indicatorIds)) : [];
  const indicatorById = new Map(catalogue.map((i) => [i.id, i]));
  const currentValues = indicatorIds.length
    ? await tx
        .select({ indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, area: indicatorValues.area, version: indicatorValues.version })
        .from(indicatorValues)
        .where(inArray(indicatorValues.indicatorId, indicatorIds))
    : [];
  const taken = new Set(currentValues.map((v) => `${v.indicatorId}|${v.period}|${v.area}`));
  const valueRows: (typeof indicatorValues.$inferInsert)[] = [];
  const cellRows: (typeof appendixCellTexts.$inferInsert)[] = [];
  const existingCells = await tx
    .select({ rowId: appendixCellTexts.rowId, columnKey: appendixCellTexts.columnKey, agencyId: appendixCellTexts.agencyId })
    .from(appendixCellTexts)
    .where(eq(appendixCellTexts.campaignId, campaignId));
  const cellTaken = new Set(existingCells.map((c) => `${c.rowId}|${c.columnKey}|${c.agencyId}`));
  /** Figures generated in this run, so that an indicator used by two appendices (or twice) gets one series. */
  const generated = new Map<string, Map<number, number>>();

  for (const app of [...apps].sort((a, b) => a.sortOrder - b.sortOrder)) {
    if (app.kind !== "indicators") continue;
    const config = { ...(app.config as Omit<TemplateIndicatorsAppendix, "rows">), rows: [] } as TemplateIndicatorsAppendix;
    let leaves: ExpandedTemplateDataColumn[];
    try {
      leaves = expandColumns(config, areas).leaves as ExpandedTemplateDataColumn[];
    } catch {
      continue;
    }
    const valueCols = leaves.filter((c): c is Extract<ExpandedTemplateDataColumn, { kind: "value" }> => c.kind === "value" && c.mode === "input");
    const proposalCols = leaves.filter((c) => c.kind === "proposal");
    const targetCol = leaves.find((c) => c.kind === "target");
    const targetYears = targetCol && targetCol.kind === "target" ? periodYears(targetCol.period) : null;
    const yearCols = valueCols.filter((c) => /^\d{4}$/.test(c.period));
    const allYears = [...valueCols, ...leaves.filter((c) => c.kind === "value")].flatMap((c) => (c.kind === "value" ? periodYears(c.period) : []));
    if (allYears.length === 0 && proposalCols.length === 0) continue;
    const lastYear = Math.max(...yearCols.map((c) => Number(c.period)), ...allYears);
    const firstYear = Math.min(...allYears) - 1;
    const span = Array.from({ length: Math.max(0, lastYear - firstYear + 1) }, (_, i) => firstYear + i);

    const appRows = rows.filter((r) => r.appendixId === app.id).sort((a, b) => a.sortOrder - b.sortOrder);
    const rowById = new Map(appRows.map((r) => [r.id, r]));
    const kids = new Map<string | null, AppendixRowRow[]>();
    for (const r of appRows) {
      const l = kids.get(r.parentId) ?? [];
      l.push(r);
      kids.set(r.parentId, l);
    }
    const rowKey = (r: AppendixRowRow): string => {
      const parts: string[] = [];
      for (let cur: AppendixRowRow | undefined = r; cur; cur = cur.parentId ? rowById.get(cur.parentId) : undefined) parts.unshift(String(cur.sortOrder).padStart(4, "0"));
      return `${app.code}:${parts.join(".")}`;
    };
    const leadOf = (r: AppendixRowRow): AgencyRef[] => {
      for (let cur: AppendixRowRow | undefined = r; cur; cur = cur.parentId ? rowById.get(cur.parentId) : undefined) if (cur.lead.length) return cur.lead;
      return [];
    };
    const appAssignments = ordered.filter((a) => a.kind === "indicators" && a.appendixId === app.id);
    /** The selected agency that reports a row (first in the row's lead order), or null. */
    const reporterOf = (r: AppendixRowRow): AssignmentRow | null => {
      if (r.addedByAgencyId) return appAssignments.find((a) => a.agencyId === r.addedByAgencyId && selected.has(a.id)) ?? null;
      for (const id of expandRefs(dir, leadOf(r), refDate)) {
        const a = appAssignments.find((x) => x.agencyId === id && selected.has(x.id));
        if (a) return a;
      }
      return null;
    };
    const specOf = (r: AppendixRowRow, ind: IndicatorRow): SeriesSpec => ({
      code: ind.code,
      name: `${r.name} ${ind.name}`,
      unit: r.unit ?? ind.unit,
      aggregation: (isAggregation(r.aggregation) ? r.aggregation : isAggregation(ind.aggregation) ? ind.aggregation : "last"),
      direction: (r.direction ?? ind.direction) === "lower" ? "lower" : "higher",
      decimals: r.decimals ?? ind.decimals,
      target: r.target,
      targetYears,
    });

    // 1. a series for every indicator row (parents before children: tree order)
    const seriesOf = new Map<string, Map<number, number>>();
    const visit = (parent: string | null) => {
      for (const r of kids.get(parent) ?? []) {
        const ind = r.indicatorId ? indicatorById.get(r.indicatorId) : undefined;
        if (ind && !ind.expression) {
          const spec = specOf(r, ind);
          const known = generated.get(ind.code);
          if (known) seriesOf.set(r.id, known);
          else {
            const rng = Random.for(seed, "series", ind.code);
            const s = generateSeries(spec, span, rng);
            calibrateToTarget(spec, s, rng);
            seriesOf.set(r.id, s);
            generated.set(ind.code, s);
          }
        }
        visit(r.id);
      }
    };
    visit(null);

    // 2. consistency: parts of a parent level sum to it; shares under a "cơ cấu" heading (or a sum rule) sum to 100
    const sumRules = ((config.validations ?? []) as Array<{ kind: string; of?: string[]; equals?: number }>).filter((v) => v.kind === "sum" && v.of && v.equals === 100);
    const codeOfRow = (r: AppendixRowRow) => (r.indicatorId ? indicatorById.get(r.indicatorId)?.code : undefined);
    const done = new Set<string>();
    /** Sets the series of `members` to shares of `total` (each year); members already set elsewhere stay fixed. */
    const normalise = (members: AppendixRowRow[], total: (y: number) => number, key: string) => {
      // One member per indicator: an indicator shown on two rows (e.g. a share repeated under its sector) is one series.
      const seen = new Set<string>();
      const withSeries = members.filter((m) => {
        const code = codeOfRow(m) ?? m.id;
        if (!seriesOf.has(m.id) || seen.has(code)) return false;
        seen.add(code);
        return true;
      });
      const fixed = withSeries.filter((m) => done.has(codeOfRow(m) ?? ""));
      const free = withSeries.filter((m) => !done.has(codeOfRow(m) ?? ""));
      if (free.length === 0 || withSeries.length < 2) return;
      const r = Random.for(seed, "parts", key);
      // Keep the members' own proportions (calibrated to their targets) when they have them.
      const own = free.map((m) => {
        const xs = span.map((y) => seriesOf.get(m.id)!.get(y) ?? 0);
        return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      });
      const base = own.every((x) => x > 0) ? own : r.shares(free.length, 0.15);
      for (const y of span) {
        const remaining = total(y) - fixed.reduce((s, m) => s + (seriesOf.get(m.id)!.get(y) ?? 0), 0);
        if (!(remaining > 0)) continue;
        const wobble = free.map((_, i) => base[i]! * r.range(0.93, 1.07));
        const sum = wobble.reduce((s, x) => s + x, 0);
        free.forEach((m, i) => seriesOf.get(m.id)!.set(y, (remaining * wobble[i]!) / sum));
      }
      for (const m of free) done.add(codeOfRow(m) ?? "");
    };
    for (const rule of sumRules) {
      const members = appRows.filter((r) => rule.of!.includes(codeOfRow(r) ?? ""));
      normalise(members, () => 100, `${app.code}:rule:${rule.of!.join(",")}`);
    }
    for (const parent of appRows) {
      const children = (kids.get(parent.id) ?? []).filter((c) => seriesOf.has(c.id));
      if (children.length === 0) continue;
      const parentSeries = seriesOf.get(parent.id);
      const parentUnit = parent.unit ?? (parent.indicatorId ? indicatorById.get(parent.indicatorId)?.unit : undefined);
      const childSpec = (c: AppendixRowRow) => specOf(c, indicatorById.get(c.indicatorId!)!);
      if (parentSeries && parentUnit && !unitKey(parentUnit).startsWith("%")) {
        const parts = children.filter((c) => unitKey(childSpec(c).unit) === unitKey(parentUnit) && classifySeries(childSpec(c)) !== "growth");
        if (parts.length === 1 && !done.has(codeOfRow(parts[0]!) ?? "")) {
          // "Trong đó": one part of the parent, a stable share of it.
          const share = Random.for(seed, "part", rowKey(parts[0]!)).range(0.12, 0.45);
          const s = seriesOf.get(parts[0]!.id)!;
          for (const y of span) s.set(y, (parentSeries.get(y) ?? 0) * share * (1 + 0.03 * Math.sin(y)));
          done.add(codeOfRow(parts[0]!) ?? "");
        } else normalise(parts, (y) => parentSeries.get(y) ?? 0, rowKey(parent));
      } else {
        const shares = children.filter((c) => classifySeries(childSpec(c)) === "share");
        const heading = /cơ cấu|tỷ trọng|cán cân/i.test(parent.name) || parent.target?.trim() === "100";
        if (heading) normalise(shares, () => 100, rowKey(parent));
      }
    }

    // 3. rows to write: those reported by a selected agency
    for (const r of appRows) {
      const reporter = reporterOf(r);
      if (!reporter) continue;
      const ind = r.indicatorId ? indicatorById.get(r.indicatorId) : undefined;
      const series = seriesOf.get(r.id);
      const at = writtenAt(reporter);
      const userId = officerOf(reporter.agencyId);
      if (ind && series) {
        const spec = specOf(r, ind);
        const kind = classifySeries(spec);
        for (const col of valueCols) {
          const key = `${ind.id}|${col.period}|${col.area}`;
          if (taken.has(key)) continue;
          const years = periodYears(col.period);
          const base = spec.aggregation === "cagr" || spec.aggregation === "changePerYear" ? [years[0]! - 1, ...years] : years;
          const own = years.length === 1 ? (series.get(years[0]!) ?? null) : aggregate(spec.aggregation, base.map((y) => ({ year: y, value: series.get(y) ?? null }))).value;
          let value: number | null = own;
          if (own !== null && col.area !== primaryArea) {
            const ar = Random.for(seed, "area", ind.code, col.period, col.area);
            const areaName = areas.find((a) => a.code === col.area)?.name ?? "";
            const scale = /cả nước|toàn quốc/i.test(areaName) ? ar.range(25, 45) : ar.range(4, 8);
            value =
              kind === "growth" ? own * ar.range(0.55, 0.9)
              : kind === "rate" || kind === "share" || kind === "mean-rate" ? Math.min(100, own * ar.range(0.85, 1.1))
              : kind === "level" ? own * scale
              : own * ar.range(0.8, 1.05);
          }
          if (value === null || !Number.isFinite(value)) continue;
          taken.add(key);
          const isEstimate = years.includes(lastYear);
          valueRows.push({
            indicatorId: ind.id,
            period: col.period,
            area: col.area,
            value: Number(value.toFixed(Math.min(6, spec.decimals))),
            status: isEstimate ? "uoc" : "chinh-thuc",
            source: col.area === primaryArea ? agencyName(reporter.agencyId) : "Tổng cục Thống kê",
            sourceAgencyId: reporter.agencyId,
            campaignId,
            enteredBy: userId,
            enteredAt: at,
            version: 1,
          });
        }
      }
      for (const col of proposalCols) {
        const key = `${r.id}|${col.key}|${reporter.agencyId}`;
        if (cellTaken.has(key) || !ind) continue;
        const spec = specOf(r, ind);
        const last = series?.get(lastYear) ?? null;
        const text = proposeTarget(spec, last, Random.for(seed, "proposal", rowKey(r)));
        if (!text) continue;
        cellTaken.add(key);
        cellRows.push({ campaignId, rowId: r.id, columnKey: col.key, agencyId: reporter.agencyId, text, version: 1, updatedBy: userId, updatedAt: at });
      }
    }
  }
  await insertChunked(valueRows, (chunk) => tx.insert(indicatorValues).values(chunk));
  await insertChunked(valueRows, (chunk) => tx.insert(indicatorValueHistory).values(chunk));
  await insertChunked(cellRows, (chunk) => tx.insert(appendixCellTexts).values(chunk));
  result.values = valueRows.length;
  result.cellTexts = cellRows.length;

  // =============================================================================================== records
  for (const app of [...apps].sort((a, b) => a.sortOrder - b.sortOrder)) {
    if (app.kind !== "records") continue;
    const config = app.config as Omit<TemplateRecordsAppendix, "rows">;
    const columns = config.columns ?? [];
    const appRecs = recs.filter((r) => r.appendixId === app.id);
    let sortOrder = appRecs.reduce((m, r) => Math.max(m, r.sortOrder), 0);
    const newRows: (typeof recordRows.$inferInsert)[] = [];
    for (const a of ordered.filter((x) => x.kind === "records" && x.appendixId === app.id && selected.has(x.id))) {
      const own = appRecs.filter((r) => r.agencyId === a.agencyId);
      const at = writtenAt(a);
      const userId = officerOf(a.agencyId);
      const abbreviation = dir.nameOn(a.agencyId, refDate)?.abbreviation ?? "UBND";
      if (own.length > 0) {
        for (const rec of own) {
          const r = Random.for(seed, "record", app.code, agencyCode(a.agencyId), rec.sortOrder);
          const values = { ...rec.values };
          let changed = false;
          for (const col of columns) {
            if (col.prefilled || (values[col.key] !== undefined && values[col.key] !== null && values[col.key] !== "")) continue;
            values[col.key] = recordValue(col, r, period, abbreviation, String(values[columns[0]?.key ?? ""] ?? ""));
            changed = true;
          }
          if (!changed) continue;
          await tx.update(recordRows).set({ values, updatedBy: userId, updatedAt: at, version: rec.version + 1 }).where(eq(recordRows.id, rec.id));
          result.recordRows += 1;
        }
        continue;
      }
      const r = Random.for(seed, "records", app.code, agencyCode(a.agencyId));
      const count = r.int(1, 3);
      for (let i = 0; i < count; i++) {
        const values: Record<string, string | number | null> = {};
        for (const col of columns) values[col.key] = recordValue(col, r, period, abbreviation, "");
        sortOrder += 1;
        newRows.push({ appendixId: app.id, campaignId, sortOrder, agencyId: a.agencyId, values, prefilled: false, createdBy: userId, updatedBy: userId, createdAt: at, updatedAt: at });
      }
    }
    await insertChunked(newRows, (chunk) => tx.insert(recordRows).values(chunk));
    result.recordRows += newRows.length;
  }

  // =============================================================================================== workflow
  const events: (typeof assignmentEvents.$inferInsert)[] = [];
  for (const a of ordered) {
    if (!selected.has(a.id) || a.state === "accepted") continue;
    const r = Random.for(seed, "state", assignmentKey(a));
    const x = r.next();
    const target: AssignmentRow["state"] = opts.accept ? "accepted" : x < 0.12 ? "draft" : x < 0.27 ? "submitted" : x < 0.72 ? "sent" : x < 0.9 ? "accepted" : "returned";
    const officer = officerOf(a.agencyId);
    const leader = leaderOf(a.agencyId);
    const path: Array<{ action: string; from: string; to: string; by: string | null; reason?: string }> = [];
    if (target !== "draft") path.push({ action: "submit", from: "draft", to: "submitted", by: officer });
    if (target === "sent" || target === "accepted" || target === "returned") path.push({ action: "send", from: "submitted", to: "sent", by: leader });
    if (target === "accepted") path.push({ action: "accept", from: "sent", to: "accepted", by: coordinatorUser });
    if (target === "returned")
      path.push({ action: "return", from: "sent", to: "returned", by: coordinatorUser, reason: "Đề nghị bổ sung số liệu năm cuối kỳ và làm rõ nguyên nhân của các chỉ tiêu chưa đạt." });
    if (path.length === 0 || a.state !== "draft") continue;
    const times: Date[] = [];
    let t = writtenAt(a).getTime();
    for (let i = 0; i < path.length; i++) {
      t = Math.min(opts.now.getTime() - (path.length - i) * 60_000, t + r.range(3, 30) * 3_600_000);
      times.push(new Date(t));
    }
    path.forEach((p, i) => {
      events.push({ assignmentId: a.id, campaignId, at: times[i]!, actorUserId: p.by, action: p.action, fromState: p.from, toState: p.to, reason: p.reason ?? null });
    });
    const final = path[path.length - 1]!;
    const last = times[times.length - 1]!;
    const sentIndex = path.findIndex((p) => p.action === "send");
    await tx
      .update(assignments)
      .set({
        ...(declares.has(a.id) ? { declaration: "out_of_scope", declarationReason: DECLARATION_REASON } : {}),
        state: final.to,
        stateReason: final.reason ?? null,
        stateChangedAt: last,
        stateChangedBy: final.by,
        sentAt: sentIndex >= 0 ? times[sentIndex]! : null,
        acceptedAt: final.to === "accepted" ? last : null,
        version: a.version + 1,
        updatedAt: last,
      })
      .where(eq(assignments.id, a.id));
    result.states[final.to] = (result.states[final.to] ?? 0) + 1;
    if (declares.has(a.id)) result.declared += 1;
  }
  await insertChunked(events, (chunk) => tx.insert(assignmentEvents).values(chunk));

  await container.repos.audit.record(tx, ctx, {
    action: "demo.fill",
    entityType: "campaign",
    entityId: campaignId,
    summary: `Điền dữ liệu mẫu cho đợt "${campaign.name}": ${result.filled}/${result.assignments} phần việc, ${result.sections} mục, ${result.values} số liệu`,
    after: { seed: String(seed), accept: opts.accept ?? false, fraction: opts.fraction, ...result },
  });
  return result;
}

const DECLARATION_REASON = "Nội dung của mục không thuộc phạm vi chức năng, nhiệm vụ của cơ quan; cơ quan không có nội dung, số liệu riêng để báo cáo.";

interface RecordColumnLike {
  key: string;
  title: string;
  type: string;
  options?: string[] | undefined;
  examples?: string[] | undefined;
}

const DOC_TYPES = [
  ["Kế hoạch", "KH"],
  ["Chương trình", "CTr"],
  ["Quyết định", "QĐ"],
  ["Nghị quyết", "NQ"],
  ["Chỉ thị", "CT"],
] as const;

const SUMMARIES = [
  "Về việc triển khai thực hiện Nghị quyết trên địa bàn",
  "Ban hành Chương trình hành động thực hiện Nghị quyết",
  "Về cơ chế, chính sách đặc thù phát triển kinh tế biển",
  "Về đẩy mạnh cải cách hành chính, cải thiện môi trường đầu tư",
  "Về phát triển hạ tầng giao thông kết nối vùng",
  "Về phát triển nguồn nhân lực chất lượng cao giai đoạn 2021-2025",
  "Về chuyển đổi số, xây dựng chính quyền số",
];

const ASSESSMENTS = [
  "Đã hoàn thành; các nhiệm vụ được triển khai đúng tiến độ, đạt mục tiêu đề ra.",
  "Đang triển khai; một số nhiệm vụ chậm do vướng mắc về giải phóng mặt bằng và bố trí vốn.",
  "Đã hoàn thành cơ bản; còn khó khăn về nguồn lực, đề nghị Trung ương hỗ trợ.",
  "Đang triển khai; đã hoàn thành 70% khối lượng, dự kiến hoàn thành trong năm tới.",
];

function recordValue(col: RecordColumnLike, r: Random, period: { from: number; to: number }, abbreviation: string, subject: string): string | number | null {
  const year = r.int(period.from, period.to);
  switch (col.type) {
    case "so-hieu": {
      const [kind, code] = r.pick(DOC_TYPES);
      return `${kind} số ${r.int(12, 389)}/${code}-${abbreviation.replace(/\s+/g, "")}`;
    }
    case "date":
      return `${year}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`;
    case "number":
      return r.int(1, 500);
    case "choice":
      return col.options?.length ? r.pick(col.options) : null;
    case "long-text":
      if (/đánh giá/i.test(col.title)) {
        const base = r.pick(ASSESSMENTS);
        return subject ? `${subject}: ${base.charAt(0).toLowerCase()}${base.slice(1)}` : base;
      }
      return r.pick(SUMMARIES);
    default:
      return r.pick(SUMMARIES);
  }
}

/** For tests and tools: number of words of generated text that `fillCampaign` aims at for `pages` pages. */
export function wordsForPages(pages: number): number {
  return Math.round(pages * WORDS_PER_PAGE);
}

export { countWords };
