/**
 * What an indicator appendix is made of, and which of its rows belong to an agency.
 *
 * An `indicators` assignment of an agency = its rows of the appendix: rows whose lead agencies (their own, else the
 * nearest ancestor's) include the agency — groups expanded as of the campaign's reference date — plus the rows the
 * agency added under open groups. Rows another agency added are never the agency's, even though they sit under a
 * group row the agency shares.
 */
import { and, asc, eq, inArray, isNull, or, gt, lte, sql } from "drizzle-orm";
import {
  expandColumns,
  type ExpandedTemplateColumns,
  type ExpandedTemplateDataColumn,
  type TemplateArea,
  type TemplateIndicatorsAppendix,
  type TemplatePeriod,
} from "@tonghop/contracts";
import type { Db } from "../../db/client.js";
import { prepared } from "../../db/prepared.js";
import { agencyGroupMembers, appendices, appendixRows, assignments, campaigns, indicators, type AgencyRef } from "../../db/schema/index.js";
import { notFound } from "../../http/errors.js";
import { effectiveRowLeads } from "../campaigns/compute-assignments.js";

export type AppendixRowRecord = typeof appendixRows.$inferSelect;
export type IndicatorRecord = typeof indicators.$inferSelect;

export interface AppendixCampaign {
  id: string;
  code: string;
  name: string;
  status: string;
  referenceDate: string;
  coordinatorAgencyId: string;
  coordinatorName: string;
  areas: TemplateArea[];
  periods: TemplatePeriod[];
}

export interface AppendixInfo {
  id: string;
  campaignId: string;
  code: string;
  title: string;
  subtitle: string | null;
  kind: string;
  config: TemplateIndicatorsAppendix;
}

/** An appendix row with its depth in the tree (rows come in display order: pre-order by sortOrder). */
export interface TreeRow extends AppendixRowRecord {
  depth: number;
}

export interface DataColumn {
  leaf: ExpandedTemplateDataColumn;
  /** Printed column number ("1", "2"…) if the appendix numbers its columns. */
  number: string | null;
}

export interface AppendixColumns {
  expanded: ExpandedTemplateColumns;
  data: DataColumn[];
  byKey: Map<string, ExpandedTemplateDataColumn>;
  /** "Giai đoạn 2019-2023 – Cả nước": the titles of the header cells above a leaf, for messages. */
  longTitle: Map<string, string>;
  primaryArea: string;
}

/** The campaign and the appendix (404 if missing or not an indicator appendix when `kind` says so). */
const appendixSelection = {
  appendix: {
    id: appendices.id,
    campaignId: appendices.campaignId,
    code: appendices.code,
    title: appendices.title,
    subtitle: appendices.subtitle,
    kind: appendices.kind,
    config: appendices.config,
  },
  campaign: {
    id: campaigns.id,
    code: campaigns.code,
    name: campaigns.name,
    status: campaigns.status,
    referenceDate: campaigns.referenceDate,
    coordinatorAgencyId: campaigns.coordinatorAgencyId,
    coordinatorName: campaigns.coordinatorName,
    areas: campaigns.areas,
    periods: campaigns.periods,
  },
};

type AppendixSelected = {
  appendix: Omit<AppendixInfo, "config"> & { config: unknown };
  campaign: Omit<AppendixCampaign, "areas" | "periods"> & { areas: unknown; periods: unknown };
};

function appendixScope(
  row: AppendixSelected | null | undefined,
  kind: "indicators" | "records" | undefined,
): { appendix: AppendixInfo; campaign: AppendixCampaign } {
  if (!row || (kind && row.appendix.kind !== kind)) throw notFound(kind === "records" ? "phụ lục danh sách" : kind === "indicators" ? "phụ lục chỉ tiêu" : "phụ lục");
  return {
    appendix: { ...row.appendix, config: { ...(row.appendix.config as TemplateIndicatorsAppendix), rows: [] } },
    campaign: { ...row.campaign, areas: row.campaign.areas as TemplateArea[], periods: row.campaign.periods as TemplatePeriod[] },
  };
}

export async function loadAppendix(db: Db, appendixId: string, kind?: "indicators" | "records"): Promise<{ appendix: AppendixInfo; campaign: AppendixCampaign }> {
  const [row] = await db
    .select(appendixSelection)
    .from(appendices)
    .innerJoin(campaigns, eq(campaigns.id, appendices.campaignId))
    .where(eq(appendices.id, appendixId))
    .limit(1);
  return appendixScope(row, kind);
}

const assignmentWithAppendix = prepared((db) =>
  db
    .select({ row: assignments, ...appendixSelection })
    .from(assignments)
    .leftJoin(campaigns, eq(campaigns.id, assignments.campaignId))
    .leftJoin(appendices, eq(appendices.id, assignments.appendixId))
    .where(eq(assignments.id, sql.placeholder("id")))
    .limit(1)
    .prepare("assignment_with_appendix"),
);

/**
 * An assignment with its campaign and its appendix in one query (`loadAssignment` and `loadAppendix` together; no
 * lock, no access check). `appendix` throws 404 like `loadAppendix` when the assignment has no appendix of that kind.
 */
export async function loadAssignmentWithAppendix(db: Db, assignmentId: string) {
  const [found] = await assignmentWithAppendix(db, { id: assignmentId });
  return {
    row: found?.row,
    campaign: found?.campaign,
    appendix: (kind: "indicators" | "records") => appendixScope(found?.appendix && found.campaign ? { appendix: found.appendix, campaign: found.campaign } : null, kind),
  };
}

const columnsCache = new Map<string, AppendixColumns>();

/** Leaf columns and the multi-level header of an indicator appendix (cached by configuration). */
export function appendixColumns(appendix: AppendixInfo, areas: readonly TemplateArea[]): AppendixColumns {
  const cacheKey = `${appendix.id}|${JSON.stringify(appendix.config.columns)}|${JSON.stringify(areas)}|${appendix.config.columnNumbers ? 1 : 0}`;
  const hit = columnsCache.get(cacheKey);
  if (hit) return hit;
  const expanded = expandColumns(appendix.config, areas);
  const data: DataColumn[] = [];
  expanded.columns.forEach((c, i) => {
    if (c.kind === "value" || c.kind === "target" || c.kind === "evaluation" || c.kind === "proposal" || c.kind === "note") {
      data.push({ leaf: c, number: expanded.numbers?.[i] ?? null });
    }
  });
  const primaryArea = (areas.find((a) => a.primary) ?? areas[0])?.code ?? "";
  const longTitle = new Map<string, string>();
  expanded.columns.forEach((c, i) => {
    const titles: string[] = [];
    for (const line of expanded.header) for (const cell of line) if (cell.col <= i && i < cell.col + cell.colSpan) titles.push(cell.title.trim());
    longTitle.set(c.key, titles.join(" – ") || c.title);
  });
  const result: AppendixColumns = { expanded, data, byKey: new Map(data.map((d) => [d.leaf.key, d.leaf])), longTitle, primaryArea };
  if (columnsCache.size > 200) columnsCache.clear();
  columnsCache.set(cacheKey, result);
  return result;
}

/** Rows of an appendix in display order with their depth. */
export function toTree(rows: readonly AppendixRowRecord[]): TreeRow[] {
  const children = new Map<string | null, AppendixRowRecord[]>();
  for (const r of rows) {
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.createdAt.getTime() - b.createdAt.getTime());
  const out: TreeRow[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const r of children.get(parentId) ?? []) {
      out.push({ ...r, depth });
      if (depth < 50) walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export async function loadRows(db: Db, appendixId: string): Promise<TreeRow[]> {
  const rows = await db.select().from(appendixRows).where(eq(appendixRows.appendixId, appendixId)).orderBy(asc(appendixRows.sortOrder));
  return toTree(rows);
}

/**
 * Only the given rows of the appendix and their ancestors (what decides who leads them), as a tree, with their
 * catalogue entries, in one query. A batch save touches a few rows of an appendix that agencies may have grown to
 * hundreds. The appendix is given, or is the one of an assignment (so that the rows can be read side by side with
 * the assignment itself).
 */
const rowsWithAncestors = (appendix: "given" | "of-assignment") =>
  prepared((db) => {
    const appendixId =
      appendix === "given" ? sql.placeholder("appendixId") : sql`(select ${assignments.appendixId} from ${assignments} where ${assignments.id} = ${sql.placeholder("assignmentId")})`;
    const chain = sql`with recursive chain(id, parent_id) as (
      select ${appendixRows.id}, ${appendixRows.parentId} from ${appendixRows}
       where ${appendixRows.appendixId} = ${appendixId} and ${appendixRows.id} = any(${sql.placeholder("ids")}::uuid[])
      union
      select r.id, r.parent_id from ${appendixRows} r join chain c on r.id = c.parent_id
    ) select id from chain`;
    return db
      .select({ row: appendixRows, indicator: indicators })
      .from(appendixRows)
      .leftJoin(indicators, eq(indicators.id, appendixRows.indicatorId))
      .where(sql`${appendixRows.id} in (${chain})`)
      .prepare(appendix === "given" ? "appendix_rows_with_ancestors" : "assignment_rows_with_ancestors");
  });
const rowsOfAppendix = rowsWithAncestors("given");
const rowsOfAssignment = rowsWithAncestors("of-assignment");

export interface LoadedRows {
  rows: TreeRow[];
  indicators: Map<string, IndicatorRecord>;
}

export async function loadRowsWithAncestors(db: Db, of: { appendixId: string } | { assignmentId: string }, rowIds: Iterable<string>): Promise<LoadedRows> {
  const ids = [...new Set(rowIds)].filter((id) => UUID.test(id));
  if (!ids.length) return { rows: [], indicators: new Map() };
  const found = "appendixId" in of ? await rowsOfAppendix(db, { appendixId: of.appendixId, ids }) : await rowsOfAssignment(db, { assignmentId: of.assignmentId, ids });
  return {
    rows: toTree(found.map((f) => f.row)),
    indicators: new Map(found.flatMap((f) => (f.indicator ? [[f.indicator.id, f.indicator] as const] : []))),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadIndicatorsById(db: Db, ids: readonly string[]): Promise<Map<string, IndicatorRecord>> {
  if (!ids.length) return new Map();
  const rows = await db.select().from(indicators).where(inArray(indicators.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function loadIndicatorsByCode(db: Db, codes: readonly string[]): Promise<IndicatorRecord[]> {
  if (!codes.length) return [];
  return db.select().from(indicators).where(inArray(indicators.code, [...new Set(codes)]));
}

/** Groups (ids) among `groupIds` that `agencyId` is a member of on `date`. */
export async function memberGroups(db: Db, agencyId: string, groupIds: readonly string[], date: string): Promise<Set<string>> {
  if (!groupIds.length) return new Set();
  const rows = await db
    .select({ groupId: agencyGroupMembers.groupId })
    .from(agencyGroupMembers)
    .where(
      and(
        eq(agencyGroupMembers.agencyId, agencyId),
        inArray(agencyGroupMembers.groupId, [...new Set(groupIds)]),
        or(isNull(agencyGroupMembers.validFrom), lte(agencyGroupMembers.validFrom, date)),
        or(isNull(agencyGroupMembers.validTo), gt(agencyGroupMembers.validTo, date)),
      ),
    );
  return new Set(rows.map((r) => r.groupId));
}

/** Effective lead references of every row (own, else the nearest ancestor's). */
export function rowLeads(rows: readonly AppendixRowRecord[]): Map<string, AgencyRef[]> {
  return effectiveRowLeads(rows as AppendixRowRecord[]);
}

/** Group ids named in the leads. */
export function leadGroupIds(leads: ReadonlyMap<string, readonly AgencyRef[]>): string[] {
  const out = new Set<string>();
  for (const refs of leads.values()) for (const r of refs) if (r.kind === "group") out.add(r.id);
  return [...out];
}

/** The rows that belong to `agencyId` (see the head of this file). */
export function ownRowIds(
  rows: readonly AppendixRowRecord[],
  leads: ReadonlyMap<string, readonly AgencyRef[]>,
  agencyId: string,
  groups: ReadonlySet<string>,
): Set<string> {
  const own = new Set<string>();
  for (const r of rows) {
    if (r.addedByAgencyId) {
      if (r.addedByAgencyId === agencyId) own.add(r.id);
      continue;
    }
    const refs = leads.get(r.id) ?? [];
    if (refs.some((ref) => (ref.kind === "agency" ? ref.id === agencyId : groups.has(ref.id)))) own.add(r.id);
  }
  return own;
}

/**
 * The agency's rows of an appendix (one query for group memberships, skipped when no group matters). `decide` limits
 * the answer to those rows (a save decides only the rows it writes; `rows` must still hold their ancestors).
 */
export async function agencyRows(
  db: Db,
  rows: readonly AppendixRowRecord[],
  agencyId: string,
  referenceDate: string,
  decide?: ReadonlySet<string>,
): Promise<{ own: Set<string>; leads: Map<string, AgencyRef[]> }> {
  const leads = rowLeads(rows);
  const decided = decide ? rows.filter((r) => decide.has(r.id)) : rows;
  // Rows an agency added are its own whoever leads their group: only the other rows need the group memberships.
  const ledRows = new Map(decided.flatMap((r) => (r.addedByAgencyId ? [] : [[r.id, leads.get(r.id) ?? []] as const])));
  const groups = await memberGroups(db, agencyId, leadGroupIds(ledRows), referenceDate);
  return { own: ownRowIds(decided, leads, agencyId, groups), leads };
}

/** Effective aggregation, direction and decimals of a row (row overrides, else the catalogue). */
export function rowRules(row: AppendixRowRecord, indicator: IndicatorRecord | undefined): { aggregation: string | null; direction: string | null; decimals: number } {
  return {
    aggregation: row.aggregation ?? indicator?.aggregation ?? null,
    direction: row.direction ?? indicator?.direction ?? null,
    decimals: row.decimals ?? indicator?.decimals ?? 2,
  };
}
