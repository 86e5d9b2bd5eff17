import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import type { Container } from "../../app/container.js";
import { systemContext, type RequestContext } from "../../auth/actor.js";
import { appMeta } from "../../db/schema/index.js";

/** templates/ at the repository root (same depth from src/ and dist/). */
export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../templates");

/** The demo campaigns of a fresh data directory: CV2830 published, CT15 a draft. */
export const SEED_CAMPAIGNS = [
  { code: "cv2830-2024-so-ket-nq45", publish: true },
  { code: "ct15-2020-ke-hoach-5-nam", publish: false },
] as const;

const SEEDED_CAMPAIGNS_KEY = "seeded-campaigns";

export function readTemplateFile(code: string): string {
  return readFileSync(path.join(TEMPLATES_DIR, `${code}.yaml`), "utf8");
}

/**
 * Imports the seed templates through the real import service (as the demo coordinator when it exists) and
 * publishes those marked so. Runs once per database (app_meta "seeded-campaigns"); a template already
 * imported under its code is left alone. Returns the codes imported.
 */
export async function seedCampaigns(c: Container): Promise<string[]> {
  const done = await c.db.select().from(appMeta).where(eq(appMeta.key, SEEDED_CAMPAIGNS_KEY)).limit(1);
  if (done.length) return [];
  const user = await c.repos.users.findByUsername(c.db, "tonghop");
  const now = c.clock.now();
  const ctx: RequestContext = user ? { actor: c.services.auth.toActor(user), requestId: "seed", ip: null, now } : systemContext(now, "seed");
  const imported: string[] = [];
  for (const s of SEED_CAMPAIGNS) {
    const file = path.join(TEMPLATES_DIR, `${s.code}.yaml`);
    if (!existsSync(file)) continue;
    if (await c.services.campaigns.deps.repo.findByCode(c.db, s.code)) continue;
    const result = await c.services.campaigns.importTemplate(ctx, { text: readFileSync(file, "utf8") });
    if (s.publish && result.campaignId) await c.services.campaigns.publish(ctx, result.campaignId);
    imported.push(s.code);
  }
  await c.db.insert(appMeta).values({ key: SEEDED_CAMPAIGNS_KEY, value: now.toISOString() });
  return imported;
}
