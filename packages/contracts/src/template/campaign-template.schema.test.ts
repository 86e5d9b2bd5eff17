import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  TEMPLATE_FORMAT_VERSION,
  campaignTemplateJsonSchemaText,
  campaignTemplateSchema,
  checkIndicatorExpression,
  expandColumns,
  parseCampaignTemplate,
  summarizeTemplate,
} from "./index.js";
import type { CampaignTemplate, TemplateIndicatorsAppendix, TemplateOutlineItem, TemplateRecordsAppendix } from "./index.js";

const templatesDir = new URL("../../../../templates/", import.meta.url);
const CV2830 = "cv2830-2024-so-ket-nq45.yaml";
const CT15 = "ct15-2020-ke-hoach-5-nam.yaml";

function readYaml(file: string): unknown {
  return parse(readFileSync(new URL(file, templatesDir), "utf8"));
}

function load(file: string): CampaignTemplate {
  const r = parseCampaignTemplate(readYaml(file));
  if (!r.ok) throw new Error(`${file}: ${r.issues.map((i) => `${i.path}: ${i.message}`).join("\n")}`);
  return r.template;
}

/** Dữ liệu thô (chưa kiểm tra) để sửa thành biến thể hỏng. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** Bản sao sâu của dữ liệu thô để sửa thành biến thể hỏng. */
function raw(file: string): Loose {
  return structuredClone(readYaml(file));
}

function issuesOf(input: unknown) {
  const r = parseCampaignTemplate(input);
  if (r.ok) throw new Error("mẫu hỏng lại được chấp nhận");
  return r.issues;
}

describe("hai mẫu gốc", () => {
  it.each([CV2830, CT15])("%s đọc được và hợp lệ", (file) => {
    const text = readFileSync(new URL(file, templatesDir), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=./campaign-template.schema.json");
    const t = load(file);
    expect(t.formatVersion).toBe(TEMPLATE_FORMAT_VERSION);
    expect(campaignTemplateSchema.safeParse(readYaml(file)).success).toBe(true);
  });

  it("ví dụ có chú thích trong templates/README.md hợp lệ", () => {
    const readme = readFileSync(new URL("README.md", templatesDir), "utf8");
    const section = readme.slice(readme.indexOf("## Ví dụ có chú thích"));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    const r = parseCampaignTemplate(parse(block!));
    expect(r.ok ? [] : r.issues).toEqual([]);
    if (r.ok) {
      expect(summarizeTemplate(r.template)).toMatchObject({ outlineItems: 4, assignedItems: 3, milestones: 2 });
      const e = expandColumns(r.template.appendices[0]!, r.template.areas);
      expect(e.leaves.map((l) => l.key)).toContain("value:2021-2025:HP");
    }
  });

  it("tóm tắt như template:check", () => {
    expect(summarizeTemplate(load(CV2830))).toMatchObject({
      outlineItems: 247,
      milestones: 8,
      appendices: [
        { code: "PL1", kind: "records", rows: 0 },
        { code: "PL2", kind: "indicators", rows: 219 },
        { code: "PL3", kind: "records", rows: 11 },
      ],
    });
    expect(summarizeTemplate(load(CT15))).toMatchObject({
      outlineItems: 38,
      assignedItems: 38,
      milestones: 2,
      appendices: [{ code: "PL1", kind: "indicators", rows: 36 }],
    });
  });

  it("chỉ tiêu dùng chung giữa hai mẫu có cùng định nghĩa trong danh mục", () => {
    const a = new Map(load(CV2830).indicators.map((i) => [i.code, i]));
    const shared = load(CT15).indicators.filter((i) => a.has(i.code));
    expect(shared.map((i) => i.code).sort()).toEqual(
      [
        "GRDP_TANG_TRUONG",
        "GRDP_TANG_TRUONG_CN_XD",
        "GRDP_TANG_TRUONG_DV",
        "GRDP_TANG_TRUONG_NLTS",
        "IIP_TANG_TRUONG",
        "TFP_DONG_GOP",
        "THU_NOI_DIA",
        "THU_NSNN_DIA_BAN",
        "TY_LE_BAO_HIEM_Y_TE",
        "TY_LE_LAO_DONG_QUA_DAO_TAO",
        "TY_LE_XA_NTM",
        "VON_DTXH",
      ].sort(),
    );
    for (const i of shared) expect(i).toEqual(a.get(i.code));
  });
});

describe("JSON Schema công bố", () => {
  it("tệp templates/campaign-template.schema.json khớp với lược đồ zod (chạy node scripts/generate-template-schema.mjs nếu lệch)", () => {
    const committed = readFileSync(new URL("campaign-template.schema.json", templatesDir), "utf8");
    expect(committed).toBe(campaignTemplateJsonSchemaText());
  });

  it("có mô tả tiếng Việt và cấm khóa lạ", () => {
    const s: Loose = JSON.parse(campaignTemplateJsonSchemaText());
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.referenceDate.description).toMatch(/Ngày tham chiếu/);
    expect(s.definitions.TemplateOutlineItem.additionalProperties).toBe(false);
    expect(s.definitions.TemplateOutlineItem.properties.lead.description).toMatch(/Cơ quan chủ trì/);
  });
});

describe("mẫu hỏng bị từ chối với thông báo và đường dẫn đúng", () => {
  const deepOutline = (levels: number): TemplateOutlineItem => {
    let item: TemplateOutlineItem = { label: "1", title: "Mục sâu nhất" };
    for (let i = 1; i < levels; i++) item = { label: "1", title: `Mục cấp ${levels - i}`, children: [item] };
    return item;
  };

  const cases: { name: string; mutate: (t: Loose) => void; path: string; message: RegExp }[] = [
    { name: "khóa lạ ở gốc", mutate: (t) => (t.foo = 1), path: "(gốc)", message: /Khóa không được nhận dạng: "foo"/ },
    { name: "khóa lạ trong mục đề cương", mutate: (t) => (t.outline[0].chuTri = ["Sở Y tế"]), path: "outline[0]", message: /chuTri/ },
    { name: "sai kiểu: formatVersion là chuỗi", mutate: (t) => (t.formatVersion = "1"), path: "formatVersion", message: /formatVersion phải là 1/ },
    { name: "sai kiểu: lead là chuỗi", mutate: (t) => (t.outline[0].children[0].lead = "Sở Y tế"), path: "outline[0].children[0].lead", message: /Danh sách cơ quan phải là một danh sách tên/ },
    { name: "ngày sai", mutate: (t) => (t.milestones[0].due = "05/5/2024"), path: "milestones[0].due", message: /YYYY-MM-DD/ },
    { name: "mã phụ lục trùng", mutate: (t) => (t.appendices[2].code = "PL1"), path: "appendices[2].code", message: /Mã phụ lục "PL1" bị trùng/ },
    {
      name: "dòng tham chiếu chỉ tiêu không có",
      mutate: (t) => (t.appendices[1].rows[0].children[0].indicator = "KHONG_CO"),
      path: "appendices[1].rows[0].children[0].indicator",
      message: /Chỉ tiêu "KHONG_CO" không có trong indicators/,
    },
    { name: "mã chỉ tiêu trùng", mutate: (t) => t.indicators.push({ ...t.indicators[0] }), path: "indicators[166].code", message: /bị trùng/ },
    {
      name: "nhãn trùng giữa các mục cùng cấp",
      mutate: (t) => (t.outline[1].children[1].label = "I"),
      path: "outline[1].children[1].label",
      message: /Nhãn "I" trùng với mục cùng cấp tại outline\[1\]\.children\[0\]/,
    },
    { name: "đề cương sâu 40 cấp", mutate: (t) => t.outline.push(deepOutline(40)), path: "outline[5].children[0].children[0].children[0].children[0].children[0].children[0].children[0].children[0].children[0].children[0].children[0].children[0]", message: /sâu quá 12 cấp/ },
    { name: "hướng dẫn 5 MB", mutate: (t) => (t.outline[0].children[0].guidance = "x".repeat(5_000_000)), path: "outline[0].children[0].guidance", message: /dài quá 20000 ký tự/ },
    { name: "tên cơ quan 1000 ký tự", mutate: (t) => (t.outline[0].children[0].lead = ["S".repeat(1000)]), path: "outline[0].children[0].lead[0]", message: /dài quá 300/ },
    { name: "mốc không theo thứ tự thời gian", mutate: (t) => ([t.milestones[0], t.milestones[3]] = [t.milestones[3], t.milestones[0]]), path: "milestones[3].due", message: /theo thứ tự thời gian/ },
    { name: "mốc tham chiếu phụ lục không có", mutate: (t) => (t.milestones[0].scope.codes = ["PL9"]), path: "milestones[0].scope.codes[0]", message: /Phụ lục "PL9" không có/ },
    { name: "mục đề cương tham chiếu phụ lục không có", mutate: (t) => (t.outline[1].children[1].appendices = ["PL9"]), path: "outline[1].children[1].appendices[0]", message: /Phụ lục "PL9" không có/ },
    { name: "giai đoạn chưa khai báo", mutate: (t) => (t.appendices[1].columns[1].period = "2009-2013"), path: "appendices[1].columns[1].period", message: /"2009-2013" chưa được khai báo/ },
    { name: "địa bàn chưa khai báo", mutate: (t) => (t.appendices[1].columns[2].areas.codes = ["HP", "HN"]), path: "appendices[1].columns[2].areas.codes[1]", message: /Địa bàn "HN" chưa được khai báo/ },
    { name: "hai địa bàn chính", mutate: (t) => (t.areas[1].primary = true), path: "areas", message: /đúng một địa bàn chính/ },
    { name: "cột trùng", mutate: (t) => t.appendices[1].columns.push({ kind: "value", period: "2019" }), path: "appendices[1].columns[3]", message: /trùng với một cột khác/ },
    { name: "cột giai đoạn tính được đánh dấu sai", mutate: (t) => (t.appendices[1].columns[1].mode = "computed"), path: "appendices[1].columns", message: /không thể tính/ },
    { name: "loại cột lạ", mutate: (t) => (t.appendices[1].columns[1].kind = "bieu-do"), path: "appendices[1].columns[1].kind", message: /Loại cột \(kind\) phải là/ },
    { name: "cột dòng điền sẵn không có", mutate: (t) => (t.appendices[2].rows[0].values.ghi_chu = "x"), path: "appendices[2].rows[0].values.ghi_chu", message: /Cột "ghi_chu" không có/ },
    { name: "dòng điền sẵn thiếu cột prefilled", mutate: (t) => (t.appendices[2].rows[0].values = {}), path: "appendices[2].rows[0].values", message: /thiếu giá trị cột "Tên công trình"/ },
    { name: "quy tắc tham chiếu chỉ tiêu không có", mutate: (t) => (t.appendices[1].validations[0].of[0] = "KHONG_CO"), path: "appendices[1].validations[0].of[0]", message: /"KHONG_CO" không có trong indicators/ },
    {
      name: "biểu thức tham chiếu vòng",
      mutate: (t) => {
        t.indicators[0].expression = "GRDP_HH / 2";
        t.indicators[2].expression = "GRDP_TANG_TRUONG * 3";
      },
      path: "indicators[0].expression",
      message: /tham chiếu vòng tròn: GRDP_TANG_TRUONG → GRDP_HH → GRDP_TANG_TRUONG/,
    },
    { name: "biểu thức sai cú pháp", mutate: (t) => (t.indicators[0].expression = "GRDP_HH / (VON_DTXH"), path: "indicators[0].expression", message: /sai cú pháp: thiếu dấu "\)"/ },
    { name: "mốc không có lời văn và không có ghi chú", mutate: (t) => delete t.milestones[0].wording, path: "milestones[0]", message: /phải ghi giả định vào note/ },
    { name: "thể thức văn bản lạ", mutate: (t) => (t.report.system = "khac"), path: "report.system", message: /nha-nuoc hoặc dang/ },
  ];

  it.each(cases)("$name", ({ mutate, path, message }) => {
    const t = raw(CV2830);
    mutate(t);
    const issues = issuesOf(t);
    const hit = issues.find((i) => i.path === path && message.test(i.message));
    expect(hit, JSON.stringify(issues.slice(0, 5), null, 1).slice(0, 2000)).toBeDefined();
  });

  it("dòng mở không được gắn chỉ tiêu và phải có cơ quan", () => {
    const t = raw(CT15);
    const open = t.appendices[0].rows[0].children[11];
    expect(open.openForAgencies).toBe(true);
    open.indicator = "VON_DTXH";
    delete open.lead;
    const issues = issuesOf(t);
    expect(issues.map((i) => i.message).join("\n")).toMatch(/Dòng mở .* không được gắn chỉ tiêu/);
    expect(issues.map((i) => i.message).join("\n")).toMatch(/phải ghi cơ quan được thêm chỉ tiêu/);
  });

  it("cột đánh giá cần cột mục tiêu cùng kỳ; dòng có mục tiêu cần cột mục tiêu", () => {
    const t = raw(CT15);
    t.appendices[0].columns.shift(); // bỏ cột mục tiêu
    const messages = issuesOf(t).map((i) => i.message).join("\n");
    expect(messages).toMatch(/Cột đánh giá .* cần một cột mục tiêu/);
    expect(messages).toMatch(/có mục tiêu nhưng phụ lục không có cột mục tiêu/);
  });

  it("dữ liệu lồng hàng nghìn cấp bị chặn trước khi phân tích", () => {
    let deep: Loose = { label: "1", title: "x" };
    for (let i = 0; i < 5000; i++) deep = { label: "1", title: "x", children: [deep] };
    const t = raw(CT15);
    t.outline.push(deep);
    const issues = issuesOf(t);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/lồng quá sâu/);
  });

  it("nhãn gạch đầu dòng được phép trùng", () => {
    const t = raw(CV2830);
    expect(t.outline[0].children.map((c: TemplateOutlineItem) => c.label)).toEqual(["-", "-", "-"]);
    expect(parseCampaignTemplate(t).ok).toBe(true);
  });
});

describe("biểu thức chỉ tiêu tính toán", () => {
  it.each([
    ["VON_DTXH / GRDP_HH * 100", ["VON_DTXH", "GRDP_HH"]],
    ["(A + B) - -C / 2,5 × 1.000", ["A", "B", "C"]],
  ])("%s", (src, refs) => {
    expect(checkIndicatorExpression(src)).toEqual({ ok: true, references: refs });
  });
  it.each(["", "A +", "A B", "100", "A % B", "a + b", "((A)", "A * 0.5", "A * 1,"])("từ chối %j", (src) => {
    expect(checkIndicatorExpression(src).ok).toBe(false);
  });
});

describe("expandColumns", () => {
  const cells = (rows: { title: string; col: number; colSpan: number; rowSpan: number }[][]) =>
    rows.map((r) => r.map((c) => [c.title, c.col, c.colSpan, c.rowSpan]));

  it("CV2830 Phụ lục 2: tiêu đề hai tầng Năm / Giai đoạn × địa bàn, dòng đánh số A B C 1…10", () => {
    const t = load(CV2830);
    const pl2 = t.appendices.find((a) => a.code === "PL2") as TemplateIndicatorsAppendix;
    const e = expandColumns(pl2, t.areas);
    expect(cells(e.header)).toEqual([
      [
        ["TT", 0, 1, 2],
        ["Chỉ tiêu", 1, 1, 2],
        ["ĐVT", 2, 1, 2],
        ["Năm", 3, 6, 1],
        ["Giai đoạn 2014- 2018", 9, 1, 2],
        ["Giai đoạn 2019-2023", 10, 3, 1],
        ["Đơn vị chủ trì, theo dõi, báo cáo", 13, 1, 2],
      ],
      [
        ["2018", 3, 1, 1],
        ["2019", 4, 1, 1],
        ["2020", 5, 1, 1],
        ["2021", 6, 1, 1],
        ["2022", 7, 1, 1],
        ["2023", 8, 1, 1],
        ["Hải Phòng", 10, 1, 1],
        ["Cả nước", 11, 1, 1],
        ["Vùng đồng bằng sông Hồng", 12, 1, 1],
      ],
    ]);
    expect(e.numbers).toEqual(["A", "B", "C", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", ""]);
    expect(e.leaves.map((l) => [l.key, "mode" in l ? l.mode : null])).toEqual([
      ["value:2018:HP", "input"],
      ["value:2019:HP", "input"],
      ["value:2020:HP", "input"],
      ["value:2021:HP", "input"],
      ["value:2022:HP", "input"],
      ["value:2023:HP", "input"],
      ["value:2014-2018:HP", "input"], // 2014–2017 không có trong bảng: nhập
      ["value:2019-2023:HP", "computed"], // mọi năm 2019–2023 có trong bảng: tính
      ["value:2019-2023:VN", "input"],
      ["value:2019-2023:DBSH", "input"],
    ]);
  });

  it("CT15 Phụ lục I: Mục tiêu | Thực hiện từng năm 2016…2020 | Thực hiện giai đoạn | Đánh giá | Dự kiến | Cơ quan", () => {
    const t = load(CT15);
    const e = expandColumns(t.appendices[0]!, t.areas);
    expect(cells(e.header)).toEqual([
      [
        ["TT", 0, 1, 2],
        ["CHỈ TIÊU", 1, 1, 2],
        ["Đơn vị tính", 2, 1, 2],
        ["Mục tiêu giai đoạn 2016- 2020", 3, 1, 2],
        ["Thực hiện từng năm", 4, 5, 1],
        ["Thực hiện giai đoạn 2016- 2020", 9, 1, 2],
        ["Đánh giá thực hiện với mục tiêu 2016-2020", 10, 1, 2],
        ["Dự kiến giai đoạn 2021- 2025", 11, 1, 2],
        ["Cơ quan báo cáo", 12, 1, 2],
      ],
      [
        ["2016", 4, 1, 1],
        ["2017", 5, 1, 1],
        ["2018", 6, 1, 1],
        ["2019", 7, 1, 1],
        ["2020", 8, 1, 1],
      ],
    ]);
    expect(e.numbers).toBeUndefined();
    expect(e.leaves.map((l) => l.kind)).toEqual(["target", "value", "value", "value", "value", "value", "value", "evaluation", "proposal"]);
    expect(e.leaves[6]).toMatchObject({ key: "value:2016-2020:HP", mode: "computed" });
  });

  it("phụ lục danh sách: một hàng tiêu đề gồm TT, các cột, cột cơ quan", () => {
    const t = load(CV2830);
    const pl3 = t.appendices.find((a) => a.code === "PL3") as TemplateRecordsAppendix;
    expect(cells(expandColumns(pl3).header)).toEqual([
      [
        ["TT", 0, 1, 1],
        ["Tên công trình", 1, 1, 1],
        ["Nội dung đánh giá", 2, 1, 1],
        ["Cơ quan báo cáo", 3, 1, 1],
      ],
    ]);
  });

  it("nhóm lồng ba tầng và cột ghi chú", () => {
    const t = load(CT15);
    const a: TemplateIndicatorsAppendix = {
      ...(t.appendices[0] as TemplateIndicatorsAppendix),
      columnNumbers: true,
      columns: [
        { kind: "group", title: "Số liệu", children: [{ kind: "group", title: "Từng năm", years: { from: 2019, to: 2020 } }, { kind: "value", period: "2016-2020" }] },
        { kind: "note", title: "Ghi chú" },
      ],
    };
    const e = expandColumns(a, t.areas);
    expect(cells(e.header)).toEqual([
      [
        ["TT", 0, 1, 3],
        ["CHỈ TIÊU", 1, 1, 3],
        ["Đơn vị tính", 2, 1, 3],
        ["Số liệu", 3, 3, 1],
        ["Ghi chú", 6, 1, 3],
        ["Cơ quan báo cáo", 7, 1, 3],
      ],
      [
        ["Từng năm", 3, 2, 1],
        ["2016-2020", 5, 1, 2],
      ],
      [
        ["2019", 3, 1, 1],
        ["2020", 4, 1, 1],
      ],
    ]);
    // 2016–2018 không có cột: giai đoạn là cột nhập
    expect(e.leaves[2]).toMatchObject({ key: "value:2016-2020:HP", mode: "input" });
    expect(e.numbers).toEqual(["A", "B", "C", "1", "2", "3", "4", ""]);
  });
});
