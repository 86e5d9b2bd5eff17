import type { Container } from "../app/container.js";
import type { RequestContext } from "../auth/actor.js";
import { readTemplateFile } from "../services/campaigns/seed-campaigns.js";

/** The two seed campaigns transcribed in templates/. */
export type SeedCampaignCode = "cv2830-2024-so-ket-nq45" | "ct15-2020-ke-hoach-5-nam";

/** The YAML text of a seed template. */
export function seedTemplateText(code: SeedCampaignCode): string {
  return readTemplateFile(code);
}

/** A request context for a seeded user (demo accounts: tonghop, giaothong, …). */
export async function userContext(container: Container, username: string, now: Date = container.clock.now()): Promise<RequestContext> {
  const user = await container.repos.users.findByUsername(container.db, username);
  if (!user) throw new Error(`Không có tài khoản ${username} (cơ sở dữ liệu chưa được khởi tạo dữ liệu mẫu?)`);
  return { actor: container.services.auth.toActor(user), requestId: `test:${username}`, ip: null, now };
}

/**
 * Imports `templates/<code>.yaml` through the real import service as the `tonghop` coordinator and, with
 * `publish`, publishes it (which materialises the assignments). `code` gives the campaign another code so the
 * same seed can be imported twice in one database.
 */
export async function importSeedCampaign(
  container: Container,
  code: SeedCampaignCode,
  opts: { publish?: boolean; code?: string } = {},
): Promise<{ campaignId: string }> {
  const ctx = await userContext(container, "tonghop");
  const result = await container.services.campaigns.importTemplate(ctx, {
    text: seedTemplateText(code),
    ...(opts.code ? { code: opts.code } : {}),
  });
  const campaignId = result.campaignId!;
  if (opts.publish) await container.services.campaigns.publish(ctx, campaignId);
  return { campaignId };
}
