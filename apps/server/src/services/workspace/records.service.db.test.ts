import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../auth/actor.js";
import { appendices, recordRows } from "../../db/schema/index.js";
import type { AppError } from "../../http/errors.js";
import { importSeedCampaign, userContext } from "../../test/campaign-fixtures.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("record lists: typed rows per agency, pre-filled rows, per-row versions", () => {
  let t: TestContext;
  let pl1: string;
  let pl3: string;
  let giaothong: RequestContext;
  let giaothongLeader: RequestContext;
  let congthuong: RequestContext;
  let tonghop: RequestContext;

  const svc = () => t.container.services.recordsWorkspace;
  const fail = async (p: Promise<unknown>): Promise<AppError> => {
    try {
      await p;
    } catch (e) {
      return e as AppError;
    }
    throw new Error("lẽ ra phải lỗi");
  };
  const doc = { noi_dung: "Kế hoạch số 15/KH-UBND", thoi_gian_ban_hanh: "05/5/2020", trich_yeu: "Về việc triển khai Nghị quyết số 45-NQ/TW", danh_gia: "Đã hoàn thành" };

  beforeAll(async () => {
    t = await createTestContext();
    const cv = (await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { publish: true })).campaignId;
    const id = async (code: string) => (await t.container.db.select().from(appendices).where(and(eq(appendices.campaignId, cv), eq(appendices.code, code))))[0]!.id;
    pl1 = await id("PL1");
    pl3 = await id("PL3");
    giaothong = await userContext(t.container, "giaothong");
    giaothongLeader = await userContext(t.container, "giaothong.lanhdao");
    congthuong = await userContext(t.container, "congthuong");
    tonghop = await userContext(t.container, "tonghop");
  });
  afterAll(async () => t.close());

  it("an agency among the reporters adds typed rows; dates are read the Vietnamese way", async () => {
    const list = await svc().list(giaothong, pl1);
    expect(list.canAdd).toBe(true);
    expect(list.rows).toHaveLength(0);
    expect(list.columns.map((c) => c.type)).toEqual(["so-hieu", "date", "long-text", "long-text"]);
    const added = await svc().add(giaothong, list.assignment!.id, doc);
    expect(added.version).toBe(1);
    const [stored] = await t.container.db.select().from(recordRows).where(eq(recordRows.id, added.id));
    expect(stored!.values).toMatchObject({ noi_dung: "Kế hoạch số 15/KH-UBND", thoi_gian_ban_hanh: "2020-05-05" });
    expect(stored!.prefilled).toBe(false);
  });

  it("bad values are refused with the row and the column named, nothing written", async () => {
    const list = await svc().list(giaothong, pl1);
    const a = list.assignment!.id;
    const date = await fail(svc().add(giaothong, a, { ...doc, thoi_gian_ban_hanh: "31/02/2020" }));
    expect(date.statusCode).toBe(400);
    expect(date.message).toMatch(/^Dòng mới, cột "Thời gian ban hành": '31\/02\/2020' không phải ngày hợp lệ/);
    const number = await fail(svc().add(giaothong, a, { ...doc, noi_dung: "Kế hoạch triển khai" }));
    expect(number.message).toBe('Dòng mới, cột "Nội dung": \'Kế hoạch triển khai\' thiếu số của văn bản (ví dụ: Kế hoạch số 15/KH-UBND).');
    const required = await fail(svc().add(giaothong, a, { ...doc, trich_yeu: "  " }));
    expect(required.message).toBe('Dòng mới, cột "Trích yếu nội dung": không được để trống.');
    const unknown = await fail(svc().add(giaothong, a, { ...doc, ghi_chu: "x" }));
    expect(unknown.message).toContain('cột "ghi_chu" không có');
    const row = (await svc().list(giaothong, pl1)).rows[0]!;
    const edit = await fail(svc().update(giaothong, a, row.id, { thoi_gian_ban_hanh: "2020" }, row.version));
    expect(edit.message).toMatch(/^Dòng 1 \("Kế hoạch số 15\/KH-UBND"\), cột "Thời gian ban hành": '2020' không phải ngày hợp lệ/);
    expect((await svc().list(giaothong, pl1)).rows).toHaveLength(1);
  });

  it("edits carry the row version: a stale edit gets the stored content, who and when", async () => {
    const list = await svc().list(giaothong, pl1);
    const row = list.rows[0]!;
    const ok = await svc().update(giaothongLeader, list.assignment!.id, row.id, { danh_gia: "Đang triển khai" }, row.version);
    expect(ok.version).toBe(row.version + 1);
    const stale = await fail(svc().update(giaothong, list.assignment!.id, row.id, { danh_gia: "Hoàn thành" }, row.version));
    expect(stale.code).toBe("VERSION_CONFLICT");
    expect(stale.message).toContain("Đặng Quốc Lộ");
    expect((stale.details as { theirs: { values: Record<string, unknown>; version: number } }).theirs).toMatchObject({ values: { danh_gia: "Đang triển khai" }, version: 2 });
  });

  it("reorders and deletes the agency's own rows", async () => {
    const a = (await svc().list(giaothong, pl1)).assignment!.id;
    await svc().add(giaothong, a, { ...doc, noi_dung: "Chương trình số 20/CTr-SGTVT" });
    await svc().add(giaothong, a, { ...doc, noi_dung: "Quyết định số 99/QĐ-SGTVT" });
    let rows = (await svc().list(giaothong, pl1)).rows;
    expect(rows.map((r) => r.values.noi_dung)).toEqual(["Kế hoạch số 15/KH-UBND", "Chương trình số 20/CTr-SGTVT", "Quyết định số 99/QĐ-SGTVT"]);
    await svc().move(giaothong, a, rows[2]!.id, "up", rows[2]!.version);
    rows = (await svc().list(giaothong, pl1)).rows;
    expect(rows.map((r) => r.values.noi_dung)).toEqual(["Kế hoạch số 15/KH-UBND", "Quyết định số 99/QĐ-SGTVT", "Chương trình số 20/CTr-SGTVT"]);
    const top = await fail(svc().move(giaothong, a, rows[0]!.id, "up", rows[0]!.version));
    expect(top.message).toContain("đã ở đầu danh sách");
    await svc().remove(giaothong, a, rows[1]!.id, rows[1]!.version);
    expect((await svc().list(giaothong, pl1)).rows).toHaveLength(2);
  });

  it("pre-filled rows: the agency fills its columns, the template's stay read-only, no adding, no deleting", async () => {
    const list = await svc().list(giaothong, pl3);
    expect(list.canAdd).toBe(false);
    expect(list.rows.length).toBe(6);
    expect(list.rows.every((r) => r.prefilled && r.canEdit && !r.canDelete)).toBe(true);
    expect(list.rows[0]!.missing).toEqual(["Nội dung đánh giá"]);
    const a = list.assignment!.id;
    const row = list.rows[0]!;
    const rename = await fail(svc().update(giaothong, a, row.id, { ten_cong_trinh: "Tên khác" }, row.version));
    expect(rename.message).toContain('cột "Tên công trình": nội dung do mẫu điền sẵn');
    const ok = await svc().update(giaothong, a, row.id, { ten_cong_trinh: row.values.ten_cong_trinh!, noi_dung_danh_gia: "Đã hoàn thành giai đoạn 1." }, row.version);
    expect(ok.version).toBe(2);
    const add = await fail(svc().add(giaothong, a, { noi_dung_danh_gia: "x" }));
    expect(add.statusCode).toBe(403);
    const del = await fail(svc().remove(giaothong, a, row.id, 2));
    expect(del.statusCode).toBe(400);
  });

  it("another agency neither sees nor changes the rows; the coordinator reads them all", async () => {
    const mine = await svc().list(giaothong, pl3);
    const theirs = await svc().list(congthuong, pl3);
    expect(theirs.rows.length).toBe(2);
    expect(theirs.rows.some((r) => mine.rows.some((m) => m.id === r.id))).toBe(false);
    const row = mine.rows[1]!;
    const viaOwn = await fail(svc().update(congthuong, theirs.assignment!.id, row.id, { noi_dung_danh_gia: "x" }, row.version));
    expect(viaOwn.statusCode).toBe(403);
    const viaOther = await fail(svc().update(congthuong, mine.assignment!.id, row.id, { noi_dung_danh_gia: "x" }, row.version));
    expect(viaOther.statusCode).toBe(403);
    const peek = await fail(svc().list(congthuong, pl3, mine.agency!.id));
    expect(peek.statusCode).toBe(403);
    const all = await svc().list(tonghop, pl3);
    expect(all.rows).toHaveLength(11);
    expect(all.rows.every((r) => !r.canEdit)).toBe(true);
    const coord = await fail(svc().update(tonghop, mine.assignment!.id, row.id, { noi_dung_danh_gia: "x" }, row.version));
    expect(coord.statusCode).toBe(403);
  });
});
