/**
 * Test fixtures (used by tests and benchmarks only) for the narrative workspace: the CV2830 seed campaign imported through the real import service,
 * optionally with Sở Giao thông vận tải as a cooperating agency of "Phần II / A / I / 1" (led by Cục Thống kê and
 * Sở Kế hoạch và Đầu tư; the seed itself names no cooperating agencies), then published.
 */
import { and, eq } from "drizzle-orm";
import type { Container } from "../../app/container.js";
import type { RequestContext } from "../../auth/actor.js";
import { assignments, outlineItems } from "../../db/schema/index.js";
import { readTemplateFile } from "../campaigns/seed-campaigns.js";

export const ITEM_1 = "Phần II/A/I/1";
export const ITEM_1_1 = "Phần II/A/I/1/1.1";
export const ITEM_1_2 = "Phần II/A/I/1/1.2";
export const ITEM_2_1 = "Phần II/A/I/2/2.1";

export interface Cv2830Fixture {
  campaignId: string;
  /** The id of the item at a label path such as "Phần II/A/I/1/1.1". */
  item(path: string): string;
  agencyId(name: string): Promise<string>;
  /** The outline assignment of `username`'s agency on the item at `path`. */
  assignment(username: string, path: string): Promise<string>;
  ctx(username: string, now?: Date): Promise<RequestContext>;
}

/** A request context for a seeded user (demo accounts). */
async function userContext(container: Container, username: string, now: Date = container.clock.now()): Promise<RequestContext> {
  const user = await container.repos.users.findByUsername(container.db, username);
  if (!user) throw new Error(`Không có tài khoản ${username}`);
  return { actor: container.services.auth.toActor(user), requestId: `test:${username}`, ip: null, now };
}

export async function setupCv2830(container: Container, opts: { cooperate?: boolean; code?: string; now?: Date } = {}): Promise<Cv2830Fixture> {
  const coordinator = await userContext(container, "tonghop", opts.now);
  const imported = await container.services.campaigns.importTemplate(coordinator, {
    text: readTemplateFile("cv2830-2024-so-ket-nq45"),
    ...(opts.code ? { code: opts.code } : {}),
  });
  const campaignId = imported.campaignId!;
  const items = await container.db.select().from(outlineItems).where(eq(outlineItems.campaignId, campaignId));
  const byId = new Map(items.map((i) => [i.id, i]));
  const pathOf = (id: string): string => {
    const i = byId.get(id)!;
    return i.parentId ? `${pathOf(i.parentId)}/${i.label}` : i.label;
  };
  const byPath = new Map(items.map((i) => [pathOf(i.id), i.id]));
  const item = (path: string) => {
    const id = byPath.get(path);
    if (!id) throw new Error(`Không có mục ${path}`);
    return id;
  };
  const agencyId = async (name: string) => {
    const r = (await container.services.agencies.directory()).resolve(name, "2024-04-26");
    if (r?.kind !== "agency") throw new Error(`Không có cơ quan ${name}`);
    return r.id;
  };
  if (opts.cooperate) {
    const gt = await agencyId("Sở Giao thông vận tải");
    await container.db
      .update(outlineItems)
      .set({ cooperate: [{ kind: "agency", id: gt, name: "Sở Giao thông vận tải" }] })
      .where(eq(outlineItems.id, item(ITEM_1)));
  }
  await container.services.campaigns.publish(coordinator, campaignId);
  const ctx = (username: string, now?: Date) => userContext(container, username, now ?? opts.now ?? container.clock.now());
  return {
    campaignId,
    item,
    agencyId,
    ctx,
    async assignment(username, path) {
      const c = await ctx(username);
      const [row] = await container.db
        .select({ id: assignments.id })
        .from(assignments)
        .where(and(eq(assignments.campaignId, campaignId), eq(assignments.agencyId, c.actor!.agencyId), eq(assignments.outlineItemId, item(path))));
      if (!row) throw new Error(`${username} không có nhiệm vụ ở mục ${path}`);
      return row.id;
    },
  };
}
