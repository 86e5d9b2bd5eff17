// The parts of a campaign that the console, the reminders and the chase letter name: outline items in document
// order with their label path, appendices and milestones. A handful of queries, independent of the number of
// agencies.

import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { appendices, campaignMilestones, campaigns, outlineItems } from "../../db/schema/index.js";
import { reads } from "../../db/reads.js";
import { notFound } from "../../http/errors.js";
import { outlineInOrder } from "../campaigns/campaign-read.js";

export type CampaignRow = typeof campaigns.$inferSelect;
export type MilestoneRow = typeof campaignMilestones.$inferSelect;
export type OutlineRow = typeof outlineItems.$inferSelect;
export type AppendixRow = typeof appendices.$inferSelect;

export interface OrderedItem {
  item: OutlineRow;
  depth: number;
  labelPath: string[];
  index: number;
}

export interface CampaignWork {
  campaign: CampaignRow;
  milestones: MilestoneRow[];
  milestoneById: Map<string, MilestoneRow>;
  outline: OrderedItem[];
  itemById: Map<string, OrderedItem>;
  appendices: AppendixRow[];
  appendixById: Map<string, AppendixRow>;
}

/** "Phần I / I / 2.1" style label path joined for text: "Phần I.I.2.1". */
export function labelText(labelPath: readonly string[]): string {
  return labelPath.filter((l) => l !== "-").join(" › ");
}

export async function loadCampaignWork(db: Db, campaignId: string): Promise<CampaignWork> {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId)).limit(1);
  if (!campaign) throw notFound("đợt tổng hợp");
  const [milestones, items, apps] = await reads(db, [
    () => db.select().from(campaignMilestones).where(eq(campaignMilestones.campaignId, campaignId)).orderBy(asc(campaignMilestones.sortOrder)),
    () => db.select().from(outlineItems).where(eq(outlineItems.campaignId, campaignId)),
    () => db.select().from(appendices).where(eq(appendices.campaignId, campaignId)).orderBy(asc(appendices.sortOrder)),
  ]);
  const outline = outlineInOrder(items).map((o, index) => ({ ...o, index }));
  return {
    campaign,
    milestones,
    milestoneById: new Map(milestones.map((m) => [m.id, m])),
    outline,
    itemById: new Map(outline.map((o) => [o.item.id, o])),
    appendices: apps,
    appendixById: new Map(apps.map((a) => [a.id, a])),
  };
}

/** How an assignment is named to people: "Phần I › II. Công tác thể chế hóa…" or "Phụ lục 2 (số liệu)". */
export function workTitle(w: CampaignWork, a: { outlineItemId: string | null; appendixId: string | null; kind: string }, maxTitle = 120): string {
  if (a.outlineItemId) {
    const o = w.itemById.get(a.outlineItemId);
    if (!o) return "Mục đề cương (đã xoá)";
    const title = o.item.title.length > maxTitle ? `${o.item.title.slice(0, maxTitle - 1)}…` : o.item.title;
    const path = labelText(o.labelPath);
    return path ? `${path}. ${title}` : title;
  }
  const ap = a.appendixId ? w.appendixById.get(a.appendixId) : undefined;
  if (!ap) return "Phụ lục (đã xoá)";
  return `${ap.title}${a.kind === "indicators" ? " (số liệu)" : a.kind === "records" ? " (danh sách)" : ""}`;
}

/** Sort key in document order: outline items first (pre-order), then appendices. */
export function workOrder(w: CampaignWork, a: { outlineItemId: string | null; appendixId: string | null }): number {
  if (a.outlineItemId) return w.itemById.get(a.outlineItemId)?.index ?? 99_999;
  const ap = a.appendixId ? w.appendixById.get(a.appendixId) : undefined;
  return 100_000 + (ap?.sortOrder ?? 0);
}
