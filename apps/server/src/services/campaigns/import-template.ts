import { randomUUID } from "node:crypto";
import {
  summarizeTemplate,
  walkTemplateOutline,
  type CampaignTemplate,
  type ImportPreviewDto,
  type ImportTemplateResultDto,
  type TemplateIndicatorRow,
  type TemplateOutlineItem,
} from "@tonghop/contracts";
import type { RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import type { appendixRows, outlineItems } from "../../db/schema/index.js";
import { AppError, conflict } from "../../http/errors.js";
import type { Directory } from "../agencies/directory.js";
import { refDisplayName } from "./agency-refs.js";
import {
  analyseTemplate,
  analyseTemplateText,
  CATALOGUE_FIELD_LABELS,
  NO_LOCATION,
  outlineChildren,
  rowChildren,
  type AnalysedTemplate,
  type AnalysisResult,
  type IndicatorRow,
} from "./analyse-template.js";
import { assertCoordinatorOf } from "./campaign-access.js";
import type { CampaignDeps } from "./campaign-deps.js";
import type { CampaignsRepository } from "./campaigns.repository.js";
import { formatProblem, type TemplateProblem } from "./template-source.js";

export interface ImportTemplateInput {
  /** YAML (or JSON) text of the template. */
  text?: string;
  /** An already parsed template (copy, round trip); used when `text` is absent. */
  template?: CampaignTemplate;
  dryRun?: boolean;
  /** New campaign code when the template's code is taken. */
  code?: string;
  name?: string;
}

/** The import was refused: the template has errors (each with YAML path and line). */
export class TemplateImportError extends AppError {
  constructor(readonly problems: TemplateProblem[]) {
    super(
      "UNPROCESSABLE",
      problems.length === 1 ? `Mẫu có lỗi: ${formatProblem(problems[0]!)}` : `Mẫu có ${problems.length} lỗi; không có gì được ghi.`,
      { problems },
    );
  }
}

/** Loads what the analysis needs (directory, the catalogue rows the template uses) inside `db`. */
export async function analyseInDb(deps: CampaignDeps, db: Db, input: ImportTemplateInput): Promise<{ result: AnalysisResult; directory: Directory }> {
  const directory = await deps.agencies.directory(db);
  const codes = input.template ? input.template.indicators.map((i) => i.code) : indicatorCodesOf(input.text ?? "");
  const rows = await deps.repo.indicatorsByCodes(db, codes);
  const expressions = await deps.repo.computedExpressions(db);
  const catalogue = new Map<string, IndicatorRow>(rows.map((r) => [r.code, r]));
  const opts = { directory, catalogue, catalogueExpressions: expressions };
  const result = input.template ? analyseTemplate(input.template, NO_LOCATION, opts) : analyseTemplateText(input.text ?? "", opts);
  // Text imports learn their codes only after parsing: load any the quick scan missed.
  if (result.ok && !input.template) {
    const missing = result.analysis.template.indicators.map((i) => i.code).filter((c) => !catalogue.has(c));
    const extra = await deps.repo.indicatorsByCodes(db, missing);
    if (extra.length) {
      for (const r of extra) catalogue.set(r.code, r);
      return { result: analyseTemplateText(input.text ?? "", opts), directory };
    }
  }
  return { result, directory };
}

/** Indicator-looking codes in the text, to load their catalogue rows before parsing (a superset is fine). */
function indicatorCodesOf(text: string): string[] {
  return [...new Set(text.match(/\b[A-Z][A-Z0-9_]{1,63}\b/g) ?? [])].slice(0, 20_000);
}

/** The first free code of the form `<code>-2`, `<code>-3`, … */
export async function suggestCode(repo: CampaignsRepository, db: Db, code: string): Promise<string> {
  const taken = new Set(await repo.codesLike(db, code));
  if (!taken.has(code)) return code;
  for (let i = 2; ; i++) if (!taken.has(`${code}-${i}`)) return `${code}-${i}`;
}

/**
 * Import a template: check everything, then (unless dry run) write the campaign, its milestones, outline,
 * appendices, rows and the missing catalogue indicators in ONE transaction with its audit entry. Any error
 * refuses the whole import (TemplateImportError listing every problem) and nothing is written.
 */
export async function importTemplate(deps: CampaignDeps, ctx: RequestContext, input: ImportTemplateInput): Promise<ImportTemplateResultDto> {
  return deps.db.transaction(async (tx) => {
    const { result, directory } = await analyseInDb(deps, tx, input);
    if (!result.ok) throw new TemplateImportError(result.problems);
    const a = result.analysis;
    assertCoordinatorOf(directory, ctx, a.coordinator.id, "nhập mẫu đợt tổng hợp của cơ quan này");
    const code = input.code ?? a.template.code;
    const name = input.name ?? a.template.name;
    const taken = await deps.repo.findByCode(tx, code);
    const suggestedCode = await suggestCode(deps.repo, tx, code);
    const preview = buildPreview(a, directory, code, name, !!taken, suggestedCode);
    if (input.dryRun) return { dryRun: true, campaignId: null, preview };
    if (taken) {
      throw conflict(`Mã đợt "${code}" đã được dùng cho đợt "${taken.name}". Nhập mã mới cho đợt này, ví dụ "${suggestedCode}".`, {
        field: "code",
        suggestedCode,
      });
    }
    const campaignId = await writeCampaign(deps, tx, ctx, a, { code, name });
    return { dryRun: false, campaignId, preview };
  });
}

/** What an import will create (also returned after a real import). */
export function buildPreview(a: AnalysedTemplate, dir: Directory, code: string, name: string, codeTaken: boolean, suggestedCode: string): ImportPreviewDto {
  const t = a.template;
  const date = t.referenceDate;
  const names = (list: readonly string[] | undefined) => (list ?? []).map((n) => refDisplayName(dir, a.ref(n), date));
  const summary = summarizeTemplate(t);
  let indicatorRows = 0;
  let recordRows = 0;
  for (const ap of summary.appendices) {
    if (ap.kind === "indicators") indicatorRows += ap.rows;
    else recordRows += ap.rows;
  }
  return {
    code,
    name,
    kind: t.kind,
    referenceDate: date,
    coordinator: refDisplayName(dir, a.coordinator, date),
    codeTaken,
    suggestedCode,
    counts: {
      outlineItems: summary.outlineItems,
      assignedItems: summary.assignedItems,
      milestones: summary.milestones,
      appendices: summary.appendices.length,
      indicatorRows,
      recordRows,
      agencies: summary.agencies,
      newIndicators: a.newIndicators.length,
      existingIndicators: a.existing.size,
    },
    outline: [...walkTemplateOutline(t.outline)].map((v) => ({
      depth: v.depth,
      label: v.item.label,
      title: v.item.title,
      lead: names(v.item.lead),
      cooperate: names(v.item.cooperate),
      inheritedLead: v.ownLead ? [] : names(v.effectiveLead),
    })),
    appendices: summary.appendices.map((x) => ({ code: x.code, title: x.title, kind: x.kind, rows: x.rows })),
    milestones: t.milestones.map((m) => ({ code: m.code, due: m.due, wording: m.wording ?? "", deliverable: m.deliverable, from: names(m.from) })),
    newIndicators: a.newIndicators.map((i) => ({ code: i.code, name: i.name, unit: i.unit })),
    differences: a.differences.map((d) => ({
      indicatorId: d.indicatorId,
      code: d.code,
      field: d.field,
      fieldLabel: CATALOGUE_FIELD_LABELS[d.field],
      currentText: d.currentText,
      proposedText: d.proposedText,
    })),
    warnings: a.warnings,
  };
}

/** Writes an analysed template as a new draft campaign inside `tx`; returns its id. */
export async function writeCampaign(
  deps: CampaignDeps,
  tx: Db,
  ctx: RequestContext,
  a: AnalysedTemplate,
  opts: { code: string; name: string; copiedFromId?: string | null; auditAction?: string; auditSummary?: string },
): Promise<string> {
  const t = a.template;
  const { repo } = deps;
  const ref = (n: string) => a.ref(n);
  const refs = (list: readonly string[] | undefined) => (list ?? []).map(ref);

  // Catalogue: add what is missing; existing indicators are never changed here.
  const indicatorIds = new Map<string, string>([...a.existing].map(([code, row]) => [code, row.id]));
  const inserted = await repo.insertIndicators(
    tx,
    a.newIndicators.map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      direction: i.direction,
      aggregation: i.aggregation,
      decimals: i.decimals,
      definition: i.definition ?? null,
      sourceAgencyId: i.sourceAgency ? ref(i.sourceAgency).id : null,
      expression: i.expression ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })),
  );
  for (const r of inserted) indicatorIds.set(r.code, r.id);

  const campaign = await repo.insertCampaign(tx, {
    code: opts.code,
    name: opts.name,
    kind: t.kind,
    description: t.description ?? null,
    status: "draft",
    coordinatorAgencyId: a.coordinator.id,
    coordinatorName: t.coordinator,
    referenceDate: t.referenceDate,
    periods: t.periods,
    areas: t.areas,
    legalBasis: t.legalBasis,
    report: t.report,
    requirements: t.requirements,
    formatVersion: t.formatVersion,
    copiedFromId: opts.copiedFromId ?? null,
    createdBy: ctx.actor?.userId ?? null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  const campaignId = campaign.id;

  await repo.insertMilestones(
    tx,
    t.milestones.map((m, i) => ({
      campaignId,
      code: m.code,
      sortOrder: i,
      from: refs(m.from),
      to: m.to,
      deliverable: m.deliverable,
      due: m.due,
      wording: m.wording ?? "",
      scope: m.scope,
      note: m.note ?? null,
    })),
  );

  const outline: (typeof outlineItems.$inferInsert)[] = [];
  const addOutline = (items: readonly TemplateOutlineItem[], parentId: string | null) => {
    items.forEach((item, i) => {
      const id = randomUUID();
      outline.push({
        id,
        campaignId,
        parentId,
        sortOrder: i,
        label: item.label,
        title: item.title,
        guidance: item.guidance ?? null,
        lead: refs(item.lead),
        cooperate: refs(item.cooperate),
        pageBudget: item.pageBudget ?? null,
        appendixCodes: item.appendices ?? [],
      });
      if (item.children) addOutline(outlineChildren(item), id);
    });
  };
  addOutline(t.outline, null);
  await repo.insertOutline(tx, outline);

  const appendixRecords = t.appendices.map((ap, i) => {
    // config = the appendix without its rows (and, for lists, without reporters, which are stored resolved).
    const config: Record<string, unknown> = { ...ap };
    delete config.rows;
    delete config.reporters;
    return {
      id: randomUUID(),
      campaignId,
      code: ap.code,
      sortOrder: i,
      kind: ap.kind,
      title: ap.title,
      subtitle: ap.subtitle ?? null,
      config,
      reporters: ap.kind === "records" ? refs(ap.reporters) : [],
    };
  });
  await repo.insertAppendices(tx, appendixRecords);

  const rowInserts: (typeof appendixRows.$inferInsert)[] = [];
  const recordInserts: Parameters<CampaignsRepository["insertRecordRows"]>[1] = [];
  t.appendices.forEach((ap, i) => {
    const appendixId = appendixRecords[i]!.id;
    if (ap.kind === "indicators") {
      const add = (rows: readonly TemplateIndicatorRow[], parentId: string | null) => {
        rows.forEach((r, j) => {
          const id = randomUUID();
          rowInserts.push({
            id,
            appendixId,
            campaignId,
            parentId,
            sortOrder: j,
            tt: r.tt ?? null,
            name: r.name,
            indicatorId: r.indicator ? indicatorIds.get(r.indicator)! : null,
            unit: r.unit ?? null,
            target: r.target ?? null,
            aggregation: r.aggregation ?? null,
            direction: r.direction ?? null,
            decimals: r.decimals ?? null,
            lead: refs(r.lead),
            openForAgencies: r.openForAgencies ?? false,
            emphasis: r.emphasis ?? null,
            note: r.note ?? null,
            createdAt: ctx.now,
          });
          if (r.children) add(rowChildren(r), id);
        });
      };
      add(ap.rows, null);
    } else {
      (ap.rows ?? []).forEach((r, j) =>
        recordInserts.push({
          appendixId,
          campaignId,
          sortOrder: j,
          agencyId: ref(r.agency).id,
          values: r.values,
          prefilled: true,
          createdBy: ctx.actor?.userId ?? null,
          updatedBy: ctx.actor?.userId ?? null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        }),
      );
    }
  });
  await repo.insertAppendixRows(tx, rowInserts);
  await repo.insertRecordRows(tx, recordInserts);

  if (a.differences.length) {
    await repo.insertProposals(
      tx,
      a.differences.map((d) => ({
        indicatorId: d.indicatorId,
        campaignId,
        field: d.field,
        currentValue: d.current,
        proposedValue: d.proposed,
        status: "pending",
        createdAt: ctx.now,
      })),
    );
  }

  await deps.audit.record(tx, ctx, {
    action: opts.auditAction ?? "campaign.import",
    entityType: "campaign",
    entityId: campaignId,
    summary:
      opts.auditSummary ??
      `Nhập mẫu đợt "${opts.name}" (${opts.code}): ${outline.length} mục đề cương, ${t.milestones.length} mốc, ${t.appendices.length} phụ lục, ` +
        `${rowInserts.length + recordInserts.length} dòng phụ lục, ${inserted.length} chỉ tiêu mới`,
    after: {
      code: opts.code,
      templateCode: t.code,
      outlineItems: outline.length,
      milestones: t.milestones.length,
      appendices: t.appendices.length,
      appendixRows: rowInserts.length,
      recordRows: recordInserts.length,
      newIndicators: inserted.map((r) => r.code),
      catalogueDifferences: a.differences.length,
    },
  });
  return campaignId;
}
