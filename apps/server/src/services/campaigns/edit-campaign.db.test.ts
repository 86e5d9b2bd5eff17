import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignDetailDto } from "@tonghop/contracts";
import type { RequestContext } from "../../auth/actor.js";
import { assignments, auditLog, notifications, sections } from "../../db/schema/index.js";
import { importSeedCampaign, userContext } from "../../test/campaign-fixtures.js";
import { createTestContext, TEST_PASSWORD, type TestContext } from "../../test/test-app.js";
import { hashPassword } from "../../auth/password.js";

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("setup editor: edits with version, audit, recomputed assignments and notifications", () => {
  let t: TestContext;
  let tonghop: RequestContext;
  let draftId: string;
  let publishedId: string;
  const REF = "2024-04-26";

  beforeAll(async () => {
    t = await createTestContext();
    tonghop = await userContext(t.container, "tonghop");
    draftId = (await importSeedCampaign(t.container, "ct15-2020-ke-hoach-5-nam")).campaignId;
    publishedId = (await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { publish: true })).campaignId;
    // A coordinator of another agency (Sở Tài chính).
    const dir = await t.container.services.agencies.directory();
    await t.container.repos.users.insert(t.container.db, {
      username: "tonghop.taichinh",
      fullName: "Chuyên viên tổng hợp Sở Tài chính",
      agencyId: dir.resolve("Sở Tài chính", REF)!.id,
      roles: ["coordinator"],
      passwordHash: await hashPassword(TEST_PASSWORD),
    });
  });
  afterAll(async () => t.close());

  const svc = () => t.container.services.campaigns;
  const get = (id: string) => svc().get(tonghop, id);
  const agency = async (name: string) => {
    const r = (await t.container.services.agencies.directory()).resolve(name, REF)!;
    return { kind: r.kind, id: r.id } as const;
  };
  const item = (c: CampaignDetailDto, path: string) => {
    const i = c.outline.find((o) => o.labelPath.join(" / ") === path);
    if (!i) throw new Error(`không có mục ${path}`);
    return i;
  };

  it("adds an outline item with the next label, refuses a stale version and a duplicate label", async () => {
    const c = await get(draftId);
    const parent = c.outline.find((o) => o.depth === 1)!;
    const kids = c.outline.filter((o) => o.parentId === parent.id);
    const last = kids[kids.length - 1]!;
    const after = await svc().addOutlineItem(tonghop, draftId, { version: c.version, parentId: parent.id, title: "Mục thêm để thử", lead: [await agency("Sở Tài chính")] });
    expect(after.version).toBe(c.version + 1);
    const added = after.outline.find((o) => o.title === "Mục thêm để thử")!;
    expect(added.parentId).toBe(parent.id);
    expect(added.lead.map((l) => l.displayName)).toEqual(["Sở Tài chính"]);
    // The label follows the last sibling's ("12." → "13.").
    expect(added.label).not.toBe(last.label);
    await expect(svc().addOutlineItem(tonghop, draftId, { version: c.version, parentId: parent.id, title: "Cũ" })).rejects.toMatchObject({ code: "VERSION_CONFLICT" });
    await expect(svc().addOutlineItem(tonghop, draftId, { version: after.version, parentId: parent.id, title: "Trùng", label: added.label })).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining(`Nhãn "${added.label}" trùng`) as string,
    });
    const audit = await t.container.db.select().from(auditLog).where(eq(auditLog.action, "campaign.outline.add"));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain("thêm mục");
  });

  it("moves, indents, outdents and renumbers with the domain's numbering", async () => {
    let c = await get(draftId);
    const added = c.outline.find((o) => o.title === "Mục thêm để thử")!;
    c = await svc().moveOutlineItem(tonghop, draftId, added.id, { version: c.version, action: "up" });
    c = await svc().moveOutlineItem(tonghop, draftId, added.id, { version: c.version, action: "indent" });
    const moved = c.outline.find((o) => o.id === added.id)!;
    expect(moved.depth).toBe(3);
    c = await svc().moveOutlineItem(tonghop, draftId, added.id, { version: c.version, action: "outdent" });
    expect(c.outline.find((o) => o.id === added.id)!.depth).toBe(2);
    await expect(svc().moveOutlineItem(tonghop, draftId, c.outline[0]!.id, { version: c.version, action: "up" })).rejects.toMatchObject({ statusCode: 400 });
    const renumbered = await svc().renumberOutline(tonghop, draftId, c.version);
    const siblings = renumbered.outline.filter((o) => o.parentId === moved.parentId);
    const labels = siblings.map((s) => s.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels[0]).toBe(labels[0]!.includes(".") ? "1." : "1");
    await expect(svc().renumberOutline(tonghop, draftId, renumbered.version)).rejects.toMatchObject({ message: expect.stringContaining("không có nhãn nào thay đổi") as string });
  });

  it("only coordinators of the campaign's coordinator agency edit (403 otherwise, nothing changes)", async () => {
    const c = await get(draftId);
    for (const who of ["giaothong", "xem", "tonghop.taichinh", "quantri"]) {
      const ctx = await userContext(t.container, who);
      await expect(svc().update(ctx, draftId, { version: c.version, name: "Đổi tên" })).rejects.toMatchObject({ statusCode: 403 });
    }
    expect((await get(draftId)).version).toBe(c.version);
  });

  it("after publishing: a new lead agency gets the item and is told; others keep their state", async () => {
    let c = await get(publishedId);
    const target = item(c, "Phần II / A / IV / (ii)");
    const gt = await agency("Sở Giao thông vận tải");
    // An existing assignment moves on in the workflow; edits must keep its state.
    const [kept] = await t.container.db.select().from(assignments).where(and(eq(assignments.campaignId, publishedId), eq(assignments.outlineItemId, target.id)));
    await t.container.db.update(assignments).set({ state: "submitted" }).where(eq(assignments.id, kept!.id));
    const giaothong = await t.container.repos.users.findByUsername(t.container.db, "giaothong");
    const before = await t.container.db.select().from(notifications).where(eq(notifications.userId, giaothong!.id));
    c = await svc().updateOutlineItem(tonghop, publishedId, target.id, {
      version: c.version,
      lead: [...target.lead.map((l) => ({ kind: l.kind, id: l.id })), gt],
      title: `${target.title} (sửa)`,
    });
    const rows = await t.container.db.select().from(assignments).where(and(eq(assignments.campaignId, publishedId), eq(assignments.outlineItemId, target.id)));
    expect(rows.find((r) => r.agencyId === gt.id)).toMatchObject({ role: "lead", state: "draft", dueDate: "2024-05-10" });
    expect(rows.find((r) => r.id === kept!.id)!.state).toBe("submitted");
    const after = await t.container.db.select().from(notifications).where(eq(notifications.userId, giaothong!.id));
    expect(after.length).toBe(before.length + 1);
    const note = after.find((n) => !before.some((b) => b.id === n.id))!;
    expect(note.kind).toBe("campaign.changed");
    expect(note.title).toContain('sửa mục "Phần II / A / IV / (ii)');
    expect(note.body).toContain("1 phần việc mới");
  });

  it("after publishing: removing an agency that already wrote is refused; without content it is removed", async () => {
    let c = await get(publishedId);
    const target = item(c, "Phần II / A / IV / (ii)");
    const gt = await agency("Sở Giao thông vận tải");
    const [a] = await t.container.db.select().from(assignments).where(and(eq(assignments.outlineItemId, target.id), eq(assignments.agencyId, gt.id)));
    await t.container.db.insert(sections).values({ campaignId: publishedId, outlineItemId: target.id, agencyId: gt.id, assignmentId: a!.id, html: "<p>Nội dung</p>", text: "Nội dung", wordCount: 2 });
    const others = target.lead.filter((l) => l.id !== gt.id).map((l) => ({ kind: l.kind, id: l.id }));
    await expect(svc().updateOutlineItem(tonghop, publishedId, target.id, { version: c.version, lead: others })).rejects.toMatchObject({
      statusCode: 409,
      message: expect.stringContaining("Sở Giao thông vận tải — mục Phần II / A / IV / (ii)") as string,
    });
    await expect(svc().deleteOutlineItem(tonghop, publishedId, target.id, c.version)).rejects.toMatchObject({ statusCode: 409 });
    await t.container.db.delete(sections).where(eq(sections.outlineItemId, target.id));
    c = await svc().updateOutlineItem(tonghop, publishedId, target.id, { version: c.version, lead: others });
    const rows = await t.container.db.select().from(assignments).where(and(eq(assignments.outlineItemId, target.id), eq(assignments.agencyId, gt.id)));
    expect(rows).toHaveLength(0);
  });

  it("a milestone's new due date moves the agencies' due dates; wording must agree", async () => {
    let c = await get(publishedId);
    const m1 = c.milestones.find((m) => m.code === "M1")!;
    await expect(svc().updateMilestone(tonghop, publishedId, m1.id, { version: c.version, due: "2024-05-06" })).rejects.toMatchObject({
      message: 'Lời văn "trước ngày 05/5/2024" nêu hạn 05/5/2024 nhưng hạn đã chọn là 06/5/2024.',
    });
    c = await svc().updateMilestone(tonghop, publishedId, m1.id, { version: c.version, due: "2024-05-06", wording: "trước ngày 06/5/2024" });
    const ctk = await agency("Cục Thống kê thành phố");
    const pl2 = c.appendices.find((a) => a.code === "PL2")!;
    const [row] = await t.container.db.select().from(assignments).where(and(eq(assignments.appendixId, pl2.id), eq(assignments.agencyId, ctk.id)));
    expect(row!.dueDate).toBe("2024-05-06");
    await expect(svc().updateMilestone(tonghop, publishedId, m1.id, { version: c.version, due: "2024-04-01", wording: null, note: "x" })).rejects.toMatchObject({
      message: "Hạn 01/4/2024 sớm hơn ngày tham chiếu 26/4/2024 của đợt.",
    });
  });

  it("appendix rows: a bad target names the character; a new lead gets the appendix", async () => {
    const draft = await get(draftId);
    const pl1 = draft.appendices.find((a) => a.kind === "indicators")!;
    await expect(svc().addAppendixRow(tonghop, draftId, pl1.id, { version: draft.version, parentId: null, name: "Chỉ tiêu thử", target: "10,,5%" })).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/^Mục tiêu "10,,5%" không hợp lệ tại ký tự \d+: /) as string,
    });
    let c = await get(publishedId);
    const pl2 = c.appendices.find((a) => a.code === "PL2")!;
    const group = pl2.rows.find((r) => r.depth === 1)!;
    // Phụ lục 2 has no target column: a target there is refused by the template rules.
    await expect(svc().addAppendixRow(tonghop, publishedId, pl2.id, { version: c.version, parentId: group.id, name: "Có mục tiêu", target: "10%" })).rejects.toMatchObject({
      message: 'Không thể lưu: Dòng "Có mục tiêu" có mục tiêu nhưng phụ lục không có cột mục tiêu (kind: target)',
    });
    const gt = await agency("Sở Giao thông vận tải");
    c = await svc().addAppendixRow(tonghop, publishedId, pl2.id, {
      version: c.version,
      parentId: group.id,
      name: "Sản lượng hàng hóa qua cảng",
      unit: "triệu tấn",
      newIndicator: { code: "THU_HANG_HOA_CANG", name: "Sản lượng hàng hóa qua cảng", unit: "triệu tấn", direction: "higher", aggregation: "last", decimals: 1 },
      lead: [gt],
    });
    const row = c.appendices.find((a) => a.code === "PL2")!.rows.find((r) => r.name === "Sản lượng hàng hóa qua cảng")!;
    expect(row).toMatchObject({ indicatorCode: "THU_HANG_HOA_CANG", unit: "triệu tấn", parentId: group.id });
    const [a] = await t.container.db.select().from(assignments).where(and(eq(assignments.appendixId, pl2.id), eq(assignments.agencyId, gt.id)));
    expect(a).toMatchObject({ kind: "indicators", dueDate: "2024-05-10" });
    c = await svc().deleteAppendixRow(tonghop, publishedId, pl2.id, row.id, c.version);
    expect(await t.container.db.select().from(assignments).where(and(eq(assignments.appendixId, pl2.id), eq(assignments.agencyId, gt.id)))).toHaveLength(0);
  });

  it("columns: a new period column declares its period; a broken tree is refused", async () => {
    let c = await get(draftId);
    const pl = c.appendices.find((a) => a.kind === "indicators")!;
    const columns = (pl.config.columns as Record<string, unknown>[]).concat({ kind: "value", period: "2026-2030", title: "Dự kiến 2026-2030", mode: "input" });
    c = await svc().updateAppendix(tonghop, draftId, pl.id, { version: c.version, columns: columns as never });
    expect(c.periods.map((p) => p.key)).toContain("2026-2030");
    expect(c.appendices.find((a) => a.id === pl.id)!.columns.columns.some((col) => col.key === "value:2026-2030:HP")).toBe(true);
    await expect(
      svc().updateAppendix(tonghop, draftId, pl.id, { version: c.version, columns: [{ kind: "group", title: "Trống", years: { from: 2030, to: 2020 } }] as never }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it("copies a campaign as the next one: structure kept, milestones shifted, status draft", async () => {
    const source = await get(publishedId);
    const { campaignId } = await svc().copy(tonghop, publishedId, { code: "cv2830-2025", name: "Sơ kết năm sau", referenceDate: "2025-01-10" });
    const copy = await get(campaignId);
    expect(copy).toMatchObject({ status: "draft", code: "cv2830-2025", name: "Sơ kết năm sau", referenceDate: "2025-01-10", copiedFromId: publishedId });
    expect(copy.outline.length).toBe(source.outline.length);
    expect(copy.appendices.map((a) => a.rows.length + a.records.length)).toEqual(source.appendices.map((a) => a.rows.length + a.records.length));
    const m2 = copy.milestones.find((m) => m.code === "M2")!;
    expect(m2.due).toBe("2025-01-24");
    expect(m2.wording).toBe("trước ngày 24/01/2025");
    expect(copy.assignmentCount).toBe(0);
    await expect(svc().copy(tonghop, publishedId, { code: "cv2830-2025", name: "Trùng", referenceDate: "2025-01-10" })).rejects.toMatchObject({ statusCode: 409 });
    const officer = await userContext(t.container, "giaothong");
    await expect(svc().copy(officer, publishedId, { code: "cv2830-2026", name: "X", referenceDate: "2026-01-10" })).rejects.toMatchObject({ statusCode: 403 });
  });
});
