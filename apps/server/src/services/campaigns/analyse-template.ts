import {
  parseCampaignTemplate,
  type CampaignTemplate,
  type TemplateIndicator,
  type TemplateIndicatorRow,
  type TemplateOutlineItem,
} from "@tonghop/contracts";
import {
  buildDependencyGraph,
  ExpressionSyntaxError,
  findDeadlines,
  formatVnDate,
  OutlineLabelError,
  parseDeadline,
  parseExpression,
  parseOutlineLabel,
  parseTarget,
  TargetSyntaxError,
  VnDateError,
} from "@tonghop/domain";
import type { indicators } from "../../db/schema/index.js";
import type { Directory } from "../agencies/directory.js";
import { AgencyResolver, type AgencyRef } from "./agency-refs.js";
import { parseTemplateSource, yamlPath, type Locator, type PathSegment, type TemplateProblem } from "./template-source.js";

export type IndicatorRow = typeof indicators.$inferSelect;

/**
 * Children of an outline item / indicator row. The recursive zod types lose their element type in the emitted
 * declarations of @tonghop/contracts (a getter-defined schema), so read them through these.
 */
export const outlineChildren = (i: { children?: unknown }): TemplateOutlineItem[] => (i.children ?? []) as TemplateOutlineItem[];
export const rowChildren = (r: { children?: unknown }): TemplateIndicatorRow[] => (r.children ?? []) as TemplateIndicatorRow[];

/** Catalogue fields compared between a template and the catalogue. */
export const CATALOGUE_FIELDS = ["name", "unit", "direction", "aggregation", "decimals", "definition", "sourceAgencyId", "expression"] as const;
export type CatalogueField = (typeof CATALOGUE_FIELDS)[number];
export const CATALOGUE_FIELD_LABELS: Record<CatalogueField, string> = {
  name: "Tên chỉ tiêu",
  unit: "Đơn vị tính",
  direction: "Chiều tốt",
  aggregation: "Cách tính cả kỳ",
  decimals: "Số chữ số thập phân",
  definition: "Định nghĩa",
  sourceAgencyId: "Cơ quan công bố",
  expression: "Biểu thức",
};

export type CatalogueValue = string | number | null;

/** One field of an existing indicator that the template defines differently. */
export interface CatalogueDifference {
  indicatorId: string;
  code: string;
  field: CatalogueField;
  current: CatalogueValue;
  proposed: CatalogueValue;
  /** Display texts (agency names instead of ids). */
  currentText: string;
  proposedText: string;
}

export interface AnalysedTemplate {
  template: CampaignTemplate;
  /** Every agency/group name of the template resolved as of its referenceDate (all names resolve). */
  ref(name: string): AgencyRef;
  coordinator: AgencyRef;
  /** Indicators the catalogue lacks (added on import), in template order. */
  newIndicators: TemplateIndicator[];
  /** Existing catalogue rows by code for the template's indicators. */
  existing: Map<string, IndicatorRow>;
  differences: CatalogueDifference[];
  warnings: TemplateProblem[];
}

export type AnalysisResult = { ok: true; analysis: AnalysedTemplate } | { ok: false; problems: TemplateProblem[] };

export interface AnalyseOptions {
  directory: Directory;
  /** The catalogue rows whose codes the template uses (others are ignored). */
  catalogue: ReadonlyMap<string, IndicatorRow>;
  /** All computed definitions of the catalogue (code → expression), for cycle checks across campaigns. */
  catalogueExpressions?: ReadonlyMap<string, string>;
}

const MAX_PROBLEMS = 200;

/** Zod messages of the template's cross-reference checks end with "(tại path)": the path is reported apart. */
export function stripPathSuffix(message: string): string {
  return message.replace(/\s*\(tại [^()]*(?:\([^()]*\)[^()]*)*\)$/, "");
}

/**
 * Everything short of writing: YAML → structure (zod, with YAML line and column) → semantic checks with the
 * domain core → agency names resolved as of referenceDate → catalogue comparison. Pure given the directory
 * and catalogue snapshots.
 */
export function analyseTemplateText(text: string, opts: AnalyseOptions): AnalysisResult {
  const src = parseTemplateSource(text);
  if (!src.ok) return { ok: false, problems: src.problems };
  const parsed = parseCampaignTemplate(src.data);
  if (!parsed.ok) {
    const problems = parsed.issues.slice(0, MAX_PROBLEMS).map((i) => src.locate.problem(i.segments, stripPathSuffix(i.message)));
    return { ok: false, problems: dedupe(problems) };
  }
  return analyseTemplate(parsed.template, src.locate, opts);
}

function dedupe(problems: TemplateProblem[]): TemplateProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.path}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A locator for templates that did not come from text (export → import in memory, copies). */
export const NO_LOCATION: Locator = {
  at: () => ({ line: null, column: null }),
  within: () => ({ line: null, column: null }),
  problem: (segments, message) => ({ path: yamlPath(segments), line: null, column: null, message }),
};

export function analyseTemplate(t: CampaignTemplate, locate: Locator, opts: AnalyseOptions): AnalysisResult {
  const problems: TemplateProblem[] = [];
  const warnings: TemplateProblem[] = [];
  const err = (path: PathSegment[], message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(locate.problem(path, message));
  };
  const resolver = new AgencyResolver(opts.directory, t.referenceDate);

  // --- agencies and groups, as of referenceDate
  const refs = new Map<string, AgencyRef>();
  const one = (name: string, path: PathSegment[], mustBeAgency: string | null): AgencyRef | null => {
    const r = resolver.resolve(name);
    if (!r.ok) {
      err(path, r.message);
      return null;
    }
    if (mustBeAgency && r.ref.kind === "group") {
      err(path, `${mustBeAgency} phải là một cơ quan cụ thể, không phải nhóm "${name}".`);
      return null;
    }
    refs.set(name, r.ref);
    return r.ref;
  };
  const list = (names: readonly string[] | undefined, path: PathSegment[]): AgencyRef[] => {
    const out: AgencyRef[] = [];
    const seen = new Map<string, number>();
    (names ?? []).forEach((n, i) => {
      const ref = one(n, [...path, i], null);
      if (!ref) return;
      const key = `${ref.kind}:${ref.id}`;
      const first = seen.get(key);
      if (first !== undefined) err([...path, i], `"${n}" và "${names![first]}" là cùng một ${ref.kind === "group" ? "nhóm" : "cơ quan"}: chỉ ghi một lần.`);
      else seen.set(key, i);
      out.push(ref);
    });
    return out;
  };

  const coordinator = one(t.coordinator, ["coordinator"], "Cơ quan tổng hợp");

  // --- milestones: wording agrees with due; not before the directive's own date
  const directive = t.legalBasis.find((d) => d.role === "directive");
  t.milestones.forEach((m, i) => {
    const base: PathSegment[] = ["milestones", i];
    list(m.from, [...base, "from"]);
    if (m.wording) {
      let due: string | null = null;
      try {
        due = parseDeadline(m.wording).due;
      } catch (e) {
        if (!(e instanceof VnDateError)) throw e;
        due = findDeadlines(m.wording)[0]?.due ?? null;
      }
      if (due !== null && due !== m.due) {
        err([...base, "wording"], `Lời văn "${m.wording}" nêu hạn ${formatVnDate(due)} nhưng due là ${formatVnDate(m.due)}.`);
      }
    }
    if (directive?.date && m.due < directive.date) {
      err([...base, "due"], `Hạn ${formatVnDate(m.due)} của mốc ${m.code} sớm hơn ngày ban hành văn bản chỉ đạo ${formatVnDate(directive.date)}.`);
    }
  });
  (t.requirements.contributions ?? []).forEach((c, i) => one(c.owner, ["requirements", "contributions", i, "owner"], "Cơ quan chủ trì tham luận"));

  // --- outline: labels by the domain's numbering, agencies
  const walkOutline = (items: readonly TemplateOutlineItem[], base: PathSegment[]) => {
    items.forEach((item, i) => {
      const path = [...base, i];
      try {
        parseOutlineLabel(item.label);
      } catch (e) {
        if (!(e instanceof OutlineLabelError)) throw e;
        err([...path, "label"], e.message);
      }
      const lead = list(item.lead, [...path, "lead"]);
      const coop = list(item.cooperate, [...path, "cooperate"]);
      coop.forEach((c, j) => {
        if (lead.some((l) => l.kind === c.kind && l.id === c.id)) err([...path, "cooperate", j], `"${item.cooperate![j]}" vừa chủ trì vừa phối hợp.`);
      });
      if (item.children) walkOutline(outlineChildren(item), [...path, "children"]);
    });
  };
  walkOutline(t.outline, ["outline"]);

  // --- appendices: targets through the domain's grammar, row and record agencies
  t.appendices.forEach((a, ai) => {
    const base: PathSegment[] = ["appendices", ai];
    if (a.kind === "indicators") {
      const walkRows = (rows: typeof a.rows, path: PathSegment[]) => {
        rows.forEach((r, ri) => {
          const p = [...path, ri];
          list(r.lead, [...p, "lead"]);
          if (r.target !== undefined) {
            try {
              parseTarget(r.target);
            } catch (e) {
              if (!(e instanceof TargetSyntaxError)) throw e;
              const where = locate.within([...p, "target"], e.position);
              if (problems.length < MAX_PROBLEMS) {
                problems.push({
                  path: yamlPath([...p, "target"]),
                  line: where.line,
                  column: where.column,
                  message: `Mục tiêu "${r.target}" của dòng "${r.name}" không hợp lệ tại ký tự ${e.position + 1}: ${e.detail}.`,
                });
              }
            }
          }
          if (r.children) walkRows(rowChildren(r), [...p, "children"]);
        });
      };
      walkRows(a.rows, [...base, "rows"]);
    } else {
      list(a.reporters, [...base, "reporters"]);
      a.rows?.forEach((r, ri) => one(r.agency, [...base, "rows", ri, "agency"], "Cơ quan báo cáo của dòng"));
    }
  });

  // --- catalogue: computed expressions (domain grammar, cycles across the whole catalogue), differences
  const existing = new Map<string, IndicatorRow>();
  const newIndicators: TemplateIndicator[] = [];
  const sourceIds = new Map<string, string | null>();
  t.indicators.forEach((ind, i) => {
    const path: PathSegment[] = ["indicators", i];
    let sourceId: string | null = null;
    if (ind.sourceAgency) sourceId = one(ind.sourceAgency, [...path, "sourceAgency"], "Cơ quan công bố số liệu")?.id ?? null;
    sourceIds.set(ind.code, sourceId);
    if (ind.expression !== undefined) {
      try {
        parseExpression(ind.expression);
      } catch (e) {
        if (!(e instanceof ExpressionSyntaxError)) throw e;
        err([...path, "expression"], `Biểu thức của chỉ tiêu ${ind.code}: ${e.message}`);
      }
    }
    const row = opts.catalogue.get(ind.code);
    if (row) existing.set(ind.code, row);
    else newIndicators.push(ind);
  });
  // Effective definitions after import: existing indicators keep theirs; new ones bring the template's.
  const effective = new Map<string, string>(opts.catalogueExpressions ?? []);
  for (const [code, row] of existing) {
    if (row.expression) effective.set(code, row.expression);
    else effective.delete(code);
  }
  for (const ind of newIndicators) if (ind.expression) effective.set(ind.code, ind.expression);
  const known = new Set<string>([...opts.catalogue.keys(), ...t.indicators.map((x) => x.code)]);
  const graph = buildDependencyGraph(
    [...effective].map(([code, expression]) => ({ code, expression })),
    known,
  );
  const indexOf = (code: string) => t.indicators.findIndex((x) => x.code === code);
  for (const cycle of graph.cycles) {
    const inTemplate = cycle.find((c) => indexOf(c) >= 0);
    if (inTemplate === undefined) continue;
    err(["indicators", indexOf(inTemplate), "expression"], `Các chỉ tiêu tính toán tham chiếu vòng tròn: ${[...cycle, cycle[0]].join(" → ")}.`);
  }
  for (const u of graph.unknown) {
    const i = indexOf(u.code);
    if (i >= 0) err(["indicators", i, "expression"], `Biểu thức của chỉ tiêu ${u.code} dùng mã "${u.ref}" không có trong danh mục.`);
  }

  if (problems.length) return { ok: false, problems: dedupe(problems) };

  const dir = opts.directory;
  const differences: CatalogueDifference[] = [];
  for (const ind of t.indicators) {
    const row = existing.get(ind.code);
    if (!row) continue;
    const proposed: Record<CatalogueField, CatalogueValue> = {
      name: ind.name,
      unit: ind.unit,
      direction: ind.direction,
      aggregation: ind.aggregation,
      decimals: ind.decimals,
      definition: ind.definition ?? null,
      sourceAgencyId: sourceIds.get(ind.code) ?? null,
      expression: ind.expression ?? null,
    };
    for (const field of CATALOGUE_FIELDS) {
      const cur: CatalogueValue = row[field] ?? null;
      const next = proposed[field];
      if (normaliseValue(cur) === normaliseValue(next)) continue;
      const show = (v: CatalogueValue) =>
        v === null ? "(trống)" : field === "sourceAgencyId" ? dir.displayName(String(v), t.referenceDate) : String(v);
      differences.push({ indicatorId: row.id, code: ind.code, field, current: cur, proposed: next, currentText: show(cur), proposedText: show(next) });
      warnings.push(
        locate.problem(["indicators", indexOf(ind.code), fieldKey(field)], `Chỉ tiêu ${ind.code} đã có trong danh mục với ${CATALOGUE_FIELD_LABELS[field].toLowerCase()} "${show(cur)}"; mẫu ghi "${show(next)}". Danh mục giữ nguyên cho tới khi người tổng hợp chấp nhận thay đổi.`),
      );
    }
  }

  return {
    ok: true,
    analysis: {
      template: t,
      ref(name) {
        const r = refs.get(name);
        if (!r) throw new Error(`Tên "${name}" chưa được đối chiếu danh bạ`);
        return r;
      },
      coordinator: coordinator!,
      newIndicators,
      existing,
      differences,
      warnings,
    },
  };
}

function fieldKey(field: CatalogueField): string {
  return field === "sourceAgencyId" ? "sourceAgency" : field;
}

function normaliseValue(v: CatalogueValue): string {
  if (v === null) return "";
  return typeof v === "number" ? String(v) : v.replace(/\s+/g, " ").trim();
}
