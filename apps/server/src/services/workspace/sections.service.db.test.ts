import { and, eq } from "drizzle-orm";
import { Document, ImageRun, Packer, Paragraph, TextRun } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SectionConflictDto } from "@tonghop/contracts";
import { auditLog, sections, sectionVersions } from "../../db/schema/index.js";
import { AppError } from "../../http/errors.js";
import { FakeClock } from "../../http/clock.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";
import { ITEM_1, ITEM_1_1, ITEM_1_2, ITEM_2_1, setupCv2830, type Cv2830Fixture } from "./sections-fixtures.js";

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("lẽ ra phải lỗi");
}

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("sections: save, versions, conflicts, diff, restore, upload, contributions", () => {
  let t: TestContext;
  let f: Cv2830Fixture;
  let thongke1: string;
  const clock = new FakeClock("2024-05-02T02:00:00Z");
  const svc = () => t.container.services.sections;

  beforeAll(async () => {
    t = await createTestContext({ clock });
    f = await setupCv2830(t.container, { cooperate: true, now: clock.now() });
    thongke1 = await f.assignment("thongke", ITEM_1);
  });
  afterAll(async () => t.close());

  it("the page of an inherited item shows the assigned item and its sub-items, guidance and an empty section", async () => {
    const page = await svc().page(await f.ctx("thongke"), f.campaignId, f.item(ITEM_1_1));
    expect(page.assignment.id).toBe(thongke1);
    expect(page.agency.name).toBe("Cục Thống kê thành phố Hải Phòng");
    expect(page.items.map((i) => [i.label, i.depth])).toEqual([
      ["1", 0],
      ["1.1", 1],
      ["1.2", 1],
    ]);
    expect(page.item).toMatchObject({ label: "1.1", title: "Quy mô kinh tế", labelPath: ["Phần II", "A", "I", "1", "1.1"] });
    expect(page.item.guidance).toContain("Quy mô kinh tế thành phố (GRDP)");
    expect(page.section).toMatchObject({ id: null, version: 0, html: "", wordCount: 0 });
    expect(page.assignment.canEdit).toBe(true);
    expect(page.otherAgencies.map((o) => [o.agencyName, o.role])).toEqual(
      expect.arrayContaining([
        ["Sở Kế hoạch và Đầu tư", "lead"],
        ["Sở Giao thông vận tải", "cooperate"],
      ]),
    );
  });

  it("a save is sanitised, versioned and audited; the plain text and word count are derived", async () => {
    const ctx = await f.ctx("thongke");
    const r = await svc().save(ctx, thongke1, f.item(ITEM_1_1), {
      html: `<p onclick="x()">Quy mô GRDP năm 2023 đạt <strong>140.000</strong> tỷ đồng.<script>alert(1)</script></p>`,
      baseVersion: 0,
    });
    expect(r.section).toMatchObject({ version: 1, html: "<p>Quy mô GRDP năm 2023 đạt <strong>140.000</strong> tỷ đồng.</p>", wordCount: 9 });
    expect(r.section.updatedBy?.name).toBe("Lê Thị Kê");
    const [row] = await t.container.db.select().from(sections).where(eq(sections.id, r.section.id!));
    expect(row!.text).toBe("Quy mô GRDP năm 2023 đạt 140.000 tỷ đồng.");
    const versions = await t.container.db.select().from(sectionVersions).where(eq(sectionVersions.sectionId, r.section.id!));
    expect(versions.map((v) => [v.version, v.origin])).toEqual([[1, "save"]]);
    const audit = await t.container.db.select().from(auditLog).where(and(eq(auditLog.entityId, r.section.id!), eq(auditLog.action, "section.save")));
    expect(audit[0]!.summary).toContain("Phần II / A / I / 1 / 1.1 Quy mô kinh tế");
  });

  it("an unchanged autosave creates no version", async () => {
    const ctx = await f.ctx("thongke");
    const page = await svc().page(ctx, f.campaignId, f.item(ITEM_1_1));
    const r = await svc().save(ctx, thongke1, f.item(ITEM_1_1), { html: page.section.html, baseVersion: 1 });
    expect(r.section.version).toBe(1);
  });

  it("two sessions edit the same section: the second gets both versions and no write is lost", async () => {
    const officer = await f.ctx("thongke");
    const leader = await f.ctx("thongke.lanhdao");
    const item = f.item(ITEM_1_1);
    // Both opened version 1.
    clock.advance(60_000);
    const first = await svc().save(leader, thongke1, item, { html: "<p>Bản của lãnh đạo.</p>", baseVersion: 1 });
    expect(first.section.version).toBe(2);
    const e = await failure(svc().save(officer, thongke1, item, { html: "<p>Bản của chuyên viên.</p>", baseVersion: 1 }));
    expect(e.statusCode).toBe(409);
    expect(e.code).toBe("VERSION_CONFLICT");
    expect(e.message).toContain("Vũ Đức Thống");
    expect(e.message).toContain("phiên bản 2");
    const details = e.details as SectionConflictDto;
    expect(details.yours).toEqual({ html: "<p>Bản của chuyên viên.</p>", baseVersion: 1 });
    expect(details.theirs).toMatchObject({ version: 2, html: "<p>Bản của lãnh đạo.</p>", updatedBy: { name: "Vũ Đức Thống" } });
    // Nothing was overwritten.
    const [row] = await t.container.db.select().from(sections).where(eq(sections.id, first.section.id!));
    expect(row!.html).toBe("<p>Bản của lãnh đạo.</p>");
    // The officer merges by hand and saves on top of version 2: both texts are kept.
    const merged = await svc().save(officer, thongke1, item, { html: "<p>Bản của lãnh đạo.</p><p>Bản của chuyên viên.</p>", baseVersion: 2 });
    expect(merged.section.version).toBe(3);
    const history = await svc().versions(officer, thongke1, item);
    expect(history.map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it("a stale save of exactly the stored text is not a conflict", async () => {
    const ctx = await f.ctx("thongke");
    const r = await svc().save(ctx, thongke1, f.item(ITEM_1_1), { html: "<p>Bản của lãnh đạo.</p><p>Bản của chuyên viên.</p>", baseVersion: 1 });
    expect(r.section.version).toBe(3);
  });

  it("diff between versions is word-level with insertions and deletions", async () => {
    const ctx = await f.ctx("thongke");
    const d = await svc().diff(ctx, thongke1, f.item(ITEM_1_1), 2, 3);
    expect(d.parts).toEqual([
      { op: "eq", text: "Bản của lãnh đạo." },
      { op: "ins", text: "\nBản của chuyên viên." },
    ]);
    expect(d).toMatchObject({ inserted: 4, deleted: 0 });
    const d13 = await svc().diff(ctx, thongke1, f.item(ITEM_1_1), 1, 2);
    expect(d13.parts.filter((p) => p.op === "del").map((p) => p.text).join("")).toContain("GRDP");
    expect(d13.deleted).toBeGreaterThan(0);
    const fromEmpty = await svc().diff(ctx, thongke1, f.item(ITEM_1_1), 0, 1);
    expect(fromEmpty.parts.every((p) => p.op === "ins")).toBe(true);
    expect((await failure(svc().diff(ctx, thongke1, f.item(ITEM_1_1), 1, 99))).statusCode).toBe(404);
  });

  it("restore creates a new version with the old text", async () => {
    const ctx = await f.ctx("thongke");
    const r = await svc().restore(ctx, thongke1, f.item(ITEM_1_1), { version: 1, baseVersion: 3 });
    expect(r.section.version).toBe(4);
    expect(r.section.html).toContain("140.000");
    const v = await svc().version(ctx, thongke1, f.item(ITEM_1_1), 4);
    expect(v.origin).toBe("restore");
    expect((await failure(svc().restore(ctx, thongke1, f.item(ITEM_1_1), { version: 2, baseVersion: 3 }))).code).toBe("VERSION_CONFLICT");
  });

  it("refuses an item outside the assignment, other agencies, viewers and coordinators", async () => {
    const html = { html: "<p>x</p>", baseVersion: 0 };
    expect((await failure(svc().save(await f.ctx("thongke"), thongke1, f.item(ITEM_2_1), html))).statusCode).toBe(404);
    for (const user of ["giaothong", "xem", "tonghop", "lanhdao.tonghop", "quantri"]) {
      const e = await failure(svc().save(await f.ctx(user), thongke1, f.item(ITEM_1_2), html));
      expect(e.statusCode, user).toBe(403);
    }
    // Other agencies cannot read it either; the coordinator and the viewer can.
    expect((await failure(svc().versions(await f.ctx("giaothong"), thongke1, f.item(ITEM_1_1)))).statusCode).toBe(403);
    expect((await svc().versions(await f.ctx("tonghop"), thongke1, f.item(ITEM_1_1))).length).toBe(4);
    expect((await svc().versions(await f.ctx("xem"), thongke1, f.item(ITEM_1_1))).length).toBe(4);
    const stored = await t.container.db.select().from(sections).where(eq(sections.outlineItemId, f.item(ITEM_1_2)));
    expect(stored).toHaveLength(0);
  });

  it("a .docx upload replaces or appends, stripping images with a notice", async () => {
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun({ text: "GRDP bình quân đầu người năm 2023 đạt 7.000 USD.", bold: true })] }),
            new Paragraph({ children: [new ImageRun({ type: "png", data: png, transformation: { width: 10, height: 10 } })] }),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const ctx = await f.ctx("thongke");
    const r = await svc().upload(ctx, thongke1, f.item(ITEM_1_2), { filename: "muc-1.2.docx", bytes, baseVersion: 0, mode: "replace" });
    expect(r.section.html).toBe("<p><strong>GRDP bình quân đầu người năm 2023 đạt 7.000 USD.</strong></p>");
    expect(r.notices[0]).toMatch(/Đã bỏ 1 hình ảnh/);
    const again = await svc().upload(ctx, thongke1, f.item(ITEM_1_2), { filename: "Muc 1.2.DOCX", bytes, baseVersion: 1, mode: "append" });
    expect(again.section.version).toBe(2);
    expect(again.section.html.match(/7\.000 USD/g)).toHaveLength(2);
    expect((await svc().version(ctx, thongke1, f.item(ITEM_1_2), 2)).origin).toBe("upload");
    const wrongName = await failure(svc().upload(ctx, thongke1, f.item(ITEM_1_2), { filename: "muc.docm", bytes, baseVersion: 2, mode: "replace" }));
    expect(wrongName.message).toMatch(/macro/);
    const other = await failure(svc().upload(await f.ctx("giaothong"), thongke1, f.item(ITEM_1_2), { filename: "a.docx", bytes, baseVersion: 2, mode: "replace" }));
    expect(other.statusCode).toBe(403);
  });

  it("the lead agency sees a cooperating agency's contribution once it is sent, and merges it as a 'merge' version", async () => {
    const gt = await f.ctx("giaothong");
    const gtAssignment = await f.assignment("giaothong", ITEM_1);
    const item = f.item(ITEM_1);
    const contribution = await svc().save(gt, gtAssignment, item, { html: "<p>Ý kiến của Sở GTVT: cảng biển đóng góp lớn vào GRDP.</p>", baseVersion: 0 });
    const officer = await f.ctx("thongke");

    const before = await svc().page(officer, f.campaignId, item);
    expect(before.contributions).toEqual([]);
    expect(before.pendingContributors.map((p) => [p.agencyName, p.state])).toContainEqual(["Sở Giao thông vận tải", "draft"]);
    // Not sent yet: cannot be merged.
    expect((await failure(svc().merge(officer, thongke1, item, { sourceSectionId: contribution.section.id!, baseVersion: 0 }))).statusCode).toBe(409);

    await t.container.services.workflow.transition(await f.ctx("giaothong.lanhdao"), gtAssignment, { action: "send" });
    const after = await svc().page(officer, f.campaignId, item);
    expect(after.contributions).toHaveLength(1);
    expect(after.contributions[0]).toMatchObject({ agencyName: "Sở Giao thông vận tải", role: "cooperate", state: "sent", mergedVersion: null });
    expect(after.contributions[0]!.updatedBy?.name).toBe("Hoàng Văn Thông");

    await svc().save(officer, thongke1, item, { html: "<p>Khái quát của Cục Thống kê.</p>", baseVersion: 0 });
    const merged = await svc().merge(officer, thongke1, item, { sourceSectionId: contribution.section.id!, baseVersion: 1 });
    expect(merged.section.html).toBe("<p>Khái quát của Cục Thống kê.</p><p>Ý kiến của Sở GTVT: cảng biển đóng góp lớn vào GRDP.</p>");
    expect((await svc().version(officer, thongke1, item, 2)).origin).toBe("merge");
    const marked = await svc().page(officer, f.campaignId, item);
    expect(marked.contributions[0]).toMatchObject({ mergedVersion: 1 });

    // A cooperating agency cannot merge into its own text, and sees no one else's.
    const gtPage = await svc().page(gt, f.campaignId, item);
    expect(gtPage.contributions).toEqual([]);

    // The coordinator sees every contribution of the item with its agency.
    const coordinatorPage = await svc().page(await f.ctx("tonghop"), f.campaignId, item, (await f.ctx("thongke")).actor!.agencyId);
    expect(coordinatorPage.agency.name).toBe("Cục Thống kê thành phố Hải Phòng");
    expect(coordinatorPage.contributions.map((c) => c.agencyName).sort()).toEqual(["Sở Giao thông vận tải", "Sở Kế hoạch và Đầu tư"]);
    expect(coordinatorPage.assignment.canEdit).toBe(false);
  });

  it("another agency cannot open this agency's page; a coordinator without ?agency= gets the first lead", async () => {
    const thongkeId = await f.agencyId("Cục Thống kê thành phố");
    expect((await failure(svc().page(await f.ctx("giaothong"), f.campaignId, f.item(ITEM_1_1), thongkeId))).statusCode).toBe(403);
    expect((await failure(svc().page(await f.ctx("congthuong"), f.campaignId, f.item(ITEM_1_1)))).statusCode).toBe(404);
    const page = await svc().page(await f.ctx("xem"), f.campaignId, f.item(ITEM_1_1));
    expect(page.assignment.role).toBe("lead");
  });
});
