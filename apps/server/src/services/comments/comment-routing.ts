// Who answers a comment: the lead agency of the outline item (its own lead, else the nearest ancestor's) or of the
// appendix row (own, else inherited; else the agency that added the row), groups expanded as the publish step does
// (as of the campaign's reference date), then carried to the agency that does that work today (after a merger or a
// split, the first active successor). Nobody leads → the campaign's coordinator agency.

import { eq } from "drizzle-orm";
import { toVnPlainDate } from "@tonghop/domain";
import type { Db } from "../../db/client.js";
import { appendixRows, outlineItems, type AgencyRef } from "../../db/schema/index.js";
import type { Directory } from "../agencies/directory.js";
import { expandRefs } from "../campaigns/agency-refs.js";

export interface RoutingCampaign {
  id: string;
  referenceDate: string;
  coordinatorAgencyId: string;
}

/** The agency that carries on `agencyId`'s work on `date` (itself while active). */
export function currentAgency(dir: Directory, agencyId: string, date: string): string {
  return dir.activeSuccessorsOn(agencyId, date)[0] ?? agencyId;
}

function firstLead(dir: Directory, refs: readonly AgencyRef[], date: string): string | null {
  return expandRefs(dir, refs, date)[0] ?? null;
}

export async function routeComment(
  db: Db,
  dir: Directory,
  campaign: RoutingCampaign,
  anchor: { outlineItemId: string | null; rowId: string | null },
  now: Date,
): Promise<string> {
  let lead: string | null = null;
  if (anchor.outlineItemId) {
    const items = await db.select({ id: outlineItems.id, parentId: outlineItems.parentId, lead: outlineItems.lead }).from(outlineItems).where(eq(outlineItems.campaignId, campaign.id));
    const byId = new Map(items.map((i) => [i.id, i]));
    for (let cur = byId.get(anchor.outlineItemId); cur && !lead; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
      if (cur.lead.length) lead = firstLead(dir, cur.lead, campaign.referenceDate);
    }
  } else if (anchor.rowId) {
    const rows = await db
      .select({ id: appendixRows.id, parentId: appendixRows.parentId, lead: appendixRows.lead, addedBy: appendixRows.addedByAgencyId })
      .from(appendixRows)
      .where(eq(appendixRows.campaignId, campaign.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const row = byId.get(anchor.rowId);
    for (let cur = row; cur && !lead; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
      if (cur.lead.length) lead = firstLead(dir, cur.lead, campaign.referenceDate);
    }
    lead ??= row?.addedBy ?? null;
  }
  return currentAgency(dir, lead ?? campaign.coordinatorAgencyId, toVnPlainDate(now));
}
