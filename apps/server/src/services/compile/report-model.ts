// The report as data, read from the campaign in one pass: outline in order with the accepted text of each item
// (lead agency first, then cooperating agencies in their configured order), what is not yet accepted, figures,
// and the appendices with every cell computed by the domain (period aggregates, computed indicators,
// evaluations). The DOCX, the XLSX and the snapshot are all rendered from this model.

import { asc, eq, inArray } from "drizzle-orm";
import {
  expandColumns,
  type ExpandedTemplateColumn,
  type ExpandedTemplateDataColumn,
  type TemplateArea,
  type TemplateHeaderCell,
  type TemplateIndicatorsAppendix,
  type TemplateRecordsAppendix,
  type TemplateReport,
  type TemplateRequirements,
} from "@tonghop/contracts";
import {
  aggregate,
  compareWithTarget,
  computeAll,
  evaluateComposite,
  evaluateIndicator,
  formatVnDate,
  formatVnNumber,
  isAggregation,
  periodYears,
  tryParseOutlineLabel,
  tryParseTarget,
  VERDICT_LABELS,
  type Aggregation,
  type PlainDate,
  type ValueStatus,
} from "@tonghop/domain";
import type { Db } from "../../db/client.js";
import {
  appendices,
  appendixCellTexts,
  appendixRows,
  assignments,
  campaigns,
  indicators,
  indicatorValues,
  outlineItems,
  recordRows,
  reportFigures,
  sections,
  type AgencyRef,
} from "../../db/schema/index.js";
import { reads } from "../../db/reads.js";
import type { HeadingKind, Signature } from "../../exports/docx/nd30.js";
import { badRequest, notFound } from "../../http/errors.js";
import type { Directory } from "../agencies/directory.js";

export type CompileScope = { kind: "whole" } | { kind: "part"; itemId: string } | { kind: "agency"; agencyId: string };
export type CompileMode = "draft" | "final";

export const STATE_LABELS: Record<string, string> = {
  draft: "Đang soạn",
  submitted: "Trình lãnh đạo",
  sent: "Đã gửi",
  returned: "Bị trả lại",
  accepted: "Đã tiếp nhận",
};

export interface Contribution {
  agencyId: string;
  agencyName: string;
  role: "lead" | "cooperate" | "coordinator";
  html: string;
  text: string;
  wordCount: number;
}

export interface MissingWork {
  kind: "outline" | "indicators" | "records";
  /** "Phần I › II › 2.1" or "Phụ lục 2". */
  where: string;
  title: string;
  agencyId: string;
  agencyName: string;
  state: string;
  stateLabel: string;
}

export interface FigureModel {
  id: string;
  outlineItemId: string | null;
  caption: string;
  png: Buffer;
  widthPx: number;
  heightPx: number;
  number: number;
}

export interface ModelItem {
  id: string;
  label: string;
  title: string;
  depth: number;
  kind: HeadingKind;
  /** Full numbering path ("Phần II › A › I › 1"). */
  path: string;
  isLeaf: boolean;
  contributions: Contribution[];
  /** Draft marks for work not accepted: "[Chưa tiếp nhận — Sở X: Đang soạn]". */
  marks: MissingWork[];
  /** A leaf nobody is assigned and the coordinator has not written. */
  coordinatorGap: boolean;
  figures: FigureModel[];
}

export interface CellModel {
  text: string;
  /** Numeric value (for the workbook), rounded to the row's decimals. */
  value?: number;
  decimals?: number;
  estimate?: boolean;
  verdict?: string;
}

export interface IndicatorRowModel {
  rowId: string;
  tt: string;
  name: string;
  unit: string;
  depth: number;
  emphasis: "bold" | "italic" | null;
  cells: CellModel[];
  agency: string;
  indicatorCode: string | null;
}

export interface IndicatorAppendixModel {
  kind: "indicators";
  id: string;
  code: string;
  title: string;
  subtitle: string | null;
  note: string | null;
  orientation: "portrait" | "landscape";
  columns: ExpandedTemplateColumn[];
  header: TemplateHeaderCell[][];
  numbers?: string[];
  rows: IndicatorRowModel[];
  hasEstimates: boolean;
  marks: MissingWork[];
}

export interface RecordAppendixModel {
  kind: "records";
  id: string;
  code: string;
  title: string;
  subtitle: string | null;
  note: string | null;
  orientation: "portrait" | "landscape";
  columns: ExpandedTemplateColumn[];
  header: TemplateHeaderCell[][];
  rows: Array<{ id: string; cells: string[] }>;
  marks: MissingWork[];
}

export type AppendixModel = IndicatorAppendixModel | RecordAppendixModel;

export interface ReportModel {
  campaignId: string;
  campaignName: string;
  coordinatorAgencyId: string;
  scope: CompileScope;
  scopeLabel: string;
  mode: CompileMode;
  system: "nha-nuoc" | "dang";
  parent: string | null;
  issuer: string;
  symbol: string;
  place: string;
  date: PlainDate;
  number: number | null;
  title: string;
  summary: string;
  signature: Signature;
  recipients: string[];
  pageLimit: number | null;
  items: ModelItem[];
  /** Figures anchored to no item (after the body). */
  looseFigures: FigureModel[];
  appendices: AppendixModel[];
  missing: MissingWork[];
  warnings: string[];
}

export interface BuildModelInput {
  campaignId: string;
  scope: CompileScope;
  mode: CompileMode;
  date: PlainDate;
  number?: number | null;
}

type ItemRow = typeof outlineItems.$inferSelect;
type AssignmentRow = typeof assignments.$inferSelect;
type RowRow = typeof appendixRows.$inferSelect;

const HEADING_OF: Record<string, HeadingKind> = {
  part: "part",
  "upper-letter": "upper",
  roman: "roman",
  arabic: "arabic",
  decimal: "decimal",
  letter: "letter",
  "roman-paren": "roman-paren",
  dash: "dash",
  plus: "dash",
};

function headingKind(label: string): HeadingKind {
  const parsed = tryParseOutlineLabel(label);
  return parsed ? (HEADING_OF[parsed.scheme] ?? "arabic") : "arabic";
}

/** Signature of an agency's own report, from the kind of agency it is. */
export function agencySignature(name: string): { signature: Signature; system: "nha-nuoc" | "dang" } {
  const n = name.trim();
  if (/^(Thành ủy|Quận ủy|Huyện ủy|Đảng ủy)/i.test(n)) return { system: "dang", signature: { authority: "T/M BAN THƯỜNG VỤ", title: "BÍ THƯ" } };
  if (/^Ban .* (Thành ủy|Quận ủy|Huyện ủy)$/i.test(n) || /^Văn phòng Thành ủy/i.test(n)) return { system: "dang", signature: { title: /^Văn phòng/i.test(n) ? "CHÁNH VĂN PHÒNG" : "TRƯỞNG BAN" } };
  if (/^Ủy ban nhân dân/i.test(n)) return { system: "nha-nuoc", signature: { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" } };
  if (/^Sở /i.test(n) || /^Công an/i.test(n)) return { system: "nha-nuoc", signature: { title: "GIÁM ĐỐC" } };
  if (/^Cục /i.test(n)) return { system: "nha-nuoc", signature: { title: "CỤC TRƯỞNG" } };
  if (/^Bộ Chỉ huy/i.test(n)) return { system: "nha-nuoc", signature: { title: "CHỈ HUY TRƯỞNG" } };
  if (/^Trường/i.test(n)) return { system: "nha-nuoc", signature: { title: "HIỆU TRƯỞNG" } };
  if (/^Văn phòng/i.test(n)) return { system: "nha-nuoc", signature: { title: "CHÁNH VĂN PHÒNG" } };
  if (/^Ban /i.test(n)) return { system: "nha-nuoc", signature: { title: "TRƯỞNG BAN" } };
  if (/^Thường trực Hội đồng nhân dân/i.test(n)) return { system: "nha-nuoc", signature: { authority: "TM. THƯỜNG TRỰC HĐND", title: "CHỦ TỊCH" } };
  return { system: "nha-nuoc", signature: { title: "THỦ TRƯỞNG CƠ QUAN" } };
}

function recordCellText(type: string | undefined, v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return formatVnNumber(v);
  if (type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatVnDate(v);
  return v;
}

async function loadFigures(db: Db, campaignId: string): Promise<Array<Omit<FigureModel, "number"> & { sortOrder: number }>> {
  const rows = await db
    .select({ id: reportFigures.id, outlineItemId: reportFigures.outlineItemId, caption: reportFigures.caption, png: reportFigures.imagePng, widthPx: reportFigures.widthPx, heightPx: reportFigures.heightPx, sortOrder: reportFigures.sortOrder })
    .from(reportFigures)
    .where(eq(reportFigures.campaignId, campaignId))
    .orderBy(asc(reportFigures.sortOrder), asc(reportFigures.createdAt));
  return rows;
}

export async function buildReportModel(db: Db, dir: Directory, input: BuildModelInput): Promise<ReportModel> {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, input.campaignId));
  if (!campaign) throw notFound("đợt tổng hợp");
  const refDate = campaign.referenceDate;
  const nameOf = (id: string) => dir.displayName(id, refDate);
  const report = campaign.report as TemplateReport;
  const requirements = campaign.requirements as TemplateRequirements;
  const areas = campaign.areas as TemplateArea[];
  const primaryArea = (areas.find((a) => a.primary) ?? areas[0])?.code ?? "HP";

  const [items, apps, rows, recs, asg, secs] = await reads(db, [
    () => db.select().from(outlineItems).where(eq(outlineItems.campaignId, campaign.id)),
    () => db.select().from(appendices).where(eq(appendices.campaignId, campaign.id)),
    () => db.select().from(appendixRows).where(eq(appendixRows.campaignId, campaign.id)),
    () => db.select().from(recordRows).where(eq(recordRows.campaignId, campaign.id)),
    () => db.select().from(assignments).where(eq(assignments.campaignId, campaign.id)),
    () => db
      .select({ outlineItemId: sections.outlineItemId, agencyId: sections.agencyId, html: sections.html, text: sections.text, wordCount: sections.wordCount })
      .from(sections)
      .where(eq(sections.campaignId, campaign.id)),
  ]);

  const scope = input.scope;
  const itemById = new Map(items.map((i) => [i.id, i]));
  const childrenOf = new Map<string | null, ItemRow[]>();
  for (const i of items) {
    const l = childrenOf.get(i.parentId) ?? [];
    l.push(i);
    childrenOf.set(i.parentId, l);
  }
  for (const l of childrenOf.values()) l.sort((a, b) => a.sortOrder - b.sortOrder);

  // --- scope
  let scopeLabel = "Toàn văn báo cáo";
  let inScope: (item: ItemRow) => boolean = () => true;
  const partSubtree = new Set<string>();
  if (scope.kind === "part") {
    const root = itemById.get(scope.itemId);
    if (!root) throw badRequest("Mục đề cương được chọn không thuộc đợt này.", { field: "itemId" });
    const subtree = partSubtree;
    const walk = (i: ItemRow) => {
      subtree.add(i.id);
      for (const c of childrenOf.get(i.id) ?? []) walk(c);
    };
    walk(root);
    const ancestors = new Set<string>();
    for (let p = root.parentId ? itemById.get(root.parentId) : undefined; p; p = p.parentId ? itemById.get(p.parentId) : undefined) ancestors.add(p.id);
    inScope = (i) => subtree.has(i.id) || ancestors.has(i.id);
    scopeLabel = `${root.label} ${root.title}`.trim();
  }
  const scopeAgency = scope.kind === "agency" ? scope.agencyId : null;
  if (scopeAgency) {
    if (!asg.some((a) => a.agencyId === scopeAgency)) throw badRequest(`${nameOf(scopeAgency)} không có phần việc nào trong đợt này.`, { field: "agencyId" });
    scopeLabel = `Phần của ${nameOf(scopeAgency)}`;
  }

  // --- who covers which item: walk down from each assignment's item through descendants without own agencies
  const hasOwn = (i: ItemRow) => i.lead.length > 0 || i.cooperate.length > 0;
  const coveringOf = new Map<string, AssignmentRow[]>();
  for (const a of asg) {
    if (a.kind !== "outline" || !a.outlineItemId) continue;
    const visit = (i: ItemRow) => {
      const l = coveringOf.get(i.id) ?? [];
      l.push(a);
      coveringOf.set(i.id, l);
      for (const c of childrenOf.get(i.id) ?? []) if (!hasOwn(c)) visit(c);
    };
    const root = itemById.get(a.outlineItemId);
    if (root) visit(root);
  }
  const orderWriters = (list: AssignmentRow[]) =>
    [...list].sort((x, y) => (x.role === y.role ? x.roleOrder - y.roleOrder || nameOf(x.agencyId).localeCompare(nameOf(y.agencyId), "vi") : x.role === "lead" ? -1 : 1));
  const sectionOf = new Map(secs.map((s) => [`${s.outlineItemId}|${s.agencyId}`, s]));
  const missing: MissingWork[] = [];
  const warnings: string[] = [];
  const state = (a: AssignmentRow) => ({ state: a.state, stateLabel: STATE_LABELS[a.state] ?? a.state });
  const pathOf = (i: ItemRow): string => {
    const parts: string[] = [];
    for (let cur: ItemRow | undefined = i; cur; cur = cur.parentId ? itemById.get(cur.parentId) : undefined) parts.unshift(cur.label);
    return parts.join(" › ");
  };

  // --- figures
  const rawFigures = await loadFigures(db, campaign.id);
  const figuresByItem = new Map<string | null, typeof rawFigures>();
  for (const f of rawFigures) {
    const key = f.outlineItemId && itemById.has(f.outlineItemId) ? f.outlineItemId : null;
    const l = figuresByItem.get(key) ?? [];
    l.push(f);
    figuresByItem.set(key, l);
  }

  // --- outline in order
  const model: ModelItem[] = [];
  let figureNo = 0;
  const agencyItems = new Set<string>();
  if (scopeAgency) {
    // The agency's report: the items it writes (leaves it covers) and their ancestors as headings.
    for (const [itemId, list] of coveringOf) {
      if (!list.some((a) => a.agencyId === scopeAgency)) continue;
      for (let cur = itemById.get(itemId); cur; cur = cur.parentId ? itemById.get(cur.parentId) : undefined) agencyItems.add(cur.id);
    }
  }
  const visit = (parent: string | null, depth: number) => {
    for (const item of childrenOf.get(parent) ?? []) {
      if (!inScope(item) || (scopeAgency && !agencyItems.has(item.id))) continue;
      const kids = childrenOf.get(item.id) ?? [];
      const isLeaf = kids.length === 0;
      const covering = orderWriters(coveringOf.get(item.id) ?? []);
      const contributions: Contribution[] = [];
      const marks: MissingWork[] = [];
      const writers = scopeAgency ? covering.filter((a) => a.agencyId === scopeAgency) : covering;
      for (const a of writers) {
        const sec = sectionOf.get(`${item.id}|${a.agencyId}`);
        const accepted = a.state === "accepted";
        // An agency's own report shows its current text whatever the state; the campaign report only accepted text.
        if ((accepted || scopeAgency) && sec && sec.text.trim() !== "") {
          contributions.push({ agencyId: a.agencyId, agencyName: nameOf(a.agencyId), role: a.role === "cooperate" ? "cooperate" : "lead", html: sec.html, text: sec.text, wordCount: sec.wordCount });
        }
        const blocking = scopeAgency ? a.state === "draft" || a.state === "returned" : !accepted;
        // Only mark where the agency writes: the leaf items (or the assigned item itself when it has text).
        if (blocking && (isLeaf || sec)) {
          const m: MissingWork = { kind: "outline", where: pathOf(item), title: item.title, agencyId: a.agencyId, agencyName: nameOf(a.agencyId), ...state(a) };
          marks.push(m);
        }
      }
      let coordinatorGap = false;
      if (covering.length === 0 && !scopeAgency) {
        const sec = sectionOf.get(`${item.id}|${campaign.coordinatorAgencyId}`);
        if (sec && sec.text.trim() !== "") {
          contributions.push({ agencyId: campaign.coordinatorAgencyId, agencyName: nameOf(campaign.coordinatorAgencyId), role: "coordinator", html: sec.html, text: sec.text, wordCount: sec.wordCount });
        } else if (isLeaf) {
          coordinatorGap = true;
          warnings.push(`Mục ${pathOf(item)} "${item.title}" chưa có nội dung (phần do ${nameOf(campaign.coordinatorAgencyId)} viết).`);
        }
      }
      // Dedupe marks per assignment (a whole group covering many leaves is listed once per leaf it writes).
      missing.push(...marks);
      const figures = (figuresByItem.get(item.id) ?? []).map((f) => ({ ...f, number: ++figureNo }));
      model.push({ id: item.id, label: item.label, title: item.title, depth, kind: headingKind(item.label), path: pathOf(item), isLeaf, contributions, marks, coordinatorGap, figures });
      visit(item.id, depth + 1);
    }
  };
  visit(null, 0);
  const looseFigures = scope.kind === "whole" ? (figuresByItem.get(null) ?? []).map((f) => ({ ...f, number: ++figureNo })) : [];

  // --- appendices in scope
  const wantedCodes = scope.kind === "part" ? new Set(items.filter((i) => partSubtree.has(i.id)).flatMap((i) => i.appendixCodes)) : null;
  const appendixModels: AppendixModel[] = [];
  const rowAsg = asg.filter((a) => a.kind !== "outline");
  const indicatorIds = [...new Set(rows.map((r) => r.indicatorId).filter((x): x is string => !!x))];
  const catalogue = indicatorIds.length ? await db.select().from(indicators).where(inArray(indicators.id, indicatorIds)) : [];
  // Computed indicators may use indicators outside the appendix: load those too.
  const exprRefs = new Set<string>();
  for (const i of catalogue) if (i.expression) for (const m of i.expression.match(/[A-Z][A-Z0-9_]*/g) ?? []) exprRefs.add(m);
  const extra = exprRefs.size ? await db.select().from(indicators).where(inArray(indicators.code, [...exprRefs])) : [];
  const allIndicators = new Map([...catalogue, ...extra].map((i) => [i.id, i]));
  const values = allIndicators.size
    ? await db
        .select({ indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, area: indicatorValues.area, value: indicatorValues.value, status: indicatorValues.status })
        .from(indicatorValues)
        .where(inArray(indicatorValues.indicatorId, [...allIndicators.keys()]))
    : [];
  const valueOf = new Map(values.map((v) => [`${v.indicatorId}|${v.period}|${v.area}`, v]));
  const cellTexts = await db.select().from(appendixCellTexts).where(eq(appendixCellTexts.campaignId, campaign.id));
  const computedDefs = [...allIndicators.values()].filter((i) => i.expression).map((i) => ({ code: i.code, expression: i.expression! }));
  const computedCache = new Map<string, Record<string, number | null>>();
  const computedAt = (period: string, area: string): Record<string, number | null> => {
    const key = `${period}|${area}`;
    let r = computedCache.get(key);
    if (!r) {
      const base = new Map<string, number | null>();
      for (const i of allIndicators.values()) {
        if (i.expression) continue;
        const v = valueOf.get(`${i.id}|${period}|${area}`);
        base.set(i.code, v?.value ?? null);
      }
      r = computeAll(computedDefs, base).values;
      computedCache.set(key, r);
    }
    return r;
  };

  for (const app of [...apps].sort((a, b) => a.sortOrder - b.sortOrder)) {
    if (wantedCodes && !wantedCodes.has(app.code)) continue;
    const appAsg = rowAsg.filter((a) => a.appendixId === app.id);
    if (scopeAgency && !appAsg.some((a) => a.agencyId === scopeAgency)) continue;
    const marks: MissingWork[] = appAsg
      .filter((a) => (scopeAgency ? a.agencyId === scopeAgency && (a.state === "draft" || a.state === "returned") : a.state !== "accepted"))
      .map((a) => ({ kind: a.kind as "indicators" | "records", where: app.title, title: app.subtitle ?? app.title, agencyId: a.agencyId, agencyName: nameOf(a.agencyId), ...state(a) }));
    missing.push(...marks);
    const orientation = ((app.config as { orientation?: string }).orientation ?? (app.kind === "indicators" ? "landscape" : "portrait")) as "portrait" | "landscape";
    if (app.kind === "indicators") {
      const config = { ...(app.config as Omit<TemplateIndicatorsAppendix, "rows">), rows: [] } as TemplateIndicatorsAppendix;
      const expanded = expandColumns(config, areas);
      const appRows = rows.filter((r) => r.appendixId === app.id);
      const rowById = new Map(appRows.map((r) => [r.id, r]));
      const kids = new Map<string | null, RowRow[]>();
      for (const r of appRows) {
        const l = kids.get(r.parentId) ?? [];
        l.push(r);
        kids.set(r.parentId, l);
      }
      for (const l of kids.values()) l.sort((a, b) => a.sortOrder - b.sortOrder);
      const leadOf = (r: RowRow): AgencyRef[] => {
        for (let cur: RowRow | undefined = r; cur; cur = cur.parentId ? rowById.get(cur.parentId) : undefined) if (cur.lead.length) return cur.lead;
        return [];
      };
      const reportsRow = (r: RowRow, agencyId: string) =>
        r.addedByAgencyId === agencyId || leadOf(r).some((ref) => (ref.kind === "group" ? dir.groupMemberIds(ref.id, refDate).includes(agencyId) : ref.id === agencyId));
      const keep = new Set<string>();
      if (scopeAgency) {
        for (const r of appRows) {
          if (!reportsRow(r, scopeAgency)) continue;
          for (let cur: RowRow | undefined = r; cur; cur = cur.parentId ? rowById.get(cur.parentId) : undefined) keep.add(cur.id);
        }
      }
      const out: IndicatorRowModel[] = [];
      let hasEstimates = false;
      const visitRows = (parent: string | null, depth: number) => {
        for (const r of kids.get(parent) ?? []) {
          if (scopeAgency && !keep.has(r.id)) continue;
          const ind = r.indicatorId ? allIndicators.get(r.indicatorId) : undefined;
          const decimals = r.decimals ?? ind?.decimals ?? 2;
          const aggregation: Aggregation = isAggregation(r.aggregation) ? r.aggregation : ind && isAggregation(ind.aggregation) ? ind.aggregation : "last";
          const direction = (r.direction ?? ind?.direction) === "lower" ? "lower" : "higher";
          const raw = (period: string, area: string): { value: number | null; status: ValueStatus | null } => {
            if (!ind) return { value: null, status: null };
            if (ind.expression) return { value: computedAt(period, area)[ind.code] ?? null, status: null };
            const v = valueOf.get(`${ind.id}|${period}|${area}`);
            return { value: v?.value ?? null, status: (v?.status as ValueStatus | undefined) ?? null };
          };
          const valueCell = (col: Extract<ExpandedTemplateDataColumn, { kind: "value" }>): CellModel => {
            let { value, status } = raw(col.period, col.area);
            const years = periodYears(col.period);
            if (col.mode === "computed" && years.length > 1) {
              const base = aggregation === "cagr" || aggregation === "changePerYear" ? [years[0]! - 1, ...years] : years;
              const series = base.map((y) => ({ year: y, ...raw(String(y), col.area) }));
              value = aggregate(aggregation, series.map((s) => ({ year: s.year, value: s.value }))).value;
              status = series.some((s) => s.status === "uoc") ? "uoc" : series.some((s) => s.status === "so-bo") ? "so-bo" : value === null ? null : "chinh-thuc";
            }
            if (value === null || !Number.isFinite(value)) return { text: "" };
            const rounded = Number(value.toFixed(Math.min(10, decimals)));
            const estimate = status === "uoc";
            if (estimate) hasEstimates = true;
            return { text: formatVnNumber(value, decimals), value: rounded, decimals, estimate };
          };
          const evaluationCell = (period: string): CellModel => {
            if (!r.target || !ind) return { text: "" };
            const parsed = tryParseTarget(r.target);
            if (!parsed.ok) return { text: "" };
            const years = periodYears(period);
            try {
              if (parsed.target.comparator === "composite") {
                const comps = (kids.get(r.id) ?? []).map((c) => ({ row: c, ind: c.indicatorId ? allIndicators.get(c.indicatorId) : undefined })).filter((c) => c.ind);
                const result = evaluateComposite({
                  target: parsed.target,
                  decimals,
                  years,
                  components: comps.map((c) => ({ name: c.row.name, direction: (c.row.direction ?? c.ind!.direction) === "lower" ? "lower" : "higher", values: Object.fromEntries(years.map((y) => [y, valueOf.get(`${c.ind!.id}|${y}|${primaryArea}`)?.value ?? null])) })),
                });
                return { text: result.label, verdict: result.verdict };
              }
              const yearValues = Object.fromEntries(years.map((y) => [y, raw(String(y), primaryArea)]));
              const haveYears = years.some((y) => yearValues[y]!.value !== null);
              if (!haveYears) {
                const p = raw(period, primaryArea);
                if (p.value === null) return { text: VERDICT_LABELS["thieu-so-lieu"], verdict: "thieu-so-lieu" };
                const cmp = compareWithTarget(parsed.target, parsed.target.perYear && aggregation === "sum" ? p.value / years.length : p.value, direction, decimals);
                return { text: VERDICT_LABELS[cmp.verdict], verdict: cmp.verdict };
              }
              const base = aggregation === "cagr" || aggregation === "changePerYear" ? [years[0]! - 1, ...years] : years;
              const result = evaluateIndicator({ target: parsed.target, aggregation, direction, decimals, years: base, values: base.map((y) => { const v = raw(String(y), primaryArea); return v.status ? { year: y, value: v.value, status: v.status } : { year: y, value: v.value }; }) });
              return { text: result.label, verdict: result.verdict };
            } catch {
              return { text: "" };
            }
          };
          const cells: CellModel[] = expanded.leaves.map((col) => {
            const c = col as ExpandedTemplateDataColumn;
            switch (c.kind) {
              case "value":
                return ind ? valueCell(c) : { text: "" };
              case "target":
                return { text: r.target ?? "" };
              case "evaluation":
                return evaluationCell(c.period);
              case "proposal":
              case "note":
                return { text: cellTexts.filter((t) => t.rowId === r.id && t.columnKey === c.key && (!scopeAgency || t.agencyId === scopeAgency)).map((t) => t.text).join("; ") };
            }
          });
          const agency = r.lead.length ? r.lead.map((l) => l.name).join(", ") : r.addedByAgencyId ? nameOf(r.addedByAgencyId) : "";
          out.push({ rowId: r.id, tt: r.tt ?? "", name: r.name, unit: r.unit ?? ind?.unit ?? "", depth, emphasis: r.emphasis === "bold" || r.emphasis === "italic" ? r.emphasis : null, cells, agency, indicatorCode: ind?.code ?? null });
          visitRows(r.id, depth + 1);
        }
      };
      visitRows(null, 0);
      appendixModels.push({
        kind: "indicators",
        id: app.id,
        code: app.code,
        title: app.title,
        subtitle: app.subtitle,
        note: (app.config as { note?: string }).note ?? null,
        orientation,
        columns: expanded.columns,
        header: expanded.header,
        ...(expanded.numbers ? { numbers: expanded.numbers } : {}),
        rows: out,
        hasEstimates,
        marks,
      });
    } else {
      const config = { ...(app.config as Omit<TemplateRecordsAppendix, "rows">), rows: [] } as TemplateRecordsAppendix;
      const expanded = expandColumns(config, areas);
      const types = new Map(config.columns.map((c) => [c.key, c.type]));
      const list = recs
        .filter((r) => r.appendixId === app.id && (!scopeAgency || r.agencyId === scopeAgency))
        .sort((a, b) => a.sortOrder - b.sortOrder);
      const rowsOut = list.map((r, i) => ({
        id: r.id,
        cells: expanded.columns.map((c) => (c.kind === "rowNumber" ? String(i + 1) : c.kind === "agency" ? nameOf(r.agencyId) : recordCellText(types.get(c.key), r.values[c.key]))),
      }));
      appendixModels.push({
        kind: "records",
        id: app.id,
        code: app.code,
        title: app.title,
        subtitle: app.subtitle,
        note: (app.config as { note?: string }).note ?? null,
        orientation,
        columns: expanded.columns,
        header: expanded.header,
        rows: rowsOut,
        marks,
      });
    }
  }

  // --- identity
  let system = report.system;
  let parent = report.issuer.parent ?? null;
  let issuer = report.issuer.name;
  let symbol = report.symbol;
  let signature: Signature = { ...report.signature };
  let recipients = report.recipients;
  let summary = report.summary;
  if (scopeAgency) {
    const agency = dir.agency(scopeAgency);
    const nameRow = dir.nameOn(scopeAgency, refDate);
    const own = agencySignature(nameOf(scopeAgency));
    system = own.system;
    parent = agency?.parentId ? nameOf(agency.parentId) : null;
    issuer = nameOf(scopeAgency);
    const abbr = (nameRow?.abbreviation ?? "CQ").replace(/\s+/g, "");
    symbol = system === "dang" ? `BC/${abbr}` : `BC-${abbr}`;
    signature = own.signature;
    recipients = [`${nameOf(campaign.coordinatorAgencyId)} (để tổng hợp);`, "Lưu: VT."];
    summary = `${report.summary} (phần của ${nameOf(scopeAgency)})`;
  } else if (scope.kind === "part") {
    summary = `${report.summary} — ${scopeLabel}`;
  }
  const pageLimit = requirements.pages?.max ?? null;
  return {
    campaignId: campaign.id,
    campaignName: campaign.name,
    coordinatorAgencyId: campaign.coordinatorAgencyId,
    scope,
    scopeLabel,
    mode: input.mode,
    system,
    parent,
    issuer,
    symbol,
    place: report.place,
    date: input.date,
    number: input.number ?? null,
    title: report.title,
    summary,
    signature,
    recipients,
    pageLimit: scope.kind === "whole" ? pageLimit : null,
    items: model,
    looseFigures,
    appendices: appendixModels,
    missing,
    warnings,
  };
}
