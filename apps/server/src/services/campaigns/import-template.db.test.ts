import { count } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportTemplateResultDto } from "@tonghop/contracts";
import type { RequestContext } from "../../auth/actor.js";
import {
  appendices,
  appendixRows,
  auditLog,
  campaignMilestones,
  campaigns,
  indicatorChangeProposals,
  indicators,
  outlineItems,
  recordRows,
} from "../../db/schema/index.js";
import { seedTemplateText, userContext } from "../../test/campaign-fixtures.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";
import { TemplateImportError } from "./import-template.js";
import type { TemplateProblem } from "./template-source.js";

/** A small, valid template (the README example, coordinated by Sở Kế hoạch và Đầu tư). */
const BASE = `formatVersion: 1
code: vd-2024-bao-cao-nam
name: Báo cáo tình hình kinh tế - xã hội năm 2024
kind: bao-cao-nam
coordinator: Sở Kế hoạch và Đầu tư
referenceDate: "2024-11-04"
periods:
  - key: 2021-2025
areas:
  - { code: HP, name: Hải Phòng, primary: true }
legalBasis:
  - kind: cong-van
    number: 123/UBND-TH
    date: "2024-11-04"
    issuer: Ủy ban nhân dân thành phố Hải Phòng
    summary: V/v xây dựng báo cáo tình hình kinh tế - xã hội năm 2024
    role: directive
report:
  system: nha-nuoc
  title: BÁO CÁO
  summary: Tình hình kinh tế - xã hội năm 2024
  issuer: { name: ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG }
  symbol: BC-UBND
  place: Hải Phòng
  signature: { authority: TM. ỦY BAN NHÂN DÂN, title: CHỦ TỊCH }
  recipients: ["Thường trực Thành ủy;", "Lưu: VT."]
requirements:
  paper: A4
milestones:
  - code: M1
    from: ["Các sở, ban, ngành thành phố"]
    to: Sở Kế hoạch và Đầu tư
    deliverable: Báo cáo và số liệu Phụ lục 1
    due: "2024-11-20"
    wording: trước ngày 20/11/2024
    scope: { kind: all }
  - code: M2
    from: [Sở Kế hoạch và Đầu tư]
    to: Ủy ban nhân dân thành phố
    deliverable: Dự thảo báo cáo tổng hợp
    due: "2024-11-30"
    wording: trước ngày 30/11/2024
    scope: { kind: coordinator }
outline:
  - label: I
    title: KẾT QUẢ THỰC HIỆN NĂM 2024
    lead: ["Các sở, ban, ngành thành phố"]
    appendices: [PL1]
    children:
      - label: "1"
        title: Tăng trưởng kinh tế
        lead: [Sở Tài chính]
      - label: "2"
        title: Văn hóa - xã hội
  - label: II
    title: NHIỆM VỤ, GIẢI PHÁP NĂM 2025
appendices:
  - kind: indicators
    code: PL1
    title: Phụ lục 1
    stubColumns: { tt: TT, name: Chỉ tiêu, unit: ĐVT }
    columns:
      - { kind: target, period: 2021-2025, title: Mục tiêu 2021-2025 }
      - { kind: group, title: Thực hiện, years: { from: 2021, to: 2025 } }
      - { kind: value, period: 2021-2025, title: Cả giai đoạn }
      - { kind: evaluation, period: 2021-2025, title: Đánh giá }
    rows:
      - tt: "1"
        name: Tốc độ tăng trưởng GRDP
        unit: "%"
        target: "10%/năm"
        indicator: VD_GRDP_TANG
        lead: [Cục Thống kê thành phố]
indicators:
  - code: VD_GRDP_TANG
    name: Tốc độ tăng trưởng GRDP (ví dụ)
    unit: "%"
    direction: higher
    aggregation: growthMean
    decimals: 2
`;

type Doc = Record<string, unknown> & { outline: Record<string, unknown>[]; milestones: Record<string, unknown>[]; indicators: Record<string, unknown>[]; appendices: Record<string, unknown>[] };
const mutate = (f: (d: Doc) => void): string => {
  const d = parse(BASE) as Doc;
  f(d);
  return stringify(d, { lineWidth: 0 });
};

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("template import: seeds, bad input, nothing written on error", () => {
  let t: TestContext;
  let tonghop: RequestContext;

  beforeAll(async () => {
    t = await createTestContext();
    tonghop = await userContext(t.container, "tonghop");
  });
  afterAll(async () => t.close());

  const counts = async () => {
    const db = t.container.db;
    const n = async (table: PgTable) => (await db.select({ n: count() }).from(table))[0]!.n;
    return {
      campaigns: await n(campaigns),
      milestones: await n(campaignMilestones),
      outline: await n(outlineItems),
      appendices: await n(appendices),
      rows: await n(appendixRows),
      records: await n(recordRows),
      indicators: await n(indicators),
      proposals: await n(indicatorChangeProposals),
      audit: await n(auditLog),
    };
  };

  /** Imports text expecting a refusal; checks nothing was written and returns the problems. */
  const refused = async (text: string): Promise<TemplateProblem[]> => {
    const before = await counts();
    let error: unknown;
    try {
      await t.container.services.campaigns.importTemplate(tonghop, { text });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateImportError);
    expect(await counts()).toEqual(before);
    const problems = (error as TemplateImportError).problems;
    expect(problems.length).toBeGreaterThan(0);
    return problems;
  };

  it("imports both seed templates with no warnings; the second reuses the shared indicators unchanged", async () => {
    const svc = t.container.services.campaigns;
    const before = await counts();
    const cv = await svc.importTemplate(tonghop, { text: seedTemplateText("cv2830-2024-so-ket-nq45") });
    expect(cv.preview.warnings).toEqual([]);
    expect(cv.preview.differences).toEqual([]);
    expect(cv.preview.counts).toMatchObject({ outlineItems: 247, milestones: cv.preview.milestones.length, appendices: 3 });
    const ct = await svc.importTemplate(tonghop, { text: seedTemplateText("ct15-2020-ke-hoach-5-nam") });
    expect(ct.preview.warnings).toEqual([]);
    expect(ct.preview.counts.existingIndicators).toBeGreaterThan(0);
    const after = await counts();
    expect(after.campaigns - before.campaigns).toBe(2);
    expect(after.outline - before.outline).toBe(247 + ct.preview.counts.outlineItems);
    expect(after.records - before.records).toBe(11);
    expect(after.indicators - before.indicators).toBe(cv.preview.counts.newIndicators + ct.preview.counts.newIndicators);
    expect(after.proposals).toBe(before.proposals);
    expect(after.audit - before.audit).toBe(2);
    // The preview names lead agencies as of the reference date and shows inherited ones.
    const gt = cv.preview.outline.find((o) => o.label === "(vii)" && o.lead.includes("Sở Giao thông vận tải"));
    expect(gt).toBeDefined();
    expect(cv.preview.appendices.find((a) => a.code === "PL3")).toEqual({ code: "PL3", title: "Phụ lục 3", kind: "records", rows: 11 });
  });

  it("a taken code is refused with a proposed new code; a dry run writes nothing and says so", async () => {
    const svc = t.container.services.campaigns;
    const before = await counts();
    const dry: ImportTemplateResultDto = await svc.importTemplate(tonghop, { text: seedTemplateText("cv2830-2024-so-ket-nq45"), dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, campaignId: null, preview: { codeTaken: true, suggestedCode: "cv2830-2024-so-ket-nq45-2" } });
    await expect(svc.importTemplate(tonghop, { text: seedTemplateText("cv2830-2024-so-ket-nq45") })).rejects.toMatchObject({
      statusCode: 409,
      message: expect.stringContaining('ví dụ "cv2830-2024-so-ket-nq45-2"') as string,
    });
    expect(await counts()).toEqual(before);
    const again = await svc.importTemplate(tonghop, { text: seedTemplateText("cv2830-2024-so-ket-nq45"), code: "cv2830-2024-so-ket-nq45-2", name: "Bản thứ hai" });
    expect(again.campaignId).not.toBeNull();
    expect(again.preview.name).toBe("Bản thứ hai");
  });

  it("agency officers and viewers cannot import (403), nothing written", async () => {
    for (const who of ["giaothong", "xem", "quantri"]) {
      const ctx = await userContext(t.container, who);
      const before = await counts();
      await expect(t.container.services.campaigns.importTemplate(ctx, { text: BASE })).rejects.toMatchObject({ statusCode: 403 });
      expect(await counts()).toEqual(before);
    }
  });

  it("broken YAML: the line and column of the syntax error", async () => {
    const text = BASE.replace("name: Báo cáo tình hình kinh tế - xã hội năm 2024", 'name: "Báo cáo chưa đóng nháy');
    const [p] = await refused(text);
    expect(p!.message).toMatch(/^Lỗi cú pháp YAML: /);
    expect(p!.line).toBeGreaterThanOrEqual(3);
    const tabs = await refused(BASE.replace("  - key: 2021-2025", "\t- key: 2021-2025"));
    expect(tabs[0]!.message).toContain("Lỗi cú pháp YAML");
    expect(tabs[0]!.line).toBe(8);
  });

  it("wrong types and unknown fields: YAML path with line and column", async () => {
    const problems = await refused(mutate((d) => ((d.outline[0] as Record<string, unknown>).label = 5)));
    expect(problems).toContainEqual(expect.objectContaining({ path: "outline[0].label", message: "Nhãn mục phải là chuỗi ký tự" }));
    const p = problems.find((x) => x.path === "outline[0].label")!;
    expect(p.line).toBeGreaterThan(1);
    expect(p.column).toBeGreaterThan(1);
    const unknown = await refused(BASE.replace("    lead: [Sở Tài chính]", "    chuTri: [Sở Tài chính]"));
    expect(unknown[0]!.path).toBe("outline[0].children[0]");
    expect(unknown[0]!.message).toContain("chuTri");
  });

  it("an unknown (misspelled) agency suggests the closest names and is never created", async () => {
    const text = BASE.replace("      - label: \"1\"\n        title: Tăng trưởng kinh tế\n        lead: [Sở Tài chính]", "      - label: \"1\"\n        title: Tăng trưởng kinh tế\n        lead: [So Ke hoach va Dau tuu]");
    const problems = await refused(text);
    expect(problems).toHaveLength(1);
    const line = text.split("\n").findIndex((l) => l.includes("So Ke hoach va Dau tuu")) + 1;
    expect(problems[0]).toMatchObject({ path: "outline[0].children[0].lead[0]", line });
    expect(problems[0]!.message).toContain('Không có cơ quan hay nhóm cơ quan "So Ke hoach va Dau tuu" trong danh bạ');
    expect(problems[0]!.message).toContain('"Sở Kế hoạch và Đầu tư"');
  });

  it("an outline 40 levels deep is refused with its path", async () => {
    const problems = await refused(
      mutate((d) => {
        let node: Record<string, unknown> = d.outline[1]!;
        for (let i = 0; i < 40; i++) {
          const child = { label: "-", title: `Cấp ${i + 2}` };
          node.children = [child];
          node = child;
        }
      }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ message: "Đề cương sâu quá 12 cấp" }));
    expect(problems.find((p) => p.message === "Đề cương sâu quá 12 cấp")!.line).toBeGreaterThan(60);
  });

  it("5 MB of text: a file over the limit and a guidance too long are clear errors", async () => {
    const huge = BASE + `description: "${"x".repeat(5 * 1024 * 1024)}"\n`;
    const [p] = await refused(huge);
    expect(p!.message).toMatch(/^Tệp mẫu lớn 5,0 MB, vượt giới hạn 5 MB$/);
    const long = mutate((d) => ((d.outline[0] as Record<string, unknown>).guidance = "Hướng dẫn rất dài. ".repeat(2_000)));
    const problems = await refused(long);
    expect(problems).toContainEqual(expect.objectContaining({ path: "outline[0].guidance", message: "Hướng dẫn dài quá 20000 ký tự" }));
  });

  it("a cycle in computed indicators names the cycle", async () => {
    const problems = await refused(
      mutate((d) => {
        d.indicators.push(
          { code: "VD_A", name: "A", unit: "%", direction: "higher", aggregation: "last", decimals: 1, expression: "VD_B * 2" },
          { code: "VD_B", name: "B", unit: "%", direction: "higher", aggregation: "last", decimals: 1, expression: "VD_A + 1" },
        );
      }),
    );
    const cycle = problems.find((p) => p.message.includes("vòng tròn"))!;
    expect(cycle.path).toMatch(/^indicators\[[12]\]\.expression$/);
    expect(cycle.message).toMatch(/VD_A → VD_B → VD_A|VD_B → VD_A → VD_B/);
    expect(cycle.line).not.toBeNull();
  });

  it("a bad target text reports the character position and its column in the file", async () => {
    const text = BASE.replace('target: "10%/năm"', 'target: "10,5.3%/năm"');
    const problems = await refused(text);
    expect(problems).toHaveLength(1);
    const p = problems[0]!;
    expect(p.path).toBe("appendices[0].rows[0].target");
    expect(p.message).toMatch(/^Mục tiêu "10,5.3%\/năm" của dòng "Tốc độ tăng trưởng GRDP" không hợp lệ tại ký tự \d+: /);
    const position = Number(/ký tự (\d+)/.exec(p.message)![1]);
    const line = text.split("\n")[p.line! - 1]!;
    // The column points at the reported character inside the quoted text.
    expect(line.slice(p.column! - 1, p.column!)).toBe("10,5.3%/năm"[position - 1]);
  });

  it("milestones out of order, wording that disagrees with the due date", async () => {
    const problems = await refused(
      mutate((d) => {
        d.milestones[1]!.due = "2024-11-10";
        d.milestones[1]!.wording = "trước ngày 10/11/2024";
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ path: "milestones[1].due", message: "Các mốc phải theo thứ tự thời gian: hạn 2024-11-10 sớm hơn hạn 2024-11-20 của mốc M1 đứng trước" }),
    );
    const wording = await refused(mutate((d) => (d.milestones[0]!.wording = "trước ngày 25/11/2024")));
    expect(wording).toEqual([expect.objectContaining({ path: "milestones[0].wording", message: "Lời văn \"trước ngày 25/11/2024\" nêu hạn 25/11/2024 nhưng due là 20/11/2024." })]);
  });

  it("a label the domain cannot read is refused", async () => {
    const problems = await refused(mutate((d) => ((d.outline[1] as Record<string, unknown>).label = "Mục ?")));
    expect(problems[0]).toMatchObject({ path: "outline[1].label" });
    expect(problems[0]!.message).toContain("Nhãn đề cương 'Mục ?' không hợp lệ");
  });

  it("a catalogue indicator defined differently is kept; each differing field becomes a warning and a pending proposal", async () => {
    const svc = t.container.services.campaigns;
    await svc.importTemplate(tonghop, { text: BASE });
    const changed = mutate((d) => {
      d.code = "vd-2024-bao-cao-nam-sua";
      Object.assign(d.indicators[0]!, { name: "Tốc độ tăng GRDP (đã sửa)", decimals: 1 });
    });
    const dry = await svc.importTemplate(tonghop, { text: changed, dryRun: true });
    expect(dry.preview.differences.map((x) => [x.field, x.currentText, x.proposedText])).toEqual([
      ["name", "Tốc độ tăng trưởng GRDP (ví dụ)", "Tốc độ tăng GRDP (đã sửa)"],
      ["decimals", "2", "1"],
    ]);
    expect(dry.preview.warnings.map((w) => w.path)).toEqual(["indicators[0].name", "indicators[0].decimals"]);
    const before = await counts();
    await svc.importTemplate(tonghop, { text: changed });
    const after = await counts();
    expect(after.proposals - before.proposals).toBe(2);
    const [row] = await t.container.repos.audit.list(t.container.db, { limit: 1, offset: 0, entityType: "campaign" }).then((r) => r.rows);
    expect(row!.action).toBe("campaign.import");
    const ind = (await t.container.services.campaigns.catalogue(tonghop, { q: "VD_GRDP_TANG" }))[0]!;
    expect(ind).toMatchObject({ name: "Tốc độ tăng trưởng GRDP (ví dụ)", decimals: 2, pendingChanges: 2 });
    // Accept the name, reject the decimals.
    const detail = await svc.catalogueIndicator(tonghop, ind.id);
    const nameChange = detail.changes.find((c) => c.field === "name")!;
    const decimalsChange = detail.changes.find((c) => c.field === "decimals")!;
    const officer = await userContext(t.container, "giaothong");
    await expect(svc.decideCatalogueChange(officer, nameChange.id, "accept")).rejects.toMatchObject({ statusCode: 403 });
    await svc.decideCatalogueChange(tonghop, nameChange.id, "accept");
    const final = await svc.decideCatalogueChange(tonghop, decimalsChange.id, "reject");
    expect(final).toMatchObject({ name: "Tốc độ tăng GRDP (đã sửa)", decimals: 2, version: 2, pendingChanges: 0 });
    await expect(svc.decideCatalogueChange(tonghop, decimalsChange.id, "accept")).rejects.toMatchObject({ statusCode: 409 });
  });
});

describe("template import: an agency merged away before the campaign date", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it("names the successor and writes nothing", async () => {
    const admin = await userContext(t.container, "quantri", new Date("2026-01-10T03:00:00Z"));
    const dir = await t.container.services.agencies.directory();
    const khdt = dir.resolve("Sở Kế hoạch và Đầu tư", "2024-05-01")!.id;
    const tc = dir.resolve("Sở Tài chính", "2024-05-01")!.id;
    await t.container.services.agencies.merge(admin, khdt, { successorId: tc, effectiveDate: "2025-03-01" });
    // tonghop's account moved to Sở Tài chính with the merge: it coordinates the 2026 report.
    const tonghop = await userContext(t.container, "tonghop", new Date("2026-01-10T03:00:00Z"));
    const text = mutate((d) => {
      d.coordinator = "Sở Tài chính";
      d.referenceDate = "2026-01-10";
      (d.legalBasis as Record<string, unknown>[])[0]!.date = "2026-01-10";
      d.milestones[0]!.due = "2026-01-20";
      d.milestones[0]!.wording = "trước ngày 20/01/2026";
      d.milestones[1]!.due = "2026-01-30";
      d.milestones[1]!.wording = "trước ngày 30/01/2026";
      d.milestones[1]!.from = ["Sở Kế hoạch và Đầu tư"];
      d.milestones[0]!.to = "Sở Tài chính";
    });
    const before = (await t.container.db.select({ n: count() }).from(campaigns))[0]!.n;
    const err = await t.container.services.campaigns.importTemplate(tonghop, { text }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateImportError);
    const problems = (err as TemplateImportError).problems;
    expect(problems).toEqual([
      expect.objectContaining({
        path: "milestones[1].from[0]",
        message:
          'Cơ quan "Sở Kế hoạch và Đầu tư" không còn hoạt động từ ngày 01/3/2025 (đã sáp nhập vào Sở Tài chính), trước ngày tham chiếu 10/01/2026 của mẫu. Ghi tên cơ quan kế tục: "Sở Tài chính".',
      }),
    ]);
    expect(problems[0]!.line).not.toBeNull();
    expect((await t.container.db.select({ n: count() }).from(campaigns))[0]!.n).toBe(before);
  });
});
