import { and, eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, reportFigures, sections } from "../../db/schema/index.js";
import { fillCampaign } from "../../demo/fill-campaign.js";
import { createSmallCampaign, type SmallCampaign } from "../../demo/small-campaign.fixture.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";
import { compileReport } from "./compile-report.js";
import { buildReportModel } from "./report-model.js";

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("report model: accepted text in role order, marks, figures, scopes", () => {
  let t: TestContext;
  let c: SmallCampaign;

  beforeAll(async () => {
    t = await createTestContext();
    c = await createSmallCampaign(t.container, { system: "dang" });
    await fillCampaign(t.container, c.campaignId, { seed: 5, accept: true, now: new Date("2024-05-20T03:00:00Z") });
  });
  afterAll(async () => t.close());

  const model = async (scope: Parameters<typeof buildReportModel>[2]["scope"], mode: "draft" | "final" = "draft") =>
    buildReportModel(t.container.db, await t.container.services.agencies.directory(), { campaignId: c.campaignId, scope, mode, date: "2024-05-20" });

  it("puts the lead agency first, then the cooperating one; only accepted text; marks the rest", async () => {
    const m = await model({ kind: "whole" });
    const itemII = m.items.find((i) => i.id === c.items.itemII)!;
    expect(itemII.contributions.map((x) => [x.agencyName, x.role])).toEqual([
      ["Sở Giao thông vận tải", "lead"],
      ["Sở Tài chính", "cooperate"],
    ]);
    expect(m.missing).toEqual([]);
    expect(m.system).toBe("dang");
    await t.container.db.update(assignments).set({ state: "returned" }).where(and(eq(assignments.campaignId, c.campaignId), eq(assignments.agencyId, c.agencies.finance), eq(assignments.kind, "outline")));
    const after = await model({ kind: "whole" });
    const item = after.items.find((i) => i.id === c.items.itemII)!;
    expect(item.contributions.map((x) => x.agencyName)).toEqual(["Sở Giao thông vận tải"]);
    expect(item.marks.map((x) => `${x.agencyName}: ${x.stateLabel}`)).toEqual(["Sở Tài chính: Bị trả lại"]);
    await expect(compileReport(t.container.db, await t.container.services.agencies.directory(), null, { campaignId: c.campaignId, scope: { kind: "whole" }, mode: "final", date: "2024-05-20", pdf: false })).rejects.toThrow(
      /còn 1 phần việc chưa được tiếp nhận — mục Phần I › II: Sở Tài chính \(Bị trả lại\)/,
    );
    // Its own report shows the agency's current text whatever the state.
    const own = await model({ kind: "agency", agencyId: c.agencies.finance });
    expect(own.items.find((i) => i.id === c.items.itemII)!.contributions.map((x) => x.agencyName)).toEqual(["Sở Tài chính"]);
    expect(own.issuer).toBe("Sở Tài chính");
    expect(own.signature.title).toBe("GIÁM ĐỐC");
    expect(own.items.map((i) => i.id)).toEqual([c.items.partI, c.items.itemII]);
    await t.container.db.update(assignments).set({ state: "accepted" }).where(eq(assignments.campaignId, c.campaignId));
  });

  it("numbers the figures in reading order after their item; unanchored ones after the body", async () => {
    await t.container.db.insert(reportFigures).values([
      { campaignId: c.campaignId, outlineItemId: c.items.itemII, caption: "Vốn đầu tư hạ tầng giao thông", imagePng: PNG, widthPx: 800, heightPx: 400, sortOrder: 1 },
      { campaignId: c.campaignId, outlineItemId: c.items.item1, caption: "Tốc độ tăng trưởng GRDP 2019-2023", imagePng: PNG, widthPx: 800, heightPx: 400, sortOrder: 2 },
      { campaignId: c.campaignId, outlineItemId: null, caption: "Cơ cấu kinh tế năm 2023", imagePng: PNG, widthPx: 800, heightPx: 400, sortOrder: 3 },
    ]);
    const m = await model({ kind: "whole" });
    expect(m.items.find((i) => i.id === c.items.item1)!.figures.map((f) => `${f.number}: ${f.caption}`)).toEqual(["1: Tốc độ tăng trưởng GRDP 2019-2023"]);
    expect(m.items.find((i) => i.id === c.items.itemII)!.figures.map((f) => f.number)).toEqual([2]);
    expect(m.looseFigures.map((f) => f.number)).toEqual([3]);
    const out = await compileReport(t.container.db, await t.container.services.agencies.directory(), null, { campaignId: c.campaignId, scope: { kind: "whole" }, mode: "final", date: "2024-05-20", pdf: false });
    const files = unzipSync(out.docx);
    const xml = strFromU8(files["word/document.xml"]!);
    expect(xml.indexOf("Biểu đồ 1: Tốc độ tăng trưởng GRDP 2019-2023")).toBeGreaterThan(0);
    expect(xml.indexOf("Biểu đồ 2: Vốn đầu tư hạ tầng giao thông")).toBeGreaterThan(xml.indexOf("Biểu đồ 1:"));
    expect(xml.indexOf("Biểu đồ 3: Cơ cấu kinh tế năm 2023")).toBeLessThan(xml.indexOf("Nơi nhận:"));
    // Three pictures (docx stores identical images once).
    expect(xml.match(/<w:drawing>/g)).toHaveLength(3);
    expect(Object.keys(files).some((f) => f.startsWith("word/media/"))).toBe(true);
    expect(out.pdf).toBeNull();
    expect(out.pageStats.estimated).toBe(true);
    expect(out.checks.filter((x) => !x.ok)).toEqual([]);
  });

  it("a Phần alone keeps its appendices only, and its sections", async () => {
    // The filler wrote the coordinator's own item; without it the compile warns.
    await t.container.db.delete(sections).where(and(eq(sections.outlineItemId, c.items.itemCoordinator), eq(sections.agencyId, c.agencies.coordinator)));
    const m = await model({ kind: "part", itemId: c.items.partII });
    expect(m.items.map((i) => i.id)).toEqual([c.items.partII, c.items.itemCoordinator]);
    expect(m.appendices).toEqual([]);
    expect(m.warnings[0]).toContain("chưa có nội dung");
    // The coordinator writes its own item: the section is used as the coordinator's contribution.
    await t.container.db.insert(sections).values({ campaignId: c.campaignId, outlineItemId: c.items.itemCoordinator, agencyId: c.agencies.coordinator, html: "<p>Nhiệm vụ trọng tâm năm tới.</p>", text: "Nhiệm vụ trọng tâm năm tới.", wordCount: 5 });
    const again = await model({ kind: "part", itemId: c.items.partII });
    expect(again.items.find((i) => i.id === c.items.itemCoordinator)!.contributions.map((x) => x.role)).toEqual(["coordinator"]);
    expect(again.warnings).toEqual([]);
  });
});
