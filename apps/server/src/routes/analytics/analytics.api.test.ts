import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorDashboardDto, OperationsDto, ReportFigureDto, ReportFiguresDto } from "@tonghop/contracts";
import { auditLog, campaigns, outlineItems, reportFigures } from "../../db/schema/index.js";
import { fillCampaign } from "../../demo/fill-campaign.js";
import { createSmallCampaign, type SmallCampaign } from "../../demo/small-campaign.fixture.js";
import { makePng } from "../../services/analytics/png.fixture.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/test-app.js";

const png = (w = 40, h = 30, extra = 0) => `data:image/png;base64,${makePng(w, h, extra).toString("base64")}`;

describe("analytics API", () => {
  let t: TestApp;
  let c: SmallCampaign;
  let coordinator: TestClient;
  let viewer: TestClient;
  let participant: TestClient;
  let outsider: TestClient;
  let admin: TestClient;
  const base = () => `/api/analytics/campaigns/${c.campaignId}`;

  beforeAll(async () => {
    t = await createTestApp();
    c = await createSmallCampaign(t.container);
    await fillCampaign(t.container, c.campaignId, { seed: 5, now: new Date("2024-05-20T03:00:00Z") });
    [coordinator, viewer, participant, outsider, admin] = await Promise.all([t.login("tonghop"), t.login("xem"), t.login("giaothong"), t.login("congthuong"), t.login("quantri")]);
  }, 60_000);
  afterAll(async () => t.close());

  it("dashboards: read by the coordinator, the viewer and a taking part agency; 403 for another agency, 401 anonymous", async () => {
    for (const who of [coordinator, viewer, participant, admin]) {
      const res = await who.get(`${base()}/indicators`);
      expect(res.statusCode).toBe(200);
      const d = res.json<IndicatorDashboardDto>();
      expect(d.indicators.length).toBeGreaterThan(0);
      expect(d.campaign.id).toBe(c.campaignId);
    }
    const refused = await outsider.get(`${base()}/indicators`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ message: string }>().message).toMatch(/không tham gia đợt "Sơ kết thử nghiệm 05 năm"/);
    expect((await outsider.get(`${base()}/operations`)).statusCode).toBe(403);
    expect((await t.anonymous.get(`${base()}/indicators`)).statusCode).toBe(401);
    expect((await viewer.get(`/api/analytics/campaigns/00000000-0000-4000-8000-000000000000/indicators`)).statusCode).toBe(404);

    const ops = (await participant.get(`${base()}/operations`)).json<OperationsDto>();
    expect(ops.totals.assignments).toBe(6);
    // Filters are validated.
    const bad = await viewer.get(`${base()}/indicators?verdict=tot`);
    expect(bad.statusCode).toBe(400);
    const filtered = (await viewer.get(`${base()}/indicators?verdict=none`)).json<IndicatorDashboardDto>();
    expect(filtered.indicators.every((i) => i.verdict === null)).toBe(true);
  });

  it("the campaign list: what each may open", async () => {
    const list = async (who: TestClient) => (await who.get("/api/analytics/campaigns")).json<Array<{ id: string; assignments: number }>>();
    expect((await list(viewer)).map((x) => x.id)).toContain(c.campaignId);
    expect((await list(participant)).map((x) => x.id)).toContain(c.campaignId);
    expect((await list(outsider)).map((x) => x.id)).not.toContain(c.campaignId);
    expect((await list(coordinator)).find((x) => x.id === c.campaignId)!.assignments).toBe(6);
  });

  it("a chart's data as XLSX for readers, refused to another agency", async () => {
    const body = { title: "Tăng trưởng GRDP", columns: ["Năm", "Hải Phòng (%)"], rows: [["2019", 8.5], ["2020", null]], decimals: [null, 2] };
    const res = await viewer.post(`${base()}/export.xlsx`, body);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(String(res.headers["content-disposition"])).toContain("filename*=UTF-8''T%C4%83ng%20tr%C6%B0%E1%BB%9Fng%20GRDP.xlsx");
    expect(res.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect((await outsider.post(`${base()}/export.xlsx`, body)).statusCode).toBe(403);
    const invalid = await viewer.post(`${base()}/export.xlsx`, { ...body, columns: [] });
    expect(invalid.statusCode).toBe(400);
  });

  it("figures: the coordinator inserts, lists, re-anchors, reorders and deletes; each write audited", async () => {
    const created: ReportFigureDto[] = [];
    for (const [i, anchor] of [c.items.item1, c.items.item2, null].entries()) {
      const res = await coordinator.post(`${base()}/figures`, { caption: `Biểu đồ ${i + 1}: Hình số ${i + 1}`, outlineItemId: anchor, imageDataUrl: png(40 + i, 30), chartKey: `k${i}` });
      expect(res.statusCode).toBe(201);
      created.push(res.json<ReportFigureDto>());
    }
    // The "Biểu đồ N:" prefix is the compiler's: it is taken out of the caption.
    expect(created.map((f) => f.caption)).toEqual(["Hình số 1", "Hình số 2", "Hình số 3"]);
    expect(created.map((f) => [f.widthPx, f.heightPx, f.sortOrder])).toEqual([
      [40, 30, 1],
      [41, 30, 2],
      [42, 30, 3],
    ]);
    expect(created[0]!.anchorLabel).toMatch(/ › 1\. /);

    const list = (await coordinator.get(`${base()}/figures`)).json<ReportFiguresDto>();
    expect(list.figures.map((f) => f.id)).toEqual(created.map((f) => f.id));
    expect(list.outline.length).toBeGreaterThan(3);

    const image = await coordinator.get(`${base()}/figures/${created[0]!.id}/image.png`);
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.rawPayload.subarray(1, 4).toString()).toBe("PNG");

    const moved = await coordinator.patch(`${base()}/figures/${created[2]!.id}`, { outlineItemId: c.items.itemII, caption: "Cơ cấu kinh tế" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json<ReportFigureDto>()).toMatchObject({ outlineItemId: c.items.itemII, caption: "Cơ cấu kinh tế" });

    const order = [created[2]!.id, created[0]!.id, created[1]!.id];
    const reordered = await coordinator.put(`${base()}/figures/order`, { ids: order });
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json<ReportFiguresDto>().figures.map((f) => [f.id, f.sortOrder])).toEqual(order.map((id, i) => [id, i + 1]));
    const incomplete = await coordinator.put(`${base()}/figures/order`, { ids: order.slice(0, 2) });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json<{ message: string }>().message).toBe("Danh sách thứ tự phải gồm đủ 3 biểu đồ của báo cáo (nhận 2).");

    expect((await coordinator.delete(`${base()}/figures/${created[1]!.id}`)).statusCode).toBe(204);
    expect((await coordinator.delete(`${base()}/figures/${created[1]!.id}`)).statusCode).toBe(404);
    const rows = await t.container.db.select().from(reportFigures).where(eq(reportFigures.campaignId, c.campaignId));
    expect(rows).toHaveLength(2);

    const actions = (await t.container.db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action).filter((a) => a.startsWith("figure."));
    expect(actions.sort()).toEqual(["figure.create", "figure.create", "figure.create", "figure.delete", "figure.reorder", "figure.update"]);
  });

  it("figures: 403 for everyone but the coordinator roles of the coordinator agency", async () => {
    const body = { caption: "Thử", outlineItemId: null, imageDataUrl: png() };
    const leader = await t.login("lanhdao.tonghop");
    expect((await leader.post(`${base()}/figures`, body)).statusCode).toBe(201);
    for (const who of [viewer, participant, outsider, admin]) {
      expect((await who.post(`${base()}/figures`, body)).statusCode).toBe(403);
      expect((await who.get(`${base()}/figures`)).statusCode).toBe(403);
    }
    // A coordinator of another agency (the campaign's coordinator is Sở Kế hoạch và Đầu tư).
    const [other] = await t.container.db.select().from(campaigns).where(eq(campaigns.id, c.campaignId));
    const dir = await t.container.services.agencies.directory();
    const transport = dir.resolve("Sở Giao thông vận tải", "2024-04-26")!;
    await t.container.db.update(campaigns).set({ coordinatorAgencyId: transport.id }).where(eq(campaigns.id, c.campaignId));
    try {
      const refused = await coordinator.post(`${base()}/figures`, body);
      expect(refused.statusCode).toBe(403);
      expect(refused.json<{ message: string }>().message).toMatch(/^Chỉ chuyên viên, lãnh đạo của Sở Giao thông vận tải \(cơ quan tổng hợp\)/);
    } finally {
      await t.container.db.update(campaigns).set({ coordinatorAgencyId: other!.coordinatorAgencyId }).where(eq(campaigns.id, c.campaignId));
    }
  });

  it("figures: a bad PNG, an oversize PNG and an item of another campaign are refused, nothing written", async () => {
    const before = (await t.container.db.select().from(reportFigures)).length;
    const notPng = await coordinator.post(`${base()}/figures`, { caption: "Sai", outlineItemId: null, imageDataUrl: `data:image/png;base64,${Buffer.from("không phải ảnh PNG nhưng đủ dài để đọc các khối đầu tệp").toString("base64")}` });
    expect(notPng.statusCode).toBe(400);
    expect(notPng.json<{ message: string; details: unknown }>()).toMatchObject({ message: "Ảnh biểu đồ (imageDataUrl) không phải tệp PNG hợp lệ: sai chữ ký tệp.", details: { field: "imageDataUrl" } });
    const jpeg = await coordinator.post(`${base()}/figures`, { caption: "Sai", outlineItemId: null, imageDataUrl: "data:image/jpeg;base64,/9j/4AAQSkZJRg==" });
    expect(jpeg.statusCode).toBe(400);

    const big = await coordinator.post(`${base()}/figures`, { caption: "Lớn", outlineItemId: null, imageDataUrl: png(40, 30, 2 * 1024 * 1024 + 10) });
    expect(big.statusCode).toBe(413);
    expect(big.json<{ message: string }>().message).toMatch(/vượt giới hạn 2 MB/);

    const other = await createSmallCampaign(t.container, { code: "nho-khac" });
    const [foreign] = await t.container.db.select().from(outlineItems).where(eq(outlineItems.campaignId, other.campaignId)).limit(1);
    const wrongItem = await coordinator.post(`${base()}/figures`, { caption: "Sai mục", outlineItemId: foreign!.id, imageDataUrl: png() });
    expect(wrongItem.statusCode).toBe(400);
    expect(wrongItem.json<{ message: string }>().message).toBe("Mục đề cương (outlineItemId) không thuộc đợt tổng hợp này.");

    const emptyCaption = await coordinator.post(`${base()}/figures`, { caption: "Biểu đồ 4:", outlineItemId: null, imageDataUrl: png() });
    expect(emptyCaption.statusCode).toBe(400);
    expect((await t.container.db.select().from(reportFigures)).length).toBe(before);
  });

  it("demonstration data: the admin creates a filled copy of a reference campaign; others are refused", async () => {
    expect((await coordinator.post("/api/analytics/demo-campaigns", { template: "ct15-2020-ke-hoach-5-nam" })).statusCode).toBe(403);
    const res = await admin.post("/api/analytics/demo-campaigns", { template: "ct15-2020-ke-hoach-5-nam", seed: 3, fraction: 1 });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ campaignId: string; code: string; created: boolean; filled: number }>();
    expect(body).toMatchObject({ code: "demo-ct15-2020-ke-hoach-5-nam", created: true });
    expect(body.filled).toBeGreaterThan(0);
    const again = (await admin.post("/api/analytics/demo-campaigns", { template: "ct15-2020-ke-hoach-5-nam", seed: 3, fraction: 1 })).json<{ campaignId: string; created: boolean; values: number }>();
    expect(again).toMatchObject({ campaignId: body.campaignId, created: false, values: 0 });
    const d = (await viewer.get(`/api/analytics/campaigns/${body.campaignId}/indicators`)).json<IndicatorDashboardDto>();
    expect(d.campaign.name).toMatch(/\(dữ liệu mẫu\)$/);
    expect(d.totals.verdicts.vuot + d.totals.verdicts.dat + d.totals.verdicts["khong-dat"]).toBeGreaterThan(0);
  }, 60_000);
});
