import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../auth/actor.js";
import type { AppError } from "../../http/errors.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("agency directory: history, reorganisations, search", () => {
  let t: TestContext;
  let admin: RequestContext;
  const id = async (name: string, date = "2024-05-01") => {
    const dir = await t.container.services.agencies.directory();
    const r = dir.resolve(name, date);
    if (r?.kind !== "agency") throw new Error(`không có ${name}`);
    return r.id;
  };

  beforeAll(async () => {
    t = await createTestContext();
    const user = await t.container.repos.users.findByUsername(t.container.db, "quantri");
    admin = {
      actor: t.container.services.auth.toActor(user!),
      requestId: "test",
      ip: null,
      now: new Date("2026-01-10T03:00:00Z"),
    };
  });
  afterAll(async () => t.close());

  it("search ignores diacritics and case, and finds abbreviations", async () => {
    const svc = t.container.services.agencies;
    const byWords = await svc.list(admin, { q: "so ke hoach" });
    expect(byWords.map((a) => a.name)).toContain("Sở Kế hoạch và Đầu tư");
    const byAbbr = await svc.list(admin, { q: "khdt" });
    expect(byAbbr.map((a) => a.name)).toContain("Sở Kế hoạch và Đầu tư");
    const finance = await svc.list(admin, { q: "SO TAI CHINH" });
    expect(finance.map((a) => a.name)).toContain("Sở Tài chính");
  });

  it("expresses the 2025 reorganisations and answers 'as of a date'", async () => {
    const svc = t.container.services.agencies;
    const khdt = await id("Sở Kế hoạch và Đầu tư");
    const tc = await id("Sở Tài chính");
    const ctk = await id("Cục Thống kê thành phố Hải Phòng");
    const blv = await id("Ủy ban nhân dân huyện Bạch Long Vĩ");
    const hp = await id("Ủy ban nhân dân thành phố Hải Phòng");

    // Sở KH&ĐT merged into Sở Tài chính from 01/3/2025; its accounts move to the successor.
    await svc.merge(admin, khdt, { successorId: tc, effectiveDate: "2025-03-01", note: "Nghị quyết của HĐND thành phố" });
    // The statistics office becomes part of the national system under a new name.
    await svc.rename(admin, ctk, { name: "Thống kê thành phố Hải Phòng", shortName: "Thống kê TP", abbreviation: "TKHP", effectiveDate: "2025-03-01" });
    // Districts abolished from 01/7/2025: Bạch Long Vĩ becomes a special zone.
    await svc.split(admin, blv, {
      effectiveDate: "2025-07-01",
      into: [
        { code: "dac-khu-blv", name: "Ủy ban nhân dân đặc khu Bạch Long Vĩ", shortName: "UBND đặc khu BLV", abbreviation: "BLV", kind: "xa-phuong", parentId: hp, aliases: [] },
        { code: "xa-blv-tam", name: "Ủy ban nhân dân xã Bạch Long Vĩ (tạm)", shortName: "UBND xã BLV", abbreviation: "XBLV", kind: "xa-phuong", parentId: hp, aliases: [] },
      ],
    });
    // Hải Dương merged into Hải Phòng: its province committee merges into the city's.
    const hd = await svc.create(admin, { code: "ubnd-hai-duong", name: "Ủy ban nhân dân tỉnh Hải Dương", shortName: "UBND tỉnh Hải Dương", abbreviation: "UBND HD", kind: "ubnd", parentId: null, aliases: [], validFrom: null });
    await svc.merge(admin, hd.id, { successorId: hp, effectiveDate: "2025-07-01" });

    const in2024 = await svc.list(admin, { asOf: "2024-05-01" });
    const in2026 = await svc.list(admin, { asOf: "2026-01-01" });
    const names2024 = in2024.map((a) => a.name);
    const names2026 = in2026.map((a) => a.name);
    expect(names2024).toContain("Sở Kế hoạch và Đầu tư");
    expect(names2024).toContain("Cục Thống kê thành phố Hải Phòng");
    expect(names2024).toContain("Ủy ban nhân dân huyện Bạch Long Vĩ");
    expect(names2024).toContain("Ủy ban nhân dân tỉnh Hải Dương");
    expect(names2026).not.toContain("Sở Kế hoạch và Đầu tư");
    expect(names2026).toContain("Thống kê thành phố Hải Phòng");
    expect(names2026).not.toContain("Cục Thống kê thành phố Hải Phòng");
    expect(names2026).toContain("Ủy ban nhân dân đặc khu Bạch Long Vĩ");
    expect(names2026).not.toContain("Ủy ban nhân dân tỉnh Hải Dương");

    const detail = await svc.get(admin, khdt, "2026-01-01");
    expect(detail.active).toBe(false);
    expect(detail.successors.map((s) => s.name)).toEqual(["Sở Tài chính"]);
    const ctkDetail = await svc.get(admin, ctk, "2024-05-01");
    expect(ctkDetail.name).toBe("Cục Thống kê thành phố Hải Phòng");
    expect(ctkDetail.names.map((n) => n.name)).toEqual(["Cục Thống kê thành phố Hải Phòng", "Thống kê thành phố Hải Phòng"]);

    // The coordinator's account moved with the merger.
    const tonghop = await t.container.repos.users.findByUsername(t.container.db, "tonghop");
    expect(tonghop?.agencyId).toBe(tc);
    // Groups valid then: the merged department was a member in 2024, not in 2026.
    const groups2024 = await svc.listGroups(admin, "2024-05-01");
    const groups2026 = await svc.listGroups(admin, "2026-01-01");
    const depts = (gs: typeof groups2024) => gs.find((g) => g.name === "Các sở, ban, ngành thành phố")!.members.map((m) => m.agencyId);
    expect(depts(groups2024)).toContain(khdt);
    expect(depts(groups2026)).not.toContain(khdt);

    // Old names still find the agency when searching history.
    const found = await svc.list(admin, { q: "cuc thong ke", includeInactive: "true", asOf: "2026-01-01" });
    expect(found.map((a) => a.id)).toContain(ctk);

    // Audit trail of each change.
    const log = await t.container.services.audit.list(admin, { limit: 50, offset: 0, entityType: "agency" });
    expect(log.items.map((e) => e.action)).toEqual(expect.arrayContaining(["agency.merge", "agency.rename", "agency.split", "agency.create"]));
  });

  it("refuses a merge into an agency that no longer exists, and changes nothing", async () => {
    const svc = t.container.services.agencies;
    const a = await svc.create(admin, { code: "co-quan-a", name: "Cơ quan thử A", shortName: "CQ A", abbreviation: "CQA", kind: "khac", parentId: null, aliases: [], validFrom: "2020-01-01" });
    const b = await svc.create(admin, { code: "co-quan-b", name: "Cơ quan thử B", shortName: "CQ B", abbreviation: "CQB", kind: "khac", parentId: null, aliases: [], validFrom: "2020-01-01" });
    await svc.dissolve(admin, b.id, { effectiveDate: "2021-01-01" });
    const before = await svc.get(admin, a.id, "2022-01-01");
    const err = (await svc.merge(admin, a.id, { successorId: b.id, effectiveDate: "2022-01-01" }).catch((e: unknown) => e)) as AppError;
    expect(err.statusCode).toBe(400);
    expect(err.message).toBe("Cơ quan thử B không còn hoạt động vào ngày 01/01/2022.");
    expect(await svc.get(admin, a.id, "2022-01-01")).toEqual(before);
  });

  it("detects a cycle between active agencies", async () => {
    const svc = t.container.services.agencies;
    const dir = await svc.directory();
    const x = await svc.create(admin, { code: "co-quan-x", name: "Cơ quan thử X", shortName: "X", abbreviation: "CQX", kind: "khac", parentId: null, aliases: [], validFrom: null });
    const y = await svc.create(admin, { code: "co-quan-y", name: "Cơ quan thử Y", shortName: "Y", abbreviation: "CQY", kind: "khac", parentId: null, aliases: [], validFrom: null });
    expect(dir.successionCycle(x.id, x.id)).not.toBeNull();
    // Record Y as successor of X by a split in the future, then ask whether Y → X would loop.
    await svc.split(admin, x.id, {
      effectiveDate: "2030-01-01",
      into: [{ existingId: y.id }, { code: "co-quan-z", name: "Cơ quan thử Z", shortName: "Z", abbreviation: "CQZ", kind: "khac", parentId: null, aliases: [] }],
    });
    const err = (await svc.merge(admin, y.id, { successorId: x.id, effectiveDate: "2029-01-01" }).catch((e: unknown) => e)) as AppError;
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain("vòng kế tục");
    expect(err.message).toContain("Cơ quan thử X");
  });

  it("refuses a parent that would put an agency under itself", async () => {
    const svc = t.container.services.agencies;
    const hp = await id("Ủy ban nhân dân thành phố Hải Phòng");
    const tc = await id("Sở Tài chính");
    const err = (await svc.update(admin, hp, { parentId: tc }).catch((e: unknown) => e)) as AppError;
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain("cấp trên");
  });
});
