import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompileDiffDto, CompileDraftDto, CompileDraftSummaryDto, CompileOptionsDto } from "@tonghop/contracts";
import { assignments, indicatorValues, sections } from "../../db/schema/index.js";
import { fillCampaign } from "../../demo/fill-campaign.js";
import { createSmallCampaign, type SmallCampaign } from "../../demo/small-campaign.fixture.js";
import { checkNd30 } from "../../exports/docx/nd30-checker.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/test-app.js";

const NOW = new Date("2024-05-20T03:00:00Z");

describe("compile API: drafts, finals, scopes, downloads, diff, who may do what", () => {
  let t: TestApp;
  let c: SmallCampaign;
  let coordinator: TestClient;
  let leader: TestClient;
  let statistics: TestClient;
  let transport: TestClient;
  let viewer: TestClient;
  let url: string;
  let firstDraft: CompileDraftDto;

  beforeAll(async () => {
    t = await createTestApp();
    c = await createSmallCampaign(t.container);
    // Half the work accepted at most: a realistic draft.
    await fillCampaign(t.container, c.campaignId, { seed: 11, now: NOW });
    await t.container.db.update(assignments).set({ state: "sent" }).where(and(eq(assignments.campaignId, c.campaignId), eq(assignments.agencyId, c.agencies.statistics)));
    coordinator = await t.login("tonghop");
    leader = await t.login("lanhdao.tonghop");
    statistics = await t.login("thongke");
    transport = await t.login("giaothong");
    viewer = await t.login("xem");
    url = `/api/campaigns/${c.campaignId}/compile`;
  });
  afterAll(async () => t.close());

  it("the coordinator compiles a draft: numbered, marked where work is not accepted, checked, with its page budget", async () => {
    const opts = await coordinator.get(`${url}/options`);
    expect(opts.statusCode).toBe(200);
    const o = opts.json<CompileOptionsDto>();
    expect(o.canCompile).toBe(true);
    expect(o.canFinal).toBe(false);
    expect(o.scopes.map((s) => s.label)).toEqual(
      expect.arrayContaining(["Toàn văn báo cáo", "Phần I KẾT QUẢ THỰC HIỆN", "Phần của Cục Thống kê thành phố Hải Phòng"]),
    );
    const res = await coordinator.post(url, { scope: { kind: "whole" }, mode: "draft", date: "2024-05-20" });
    expect(res.statusCode).toBe(201);
    firstDraft = res.json<CompileDraftDto>();
    expect(firstDraft.label).toBe("Dự thảo lần 1 — Toàn văn báo cáo");
    expect(firstDraft.missing.some((m) => m.agencyName === "Cục Thống kê thành phố Hải Phòng" && m.stateLabel === "Đã gửi")).toBe(true);
    expect(firstDraft.checks.length).toBeGreaterThanOrEqual(18);
    expect(firstDraft.checks.filter((x) => !x.ok)).toEqual([]);
    expect(firstDraft.pageLimit).toBe(6);
    expect(firstDraft.pageStats.bodyPages).toBeGreaterThanOrEqual(1);
    // The coordinator's own item was written (by the filler): nothing to warn about.
    expect(firstDraft.warnings).toEqual([]);

    const second = (await coordinator.post(url, { scope: { kind: "whole" } })).json<CompileDraftDto>();
    expect(second.label).toBe("Dự thảo lần 2 — Toàn văn báo cáo");
  });

  it("downloads DOCX, XLSX and PDF with a Vietnamese-safe file name; the DOCX carries the draft marks", async () => {
    const docx = await coordinator.inject({ method: "GET", url: `${url}/drafts/${firstDraft.id}/docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    expect(docx.headers["content-disposition"]).toContain("filename*=UTF-8''D%E1%BB%B1%20th%E1%BA%A3o%20l%E1%BA%A7n%201");
    expect(docx.headers["content-disposition"]).toContain('filename="Du-thao-lan-1-Toan-van-bao-cao.docx"');
    const body = docx.rawPayload;
    expect(checkNd30(body).every((r) => r.ok)).toBe(true);
    const { unzipSync, strFromU8 } = await import("fflate");
    const xml = strFromU8(unzipSync(body)["word/document.xml"]!);
    expect(xml).toContain("[Chưa tiếp nhận — Cục Thống kê thành phố Hải Phòng: Đã gửi]");
    expect(xml).toContain("DỰ THẢO LẦN 1");
    const xlsx = await coordinator.inject({ method: "GET", url: `${url}/drafts/${firstDraft.id}/xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const pdf = await coordinator.inject({ method: "GET", url: `${url}/drafts/${firstDraft.id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("blocks a final while work is not accepted, names what is missing; only the coordinator leader issues a final", async () => {
    const officerFinal = await coordinator.post(url, { scope: { kind: "whole" }, mode: "final" });
    expect(officerFinal.statusCode).toBe(403);
    const blocked = await leader.post(url, { scope: { kind: "whole" }, mode: "final" });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json<{ message: string }>().message).toMatch(/^Chưa thể lập bản chính thức: còn \d+ phần việc chưa được tiếp nhận — .*Cục Thống kê thành phố Hải Phòng \(Đã gửi\)/);

    await t.container.db.update(assignments).set({ state: "accepted" }).where(eq(assignments.campaignId, c.campaignId));
    const final = await leader.post(url, { scope: { kind: "whole" }, mode: "final", number: 5, date: "2024-05-20" });
    expect(final.statusCode).toBe(201);
    const f = final.json<CompileDraftDto>();
    expect(f.label).toBe("Bản chính thức lần 1 — Toàn văn báo cáo");
    expect(f.missing).toEqual([]);
    const { unzipSync, strFromU8 } = await import("fflate");
    const docx = (await leader.inject({ method: "GET", url: `${url}/drafts/${f.id}/docx` })).rawPayload;
    const xml = strFromU8(unzipSync(docx)["word/document.xml"]!);
    expect(xml).toContain("Số: 05/BC-SKHĐT");
    expect(xml).not.toContain("Chưa tiếp nhận");
    expect(xml).not.toContain("DỰ THẢO");
  });

  it("compiles one Phần and one agency's own part with its own header", async () => {
    const part = await coordinator.post(url, { scope: { kind: "part", itemId: c.items.partI } });
    expect(part.statusCode).toBe(201);
    const p = part.json<CompileDraftDto>();
    expect(p.label).toBe("Dự thảo lần 1 — Phần I KẾT QUẢ THỰC HIỆN");
    const { unzipSync, strFromU8 } = await import("fflate");
    const pxml = strFromU8(unzipSync((await coordinator.inject({ method: "GET", url: `${url}/drafts/${p.id}/docx` })).rawPayload)["word/document.xml"]!);
    expect(pxml).toContain("KẾT QUẢ THỰC HIỆN");
    expect(pxml).not.toContain("NHIỆM VỤ, GIẢI PHÁP");
    expect(pxml).toContain("Phụ lục 2");
    expect(pxml).not.toContain("Phụ lục 1");

    const own = await statistics.post(url, { scope: { kind: "agency", agencyId: c.agencies.statistics } });
    expect(own.statusCode).toBe(201);
    const o = own.json<CompileDraftDto>();
    expect(o.label).toBe("Dự thảo lần 1 — Phần của Cục Thống kê thành phố Hải Phòng");
    const oxml = strFromU8(unzipSync((await statistics.inject({ method: "GET", url: `${url}/drafts/${o.id}/docx` })).rawPayload)["word/document.xml"]!);
    expect(oxml).toContain("CỤC THỐNG KÊ THÀNH PHỐ HẢI PHÒNG");
    expect(oxml).toContain("CỤC TRƯỞNG");
    expect(oxml).toContain("Tăng trưởng kinh tế");
    expect(oxml).not.toContain("KẾT CẤU HẠ TẦNG GIAO THÔNG");
  });

  it("refuses what each user may not do (403) and hides drafts from viewers", async () => {
    // Another agency's part, the whole report, a final without being leader.
    expect((await transport.post(url, { scope: { kind: "agency", agencyId: c.agencies.statistics } })).statusCode).toBe(403);
    expect((await statistics.post(url, { scope: { kind: "whole" } })).statusCode).toBe(403);
    expect((await statistics.post(url, { scope: { kind: "agency", agencyId: c.agencies.statistics }, mode: "final" })).statusCode).toBe(403);
    // Viewer: no compiling at all, only finals listed and downloadable.
    expect((await viewer.post(url, { scope: { kind: "whole" } })).statusCode).toBe(403);
    const list = (await viewer.get(`${url}/drafts`)).json<CompileDraftSummaryDto[]>();
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((d) => d.mode === "final")).toBe(true);
    expect((await viewer.inject({ method: "GET", url: `${url}/drafts/${firstDraft.id}/docx` })).statusCode).toBe(403);
    expect((await viewer.inject({ method: "GET", url: `${url}/drafts/${list[0]!.id}/pdf` })).statusCode).toBe(200);
    // An agency sees its own compiles and the finals, not the coordinator's drafts.
    const agencyList = (await statistics.get(`${url}/drafts`)).json<CompileDraftSummaryDto[]>();
    expect(agencyList.every((d) => d.mode === "final" || d.scopeAgencyId === c.agencies.statistics)).toBe(true);
    expect(agencyList.some((d) => d.scope === "agency")).toBe(true);
    expect((await statistics.get(`${url}/drafts/${firstDraft.id}`)).statusCode).toBe(403);
    expect((await transport.get(`${url}/drafts/${agencyList.find((d) => d.scope === "agency")!.id}`)).statusCode).toBe(403);
    // Not signed in.
    expect((await t.anonymous.get(`${url}/drafts`)).statusCode).toBe(401);
    // Bad scope names the field.
    const bad = await coordinator.post(url, { scope: { kind: "part", itemId: "00000000-0000-4000-8000-000000000000" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toBe("Mục đề cương được chọn không thuộc đợt này.");
  });

  it("diffs two drafts by section (word-level) and lists changed numbers old → new", async () => {
    const before = (await coordinator.post(url, { scope: { kind: "whole" } })).json<CompileDraftDto>();
    const [sec] = await t.container.db.select().from(sections).where(and(eq(sections.outlineItemId, c.items.item1), eq(sections.agencyId, c.agencies.statistics)));
    const newText = `${sec!.text}\nBổ sung: tốc độ tăng trưởng năm 2023 đạt cao nhất vùng.`;
    await t.container.db
      .update(sections)
      .set({ html: `${sec!.html}<p>Bổ sung: tốc độ tăng trưởng năm 2023 đạt cao nhất vùng.</p>`, text: newText })
      .where(eq(sections.id, sec!.id));
    const [v] = await t.container.db.select().from(indicatorValues).where(and(eq(indicatorValues.period, "2021"), eq(indicatorValues.area, "HP"), eq(indicatorValues.campaignId, c.campaignId)));
    await t.container.db.update(indicatorValues).set({ value: 1234.5 }).where(eq(indicatorValues.id, v!.id));
    const after = (await coordinator.post(url, { scope: { kind: "whole" } })).json<CompileDraftDto>();
    const res = await coordinator.get(`${url}/diff?from=${before.id}&to=${after.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json<CompileDiffDto>();
    const changed = d.sections.find((s) => s.itemId === c.items.item1)!;
    expect(changed.status).toBe("changed");
    expect(changed.addedWords).toBe(12);
    expect(changed.removedWords).toBe(0);
    expect(changed.segments.filter((s) => s.op === "added").map((s) => s.text).join("")).toContain("Bổ sung: tốc độ tăng trưởng năm 2023 đạt cao nhất vùng.");
    expect(d.unchangedSections).toBeGreaterThan(0);
    const num = d.numbers.find((n) => n.to?.startsWith("1.234,5"));
    expect(num).toBeDefined();
    expect(num!.label).toMatch(/^Phụ lục 2 › .* › Năm › 2021$/);
    expect(num!.from).not.toBe(num!.to);
    // Viewers cannot diff drafts.
    expect((await viewer.get(`${url}/diff?from=${before.id}&to=${after.id}`)).statusCode).toBe(403);
  });
});
