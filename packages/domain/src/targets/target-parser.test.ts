import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatVnNumber } from "../numbers/vn-number.js";
import type { Target } from "./target.js";
import { TargetSyntaxError } from "./target-error.js";
import { formatTarget, targetReferenceValue } from "./target-format.js";
import { parseTarget, tryParseTarget } from "./target-parser.js";

type Expected = Partial<Omit<Target, "text">>;

const bare = (value: number, extra: Expected = {}): Expected => ({
  comparator: "=",
  value,
  perYear: false,
  percent: false,
  approx: false,
  ...extra,
});

// Chỉ thị 15/CT-UBND, Phụ lục I: mọi ô "Mục tiêu giai đoạn 2016-2020" (chữ như trong văn bản), cùng ĐVT.
const CT15_TARGETS: ReadonlyArray<readonly [string, string, string, Expected]> = [
  ["Tăng trưởng GRDP", "%", "10,5%/ năm", bare(10.5, { perYear: true, percent: true, writtenDecimals: 1 })],
  ["– Dịch vụ", "%", "11,7%/năm", bare(11.7, { perYear: true, percent: true })],
  ["– Công nghiệp – xây dựng", "%", "10%/năm", bare(10, { perYear: true, percent: true, writtenDecimals: 0 })],
  ["– Nông, lâm nghiệp và thủy sản", "%", "2,7%/năm", bare(2.7, { perYear: true, percent: true })],
  ["GDP bình quân đầu người", "USD", "5.600", bare(5600)],
  ["Cơ cấu kinh tế", "%", "100", bare(100)],
  ["– Dịch vụ (cơ cấu)", "%", "57", bare(57)],
  ["– Công nghiệp – xây dựng (cơ cấu)", "%", "37,7", bare(37.7)],
  ["– Nông, lâm nghiệp và thủy sản (cơ cấu)", "%", "5,3", bare(5.3)],
  ["Tốc độ tăng IIP", "%", "14%/năm", bare(14, { perYear: true, percent: true })],
  ["Kim ngạch xuất khẩu", "Tỷ USD", "12-17", { comparator: "range", min: 12, max: 17, perYear: false, percent: false }],
  ["Sản lượng hàng hóa thông qua cảng", "Triệu tấn", "110", bare(110)],
  ["Tổng vốn đầu tư toàn xã hội", "Tỷ đồng", "440.000", bare(440000)],
  ["Thu hút khách du lịch", "Triệu lượt", "7,5", bare(7.5)],
  ["Thu ngân sách nhà nước trên địa bàn", "Tỷ đồng", "80.000", bare(80000)],
  ["– Trong đó thu nội địa", "Tỷ đồng", "20.000", bare(20000)],
  ["Tỷ lệ xã hoàn thành xây dựng nông thôn mới", "%", "100", bare(100)],
  ["Tỷ trọng TFP đóng góp vào tăng trưởng", "%", "40", bare(40)],
  ["Tỷ lệ thất nghiệp thành thị", "%", "<4", { comparator: "<", value: 4, perYear: false }],
  ["Tỷ lệ sử dụng thời gian làm việc của lao động nông thôn", "%", "85", bare(85)],
  ["Giải quyết việc làm cho người lao động", "Lượt người", "52.000/ năm", bare(52000, { perYear: true })],
  ["Tỷ lệ lao động qua đào tạo", "%", "85", bare(85)],
  ["Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "90", bare(90)],
  ["Tuổi thọ trung bình", "Tuôi", "77", bare(77)],
  [
    "Mức giảm tỷ lệ hộ nghèo",
    "%",
    "0,7-1,0",
    { comparator: "range", min: 0.7, max: 1, perYear: false, percent: false, writtenDecimals: 1 },
  ],
  ["Chất thải rắn – Đô thị", "%", "100", bare(100)],
  ["Chất thải rắn – Nông thôn", "%", "90", bare(90)],
  ["Cơ sở khám chữa bệnh xử lý chất thải y tế", "%", "100", bare(100)],
  ["Khu, cụm công nghiệp có xử lý nước thải tập trung", "%", "100", bare(100)],
];

// Các cách viết thường gặp khác (đề bài, DOMAIN.md, văn bản hành chính).
const OFFICIAL_PHRASES: ReadonlyArray<readonly [string, Expected]> = [
  ["tối thiểu 16%/năm", { comparator: ">=", value: 16, perYear: true, percent: true }],
  ["ít nhất 95%", { comparator: ">=", value: 95, percent: true }],
  ["không dưới 90%", { comparator: ">=", value: 90 }],
  ["từ 85% trở lên", { comparator: ">=", value: 85, percent: true }],
  ["85% trở lên", { comparator: ">=", value: 85 }],
  ["từ 40", { comparator: ">=", value: 40 }],
  ["trên 5.600 USD", { comparator: ">", value: 5600, unitText: "USD" }],
  ["cao hơn 7", { comparator: ">", value: 7 }],
  ["dưới 4%", { comparator: "<", value: 4, percent: true }],
  ["thấp hơn 2", { comparator: "<", value: 2 }],
  ["tối đa 3%", { comparator: "<=", value: 3 }],
  ["không quá 1,5%", { comparator: "<=", value: 1.5 }],
  ["không vượt quá 2", { comparator: "<=", value: 2 }],
  ["nhiều nhất 10", { comparator: "<=", value: 10 }],
  ["5% trở xuống", { comparator: "<=", value: 5 }],
  ["khoảng 7,5 triệu lượt", { comparator: "=", approx: true, value: 7.5, unitText: "triệu lượt" }],
  ["trên dưới 10%", { comparator: "=", approx: true, value: 10 }],
  ["xấp xỉ 3", { comparator: "=", approx: true, value: 3 }],
  ["~ 3", { comparator: "=", approx: true, value: 3 }],
  ["khoảng 12-17", { comparator: "range", approx: true, min: 12, max: 17 }],
  ["đạt 100%", { comparator: "=", value: 100, percent: true, approx: false }],
  ["đạt 100%.", { comparator: "=", value: 100, percent: true }],
  ["đạt khoảng 90", { comparator: "=", value: 90, approx: true }],
  ["bình quân 10,5%/năm", { comparator: "=", value: 10.5, perYear: true }],
  ["tăng bình quân 10,5%/năm", { comparator: "=", value: 10.5, perYear: true }],
  ["giảm 1-1,5%/năm", { comparator: "range", min: 1, max: 1.5, perYear: true, percent: true }],
  ["mỗi năm 52.000 lao động", { comparator: "=", value: 52000, perYear: true, unitText: "lao động" }],
  ["52.000 lao động mỗi năm", { comparator: "=", value: 52000, perYear: true, unitText: "lao động" }],
  ["52.000 hằng năm", { comparator: "=", value: 52000, perYear: true }],
  ["hàng năm 1.000", { comparator: "=", value: 1000, perYear: true }],
  ["5.600 USD/người/năm", { comparator: "=", value: 5600, perYear: true, unitText: "USD/người" }],
  ["12-17 tỷ USD", { comparator: "range", min: 12, max: 17, unitText: "tỷ USD" }],
  ["100 km²", { comparator: "=", value: 100, unitText: "km²" }],
  ["30 m2", { comparator: "=", value: 30, unitText: "m2" }],
  ["≥ 95%", { comparator: ">=", value: 95 }],
  [">= 95", { comparator: ">=", value: 95 }],
  ["=> 95", { comparator: ">=", value: 95 }],
  ["≤ 3", { comparator: "<=", value: 3 }],
  ["<= 3", { comparator: "<=", value: 3 }],
  ["=< 3", { comparator: "<=", value: 3 }],
  ["> 4", { comparator: ">", value: 4 }],
  ["= 100", { comparator: "=", value: 100 }],
  ["≈ 7", { comparator: "=", value: 7, approx: true }],
  ["12 - 17", { comparator: "range", min: 12, max: 17 }],
  ["12–17", { comparator: "range", min: 12, max: 17 }],
  ["12 — 17", { comparator: "range", min: 12, max: 17 }],
  ["12%-17%", { comparator: "range", min: 12, max: 17, percent: true }],
  ["từ 12 đến 17", { comparator: "range", min: 12, max: 17 }],
  ["từ 12 tới 17", { comparator: "range", min: 12, max: 17 }],
  ["12 đến 17%/năm", { comparator: "range", min: 12, max: 17, percent: true, perYear: true }],
  ["12 ÷ 17", { comparator: "range", min: 12, max: 17 }],
  ["-5 - -3", { comparator: "range", min: -5, max: -3 }],
  ["-2,5%", { comparator: "=", value: -2.5 }],
  ["57 - 37,7 - 5,3", { comparator: "composite", components: [57, 37.7, 5.3] }],
  ["57% - 37,7% - 5,3%", { comparator: "composite", components: [57, 37.7, 5.3], percent: true }],
  ["45 – 40 – 10 – 5", { comparator: "composite", components: [45, 40, 10, 5] }],
  ["TỐI THIỂU 16%/NĂM", { comparator: ">=", value: 16, perYear: true }],
  ["\u00a010,5%/năm\u00a0", { comparator: "=", value: 10.5, perYear: true }],
  ["7 (triệu lượt)", { comparator: "=", value: 7, unitText: "(triệu lượt)" }],
  ["10 R&D", { comparator: "=", value: 10, unitText: "R&D" }],
  ["10,5%/nam", { comparator: "=", value: 10.5, perYear: true }],
  ["-0", { comparator: "=", value: 0 }],
  ["100,", { comparator: "=", value: 100, writtenDecimals: 0 }],
  ["100 ;", { comparator: "=", value: 100 }],
  ["5 İ", { comparator: "=", value: 5, unitText: "İ" }],
  ["77 năm", { comparator: "=", value: 77, unitText: "năm", perYear: false }],
];

describe("parseTarget — mọi mục tiêu của Chỉ thị 15/CT-UBND Phụ lục I", () => {
  it.each(CT15_TARGETS)("%s (%s): %j", (_name, _unit, text, expected) => {
    const t = parseTarget(text);
    expect(t).toMatchObject(expected);
    expect(t.text).toBe(text);
    // Viết lại rồi đọc lại cho đúng cấu trúc.
    const { text: _t1, ...again } = parseTarget(formatTarget(t));
    const { text: _t2, ...orig } = t;
    expect(again).toEqual(orig);
  });

  it("viết lại theo đúng lối văn bản", () => {
    expect(formatTarget(parseTarget("10,5%/ năm"))).toBe("10,5%/năm");
    expect(formatTarget(parseTarget("tối thiểu 16%/năm"))).toBe("tối thiểu 16%/năm");
    expect(formatTarget(parseTarget("12-17"))).toBe("12-17");
    expect(formatTarget(parseTarget("<4"))).toBe("<4");
    expect(formatTarget(parseTarget("52.000/ năm"))).toBe("52.000/năm");
    expect(formatTarget(parseTarget("0,7-1,0"))).toBe("0,7-1,0");
    expect(formatTarget(parseTarget("57 - 37,7 - 5,3"))).toBe("57 - 37,7 - 5,3");
    expect(formatTarget(parseTarget("440.000"))).toBe("440.000");
    expect(formatTarget(parseTarget("khoảng 7,5 triệu lượt"))).toBe("khoảng 7,5 triệu lượt");
    expect(formatTarget(parseTarget("≥ 95%"))).toBe("tối thiểu 95%");
    expect(formatTarget(parseTarget("không quá 3"))).toBe("tối đa 3");
    expect(formatTarget(parseTarget("trên 5.600 USD"))).toBe(">5.600 USD");
    expect(formatTarget(parseTarget("khoảng 12 - 17"))).toBe("khoảng 12-17");
    expect(formatTarget(parseTarget("5.600 USD/người/năm"))).toBe("5.600 USD/người/năm");
  });
});

describe("parseTarget — cách viết thường gặp", () => {
  it.each(OFFICIAL_PHRASES)("%j", (text, expected) => {
    expect(parseTarget(text)).toMatchObject(expected);
  });

  it("nhớ đệm: cùng chữ trả về cùng đối tượng đóng băng", () => {
    const a = parseTarget("12-17");
    expect(parseTarget("12-17")).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(parseTarget("57 - 37,7 - 5,3").components)).toBe(true);
  });

  it("chuẩn hóa NFD về NFC", () => {
    const nfd = "tối thiểu 16%".normalize("NFD");
    expect(parseTarget(nfd)).toMatchObject({ comparator: ">=", value: 16, text: "tối thiểu 16%" });
  });
});

describe("TargetSyntaxError", () => {
  it.each([
    ["", 0, "mục tiêu trống"],
    ["   ", 0, "mục tiêu trống"],
    ["abc", 0, "cần một số nhưng gặp 'a'"],
    ["tối thiểu", 9, "thiếu số"],
    ["17-12", 3, "cận dưới lớn hơn cận trên (17 > 12)"],
    ["1.5", 1, "số '1.5' sai: dấu chấm phân tách hàng nghìn phải đứng trước đúng 3 chữ số"],
    ["12-", 2, "không hiểu '-'"],
    ["tối thiểu dưới 5", 10, "'dưới' mâu thuẫn với điều kiện so sánh đã có trước đó ('tối thiểu')"],
    [">= 12-17", 0, "'tối thiểu' không dùng được với khoảng hay cơ cấu nhiều số"],
    ["5 6", 2, "số thừa '6…'"],
    ["khoảng > 5", 7, "'>' không dùng cùng 'khoảng'"],
    ["> khoảng 5", 2, "'khoảng' không dùng cùng 'trên'"],
    ["trên từ 5", 5, "'từ' không dùng cùng 'trên'"],
    ["trên 5 trở lên", 7, "'trở lên' mâu thuẫn với 'trên'"],
    ["khoảng 5 trở lên", 9, "'trở lên' không dùng cùng 'khoảng'"],
    ["12-17 trở lên", 6, "'trở lên' không dùng với khoảng hay cơ cấu"],
    ["57 - 37,7 đến 5,3", 14, "cơ cấu nhiều số phải nối bằng dấu gạch ngang"],
    ["từ 57 - 37,7 - 5,3", 0, "'từ' không dùng với cơ cấu nhiều số"],
    ["5 USD%", 5, "dấu '%' phải đứng ngay sau số"],
    ["5 # 3", 2, "không hiểu '#'"],
    ["5 USD 2020", 6, "số thừa"],
    ["5 USD; 6", 5, "không hiểu ';'"],
    ["12 - x", 3, "không hiểu '-'"],
    ["1,2,3%", 3, "nhiều hơn một dấu phẩy"],
    ["tối đa trên 5", 7, "'trên' mâu thuẫn với điều kiện so sánh đã có trước đó ('tối đa')"],
    ["= dưới 5", 2, "('=')"],
    ["dưới 5 trở lên", 7, "'trở lên' mâu thuẫn với 'dưới'"],
    ["5 USD/năm %", 10, "dấu '%' phải đứng ngay sau số"],
    ["100 ²", 4, "không hiểu '²'"],
    ["5 tr .đ", 5, "không hiểu '.'"],
  ])("%j → ký tự %d: %s", (text, position, fragment) => {
    let caught: unknown;
    try {
      parseTarget(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TargetSyntaxError);
    const e = caught as TargetSyntaxError;
    expect(e.position).toBe(position);
    expect(e.message).toContain(fragment);
    expect(e.message.startsWith(`Không hiểu mục tiêu '${text}' tại ký tự ${position + 1}: `)).toBe(true);
  });

  it("tryParseTarget trả về lỗi thay vì ném", () => {
    expect(tryParseTarget("12-17")).toMatchObject({ ok: true, target: { comparator: "range" } });
    expect(tryParseTarget("17-12")).toMatchObject({ ok: false, position: 3 });
  });
});

describe("formatTarget", () => {
  it("báo lỗi với mục tiêu thiếu số", () => {
    const base = { text: "x", perYear: false, percent: false, approx: false };
    expect(() => formatTarget({ ...base, comparator: "=" })).toThrow(/thiếu giá trị/);
    expect(() => formatTarget({ ...base, comparator: "range", min: 1 })).toThrow(/thiếu cận trên/);
    expect(() => formatTarget({ ...base, comparator: "composite", components: [1, 2] })).toThrow(/ít nhất 3 thành phần/);
  });

  it("không có writtenDecimals thì viết số ngắn nhất", () => {
    const base = { text: "", perYear: true, percent: true, approx: false };
    expect(formatTarget({ ...base, comparator: "<=", value: 2.5 })).toBe("tối đa 2,5%/năm");
    expect(formatTarget({ ...base, comparator: "range", min: 0.7, max: 1 })).toBe("0,7-1%/năm");
  });

  it("giá trị tham chiếu", () => {
    expect(targetReferenceValue(parseTarget("5.600"))).toBe(5600);
    expect(targetReferenceValue(parseTarget("12-17"))).toBeNull();
  });
});

// Sinh chữ mục tiêu theo ngữ pháp để kiểm tra tính chất đọc–viết–đọc.
const numberText = fc
  .tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 3 }))
  .map(([k, d]) => formatVnNumber(k / 10 ** d, d));
const space = fc.constantFrom("", " ", "  ", "\u00a0");
const unit = fc.constantFrom("", " USD", " tỷ đồng", " lượt người", " tr.đ/người");
const perYear = fc.constantFrom("", "/năm", "/ năm", " mỗi năm", " hằng năm");
const pct = fc.constantFrom("", "%");
const singleTarget = fc
  .tuple(
    fc.constantFrom("", "tối thiểu ", "ít nhất ", "trên ", "dưới ", "tối đa ", "không quá ", "khoảng ", "đạt ", "≥", "≤ ", "<", ">", "= ", "từ "),
    fc.constantFrom("", "-"),
    numberText,
    pct,
    unit,
    perYear,
  )
  .map(([pre, sign, n, p, u, y]) => `${pre}${sign}${n}${p}${u}${y}`);
const rangeTarget = fc
  .tuple(fc.constantFrom("", "khoảng ", "đạt "), numberText, numberText, fc.constantFrom("-", " - ", "–", " đến "), space, pct, unit, perYear)
  .map(([pre, a, b, sep, _s, p, u, y]) => {
    const [lo, hi] = [a, b].sort((x, z) => Number(x.replace(/\./g, "").replace(",", ".")) - Number(z.replace(/\./g, "").replace(",", ".")));
    return `${pre}${lo}${sep}${hi}${p}${u}${y}`;
  });
const compositeTarget = fc
  .tuple(fc.array(numberText, { minLength: 3, maxLength: 5 }), fc.constantFrom(" - ", "-", " – "), pct)
  .map(([ns, sep, p]) => ns.join(sep) + p);

describe("tính chất: parse(format(parse(x))) ≡ parse(x)", () => {
  it("với mọi chữ mục tiêu sinh theo ngữ pháp", () => {
    fc.assert(
      fc.property(fc.oneof(singleTarget, rangeTarget, compositeTarget), (text) => {
        const t = parseTarget(text);
        const formatted = formatTarget(t);
        const { text: _a, ...again } = parseTarget(formatted);
        const { text: _b, ...orig } = t;
        expect(again).toEqual(orig);
        // và viết lần hai không đổi
        expect(formatTarget(parseTarget(formatted))).toBe(formatted);
      }),
      { numRuns: 3000 },
    );
  });
});
