import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignDetailDto, CampaignSummaryDto, MyAssignmentGroupDto } from "@tonghop/contracts";
import { hashPassword } from "../../auth/password.js";
import { importSeedCampaign, seedTemplateText } from "../../test/campaign-fixtures.js";
import { createTestApp, TEST_PASSWORD, type TestApp, type TestClient } from "../../test/test-app.js";

function multipart(fields: Record<string, string>, file: { name: string; content: string }) {
  const boundary = "----tonghop-test-boundary";
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/yaml\r\n\r\n${file.content}\r\n`);
  return { payload: Buffer.from(`${parts.join("")}--${boundary}--\r\n`, "utf8"), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe("API: campaigns", () => {
  let t: TestApp;
  let coordinator: TestClient;
  let officer: TestClient;
  let viewer: TestClient;
  let otherCoordinator: TestClient;
  let publishedId: string;
  let draftId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const dir = await t.container.services.agencies.directory();
    await t.container.repos.users.insert(t.container.db, {
      username: "tonghop.taichinh",
      fullName: "Chuyên viên tổng hợp Sở Tài chính",
      agencyId: dir.resolve("Sở Tài chính", "2024-04-26")!.id,
      roles: ["coordinator"],
      passwordHash: await hashPassword(TEST_PASSWORD),
    });
    coordinator = await t.login("tonghop");
    officer = await t.login("giaothong");
    viewer = await t.login("xem");
    otherCoordinator = await t.login("tonghop.taichinh");
    publishedId = (await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { publish: true })).campaignId;
    draftId = (await importSeedCampaign(t.container, "ct15-2020-ke-hoach-5-nam")).campaignId;
  });
  afterAll(async () => t.close());

  it("uploads a .yaml file: dry run previews, a taken code is 409 with a proposal, a new code imports", async () => {
    const text = seedTemplateText("cv2830-2024-so-ket-nq45");
    const dry = await coordinator.inject({ method: "POST", url: "/api/campaigns/import/file", ...multipart({ dryRun: "true" }, { name: "cv2830.yaml", content: text }) });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, campaignId: null, preview: { codeTaken: true, suggestedCode: "cv2830-2024-so-ket-nq45-2", counts: { outlineItems: 247 } } });
    const taken = await coordinator.inject({ method: "POST", url: "/api/campaigns/import/file", ...multipart({}, { name: "cv2830.yaml", content: text }) });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().details.suggestedCode).toBe("cv2830-2024-so-ket-nq45-2");
    const ok = await coordinator.inject({ method: "POST", url: "/api/campaigns/import/file", ...multipart({ code: "cv2830-tai-len" }, { name: "cv2830.yml", content: text }) });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().campaignId).toBeTruthy();
    const wrongType = await coordinator.inject({ method: "POST", url: "/api/campaigns/import/file", ...multipart({}, { name: "mau.docx", content: "x" }) });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().message).toContain("không phải tệp mẫu YAML");
  });

  it("imports JSON text; errors come back with YAML path and line", async () => {
    const bad = await coordinator.post("/api/campaigns/import", { text: "formatVersion: 1\ncode: x\nname: [", dryRun: true });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.problems[0]).toMatchObject({ path: "(cú pháp YAML)", line: expect.any(Number) as number });
    const good = await coordinator.post("/api/campaigns/import", { text: seedTemplateText("ct15-2020-ke-hoach-5-nam"), code: "ct15-json", name: "CT15 qua API" });
    expect(good.statusCode).toBe(201);
    expect(good.json().preview.name).toBe("CT15 qua API");
  });

  it("lists campaigns by who asks: coordinators all, viewers published, agencies their own", async () => {
    const all = (await coordinator.get("/api/campaigns")).json<CampaignSummaryDto[]>();
    expect(all.map((c) => c.id)).toEqual(expect.arrayContaining([publishedId, draftId]));
    const forViewer = (await viewer.get("/api/campaigns")).json<CampaignSummaryDto[]>();
    expect(forViewer.map((c) => c.id)).toEqual([publishedId]);
    const forOfficer = (await officer.get("/api/campaigns")).json<CampaignSummaryDto[]>();
    expect(forOfficer.map((c) => c.id)).toEqual([publishedId]);
    expect(forOfficer[0]).toMatchObject({ status: "published", outlineItemCount: 247, appendixCount: 3 });
    expect((await officer.get(`/api/campaigns/${draftId}`)).statusCode).toBe(403);
    expect((await t.anonymous.get("/api/campaigns")).statusCode).toBe(401);
  });

  it("campaign detail: outline with resolved agencies, milestones, expanded columns, rows with effective lead", async () => {
    const res = await officer.get(`/api/campaigns/${publishedId}`);
    expect(res.statusCode).toBe(200);
    const c = res.json<CampaignDetailDto>();
    expect(c.permissions).toEqual({ canEdit: false, canPublish: false });
    const item = c.outline.find((o) => o.labelPath.join(" / ") === "Phần II / A / IV / (vii)")!;
    expect(item.lead.map((l) => l.displayName)).toContain("Sở Giao thông vận tải");
    const pl2 = c.appendices.find((a) => a.code === "PL2")!;
    expect(pl2.columns.header.length).toBe(2);
    expect(pl2.columns.columns.map((x) => x.title)).toContain("Vùng đồng bằng sông Hồng");
    const child = pl2.rows.find((r) => r.name === "Theo giá so sánh 2010" && r.depth === 3)!;
    expect(child.lead).toEqual([]);
    expect(child.effectiveLead.map((l) => l.displayName)).toEqual(["Cục Thống kê thành phố Hải Phòng"]);
    expect(c.milestones.map((m) => m.code)[0]).toBe("M1");
    const mine = (await coordinator.get(`/api/campaigns/${publishedId}`)).json<CampaignDetailDto>();
    expect(mine.permissions).toEqual({ canEdit: true, canPublish: false });
  });

  it("Việc của đơn vị: the officer's assignments grouped by campaign, with due dates", async () => {
    const res = await officer.get("/api/me/assignments");
    expect(res.statusCode).toBe(200);
    const groups = res.json<MyAssignmentGroupDto[]>();
    expect(groups).toHaveLength(1);
    const list = groups[0]!.assignments;
    expect(list.find((a) => a.outlineItem?.labelPath.join(" / ") === "Phần II / A / I / 4 / (i)")).toMatchObject({ role: "lead", state: "draft", dueDate: "2024-05-10", dueWording: null, milestoneCode: "M3" });
    // Phụ lục 3 is due with M3 too; the officer's agency has no Phụ lục 2 rows.
    expect(list.some((a) => a.appendix?.code === "PL2")).toBe(false);
    expect(list.find((a) => a.appendix?.code === "PL3")).toMatchObject({ kind: "records", appendix: { rows: 6 } });
    // Outline items first, in document order, then appendices.
    const firstAppendix = list.findIndex((a) => a.appendix);
    expect(list.slice(firstAppendix).every((a) => a.appendix)).toBe(true);
  });

  it("the assignment matrix: coordinators and viewers yes, agency officers no", async () => {
    const res = await coordinator.get(`/api/campaigns/${publishedId}/assignments`);
    expect(res.statusCode).toBe(200);
    const m = res.json<{ agencies: { name: string; outline: number; appendices: number }[]; cells: unknown[]; preview: boolean }>();
    expect(m.preview).toBe(false);
    expect(m.agencies.find((a) => a.name === "Sở Giao thông vận tải")).toMatchObject({ appendices: 2 });
    expect((await viewer.get(`/api/campaigns/${publishedId}/assignments`)).statusCode).toBe(200);
    expect((await officer.get(`/api/campaigns/${publishedId}/assignments`)).statusCode).toBe(403);
    const draft = (await coordinator.get(`/api/campaigns/${draftId}/assignments`)).json<{ preview: boolean; cells: unknown[] }>();
    expect(draft.preview).toBe(true);
    expect(draft.cells.length).toBeGreaterThan(0);
  });

  it("exports YAML as a download", async () => {
    const res = await viewer.get(`/api/campaigns/${publishedId}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/yaml");
    expect(res.headers["content-disposition"]).toContain('filename="cv2830-2024-so-ket-nq45.yaml"');
    expect(res.body).toContain("code: cv2830-2024-so-ket-nq45");
  });

  it("every editing route refuses agency users, viewers and another agency's coordinator (403) and changes nothing", async () => {
    const c = (await coordinator.get(`/api/campaigns/${draftId}`)).json<CampaignDetailDto>();
    const item = c.outline[0]!;
    const pl = c.appendices[0]!;
    const row = pl.rows[0]!;
    const m = c.milestones[0]!;
    const gt = c.milestones[0]!.from[0]!;
    const v = c.version;
    const routes: [string, string, unknown][] = [
      ["POST", "/api/campaigns/import", { text: seedTemplateText("ct15-2020-ke-hoach-5-nam"), code: "khong-duoc" }],
      ["POST", `/api/campaigns/${draftId}/publish`, { version: v }],
      ["POST", `/api/campaigns/${draftId}/copy`, { code: "ban-sao", name: "Bản sao", referenceDate: "2025-06-06" }],
      ["PATCH", `/api/campaigns/${draftId}`, { version: v, name: "Đổi tên" }],
      ["POST", `/api/campaigns/${draftId}/outline`, { version: v, parentId: null, title: "Mục mới" }],
      ["POST", `/api/campaigns/${draftId}/outline/renumber`, { version: v }],
      ["PATCH", `/api/campaigns/${draftId}/outline/${item.id}`, { version: v, title: "Sửa" }],
      ["DELETE", `/api/campaigns/${draftId}/outline/${item.id}?version=${v}`, undefined],
      ["POST", `/api/campaigns/${draftId}/outline/${item.id}/move`, { version: v, action: "down" }],
      ["PATCH", `/api/campaigns/${draftId}/appendices/${pl.id}`, { version: v, title: "Phụ lục mới" }],
      ["POST", `/api/campaigns/${draftId}/appendices/${pl.id}/rows`, { version: v, parentId: null, name: "Dòng" }],
      ["PATCH", `/api/campaigns/${draftId}/appendices/${pl.id}/rows/${row.id}`, { version: v, name: "Dòng sửa" }],
      ["DELETE", `/api/campaigns/${draftId}/appendices/${pl.id}/rows/${row.id}?version=${v}`, undefined],
      ["POST", `/api/campaigns/${draftId}/appendices/${pl.id}/rows/${row.id}/move`, { version: v, action: "down" }],
      ["POST", `/api/campaigns/${draftId}/appendices/${pl.id}/records`, { version: v, agencyId: gt.id, values: {} }],
      ["POST", `/api/campaigns/${draftId}/milestones`, { version: v, code: "M9", from: [{ kind: gt.kind, id: gt.id }], to: "Sở", deliverable: "Báo cáo", due: "2020-07-10", wording: "trước ngày 10/7/2020", scope: { kind: "all" } }],
      ["PATCH", `/api/campaigns/${draftId}/milestones/${m.id}`, { version: v, deliverable: "Sửa" }],
      ["DELETE", `/api/campaigns/${draftId}/milestones/${m.id}?version=${v}`, undefined],
    ];
    for (const [who, client] of [["giaothong", officer], ["xem", viewer], ["tonghop.taichinh", otherCoordinator]] as const) {
      for (const [method, url, body] of routes) {
        const res = await client.inject({ method: method, url, ...(body === undefined ? {} : { payload: body as object }) });
        expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
      }
    }
    const after = (await coordinator.get(`/api/campaigns/${draftId}`)).json<CampaignDetailDto>();
    expect(after.version).toBe(v);
    expect(after.outline.length).toBe(c.outline.length);
  });

  it("the coordinator edits with the version; a stale version is 409", async () => {
    const c = (await coordinator.get(`/api/campaigns/${draftId}`)).json<CampaignDetailDto>();
    const item = c.outline[0]!;
    const ok = await coordinator.patch(`/api/campaigns/${draftId}/outline/${item.id}`, { version: c.version, guidance: "Hướng dẫn mới cho mục này." });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<CampaignDetailDto>().outline[0]!.guidance).toBe("Hướng dẫn mới cho mục này.");
    const stale = await coordinator.patch(`/api/campaigns/${draftId}/outline/${item.id}`, { version: c.version, guidance: "Cũ" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe("VERSION_CONFLICT");
    const badTarget = await coordinator.patch(`/api/campaigns/${draftId}/appendices/${c.appendices[0]!.id}/rows/${c.appendices[0]!.rows[1]!.id}`, { version: c.version + 1, target: "abc" });
    expect(badTarget.statusCode).toBe(400);
    expect(badTarget.json().message).toMatch(/^Mục tiêu "abc" không hợp lệ tại ký tự 1/);
  });

  it("publishing tells the agencies: the officer's bell counts it and marks it read", async () => {
    const list = await officer.get("/api/notifications");
    expect(list.statusCode).toBe(200);
    const body = list.json<{ items: { id: string; title: string; readAt: string | null }[]; unread: number }>();
    expect(body.unread).toBe(1);
    expect(body.items[0]!.title).toContain("Đợt tổng hợp mới");
    expect((await officer.get("/api/notifications/unread-count")).json()).toEqual({ unread: 1 });
    // Someone else's notification is not found.
    expect((await viewer.post(`/api/notifications/${body.items[0]!.id}/read`)).statusCode).toBe(404);
    const read = await officer.post(`/api/notifications/${body.items[0]!.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect((await officer.get("/api/notifications/unread-count")).json()).toEqual({ unread: 0 });
    expect((await officer.post("/api/notifications/read-all")).json()).toEqual({ marked: 0 });
  });
});
