import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionTaskDto, ProgrammeDto } from "@tonghop/contracts";
import { createSmallCampaign, type SmallCampaign } from "../../demo/small-campaign.fixture.js";
import { FakeClock } from "../../http/clock.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/test-app.js";

function multipart(fileName: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = "----tonghop" + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe("API: action programme", () => {
  let t: TestApp;
  let c: SmallCampaign;
  let tonghop: TestClient;
  let giaothong: TestClient;
  let thongke: TestClient;
  let xem: TestClient;
  let programme: ProgrammeDto;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock("2027-08-10T03:00:00Z") });
    c = await createSmallCampaign(t.container);
    tonghop = await t.login("tonghop");
    giaothong = await t.login("giaothong");
    thongke = await t.login("thongke");
    xem = await t.login("xem");
  }, 120_000);
  afterAll(async () => t.close());

  it("coordinators create programmes and tasks; agencies and viewers get 403", async () => {
    expect((await t.anonymous.get("/api/action-programmes")).statusCode).toBe(401);
    expect((await giaothong.post("/api/action-programmes", { campaignId: c.campaignId, title: "CTHĐ" })).statusCode).toBe(403);
    expect((await xem.post("/api/action-programmes", { campaignId: c.campaignId, title: "CTHĐ" })).statusCode).toBe(403);
    const res = await tonghop.post("/api/action-programmes", { campaignId: c.campaignId, title: "Chương trình hành động" });
    expect(res.statusCode).toBe(201);
    programme = res.json<ProgrammeDto>();
    const task = { title: "Cải tạo quốc lộ 10", leadAgencyId: c.agencies.transport, deadline: "Quý II/2027" };
    expect((await giaothong.post(`/api/action-programmes/${programme.id}/tasks`, task)).statusCode).toBe(403);
    const bad = await tonghop.post(`/api/action-programmes/${programme.id}/tasks`, { ...task, deadline: "31/02/2027" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string; details: { field: string } }>()).toMatchObject({ details: { field: "deadline" } });
    const created = await tonghop.post(`/api/action-programmes/${programme.id}/tasks`, task);
    expect(created.statusCode).toBe(201);
    const dto = created.json<ActionTaskDto>();
    expect(dto.status).toBe("cham-tien-do");
    expect((await giaothong.put(`/api/action-tasks/${dto.id}`, task)).statusCode).toBe(403);
    expect((await giaothong.delete(`/api/action-tasks/${dto.id}`)).statusCode).toBe(403);
    expect((await giaothong.post(`/api/action-programmes/${programme.id}/remind`, {})).statusCode).toBe(403);
    expect((await giaothong.get(`/api/action-programmes/${programme.id}/reminders`)).statusCode).toBe(403);
    expect((await tonghop.get(`/api/action-programmes/${programme.id}/reminders`)).statusCode).toBe(200);
    // Only the lead agency reports; coordinators and viewers are refused by role, other agencies by the service.
    const report = { progress: "in-progress", content: "Đang thi công.", version: dto.version };
    expect((await tonghop.post(`/api/action-tasks/${dto.id}/reports`, report)).statusCode).toBe(403);
    expect((await thongke.post(`/api/action-tasks/${dto.id}/reports`, report)).statusCode).toBe(403);
    expect((await giaothong.post(`/api/action-tasks/${dto.id}/reports`, report)).statusCode).toBe(200);
    const related = await xem.get(`/api/analytics/campaigns/${c.campaignId}/related-tasks`);
    expect(related.statusCode).toBe(200);
  });

  it("imports a workbook over multipart; a bad one is refused with the cells (422) and nothing is imported", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("NV");
    ws.addRow(["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời hạn"]);
    ws.addRow([1, "Nhiệm vụ A", "Sở Giao thông vận tải", "", "Báo cáo", "Quý IV/2027"]);
    ws.addRow([2, "Nhiệm vụ B", "Sở Không Có", "", "Báo cáo", "Quý V/2027"]);
    const bad = multipart("nv.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect((await giaothong.inject({ method: "POST", url: `/api/action-programmes/${programme.id}/import`, ...bad })).statusCode).toBe(403);
    const res = await tonghop.inject({ method: "POST", url: `/api/action-programmes/${programme.id}/import`, ...bad });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ details: { errors: Array<{ cell: string }> } }>().details.errors.map((e) => e.cell)).toEqual(["C3", "F3"]);
    ws.spliceRows(3, 1);
    const good = multipart("nv.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    const ok = await tonghop.inject({ method: "POST", url: `/api/action-programmes/${programme.id}/import`, ...good });
    expect(ok.json()).toEqual({ imported: 1 });
    const tasks = (await xem.get(`/api/action-programmes/${programme.id}/tasks`)).json<ActionTaskDto[]>();
    expect(tasks.map((x) => x.title)).toEqual(["Cải tạo quốc lộ 10", "Nhiệm vụ A"]);
    const docx = await xem.get(`/api/action-programmes/${programme.id}/export/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
  });
});
