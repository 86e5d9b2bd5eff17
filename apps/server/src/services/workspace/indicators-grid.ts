/**
 * Builds the indicator grid of an appendix for one agency (or the whole appendix) from stored figures: input cells,
 * period columns computed with the row's aggregation, evaluation against the row's target, computed indicators
 * (expressions), proposal/note text cells and the validation and outlier issues of each row. Pure: the service
 * loads the data.
 */
import {
  FIGURE_STATUSES,
  defaultValueStatus,
  templatePeriodYears,
  type FigureStatus,
  type GridCellDto,
  type GridColumnDto,
  type GridIssueDto,
  type GridRowDto,
  type TemplateValidation,
} from "@tonghop/contracts";
import {
  EvaluationError,
  aggregate,
  compareWithTarget,
  computeAll,
  evaluateIndicator,
  isAggregation,
  runValidation,
  tryParseTarget,
  weakerStatus,
  type Aggregation,
  type ComputedDefinition,
  type Direction,
  type ValidationRule,
  type ValueStatus,
} from "@tonghop/domain";
import type { AgencyRef } from "../../db/schema/index.js";
import { figureKey, type FigureRow } from "../values/values.repository.js";
import { rowRules, type AppendixColumns, type IndicatorRecord, type TreeRow } from "./indicators-scope.js";

export interface GridText {
  rowId: string;
  columnKey: string;
  agencyId: string;
  text: string;
  version: number;
  byName: string | null;
  at: Date | null;
}

export interface GridBuildInput {
  campaignId: string;
  referenceDate: string;
  columns: AppendixColumns;
  validations: readonly TemplateValidation[];
  /** Every row of the appendix, in display order. */
  rows: readonly TreeRow[];
  /** Rows to show: null = all. */
  shown: ReadonlySet<string> | null;
  /** Rows that belong to the shown agency (all rows in the whole-appendix view). */
  own: ReadonlySet<string>;
  /** The agency shown (null = whole appendix). */
  agencyId: string | null;
  /** The signed-in user may edit the agency's content now. */
  editable: boolean;
  /** Indicators by id (rows) and by code (rows, expression references, validation codes). */
  indicatorsById: ReadonlyMap<string, IndicatorRecord>;
  indicatorsByCode: ReadonlyMap<string, IndicatorRecord>;
  figures: ReadonlyMap<string, FigureRow>;
  texts: readonly GridText[];
  leads: ReadonlyMap<string, AgencyRef[]>;
  refName: (ref: AgencyRef) => string;
  agencyName: (id: string) => string;
}

const isStatus = (s: string | null | undefined): s is FigureStatus => !!s && (FIGURE_STATUSES as readonly string[]).includes(s);

/** Reads figures (stored or computed from expressions) for any indicator code, period and area. */
export class FigureReader {
  private readonly computedCache = new Map<string, { values: Record<string, number | null>; reasons: Record<string, string> }>();
  private readonly defs: ComputedDefinition[];

  constructor(
    private readonly byCode: ReadonlyMap<string, IndicatorRecord>,
    private readonly figures: ReadonlyMap<string, FigureRow>,
  ) {
    this.defs = [...byCode.values()].filter((i) => i.expression).map((i) => ({ code: i.code, expression: i.expression! }));
  }

  stored(indicatorId: string, period: string, area: string): FigureRow | undefined {
    return this.figures.get(figureKey({ indicatorId, period, area }));
  }

  private compute(period: string, area: string) {
    const key = `${period}|${area}`;
    let hit = this.computedCache.get(key);
    if (!hit) {
      const base = new Map<string, number | null>();
      for (const ind of this.byCode.values()) {
        if (ind.expression) continue;
        const f = this.stored(ind.id, period, area);
        if (f) base.set(ind.code, f.value);
      }
      const r = computeAll(this.defs, base);
      hit = { values: r.values, reasons: r.reasons };
      this.computedCache.set(key, hit);
    }
    return hit;
  }

  private friendly(reason: string): string {
    return reason.replace(/\b[A-Z][A-Z0-9_]{2,}\b/g, (code) => this.byCode.get(code)?.name ?? code);
  }

  /** The value of an indicator for a period and area, with its status and why it is missing. */
  value(code: string, period: string, area: string): { value: number | null; status: FigureStatus | null; reason: string | null } {
    const ind = this.byCode.get(code);
    if (!ind) return { value: null, status: null, reason: `Không có chỉ tiêu ${code}` };
    if (!ind.expression) {
      const f = this.stored(ind.id, period, area);
      return { value: f?.value ?? null, status: f && isStatus(f.status) ? f.status : null, reason: f?.value == null ? `Thiếu số liệu ${periodWords(period)}` : null };
    }
    const r = this.compute(period, area);
    const v = r.values[code] ?? null;
    const reason = r.reasons[code];
    return { value: v, status: v === null ? null : this.inputsStatus(ind, period, area), reason: v === null ? this.friendly(reason ?? "Không tính được") : null };
  }

  /** Weakest status of the stored inputs an expression uses. */
  private inputsStatus(ind: IndicatorRecord, period: string, area: string, guard = 0): FigureStatus | null {
    let status: ValueStatus | null = null;
    const refs = (ind.expression ?? "").match(/\b[A-Z][A-Z0-9_]{2,}\b/g) ?? [];
    for (const code of refs) {
      const dep = this.byCode.get(code);
      if (!dep) continue;
      const s = dep.expression ? (guard < 10 ? this.inputsStatus(dep, period, area, guard + 1) : null) : (this.stored(dep.id, period, area)?.status ?? null);
      status = weakerStatus(status, isStatus(s) ? s : null);
    }
    return status;
  }

  /** Aggregates the years of `period` with `aggregation`. */
  aggregate(code: string, aggregation: Aggregation, period: string, area: string): { value: number | null; status: FigureStatus | null; reason: string | null } {
    const years = templatePeriodYears(period);
    const series = years.map((y) => ({ year: y, ...this.value(code, String(y), area) }));
    const r = aggregate(aggregation, series.map((s) => ({ year: s.year, value: s.value })));
    if (r.value === null) return { value: null, status: null, reason: r.reason ?? "Không tính được" };
    let status: ValueStatus | null = null;
    for (const y of r.usedYears) status = weakerStatus(status, series.find((s) => s.year === y)?.status ?? null);
    return { value: r.value, status: status, reason: null };
  }
}

export function periodWords(period: string): string {
  return /^\d{4}$/.test(period) ? `năm ${period}` : `giai đoạn ${period}`;
}

/** Grid columns as the API describes them. */
export function gridColumns(columns: AppendixColumns, referenceDate: string): GridColumnDto[] {
  const out: GridColumnDto[] = [];
  columns.expanded.columns.forEach((c, i) => {
    const number = columns.expanded.numbers?.[i] ?? null;
    switch (c.kind) {
      case "tt":
      case "name":
      case "unit":
      case "agency":
        out.push({ key: c.key, kind: c.kind, title: c.title, period: null, area: null, mode: "readonly", number, defaultStatus: null });
        break;
      case "value":
        out.push({ key: c.key, kind: "value", title: c.title, period: c.period, area: c.area, mode: c.mode, number, defaultStatus: defaultValueStatus(c.period, referenceDate) });
        break;
      case "target":
      case "evaluation":
        out.push({ key: c.key, kind: c.kind, title: c.title, period: c.period, area: null, mode: "readonly", number, defaultStatus: null });
        break;
      case "proposal":
        out.push({ key: c.key, kind: "proposal", title: c.title, period: c.period, area: null, mode: "text", number, defaultStatus: null });
        break;
      case "note":
        out.push({ key: c.key, kind: "note", title: c.title, period: null, area: null, mode: "text", number, defaultStatus: null });
        break;
      default:
        break;
    }
  });
  return out;
}

/** Domain validation rules from the template's, plus an outlier check on every input indicator without one. */
export function validationRules(validations: readonly TemplateValidation[], inputCodes: readonly string[]): { rules: ValidationRule[]; messages: Map<ValidationRule, string> } {
  const messages = new Map<ValidationRule, string>();
  const rules: ValidationRule[] = validations.map((v) => {
    const rule = toRule(v);
    if (v.message) messages.set(rule, v.message);
    return rule;
  });
  const covered = new Set(validations.flatMap((v) => (v.kind === "yoy" || v.kind === "zscore" ? [v.code] : [])));
  for (const code of inputCodes) if (!covered.has(code)) rules.push({ kind: "zscore", code, k: 3, severity: "warning", id: "ngoai-le" });
  return { rules, messages };
}

function toRule(v: TemplateValidation): ValidationRule {
  switch (v.kind) {
    case "sum":
      return { kind: "sum", of: v.of, equals: v.equals, tolerance: v.tolerance ?? 0, ...(v.id ? { id: v.id } : {}), ...(v.severity ? { severity: v.severity } : {}) };
    case "compare":
      return { kind: "compare", left: v.left, op: v.op, right: v.right, ...(v.tolerance !== undefined ? { tolerance: v.tolerance } : {}), ...(v.id ? { id: v.id } : {}), ...(v.severity ? { severity: v.severity } : {}) };
    case "yoy":
      return { kind: "yoy", code: v.code, maxChangePercent: v.maxChangePercent, ...(v.id ? { id: v.id } : {}), ...(v.severity ? { severity: v.severity } : {}) };
    case "zscore":
      return { kind: "zscore", code: v.code, k: v.k, ...(v.id ? { id: v.id } : {}), ...(v.severity ? { severity: v.severity } : {}) };
  }
}

function targetReason(error: string): string {
  return `Mục tiêu không đọc được: ${error}`;
}

/** Evaluation of a row against its target for a period (years at the primary area). */
function evaluate(
  reader: FigureReader,
  ind: IndicatorRecord,
  row: TreeRow,
  period: string,
  area: string,
): Extract<GridCellDto, { kind: "evaluation" }> {
  const none = (reason: string | null): Extract<GridCellDto, { kind: "evaluation" }> => ({ kind: "evaluation", verdict: null, label: null, value: null, gap: null, reason });
  if (!row.target) return none(null);
  const parsed = tryParseTarget(row.target);
  if (!parsed.ok) return none(targetReason(parsed.error));
  if (parsed.target.comparator === "composite") return none("Mục tiêu cơ cấu: đánh giá theo từng thành phần");
  const rules = rowRules(row, ind);
  if (!isAggregation(rules.aggregation)) return none(`Cách tính cả kỳ '${rules.aggregation ?? ""}' không hợp lệ`);
  const direction: Direction = rules.direction === "lower" ? "lower" : "higher";
  const years = templatePeriodYears(period);
  const values = years.map((y) => {
    const v = reader.value(ind.code, String(y), area);
    return { year: y, value: v.value, ...(v.status ? { status: v.status } : {}) };
  });
  try {
    const allMissing = values.every((v) => v.value === null);
    const periodValue = years.length > 1 ? reader.value(ind.code, period, area) : null;
    if (allMissing && periodValue?.value != null) {
      // Only the period figure is known (an input period column): compare it directly.
      let compared = periodValue.value;
      if (parsed.target.perYear && rules.aggregation === "sum") compared = compared / years.length;
      const r = compareWithTarget(parsed.target, compared, direction, rules.decimals);
      return { kind: "evaluation", verdict: r.verdict, label: labelOf(r.verdict), value: r.value, gap: r.gap, reason: null };
    }
    const r = evaluateIndicator({ target: parsed.target, aggregation: rules.aggregation, direction, decimals: rules.decimals, values, years });
    return { kind: "evaluation", verdict: r.verdict, label: r.label, value: r.value, gap: r.gap, reason: r.reason ?? null };
  } catch (error) {
    if (error instanceof EvaluationError) return none(error.message);
    throw error;
  }
}

const VERDICT_WORDS = { vuot: "Vượt", dat: "Đạt", "khong-dat": "Không đạt", "thieu-so-lieu": "Chưa đủ số liệu" } as const;
const labelOf = (v: keyof typeof VERDICT_WORDS) => VERDICT_WORDS[v];

export interface GridBuildResult {
  rows: GridRowDto[];
  summary: { inputCells: number; filledCells: number; errors: number; warnings: number };
}

export function buildGridRows(input: GridBuildInput): GridBuildResult {
  const { columns } = input;
  const reader = new FigureReader(input.indicatorsByCode, input.figures);
  const shownRows = input.shown ? input.rows.filter((r) => input.shown!.has(r.id)) : [...input.rows];
  const textsByCell = new Map<string, GridText[]>();
  for (const t of input.texts) {
    if (input.agencyId && t.agencyId !== input.agencyId) continue;
    const k = `${t.rowId}|${t.columnKey}`;
    const list = textsByCell.get(k) ?? [];
    list.push(t);
    textsByCell.set(k, list);
  }
  const summary = { inputCells: 0, filledCells: 0, errors: 0, warnings: 0 };
  const dtos: GridRowDto[] = [];
  const rowByCode = new Map<string, GridRowDto[]>();

  for (const row of shownRows) {
    const ind = row.indicatorId ? input.indicatorsById.get(row.indicatorId) : undefined;
    const rules = rowRules(row, ind);
    const own = input.own.has(row.id);
    const computed = !!ind?.expression;
    const cells: Record<string, GridCellDto> = {};
    for (const { leaf } of columns.data) {
      switch (leaf.kind) {
        case "value": {
          if (!ind) break;
          if (leaf.mode === "computed" || computed) {
            const agg = isAggregation(rules.aggregation) ? rules.aggregation : "last";
            const r = leaf.mode === "computed" ? reader.aggregate(ind.code, agg, leaf.period, leaf.area) : reader.value(ind.code, leaf.period, leaf.area);
            cells[leaf.key] = {
              kind: "computed",
              value: r.value,
              status: r.status,
              reason: r.reason,
              formula: computed ? (ind.expression ?? null) : null,
            };
            break;
          }
          const f = reader.stored(ind.id, leaf.period, leaf.area);
          const editable = own && input.editable;
          if (own) {
            summary.inputCells++;
            if (f?.value != null) summary.filledCells++;
          }
          cells[leaf.key] = {
            kind: "value",
            value: f?.value ?? null,
            status: f && isStatus(f.status) ? f.status : null,
            note: f?.note ?? null,
            source: f?.source ?? null,
            version: f?.version ?? 0,
            enteredByName: f?.enteredByName ?? null,
            enteredAt: f ? f.enteredAt.toISOString() : null,
            sourceAgencyName: f?.sourceAgencyId ? input.agencyName(f.sourceAgencyId) : null,
            campaignName: f && f.campaignId && f.campaignId !== input.campaignId ? f.campaignName : null,
            editable,
          };
          break;
        }
        case "target": {
          if (!row.target) break;
          const parsed = tryParseTarget(row.target);
          cells[leaf.key] = { kind: "target", text: row.target, error: parsed.ok ? null : targetReason(parsed.error) };
          break;
        }
        case "evaluation": {
          if (!ind || !row.target) break;
          cells[leaf.key] = evaluate(reader, ind, row, leaf.period, columns.primaryArea);
          break;
        }
        case "proposal":
        case "note": {
          if (leaf.kind === "proposal" && !ind) break;
          const list = textsByCell.get(`${row.id}|${leaf.key}`) ?? [];
          const editable = own && input.editable && !!input.agencyId;
          if (!list.length && !own) break;
          const text = input.agencyId
            ? (list[0]?.text ?? "")
            : list.length > 1
              ? list.map((t) => `${input.agencyName(t.agencyId)}: ${t.text}`).join("; ")
              : (list[0]?.text ?? "");
          let error: string | null = null;
          if (leaf.kind === "proposal" && input.agencyId && text.trim()) {
            const p = tryParseTarget(text);
            if (!p.ok) error = targetReason(p.error);
          }
          const first = list[0];
          cells[leaf.key] = {
            kind: "text",
            text,
            version: input.agencyId ? (first?.version ?? 0) : 0,
            editable,
            error,
            byName: first?.byName ?? null,
            at: first?.at ? first.at.toISOString() : null,
          };
          break;
        }
      }
    }
    const addedBy = row.addedByAgencyId ? { id: row.addedByAgencyId, name: input.agencyName(row.addedByAgencyId) } : null;
    const leads = input.leads.get(row.id) ?? [];
    const dto: GridRowDto = {
      id: row.id,
      parentId: row.parentId,
      depth: row.depth,
      tt: row.tt,
      name: row.name,
      unit: row.unit ?? ind?.unit ?? null,
      target: row.target,
      indicatorId: row.indicatorId,
      indicatorCode: ind?.code ?? null,
      aggregation: rules.aggregation,
      direction: rules.direction,
      decimals: rules.decimals,
      emphasis: row.emphasis,
      leadNames: addedBy ? addedBy.name : leads.map((r) => input.refName(r)).join(", "),
      own,
      computed,
      openForAgencies: row.openForAgencies,
      canAddChild: row.openForAgencies && own && input.editable && !!input.agencyId,
      addedByAgency: addedBy,
      canEditRow: !!input.agencyId && row.addedByAgencyId === input.agencyId && input.editable,
      rowVersion: row.addedByAgencyId && ind ? ind.version : null,
      cells,
      issues: [],
    };
    dtos.push(dto);
    if (ind) {
      const list = rowByCode.get(ind.code) ?? [];
      list.push(dto);
      rowByCode.set(ind.code, list);
    }
  }

  // Validation and outliers over the years shown at the primary area.
  const years = [...new Set(columns.data.flatMap((d) => (d.leaf.kind === "value" && d.leaf.area === columns.primaryArea && /^\d{4}$/.test(d.leaf.period) ? [Number(d.leaf.period)] : [])))];
  if (years.length) {
    const inputCodes = dtos.filter((d) => d.own && d.indicatorCode && !d.computed).map((d) => d.indicatorCode!);
    const { rules, messages } = validationRules(input.validations, inputCodes);
    const names: Record<string, string> = {};
    const units: Record<string, string> = {};
    for (const ind of input.indicatorsByCode.values()) {
      names[ind.code] = ind.name;
      units[ind.code] = ind.unit;
    }
    const issues = runValidation(rules, {
      names,
      units,
      years,
      values: (code, year) => reader.value(code, String(year), columns.primaryArea).value,
    });
    for (const issue of issues) {
      const targets = rowByCode.get(issue.code) ?? issue.codes.map((c) => rowByCode.get(c)?.[0]).filter((d): d is GridRowDto => !!d).slice(0, 1);
      const key = `value:${issue.year}:${columns.primaryArea}`;
      const dto: GridIssueDto = {
        severity: issue.severity,
        year: issue.year,
        message: issue.rule.id === "ngoai-le" ? `Giá trị bất thường: ${issue.message}` : messages.has(issue.rule) ? `${messages.get(issue.rule)}: ${issue.message}` : issue.message,
        columnKeys: columns.byKey.has(key) ? [key] : [],
      };
      for (const t of targets) {
        t.issues.push(dto);
        if (t.own) {
          if (dto.severity === "error") summary.errors++;
          else summary.warnings++;
        }
      }
    }
  }
  return { rows: dtos, summary };
}
