// Who may see a campaign's dashboards (all of them read-only):
//   - the coordinator roles of the campaign's coordinator agency (or of the agency that carries on its work) and
//     administrators: every campaign, drafts included (a draft has no figures yet, but its set-up can be checked);
//   - viewers (city leadership): every published or closed campaign;
//   - everybody else (agency officers and leaders, coordinators of another agency): published or closed campaigns
//     in which their agency has at least one assignment.
// Writing report figures is for the coordinator roles of the campaign's coordinator agency only.

import { and, eq } from "drizzle-orm";
import { toVnPlainDate } from "@tonghop/domain";
import { hasRole, requireActor, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { assignments, campaigns } from "../../db/schema/index.js";
import { forbidden, notFound } from "../../http/errors.js";
import type { Directory } from "../agencies/directory.js";
import { isCoordinatorOf } from "../campaigns/campaign-access.js";

export type CampaignRow = typeof campaigns.$inferSelect;

export type DashboardAccess = "coordinator" | "admin" | "viewer" | "participant";

export async function loadCampaign(db: Db, campaignId: string): Promise<CampaignRow> {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId)).limit(1);
  if (!campaign) throw notFound("đợt tổng hợp");
  return campaign;
}

/** How the actor may see the campaign's dashboards; throws 403 when not at all. */
export async function assertCanViewDashboard(db: Db, dir: Directory, ctx: RequestContext, campaign: CampaignRow): Promise<DashboardAccess> {
  const actor = requireActor(ctx);
  if (isCoordinatorOf(dir, ctx, campaign.coordinatorAgencyId)) return "coordinator";
  if (hasRole(actor, "admin")) return "admin";
  if (campaign.status === "draft") {
    throw forbidden(`Đợt "${campaign.name}" chưa ban hành: chỉ cơ quan tổng hợp xem được phân tích của đợt này.`);
  }
  if (hasRole(actor, "viewer")) return "viewer";
  const [mine] = await db
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.campaignId, campaign.id), eq(assignments.agencyId, actor.agencyId)))
    .limit(1);
  if (mine) return "participant";
  throw forbidden(`${dir.displayName(actor.agencyId, toVnPlainDate(ctx.now))} không tham gia đợt "${campaign.name}": không xem được phân tích của đợt này.`);
}

/** Refuses unless the actor is a coordinator (officer or leader) of the campaign's coordinator agency. */
export function assertCanEditFigures(dir: Directory, ctx: RequestContext, campaign: CampaignRow): void {
  requireActor(ctx);
  if (!isCoordinatorOf(dir, ctx, campaign.coordinatorAgencyId)) {
    throw forbidden(
      `Chỉ chuyên viên, lãnh đạo của ${dir.displayName(campaign.coordinatorAgencyId, toVnPlainDate(ctx.now))} (cơ quan tổng hợp) được chèn biểu đồ vào báo cáo.`,
    );
  }
}
