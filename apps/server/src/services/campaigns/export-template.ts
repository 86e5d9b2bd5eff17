import { stringify } from "yaml";
import {
  checkIndicatorExpression,
  TEMPLATE_FORMAT_VERSION,
  type CampaignTemplate,
  type TemplateAppendix,
  type TemplateIndicator,
  type TemplateIndicatorRow,
  type TemplateMilestone,
  type TemplateOutlineItem,
  type TemplateRecordRow,
  type TemplateValidation,
} from "@tonghop/contracts";
import { formatVnDate } from "@tonghop/domain";
import type { RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import type { Directory } from "../agencies/directory.js";
import type { AgencyRef } from "./agency-refs.js";
import { loadViewable } from "./campaign-read.js";
import type { CampaignDeps } from "./campaign-deps.js";
import type { AppendixRowRow, CampaignStructure, IndicatorCatalogueRow } from "./campaigns.repository.js";

/** Drops undefined, null and empty-array fields so the YAML carries only what is set. */
function clean<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as T;
}

const names = (refs: readonly AgencyRef[]) => refs.map((r) => r.name);

/**
 * The campaign as a template in the import format: structure, names as written, and the catalogue entries
 * its rows use (with the catalogue's current definitions). Rows that agencies added under open groups are
 * their work, not structure, and are left out.
 */
export function structureToTemplate(s: CampaignStructure, dir: Directory, catalogue: ReadonlyMap<string, IndicatorCatalogueRow>): CampaignTemplate {
  const c = s.campaign;
  const date = c.referenceDate;
  const codeOf = (id: string | null) => (id ? catalogue.get(id)?.code : undefined);

  const byParent = <T extends { id: string; parentId: string | null; sortOrder: number }>(rows: readonly T[]) => {
    const m = new Map<string | null, T[]>();
    for (const r of rows) m.set(r.parentId, [...(m.get(r.parentId) ?? []), r]);
    for (const list of m.values()) list.sort((a, b) => a.sortOrder - b.sortOrder);
    return m;
  };

  const outlineChildren = byParent(s.outline);
  const outlineTree = (parentId: string | null): TemplateOutlineItem[] =>
    (outlineChildren.get(parentId) ?? []).map((i) =>
      clean({
        label: i.label,
        title: i.title,
        guidance: i.guidance ?? undefined,
        lead: i.lead.length ? names(i.lead) : undefined,
        cooperate: i.cooperate.length ? names(i.cooperate) : undefined,
        pageBudget: i.pageBudget ?? undefined,
        appendices: i.appendixCodes.length ? i.appendixCodes : undefined,
        children: outlineChildren.has(i.id) ? outlineTree(i.id) : undefined,
      }) as TemplateOutlineItem,
    );

  const usedCodes: string[] = [];
  const use = (code: string | undefined) => {
    if (code && !usedCodes.includes(code)) usedCodes.push(code);
  };

  const appendicesOut: TemplateAppendix[] = s.appendices
    .slice()
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((a) => {
      const config = a.config as Record<string, unknown>;
      if (a.kind === "indicators") {
        const rows = s.rows.filter((r) => r.appendixId === a.id && !r.addedByAgencyId);
        const children = byParent(rows);
        const tree = (parentId: string | null): TemplateIndicatorRow[] =>
          (children.get(parentId) ?? []).map((r: AppendixRowRow) => {
            const code = codeOf(r.indicatorId);
            use(code);
            return clean({
              tt: r.tt ?? undefined,
              name: r.name,
              indicator: code,
              unit: r.unit ?? undefined,
              target: r.target ?? undefined,
              aggregation: r.aggregation ?? undefined,
              direction: r.direction ?? undefined,
              decimals: r.decimals ?? undefined,
              lead: r.lead.length ? names(r.lead) : undefined,
              openForAgencies: r.openForAgencies ? true : undefined,
              emphasis: r.emphasis ?? undefined,
              note: r.note ?? undefined,
              children: children.has(r.id) ? tree(r.id) : undefined,
            }) as TemplateIndicatorRow;
          });
        for (const v of (config.validations as TemplateValidation[] | undefined) ?? []) {
          if (v.kind === "sum") v.of.forEach(use);
          else if (v.kind === "compare") {
            use(v.left);
            if (typeof v.right === "string") use(v.right);
          } else use(v.code);
        }
        return { ...config, kind: "indicators", code: a.code, title: a.title, rows: tree(null) } as unknown as TemplateAppendix;
      }
      const records: TemplateRecordRow[] = s.records
        .filter((r) => r.appendixId === a.id && r.prefilled)
        .sort((x, y) => x.sortOrder - y.sortOrder)
        .map((r) => ({ values: Object.fromEntries(Object.entries(r.values).filter(([, v]) => v !== null && v !== "")) as Record<string, string | number>, agency: dir.displayName(r.agencyId, date) }));
      return clean({
        ...config,
        kind: "records",
        code: a.code,
        title: a.title,
        reporters: a.reporters.length ? names(a.reporters) : undefined,
        rows: records.length ? records : undefined,
      }) as unknown as TemplateAppendix;
    });

  // Computed indicators bring the indicators their expressions use.
  const byCode = new Map([...catalogue.values()].map((r) => [r.code, r]));
  for (let i = 0; i < usedCodes.length; i++) {
    const row = byCode.get(usedCodes[i]!);
    if (!row?.expression) continue;
    const check = checkIndicatorExpression(row.expression);
    if (check.ok) check.references.forEach(use);
  }
  const indicatorsOut: TemplateIndicator[] = usedCodes
    .map((code) => byCode.get(code))
    .filter((r): r is IndicatorCatalogueRow => !!r)
    .map((r) =>
      clean({
        code: r.code,
        name: r.name,
        unit: r.unit,
        direction: r.direction as TemplateIndicator["direction"],
        aggregation: r.aggregation as TemplateIndicator["aggregation"],
        decimals: r.decimals,
        definition: r.definition ?? undefined,
        sourceAgency: r.sourceAgencyId ? dir.displayName(r.sourceAgencyId, date) : undefined,
        expression: r.expression ?? undefined,
      }),
    );

  const milestones: TemplateMilestone[] = s.milestones
    .slice()
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((m) =>
      clean({
        code: m.code,
        from: names(m.from),
        to: m.to,
        deliverable: m.deliverable,
        due: m.due,
        wording: m.wording || undefined,
        scope: m.scope as TemplateMilestone["scope"],
        note: m.note ?? undefined,
      }),
    );

  return clean({
    formatVersion: TEMPLATE_FORMAT_VERSION,
    code: c.code,
    name: c.name,
    kind: c.kind as CampaignTemplate["kind"],
    description: c.description ?? undefined,
    coordinator: c.coordinatorName,
    referenceDate: c.referenceDate,
    periods: c.periods as CampaignTemplate["periods"],
    areas: c.areas as CampaignTemplate["areas"],
    legalBasis: c.legalBasis as CampaignTemplate["legalBasis"],
    report: c.report as CampaignTemplate["report"],
    requirements: c.requirements as CampaignTemplate["requirements"],
    milestones,
    outline: outlineTree(null),
    appendices: appendicesOut,
    indicators: indicatorsOut,
  });
}

/** Reads the campaign and its catalogue entries and builds the template. */
export async function templateOf(deps: CampaignDeps, db: Db, campaignId: string): Promise<{ template: CampaignTemplate; directory: Directory }> {
  const s = (await deps.repo.structure(db, campaignId))!;
  const directory = await deps.agencies.directory(db);
  const ids = [...new Set(s.rows.map((r) => r.indicatorId).filter((x): x is string => !!x))];
  let rows = await deps.repo.indicatorsByIds(db, ids);
  // Expressions may use indicators that no row shows: load them by code.
  const refs = new Set<string>();
  for (const r of rows) {
    if (!r.expression) continue;
    const check = checkIndicatorExpression(r.expression);
    if (check.ok) check.references.forEach((x) => refs.add(x));
  }
  const have = new Set(rows.map((r) => r.code));
  const missing = [...refs].filter((x) => !have.has(x));
  if (missing.length) rows = [...rows, ...(await deps.repo.indicatorsByCodes(db, missing))];
  // Validations may name indicators by code too.
  const validationCodes = new Set<string>();
  for (const a of s.appendices) {
    for (const v of ((a.config as { validations?: TemplateValidation[] }).validations ?? [])) {
      if (v.kind === "sum") v.of.forEach((x) => validationCodes.add(x));
      else if (v.kind === "compare") {
        validationCodes.add(v.left);
        if (typeof v.right === "string") validationCodes.add(v.right);
      } else validationCodes.add(v.code);
    }
  }
  const have2 = new Set(rows.map((r) => r.code));
  const missing2 = [...validationCodes].filter((x) => !have2.has(x));
  if (missing2.length) rows = [...rows, ...(await deps.repo.indicatorsByCodes(db, missing2))];
  const catalogue = new Map(rows.map((r) => [r.id, r]));
  return { template: structureToTemplate(s, directory, catalogue), directory };
}

/** YAML text of a template, with the schema line editors use. */
export function templateToYaml(t: CampaignTemplate, exportedAt: Date): string {
  const header =
    "# yaml-language-server: $schema=./campaign-template.schema.json\n" +
    `# Xuất từ Tổng hợp ngày ${formatVnDate(exportedAt.toISOString().slice(0, 10))}: đợt "${t.name}" (${t.code}).\n`;
  return header + stringify(t, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Download of a campaign in the template format (anyone who may read the campaign). */
export async function exportCampaign(deps: CampaignDeps, ctx: RequestContext, campaignId: string): Promise<{ fileName: string; text: string }> {
  const c = await loadViewable(deps, deps.db, ctx, campaignId);
  const { template } = await templateOf(deps, deps.db, campaignId);
  return { fileName: `${c.code}.yaml`, text: templateToYaml(template, ctx.now) };
}
