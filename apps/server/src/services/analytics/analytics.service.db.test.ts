import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FigureStatus, IndicatorAnalysisDto, IndicatorDashboardDto } from "@tonghop/contracts";
import { appendixRows, assignmentEvents, assignments, indicators } from "../../db/schema/index.js";
import { ValuesRepository } from "../values/values.repository.js";
import { fillCampaign } from "../../demo/fill-campaign.js";
import { importSeedCampaign, userContext } from "../../test/campaign-fixtures.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";

const NOW = new Date("2024-06-20T03:00:00Z");

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("analytics: indicator dashboards and operations of the two filled seed campaigns", () => {
  let t: TestContext;
  let cv: string;
  let ct: string;

  /** Sets the current figure of an indicator (a new vintage, as the workspace does). */
  const setValue = async (code: string, period: string, area: string, value: number | null, status = "chinh-thuc") => {
    const db = t.container.db;
    const [ind] = await db.select().from(indicators).where(eq(indicators.code, code));
    if (!ind) throw new Error(`không có chỉ tiêu ${code}`);
    const repo = new ValuesRepository();
    const key = { indicatorId: ind.id, period, area };
    await db.transaction(async (tx) => {
      const [cur] = await repo.lockCurrent(tx, [key]);
      const vintage = { ...key, value, status: status as FigureStatus, note: null, source: null, sourceAgencyId: null, campaignId: null, enteredBy: null };
      await repo.write(tx, [{ ...vintage, enteredAt: new Date(), version: (cur?.version ?? 0) + 1 }]);
    });
  };
  const setYears = async (code: string, from: number, values: Array<number | null>, status = "chinh-thuc") => {
    for (const [i, v] of values.entries()) await setValue(code, String(from + i), "HP", v, status);
  };
  const byCode = (d: IndicatorDashboardDto, code: string): IndicatorAnalysisDto => {
    const found = d.indicators.find((i) => i.indicatorCode === code);
    if (!found) throw new Error(`không có dòng ${code}`);
    return found;
  };

  beforeAll(async () => {
    t = await createTestContext();
    cv = (await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { publish: true })).campaignId;
    ct = (await importSeedCampaign(t.container, "ct15-2020-ke-hoach-5-nam", { publish: true })).campaignId;
    await fillCampaign(t.container, cv, { seed: 11, now: NOW });
    await fillCampaign(t.container, ct, { seed: 12, now: new Date("2020-07-20T03:00:00Z") });
  }, 240_000);
  afterAll(async () => t.close());

  it("CV2830 (no targets): every indicator row, series per area, periods, change since 2018, Hải Phòng vs the others", async () => {
    const ctx = await userContext(t.container, "tonghop", NOW);
    const d = await t.container.services.analytics.indicators(ctx, cv);
    const rows = await t.container.db.select().from(appendixRows).where(eq(appendixRows.campaignId, cv));
    expect(d.indicators.filter((i) => i.kind === "indicator")).toHaveLength(rows.filter((r) => r.indicatorId).length);
    expect(d.hasTargets).toBe(false);
    expect(d.baseYear).toBe(2018);
    expect(d.lastYear).toBe(2023);
    expect(d.totals.verdicts.none).toBe(d.indicators.length);
    expect(d.areas.map((a) => a.code)).toEqual(["HP", "VN", "DBSH"]);

    const growth = byCode(d, "GRDP_TANG_TRUONG");
    expect(growth.groupName).toBe("I. KINH TẾ");
    expect(growth.leadAgencies.map((a) => a.name)).toEqual(["Cục Thống kê thành phố Hải Phòng"]);
    expect(growth.series.map((s) => s.area)).toEqual(["HP"]);
    expect(growth.series[0]!.points.map((p) => p.year)).toEqual([2018, 2019, 2020, 2021, 2022, 2023]);
    expect(growth.periods.map((p) => `${p.period}:${p.area}:${p.computed}`)).toEqual(["2014-2018:HP:false", "2019-2023:HP:true", "2019-2023:VN:false", "2019-2023:DBSH:false"]);
    expect(growth.verdict).toBeNull();
    expect(growth.aggregation).toBe("growthMean");

    // Known figures: the computed period is the geometric mean of the years; the change since 2018 and the
    // comparison with the nation and the region are judged in the indicator's direction.
    await setYears("GRDP_TANG_TRUONG", 2018, [9, 10, 8, 12, 10, 11]);
    await setValue("GRDP_TANG_TRUONG", "2019-2023", "VN", 6.5);
    await setValue("GRDP_TANG_TRUONG", "2019-2023", "DBSH", 12.5);
    const d2 = await t.container.services.analytics.indicators(ctx, cv);
    const g2 = byCode(d2, "GRDP_TANG_TRUONG");
    const geo = (Math.pow(1.1 * 1.08 * 1.12 * 1.1 * 1.11, 1 / 5) - 1) * 100;
    expect(g2.periods.find((p) => p.period === "2019-2023" && p.area === "HP")!.value).toBeCloseTo(geo, 10);
    expect(g2.trend).toMatchObject({ fromYear: 2018, toYear: 2023, from: 9, to: 11, change: 2, assessment: "better" });
    expect(g2.versus!.period).toBe("2019-2023");
    expect(g2.versus!.others.map((o) => `${o.area}:${o.assessment}`)).toEqual(["VN:better", "DBSH:worse"]);
    expect(g2.status).toBe("chinh-thuc");

    // Structure: the four shares of "Cơ cấu ngành kinh tế" (a sum rule of 100) over the years, the periods and the areas.
    await setValue("TY_TRONG_GRDP_NLTS", "2018", "HP", 9.5);
    await setValue("TY_TRONG_GRDP_CN_XD", "2018", "HP", 46.5);
    await setValue("TY_TRONG_GRDP_DV", "2018", "HP", 34);
    await setValue("TY_TRONG_GRDP_THUE_SP", "2018", "HP", 10);
    await setValue("TY_TRONG_GRDP_DV", "2019-2023", "VN", 42.1);
    const d3 = await t.container.services.analytics.indicators(ctx, cv);
    const structure = d3.structures.find((s) => s.components.some((c) => c.indicatorCode === "TY_TRONG_GRDP_DV"))!;
    expect(structure.source).toBe("sum");
    expect(structure.name).toBe("4. Cơ cấu ngành kinh tế");
    expect(structure.components.map((c) => c.indicatorCode)).toEqual(["TY_TRONG_GRDP_NLTS", "TY_TRONG_GRDP_CN_XD", "TY_TRONG_GRDP_DV", "TY_TRONG_GRDP_THUE_SP"]);
    expect(structure.categories).toEqual(["2018", "2019", "2020", "2021", "2022", "2023", "Giai đoạn 2014-2018", "Giai đoạn 2019-2023", "Cả nước (2019-2023)", "Vùng đồng bằng sông Hồng (2019-2023)"]);
    expect(structure.components.map((c) => c.values[0]!.value)).toEqual([9.5, 46.5, 34, 10]);
    expect(structure.components[2]!.values.find((v) => v.category === "Cả nước (2019-2023)")!.value).toBe(42.1);
    // The computed 2019-2023 share of a "last" indicator is the 2023 share.
    const dv = structure.components[2]!;
    expect(dv.values.find((v) => v.category === "Giai đoạn 2019-2023")!.value).toBe(dv.values.find((v) => v.category === "2023")!.value);
    expect(d3.structures.map((s) => s.name)).toEqual(expect.arrayContaining(["5. Tổng số vốn đầu tư toàn xã hội — Cơ cấu", "2. Lao động — Cơ cấu lao động"]));

    // Group overview: counts per group add up to the indicators of the group.
    for (const g of d3.overview) {
      const items = d3.indicators.filter((i) => i.groupId === g.groupId);
      expect(g.indicators).toBe(items.length);
      expect(g.trend.better + g.trend.same + g.trend.worse + g.trend.na).toBe(items.filter((i) => i.kind === "indicator").length);
      expect(g.trend.better).toBe(items.filter((i) => i.trend?.assessment === "better").length);
    }
    expect(d3.overview.map((g) => g.groupName)).toContain("V. CẢI CÁCH HÀNH CHÍNH");
  });

  it("CT15 (targets): each row judged against its 2016-2020 target the right way, overview counts per group", async () => {
    const ctx = await userContext(t.container, "xem", NOW);
    // Known figures for a few rows.
    await setYears("GRDP_TANG_TRUONG", 2016, [10, 11, 12, 13, 14]); // geometric mean ≈ 11,99 > 10,5 → Vượt
    await setYears("XUAT_KHAU_TY_USD", 2016, [8, 9, 10, 11, 15]); // last year 15 within 12-17 → Đạt
    await setYears("TY_LE_THAT_NGHIEP_THANH_THI", 2016, [4.5, 4.3, 4.2, 4.1, 4.0]); // "<4": 4,0 is not below 4 → Không đạt
    await setYears("HANG_HOA_QUA_CANG", 2016, [90, 95, 100, 105, null]); // 2020 missing → Chưa đủ số liệu
    await setYears("VIEC_LAM_DUOC_GIAI_QUYET", 2016, [53_000, 54_000, 55_000, 56_000, 57_000], "uoc"); // mean 55.000 ≥ 52.000/năm → Vượt
    await setYears("CO_CAU_KINH_TE_NLTS", 2016, [7, 6.5, 6, 5.6, 5.0]); // lower is better: 5,0 < 5,3 → Vượt
    const d = await t.container.services.analytics.indicators(ctx, ct);
    expect(d.hasTargets).toBe(true);

    const growth = byCode(d, "GRDP_TANG_TRUONG");
    expect(growth.target).toMatchObject({ period: "2016-2020", text: "10,5%/năm", comparator: "=", value: 10.5, perYear: true });
    expect(growth.evaluation).toMatchObject({ verdict: "vuot", label: "Vượt" });
    expect(growth.evaluation!.value).toBeCloseTo(11.99, 2);
    expect(growth.groupName).toBe("I. Chỉ tiêu kinh tế");

    const exportRow = byCode(d, "XUAT_KHAU_TY_USD");
    expect(exportRow.target).toMatchObject({ comparator: "range", min: 12, max: 17 });
    expect(exportRow.verdict).toBe("dat");
    expect(exportRow.aggregation).toBe("last");

    const unemployment = byCode(d, "TY_LE_THAT_NGHIEP_THANH_THI");
    expect(unemployment.target!.comparator).toBe("<");
    expect(unemployment.verdict).toBe("khong-dat");
    expect(unemployment.trend!.assessment).toBe(unemployment.direction === "lower" ? "better" : "worse");

    const port = byCode(d, "HANG_HOA_QUA_CANG");
    expect(port.verdict).toBe("thieu-so-lieu");
    expect(port.evaluation!.missingYears).toEqual([2020]);

    const jobs = byCode(d, "VIEC_LAM_DUOC_GIAI_QUYET");
    expect(jobs.verdict).toBe("vuot");
    expect(jobs.status).toBe("uoc");
    expect(jobs.evaluation!.value).toBe(55_000);

    const agriculture = byCode(d, "CO_CAU_KINH_TE_NLTS");
    expect(agriculture.direction).toBe("lower");
    expect(agriculture.verdict).toBe("vuot");

    // The economic structure (sum rule) with the targets 57 - 37,7 - 5,3 as its last bar.
    const s = d.structures.find((x) => x.components.some((c) => c.indicatorCode === "CO_CAU_KINH_TE_DV"))!;
    expect(s.categories).toEqual(["2016", "2017", "2018", "2019", "2020", "Giai đoạn 2016-2020", "Mục tiêu 2016-2020"]);
    expect(s.components.map((c) => c.target)).toEqual([57, 37.7, 5.3]);

    // Overview: per group the verdict counts are exactly the verdicts of the group's rows.
    let sum = 0;
    for (const g of d.overview) {
      const items = d.indicators.filter((i) => i.groupId === g.groupId);
      for (const v of ["vuot", "dat", "khong-dat", "thieu-so-lieu"] as const) expect(g.verdicts[v]).toBe(items.filter((i) => i.verdict === v).length);
      expect(g.verdicts.none).toBe(items.filter((i) => i.verdict === null).length);
      sum += g.indicators;
    }
    expect(sum).toBe(d.indicators.length);
    expect(d.overview.map((g) => g.groupName)).toEqual(["I. Chỉ tiêu kinh tế", "II. Chỉ tiêu xã hội", "III. Chỉ tiêu môi trường"]);
    expect(d.totals.verdicts.vuot).toBeGreaterThanOrEqual(3);

    // Filters: verdict, group and agency.
    const onlyMissed = await t.container.services.analytics.indicators(ctx, ct, { verdict: "khong-dat" });
    expect(onlyMissed.indicators.length).toBe(d.totals.verdicts["khong-dat"]);
    expect(onlyMissed.indicators.every((i) => i.verdict === "khong-dat")).toBe(true);
    const social = d.overview[1]!;
    const socialOnly = await t.container.services.analytics.indicators(ctx, ct, { group: social.groupId! });
    expect(socialOnly.indicators.every((i) => i.groupId === social.groupId)).toBe(true);
    expect(socialOnly.overview).toHaveLength(1);
    const industry = (await t.container.services.agencies.directory()).resolve("Sở Công Thương", "2020-06-06");
    const mine = await t.container.services.analytics.indicators(ctx, ct, { agency: industry!.id });
    expect(mine.indicators.map((i) => i.indicatorCode).sort()).toEqual(
      d.indicators.filter((i) => i.agencyIds.includes(industry!.id)).map((i) => i.indicatorCode).sort(),
    );
    expect(mine.indicators.map((i) => i.indicatorCode)).toEqual(expect.arrayContaining(["IIP_TANG_TRUONG", "XUAT_KHAU_TY_USD"]));
  });

  it("operations: the day series, the ranking and the slowest work agree with the assignments and their events", async () => {
    const ctx = await userContext(t.container, "tonghop", NOW);
    const ops = await t.container.services.analytics.operations(ctx, cv);
    const asg = await t.container.db.select().from(assignments).where(eq(assignments.campaignId, cv));
    const events = await t.container.db.select().from(assignmentEvents).where(eq(assignmentEvents.campaignId, cv));
    expect(events.length).toBeGreaterThan(0);
    expect(ops.totals.assignments).toBe(asg.length);
    expect(ops.totals.sent).toBe(asg.filter((a) => a.state === "sent" || a.state === "accepted").length);
    expect(ops.totals.accepted).toBe(asg.filter((a) => a.state === "accepted").length);
    // The last day is today (the campaign's deadlines are past): its shares are the current states.
    const last = ops.days[ops.days.length - 1]!;
    expect(last.sent).toBeCloseTo(ops.totals.sent / asg.length, 10);
    expect(last.accepted).toBeCloseTo(ops.totals.accepted / asg.length, 10);
    // Shares never decrease without a return, and accepted ≤ sent every day.
    for (const day of ops.days) expect(day.accepted).toBeLessThanOrEqual(day.sent + 1e-12);
    expect(ops.milestones.map((m) => m.code)).toContain("M1");
    // Ranking: every agency once, counts add up.
    expect(new Set(ops.agencies.map((a) => a.agencyId)).size).toBe(ops.agencies.length);
    expect(ops.agencies.reduce((s, a) => s + a.total, 0)).toBe(asg.length);
    expect(ops.agencies.reduce((s, a) => s + a.sent, 0)).toBe(ops.totals.sent);
    for (let i = 1; i < ops.agencies.length; i++) expect(ops.agencies[i - 1]!.completion).toBeGreaterThanOrEqual(ops.agencies[i]!.completion);
    // Slowest: sorted by lateness, each really late against its due date.
    expect(ops.slowest.length).toBeGreaterThan(0);
    for (let i = 1; i < ops.slowest.length; i++) expect(ops.slowest[i - 1]!.daysLate).toBeGreaterThanOrEqual(ops.slowest[i]!.daysLate);
    for (const s of ops.slowest) {
      const a = asg.find((x) => x.id === s.assignmentId)!;
      const due = a.dueOverride ?? a.dueDate!;
      if (s.sentAt) expect(s.sentAt > due).toBe(true);
      else expect(ops.today > due).toBe(true);
    }
  });

  it("access: the viewer and taking part agencies read; another agency and drafts are refused", async () => {
    const svc = t.container.services.analytics;
    await expect(svc.indicators(await userContext(t.container, "xem", NOW), cv)).resolves.toBeDefined();
    await expect(svc.operations(await userContext(t.container, "giaothong", NOW), cv)).resolves.toBeDefined();
    const list = await svc.listCampaigns(await userContext(t.container, "xem", NOW));
    expect(list.map((c) => c.id).sort()).toEqual([cv, ct].sort());
    const draft = (await importSeedCampaign(t.container, "ct15-2020-ke-hoach-5-nam", { code: "ct15-ban-nhap" })).campaignId;
    await expect(svc.indicators(await userContext(t.container, "xem", NOW), draft)).rejects.toMatchObject({ statusCode: 403 });
    await expect(svc.indicators(await userContext(t.container, "tonghop", NOW), draft)).resolves.toBeDefined();
    expect((await svc.listCampaigns(await userContext(t.container, "xem", NOW))).map((c) => c.id)).not.toContain(draft);
  });
});
