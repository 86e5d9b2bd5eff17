import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordListDto } from "@tonghop/contracts";
import { appendices } from "../../db/schema/index.js";
import { importSeedCampaign } from "../../test/campaign-fixtures.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/test-app.js";

describe("API: record lists", () => {
  let t: TestApp;
  let pl1: string;
  let pl3: string;
  let giaothong: TestClient;
  let congthuong: TestClient;
  let tonghop: TestClient;
  let xem: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    const cv = (await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { publish: true })).campaignId;
    const id = async (code: string) => (await t.container.db.select().from(appendices).where(and(eq(appendices.campaignId, cv), eq(appendices.code, code))))[0]!.id;
    pl1 = await id("PL1");
    pl3 = await id("PL3");
    giaothong = await t.login("giaothong");
    congthuong = await t.login("congthuong");
    tonghop = await t.login("tonghop");
    xem = await t.login("xem");
  });
  afterAll(async () => t.close());

  it("add, edit, move, delete a document row; every route refuses other agencies, viewers and coordinators", async () => {
    const list = (await giaothong.get(`/api/workspace/records/${pl1}`)).json<RecordListDto>();
    const base = `/api/workspace/records/assignments/${list.assignment!.id}/rows`;
    const values = { noi_dung: "Kế hoạch số 15/KH-SGTVT", thoi_gian_ban_hanh: "05/5/2020", trich_yeu: "Về việc thực hiện Nghị quyết 45", danh_gia: "" };
    const created = await giaothong.post(base, { values });
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json<{ id: string; version: number }>();
    const second = await giaothong.post(base, { values: { ...values, noi_dung: "Quyết định số 7/QĐ-SGTVT" } });
    expect(second.statusCode).toBe(201);

    for (const c of [congthuong, xem, tonghop]) {
      expect((await c.post(base, { values })).statusCode).toBe(403);
      expect((await c.patch(`${base}/${id}`, { values, version })).statusCode).toBe(403);
      expect((await c.post(`${base}/${id}/move`, { direction: "down", version })).statusCode).toBe(403);
      expect((await c.delete(`${base}/${id}?version=${version}`)).statusCode).toBe(403);
    }
    const peek = await congthuong.get(`/api/workspace/records/${pl1}?agencyId=${list.agency!.id}`);
    expect(peek.statusCode).toBe(403);
    expect((await xem.get(`/api/workspace/records/${pl1}?agencyId=${list.agency!.id}`)).statusCode).toBe(200);

    const bad = await giaothong.patch(`${base}/${id}`, { values: { thoi_gian_ban_hanh: "5/13/2020" }, version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^Dòng 1 \("Kế hoạch số 15\/KH-SGTVT"\), cột "Thời gian ban hành"/);
    const ok = await giaothong.patch(`${base}/${id}`, { values: { danh_gia: "Đã hoàn thành" }, version });
    expect(ok.json().version).toBe(2);
    expect((await giaothong.patch(`${base}/${id}`, { values: { danh_gia: "Khác" }, version })).statusCode).toBe(409);
    expect((await giaothong.post(`${base}/${id}/move`, { direction: "down", version: 2 })).statusCode).toBe(200);
    const after = (await giaothong.get(`/api/workspace/records/${pl1}`)).json<RecordListDto>();
    expect(after.rows.map((r) => r.values.noi_dung)).toEqual(["Quyết định số 7/QĐ-SGTVT", "Kế hoạch số 15/KH-SGTVT"]);
    expect((await giaothong.delete(`${base}/${id}?version=2`)).statusCode).toBe(204);
  });

  it("a closed list of projects: the agency fills its rows but cannot add", async () => {
    const list = (await congthuong.get(`/api/workspace/records/${pl3}`)).json<RecordListDto>();
    expect(list.canAdd).toBe(false);
    const base = `/api/workspace/records/assignments/${list.assignment!.id}/rows`;
    expect((await congthuong.post(base, { values: { noi_dung_danh_gia: "x" } })).statusCode).toBe(403);
    const row = list.rows[0]!;
    const ok = await congthuong.patch(`${base}/${row.id}`, { values: { noi_dung_danh_gia: "Đã khởi công năm 2022." }, version: row.version });
    expect(ok.statusCode).toBe(200);
  });
});
