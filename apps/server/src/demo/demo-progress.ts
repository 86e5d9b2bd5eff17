// First start only: puts the published demo campaign "under way", so that a newcomer sees a live progress matrix,
// dashboards with figures and a report that compiles — while the agencies of the demo accounts still have their
// own work to do (sign in as thongke, giaothong, taichinh, congthuong to do it).
import { eq, inArray } from "drizzle-orm";
import type { Container } from "../app/container.js";
import { campaigns, users } from "../db/schema/index.js";
import { fillCampaign, type FillResult } from "./fill-campaign.js";

export const DEMO_FILL = { code: "cv2830-2024-so-ket-nq45", fraction: 0.6, daysAfterReference: 7 } as const;

export async function fillDemoCampaign(c: Container, demoUsernames: readonly string[]): Promise<FillResult | null> {
  const [campaign] = await c.db.select().from(campaigns).where(eq(campaigns.code, DEMO_FILL.code)).limit(1);
  if (!campaign || campaign.status !== "published") return null;
  const people = demoUsernames.length ? await c.db.select({ agencyId: users.agencyId }).from(users).where(inArray(users.username, [...demoUsernames])) : [];
  // The work is dated a week after the directive's reference date: what was sent, was sent on time.
  const now = new Date(Date.parse(`${campaign.referenceDate}T02:00:00Z`) + DEMO_FILL.daysAfterReference * 86_400_000);
  return fillCampaign(c, campaign.id, { seed: "demo", fraction: DEMO_FILL.fraction, now, excludeAgencyIds: people.map((p) => p.agencyId) });
}
