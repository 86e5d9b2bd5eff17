import { eq } from "drizzle-orm";
import type { CampaignDetailDto } from "@tonghop/contracts";
import type { RequestContext } from "../../auth/actor.js";
import { campaigns } from "../../db/schema/index.js";
import { badRequest } from "../../http/errors.js";
import type { CampaignDeps } from "./campaign-deps.js";
import { runEdit } from "./edit-campaign.js";

/** Name and description of a campaign (the code stays: it names exports and links). */
export async function updateCampaignInfo(
  deps: CampaignDeps,
  ctx: RequestContext,
  campaignId: string,
  input: { version: number; name?: string | undefined; description?: string | null | undefined },
): Promise<CampaignDetailDto> {
  return runEdit(deps, ctx, campaignId, input.version, async (e) => {
    const patch: Partial<typeof campaigns.$inferInsert> = {};
    if (input.name !== undefined && input.name !== e.campaign.name) patch.name = input.name;
    if (input.description !== undefined && (input.description?.trim() || null) !== e.campaign.description) patch.description = input.description?.trim() || null;
    if (!Object.keys(patch).length) throw badRequest("Không có thay đổi nào để lưu.");
    await e.tx.update(campaigns).set(patch).where(eq(campaigns.id, campaignId));
    return {
      action: "campaign.update",
      summary: patch.name ? `đổi tên đợt thành "${patch.name}"` : "sửa mô tả đợt",
      entityType: "campaign",
      entityId: campaignId,
      before: { name: e.campaign.name, description: e.campaign.description },
      after: patch,
    };
  });
}
