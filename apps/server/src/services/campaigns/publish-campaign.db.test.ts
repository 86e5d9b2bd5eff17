import { and, eq } from "drizzle-orm";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCampaignTemplate, walkTemplateOutline, type CampaignTemplate } from "@tonghop/contracts";
import { appendices, assignments, campaigns, notifications, outlineItems, recordRows, users } from "../../db/schema/index.js";
import { importSeedCampaign, seedTemplateText, userContext } from "../../test/campaign-fixtures.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("campaign fixture: import a seed and publish it (assignment matrix)", () => {
  let t: TestContext;
  let campaignId: string;
  let template: CampaignTemplate;
  const REF = "2024-04-26";

  beforeAll(async () => {
    t = await createTestContext();
    campaignId = (await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { publish: true })).campaignId;
    const parsed = parseCampaignTemplate(parse(seedTemplateText("cv2830-2024-so-ket-nq45")));
    if (!parsed.ok) throw new Error("mẫu CV2830 không hợp lệ");
    template = parsed.template;
  });
  afterAll(async () => t.close());

  const agencyId = async (name: string) => {
    const r = (await t.container.services.agencies.directory()).resolve(name, REF);
    if (r?.kind !== "agency") throw new Error(`không có ${name}`);
    return r.id;
  };

  /** Label paths ("Phần II / A / I / 4 / (i)") of the campaign's outline items by id. */
  const labelPaths = async () => {
    const items = await t.container.db.select().from(outlineItems).where(eq(outlineItems.campaignId, campaignId));
    const byId = new Map(items.map((i) => [i.id, i]));
    const pathOf = (id: string): string => {
      const i = byId.get(id)!;
      return i.parentId ? `${pathOf(i.parentId)} / ${i.label}` : i.label;
    };
    return new Map(items.map((i) => [i.id, `${pathOf(i.id)} | ${i.title}`]));
  };

  it("is published by the tonghop coordinator with a version bump", async () => {
    const [c] = await t.container.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
    expect(c!.status).toBe("published");
    expect(c!.version).toBe(2);
    const tonghop = await t.container.repos.users.findByUsername(t.container.db, "tonghop");
    expect(c!.publishedBy).toBe(tonghop!.id);
  });

  it("Sở Giao thông vận tải gets exactly the outline items naming it or one of its groups", async () => {
    const dir = await t.container.services.agencies.directory();
    const gt = await agencyId("Sở Giao thông vận tải");
    // Expected from the template itself: every item whose own lead/cooperate names the agency or a group it
    // belongs to on the reference date.
    const covers = (name: string) => {
      const r = dir.resolve(name, REF)!;
      return r.kind === "agency" ? r.id === gt : dir.groupMemberIds(r.id, REF).includes(gt);
    };
    const expected = [...walkTemplateOutline(template.outline)]
      .filter((v) => [...(v.item.lead ?? []), ...(v.item.cooperate ?? [])].some(covers))
      .map((v) => `${v.labels.join(" / ")} | ${v.item.title}`)
      .sort();
    const paths = await labelPaths();
    const rows = await t.container.db
      .select()
      .from(assignments)
      .where(and(eq(assignments.campaignId, campaignId), eq(assignments.agencyId, gt), eq(assignments.kind, "outline")));
    const got = rows.map((r) => paths.get(r.outlineItemId!)!).sort();
    expect(got).toEqual(expected);
    // Spot checks against the seed's assignment table.
    const has = (prefix: string) => got.some((g) => g.startsWith(prefix));
    expect(has("Phần II / A / I / 4 / (i) | Vận tải biển")).toBe(true);
    for (const l of ["(iii)", "(iv)", "(v)", "(vi)", "(vii)"]) expect(has(`Phần II / A / IV / ${l} |`), l).toBe(true);
    expect(has("Phần II / A / IV / (i) / - | Mở rộng cảng hàng không Cát Bi")).toBe(true);
    // An item led by another agency alone is not in its list.
    expect(has("Phần II / A / IV / (ii) |")).toBe(false);
    // Every assignment is in state draft with the due date of the outline milestone M3 (10/5/2024).
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(["draft"]));
    expect(new Set(rows.map((r) => r.dueDate))).toEqual(new Set(["2024-05-10"]));
  });

  it("Sở Giao thông vận tải reports Phụ lục 3 projects 2, 5, 6, 7, 8 and 10 and has no Phụ lục 2 rows", async () => {
    const gt = await agencyId("Sở Giao thông vận tải");
    const [pl3] = await t.container.db.select().from(appendices).where(and(eq(appendices.campaignId, campaignId), eq(appendices.code, "PL3")));
    const records = await t.container.db.select().from(recordRows).where(eq(recordRows.appendixId, pl3!.id));
    expect(records).toHaveLength(11);
    expect(records.filter((r) => r.agencyId === gt).map((r) => r.sortOrder + 1)).toEqual([2, 5, 6, 7, 8, 10]);
    const appendixAssignments = await t.container.db
      .select({ code: appendices.code, kind: assignments.kind, due: assignments.dueDate })
      .from(assignments)
      .innerJoin(appendices, eq(appendices.id, assignments.appendixId))
      .where(and(eq(assignments.campaignId, campaignId), eq(assignments.agencyId, gt)));
    expect(appendixAssignments.map((a) => `${a.code}:${a.kind}`).sort()).toEqual(["PL1:records", "PL3:records"]);
  });

  it("Cục Thống kê thành phố gets Phụ lục 2 with the due date of M1 (05/5/2024)", async () => {
    const ctk = await agencyId("Cục Thống kê thành phố");
    const rows = await t.container.db
      .select({ code: appendices.code, kind: assignments.kind, due: assignments.dueDate })
      .from(assignments)
      .innerJoin(appendices, eq(appendices.id, assignments.appendixId))
      .where(and(eq(assignments.campaignId, campaignId), eq(assignments.agencyId, ctk), eq(appendices.code, "PL2")));
    expect(rows).toEqual([{ code: "PL2", kind: "indicators", due: "2024-05-05" }]);
  });

  it("'Các sở, ban, ngành thành phố' expands to its 27 members as of 26/4/2024", async () => {
    const dir = await t.container.services.agencies.directory();
    const group = dir.resolve("Các sở, ban, ngành thành phố", REF);
    expect(group?.kind).toBe("group");
    const members = dir.groupMemberIds(group!.id, REF);
    expect(members).toHaveLength(27);
    // Phần I / I is led by that group (and others): every member has it.
    const item = [...walkTemplateOutline(template.outline)].find((v) => v.item.lead?.includes("Các sở, ban, ngành thành phố"))!;
    const paths = await labelPaths();
    const itemId = [...paths].find(([, p]) => p === `${item.labels.join(" / ")} | ${item.item.title}`)![0];
    const holders = await t.container.db
      .select({ agencyId: assignments.agencyId })
      .from(assignments)
      .where(and(eq(assignments.campaignId, campaignId), eq(assignments.outlineItemId, itemId)));
    const ids = new Set(holders.map((h) => h.agencyId));
    for (const m of members) expect(ids.has(m)).toBe(true);
  });

  it("told the agencies' officers and leaders, not the coordinator", async () => {
    const giaothong = await t.container.repos.users.findByUsername(t.container.db, "giaothong");
    const tonghop = await t.container.repos.users.findByUsername(t.container.db, "tonghop");
    const mine = await t.container.db.select().from(notifications).where(eq(notifications.userId, giaothong!.id));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.kind).toBe("campaign.published");
    expect(mine[0]!.body).toMatch(/^Sở Giao thông vận tải được giao \d+ mục đề cương và 2 phụ lục; hạn sớm nhất 10\/5\/2024\.$/);
    expect(await t.container.db.select().from(notifications).where(eq(notifications.userId, tonghop!.id))).toHaveLength(0);
    expect((await t.container.db.select({ id: users.id }).from(users)).length).toBeGreaterThan(0);
  });

  it("refuses a second publish, an agency officer and a viewer (nothing changes), and a stale version", async () => {
    const svc = t.container.services.campaigns;
    const tonghop = await userContext(t.container, "tonghop");
    await expect(svc.publish(tonghop, campaignId)).rejects.toMatchObject({ statusCode: 409 });
    const draft = (await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { code: "cv2830-ban-nhap" })).campaignId;
    const officer = await userContext(t.container, "giaothong");
    await expect(svc.publish(officer, draft)).rejects.toMatchObject({ statusCode: 403 });
    const viewer = await userContext(t.container, "xem");
    await expect(svc.publish(viewer, draft)).rejects.toMatchObject({ statusCode: 403 });
    const count = await t.container.db.select().from(assignments).where(eq(assignments.campaignId, draft));
    expect(count).toHaveLength(0);
    // A stale version is refused.
    await expect(svc.publish(tonghop, draft, 99)).rejects.toMatchObject({ code: "VERSION_CONFLICT" });
    const leader = await userContext(t.container, "lanhdao.tonghop");
    const ok = await svc.publish(leader, draft, 1);
    expect(ok.assignments).toBeGreaterThan(1000);
  });
});
