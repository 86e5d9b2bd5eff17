import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type {
  AnalyticsCampaignDto,
  ChartDataExportRequest,
  DashboardQuery,
  IndicatorDashboardDto,
  OperationsDto,
  TemplateArea,
  TemplatePeriod,
} from "@tonghop/contracts";
import { toVnPlainDate, vnHolidayCalendar } from "@tonghop/domain";
import { hasRole, requireActor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import {
  appendices,
  appendixRows,
  assignmentEvents,
  assignments,
  campaignMilestones,
  campaigns,
  indicators,
  indicatorValues,
  outlineItems,
} from "../../db/schema/index.js";
import { reads } from "../../db/reads.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import type { Directory } from "../agencies/directory.js";
import { isCoordinatorOf } from "../campaigns/campaign-access.js";
import { assertCanViewDashboard, loadCampaign } from "./analytics-access.js";
import { buildChartWorkbook } from "./chart-workbook.js";
import { analyseIndicators, filterDashboard, type AgencyRefLike, type AnalysisIndicator } from "./indicator-analysis.js";
import { analyseOperations, type OpsAssignment } from "./operations-analysis.js";

export interface AnalyticsDeps {
  db: Db;
  agencies: AgenciesService;
}

const HOLIDAYS = vnHolidayCalendar();

const CATALOGUE_COLUMNS = {
  id: indicators.id,
  code: indicators.code,
  name: indicators.name,
  unit: indicators.unit,
  direction: indicators.direction,
  aggregation: indicators.aggregation,
  decimals: indicators.decimals,
  expression: indicators.expression,
};
const VALUE_COLUMNS = {
  indicatorId: indicatorValues.indicatorId,
  period: indicatorValues.period,
  area: indicatorValues.area,
  value: indicatorValues.value,
  status: indicatorValues.status,
};

/** Read-only analysis of campaigns: indicators against targets, years, periods and areas; operations; exports. */
export class AnalyticsService {
  constructor(private readonly deps: AnalyticsDeps) {}

  /** Campaigns whose dashboards the actor may open, newest first, with their progress. */
  async listCampaigns(ctx: RequestContext): Promise<AnalyticsCampaignDto[]> {
    const actor = requireActor(ctx);
    const { db } = this.deps;
    const dir = await this.deps.agencies.directory();
    const all = await db.select().from(campaigns).orderBy(asc(campaigns.referenceDate));
    let mine = new Set<string>();
    if (!hasRole(actor, "admin", "viewer")) {
      const rows = await db.selectDistinct({ campaignId: assignments.campaignId }).from(assignments).where(eq(assignments.agencyId, actor.agencyId));
      mine = new Set(rows.map((r) => r.campaignId));
    }
    const visible = all.filter((c) => {
      if (isCoordinatorOf(dir, ctx, c.coordinatorAgencyId) || hasRole(actor, "admin")) return true;
      if (c.status === "draft") return false;
      return hasRole(actor, "viewer") || mine.has(c.id);
    });
    if (visible.length === 0) return [];
    const today = toVnPlainDate(ctx.now);
    const effectiveDue = sql<string | null>`coalesce(${assignments.dueOverride}, ${assignments.dueDate})`;
    const stats = await db
      .select({
        campaignId: assignments.campaignId,
        total: sql<number>`count(*)::int`,
        sent: sql<number>`count(*) filter (where ${assignments.state} in ('sent', 'accepted'))::int`,
        accepted: sql<number>`count(*) filter (where ${assignments.state} = 'accepted')::int`,
        overdue: sql<number>`count(*) filter (where ${assignments.state} not in ('sent', 'accepted') and ${effectiveDue} < ${today})::int`,
        nextDue: sql<string | null>`min(${effectiveDue}) filter (where ${assignments.state} not in ('sent', 'accepted') and ${effectiveDue} >= ${today})`,
      })
      .from(assignments)
      .where(inArray(
        assignments.campaignId,
        visible.map((c) => c.id),
      ))
      .groupBy(assignments.campaignId);
    const statOf = new Map(stats.map((s) => [s.campaignId, s]));
    return visible
      .map((c) => {
        const s = statOf.get(c.id);
        return {
          id: c.id,
          code: c.code,
          name: c.name,
          kind: c.kind,
          status: c.status,
          coordinatorName: dir.displayName(c.coordinatorAgencyId, c.referenceDate),
          referenceDate: c.referenceDate,
          publishedAt: c.publishedAt ? c.publishedAt.toISOString() : null,
          assignments: Number(s?.total ?? 0),
          sent: Number(s?.sent ?? 0),
          accepted: Number(s?.accepted ?? 0),
          overdue: Number(s?.overdue ?? 0),
          nextDue: plainDateOf(s?.nextDue),
        };
      })
      .reverse();
  }

  /** The indicator dashboard of a campaign, filtered by group, agency and verdict. */
  async indicators(ctx: RequestContext, campaignId: string, query: DashboardQuery = {}): Promise<IndicatorDashboardDto> {
    const { db } = this.deps;
    const campaign = await loadCampaign(db, campaignId);
    const dir = await this.deps.agencies.directory();
    await assertCanViewDashboard(db, dir, ctx, campaign);
    // The indicators of the campaign's rows (a sub-query, not a list of ids), their current figures, in parallel.
    const used = db
      .selectDistinct({ id: appendixRows.indicatorId })
      .from(appendixRows)
      .where(and(eq(appendixRows.campaignId, campaign.id), isNotNull(appendixRows.indicatorId)));
    const [apps, rows, rowCatalogue, rowValues] = await reads(db, [
      () => db.select().from(appendices).where(and(eq(appendices.campaignId, campaign.id), eq(appendices.kind, "indicators"))),
      () => db.select().from(appendixRows).where(eq(appendixRows.campaignId, campaign.id)),
      () => db.select(CATALOGUE_COLUMNS).from(indicators).where(inArray(indicators.id, used)),
      () => db.select(VALUE_COLUMNS).from(indicatorValues).where(inArray(indicatorValues.indicatorId, used)),
    ]);
    // Computed indicators may use indicators outside the table: load those (and their figures) too.
    const extra = await this.expressionRefs(db, rowCatalogue);
    const catalogue = [...rowCatalogue, ...extra];
    const values = extra.length
      ? [...rowValues, ...(await db.select(VALUE_COLUMNS).from(indicatorValues).where(inArray(indicatorValues.indicatorId, extra.map((i) => i.id))))]
      : rowValues;
    const refDate = campaign.referenceDate;
    const dashboard = analyseIndicators({
      campaign: {
        id: campaign.id,
        code: campaign.code,
        name: campaign.name,
        status: campaign.status,
        referenceDate: refDate,
        areas: campaign.areas as TemplateArea[],
        periods: campaign.periods as TemplatePeriod[],
      },
      appendices: apps,
      rows,
      indicators: catalogue,
      values,
      agencyName: (id) => dir.displayName(id, refDate),
      expandRef: expander(dir, refDate),
      now: ctx.now,
    });
    return filterDashboard(dashboard, { group: query.group, agency: query.agency, verdict: query.verdict });
  }

  /** Completeness and timeliness over time, the agencies ranked, the slowest work. */
  async operations(ctx: RequestContext, campaignId: string): Promise<OperationsDto> {
    const { db } = this.deps;
    const campaign = await loadCampaign(db, campaignId);
    const dir = await this.deps.agencies.directory();
    await assertCanViewDashboard(db, dir, ctx, campaign);
    const [asg, events, milestones, items, apps] = await reads(db, [
      () => db.select().from(assignments).where(eq(assignments.campaignId, campaign.id)),
      () => db
        .select({ assignmentId: assignmentEvents.assignmentId, at: assignmentEvents.at, action: assignmentEvents.action, toState: assignmentEvents.toState })
        .from(assignmentEvents)
        .where(eq(assignmentEvents.campaignId, campaign.id)),
      () => db.select().from(campaignMilestones).where(eq(campaignMilestones.campaignId, campaign.id)).orderBy(asc(campaignMilestones.sortOrder)),
      () => db.select({ id: outlineItems.id, label: outlineItems.label, title: outlineItems.title }).from(outlineItems).where(eq(outlineItems.campaignId, campaign.id)),
      () => db.select({ id: appendices.id, title: appendices.title, subtitle: appendices.subtitle }).from(appendices).where(eq(appendices.campaignId, campaign.id)),
    ]);
    const itemOf = new Map(items.map((i) => [i.id, i]));
    const appOf = new Map(apps.map((a) => [a.id, a]));
    const titleOf = (a: (typeof asg)[number]): string => {
      if (a.outlineItemId) {
        const i = itemOf.get(a.outlineItemId);
        return i ? `Mục ${i.label}. ${i.title}` : "Mục đề cương";
      }
      const p = a.appendixId ? appOf.get(a.appendixId) : undefined;
      return p ? (p.subtitle ? `${p.title}: ${p.subtitle}` : p.title) : "Phụ lục";
    };
    const refDate = campaign.referenceDate;
    const opsAssignments: OpsAssignment[] = asg.map((a) => ({
      id: a.id,
      agencyId: a.agencyId,
      kind: a.kind as OpsAssignment["kind"],
      title: titleOf(a),
      state: a.state,
      dueDate: a.dueDate,
      dueOverride: a.dueOverride,
      sentAt: a.sentAt,
      acceptedAt: a.acceptedAt,
      createdAt: a.createdAt,
    }));
    return analyseOperations({
      campaign: { id: campaign.id, name: campaign.name, status: campaign.status, referenceDate: refDate, publishedAt: campaign.publishedAt },
      assignments: opsAssignments,
      events,
      milestones: milestones.map((m) => ({ code: m.code, due: m.due, deliverable: m.deliverable, wording: m.wording, scopeKind: (m.scope as { kind?: string }).kind ?? "all" })),
      agencyName: (id) => dir.displayName(id, refDate),
      now: ctx.now,
      calendar: HOLIDAYS,
    });
  }

  /** A chart's data as an Excel workbook (for anyone who may see the dashboard). */
  async exportXlsx(ctx: RequestContext, campaignId: string, body: ChartDataExportRequest): Promise<{ buffer: Buffer; filename: string }> {
    const { db } = this.deps;
    const campaign = await loadCampaign(db, campaignId);
    const dir = await this.deps.agencies.directory();
    await assertCanViewDashboard(db, dir, ctx, campaign);
    const buffer = await buildChartWorkbook({ ...body, campaignName: campaign.name, exportedAt: ctx.now });
    return { buffer, filename: `${body.title}.xlsx` };
  }

  /** Indicators that the expressions of `known` use, transitively, and that are not in `known`. */
  private async expressionRefs(db: Db, known: AnalysisIndicator[]): Promise<AnalysisIndicator[]> {
    const asked = new Set(known.map((i) => i.code));
    const extra: AnalysisIndicator[] = [];
    let frontier = known;
    for (let depth = 0; depth < 10 && frontier.length; depth++) {
      const missing = new Set<string>();
      for (const i of frontier) for (const code of i.expression?.match(/[A-Z][A-Z0-9_]*/g) ?? []) if (!asked.has(code)) missing.add(code);
      if (missing.size === 0) break;
      for (const code of missing) asked.add(code);
      frontier = await db.select(CATALOGUE_COLUMNS).from(indicators).where(inArray(indicators.code, [...missing]));
      extra.push(...frontier);
    }
    return extra;
  }
}

/** A date read through raw SQL: a string on both drivers as drizzle configures them, a Date otherwise. */
function plainDateOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, "0")}-${String(v.getDate()).padStart(2, "0")}`;
  return typeof v === "string" ? v.slice(0, 10) : null;
}

/** Agencies of a reference as of `date`, memoised per group. */
export function expander(dir: Directory, date: string): (ref: AgencyRefLike) => string[] {
  const cache = new Map<string, string[]>();
  return (ref) => {
    if (ref.kind === "agency") return [ref.id];
    let ids = cache.get(ref.id);
    if (!ids) {
      ids = dir.groupMemberIds(ref.id, date);
      cache.set(ref.id, ids);
    }
    return ids;
  };
}
