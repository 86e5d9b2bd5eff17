// So hai mẫu gốc trong templates/ với văn bản nguồn ../shared/seeds/ (tính từ thư mục gốc kho mã).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseCampaignTemplate, resolveMilestone, walkTemplateOutline, walkTemplateRows } from "./index.js";
import type {
  CampaignTemplate,
  TemplateIndicatorRow,
  TemplateIndicatorsAppendix,
  TemplateOutlineVisit,
  TemplateRecordsAppendix,
} from "./index.js";

const repoRoot = new URL("../../../../", import.meta.url);
const seedsDir = new URL("../shared/seeds/", repoRoot);
const CV_SEED = new URL("003_f90fbf0071a09232.txt", seedsDir);
const CT_SEED = new URL("000_0bbeba533da05443.txt", seedsDir);
if (!existsSync(CV_SEED) || !existsSync(CT_SEED)) {
  throw new Error(`Không tìm thấy văn bản nguồn trong ${seedsDir.pathname} (thư mục ../shared/seeds/ cạnh kho mã)`);
}

function load(file: string): CampaignTemplate {
  const r = parseCampaignTemplate(parse(readFileSync(new URL(`templates/${file}`, repoRoot), "utf8")));
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  return r.template;
}

/** Chuẩn hóa để so: bỏ thẻ HTML, dấu chú thích, gộp khoảng trắng, bỏ khoảng trắng trước dấu câu. */
function norm(s: string): string {
  return s
    .replace(/<[^>]+>/g, " ")
    .replace(/[¹*]/g, "")
    .replace(/\s+/g, " ")
    .replace(/ ([:),.;²])/g, "$1")
    .replace(/\( /g, "(")
    .trim();
}

/** Lỗi nhận dạng ký tự đã sửa khi chép (mỗi chỗ có chú thích "# sửa:" trong tệp YAML). */
const OCR_FIXES: [RegExp, string][] = [
  [/Phản mổ đầu/g, "Phần mở đầu"],
  [/Phản I\b/g, "Phần I"],
  [/thê ché hóa/g, "thể chế hóa"],
  [/thị tnrờng/g, "thị trường"],
  [/Tiêu học/g, "Tiểu học"],
  [/Chi số sản xuất/g, "Chỉ số sản xuất"],
  [/hướng theo phân cấp/g, "hưởng theo phân cấp"],
  [/CÁI CÁCH/g, "CẢI CÁCH"],
  [/công nghiêp/g, "công nghiệp"],
  [/Cá nước|Cá nưc/g, "Cả nước"],
];
const fixOcr = (s: string) => OCR_FIXES.reduce((acc, [re, to]) => acc.replace(re, to), s);

const lower = (s: string) => s.toLocaleLowerCase("vi");

function outlineOf(t: CampaignTemplate): TemplateOutlineVisit[] {
  return [...walkTemplateOutline(t.outline)];
}

function findItem(t: CampaignTemplate, labels: string[]): TemplateOutlineVisit {
  const v = outlineOf(t).find((x) => x.labels.join(" / ") === labels.join(" / "));
  if (!v) throw new Error(`không có mục ${labels.join(" / ")}`);
  return v;
}

// ---------------------------------------------------------------------------------------------------
// Công văn 2830

interface SeedTableRow {
  tt: string;
  content: string;
  agency: string;
}

/** Các dòng của một bảng phân tách bằng tab trong văn bản nguồn, bỏ dòng tiêu đề lặp lại ở mỗi trang. */
function tableLines(lines: string[], from: number, to: number, header: RegExp): SeedTableRow[] {
  return lines
    .slice(from, to)
    .filter((l) => l.trim() !== "" && !header.test(l))
    .map((l) => {
      const [tt = "", content = "", agency = ""] = l.split("\t");
      return { tt: tt.trim(), content, agency: agency.trim() };
    });
}

describe("Công văn 2830/VP-TH: mẫu so với văn bản nguồn", () => {
  const seedText = readFileSync(CV_SEED, "utf8");
  const lines = seedText.split("\n");
  const t = load("cv2830-2024-so-ket-nq45.yaml");
  const items = outlineOf(t);

  // Bảng phân công: từ dòng tiêu đề đầu tiên "TT NỘI DUNG CƠ QUAN CHỦ TRỊ" đến "PHỤ LỤC 1".
  const tableStart = lines.findIndex((l) => l.startsWith("TT\tNỘI DUNG"));
  const tableEnd = lines.findIndex((l) => l.trim() === "PHỤ LỤC 1");
  const assignment = tableLines(lines, tableStart, tableEnd, /^TT\tNỘI DUNG\tCƠ QUAN CHỦ/).filter((r) => !r.tt.startsWith("¹"));
  /** Cột "TT NỘI DUNG" nối liền (dòng tràn trang nối vào dòng trước), đã chuẩn hóa. */
  const contentStream = lower(fixOcr(norm(assignment.map((r) => `${r.tt} ${r.content}`).join(" "))));

  it("đề cương có đủ mọi dòng của bảng phân công", () => {
    // Dòng của bảng: có số thứ tự, hoặc là tiêu đề "Phần …" không số thứ tự. Dòng tràn trang (không số thứ tự) và dòng
    // hướng dẫn của mục C không phải dòng mới.
    const seedRows = assignment.filter((r) => r.tt !== "" || /^\s*(<p[^>]*>)?\s*(Phản|Phần|PHẦN) [IV]+/.test(r.content));
    expect(seedRows).toHaveLength(237);
    // Mục VII.2 "Các chỉ tiêu:" có 10 đoạn trong một ô, tách thành 10 mục "-" để giữ phân công từng chỉ tiêu.
    const vii2 = findItem(t, ["Phần II", "A", "VII", "2"]);
    expect(vii2.item.children).toHaveLength(10);
    expect(items).toHaveLength(seedRows.length + 10);
  });

  it("số mục theo từng phần", () => {
    const countUnder = (label: string) => items.filter((v) => v.labels[0] === label).length;
    expect(t.outline.map((i) => i.label)).toEqual(["A", "Phần I", "Phần II", "Phần III", "Phần IV"]);
    expect(countUnder("A")).toBe(4);
    expect(countUnder("Phần I")).toBe(9);
    expect(countUnder("Phần II")).toBe(212);
    expect(countUnder("Phần III")).toBe(17);
    expect(countUnder("Phần IV")).toBe(5);
    const partII = t.outline[2]!;
    expect(partII.children!.map((c) => c.label)).toEqual(["A", "B", "C"]);
    expect(partII.children![0]!.children!.map((c) => c.label)).toEqual(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]);
    expect(partII.children![1]!.children!.map((c) => c.children!.length)).toEqual([11, 2]);
    expect(findItem(t, ["Phần I", "II"]).item.children!.map((c) => c.label)).toEqual(["2.1", "2.2", "2.3", "2.4", "2.5"]);
    expect(findItem(t, ["Phần II", "A", "I", "3", "3.2", "3.2.1"]).item.children!.map((c) => c.label)).toEqual(["(i)", "(ii)", "(iii)"]);
    expect(findItem(t, ["Phần II", "A", "I", "9"]).item.children!.map((c) => c.label)).toEqual(["9.1", "9.2", "9.3"]);
    expect(findItem(t, ["Phần II", "A", "I", "2", "2.2"]).item.children).toHaveLength(5);
    expect(findItem(t, ["Phần III", "II"]).item.children!.map((c) => c.label)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
  });

  it("nhãn và tiêu đề của mọi mục có trong bảng phân công", () => {
    const missing: string[] = [];
    for (const v of items) {
      const { label, title } = v.item;
      const title0 = lower(norm(title));
      const ok =
        label === "-"
          ? contentStream.includes(title0)
          : [`${label} ${title}`, `${label}. ${title}`].some((s) => contentStream.includes(lower(norm(s))));
      if (!ok) missing.push(`${v.labels.join(" / ")}: ${title}`);
    }
    expect(missing).toEqual([]);
  });

  it("lời văn hướng dẫn lấy từ bảng phân công", () => {
    const missing = items
      .filter((v) => v.item.guidance && !v.item.guidance.startsWith("Chú thích"))
      .filter((v) => !contentStream.includes(lower(norm(v.item.guidance!))))
      .map((v) => v.labels.join(" / "));
    expect(missing).toEqual([]);
  });

  it("cơ quan chủ trì của các dòng mẫu", () => {
    expect(findItem(t, ["Phần II", "A", "I", "3", "3.2", "3.2.1"]).item.lead).toEqual(["Sở Công Thương"]);
    // mục con không ghi cơ quan thì kế thừa
    expect(findItem(t, ["Phần II", "A", "I", "3", "3.2", "3.2.1", "(ii)"]).effectiveLead).toEqual(["Sở Công Thương"]);
    const energy = outlineOf(t).find((v) => v.item.title.startsWith("Năng lượng tái tạo"))!;
    expect(energy.labels).toEqual(["Phần II", "A", "I", "4", "(v)"]);
    expect(energy.item.lead).toEqual([
      "Sở Công Thương",
      "Sở Tài nguyên và Môi trường",
      "Sở Giao thông vận tải",
      "Sở Du lịch",
      "Sở Khoa học và Công nghệ",
      "Sở Nông nghiệp và Phát triển nông thôn",
      "Ủy ban nhân dân quận Đồ Sơn",
      "Ủy ban nhân dân quận Dương Kinh",
      "Ủy ban nhân dân huyện Cát Hải",
      "Ủy ban nhân dân huyện Bạch Long Vĩ",
      "Ủy ban nhân dân huyện Kiến Thụy",
      "Ủy ban nhân dân huyện Tiên Lãng",
      "Ủy ban nhân dân huyện Vĩnh Bảo",
      "Ủy ban nhân dân huyện Thủy Nguyên",
    ]);
    const defence = findItem(t, ["Phần III", "II", "11"]);
    expect(defence.item.title).toBe("Về quốc phòng - an ninh");
    expect(defence.item.lead).toEqual(["Bộ Chỉ huy Quân sự thành phố", "Bộ Chỉ huy Bộ đội Biên phòng thành phố", "Công an thành phố"]);
    expect(findItem(t, ["Phần I", "I"]).item.lead).toEqual(["Ban Tuyên giáo Thành ủy", "Sở Thông tin và Truyền thông"]);
    expect(findItem(t, ["Phần I", "II"]).item.lead).toEqual([
      "Thường trực Hội đồng nhân dân thành phố",
      "Các Ban của Thành ủy",
      "Các Quận ủy, Huyện ủy",
      "Các sở, ban, ngành thành phố",
    ]);
    expect(findItem(t, ["Phần I", "II", "2.3"]).effectiveLead).toHaveLength(4);
    expect(findItem(t, ["Phần II", "A", "I", "9", "9.1"]).item.lead).toEqual(["Sở Nội vụ"]);
    expect(findItem(t, ["Phần II", "A", "IX", "1"]).item.lead).toEqual([
      "Các Ban của Thành ủy",
      "Văn phòng Thành ủy",
      "Sở Nội vụ",
      "Sở Giao thông vận tải",
      "Các Quận ủy, Huyện ủy",
    ]);
    expect(findItem(t, ["Phần II", "A", "X", "7"]).item.lead).toEqual([
      "Sở Kế hoạch và Đầu tư",
      "Sở Tài chính",
      "Ban Quản lý Khu kinh tế Hải Phòng",
      "Sở Giao thông vận tải",
      "Sở Xây dựng",
    ]);
    expect(findItem(t, ["Phần II", "A", "VIII", "1"]).item.lead).toContain("Ủy ban nhân dân huyện Bạch Long Vĩ");
    expect(findItem(t, ["Phần II", "B", "I", "4"]).item.lead).toEqual([
      "Sở Kế hoạch và Đầu tư",
      "Sở Công Thương",
      "Sở Nông nghiệp và Phát triển nông thôn",
      "Sở Du lịch",
      "Sở Giao thông vận tải",
    ]);
    expect(findItem(t, ["Phần II", "C", "II"]).effectiveLead).toEqual([
      "Các Ban của Thành ủy",
      "Các sở, ban, ngành thành phố",
      "Các Quận ủy, Huyện ủy",
      "Ủy ban nhân dân các quận, huyện",
    ]);
  });

  it("mọi dòng có cơ quan trong bảng phân công đều có cơ quan chủ trì trong mẫu", () => {
    // dòng nguồn có số thứ tự và có ô cơ quan → mục tương ứng (theo thứ tự) có lead riêng
    const seedRows = assignment.filter((r) => r.tt !== "" || /^\s*(<p[^>]*>)?\s*(Phản|Phần|PHẦN) [IV]+/.test(r.content));
    const nonVii2 = items.filter((v) => !(v.labels.slice(0, 4).join("/") === "Phần II/A/VII/2" && v.labels.length === 5));
    expect(nonVii2).toHaveLength(seedRows.length);
    const mismatched: string[] = [];
    seedRows.forEach((r, i) => {
      const v = nonVii2[i]!;
      if (v.labels.join("/") === "Phần II/A/VII/2") return; // phân công chuyển xuống 10 mục con, kiểm tra bên dưới
      if (r.agency !== "" && !v.ownLead) mismatched.push(`${v.labels.join(" / ")} (văn bản: ${r.agency})`);
    });
    expect(mismatched).toEqual([]);
    // VII.2: sáu đoạn cơ quan ứng với sáu chỉ tiêu đầu; bốn chỉ tiêu cuối văn bản không ghi cơ quan
    const cell = assignment.find((r) => r.content.includes("<p>Các chỉ tiêu:</p>"))!;
    const leadParas = [...cell.agency.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => m[1]!.split(";").map((x) => x.trim()));
    expect(leadParas).toHaveLength(6);
    const vii2 = findItem(t, ["Phần II", "A", "VII", "2"]).item.children!;
    expect(vii2.slice(0, 6).map((c) => c.lead)).toEqual(leadParas);
    expect(vii2.slice(6).map((c) => c.lead)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("Phụ lục 2: mọi dòng theo đúng thứ tự, số thứ tự, tên và đơn vị tính", () => {
    const start = lines.findIndex((l) => l.trim() === "PHỤ LỤC 2");
    const end = lines.findIndex((l) => l.trim() === "PHỤ LỤC 3");
    const raw = lines
      .slice(start + 2, end)
      .filter((l) => l.trim() !== "" && !/^TT\tChỉ tiêu|^\t\t\t2018|^A\tB\tC/.test(l))
      .map((l) => l.split("\t"));
    expect(raw).toHaveLength(219);
    const pl2 = t.appendices.find((a) => a.code === "PL2") as TemplateIndicatorsAppendix;
    const rows = [...walkTemplateRows(pl2.rows)];
    expect(rows).toHaveLength(raw.length);
    const mine = rows.map(({ row }) => [row.tt ?? "", row.name, row.unit ?? ""]);
    const seed = raw.map((cells) => {
      const [tt = "", name = "", unit = ""] = cells.map((c) => fixOcr(norm(c)));
      // văn bản gộp "III MÔI TRƯỜNG" vào ô số thứ tự
      return tt === "III MÔI TRƯỜNG" ? ["III", "MÔI TRƯỜNG", unit] : [tt, name, unit];
    });
    // Đơn vị đã sửa: hai dòng "Tỷ trọng" chi ngân sách ghi "tỷ.đ" trong văn bản.
    const fixedUnits = new Set(["Chi đầu tư phát triển", "Chi thường xuyên"]);
    const diffs = mine
      .map((m, i) => ({ i, m, s: seed[i]! }))
      .filter(({ m, s }) => !(m[0] === s[0] && m[1] === s[1] && (m[2] === s[2] || (fixedUnits.has(m[1]!) && m[2] === "%" && s[2] === "tỷ.đ"))));
    expect(diffs).toEqual([]);
  });

  it("Phụ lục 2: cơ quan chủ trì theo cột cuối, trừ các ô lệch dòng đã ghi chú", () => {
    const start = lines.findIndex((l) => l.trim() === "PHỤ LỤC 2");
    const end = lines.findIndex((l) => l.trim() === "PHỤ LỤC 3");
    const raw = lines
      .slice(start + 2, end)
      .filter((l) => l.trim() !== "" && !/^TT\tChỉ tiêu|^\t\t\t2018|^A\tB\tC/.test(l))
      .map((l) => l.split("\t"));
    const alias: Record<string, string> = {
      "Cục Thống kê": "Cục Thống kê thành phố",
      "Cục Thuế": "Cục Thuế thành phố",
      "Ban Quản lý Khu kinh tế": "Ban Quản lý Khu kinh tế Hải Phòng",
      "Ban Quản lý khu kinh tế": "Ban Quản lý Khu kinh tế Hải Phòng",
    };
    const pl2 = t.appendices.find((a) => a.code === "PL2") as TemplateIndicatorsAppendix;
    const rows = [...walkTemplateRows(pl2.rows)];
    const diffs: string[] = [];
    raw.forEach((cells, i) => {
      const seedLead = (cells[13] ?? "")
        .split(";")
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => alias[s] ?? s);
      const own = rows[i]!.row.lead ?? [];
      const { tt, name } = rows[i]!.row;
      if (JSON.stringify(seedLead) !== JSON.stringify(own)) diffs.push(`${tt ? `${tt} ` : ""}${name}: văn bản ${seedLead.join("; ") || "–"} / mẫu ${own.join("; ") || "–"}`);
    });
    expect(diffs).toEqual([
      "Số lượng doanh nghiệp: văn bản Sở Công Thương / mẫu –",
      "19 Hạ tầng thương mại: văn bản – / mẫu Sở Công Thương",
      "Trung học cơ sở: văn bản Sở Giáo dục và Đào tạo / mẫu –",
      "9 Tỷ lệ học sinh ở các cấp học đến trường: văn bản – / mẫu Sở Giáo dục và Đào tạo",
      "V CẢI CÁCH HÀNH CHÍNH: văn bản Sở Nội vụ / mẫu –",
      "1 Chỉ số cải cách hành chính (PAR INDEX): văn bản Sở Kế hoạch và Đầu tư / mẫu Sở Nội vụ",
      "2 Chỉ số Năng lực cạnh tranh cấp tỉnh (PCI): văn bản Sở Nội vụ / mẫu Sở Kế hoạch và Đầu tư",
      "3 Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh (PAPI): văn bản Sở Thông tin và Truyền thông / mẫu Sở Nội vụ",
      "4 Vietnam ICT Index: văn bản Sở Công Thương / mẫu Sở Thông tin và Truyền thông",
      "5 Chỉ số Thương mại điện tử (EBI): văn bản – / mẫu Sở Công Thương",
    ]);
  });

  it("Phụ lục 2: các dòng mẫu (đơn vị, cơ quan thực tế)", () => {
    const pl2 = t.appendices.find((a) => a.code === "PL2") as TemplateIndicatorsAppendix;
    const rows = [...walkTemplateRows(pl2.rows)];
    const byName = (name: string) => rows.filter((r) => r.row.name === name);
    const revenue = byName("Tổng thu ngân sách");
    expect(revenue).toHaveLength(1);
    expect(revenue[0]).toMatchObject({ row: { tt: "7", unit: "tỷ.đ", indicator: "TONG_THU_NGAN_SACH" }, effectiveLead: ["Sở Tài chính"] });
    const forest = byName("Tỷ lệ che phủ rừng");
    expect(forest[0]).toMatchObject({ row: { tt: "4", unit: "%", indicator: "TY_LE_CHE_PHU_RUNG" }, effectiveLead: ["Sở Nông nghiệp và Phát triển nông thôn"] });
    const fdi = byName("Doanh nghiệp FDI");
    expect(fdi.map((r) => r.row.unit)).toEqual(["DN", "tỷ.đ", "Lao động", "%", "tỷ.đ"]);
    for (const r of fdi) expect(r.effectiveLead).toEqual(["Sở Kế hoạch và Đầu tư", "Cục Thống kê thành phố", "Cục Thuế thành phố"]);
    expect(byName("Tỷ lệ tham gia BHYT")[0]!.effectiveLead).toEqual(["Bảo hiểm xã hội thành phố", "Sở Y tế"]);
    expect(byName("Chỉ số cải cách hành chính (PAR INDEX)")[0]!.effectiveLead).toEqual(["Sở Nội vụ"]);
    expect(byName("Chỉ số Năng lực cạnh tranh cấp tỉnh (PCI)")[0]!.effectiveLead).toEqual(["Sở Kế hoạch và Đầu tư"]);
    expect(byName("Chỉ số Thương mại điện tử (EBI)")[0]!.effectiveLead).toEqual(["Sở Công Thương"]);
    // mọi dòng chỉ tiêu đều có cơ quan thực tế
    expect(rows.filter((r) => r.row.indicator && r.effectiveLead.length === 0).map((r) => r.row.name)).toEqual([]);
    // cơ quan của mốc M1 (05/5) đúng bằng tập cơ quan của Phụ lục 2
    const leads = new Set(rows.flatMap((r) => r.row.lead ?? []));
    expect(new Set(t.milestones[0]!.from)).toEqual(leads);
  });

  it("Phụ lục 1: cột như văn bản, dòng mẫu là ví dụ", () => {
    const pl1 = t.appendices.find((a) => a.code === "PL1") as TemplateRecordsAppendix;
    expect(pl1.rowNumberColumn?.title).toBe("TT");
    expect(pl1.columns.map((c) => c.title)).toEqual([
      "Nội dung",
      "Thời gian ban hành",
      "Trích yếu nội dung",
      "Đánh giá thực hiện (đã hoàn thành/ đang triển khai; nêu cụ thể các khó khăn, vướng mắc nếu có)",
    ]);
    expect(seedText).toContain(`TT\t${pl1.columns.map((c) => c.title).join("\t")}`);
    expect(pl1.rows ?? []).toEqual([]);
    expect(pl1.columns[0]!.examples).toEqual(["Kế hoạch số....", "Chương trình số....", "Quyết định số...."]);
  });

  it("Phụ lục 3: 11 công trình với cơ quan báo cáo", () => {
    const pl3 = t.appendices.find((a) => a.code === "PL3") as TemplateRecordsAppendix;
    const start = lines.findIndex((l) => l.trim() === "PHỤ LỤC 3");
    const seedRows = lines
      .slice(start, start + 20)
      .filter((l) => /^\d+\t/.test(l))
      .map((l) => l.split("\t"));
    expect(seedRows).toHaveLength(11);
    expect(pl3.rows).toHaveLength(11);
    pl3.rows!.forEach((r, i) => {
      expect(r.values["ten_cong_trinh"]).toBe(seedRows[i]![1]);
      expect(r.agency).toBe(seedRows[i]![3]);
    });
    expect(pl3.rows!.filter((r) => r.agency === "Sở Giao thông vận tải")).toHaveLength(6);
    expect(pl3.reporters).toBeUndefined();
  });

  it("mốc tiến độ theo thứ tự, lời văn có trong văn bản", () => {
    expect(t.milestones.map((m) => m.due)).toEqual([
      "2024-05-05",
      "2024-05-10",
      "2024-05-10",
      "2024-05-16",
      "2024-05-21",
      "2024-05-24",
      "2024-05-31",
      "2024-06-15",
    ]);
    for (const m of t.milestones) if (m.wording !== undefined) expect(seedText).toContain(m.wording);
    // M3: văn bản không nêu hạn phần báo cáo của các sở, ngành, UBND quận, huyện — không có lời văn, giả định ghi trong note
    expect(t.milestones.filter((m) => m.wording === undefined).map((m) => m.code)).toEqual(["M3"]);
    expect(t.milestones[2]!.note).toMatch(/Giả định/);
    expect(t.milestones.map((m) => m.to)).toEqual([
      "Sở Kế hoạch và Đầu tư",
      "Sở Kế hoạch và Đầu tư",
      "Sở Kế hoạch và Đầu tư",
      "Ủy ban nhân dân thành phố",
      "Ban Thường vụ Thành ủy",
      "Thường trực Thành ủy",
      "Ban Kinh tế Trung ương",
      "Ban Chỉ đạo sơ kết Nghị quyết số 45-NQ/TW (qua Ban Kinh tế Trung ương)",
    ]);
  });

  it("yêu cầu: 70 trang; tham luận 8–12 trang, Times New Roman 14, A4", () => {
    expect(t.requirements.pages).toEqual({ max: 70, excludes: "các bảng biểu và phụ lục" });
    const tl = t.requirements.contributions![0]!;
    expect(tl).toMatchObject({ owner: "Ban Tổ chức Thành ủy", pages: { min: 8, max: 12 }, paper: "A4", font: { family: "Times New Roman", size: 14 }, due: "2024-05-24" });
    expect(norm(seedText)).toContain(tl.topic);
  });

  it("hạn của từng phần việc theo mốc sớm nhất áp dụng", () => {
    const covers = groupCovers;
    expect(resolveMilestone(t, "Sở Tài chính", { kind: "appendix", code: "PL2" }, covers)?.due).toBe("2024-05-05");
    expect(resolveMilestone(t, "Sở Tài chính", { kind: "outline" }, covers)?.due).toBe("2024-05-10");
    expect(resolveMilestone(t, "Sở Giao thông vận tải", { kind: "appendix", code: "PL3" }, covers)?.code).toBe("M3");
    expect(resolveMilestone(t, "Ban Tuyên giáo Thành ủy", { kind: "outline" }, covers)?.code).toBe("M2");
    expect(resolveMilestone(t, "Ban Tổ chức Thành ủy", { kind: "contribution", code: "TL1" }, covers)?.due).toBe("2024-05-24");
    expect(resolveMilestone(t, "Ủy ban nhân dân huyện Cát Hải", { kind: "outline" }, covers)?.code).toBe("M3");
  });

  it("mọi cơ quan được giao việc đều có mốc tiến độ", () => {
    expect(uncovered(t)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Chỉ thị 15

describe("Chỉ thị 15/CT-UBND: mẫu so với văn bản nguồn", () => {
  const seedText = readFileSync(CT_SEED, "utf8");
  const seedNorm = lower(fixOcr(norm(seedText)));
  const t = load("ct15-2020-ke-hoach-5-nam.yaml");

  it("đề cương: A.I 1–12, A.II 1–4 với a)–m), C 1–2", () => {
    expect(t.outline.map((i) => i.label)).toEqual(["A", "C"]);
    const [a, c] = t.outline;
    expect(a!.children!.map((x) => x.label)).toEqual(["I", "II"]);
    expect(a!.children![0]!.children!.map((x) => x.label)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
    expect(a!.children![0]!.children![1]!.children!.map((x) => x.label)).toEqual(["a)", "b)", "c)", "d)"]);
    expect(a!.children![1]!.children!.map((x) => x.label)).toEqual(["1", "2", "3", "4"]);
    expect(a!.children![1]!.children![3]!.children!.map((x) => x.label)).toEqual(["a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)", "k)", "l)", "m)"]);
    expect(c!.children!.map((x) => x.label)).toEqual(["1", "2"]);
    expect(outlineOf(t)).toHaveLength(38);
  });

  it("nhãn và tiêu đề của mọi mục có trong văn bản", () => {
    const missing = outlineOf(t)
      .filter((v) => {
        const { label, title } = v.item;
        return ![`${label}. ${title}`, `${label} ${title}`].some((s) => seedNorm.includes(lower(norm(s))));
      })
      .map((v) => `${v.labels.join(" / ")}: ${v.item.title}`);
    expect(missing).toEqual([]);
  });

  it("phân công: các sở, ban, ngành và UBND các quận, huyện cho mọi mục", () => {
    for (const v of outlineOf(t)) expect(v.effectiveLead).toEqual(["Các sở, ban, ngành thành phố", "Ủy ban nhân dân các quận, huyện"]);
  });

  it("Phụ lục I: mọi mục tiêu, đơn vị tính và cơ quan báo cáo", () => {
    const pl1 = t.appendices[0] as TemplateIndicatorsAppendix;
    const rows = [...walkTemplateRows(pl1.rows)];
    const withTarget = rows.filter((r) => r.row.target !== undefined);
    expect(withTarget.map((r) => r.row.target)).toEqual([
      "10,5%/năm", "11,7%/năm", "10%/năm", "2,7%/năm", "5.600", "100", "57", "37,7", "5,3", "14%/năm", "12-17", "110",
      "440.000", "7,5", "80.000", "20.000", "100", "40", "<4", "85", "52.000/năm", "85", "90", "77", "0,7-1,0", "100", "90",
      "100", "100",
    ]);
    const KHDT_CTK = ["Sở Kế hoạch và Đầu tư", "Cục Thống kê thành phố"];
    const LD = ["Sở Lao động - Thương binh và Xã hội"];
    expect(withTarget.map((r) => [r.row.name, r.row.unit, r.effectiveLead])).toEqual([
      ["Tăng trưởng tổng sản phẩm trên địa bàn (GRDP), trong đó:", "%", KHDT_CTK],
      ["Dịch vụ", "%", KHDT_CTK],
      ["Công nghiệp – xây dựng", "%", KHDT_CTK],
      ["Nông, lâm nghiệp và thủy sản", "%", KHDT_CTK],
      ["GDP bình quân đầu người (theo giá hiện hành)", "USD", KHDT_CTK],
      ["Cơ cấu kinh tế, trong đó:", "%", KHDT_CTK],
      ["Dịch vụ", "%", KHDT_CTK],
      ["Công nghiệp – xây dựng", "%", KHDT_CTK],
      ["Nông, lâm nghiệp và thủy sản", "%", KHDT_CTK],
      ["Tốc độ tăng chỉ số sản xuất công nghiệp (IIP)", "%", ["Sở Công Thương"]],
      ["Kim ngạch xuất khẩu", "Tỷ USD", ["Sở Công Thương"]],
      ["Sản lượng hàng hóa thông qua cảng", "Triệu tấn", ["Sở Giao thông vận tải"]],
      ["Tổng vốn đầu tư toàn xã hội", "Tỷ đồng", KHDT_CTK],
      ["Thu hút khách du lịch", "Triệu lượt", ["Sở Du lịch", "Cục Thống kê thành phố"]],
      ["Thu ngân sách nhà nước trên địa bàn", "Tỷ đồng", ["Sở Tài chính"]],
      ["Trong đó thu nội địa", "Tỷ đồng", ["Sở Tài chính"]],
      ["Tỷ lệ xã hoàn thành xây dựng nông thôn mới", "%", ["Sở Nông nghiệp và Phát triển nông thôn"]],
      ["Tỷ trọng năng suất tổng hợp TFP đóng góp vào tăng trưởng", "%", ["Sở Khoa học và Công nghệ"]],
      ["Tỷ lệ thất nghiệp thành thị", "%", LD],
      ["Tỷ lệ sử dụng thời gian làm việc của lao động nông thôn", "%", LD],
      ["Giải quyết việc làm cho người lao động", "Lượt người", LD],
      ["Tỷ lệ lao động qua đào tạo", "%", LD],
      ["Tỷ lệ người dân tham gia bảo hiểm y tế", "%", ["Sở Y tế", "Bảo hiểm xã hội thành phố"]],
      ["Tuổi thọ trung bình", "Tuổi", ["Sở Y tế", "Cục Thống kê thành phố"]],
      ["Mức giảm tỷ lệ hộ nghèo (theo chuẩn quốc gia)", "%", LD],
      ["Đô thị", "%", ["Sở Xây dựng"]],
      ["Nông thôn", "%", ["Sở Nông nghiệp và Phát triển nông thôn"]],
      ["Tỷ lệ cơ sở khám bệnh, chữa bệnh xử lý chất thải y tế đạt tiêu chuẩn môi trường", "%", ["Sở Y tế"]],
      ["Tỷ lệ khu, cụm công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung đạt tiêu chuẩn môi trường", "%", ["Sở Tài nguyên và Môi trường"]],
    ]);
    // mục tiêu có trong văn bản (văn bản viết "10,5%/ năm", "52.000/ năm")
    for (const r of withTarget) expect(seedNorm.replace(/\/ năm/g, "/năm")).toContain(lower(r.row.target!));
    // tên dòng có trong văn bản (trừ ba dòng nhóm do người chép đặt)
    const groups = new Set(["Chỉ tiêu kinh tế", "Chỉ tiêu xã hội", "Chỉ tiêu môi trường"]);
    for (const r of rows.filter((x) => !groups.has(x.row.name))) expect(seedNorm).toContain(lower(norm(r.row.name)));
  });

  it("Phụ lục I: ba dòng mở cho các sở, ban, ngành tự thêm chỉ tiêu", () => {
    const pl1 = t.appendices[0] as TemplateIndicatorsAppendix;
    const open: TemplateIndicatorRow[] = [...walkTemplateRows(pl1.rows)].map((r) => r.row).filter((r) => r.openForAgencies);
    expect(open.map((r) => [r.tt, r.name, r.lead])).toEqual([
      ["12", "Một số chỉ tiêu đề xuất bổ sung,…", ["Các sở, ban, ngành thành phố"]],
      ["7", "Một số chỉ tiêu đề xuất bổ sung,…", ["Các sở, ban, ngành thành phố"]],
      ["4", "Một số chỉ tiêu đề xuất bổ sung,…", ["Các sở, ban, ngành thành phố"]],
    ]);
  });

  it("mốc: 30/6/2020 các cơ quan gửi Sở Kế hoạch và Đầu tư; 31/7/2020 Sở gửi Bộ Kế hoạch và Đầu tư", () => {
    expect(t.milestones.map((m) => [m.due, m.wording, m.to, m.scope.kind])).toEqual([
      ["2020-06-30", "trước ngày 30/6/2020", "Sở Kế hoạch và Đầu tư", "all"],
      ["2020-07-31", "trước ngày 31/7/2020", "Bộ Kế hoạch và Đầu tư", "coordinator"],
    ]);
    for (const m of t.milestones) expect(seedText).toContain(m.wording!);
    expect(uncovered(t)).toEqual([]);
    expect(resolveMilestone(t, "Cục Thống kê thành phố", { kind: "appendix", code: "PL1" }, groupCovers)?.due).toBe("2020-06-30");
  });
});

// ---------------------------------------------------------------------------------------------------
// Kiểm tra mốc phủ mọi cơ quan được giao (với quan hệ nhóm ↔ thành viên tối thiểu cho bài kiểm thử)

function groupCovers(from: string, agency: string): boolean {
  if (from === agency) return true;
  switch (from) {
    case "Các sở, ban, ngành thành phố":
      return agency.startsWith("Sở ");
    case "Ủy ban nhân dân các quận, huyện":
      return /^Ủy ban nhân dân (quận|huyện) /.test(agency);
    case "Các Ban của Thành ủy":
      return /^Ban .+ Thành ủy$/.test(agency);
    default:
      return false;
  }
}

function uncovered(t: CampaignTemplate): string[] {
  const out: string[] = [];
  const need = (agency: string, a: Parameters<typeof resolveMilestone>[2], where: string) => {
    if (!resolveMilestone(t, agency, a, groupCovers)) out.push(`${agency} (${where})`);
  };
  for (const v of walkTemplateOutline(t.outline)) for (const ag of v.item.lead ?? []) need(ag, { kind: "outline" }, v.labels.join(" / "));
  for (const a of t.appendices) {
    if (a.kind === "indicators") {
      for (const r of walkTemplateRows(a.rows)) for (const ag of r.row.lead ?? []) need(ag, { kind: "appendix", code: a.code }, `${a.code} ${r.row.name}`);
    } else {
      for (const ag of a.reporters ?? []) need(ag, { kind: "appendix", code: a.code }, a.code);
      for (const r of a.rows ?? []) need(r.agency, { kind: "appendix", code: a.code }, a.code);
    }
  }
  for (const c of t.requirements.contributions ?? []) need(c.owner, { kind: "contribution", code: c.code }, c.code);
  return out;
}
