import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssignmentProgressDto, AssignmentWorkflowDto, SendAllPreviewDto } from "@tonghop/contracts";
import { FakeClock } from "../../http/clock.js";
import { ITEM_1, ITEM_1_1, setupCv2830, type Cv2830Fixture } from "../../services/workspace/sections-fixtures.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/test-app.js";

describe("API: submission workflow", () => {
  let t: TestApp;
  let f: Cv2830Fixture;
  let officer: TestClient;
  let leader: TestClient;
  let otherOfficer: TestClient;
  let otherLeader: TestClient;
  let coordinator: TestClient;
  let coordinatorLeader: TestClient;
  let viewer: TestClient;
  let admin: TestClient;
  let assignment: string;
  const clock = new FakeClock("2024-05-02T02:00:00Z");
  const url = () => `/api/workspace/workflow/${assignment}`;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    f = await setupCv2830(t.container, { now: clock.now() });
    assignment = await f.assignment("thongke", ITEM_1);
    officer = await t.login("thongke");
    leader = await t.login("thongke.lanhdao");
    otherOfficer = await t.login("giaothong");
    otherLeader = await t.login("giaothong.lanhdao");
    coordinator = await t.login("tonghop");
    coordinatorLeader = await t.login("lanhdao.tonghop");
    viewer = await t.login("xem");
    admin = await t.login("quantri");
    await officer.put(`/api/workspace/sections/${assignment}/${f.item(ITEM_1_1)}`, { html: "<p>Quy mô GRDP.</p>", baseVersion: 0 });
  });
  afterAll(async () => t.close());

  it("reads the workflow: own agency, coordinators and viewers; not another agency or an admin", async () => {
    for (const client of [officer, leader, coordinator, viewer]) expect((await client.get(url())).statusCode).toBe(200);
    for (const client of [otherOfficer, otherLeader, admin]) expect((await client.get(url())).statusCode).toBe(403);
    expect((await t.anonymous.get(url())).statusCode).toBe(401);
  });

  it("progress for the task list: items written, figures filled, what is missing; nothing for viewers", async () => {
    const res = await officer.get(`/api/workspace/progress?campaignId=${f.campaignId}`);
    expect(res.statusCode).toBe(200);
    const list = res.json<AssignmentProgressDto[]>();
    const mine = list.find((p) => p.assignmentId === assignment)!;
    expect(mine).toMatchObject({ done: 1, total: 3, unit: "mục", more: 0, overdue: false, workingDaysLeft: 7, canSend: false });
    expect(mine.missing).toEqual(["Chưa viết: 1 Quy mô kinh tế và tổng sản phẩm bình quân đầu người", "Chưa viết: 1.2 Tổng sản phẩm trên địa bàn/bình quân đầu người"]);
    const figures = list.find((p) => p.unit === "ô");
    expect(figures).toBeDefined();
    expect(figures!.total).toBeGreaterThan(0);
    expect(figures!.missing[0]).toMatch(/ô số liệu chưa nhập/);
    expect((await leader.get("/api/workspace/progress")).json<AssignmentProgressDto[]>().find((p) => p.assignmentId === assignment)!.canSend).toBe(true);
    expect((await viewer.get("/api/workspace/progress")).json<AssignmentProgressDto[]>()).toEqual([]);
    expect((await coordinator.get("/api/workspace/progress")).json<AssignmentProgressDto[]>()).toEqual([]);
    expect((await t.anonymous.get("/api/workspace/progress")).statusCode).toBe(401);
  });

  it("refuses steps to viewers, other agencies and the wrong role", async () => {
    expect((await viewer.post(url(), { action: "submit" })).statusCode).toBe(403);
    expect((await otherOfficer.post(url(), { action: "submit" })).statusCode).toBe(403);
    expect((await otherLeader.post(url(), { action: "send" })).statusCode).toBe(403);
    expect((await coordinator.post(url(), { action: "submit" })).statusCode).toBe(403);
    const officerSend = await officer.post(url(), { action: "send" });
    expect(officerSend.statusCode).toBe(403);
    expect(officerSend.json<{ message: string }>().message).toBe("Chỉ lãnh đạo đơn vị được gửi báo cáo.");
    expect((await officer.post(url(), { action: "fly" })).statusCode).toBe(400);
    expect((await officer.post(url(), { action: "submit", extra: 1 })).statusCode).toBe(400);
  });

  it("submit → send → coordinator return with reason → resend → accept", async () => {
    expect((await officer.post(url(), { action: "submit" })).json<AssignmentWorkflowDto>().state).toBe("submitted");
    expect((await leader.post(url(), { action: "send" })).json<AssignmentWorkflowDto>().state).toBe("sent");
    const noReason = await coordinator.post(url(), { action: "return", reason: "" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ message: string }>().message).toBe("Phải nêu lý do trả lại.");
    expect((await viewer.post(url(), { action: "return", reason: "x" })).statusCode).toBe(403);
    expect((await leader.post(url(), { action: "accept" })).statusCode).toBe(403);
    const returned = await coordinator.post(url(), { action: "return", reason: "Bổ sung so sánh với vùng ĐBSH." });
    expect(returned.json<AssignmentWorkflowDto>()).toMatchObject({ state: "returned", stateReason: "Bổ sung so sánh với vùng ĐBSH." });
    const seen = (await officer.get(url())).json<AssignmentWorkflowDto>();
    expect(seen).toMatchObject({ state: "returned", stateReason: "Bổ sung so sánh với vùng ĐBSH.", canEdit: true });
    expect((await leader.post(url(), { action: "send", version: seen.version })).statusCode).toBe(200);
    expect((await leader.post(url(), { action: "send", version: seen.version })).statusCode).toBe(409);
    const accepted = await coordinatorLeader.post(url(), { action: "accept" });
    expect(accepted.json<AssignmentWorkflowDto>().state).toBe("accepted");
  });

  it("send-all: leaders only, their own agency; preview lists what blocks", async () => {
    const path = `/api/workspace/workflow/campaigns/${f.campaignId}/send-all`;
    for (const client of [officer, viewer, coordinator]) {
      expect((await client.get(path)).statusCode).toBe(403);
      expect((await client.post(path, {})).statusCode).toBe(403);
    }
    const preview = await leader.get(path);
    expect(preview.statusCode).toBe(200);
    const dto = preview.json<SendAllPreviewDto>();
    expect(dto.done).toBe(1);
    expect(dto.blocked.length).toBeGreaterThan(0);
    const refused = await leader.post(path, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ details: { blocked: unknown[] } }>().details.blocked).toHaveLength(dto.blocked.length);
    // Another agency's leader cannot send for Cục Thống kê.
    const thongkeId = await f.agencyId("Cục Thống kê thành phố");
    expect((await otherLeader.post(path, { agencyId: thongkeId })).statusCode).toBe(403);
  });
});
