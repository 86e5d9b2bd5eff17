import { eq } from "drizzle-orm";
import { toVnPlainDate } from "@tonghop/domain";
import type { Container } from "../app/container.js";
import { systemContext } from "../auth/actor.js";
import { generatePassword, hashPassword } from "../auth/password.js";
import { appMeta } from "../db/schema/index.js";
import { Directory } from "../services/agencies/directory.js";
import { seedCampaigns } from "../services/campaigns/seed-campaigns.js";
import { fillDemoCampaign } from "../demo/demo-progress.js";
import { DEMO_USERS } from "./demo-users.js";
import { loadDirectorySeed, readDirectorySeed } from "./directory.seed.js";

export interface SeedResult {
  seeded: boolean;
  accounts: Array<{ username: string; password: string | null; note: string; agency: string }>;
}

const SEEDED_KEY = "seeded";

/**
 * First start: loads the agency directory and the demo accounts, in one transaction. Later starts do
 * nothing. With `demoPassword` every demo account gets that password, otherwise each a generated one
 * that is returned (and printed by main) once.
 */
export async function seedIfEmpty(c: Container, opts: { demoPassword?: string | undefined }): Promise<SeedResult> {
  const existing = await c.db.select().from(appMeta).where(eq(appMeta.key, SEEDED_KEY)).limit(1);
  if (existing.length) return { seeded: false, accounts: DEMO_USERS.map((u) => ({ username: u.username, password: null, note: u.note, agency: u.agency })) };

  const passwords = DEMO_USERS.map(() => opts.demoPassword ?? generatePassword());
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  const ctx = systemContext(c.clock.now(), "seed");
  const today = toVnPlainDate(ctx.now);
  const agencyNames = new Map<string, string>();
  await c.db.transaction(async (tx) => {
    await loadDirectorySeed(tx, c.repos.agencies, readDirectorySeed());
    const dir = new Directory(await c.repos.agencies.snapshot(tx));
    for (const [i, u] of DEMO_USERS.entries()) {
      const resolved = dir.resolve(u.agency, today);
      if (resolved?.kind !== "agency") throw new Error(`Tài khoản demo ${u.username}: không tìm thấy cơ quan "${u.agency}"`);
      agencyNames.set(u.username, resolved.name);
      await c.repos.users.insert(tx, {
        username: u.username,
        fullName: u.fullName,
        agencyId: resolved.id,
        roles: u.roles,
        passwordHash: hashes[i]!,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
    }
    await c.repos.audit.record(tx, ctx, { action: "system.seed", entityType: "system", summary: "Khởi tạo danh bạ cơ quan và tài khoản demo" });
    await tx.insert(appMeta).values({ key: SEEDED_KEY, value: ctx.now.toISOString() });
  });
  // Demo campaigns (CV2830 published, CT15 draft) through the real import service; tests import their own.
  if (c.config.nodeEnv !== "test") {
    await seedCampaigns(c);
    // The coordinator's own agency and the agencies of the demo officers keep their work to do.
    await fillDemoCampaign(c, DEMO_USERS.map((u) => u.username));
  }
  return {
    seeded: true,
    accounts: DEMO_USERS.map((u, i) => ({ username: u.username, password: passwords[i]!, note: u.note, agency: agencyNames.get(u.username) ?? u.agency })),
  };
}
