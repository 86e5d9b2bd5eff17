// The indicator dashboard as data, computed from a campaign's configuration and the figures — no directive is
// special: the appendix columns (expandColumns leaves: value columns with period and area, target, evaluation),
// the row tree, the catalogue (direction, aggregation, decimals, expressions) and indicator_values drive everything.
//
// Per indicator row: the yearly series of every area that has year columns, the period values (aggregated from the
// years by the row's aggregation when the column is computed, else the entered figure), the target of the row for
// the period of the target column and its evaluation (domain evaluateIndicator / evaluateComposite), the change
// since the first year column (the base year, "so với năm 2018"), the primary area against the other areas for the
// latest period that has several areas, the weakest status of the figures used, the group (top-level row) and the
// lead agencies. Structures (shares that a `sum` validation says total 100, or a composite target) become data for
// 100 % stacked bars.
//
// Direction "neutral" (no better way): a range or a bound target is still judged — inside is Đạt, outside is
// Không đạt, never Vượt; a plain value target is not judged.

import {
  expandColumns,
  templatePeriodYears,
  type AreaSeriesDto,
  type AreaVersusDto,
  type AssessmentCountsDto,
  type AssessmentKey,
  type DirectionKey,
  type EvaluationDto,
  type ExpandedTemplateDataColumn,
  type GroupOverviewDto,
  type IndicatorAnalysisDto,
  type IndicatorDashboardDto,
  type PeriodValueDto,
  type StructureDto,
  type TargetDto,
  type TemplateArea,
  type TemplateIndicatorsAppendix,
  type TemplatePeriod,
  type TemplateValidation,
  type TrendDto,
  type VerdictCountsDto,
  type YearPointDto,
} from "@tonghop/contracts";
import {
  AGGREGATION_LABELS,
  aggregate,
  buildDependencyGraph,
  comparePeriods,
  compareWithTarget,
  evaluateComposite,
  evaluateExpression,
  evaluateIndicator,
  isAggregation,
  parseExpression,
  roundTo,
  tryParsePeriod,
  tryParseTarget,
  VERDICT_LABELS,
  weakerStatus,
  worstVerdict,
  type Aggregation,
  type Expression,
  type Target,
  type ValueStatus,
  type Verdict,
} from "@tonghop/domain";

export interface AgencyRefLike {
  kind: "agency" | "group";
  id: string;
  name: string;
}

export interface AnalysisRow {
  id: string;
  appendixId: string;
  parentId: string | null;
  sortOrder: number;
  tt: string | null;
  name: string;
  indicatorId: string | null;
  unit: string | null;
  target: string | null;
  aggregation: string | null;
  direction: string | null;
  decimals: number | null;
  lead: AgencyRefLike[];
  addedByAgencyId: string | null;
}

export interface AnalysisIndicator {
  id: string;
  code: string;
  name: string;
  unit: string;
  direction: string;
  aggregation: string;
  decimals: number;
  expression: string | null;
}

export interface AnalysisAppendix {
  id: string;
  code: string;
  title: string;
  subtitle: string | null;
  sortOrder: number;
  kind: string;
  /** The template appendix without its rows. */
  config: unknown;
}

export interface AnalysisValue {
  indicatorId: string;
  period: string;
  area: string;
  value: number | null;
  status: string;
}

export interface AnalysisInput {
  campaign: { id: string; code: string; name: string; status: string; referenceDate: string; areas: TemplateArea[]; periods: TemplatePeriod[] };
  appendices: AnalysisAppendix[];
  rows: AnalysisRow[];
  /** Every indicator the rows use, plus those their expressions refer to. */
  indicators: AnalysisIndicator[];
  values: AnalysisValue[];
  /** Name of an agency (as of the reference date). */
  agencyName: (id: string) => string;
  /** Agencies of a reference (a group expanded as of the reference date). */
  expandRef: (ref: AgencyRefLike) => string[];
  now: Date;
}

interface Figure {
  value: number | null;
  status: ValueStatus | null;
}

const NONE: Figure = { value: null, status: null };
const STATUSES = new Set(["uoc", "so-bo", "chinh-thuc"]);
const BULLETS = new Set(["-", "+", "*", "–", "•"]);

export const NOT_JUDGED_NOTE = "Chỉ tiêu không có chiều tốt xác định: chỉ đánh giá khi mục tiêu là một khoảng hoặc một cận.";

function asStatus(s: string | null | undefined): ValueStatus | null {
  return s && STATUSES.has(s) ? (s as ValueStatus) : null;
}

function directionOf(row: AnalysisRow, ind: AnalysisIndicator | undefined): DirectionKey {
  const d = row.direction ?? ind?.direction ?? "higher";
  return d === "lower" ? "lower" : d === "neutral" ? "neutral" : "higher";
}

function aggregationOf(row: AnalysisRow, ind: AnalysisIndicator | undefined): Aggregation {
  if (isAggregation(row.aggregation)) return row.aggregation;
  if (ind && isAggregation(ind.aggregation)) return ind.aggregation;
  return "last";
}

const yearsMemo = new Map<string, number[]>();
/** The years of a period key ("2019-2023" → 2019…2023, "2023" → 2023), memoised (keys are few). */
function yearsOfPeriod(period: string): number[] {
  let ys = yearsMemo.get(period);
  if (!ys) {
    ys = templatePeriodYears(period);
    if (yearsMemo.size < 1000) yearsMemo.set(period, ys);
  }
  return ys;
}

/** The years read to aggregate a period: cagr and changePerYear start from the year before the period. */
export function baseYears(aggregation: Aggregation, years: readonly number[]): number[] {
  if (years.length === 0) return [];
  return aggregation === "cagr" || aggregation === "changePerYear" ? [years[0]! - 1, ...years] : [...years];
}

function isYear(period: string): boolean {
  return /^\d{4}$/.test(period);
}

export function assess(direction: DirectionKey, difference: number, decimals: number): AssessmentKey | null {
  if (direction === "neutral") return null;
  const d = roundTo(difference, decimals);
  if (d === 0) return "same";
  return d > 0 === (direction === "higher") ? "better" : "worse";
}

/** Verdict of a neutral indicator against a range or a bound: inside Đạt, outside Không đạt. */
function neutralVerdict(target: Target, verdictAsHigher: Exclude<Verdict, "thieu-so-lieu">): Exclude<Verdict, "thieu-so-lieu"> {
  if (verdictAsHigher !== "vuot") return verdictAsHigher;
  // "Vượt" as if higher were better: above the range (outside) or above a lower bound (inside).
  return target.comparator === "range" ? "khong-dat" : "dat";
}

function judgesNeutral(target: Target): boolean {
  return target.comparator === "range" || target.comparator === ">=" || target.comparator === ">" || target.comparator === "<=" || target.comparator === "<";
}

function targetDto(period: string, text: string, parsed: ReturnType<typeof tryParseTarget>): TargetDto {
  if (!parsed.ok) {
    return { period, text, comparator: null, value: null, min: null, max: null, components: null, perYear: false, percent: false, error: parsed.error };
  }
  const t = parsed.target;
  return {
    period,
    text,
    comparator: t.comparator,
    value: t.value ?? null,
    min: t.min ?? null,
    max: t.max ?? null,
    components: t.components ?? null,
    perYear: t.perYear,
    percent: t.percent,
    error: null,
  };
}

function emptyVerdicts(): VerdictCountsDto {
  return { vuot: 0, dat: 0, "khong-dat": 0, "thieu-so-lieu": 0, none: 0 };
}
function emptyAssessments(): AssessmentCountsDto {
  return { better: 0, same: 0, worse: 0, na: 0 };
}

function periodText(periods: readonly TemplatePeriod[], key: string): string {
  const declared = periods.find((p) => p.key === key)?.label;
  if (declared) return declared;
  if (isYear(key)) return `Năm ${key}`;
  const p = tryParsePeriod(key);
  return p && p.years.length > 1 ? `Giai đoạn ${p.years[0]}-${p.years[p.years.length - 1]}` : key;
}

function byPeriod(a: string, b: string): number {
  try {
    return comparePeriods(a, b);
  } catch {
    return a.localeCompare(b);
  }
}

export function analyseIndicators(input: AnalysisInput): IndicatorDashboardDto {
  const { campaign } = input;
  const areas = campaign.areas;
  const primaryArea = (areas.find((a) => a.primary) ?? areas[0])?.code ?? "";
  const areaName = (code: string) => areas.find((a) => a.code === code)?.name ?? code;

  // --- figures
  const indicatorById = new Map(input.indicators.map((i) => [i.id, i]));
  const figureOf = new Map<string, Figure>();
  for (const v of input.values) {
    figureOf.set(`${v.indicatorId}|${v.period}|${v.area}`, { value: v.value !== null && Number.isFinite(v.value) ? v.value : null, status: asStatus(v.status) });
  }
  // Computed indicators: the dependency order and the parsed expressions once, evaluated per period and area.
  const computedDefs = input.indicators.filter((i) => i.expression).map((i) => ({ code: i.code, expression: i.expression! }));
  const baseIndicators = input.indicators.filter((i) => !i.expression);
  const graph = computedDefs.length ? buildDependencyGraph(computedDefs, baseIndicators.map((i) => i.code)) : null;
  const parsedExpr = new Map<string, Expression>();
  if (graph) {
    for (const d of computedDefs) {
      if (!graph.order.includes(d.code)) continue;
      try {
        parsedExpr.set(d.code, parseExpression(d.expression));
      } catch {
        // An unreadable expression has no value (the catalogue reports it where it is edited).
      }
    }
  }
  const baseId = new Map(baseIndicators.map((i) => [i.code, i.id]));
  const computedCache = new Map<string, Map<string, number | null>>();
  const computedAt = (period: string, area: string): Map<string, number | null> => {
    const key = `${period}|${area}`;
    let r = computedCache.get(key);
    if (!r) {
      const values = new Map<string, number | null>();
      const lookup = (code: string): number | null => {
        if (values.has(code)) return values.get(code) ?? null;
        const id = baseId.get(code);
        return id ? (figureOf.get(`${id}|${period}|${area}`)?.value ?? null) : null;
      };
      for (const code of graph?.order ?? []) {
        const expr = parsedExpr.get(code);
        values.set(code, expr ? evaluateExpression(expr, lookup) : null);
      }
      r = values;
      computedCache.set(key, r);
    }
    return r;
  };
  const raw = (ind: AnalysisIndicator, period: string, area: string): Figure => {
    if (ind.expression) {
      const v = computedAt(period, area).get(ind.code) ?? null;
      return { value: v !== null && Number.isFinite(v) ? v : null, status: null };
    }
    return figureOf.get(`${ind.id}|${period}|${area}`) ?? NONE;
  };
  const periodFigure = (ind: AnalysisIndicator, aggregation: Aggregation, period: string, area: string, computed: boolean): Figure => {
    if (!computed) return raw(ind, period, area);
    const years = baseYears(aggregation, yearsOfPeriod(period));
    const series = years.map((y) => ({ year: y, ...raw(ind, String(y), area) }));
    const agg = aggregate(
      aggregation,
      series.map((s) => ({ year: s.year, value: s.value })),
    );
    if (agg.value === null || !Number.isFinite(agg.value)) return NONE;
    let status: ValueStatus | null = null;
    for (const s of series) if (agg.usedYears.includes(s.year)) status = weakerStatus(status, s.status);
    return { value: agg.value, status };
  };

  // --- structure of every indicator appendix
  const indicatorsOut: IndicatorAnalysisDto[] = [];
  const structures: StructureDto[] = [];
  const groups: Array<{ id: string | null; name: string }> = [];
  const agencyIdsSeen = new Set<string>();
  let hasTargets = false;
  let baseYear: number | null = null;
  let lastYear: number | null = null;

  const apps = input.appendices.filter((a) => a.kind === "indicators").sort((a, b) => a.sortOrder - b.sortOrder);
  for (const app of apps) {
    const config = { ...(app.config as Omit<TemplateIndicatorsAppendix, "rows">), rows: [] } as TemplateIndicatorsAppendix;
    const leaves = expandColumns(config, areas).leaves as ExpandedTemplateDataColumn[];
    const valueCols = leaves.filter((l): l is Extract<ExpandedTemplateDataColumn, { kind: "value" }> => l.kind === "value");
    const yearCols = valueCols.filter((c) => isYear(c.period));
    const rangeCols = valueCols.filter((c) => !isYear(c.period)).sort((a, b) => byPeriod(a.period, b.period));
    const targetCol = leaves.find((l) => l.kind === "target") as { kind: "target"; key: string; period: string } | undefined;
    const sumRules = (config.validations ?? []).filter(
      (v): v is Extract<TemplateValidation, { kind: "sum" }> => v.kind === "sum" && Math.abs(v.equals - 100) < 1e-9,
    );

    // Year columns by area, areas in the campaign's order (primary first).
    const yearAreas = [...new Set(yearCols.map((c) => c.area))].sort((a, b) => (a === primaryArea ? -1 : b === primaryArea ? 1 : areas.findIndex((x) => x.code === a) - areas.findIndex((x) => x.code === b)));
    const yearsOf = new Map<string, number[]>();
    for (const c of yearCols) {
      const list = yearsOf.get(c.area) ?? [];
      list.push(Number(c.period));
      yearsOf.set(c.area, list);
    }
    for (const list of yearsOf.values()) list.sort((a, b) => a - b);
    const primaryYears = yearsOf.get(primaryArea) ?? yearsOf.get(yearAreas[0] ?? "") ?? [];
    if (primaryYears.length) {
      baseYear = baseYear === null ? primaryYears[0]! : Math.min(baseYear, primaryYears[0]!);
      lastYear = lastYear === null ? primaryYears[primaryYears.length - 1]! : Math.max(lastYear, primaryYears[primaryYears.length - 1]!);
    }
    // The latest period that is shown for the primary area and at least one other area.
    const versusPeriod = [...new Set(valueCols.map((c) => c.period))]
      .filter((p) => valueCols.some((c) => c.period === p && c.area === primaryArea) && valueCols.some((c) => c.period === p && c.area !== primaryArea))
      .sort(byPeriod)
      .pop();

    const rows = input.rows.filter((r) => r.appendixId === app.id);
    const rowById = new Map(rows.map((r) => [r.id, r]));
    const kids = new Map<string | null, AnalysisRow[]>();
    for (const r of rows) {
      const key = r.parentId && rowById.has(r.parentId) ? r.parentId : null;
      const l = kids.get(key) ?? [];
      l.push(r);
      kids.set(key, l);
    }
    for (const l of kids.values()) l.sort((a, b) => a.sortOrder - b.sortOrder);
    const leadOf = (r: AnalysisRow): AgencyRefLike[] => {
      for (let cur: AnalysisRow | undefined = r; cur; cur = cur.parentId ? rowById.get(cur.parentId) : undefined) if (cur.lead.length) return cur.lead;
      return [];
    };
    const appGroupName = app.subtitle ? `${app.title}: ${app.subtitle}` : app.title;
    const groupOf = (r: AnalysisRow): { id: string | null; name: string } => {
      let top = r;
      while (top.parentId && rowById.has(top.parentId)) top = rowById.get(top.parentId)!;
      if (top.indicatorId || !(kids.get(top.id)?.length)) return { id: `appendix:${app.id}`, name: appGroupName };
      return { id: top.id, name: top.tt ? `${top.tt}. ${top.name}` : top.name };
    };
    const pathOf = (r: AnalysisRow): string[] => {
      const out: string[] = [];
      for (let cur = r.parentId ? rowById.get(r.parentId) : undefined; cur; cur = cur.parentId ? rowById.get(cur.parentId) : undefined) out.unshift(cur.name);
      return out;
    };

    const itemOfRow = new Map<string, IndicatorAnalysisDto>();
    const numbered = (r: AnalysisRow) => (r.tt && !BULLETS.has(r.tt) ? `${r.tt}. ${r.name}` : r.name);
    /** "4. Cơ cấu ngành kinh tế"; a bare "Cơ cấu" gets its parent's name for context. */
    const structureName = (r: AnalysisRow): string => {
      const parent = r.parentId ? rowById.get(r.parentId) : undefined;
      const bare = !r.tt || BULLETS.has(r.tt) || r.name.trim().split(/\s+/).length <= 2;
      return parent && bare ? `${numbered(parent).replace(/[:,]\s*$/, "")} — ${numbered(r)}` : numbered(r);
    };

    const evaluateRow = (target: Target, period: string, ind: AnalysisIndicator, aggregation: Aggregation, direction: DirectionKey, decimals: number): EvaluationDto => {
      if (direction === "neutral" && !judgesNeutral(target)) {
        return { period, verdict: null, label: "Không đánh giá", value: null, gap: null, status: null, missingYears: [], note: NOT_JUDGED_NOTE };
      }
      const asDirection = direction === "lower" ? "lower" : "higher";
      const years = yearsOfPeriod(period);
      const base = baseYears(aggregation, years);
      const haveYears = years.some((y) => raw(ind, String(y), primaryArea).value !== null);
      let verdict: Verdict;
      let value: number | null;
      let gap: number | null;
      let status: ValueStatus | null;
      let missingYears: number[] = [];
      let note: string | null = null;
      if (!haveYears) {
        // Only a figure of the whole period (e.g. an input period column).
        const p = raw(ind, period, primaryArea);
        if (p.value === null) {
          return { period, verdict: "thieu-so-lieu", label: VERDICT_LABELS["thieu-so-lieu"], value: null, gap: null, status: null, missingYears: years, note: `Chưa có số liệu ${periodText(campaign.periods, period).toLowerCase()}` };
        }
        const compared = target.perYear && aggregation === "sum" ? p.value / Math.max(1, years.length) : p.value;
        const cmp = compareWithTarget(target, compared, asDirection, decimals);
        verdict = cmp.verdict;
        value = cmp.value;
        gap = cmp.gap;
        status = p.status;
      } else {
        const result = evaluateIndicator({
          target,
          aggregation,
          direction: asDirection,
          decimals,
          years: base,
          values: base.map((y) => {
            const f = raw(ind, String(y), primaryArea);
            return f.status ? { year: y, value: f.value, status: f.status } : { year: y, value: f.value };
          }),
        });
        verdict = result.verdict;
        value = result.value;
        gap = result.gap;
        status = result.status;
        missingYears = result.missingYears;
        if (result.reason) note = result.reason;
      }
      if (direction === "neutral" && verdict !== "thieu-so-lieu") verdict = neutralVerdict(target, verdict);
      return { period, verdict, label: VERDICT_LABELS[verdict], value, gap, status, missingYears, note };
    };

    const buildIndicator = (r: AnalysisRow, ind: AnalysisIndicator): IndicatorAnalysisDto => {
      const decimals = r.decimals ?? ind.decimals ?? 2;
      const aggregation = aggregationOf(r, ind);
      const direction = directionOf(r, ind);
      const series: AreaSeriesDto[] = yearAreas.map((area) => ({
        area,
        areaName: areaName(area),
        primary: area === primaryArea,
        points: (yearsOf.get(area) ?? []).map((y): YearPointDto => {
          const f = raw(ind, String(y), area);
          return { year: y, value: f.value, status: f.status };
        }),
      }));
      const periods: PeriodValueDto[] = rangeCols.map((c) => {
        const computed = c.mode === "computed";
        const f = periodFigure(ind, aggregation, c.period, c.area, computed);
        return { period: c.period, label: periodText(campaign.periods, c.period), area: c.area, areaName: areaName(c.area), primary: c.area === primaryArea, value: f.value, status: f.status, computed };
      });

      // Target and evaluation (the primary area, over the target column's period).
      let target: TargetDto | null = null;
      let evaluation: EvaluationDto | null = null;
      if (targetCol && r.target && r.target.trim() !== "") {
        const parsed = tryParseTarget(r.target);
        target = targetDto(targetCol.period, r.target, parsed);
        hasTargets = true;
        if (!parsed.ok) {
          evaluation = { period: targetCol.period, verdict: null, label: "Không đọc được mục tiêu", value: null, gap: null, status: null, missingYears: [], note: parsed.error };
        } else if (parsed.target.comparator !== "composite") {
          evaluation = evaluateRow(parsed.target, targetCol.period, ind, aggregation, direction, decimals);
        }
      }
      const verdict = evaluation?.verdict ?? null;

      // Status of the figures used.
      let status: ValueStatus | null = null;
      if (evaluation && evaluation.verdict !== null && evaluation.verdict !== "thieu-so-lieu") status = evaluation.status;
      else {
        for (const p of series.find((s) => s.primary)?.points ?? []) if (p.value !== null) status = weakerStatus(status, p.status);
        for (const p of periods) if (p.primary && p.value !== null) status = weakerStatus(status, p.status);
      }

      // Change since the base year (first year column) to the latest year with a figure.
      let trend: TrendDto | null = null;
      const primaryPoints = series.find((s) => s.primary)?.points ?? [];
      const first = primaryPoints[0];
      const latest = [...primaryPoints].reverse().find((p) => p.value !== null);
      if (first && first.value !== null && latest && latest.year > first.year && latest.value !== null) {
        const change = latest.value - first.value;
        trend = {
          fromYear: first.year,
          toYear: latest.year,
          from: first.value,
          to: latest.value,
          change,
          changePercent: first.value !== 0 ? (change / Math.abs(first.value)) * 100 : null,
          assessment: assess(direction, change, decimals),
        };
      }

      // The primary area against the others.
      let versus: AreaVersusDto | null = null;
      if (versusPeriod) {
        const figureFor = (area: string): number | null => {
          if (isYear(versusPeriod)) return raw(ind, versusPeriod, area).value;
          return periods.find((p) => p.period === versusPeriod && p.area === area)?.value ?? null;
        };
        const mine = figureFor(primaryArea);
        if (mine !== null) {
          const others = valueCols
            .filter((c) => c.period === versusPeriod && c.area !== primaryArea)
            .map((c) => ({ area: c.area, value: figureFor(c.area) }))
            .filter((o): o is { area: string; value: number } => o.value !== null)
            .map((o) => ({ area: o.area, areaName: areaName(o.area), value: o.value, difference: mine - o.value, assessment: assess(direction, mine - o.value, decimals) }));
          if (others.length) versus = { period: versusPeriod, label: periodText(campaign.periods, versusPeriod), primaryValue: mine, others };
        }
      }

      const refs = leadOf(r);
      const agencyIds = new Set<string>();
      for (const ref of refs) for (const id of input.expandRef(ref)) agencyIds.add(id);
      if (r.addedByAgencyId) agencyIds.add(r.addedByAgencyId);
      for (const id of agencyIds) agencyIdsSeen.add(id);
      const leadAgencies = refs.length ? refs.map((ref) => ({ id: ref.id, name: ref.kind === "agency" ? input.agencyName(ref.id) : ref.name })) : r.addedByAgencyId ? [{ id: r.addedByAgencyId, name: input.agencyName(r.addedByAgencyId) }] : [];
      const group = groupOf(r);
      const hasData = series.some((s) => s.points.some((p) => p.value !== null)) || periods.some((p) => p.value !== null);
      return {
        key: `indicator:${r.id}`,
        kind: "indicator",
        rowId: r.id,
        appendixId: app.id,
        appendixCode: app.code,
        tt: r.tt,
        name: r.name,
        path: pathOf(r),
        unit: r.unit ?? ind.unit,
        indicatorCode: ind.code,
        decimals,
        aggregation,
        aggregationLabel: AGGREGATION_LABELS[aggregation],
        direction,
        groupId: group.id,
        groupName: group.name,
        leadAgencies,
        agencyIds: [...agencyIds],
        years: primaryYears,
        series,
        periods,
        target,
        evaluation,
        verdict,
        status,
        trend,
        versus,
        structureKey: null,
        hasData,
      };
    };

    // Structures: children that are shares (a sum rule of 100 over exactly their codes) or a composite target.
    const structureOf = (r: AnalysisRow): StructureDto | null => {
      const parts = (kids.get(r.id) ?? []).filter((c) => c.indicatorId && indicatorById.has(c.indicatorId));
      if (parts.length < 2) return null;
      const codes = parts.map((c) => indicatorById.get(c.indicatorId!)!.code);
      const codeSet = new Set(codes);
      const parsed = r.target ? tryParseTarget(r.target) : null;
      const composite = parsed?.ok && parsed.target.comparator === "composite" && parsed.target.components?.length === parts.length ? parsed.target : null;
      const sum = sumRules.find((rule) => rule.of.length === codeSet.size && rule.of.every((c) => codeSet.has(c)));
      if (!composite && !sum) return null;
      const categories: string[] = [];
      const getters: Array<(ind: AnalysisIndicator, row: AnalysisRow) => number | null> = [];
      for (const y of primaryYears) {
        categories.push(String(y));
        getters.push((ind) => raw(ind, String(y), primaryArea).value);
      }
      for (const c of rangeCols) {
        categories.push(c.area === primaryArea ? periodText(campaign.periods, c.period) : `${areaName(c.area)} (${c.period})`);
        getters.push((ind, row) => periodFigure(ind, aggregationOf(row, ind), c.period, c.area, c.mode === "computed").value);
      }
      const targets: Array<number | null> = parts.map((c, i) => {
        if (composite) return composite.components![i] ?? null;
        const t = c.target ? tryParseTarget(c.target) : null;
        return t?.ok && (t.target.comparator === "=" || t.target.comparator === ">=" || t.target.comparator === "<=") ? (t.target.value ?? null) : null;
      });
      const withTarget = targetCol && targets.every((t) => t !== null);
      if (withTarget) categories.push(`Mục tiêu ${targetCol.period}`);
      const components = parts.map((c, i) => {
        const ind = indicatorById.get(c.indicatorId!)!;
        const values = getters.map((g, k) => ({ category: categories[k]!, value: g(ind, c) }));
        if (withTarget) values.push({ category: categories[categories.length - 1]!, value: targets[i]! });
        return { rowId: c.id, name: c.name, indicatorCode: ind.code, target: targets[i] ?? null, values };
      });
      const group = groupOf(r);
      const refs = leadOf(r);
      const leadIds = new Set<string>();
      for (const ref of refs) for (const id of input.expandRef(ref)) leadIds.add(id);
      return {
        key: `structure:${r.id}`,
        rowId: r.id,
        name: structureName(r),
        groupId: group.id,
        groupName: group.name,
        area: primaryArea,
        source: composite ? "composite" : "sum",
        components,
        categories,
        verdict: null,
        leadAgencyIds: [...leadIds],
      };
    };

    const visit = (parent: string | null) => {
      for (const r of kids.get(parent) ?? []) {
        const group = groupOf(r);
        if (!groups.some((g) => g.id === group.id)) groups.push(group);
        const ind = r.indicatorId ? indicatorById.get(r.indicatorId) : undefined;
        if (ind) {
          const item = buildIndicator(r, ind);
          indicatorsOut.push(item);
          itemOfRow.set(r.id, item);
        }
        const structure = structureOf(r);
        if (structure) {
          structures.push(structure);
          // A composite target is judged as one item, drawn as its structure.
          const parsed = r.target ? tryParseTarget(r.target) : null;
          if (structure.source === "composite" && parsed?.ok && targetCol) {
            hasTargets = true;
            const parts = (kids.get(r.id) ?? []).filter((c) => c.indicatorId && indicatorById.has(c.indicatorId));
            const years = yearsOfPeriod(targetCol.period);
            const decimals = r.decimals ?? Math.max(...parts.map((c) => c.decimals ?? indicatorById.get(c.indicatorId!)!.decimals));
            const result = evaluateComposite({
              target: parsed.target,
              decimals,
              years,
              components: parts.map((c) => {
                const ind2 = indicatorById.get(c.indicatorId!)!;
                return {
                  name: c.name,
                  direction: directionOf(c, ind2) === "lower" ? "lower" : "higher",
                  values: Object.fromEntries(
                    years.map((y) => {
                      const f = raw(ind2, String(y), primaryArea);
                      return [y, f.status ? { value: f.value, status: f.status } : f.value];
                    }),
                  ),
                };
              }),
            });
            structure.verdict = result.verdict;
            const refs = leadOf(r);
            const agencyIds = new Set<string>();
            for (const ref of refs) for (const id of input.expandRef(ref)) agencyIds.add(id);
            for (const id of agencyIds) agencyIdsSeen.add(id);
            const item: IndicatorAnalysisDto = {
              key: `indicator:${r.id}`,
              kind: "composite",
              rowId: r.id,
              appendixId: app.id,
              appendixCode: app.code,
              tt: r.tt,
              name: r.name,
              path: pathOf(r),
              unit: r.unit ?? "%",
              indicatorCode: null,
              decimals,
              aggregation: "last",
              aggregationLabel: AGGREGATION_LABELS.last,
              direction: "neutral",
              groupId: group.id,
              groupName: group.name,
              leadAgencies: refs.map((ref) => ({ id: ref.id, name: ref.kind === "agency" ? input.agencyName(ref.id) : ref.name })),
              agencyIds: [...agencyIds],
              years: primaryYears,
              series: [],
              periods: [],
              target: targetDto(targetCol.period, r.target!, parsed),
              evaluation: {
                period: targetCol.period,
                verdict: result.verdict,
                label: result.label,
                value: null,
                gap: null,
                status: result.status,
                missingYears: [...new Set(result.components.flatMap((c) => c.result.missingYears))].sort((a, b) => a - b),
                note: result.components.map((c) => `${c.name}: ${c.result.label}`).join("; "),
              },
              verdict: result.verdict,
              status: result.status,
              trend: null,
              versus: null,
              structureKey: structure.key,
              hasData: structure.components.some((c) => c.values.some((v) => v.value !== null)),
            };
            indicatorsOut.push(item);
          }
        }
        visit(r.id);
      }
    };
    visit(null);

    // A sum structure whose parts all have verdicts: the structure's verdict is the worst of them.
    for (const s of structures) {
      if (s.source !== "sum") continue;
      const verdicts = s.components.map((c) => itemOfRow.get(c.rowId)?.verdict ?? null);
      if (verdicts.every((v): v is Verdict => v !== null)) s.verdict = worstVerdict(verdicts);
    }
  }

  const overview = groups
    .map((g) => overviewOf(g.id, g.name, indicatorsOut.filter((i) => i.groupId === g.id)))
    .filter((o) => o.indicators > 0);
  const totals = overviewOf(null, "Tất cả", indicatorsOut);
  return {
    campaign: { id: campaign.id, code: campaign.code, name: campaign.name, status: campaign.status, referenceDate: campaign.referenceDate },
    areas: areas.map((a) => ({ code: a.code, name: a.name, primary: a.code === primaryArea })),
    periods: campaign.periods.map((p) => ({ key: p.key, label: periodText(campaign.periods, p.key) })),
    groups: groups.filter((g) => overview.some((o) => o.groupId === g.id)),
    agencies: [...agencyIdsSeen].map((id) => ({ id, name: input.agencyName(id) })).sort((a, b) => a.name.localeCompare(b.name, "vi")),
    hasTargets,
    baseYear,
    lastYear,
    indicators: indicatorsOut,
    overview,
    totals,
    structures,
    computedAt: input.now.toISOString(),
  };
}

export function overviewOf(groupId: string | null, groupName: string, items: readonly IndicatorAnalysisDto[]): GroupOverviewDto {
  const verdicts = emptyVerdicts();
  const trend = emptyAssessments();
  const versus = emptyAssessments();
  for (const i of items) {
    verdicts[i.verdict ?? "none"] += 1;
    if (i.kind !== "indicator") continue;
    trend[i.trend?.assessment ?? "na"] += 1;
    const v = i.versus?.others[0]?.assessment ?? null;
    versus[v ?? "na"] += 1;
  }
  return { groupId, groupName, indicators: items.length, verdicts, trend, versus };
}

/** Filters of the dashboard: the group, an agency among the reporting ones, the verdict ("none": no target). */
export interface DashboardFilter {
  group?: string | undefined;
  agency?: string | undefined;
  verdict?: Verdict | "none" | undefined;
}

/** Applies the filters: indicators by all three; overview and structures by group and agency only. */
export function filterDashboard(d: IndicatorDashboardDto, f: DashboardFilter): IndicatorDashboardDto {
  if (!f.group && !f.agency && !f.verdict) return d;
  const inGroup = (id: string | null) => !f.group || id === f.group;
  const ofAgency = (ids: readonly string[]) => !f.agency || ids.includes(f.agency);
  const scoped = d.indicators.filter((i) => inGroup(i.groupId) && ofAgency(i.agencyIds));
  const indicators = scoped.filter((i) => !f.verdict || (i.verdict ?? "none") === f.verdict);
  const overview = d.groups
    .map((g) => overviewOf(g.id, g.name, scoped.filter((i) => i.groupId === g.id)))
    .filter((o) => o.indicators > 0);
  return {
    ...d,
    indicators,
    overview,
    totals: overviewOf(null, "Tất cả", scoped),
    structures: d.structures.filter((s) => inGroup(s.groupId) && ofAgency(s.leadAgencyIds)),
  };
}
