import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  appendices,
  appendixRows,
  assignments,
  campaignMilestones,
  campaigns,
  indicatorChangeProposals,
  indicators,
  outlineItems,
  recordRows,
} from "../../db/schema/index.js";

export type CampaignRow = typeof campaigns.$inferSelect;
export type MilestoneRow = typeof campaignMilestones.$inferSelect;
export type OutlineItemRow = typeof outlineItems.$inferSelect;
export type AppendixRow = typeof appendices.$inferSelect;
export type AppendixRowRow = typeof appendixRows.$inferSelect;
export type RecordRowRow = typeof recordRows.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;
export type IndicatorCatalogueRow = typeof indicators.$inferSelect;
export type ChangeProposalRow = typeof indicatorChangeProposals.$inferSelect;

/** Rows per INSERT statement (keeps every statement well under the 65 535 parameter limit). */
const CHUNK = 400;

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Everything stored for one campaign's structure. */
export interface CampaignStructure {
  campaign: CampaignRow;
  milestones: MilestoneRow[];
  outline: OutlineItemRow[];
  appendices: AppendixRow[];
  rows: AppendixRowRow[];
  records: RecordRowRow[];
}

/** SQL for campaigns and their structure. Every method takes a Db (or a transaction). */
export class CampaignsRepository {
  async findByCode(db: Db, code: string): Promise<CampaignRow | undefined> {
    return (await db.select().from(campaigns).where(eq(campaigns.code, code)).limit(1))[0];
  }

  async findById(db: Db, id: string): Promise<CampaignRow | undefined> {
    return (await db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1))[0];
  }

  async codesLike(db: Db, prefix: string): Promise<string[]> {
    const rows = await db
      .select({ code: campaigns.code })
      .from(campaigns)
      .where(sql`${campaigns.code} = ${prefix} or ${campaigns.code} like ${`${prefix.replace(/[%_\\]/g, (c) => `\\${c}`)}-%`}`);
    return rows.map((r) => r.code);
  }

  async list(db: Db): Promise<CampaignRow[]> {
    return db.select().from(campaigns).orderBy(sql`${campaigns.referenceDate} desc`, asc(campaigns.code));
  }

  async insertCampaign(db: Db, row: typeof campaigns.$inferInsert): Promise<CampaignRow> {
    return (await db.insert(campaigns).values(row).returning())[0]!;
  }

  async updateCampaign(db: Db, id: string, patch: Partial<typeof campaigns.$inferInsert>): Promise<CampaignRow> {
    return (await db.update(campaigns).set(patch).where(eq(campaigns.id, id)).returning())[0]!;
  }

  /** Bumps the version if it still is `expected`; false when someone else changed the campaign first. */
  async bumpVersion(db: Db, id: string, expected: number, now: Date): Promise<CampaignRow | undefined> {
    const rows = await db
      .update(campaigns)
      .set({ version: sql`${campaigns.version} + 1`, updatedAt: now })
      .where(and(eq(campaigns.id, id), eq(campaigns.version, expected)))
      .returning();
    return rows[0];
  }

  async insertMilestones(db: Db, rows: (typeof campaignMilestones.$inferInsert)[]): Promise<void> {
    await insertChunked(rows, (c) => db.insert(campaignMilestones).values(c));
  }

  async insertOutline(db: Db, rows: (typeof outlineItems.$inferInsert)[]): Promise<void> {
    await insertChunked(rows, (c) => db.insert(outlineItems).values(c));
  }

  async insertAppendices(db: Db, rows: (typeof appendices.$inferInsert)[]): Promise<void> {
    await insertChunked(rows, (c) => db.insert(appendices).values(c));
  }

  async insertAppendixRows(db: Db, rows: (typeof appendixRows.$inferInsert)[]): Promise<void> {
    await insertChunked(rows, (c) => db.insert(appendixRows).values(c));
  }

  async insertRecordRows(db: Db, rows: (typeof recordRows.$inferInsert)[]): Promise<void> {
    await insertChunked(rows, (c) => db.insert(recordRows).values(c));
  }

  async structure(db: Db, campaignId: string): Promise<CampaignStructure | undefined> {
    const campaign = await this.findById(db, campaignId);
    if (!campaign) return undefined;
    // Sequential: inside a transaction there is one connection (node-postgres refuses concurrent queries on it).
    const milestones = await db.select().from(campaignMilestones).where(eq(campaignMilestones.campaignId, campaignId)).orderBy(asc(campaignMilestones.sortOrder));
    const outline = await db.select().from(outlineItems).where(eq(outlineItems.campaignId, campaignId)).orderBy(asc(outlineItems.sortOrder));
    const apps = await db.select().from(appendices).where(eq(appendices.campaignId, campaignId)).orderBy(asc(appendices.sortOrder));
    const rows = await db.select().from(appendixRows).where(eq(appendixRows.campaignId, campaignId)).orderBy(asc(appendixRows.sortOrder));
    const records = await db.select().from(recordRows).where(eq(recordRows.campaignId, campaignId)).orderBy(asc(recordRows.sortOrder));
    return { campaign, milestones, outline, appendices: apps, rows, records };
  }

  // --- catalogue

  async indicatorsByCodes(db: Db, codes: readonly string[]): Promise<IndicatorCatalogueRow[]> {
    if (!codes.length) return [];
    return db.select().from(indicators).where(inArray(indicators.code, [...codes]));
  }

  async indicatorsByIds(db: Db, ids: readonly string[]): Promise<IndicatorCatalogueRow[]> {
    if (!ids.length) return [];
    return db.select().from(indicators).where(inArray(indicators.id, [...ids]));
  }

  async computedExpressions(db: Db): Promise<Map<string, string>> {
    const rows = await db.select({ code: indicators.code, expression: indicators.expression }).from(indicators).where(isNotNull(indicators.expression));
    return new Map(rows.map((r) => [r.code, r.expression!]));
  }

  async insertIndicators(db: Db, rows: (typeof indicators.$inferInsert)[]): Promise<IndicatorCatalogueRow[]> {
    const out: IndicatorCatalogueRow[] = [];
    await insertChunked(rows, async (c) => out.push(...(await db.insert(indicators).values(c).returning())));
    return out;
  }

  async insertProposals(db: Db, rows: (typeof indicatorChangeProposals.$inferInsert)[]): Promise<void> {
    await insertChunked(rows, (c) => db.insert(indicatorChangeProposals).values(c));
  }

  // --- assignments

  async assignmentsOf(db: Db, campaignId: string): Promise<AssignmentRow[]> {
    return db.select().from(assignments).where(eq(assignments.campaignId, campaignId));
  }

  async insertAssignments(db: Db, rows: (typeof assignments.$inferInsert)[]): Promise<void> {
    await insertChunked(rows, (c) => db.insert(assignments).values(c));
  }

  async updateAssignment(db: Db, id: string, patch: Partial<typeof assignments.$inferInsert>): Promise<void> {
    await db.update(assignments).set(patch).where(eq(assignments.id, id));
  }

  async deleteAssignments(db: Db, ids: readonly string[]): Promise<void> {
    if (ids.length) await db.delete(assignments).where(inArray(assignments.id, [...ids]));
  }
}
