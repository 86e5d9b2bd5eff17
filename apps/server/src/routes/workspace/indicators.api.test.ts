import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FigureConflictDto, FigureHistoryDto, IndicatorGridDto } from "@tonghop/contracts";
import { appendices } from "../../db/schema/index.js";
import { importSeedCampaign } from "../../test/campaign-fixtures.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/test-app.js";

describe("API: indicator workspace", () => {
  let t: TestApp;
  let pl2: string;
  let ctPl1: string;
  let thongke: TestClient;
  let thongkeLeader: TestClient;
  let giaothong: TestClient;
  let congthuong: TestClient;
  let tonghop: TestClient;
  let xem: TestClient;
  let grid: IndicatorGridDto;

  const appendixId = async (campaignId: string, code: string) =>
    (await t.container.db.select().from(appendices).where(and(eq(appendices.campaignId, campaignId), eq(appendices.code, code))))[0]!.id;
  const row = (g: IndicatorGridDto, code: string) => g.rows.find((r) => r.indicatorCode === code)!;
  const cellsUrl = (assignmentId: string) => `/api/workspace/indicators/assignments/${assignmentId}/cells`;

  beforeAll(async () => {
    t = await createTestApp();
    const cv = (await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { publish: true })).campaignId;
    const ct = (await importSeedCampaign(t.container, "ct15-2020-ke-hoach-5-nam", { publish: true })).campaignId;
    pl2 = await appendixId(cv, "PL2");
    ctPl1 = await appendixId(ct, "PL1");
    thongke = await t.login("thongke");
    thongkeLeader = await t.login("thongke.lanhdao");
    giaothong = await t.login("giaothong");
    congthuong = await t.login("congthuong");
    tonghop = await t.login("tonghop");
    xem = await t.login("xem");
    grid = (await thongke.get(`/api/workspace/indicators/${pl2}`)).json<IndicatorGridDto>();
  });
  afterAll(async () => t.close());

  it("the agency reads its grid; anonymous users get 401", async () => {
    expect(grid.assignment?.editable).toBe(true);
    expect(grid.rows.every((r) => r.own || r.indicatorCode === null)).toBe(true);
    expect((await t.anonymous.get(`/api/workspace/indicators/${pl2}`)).statusCode).toBe(401);
  });

  it("another agency's user cannot read, save, or see the history of Cục Thống kê's part (403)", async () => {
    const ctk = grid.agency!.id;
    const read = await giaothong.get(`/api/workspace/indicators/${pl2}?agencyId=${ctk}`);
    expect(read.statusCode).toBe(403);
    expect(read.json().message).toBe("Bạn chỉ xem được phần việc của đơn vị mình.");
    const r = row(grid, "GRDP_HH");
    const write = await giaothong.post(cellsUrl(grid.assignment!.id), { cells: [{ rowId: r.id, columnKey: "value:2019:HP", value: 1, status: "uoc", baseVersion: 0 }] });
    expect(write.statusCode).toBe(403);
    const history = await giaothong.get(`/api/workspace/indicators/${pl2}/history?rowId=${r.id}&columnKey=value:2019:HP`);
    expect(history.statusCode).toBe(403);
  });

  it("a viewer and a coordinator read everything but cannot write agency figures (403)", async () => {
    for (const c of [xem, tonghop]) {
      const whole = await c.get(`/api/workspace/indicators/${pl2}`);
      expect(whole.statusCode).toBe(200);
      expect(whole.json<IndicatorGridDto>().agency).toBeNull();
      const r = row(grid, "GRDP_HH");
      const res = await c.post(cellsUrl(grid.assignment!.id), { cells: [{ rowId: r.id, columnKey: "value:2019:HP", value: 1, status: "uoc", baseVersion: 0 }] });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toBe("Bạn không có quyền sử dụng chức năng này.");
    }
  });

  it("rejects malformed cells with a message naming the field", async () => {
    const r = row(grid, "GRDP_HH");
    const res = await thongke.post(cellsUrl(grid.assignment!.id), { cells: [{ rowId: r.id, columnKey: "value:2019:HP", value: "1,5", status: "uoc", baseVersion: 0 }] });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain("value");
    const noCsrf = await thongke.inject({ method: "POST", url: cellsUrl(grid.assignment!.id), headers: { "x-csrf-token": "sai" }, payload: { cells: [] } });
    expect(noCsrf.statusCode).toBe(403);
  });

  it("two sessions save the same cell over HTTP: the second gets 409 with both versions and chooses; no write is lost", async () => {
    const r = row(grid, "GRDP_HH");
    const url = cellsUrl(grid.assignment!.id);
    const first = await thongke.post(url, { cells: [{ rowId: r.id, columnKey: "value:2022:HP", value: 365_000, status: "so-bo", baseVersion: 0 }] });
    expect(first.statusCode).toBe(200);
    const second = await thongkeLeader.post(url, { cells: [{ rowId: r.id, columnKey: "value:2022:HP", value: 366_100, status: "chinh-thuc", baseVersion: 0 }] });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe("VERSION_CONFLICT");
    const conflict = second.json<{ details: { conflicts: FigureConflictDto[] } }>().details.conflicts[0]!;
    expect(conflict.yours).toMatchObject({ value: 366_100, baseVersion: 0 });
    expect(conflict.theirs).toMatchObject({ value: 365_000, version: 1, byName: "Lê Thị Kê" });
    // The leader chooses the stored value: nothing to write. Then the officer revises it.
    const keep = await thongkeLeader.post(url, { cells: [{ rowId: r.id, columnKey: "value:2022:HP", value: 365_000, status: "so-bo", baseVersion: 1 }] });
    expect(keep.json()).toMatchObject({ cells: [], unchanged: 1 });
    const mine = await thongkeLeader.post(url, { cells: [{ rowId: r.id, columnKey: "value:2022:HP", value: 366_100, status: "chinh-thuc", baseVersion: 1 }] });
    expect(mine.json().cells[0].version).toBe(2);
    const h = (await thongke.get(`/api/workspace/indicators/${pl2}/history?rowId=${r.id}&columnKey=value:2022:HP`)).json<FigureHistoryDto>();
    expect(h.vintages.map((v) => v.value)).toEqual([366_100, 365_000]);
  });

  it("agency rows under open groups: add, edit, delete by the agency only", async () => {
    const g = (await giaothong.get(`/api/workspace/indicators/${ctPl1}`)).json<IndicatorGridDto>();
    const open = g.rows.find((r) => r.canAddChild)!;
    const base = `/api/workspace/indicators/assignments/${g.assignment!.id}/rows`;
    const body = { parentRowId: open.id, name: "Số chuyến tàu container quốc tế", unit: "chuyến", aggregation: "sum", direction: "higher", decimals: 0 };
    const bad = await giaothong.post(base, { ...body, unit: " " });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain("Đơn vị tính không được để trống");
    const badTarget = await giaothong.post(base, { ...body, target: "nhiều hơn" });
    expect(badTarget.statusCode).toBe(400);
    expect(badTarget.json().message).toContain("Mục tiêu 'nhiều hơn' không hợp lệ");
    const created = await giaothong.post(base, body);
    expect(created.statusCode).toBe(201);
    const { rowId } = created.json<{ rowId: string }>();
    for (const c of [congthuong, xem, tonghop]) {
      expect((await c.post(base, body)).statusCode).toBe(403);
      expect((await c.patch(`${base}/${rowId}`, { ...body, parentRowId: undefined, version: 1 })).statusCode).toBe(403);
      expect((await c.delete(`${base}/${rowId}?version=1`)).statusCode).toBe(403);
    }
    const { parentRowId: _p, ...fields } = body;
    const patched = await giaothong.patch(`${base}/${rowId}`, { ...fields, name: "Số chuyến tàu container", version: 1 });
    expect(patched.statusCode).toBe(200);
    expect((await giaothong.delete(`${base}/${rowId}?version=1`)).statusCode).toBe(409);
    expect((await giaothong.delete(`${base}/${rowId}?version=2`)).statusCode).toBe(204);
  });
});
