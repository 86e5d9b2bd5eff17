// A small published campaign written straight into the schema, for tests of the demo filler and the compiler that
// must not depend on the template import: two parts, an item written by a statistics office, an item with a lead
// and a cooperating agency, an item nobody is assigned (the coordinator writes it), an indicator appendix with
// year, period and area columns, a target and an evaluation, and a record appendix.

import type { AgencyRef } from "../db/schema/index.js";
import {
  appendices,
  appendixRows,
  assignments,
  campaignMilestones,
  campaigns,
  indicators,
  outlineItems,
  recordRows,
} from "../db/schema/index.js";
import type { Container } from "../app/container.js";

export interface SmallCampaign {
  campaignId: string;
  agencies: { coordinator: string; statistics: string; transport: string; finance: string };
  items: { partI: string; itemI: string; item1: string; item2: string; itemII: string; partII: string; itemCoordinator: string };
  rows: { growth: string; investment: string; investmentState: string; investmentPrivate: string; structure: string; structureA: string; structureB: string };
  appendices: { indicators: string; records: string };
}

export interface SmallCampaignOptions {
  code?: string;
  system?: "nha-nuoc" | "dang";
}

export async function createSmallCampaign(container: Container, opts: SmallCampaignOptions = {}): Promise<SmallCampaign> {
  const dir = await container.services.agencies.directory();
  const date = "2024-04-26";
  const agency = (name: string): AgencyRef => {
    const r = dir.resolve(name, date);
    if (r?.kind !== "agency") throw new Error(`Không có cơ quan ${name} trong danh bạ`);
    return { kind: "agency", id: r.id, name };
  };
  const coordinator = agency("Sở Kế hoạch và Đầu tư");
  const statistics = agency("Cục Thống kê thành phố");
  const transport = agency("Sở Giao thông vận tải");
  const finance = agency("Sở Tài chính");
  const code = opts.code ?? "nho-2024-thu-nghiem";

  return container.db.transaction(async (tx) => {
    const [campaign] = await tx
      .insert(campaigns)
      .values({
        code,
        name: "Sơ kết thử nghiệm 05 năm",
        kind: "so-ket",
        status: "published",
        coordinatorAgencyId: coordinator.id,
        coordinatorName: coordinator.name,
        referenceDate: date,
        periods: [{ key: "2014-2018" }, { key: "2019-2023", label: "Giai đoạn 2019-2023" }],
        areas: [
          { code: "HP", name: "Hải Phòng", primary: true },
          { code: "VN", name: "Cả nước" },
        ],
        legalBasis: [
          { kind: "cong-van", number: "2830/VP-TH", date: "2024-04-26", issuer: "Văn phòng Ủy ban nhân dân thành phố Hải Phòng", summary: "V/v xây dựng báo cáo", role: "directive" },
          { kind: "nghi-quyet", number: "45-NQ/TW", date: "2019-01-24", issuer: "Bộ Chính trị", summary: "Về xây dựng và phát triển thành phố Hải Phòng" },
        ],
        report:
          opts.system === "dang"
            ? {
                system: "dang",
                title: "BÁO CÁO",
                summary: "Sơ kết 05 năm thực hiện Nghị quyết số 45-NQ/TW",
                issuer: { name: "THÀNH ỦY HẢI PHÒNG" },
                symbol: "BC/TU",
                place: "Hải Phòng",
                signature: { authority: "T/M BAN THƯỜNG VỤ", title: "BÍ THƯ" },
                recipients: ["Ban Kinh tế Trung ương,", "Lưu Văn phòng Thành ủy."],
              }
            : {
                system: "nha-nuoc",
                title: "BÁO CÁO",
                summary: "Sơ kết 05 năm thực hiện Nghị quyết số 45-NQ/TW",
                issuer: { parent: "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", name: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" },
                symbol: "BC-SKHĐT",
                place: "Hải Phòng",
                signature: { authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", signer: "Nguyễn Văn An" },
                recipients: ["UBND thành phố;", "Các sở, ngành;", "Lưu: VT, TH."],
              },
        requirements: { paper: "A4", font: { family: "Times New Roman", size: 14 }, pages: { max: 6, excludes: "phụ lục" } },
      })
      .returning();
    const campaignId = campaign!.id;
    const [m1] = await tx
      .insert(campaignMilestones)
      .values({ campaignId, code: "M1", sortOrder: 1, from: [statistics, transport, finance], to: coordinator.name, deliverable: "Báo cáo", due: "2024-05-10", wording: "trước ngày 10/5/2024", scope: { kind: "all" } })
      .returning();

    const item = async (v: { parentId?: string; sortOrder: number; label: string; title: string; guidance?: string; lead?: AgencyRef[]; cooperate?: AgencyRef[]; appendixCodes?: string[] }) =>
      (
        await tx
          .insert(outlineItems)
          .values({ campaignId, parentId: v.parentId ?? null, sortOrder: v.sortOrder, label: v.label, title: v.title, guidance: v.guidance ?? null, lead: v.lead ?? [], cooperate: v.cooperate ?? [], appendixCodes: v.appendixCodes ?? [] })
          .returning()
      )[0]!.id;
    const partI = await item({ sortOrder: 1, label: "Phần I", title: "KẾT QUẢ THỰC HIỆN" });
    const itemI = await item({ parentId: partI, sortOrder: 1, label: "I", title: "Về phát triển kinh tế", lead: [statistics], appendixCodes: ["PL2"] });
    const item1 = await item({ parentId: itemI, sortOrder: 1, label: "1", title: "Tăng trưởng kinh tế", guidance: "Phân tích tốc độ tăng GRDP" });
    const item2 = await item({ parentId: itemI, sortOrder: 2, label: "2", title: "Thu hút đầu tư", guidance: "như: vốn ngân sách nhà nước; vốn đầu tư của doanh nghiệp; vốn đầu tư trực tiếp nước ngoài" });
    const itemII = await item({ parentId: partI, sortOrder: 2, label: "II", title: "Về kết cấu hạ tầng giao thông", lead: [transport], cooperate: [finance] });
    const partII = await item({ sortOrder: 2, label: "Phần II", title: "NHIỆM VỤ, GIẢI PHÁP" });
    const itemCoordinator = await item({ parentId: partII, sortOrder: 1, label: "I", title: "Nhiệm vụ, giải pháp chủ yếu" });

    const indicatorRows = await tx
      .insert(indicators)
      .values([
        { code: `${code.toUpperCase().replace(/-/g, "_")}_GRDP_TT`, name: "Tốc độ tăng trưởng GRDP", unit: "%", direction: "higher", aggregation: "growthMean", decimals: 2 },
        { code: `${code.toUpperCase().replace(/-/g, "_")}_VON`, name: "Tổng vốn đầu tư toàn xã hội", unit: "tỷ đồng", direction: "higher", aggregation: "sum", decimals: 0 },
        { code: `${code.toUpperCase().replace(/-/g, "_")}_VON_NN`, name: "Vốn khu vực Nhà nước", unit: "tỷ đồng", direction: "higher", aggregation: "sum", decimals: 0 },
        { code: `${code.toUpperCase().replace(/-/g, "_")}_VON_NGOAI`, name: "Vốn khu vực ngoài Nhà nước", unit: "tỷ đồng", direction: "higher", aggregation: "sum", decimals: 0 },
        { code: `${code.toUpperCase().replace(/-/g, "_")}_CC_A`, name: "Cơ cấu: dịch vụ", unit: "%", direction: "higher", aggregation: "last", decimals: 1 },
        { code: `${code.toUpperCase().replace(/-/g, "_")}_CC_B`, name: "Cơ cấu: công nghiệp", unit: "%", direction: "higher", aggregation: "last", decimals: 1 },
      ])
      .returning();
    const ind = (suffix: string) => indicatorRows.find((r) => r.code.endsWith(`_${suffix}`))!.id;

    const [pl2] = await tx
      .insert(appendices)
      .values({
        campaignId,
        code: "PL2",
        sortOrder: 1,
        kind: "indicators",
        title: "Phụ lục 2",
        subtitle: "CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU",
        config: {
          kind: "indicators",
          code: "PL2",
          title: "Phụ lục 2",
          subtitle: "CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU",
          orientation: "landscape",
          stubColumns: { tt: "TT", name: "Chỉ tiêu", unit: "ĐVT" },
          columnNumbers: true,
          columns: [
            { kind: "target", period: "2019-2023", title: "Mục tiêu 2019-2023" },
            { kind: "group", title: "Năm", years: { from: 2019, to: 2023 } },
            { kind: "value", period: "2014-2018", title: "Giai đoạn 2014-2018" },
            { kind: "group", title: "Giai đoạn 2019-2023", areas: { period: "2019-2023", codes: ["HP", "VN"] } },
            { kind: "evaluation", period: "2019-2023", title: "Đánh giá" },
          ],
          agencyColumn: { title: "Đơn vị chủ trì, theo dõi, báo cáo" },
          validations: [],
        },
      })
      .returning();
    const row = async (v: { parentId?: string; sortOrder: number; tt?: string; name: string; indicator?: string; unit?: string; target?: string; lead?: AgencyRef[]; emphasis?: string }) =>
      (
        await tx
          .insert(appendixRows)
          .values({
            appendixId: pl2!.id,
            campaignId,
            parentId: v.parentId ?? null,
            sortOrder: v.sortOrder,
            tt: v.tt ?? null,
            name: v.name,
            indicatorId: v.indicator ? ind(v.indicator) : null,
            unit: v.unit ?? null,
            target: v.target ?? null,
            lead: v.lead ?? [],
            emphasis: v.emphasis ?? null,
          })
          .returning()
      )[0]!.id;
    const growth = await row({ sortOrder: 1, tt: "1", name: "Tốc độ tăng trưởng kinh tế bình quân/năm", indicator: "GRDP_TT", unit: "%", target: "8%/năm", lead: [statistics] });
    const investment = await row({ sortOrder: 2, tt: "2", name: "Tổng vốn đầu tư toàn xã hội", indicator: "VON", unit: "tỷ.đ", target: "600.000", lead: [statistics] });
    const investmentState = await row({ parentId: investment, sortOrder: 1, name: "Khu vực Nhà nước", indicator: "VON_NN", unit: "tỷ.đ" });
    const investmentPrivate = await row({ parentId: investment, sortOrder: 2, name: "Khu vực ngoài Nhà nước", indicator: "VON_NGOAI", unit: "tỷ.đ" });
    const structure = await row({ sortOrder: 3, tt: "3", name: "Cơ cấu kinh tế", unit: "%", lead: [statistics], emphasis: "bold" });
    const structureA = await row({ parentId: structure, sortOrder: 1, tt: "-", name: "Dịch vụ", indicator: "CC_A", unit: "%" });
    const structureB = await row({ parentId: structure, sortOrder: 2, tt: "-", name: "Công nghiệp", indicator: "CC_B", unit: "%" });

    const [pl1] = await tx
      .insert(appendices)
      .values({
        campaignId,
        code: "PL1",
        sortOrder: 2,
        kind: "records",
        title: "Phụ lục 1",
        subtitle: "CÁC CÔNG TRÌNH, DỰ ÁN ĐỘNG LỰC",
        reporters: [transport],
        config: {
          kind: "records",
          code: "PL1",
          title: "Phụ lục 1",
          subtitle: "CÁC CÔNG TRÌNH, DỰ ÁN ĐỘNG LỰC",
          rowNumberColumn: { title: "TT" },
          columns: [
            { key: "ten", title: "Tên công trình", type: "text", prefilled: true },
            { key: "van_ban", title: "Văn bản", type: "so-hieu" },
            { key: "ngay", title: "Ngày ban hành", type: "date" },
            { key: "danh_gia", title: "Nội dung đánh giá", type: "long-text", required: true },
          ],
          agencyColumn: { title: "Cơ quan báo cáo" },
          reporters: ["Sở Giao thông vận tải"],
        },
      })
      .returning();
    await tx.insert(recordRows).values({ appendixId: pl1!.id, campaignId, sortOrder: 1, agencyId: finance.id, values: { ten: "Cầu Nguyễn Trãi" }, prefilled: true });

    const base = { campaignId, milestoneId: m1!.id, dueDate: "2024-05-10", state: "draft" };
    await tx.insert(assignments).values([
      { ...base, agencyId: statistics.id, kind: "outline", outlineItemId: itemI, role: "lead", roleOrder: 0 },
      { ...base, agencyId: transport.id, kind: "outline", outlineItemId: itemII, role: "lead", roleOrder: 0 },
      { ...base, agencyId: finance.id, kind: "outline", outlineItemId: itemII, role: "cooperate", roleOrder: 1 },
      { ...base, agencyId: statistics.id, kind: "indicators", appendixId: pl2!.id, role: "lead", roleOrder: 0 },
      { ...base, agencyId: transport.id, kind: "records", appendixId: pl1!.id, role: "lead", roleOrder: 0 },
      { ...base, agencyId: finance.id, kind: "records", appendixId: pl1!.id, role: "lead", roleOrder: 1 },
    ]);
    return {
      campaignId,
      agencies: { coordinator: coordinator.id, statistics: statistics.id, transport: transport.id, finance: finance.id },
      items: { partI, itemI, item1, item2, itemII, partII, itemCoordinator },
      rows: { growth, investment, investmentState, investmentPrivate, structure, structureA, structureB },
      appendices: { indicators: pl2!.id, records: pl1!.id },
    };
  });
}
