import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignmentEvents, assignments, auditLog, indicatorValues, recordRows, sections, sectionVersions } from "../db/schema/index.js";
import { createTestContext, type TestContext } from "../test/test-app.js";
import { sanitizeSectionHtml, sectionText } from "../services/workspace/html-sanitize.js";
import { fillCampaign } from "./fill-campaign.js";
import { createSmallCampaign, type SmallCampaign } from "./small-campaign.fixture.js";

const NOW = new Date("2024-05-20T03:00:00Z");

async function snapshot(t: TestContext, campaignId: string) {
  const db = t.container.db;
  const secs = await db.select().from(sections).where(eq(sections.campaignId, campaignId));
  const vals = await db.select().from(indicatorValues).where(eq(indicatorValues.campaignId, campaignId));
  const recs = await db.select().from(recordRows).where(eq(recordRows.campaignId, campaignId));
  const asg = await db.select().from(assignments).where(eq(assignments.campaignId, campaignId));
  return { secs, vals, recs, asg };
}

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("demo filler", () => {
  let t: TestContext;
  let c: SmallCampaign;

  beforeAll(async () => {
    t = await createTestContext();
    c = await createSmallCampaign(t.container);
  });
  afterAll(async () => t.close());

  it("fills every assignment: sections with versions, figures, records, accepted states with events", async () => {
    const result = await fillCampaign(t.container, c.campaignId, { seed: 7, accept: true, now: NOW });
    expect(result.assignments).toBe(6);
    expect(result.filled).toBe(6);
    expect(result.states).toEqual({ accepted: 6 });
    const { secs, vals, recs, asg } = await snapshot(t, c.campaignId);

    // Outline: the statistics office writes the leaves 1 and 2 under its item I (not I itself); item II has the
    // lead and the cooperating agency.
    const where = (item: string) => secs.filter((s) => s.outlineItemId === item).map((s) => s.agencyId).sort();
    expect(where(c.items.item1)).toEqual([c.agencies.statistics]);
    expect(where(c.items.item2)).toEqual([c.agencies.statistics]);
    expect(where(c.items.itemI)).toEqual([]);
    expect(where(c.items.itemII)).toEqual([c.agencies.finance, c.agencies.transport].sort());
    // The item nobody is assigned: the coordinator's own text, outside any assignment.
    expect(where(c.items.itemCoordinator)).toEqual([c.agencies.coordinator]);
    expect(secs.find((s) => s.outlineItemId === c.items.itemCoordinator)!.assignmentId).toBeNull();
    for (const s of secs) {
      expect(s.html).toMatch(/^<p>/);
      expect(s.wordCount).toBeGreaterThanOrEqual(40);
      // As the section editor stores it: sanitised HTML with its derived text and word count.
      expect(sanitizeSectionHtml(s.html)).toBe(s.html);
      expect(sectionText(s.html)).toMatchObject({ text: s.text, wordCount: s.wordCount });
      expect(s.version).toBe(1);
      if (s.agencyId !== c.agencies.coordinator) expect(s.assignmentId).not.toBeNull();
    }
    // The guidance enumerating kinds of capital becomes a list.
    expect(secs.find((s) => s.outlineItemId === c.items.item2)!.html).toContain("<li>Về vốn ngân sách nhà nước:");
    const versions = await t.container.db.select().from(sectionVersions);
    expect(versions.filter((v) => secs.some((s) => s.id === v.sectionId))).toHaveLength(secs.length);
    // About the page budget (6 pages × 90 %), lead first.
    expect(result.words).toBeGreaterThan(1500);
    expect(result.words).toBeLessThan(3500);

    // Figures: five years and the two period columns that are input (2014-2018 HP, 2019-2023 VN); the computed
    // HP 2019-2023 column is not stored. Last year is an estimate.
    const of = (row: "growth" | "investment" | "investmentState" | "investmentPrivate" | "structureA" | "structureB") => {
      const code = { growth: "GRDP_TT", investment: "VON", investmentState: "VON_NN", investmentPrivate: "VON_NGOAI", structureA: "CC_A", structureB: "CC_B" }[row];
      return vals.filter((v) => v.indicatorId === indicatorIdOf(code));
    };
    const codes = new Map<string, string>();
    const indicatorIdOf = (suffix: string) => codes.get(suffix)!;
    const { indicators } = await import("../db/schema/index.js");
    for (const i of await t.container.db.select().from(indicators)) {
      const m = /_(GRDP_TT|VON|VON_NN|VON_NGOAI|CC_A|CC_B)$/.exec(i.code);
      if (m && i.code.startsWith("NHO_2024")) codes.set(m[1]!, i.id);
    }
    const growth = of("growth");
    expect(growth.map((v) => `${v.period}:${v.area}`).sort()).toEqual(["2014-2018:HP", "2019-2023:VN", "2019:HP", "2020:HP", "2021:HP", "2022:HP", "2023:HP"]);
    for (const v of growth) {
      expect(v.status).toBe(v.period === "2023" || v.period === "2019-2023" ? "uoc" : "chinh-thuc");
      expect(v.sourceAgencyId).toBe(c.agencies.statistics);
      expect(v.value).toBeGreaterThan(0);
      expect(v.value).toBeLessThan(25);
    }
    // Parts sum to their parent, shares under "Cơ cấu" to 100, year by year.
    for (const year of ["2019", "2020", "2021", "2022", "2023"]) {
      const at = (vs: typeof vals) => vs.find((v) => v.period === year && v.area === "HP")!.value!;
      expect(at(of("investmentState")) + at(of("investmentPrivate"))).toBeCloseTo(at(of("investment")), -1);
      expect(at(of("structureA")) + at(of("structureB"))).toBeCloseTo(100, 0);
    }
    // Investment is a flow (sum): the 2014-2018 value is a five-year sum, larger than any single year.
    const inv = of("investment");
    expect(inv.find((v) => v.period === "2014-2018")!.value!).toBeGreaterThan(3 * inv.find((v) => v.period === "2019")!.value!);

    // Records: the finance department's pre-filled row gets its assessment; the transport department adds rows.
    const finance = recs.filter((r) => r.agencyId === c.agencies.finance);
    expect(finance).toHaveLength(1);
    expect(finance[0]!.values.ten).toBe("Cầu Nguyễn Trãi");
    expect(String(finance[0]!.values.danh_gia)).toMatch(/^Cầu Nguyễn Trãi: /);
    const transport = recs.filter((r) => r.agencyId === c.agencies.transport);
    expect(transport.length).toBeGreaterThanOrEqual(1);
    for (const r of transport) {
      expect(String(r.values.van_ban)).toMatch(/^(Kế hoạch|Chương trình|Quyết định|Nghị quyết|Chỉ thị) số \d+\/[A-ZĐa-z]+-/u);
      expect(String(r.values.ngay)).toMatch(/^20(19|2[0-3])-\d\d-\d\d$/);
    }

    // Workflow: submit → send → accept, with events in order and timestamps before `now`.
    for (const a of asg) {
      expect(a.state).toBe("accepted");
      expect(a.acceptedAt!.getTime()).toBeLessThan(NOW.getTime());
      const ev = await t.container.db.select().from(assignmentEvents).where(eq(assignmentEvents.assignmentId, a.id));
      expect(ev.sort((x, y) => x.at.getTime() - y.at.getTime()).map((e) => e.action)).toEqual(["submit", "send", "accept"]);
    }
    const audit = await t.container.db.select().from(auditLog).where(and(eq(auditLog.action, "demo.fill"), eq(auditLog.entityId, c.campaignId)));
    expect(audit).toHaveLength(1);
  });

  it("never overwrites: a second run adds nothing", async () => {
    const before = await snapshot(t, c.campaignId);
    const again = await fillCampaign(t.container, c.campaignId, { seed: 8, accept: true, now: NOW });
    expect(again.sections).toBe(0);
    expect(again.values).toBe(0);
    expect(again.recordRows).toBe(0);
    const after = await snapshot(t, c.campaignId);
    expect(after.secs.map((s) => s.html).sort()).toEqual(before.secs.map((s) => s.html).sort());
    expect(after.vals).toHaveLength(before.vals.length);
  });

  it("is deterministic by seed (a fresh database gives the same content) and fills only a fraction when asked", async () => {
    const other = await createTestContext();
    try {
      const a = await createSmallCampaign(other.container);
      const ra = await fillCampaign(other.container, a.campaignId, { seed: 7, accept: true, now: NOW });
      const first = await snapshot(t, c.campaignId);
      const second = await snapshot(other, a.campaignId);
      expect(ra.words).toBeGreaterThan(0);
      expect(second.secs.map((x) => x.html).sort()).toEqual(first.secs.map((x) => x.html).sort());
      expect(second.vals.map((v) => `${v.period}:${v.area}:${v.value}:${v.status}`).sort()).toEqual(first.vals.map((v) => `${v.period}:${v.area}:${v.value}:${v.status}`).sort());
      expect(second.recs.map((r) => JSON.stringify(r.values)).sort()).toEqual(first.recs.map((r) => JSON.stringify(r.values)).sort());

      // Another seed, other words; without accept, a mix of workflow states.
      const b = await createSmallCampaign(other.container, { code: "nho-2024-b" });
      const rb = await fillCampaign(other.container, b.campaignId, { seed: "khac", now: NOW });
      const third = await snapshot(other, b.campaignId);
      expect(third.secs.map((x) => x.html).sort()).not.toEqual(first.secs.map((x) => x.html).sort());
      expect(rb.filled).toBe(6);
      expect(Object.keys(rb.states).length).toBeGreaterThan(0);
      for (const x of third.asg) expect(["draft", "submitted", "sent", "accepted", "returned"]).toContain(x.state);

      // Half of the work: some assignments stay untouched, with no text of theirs.
      const d = await createSmallCampaign(other.container, { code: "nho-2024-d" });
      const rd = await fillCampaign(other.container, d.campaignId, { seed: 3, fraction: 0.5, now: NOW });
      expect(rd.filled).toBeGreaterThan(0);
      expect(rd.filled).toBeLessThan(6);
      const sd = await snapshot(other, d.campaignId);
      const writers = new Set(sd.secs.map((s) => s.assignmentId));
      expect(writers.size).toBeLessThanOrEqual(rd.filled);
      expect(sd.asg.filter((x) => x.version === 1).length).toBeGreaterThanOrEqual(6 - rd.filled);

      // Excluded agencies keep all their work to do.
      const x = await createSmallCampaign(other.container, { code: "nho-2024-x" });
      const all = await other.container.db.select().from(assignments).where(eq(assignments.campaignId, x.campaignId));
      const keep = all[0]!.agencyId;
      const rx = await fillCampaign(other.container, x.campaignId, { seed: 3, now: NOW, excludeAgencyIds: [keep] });
      expect(rx.filled).toBe(all.filter((a) => a.agencyId !== keep).length);
      const sx = await snapshot(other, x.campaignId);
      const keptIds = new Set(all.filter((a) => a.agencyId === keep).map((a) => a.id));
      expect(sx.secs.filter((s) => s.assignmentId != null && keptIds.has(s.assignmentId))).toEqual([]);
      for (const a of sx.asg.filter((a) => a.agencyId === keep)) expect(a.state).toBe("draft");

      const e = await createSmallCampaign(other.container, { code: "nho-2024-e" });
      const none = await fillCampaign(other.container, e.campaignId, { seed: 3, fraction: 0, now: NOW });
      expect(none).toMatchObject({ filled: 0, sections: 0, values: 0, recordRows: 0, states: {} });
    } finally {
      await other.close();
    }
  });

  it("refuses a bad fraction and a campaign without assignments, writing nothing", async () => {
    await expect(fillCampaign(t.container, c.campaignId, { seed: 1, fraction: 1.5 })).rejects.toThrow("Tỷ lệ phần việc cần điền phải từ 0 đến 1 (nhận 1.5)");
    const fresh = await createSmallCampaign(t.container, { code: "nho-2024-trong" });
    await t.container.db.delete(assignments).where(eq(assignments.campaignId, fresh.campaignId));
    await expect(fillCampaign(t.container, fresh.campaignId, { seed: 1 })).rejects.toThrow(/chưa có phân công: hãy ban hành đợt trước/);
    expect(await t.container.db.select().from(sections).where(eq(sections.campaignId, fresh.campaignId))).toHaveLength(0);
    await expect(fillCampaign(t.container, "00000000-0000-4000-8000-000000000000", { seed: 1 })).rejects.toThrow("Không tìm thấy đợt tổng hợp.");
  });
});
