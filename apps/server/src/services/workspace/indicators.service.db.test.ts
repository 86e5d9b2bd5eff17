import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FigureConflictDto, IndicatorGridDto, SaveFiguresRequest } from "@tonghop/contracts";
import type { RequestContext } from "../../auth/actor.js";
import { appendices, assignments, auditLog, indicatorValueHistory, indicatorValues } from "../../db/schema/index.js";
import type { AppError } from "../../http/errors.js";
import { importSeedCampaign, userContext } from "../../test/campaign-fixtures.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";
import { ValuesRepository } from "../values/values.repository.js";

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("indicator workspace: one figure, one place; batch saves; no lost edits", () => {
  let t: TestContext;
  let cv: string;
  let ct: string;
  let pl2: string;
  let ctPl1: string;
  let thongke: RequestContext;
  let thongkeLeader: RequestContext;
  let giaothong: RequestContext;
  let congthuong: RequestContext;
  let tonghop: RequestContext;
  let xem: RequestContext;

  const svc = () => t.container.services.indicatorsWorkspace;
  const appendixId = async (campaignId: string, code: string) =>
    (await t.container.db.select().from(appendices).where(and(eq(appendices.campaignId, campaignId), eq(appendices.code, code))))[0]!.id;
  const row = (g: IndicatorGridDto, code: string) => {
    const r = g.rows.find((x) => x.indicatorCode === code);
    if (!r) throw new Error(`không có dòng ${code}`);
    return r;
  };
  const save = (ctx: RequestContext, g: IndicatorGridDto, body: SaveFiguresRequest) =>
    svc().save(ctx, g.assignment!.id, { cells: body.cells ?? [], texts: body.texts ?? [], ...(body.confirmOverOfficial ? { confirmOverOfficial: true } : {}) });
  const fail = async (p: Promise<unknown>): Promise<AppError> => {
    try {
      await p;
    } catch (e) {
      return e as AppError;
    }
    throw new Error("lẽ ra phải lỗi");
  };

  beforeAll(async () => {
    t = await createTestContext();
    cv = (await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { publish: true })).campaignId;
    ct = (await importSeedCampaign(t.container, "ct15-2020-ke-hoach-5-nam", { publish: true })).campaignId;
    pl2 = await appendixId(cv, "PL2");
    ctPl1 = await appendixId(ct, "PL1");
    thongke = await userContext(t.container, "thongke");
    thongkeLeader = await userContext(t.container, "thongke.lanhdao");
    giaothong = await userContext(t.container, "giaothong");
    congthuong = await userContext(t.container, "congthuong");
    tonghop = await userContext(t.container, "tonghop");
    xem = await userContext(t.container, "xem");
  });
  afterAll(async () => t.close());

  it("shows the agency its own rows (with their headings) and the template's multi-level header", async () => {
    const g = await svc().grid(thongke, pl2);
    expect(g.agency?.name).toContain("Thống kê");
    expect(g.assignment?.editable).toBe(true);
    expect(g.header[0]!.map((c) => c.title)).toEqual(["TT", "Chỉ tiêu", "ĐVT", "Năm", "Giai đoạn 2014- 2018", "Giai đoạn 2019-2023", "Đơn vị chủ trì, theo dõi, báo cáo"]);
    expect(g.header[1]!.map((c) => c.title)).toEqual(["2018", "2019", "2020", "2021", "2022", "2023", "Hải Phòng", "Cả nước", "Vùng đồng bằng sông Hồng"]);
    expect(g.columns.find((c) => c.key === "value:2019-2023:HP")?.mode).toBe("computed");
    expect(g.columns.find((c) => c.key === "value:2019-2023:VN")?.mode).toBe("input");
    const growth = row(g, "GRDP_TANG_TRUONG");
    expect(growth.own).toBe(true);
    expect(growth.cells["value:2019:HP"]).toMatchObject({ kind: "value", editable: true, version: 0, value: null });
    // Rows of Sở Tài chính are not shown to Cục Thống kê.
    expect(g.rows.some((r) => r.indicatorCode === "TONG_THU_NGAN_SACH")).toBe(false);
    // A computed indicator (expression) is read-only everywhere.
    const share = row(g, "CO_CAU_VON_DTXH_NHA_NUOC");
    expect(share.computed).toBe(true);
    expect(share.cells["value:2019:HP"]?.kind).toBe("computed");
  });

  it("saves a batch, never overwrites (history per cell) and computes period columns and shares", async () => {
    const g = await svc().grid(thongke, pl2);
    const growth = row(g, "GRDP_TANG_TRUONG");
    const years = [2019, 2020, 2021, 2022, 2023];
    const rates = [8.5, 11.2, 12.4, 10.3, 10.3];
    const res = await save(thongke, g, {
      cells: years.map((y, i) => ({ rowId: growth.id, columnKey: `value:${y}:HP`, value: rates[i]!, status: "chinh-thuc", baseVersion: 0 })),
    });
    expect(res.cells).toHaveLength(5);
    expect(res.cells.every((c) => c.version === 1)).toBe(true);

    const again = await save(thongke, g, {
      cells: [{ rowId: growth.id, columnKey: "value:2019:HP", value: 8.35, status: "chinh-thuc", note: "Số điều chỉnh", baseVersion: 1 }],
    });
    expect(again.cells[0]!.version).toBe(2);
    const h = await svc().history(thongke, pl2, growth.id, "value:2019:HP");
    expect(h.vintages.map((v) => [v.version, v.value, v.current])).toEqual([
      [2, 8.35, true],
      [1, 8.5, false],
    ]);
    expect(h.vintages[0]!.enteredByName).toBe("Lê Thị Kê");

    const after = await svc().grid(thongke, pl2);
    const cell = row(after, "GRDP_TANG_TRUONG").cells["value:2019-2023:HP"];
    expect(cell?.kind).toBe("computed");
    // growthMean of 8,35; 11,2; 12,4; 10,3; 10,3
    const expected = 100 * (Math.pow([8.35, 11.2, 12.4, 10.3, 10.3].reduce((p, g2) => p * (1 + g2 / 100), 1), 1 / 5) - 1);
    expect(cell?.kind === "computed" && cell.value).toBeCloseTo(expected, 9);

    // Computed shares: VON_DTXH_NHA_NUOC / VON_DTXH * 100.
    const total = row(after, "VON_DTXH");
    const state = row(after, "VON_DTXH_NHA_NUOC");
    await save(thongke, after, {
      cells: [
        { rowId: total.id, columnKey: "value:2020:HP", value: 100_000, status: "chinh-thuc", baseVersion: 0 },
        { rowId: state.id, columnKey: "value:2020:HP", value: 25_000, status: "so-bo", baseVersion: 0 },
      ],
    });
    const g3 = await svc().grid(thongke, pl2);
    expect(row(g3, "CO_CAU_VON_DTXH_NHA_NUOC").cells["value:2020:HP"]).toMatchObject({ kind: "computed", value: 25, status: "so-bo" });
    expect(row(g3, "CO_CAU_VON_DTXH_NHA_NUOC").cells["value:2021:HP"]).toMatchObject({ kind: "computed", value: null });
    expect((row(g3, "CO_CAU_VON_DTXH_NHA_NUOC").cells["value:2021:HP"] as { reason: string }).reason).toContain("Thiếu số liệu");
  });

  it("a plain batch stores every value, note and source exactly as typed", async () => {
    const g = await svc().grid(thongke, pl2);
    const total = row(g, "VON_DTXH");
    const typed = [
      { year: 2021, value: 84199.2, note: 'Theo "Niên giám" 2021 \\ bản in', source: "Cục Thống kê; số liệu sơ bộ" },
      { year: 2022, value: 0.1, note: "Dòng một\nDòng hai – ước tính", source: null },
      { year: 2023, value: 123456789.25, note: null, source: "Báo cáo số 12/BC-CTK" },
    ];
    const res = await save(thongke, g, {
      cells: typed.map((c) => ({ rowId: total.id, columnKey: `value:${c.year}:HP`, value: c.value, status: "uoc", note: c.note, source: c.source, baseVersion: 0 })),
    });
    expect(res.cells.map((c) => c.version)).toEqual([1, 1, 1]);
    // The current figure and its vintage in the history, both as typed.
    for (const table of [indicatorValues, indicatorValueHistory]) {
      const stored = await t.container.db
        .select({ period: table.period, value: table.value, note: table.note, source: table.source, status: table.status, version: table.version })
        .from(table)
        .where(eq(table.indicatorId, total.indicatorId!));
      for (const c of typed) {
        expect(stored.find((s) => s.period === String(c.year))).toEqual({ period: String(c.year), value: c.value, note: c.note, source: c.source, status: "uoc", version: 1 });
      }
    }
  });

  it("writes one audit entry per batch, listing the cells", async () => {
    const entries = () => t.container.db.select().from(auditLog).where(eq(auditLog.action, "figures.save"));
    const before = await entries();
    const g = await svc().grid(thongke, pl2);
    const codes = ["GRDP_HH", "GRDP_SS2010", "GRDP_BQ_NGUOI_SS2010"];
    await save(thongke, g, { cells: codes.map((c, i) => ({ rowId: row(g, c).id, columnKey: "value:2019:HP", value: 1000 + i, status: "chinh-thuc", baseVersion: 0 })) });
    const after = await entries();
    expect(after).toHaveLength(before.length + 1);
    const entry = after.find((e) => !before.some((b) => b.id === e.id))!;
    expect(entry.summary).toMatch(/^Lưu 3 ô số liệu — Phụ lục 2/);
    expect(entry.entityId).toBe(g.assignment!.id);
    const cells = (entry.after as { cells: Array<{ indicator: string; period: string; value: number; version: number }> }).cells;
    expect(cells.map((c) => c.indicator).sort()).toEqual([...codes].sort());
    expect(cells.every((c) => c.period === "2019" && c.version === 1)).toBe(true);
  });

  it("a stale version refuses the whole batch with both versions, and nothing of the batch is written", async () => {
    const audited = async () => (await t.container.db.select().from(auditLog).where(eq(auditLog.action, "figures.save"))).length;
    const auditedBefore = await audited();
    const g = await svc().grid(thongke, pl2);
    const growth = row(g, "GRDP_TANG_TRUONG");
    const gdp = row(g, "GRDP_HH");
    const err = await fail(
      save(thongke, g, {
        cells: [
          { rowId: gdp.id, columnKey: "value:2018:HP", value: 200_000, status: "chinh-thuc", baseVersion: 0 },
          { rowId: growth.id, columnKey: "value:2019:HP", value: 9, status: "chinh-thuc", baseVersion: 1 },
        ],
      }),
    );
    expect(err.statusCode).toBe(409);
    expect(err.code).toBe("VERSION_CONFLICT");
    const conflicts = (err.details as { conflicts: FigureConflictDto[] }).conflicts;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ rowId: growth.id, columnKey: "value:2019:HP", yours: { value: 9, baseVersion: 1 }, theirs: { value: 8.35, version: 2, byName: "Lê Thị Kê" } });
    const after = await svc().grid(thongke, pl2);
    expect(row(after, "GRDP_HH").cells["value:2018:HP"]).toMatchObject({ value: null, version: 0 });
    // Nor its audit entry.
    expect(await audited()).toBe(auditedBefore);
  });

  it("two sessions save the same cell: the second gets both versions, chooses, and no write is lost", async () => {
    const officer = await svc().grid(thongke, pl2);
    const leader = await svc().grid(thongkeLeader, pl2);
    const r = row(officer, "GRDP_SS2010");
    await save(thongke, officer, { cells: [{ rowId: r.id, columnKey: "value:2021:HP", value: 120_500, status: "so-bo", baseVersion: 0 }] });
    const err = await fail(save(thongkeLeader, leader, { cells: [{ rowId: r.id, columnKey: "value:2021:HP", value: 121_000, status: "chinh-thuc", baseVersion: 0 }] }));
    const c = (err.details as { conflicts: FigureConflictDto[] }).conflicts[0]!;
    expect(c.yours).toMatchObject({ value: 121_000, status: "chinh-thuc", baseVersion: 0 });
    expect(c.theirs).toMatchObject({ value: 120_500, status: "so-bo", version: 1, byName: "Lê Thị Kê" });
    expect(c.theirs.at).toBeTruthy();
    // The leader keeps the own value, now over the version seen in the conflict.
    const ok = await save(thongkeLeader, leader, { cells: [{ rowId: r.id, columnKey: "value:2021:HP", value: 121_000, status: "chinh-thuc", baseVersion: c.theirs.version }] });
    expect(ok.cells[0]!.version).toBe(2);
    const h = await svc().history(thongke, pl2, r.id, "value:2021:HP");
    expect(h.vintages.map((v) => [v.value, v.enteredByName])).toEqual([
      [121_000, "Vũ Đức Thống"],
      [120_500, "Lê Thị Kê"],
    ]);
  });

  it("two concurrent first saves of the same empty figure from two campaigns: one wins, the other gets the conflict", async () => {
    // Different assignments (no shared row lock): the unique index on the figure's vintage decides.
    const a = await svc().grid(thongke, pl2);
    const b = await svc().grid(thongkeLeader, ctPl1);
    const ra = row(a, "GRDP_TANG_TRUONG");
    const rb = row(b, "GRDP_TANG_TRUONG");
    const va = row(a, "VON_DTXH");
    const vb = row(b, "VON_DTXH");
    const results = await Promise.allSettled([
      save(thongke, a, { cells: [{ rowId: va.id, columnKey: "value:2018:HP", value: 81_000, status: "so-bo", baseVersion: 0 }] }),
      save(thongkeLeader, b, { cells: [{ rowId: vb.id, columnKey: "value:2018:HP", value: 82_000, status: "chinh-thuc", baseVersion: 0 }] }),
      save(thongke, a, { cells: [{ rowId: ra.id, columnKey: "value:2020:HP", value: 2.1, status: "chinh-thuc", baseVersion: (ra.cells["value:2020:HP"] as { version: number }).version }] }),
      save(thongkeLeader, b, { cells: [{ rowId: rb.id, columnKey: "value:2020:HP", value: 2.2, status: "chinh-thuc", baseVersion: (rb.cells["value:2020:HP"] as { version: number }).version }] }),
    ]);
    for (const pair of [results.slice(0, 2), results.slice(2)]) {
      expect(pair.filter((x) => x.status === "fulfilled")).toHaveLength(1);
      const err = (pair.find((x) => x.status === "rejected") as PromiseRejectedResult).reason as AppError;
      expect(err.code).toBe("VERSION_CONFLICT");
      const c = (err.details as { conflicts: FigureConflictDto[] }).conflicts[0]!;
      expect(c.yours.value).not.toBe(c.theirs.value);
      expect(c.theirs.byName).toBeTruthy();
    }
    const h = await svc().history(thongke, ctPl1, vb.id, "value:2018:HP");
    expect(h.vintages).toHaveLength(1);
  });

  it("a save that waited for another writer of the same figure gets the conflict with the other's value", async () => {
    const g = await svc().grid(thongke, pl2);
    const r = row(g, "GRDP_SS2010");
    const seen = (r.cells["value:2019:HP"] as { version: number } | undefined)?.version ?? 0;
    const first = await save(thongke, g, { cells: [{ rowId: r.id, columnKey: "value:2019:HP", value: 100_000, status: "chinh-thuc", baseVersion: seen }] });
    const base = first.cells[0]!.version;
    const key = { indicatorId: r.indicatorId!, period: "2019", area: "HP" };
    const repo = new ValuesRepository();
    const pending: { save?: Promise<unknown> } = {};
    // Another writer (another campaign's save) holds the figure while this agency saves over the version it saw.
    await t.container.db.transaction(async (tx) => {
      const [taken] = await repo.lockCurrent(tx, [key]);
      await repo.write(tx, [
        { ...key, value: 100_700, status: "chinh-thuc", note: null, source: null, sourceAgencyId: null, campaignId: ct, enteredBy: null, enteredAt: new Date(), version: taken!.version + 1 },
      ]);
      pending.save = save(thongke, g, { cells: [{ rowId: r.id, columnKey: "value:2019:HP", value: 101_000, status: "chinh-thuc", baseVersion: base }] }).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const err = (await pending.save) as AppError;
    expect(err.code).toBe("VERSION_CONFLICT");
    const c = (err.details as { conflicts: FigureConflictDto[] }).conflicts[0]!;
    expect(c.yours).toMatchObject({ value: 101_000, baseVersion: base });
    expect(c.theirs).toMatchObject({ value: 100_700, status: "chinh-thuc", version: base + 1 });
    const h = await svc().history(thongke, pl2, r.id, "value:2019:HP");
    expect(h.vintages.slice(0, 2).map((v) => v.value)).toEqual([100_700, 100_000]);
  });

  it("saving the same content again writes nothing; clearing a cell is a new vintage", async () => {
    const g = await svc().grid(thongke, pl2);
    const r = row(g, "GRDP_TANG_TRUONG");
    const cell = r.cells["value:2020:HP"] as { value: number; version: number };
    const same = await save(thongke, g, { cells: [{ rowId: r.id, columnKey: "value:2020:HP", value: cell.value, status: "chinh-thuc", baseVersion: cell.version }] });
    expect(same).toMatchObject({ cells: [], unchanged: 1 });
    const cleared = await save(thongke, g, { cells: [{ rowId: r.id, columnKey: "value:2020:HP", value: null, status: "chinh-thuc", baseVersion: cell.version }] });
    expect(cleared.cells[0]).toMatchObject({ value: null, version: cell.version + 1 });
    const back = await save(thongke, g, { cells: [{ rowId: r.id, columnKey: "value:2020:HP", value: cell.value, status: "chinh-thuc", baseVersion: cell.version + 1 }] });
    expect(back.cells[0]!.version).toBe(cell.version + 2);
  });

  it("an official figure supersedes an estimate; an estimate over an official figure needs confirmation", async () => {
    const g = await svc().grid(thongke, pl2);
    const r = row(g, "GRDP_BQ_NGUOI_HH");
    await save(thongke, g, { cells: [{ rowId: r.id, columnKey: "value:2023:HP", value: 150.1, status: "uoc", baseVersion: 0 }] });
    await save(thongke, g, { cells: [{ rowId: r.id, columnKey: "value:2023:HP", value: 151.3, status: "chinh-thuc", baseVersion: 1 }] });
    const err = await fail(save(thongke, g, { cells: [{ rowId: r.id, columnKey: "value:2023:HP", value: 152, status: "uoc", baseVersion: 2 }] }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toContain("số chính thức");
    expect(err.message).toContain("cần xác nhận");
    expect((err.details as { reason: string }).reason).toBe("OFFICIAL_OVERWRITE");
    const ok = await save(thongke, g, { cells: [{ rowId: r.id, columnKey: "value:2023:HP", value: 152, status: "uoc", baseVersion: 2 }], confirmOverOfficial: true });
    expect(ok.cells[0]).toMatchObject({ version: 3, status: "uoc" });
    const h = await svc().history(thongke, pl2, r.id, "value:2023:HP");
    expect(h.vintages.map((v) => v.status)).toEqual(["uoc", "chinh-thuc", "uoc"]);
  });

  it("a figure entered in one campaign appears in every campaign that asks for it", async () => {
    const g = await svc().grid(thongke, pl2);
    const r = row(g, "GRDP_TANG_TRUONG");
    await save(thongke, g, { cells: [{ rowId: r.id, columnKey: "value:2018:HP", value: 9.4, status: "chinh-thuc", baseVersion: 0 }] });
    const other = await svc().grid(thongke, ctPl1);
    const cell = row(other, "GRDP_TANG_TRUONG").cells["value:2018:HP"];
    expect(cell).toMatchObject({ kind: "value", value: 9.4, version: 1, editable: true });
    expect(cell?.kind === "value" && cell.campaignName).toContain("45-NQ/TW");
    // Edited from the other campaign: the same cell, a new vintage.
    await svc().save(thongke, other.assignment!.id, { cells: [{ rowId: row(other, "GRDP_TANG_TRUONG").id, columnKey: "value:2018:HP", value: 9.41, status: "chinh-thuc", baseVersion: 1 }], texts: [] });
    const back = await svc().grid(thongke, pl2);
    expect(row(back, "GRDP_TANG_TRUONG").cells["value:2018:HP"]).toMatchObject({ value: 9.41, version: 2 });
    const h = indicatorValueHistory;
    const stored = await t.container.db.select().from(h).where(and(eq(h.indicatorId, r.indicatorId!), eq(h.period, "2018")));
    expect(stored.map((v) => [v.version, v.value]).sort()).toEqual([
      [1, 9.4],
      [2, 9.41],
    ]);
  });

  it("only input columns of the agency's own rows are writable", async () => {
    const g = await svc().grid(thongke, pl2);
    const growth = row(g, "GRDP_TANG_TRUONG");
    const computedPeriod = await fail(save(thongke, g, { cells: [{ rowId: growth.id, columnKey: "value:2019-2023:HP", value: 10, status: "chinh-thuc", baseVersion: 0 }] }));
    expect(computedPeriod.statusCode).toBe(400);
    expect(computedPeriod.message).toContain("do hệ thống tính");
    const share = row(g, "CO_CAU_VON_DTXH_NHA_NUOC");
    const formula = await fail(save(thongke, g, { cells: [{ rowId: share.id, columnKey: "value:2019:HP", value: 10, status: "chinh-thuc", baseVersion: 0 }] }));
    expect(formula.message).toContain("công thức");
    const whole = await svc().grid(tonghop, pl2);
    const budget = row(whole, "TONG_THU_NGAN_SACH");
    const notOwn = await fail(save(thongke, g, { cells: [{ rowId: budget.id, columnKey: "value:2019:HP", value: 10, status: "chinh-thuc", baseVersion: 0 }] }));
    expect(notOwn.statusCode).toBe(403);
    expect(notOwn.message).toContain("không thuộc phần việc của đơn vị");
    // An input period column of another area is writable.
    const vn = await save(thongke, g, { cells: [{ rowId: growth.id, columnKey: "value:2019-2023:VN", value: 5.84, status: "chinh-thuc", baseVersion: 0 }] });
    expect(vn.cells[0]!.version).toBe(1);
  });

  it("coordinators and viewers read every row but never write agency figures", async () => {
    const whole = await svc().grid(tonghop, pl2);
    expect(whole.agency).toBeNull();
    expect(whole.rows.length).toBeGreaterThan(150);
    expect(whole.agencies.length).toBeGreaterThan(5);
    expect(row(whole, "GRDP_TANG_TRUONG").cells["value:2019:HP"]).toMatchObject({ kind: "value", editable: false });
    const ctk = whole.agencies.find((a) => a.name.includes("Thống kê"))!;
    const one = await svc().grid(tonghop, pl2, ctk.id);
    expect(one.rows.some((r) => r.indicatorCode === "TONG_THU_NGAN_SACH")).toBe(false);
    const asViewer = await svc().grid(xem, pl2);
    expect(asViewer.assignment).toBeNull();
    const g = await svc().grid(thongke, pl2);
    const r = row(g, "GRDP_HH");
    for (const ctx of [tonghop, xem, giaothong]) {
      const err = await fail(svc().save(ctx, g.assignment!.id, { cells: [{ rowId: r.id, columnKey: "value:2022:HP", value: 1, status: "uoc", baseVersion: 0 }], texts: [] }));
      expect(err.statusCode).toBe(403);
    }
    const other = await fail(svc().grid(giaothong, pl2, ctk.id));
    expect(other.statusCode).toBe(403);
  });

  it("a sent assignment is locked until the coordinator returns it", async () => {
    const g = await svc().grid(thongke, pl2);
    await t.container.db.update(assignments).set({ state: "sent" }).where(eq(assignments.id, g.assignment!.id));
    try {
      const locked = await svc().grid(thongke, pl2);
      expect(locked.assignment?.editable).toBe(false);
      expect(locked.assignment?.readOnlyReason).toContain("khoá");
      const r = row(locked, "GRDP_HH");
      expect(r.cells["value:2022:HP"]).toMatchObject({ editable: false });
      const err = await fail(save(thongke, locked, { cells: [{ rowId: r.id, columnKey: "value:2022:HP", value: 1, status: "uoc", baseVersion: 0 }] }));
      expect(err.statusCode).toBe(403);
    } finally {
      await t.container.db.update(assignments).set({ state: "draft" }).where(eq(assignments.id, g.assignment!.id));
    }
  });

  it("a send that commits while a save is on its way: the save is refused and nothing of it is written", async () => {
    const g = await svc().grid(thongke, pl2);
    const r = row(g, "GRDP_HH");
    const cell = r.cells["value:2023:HP"] as { version: number } | undefined;
    const figures = async () => {
      const h = indicatorValueHistory;
      const current = await t.container.db.select().from(indicatorValues).where(and(eq(indicatorValues.indicatorId, r.indicatorId!), eq(indicatorValues.period, "2023")));
      const history = await t.container.db.select().from(h).where(and(eq(h.indicatorId, r.indicatorId!), eq(h.period, "2023")));
      return { current, history };
    };
    const before = await figures();
    const pending: { save?: Promise<unknown> } = {};
    try {
      // The send holds the assignment while the save reads (on PostgreSQL the save's checks still see the draft and its
      // write waits for the lock; on PGlite the save runs after the send); the save must not land in a sent assignment.
      await t.container.db.transaction(async (tx) => {
        await tx.update(assignments).set({ state: "submitted" }).where(eq(assignments.id, g.assignment!.id));
        pending.save = save(thongke, g, { cells: [{ rowId: r.id, columnKey: "value:2023:HP", value: 5, status: "uoc", baseVersion: cell?.version ?? 0 }] }).catch((e: unknown) => e);
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      const err = (await pending.save) as AppError;
      expect(err.statusCode).toBe(403);
      expect(err.message).toContain("trình lãnh đạo");
      expect(await figures()).toEqual(before);
    } finally {
      await t.container.db.update(assignments).set({ state: "draft" }).where(eq(assignments.id, g.assignment!.id));
    }
  });

  it("validation rules and outliers appear beside the row", async () => {
    const g = await svc().grid(thongke, pl2);
    const codes = ["TY_TRONG_GRDP_NLTS", "TY_TRONG_GRDP_CN_XD", "TY_TRONG_GRDP_DV", "TY_TRONG_GRDP_THUE_SP"];
    const shares = [10, 40, 30, 10];
    await save(thongke, g, { cells: codes.map((c, i) => ({ rowId: row(g, c).id, columnKey: "value:2021:HP", value: shares[i]!, status: "chinh-thuc", baseVersion: 0 })) });
    const after = await svc().grid(thongke, pl2);
    const issues = row(after, "TY_TRONG_GRDP_NLTS").issues;
    expect(issues.some((i) => i.severity === "error" && i.year === 2021 && i.message.startsWith("Cơ cấu ngành kinh tế"))).toBe(true);
    expect(issues[0]!.columnKeys).toEqual(["value:2021:HP"]);
    expect(after.summary.errors).toBeGreaterThan(0);
  });

  it("proposal text cells are target texts checked with the target grammar", async () => {
    const g = await svc().grid(thongke, ctPl1);
    const r = row(g, "GRDP_TANG_TRUONG");
    expect(r.cells["proposal:2021-2025"]).toMatchObject({ kind: "text", editable: true, version: 0 });
    const bad = await fail(svc().save(thongke, g.assignment!.id, { cells: [], texts: [{ rowId: r.id, columnKey: "proposal:2021-2025", text: "khoảng mười phần trăm", baseVersion: 0 }] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.message).toContain("không phải mục tiêu hợp lệ");
    const ok = await svc().save(thongke, g.assignment!.id, { cells: [], texts: [{ rowId: r.id, columnKey: "proposal:2021-2025", text: "8,5-9%/năm", baseVersion: 0 }] });
    expect(ok.texts[0]).toMatchObject({ text: "8,5-9%/năm", version: 1 });
    const stale = await fail(svc().save(thongke, g.assignment!.id, { cells: [], texts: [{ rowId: r.id, columnKey: "proposal:2021-2025", text: "9%/năm", baseVersion: 0 }] }));
    expect(stale.code).toBe("VERSION_CONFLICT");
    expect((stale.details as { conflicts: FigureConflictDto[] }).conflicts[0]).toMatchObject({ kind: "text", theirs: { text: "8,5-9%/năm", version: 1 } });
  });

  it("an agency adds its own rows under an open group, enters figures, edits and deletes them; others cannot", async () => {
    const g = await svc().grid(giaothong, ctPl1);
    const open = g.rows.find((r) => r.openForAgencies && r.canAddChild)!;
    expect(open).toBeTruthy();
    const added = await svc().addRow(giaothong, g.assignment!.id, { parentRowId: open.id, name: "Sản lượng hàng hóa qua cảng container", unit: "Triệu TEU", aggregation: "last", direction: "higher", decimals: 2, target: "2,5" });
    const dup = await fail(svc().addRow(giaothong, g.assignment!.id, { parentRowId: open.id, name: "Sản lượng hàng hóa qua cảng CONTAINER", unit: "Triệu TEU", aggregation: "last", direction: "higher", decimals: 2 }));
    expect(dup.statusCode).toBe(409);
    const g2 = await svc().grid(giaothong, ctPl1);
    const mine = g2.rows.find((r) => r.id === added.rowId)!;
    expect(mine).toMatchObject({ own: true, canEditRow: true, addedByAgency: { id: g.agency!.id }, target: "2,5" });
    await svc().save(giaothong, g2.assignment!.id, { cells: [{ rowId: mine.id, columnKey: "value:2020:HP", value: 1.45, status: "uoc", baseVersion: 0 }], texts: [] });
    const g3 = await svc().grid(giaothong, ctPl1);
    expect(g3.rows.find((r) => r.id === added.rowId)!.cells["evaluation:2016-2020"]).toMatchObject({ kind: "evaluation", verdict: "khong-dat", value: 1.45 });

    // Another agency sharing the open group neither sees nor writes it.
    const other = await svc().grid(congthuong, ctPl1);
    expect(other.rows.some((r) => r.id === added.rowId)).toBe(false);
    const err = await fail(svc().save(congthuong, other.assignment!.id, { cells: [{ rowId: added.rowId, columnKey: "value:2019:HP", value: 1, status: "uoc", baseVersion: 0 }], texts: [] }));
    expect(err.statusCode).toBe(403);
    const steal = await fail(svc().updateRow(congthuong, other.assignment!.id, added.rowId, { version: 1, name: "X", unit: "x", aggregation: "last", direction: "higher", decimals: 0 }));
    expect(steal.statusCode).toBe(403);

    const upd = await svc().updateRow(giaothong, g.assignment!.id, added.rowId, { version: 1, name: "Hàng container qua cảng", unit: "Triệu TEU", aggregation: "last", direction: "higher", decimals: 2, target: "2,5" });
    expect(upd.version).toBe(2);
    const stale = await fail(svc().updateRow(giaothong, g.assignment!.id, added.rowId, { version: 1, name: "Khác", unit: "Triệu TEU", aggregation: "last", direction: "higher", decimals: 2 }));
    expect(stale.code).toBe("VERSION_CONFLICT");
    await svc().deleteRow(giaothong, g.assignment!.id, added.rowId, 2);
    const g4 = await svc().grid(giaothong, ctPl1);
    expect(g4.rows.some((r) => r.id === added.rowId)).toBe(false);
    // The figure entered for the row keeps its history (and its catalogue entry); the audit entry counts it.
    const kept = await t.container.db.select().from(indicatorValueHistory).where(eq(indicatorValueHistory.indicatorId, mine.indicatorId!));
    expect(kept.map((v) => [v.period, v.value, v.version])).toEqual([["2020", 1.45, 1]]);
    const [entry] = await t.container.db.select().from(auditLog).where(and(eq(auditLog.action, "figures.row.delete"), eq(auditLog.entityId, added.rowId)));
    expect(entry?.before).toMatchObject({ figures: 1 });
  });
});
