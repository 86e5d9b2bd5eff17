import { z } from "zod";
import { checkTemplate } from "./checks.js";
import { TEMPLATE_LIMITS as L, codeText, isoDate, lineText, longText } from "./text.js";

/**
 * Mẫu đợt tổng hợp (campaign template): chỉ thị / công văn dưới dạng dữ liệu.
 *
 * Lược đồ này chỉ kiểm tra cấu trúc và các tham chiếu chéo bên trong một mẫu. Các kiểm tra ngữ nghĩa
 * (cú pháp văn bản mục tiêu, ngày trong lời văn "trước ngày 05/5/2024", tên cơ quan có trong danh bạ…)
 * do dịch vụ nhập mẫu của máy chủ thực hiện bằng lõi nghiệp vụ.
 */
export const TEMPLATE_FORMAT_VERSION = 1 as const;

// ---------------------------------------------------------------------------------------------------
// Mã và tên dùng chung

export const templateSlugSchema = codeText(
  "Mã mẫu",
  /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  "chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, ví dụ cv2830-2024-so-ket-nq45",
  100,
).describe("Mã mẫu (slug): chữ thường không dấu, chữ số, dấu gạch nối. Ví dụ: cv2830-2024-so-ket-nq45");

export const templateIndicatorCodeSchema = codeText(
  "Mã chỉ tiêu",
  /^[A-Z][A-Z0-9_]*$/,
  "bắt đầu bằng chữ hoa, chỉ gồm chữ hoa không dấu, chữ số và dấu gạch dưới, ví dụ GRDP_TANG_TRUONG",
).describe("Mã chỉ tiêu trong danh mục dùng chung, ví dụ GRDP_TANG_TRUONG");

export const templateAppendixCodeSchema = codeText(
  "Mã phụ lục",
  /^[A-Z][A-Z0-9_-]*$/,
  "bắt đầu bằng chữ hoa, chỉ gồm chữ hoa không dấu, chữ số, '-' và '_', ví dụ PL2",
  32,
).describe("Mã phụ lục trong mẫu, ví dụ PL1, PL2");

const itemCodeSchema = (label: string, example: string) =>
  codeText(label, /^[A-Z][A-Z0-9_.-]*$/, `bắt đầu bằng chữ hoa, ví dụ ${example}`, 32);

export const templateAreaCodeSchema = codeText(
  "Mã địa bàn",
  /^[A-Z][A-Z0-9_]*$/,
  "chữ hoa không dấu, chữ số, dấu gạch dưới, ví dụ HP, VN, DBSH",
  32,
).describe("Mã địa bàn so sánh, ví dụ HP (Hải Phòng), VN (Cả nước), DBSH (Vùng đồng bằng sông Hồng)");

export const templatePeriodKeySchema = codeText(
  "Kỳ",
  /^\d{4}(?:-\d{4})?$/,
  "một năm \"2023\" hoặc một giai đoạn \"2019-2023\"",
  9,
).describe("Kỳ số liệu: một năm (\"2023\") hoặc một giai đoạn (\"2019-2023\")");

export const templateAgencyNameSchema = lineText("Tên cơ quan", L.agency).describe(
  "Tên đầy đủ của một cơ quan, đơn vị (\"Sở Công Thương\", \"Ủy ban nhân dân huyện Cát Hải\") hoặc một nhóm cơ quan " +
    "(\"Các sở, ban, ngành thành phố\", \"Ủy ban nhân dân các quận, huyện\", \"Các Ban của Thành ủy\"…). " +
    "Nhóm được triển khai thành các cơ quan thành viên theo danh bạ tại ngày tham chiếu của mẫu.",
);

export const templateAgencyListSchema = z
  .array(templateAgencyNameSchema, { error: "Danh sách cơ quan phải là một danh sách tên (mỗi tên một dòng \"- …\"), không phải một chuỗi" })
  .min(1, { error: "Danh sách cơ quan không được rỗng (bỏ hẳn trường này nếu không có)" })
  .max(100, { error: "Danh sách cơ quan có quá 100 tên" })
  .describe("Danh sách cơ quan hoặc nhóm cơ quan, theo thứ tự trong văn bản");

// ---------------------------------------------------------------------------------------------------
// Kỳ, địa bàn, văn bản căn cứ

export const templatePeriodSchema = z
  .strictObject({
    key: templatePeriodKeySchema,
    label: lineText("Tên kỳ", L.name).optional().describe("Tên hiển thị, ví dụ \"Giai đoạn 2019-2023\""),
  })
  .describe("Một kỳ (giai đoạn) dùng trong mẫu. Các cột theo giai đoạn phải dùng kỳ đã khai báo ở đây; năm đơn lẻ không cần khai báo.");

export const templateAreaSchema = z
  .strictObject({
    code: templateAreaCodeSchema,
    name: lineText("Tên địa bàn", L.name).describe("Tên địa bàn như trong tiêu đề bảng, ví dụ \"Cả nước\""),
    primary: z
      .literal(true, { error: "primary chỉ nhận giá trị true (bỏ trường này với các địa bàn khác)" })
      .optional()
      .describe("Địa bàn chính của đợt (địa phương báo cáo). Đúng một địa bàn có primary: true."),
  })
  .describe("Địa bàn so sánh số liệu");

export const TEMPLATE_LEGAL_DOCUMENT_KINDS = [
  "chi-thi",
  "cong-van",
  "nghi-quyet",
  "nghi-dinh",
  "quyet-dinh",
  "ke-hoach",
  "chuong-trinh",
  "thong-bao",
  "thong-tu",
  "huong-dan",
  "khac",
] as const;

export const templateLegalDocumentSchema = z
  .strictObject({
    kind: z
      .enum(TEMPLATE_LEGAL_DOCUMENT_KINDS, { error: `Loại văn bản phải là một trong: ${TEMPLATE_LEGAL_DOCUMENT_KINDS.join(", ")}` })
      .describe("Loại văn bản: chi-thi, cong-van, nghi-quyet, nghi-dinh, quyet-dinh, ke-hoach, chuong-trinh, thong-bao, thong-tu, huong-dan, khac"),
    number: lineText("Số hiệu văn bản", 100)
      .optional()
      .describe("Số, ký hiệu như trên văn bản, ví dụ \"2830/VP-TH\", \"45-NQ/TW\". Bỏ trống nếu văn bản không có số (ví dụ Nghị quyết Đại hội)."),
    date: isoDate("Ngày ban hành").optional().describe("Ngày ban hành, dạng YYYY-MM-DD. Bỏ trống nếu văn bản không ghi ngày."),
    issuer: lineText("Cơ quan ban hành", L.agency).describe("Cơ quan, người ban hành, ví dụ \"Bộ Chính trị\""),
    summary: longText("Trích yếu", L.note).describe("Trích yếu nội dung văn bản"),
    role: z
      .enum(["directive", "basis"], { error: "role phải là directive (văn bản chỉ đạo của đợt) hoặc basis (căn cứ)" })
      .optional()
      .describe("directive: văn bản giao nhiệm vụ của chính đợt này (tối đa một); basis (mặc định): văn bản căn cứ"),
  })
  .describe("Văn bản căn cứ (pháp lý) của đợt");

// ---------------------------------------------------------------------------------------------------
// Văn bản tổng hợp (xuất Word)

export const templateReportSchema = z
  .strictObject({
    system: z
      .enum(["nha-nuoc", "dang"], { error: "system phải là nha-nuoc hoặc dang" })
      .describe(
        "Hệ thống thể thức: nha-nuoc (Nghị định 30/2020/NĐ-CP: Quốc hiệu, Tiêu ngữ, \"Số: 15/BC-UBND\") hoặc " +
          "dang (Hướng dẫn thể thức văn bản của Đảng: \"ĐẢNG CỘNG SẢN VIỆT NAM\", \"Số 15-BC/TU\")",
      ),
    title: lineText("Tên loại văn bản", L.name).describe("Tên loại văn bản, ví dụ \"BÁO CÁO\""),
    summary: lineText("Trích yếu văn bản tổng hợp", L.title).describe("Trích yếu dưới tên loại, ví dụ \"Sơ kết 05 năm thực hiện Nghị quyết số 45-NQ/TW…\""),
    issuer: z
      .strictObject({
        parent: lineText("Cơ quan chủ quản", L.agency).optional().describe("Cơ quan chủ quản viết phía trên, ví dụ \"ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG\""),
        name: lineText("Cơ quan ban hành", L.agency).describe("Tên cơ quan ban hành văn bản tổng hợp, ví dụ \"THÀNH ỦY HẢI PHÒNG\""),
      })
      .describe("Cơ quan ban hành văn bản tổng hợp"),
    symbol: lineText("Ký hiệu", 50).describe("Ký hiệu văn bản không kèm số, ví dụ \"BC-UBND\" (nhà nước) hoặc \"BC/TU\" (Đảng)"),
    place: lineText("Địa danh", 100).describe("Địa danh ghi trước ngày tháng, ví dụ \"Hải Phòng\""),
    signature: z
      .strictObject({
        authority: lineText("Quyền hạn ký", L.name).optional().describe("Ví dụ \"TM. ỦY BAN NHÂN DÂN\", \"T/M BAN THƯỜNG VỤ\""),
        title: lineText("Chức vụ người ký", L.name).describe("Ví dụ \"KT. CHỦ TỊCH\", \"BÍ THƯ\""),
        subtitle: lineText("Chức vụ dòng dưới", L.name).optional().describe("Ví dụ \"PHÓ CHỦ TỊCH\""),
        signer: lineText("Người ký", L.name).optional().describe("Họ tên người ký; bỏ trống khi chưa xác định"),
      })
      .describe("Khối chữ ký"),
    recipients: z
      .array(lineText("Nơi nhận", L.name))
      .min(1, { error: "Nơi nhận không được rỗng" })
      .max(100)
      .describe("Nơi nhận, mỗi dòng một mục như trên văn bản, ví dụ \"Như trên;\", \"Lưu: VT, TH.\""),
  })
  .describe("Thông tin thể thức của văn bản tổng hợp (xuất Word)");

// ---------------------------------------------------------------------------------------------------
// Yêu cầu trình bày

export const templateFontSchema = z
  .strictObject({
    family: lineText("Phông chữ", 100).describe("Tên phông, ví dụ \"Times New Roman\""),
    size: z.number({ error: "Cỡ chữ phải là số" }).min(8).max(30).describe("Cỡ chữ (pt)"),
  })
  .describe("Phông chữ");

export const TEMPLATE_PAPER_SIZES = ["A4", "A3", "A5"] as const;
const paperSchema = z.enum(TEMPLATE_PAPER_SIZES, { error: "Khổ giấy phải là A4, A3 hoặc A5" }).describe("Khổ giấy");

const pageRangeSchema = z
  .strictObject({
    min: z.number({ error: "Số trang phải là số" }).int().min(1).max(10_000).optional().describe("Số trang tối thiểu"),
    max: z.number({ error: "Số trang phải là số" }).int().min(1).max(10_000).optional().describe("Số trang tối đa"),
    excludes: lineText("Phần không tính trang", L.name).optional().describe("Phần không tính vào số trang, ví dụ \"các bảng biểu và phụ lục\""),
  })
  .describe("Giới hạn số trang");

export const templateContributionSchema = z
  .strictObject({
    code: itemCodeSchema("Mã tham luận", "TL1").describe("Mã tham luận trong mẫu, ví dụ TL1"),
    name: lineText("Tên tham luận", L.title).describe("Tên văn bản, ví dụ \"Báo cáo tham luận của Ban Thường vụ Thành ủy\""),
    topic: longText("Chủ đề", L.note).describe("Chủ đề như trong văn bản chỉ đạo"),
    owner: templateAgencyNameSchema.describe("Cơ quan chủ trì soạn tham luận"),
    pages: pageRangeSchema.optional(),
    paper: paperSchema.optional(),
    font: templateFontSchema.optional(),
    due: isoDate("Hạn tham luận").optional().describe("Hạn của cơ quan chủ trì (YYYY-MM-DD); nếu có mốc tiến độ phạm vi contributions chứa mã này thì phải trùng hạn của mốc"),
    note: longText("Ghi chú", L.note).optional(),
  })
  .describe("Văn bản đóng góp riêng (tham luận) ngoài báo cáo chính");

export const templateInstructionSchema = z
  .strictObject({
    title: lineText("Tiêu đề yêu cầu", L.title),
    text: longText("Nội dung yêu cầu", L.guidance),
  })
  .describe("Một đoạn yêu cầu chung của văn bản chỉ đạo (ví dụ mục B. Yêu cầu của Chỉ thị 15)");

export const templateRequirementsSchema = z
  .strictObject({
    paper: paperSchema.optional().describe("Khổ giấy của báo cáo"),
    font: templateFontSchema.optional().describe("Phông chữ của báo cáo"),
    pages: pageRangeSchema.optional().describe("Giới hạn số trang của báo cáo tổng hợp"),
    instructions: z.array(templateInstructionSchema).max(100).optional().describe("Các yêu cầu chung bằng lời văn"),
    contributions: z.array(templateContributionSchema).max(50).optional().describe("Tham luận và văn bản đóng góp riêng"),
  })
  .describe("Yêu cầu trình bày và nội dung chung");

// ---------------------------------------------------------------------------------------------------
// Mốc tiến độ

export const templateMilestoneScopeSchema = z
  .discriminatedUnion(
    "kind",
    [
      z.strictObject({ kind: z.literal("all").describe("Mọi phần việc được giao cho cơ quan (đề cương và phụ lục)") }),
      z.strictObject({ kind: z.literal("outline").describe("Các mục đề cương được giao") }),
      z.strictObject({
        kind: z.literal("appendices").describe("Các dòng được giao trong những phụ lục nêu tên"),
        codes: z.array(templateAppendixCodeSchema).min(1).max(50).describe("Mã các phụ lục"),
      }),
      z.strictObject({
        kind: z.literal("contributions").describe("Các tham luận nêu tên (requirements.contributions)"),
        codes: z.array(itemCodeSchema("Mã tham luận", "TL1")).min(1).max(50).describe("Mã các tham luận"),
      }),
      z.strictObject({
        kind: z.literal("coordinator").describe("Việc của cơ quan tổng hợp hoặc các bước sau (không phải phần giao cho cơ quan báo cáo)"),
      }),
    ],
    { error: "Phạm vi mốc (scope.kind) phải là all, outline, appendices, contributions hoặc coordinator" },
  )
  .describe(
    "Phạm vi của mốc: phần việc nào của các cơ quan trong 'from' có hạn này. Hạn của một phần việc là hạn của mốc sớm nhất " +
      "có 'from' bao gồm cơ quan đó và có phạm vi bao gồm phần việc đó.",
  );

export const templateMilestoneSchema = z
  .strictObject({
    code: itemCodeSchema("Mã mốc", "M1").describe("Mã mốc, ví dụ M1"),
    from: templateAgencyListSchema.describe("Cơ quan hoặc nhóm cơ quan phải gửi"),
    to: lineText("Nơi nhận của mốc", L.agency).describe("Cơ quan nhận, ví dụ \"Sở Kế hoạch và Đầu tư\""),
    deliverable: longText("Sản phẩm", L.title).describe("Sản phẩm phải gửi"),
    due: isoDate("Hạn").describe("Hạn, dạng YYYY-MM-DD"),
    wording: lineText("Lời văn về hạn", L.name)
      .optional()
      .describe("Lời văn của văn bản chỉ đạo về hạn, ví dụ \"trước ngày 05/5/2024\"; bỏ trống khi văn bản không nêu hạn (khi đó phải có note)"),
    scope: templateMilestoneScopeSchema,
    note: longText("Ghi chú", L.note).optional().describe("Ghi chú, nhất là giả định khi văn bản không nêu hạn"),
  })
  .describe("Mốc tiến độ. Danh sách mốc phải theo thứ tự thời gian.");

// ---------------------------------------------------------------------------------------------------
// Đề cương

export const templateOutlineItemSchema = z
  .strictObject({
    label: lineText("Nhãn mục", L.label).describe(
      "Nhãn đánh số đúng như văn bản: \"Phần I\", \"A\", \"I\", \"1\", \"2.1\", \"3.2.1\", \"(i)\", \"a)\", \"-\", \"+\"",
    ),
    title: lineText("Tiêu đề mục", L.title).describe("Tiêu đề (nội dung) của mục đúng như văn bản"),
    guidance: longText("Hướng dẫn", L.guidance)
      .optional()
      .describe("Hướng dẫn, giải thích của mục (phần in nghiêng hoặc đoạn diễn giải trong văn bản); không in vào báo cáo"),
    lead: templateAgencyListSchema
      .optional()
      .describe(
        "Cơ quan chủ trì. Cơ quan được giao mục này viết cả mục và các mục con không có cơ quan riêng. " +
          "Mục không có cơ quan do cơ quan được giao mục cha gần nhất viết (hoặc chỉ là tiêu đề; nếu không có ai thì cơ quan tổng hợp viết).",
      ),
    cooperate: templateAgencyListSchema.optional().describe("Cơ quan phối hợp"),
    pageBudget: z
      .number({ error: "Số trang dự kiến phải là số" })
      .positive({ error: "Số trang dự kiến phải lớn hơn 0" })
      .max(1000)
      .optional()
      .describe("Số trang dự kiến cho mục (tính cả mục con)"),
    appendices: z.array(templateAppendixCodeSchema).min(1).max(20).optional().describe("Mã các phụ lục gắn với mục"),
    get children() {
      return z.array(templateOutlineItemSchema).max(500).optional().describe("Các mục con");
    },
  })
  .meta({ id: "TemplateOutlineItem", description: "Một mục của đề cương" });

// ---------------------------------------------------------------------------------------------------
// Danh mục chỉ tiêu

export const TEMPLATE_INDICATOR_DIRECTIONS = ["higher", "lower"] as const;
export const TEMPLATE_INDICATOR_AGGREGATIONS = ["last", "sum", "mean", "growthMean", "cagr", "changePerYear"] as const;

const directionSchema = z
  .enum(TEMPLATE_INDICATOR_DIRECTIONS, { error: "direction phải là higher hoặc lower" })
  .describe(
    "Chiều tốt khi so với mục tiêu: higher (càng cao càng tốt), lower (càng thấp càng tốt). Với tỷ trọng cơ cấu không có chiều rõ " +
      "ràng, quy ước higher (trừ khi mục tiêu là giảm, ví dụ tỷ trọng nông nghiệp)",
  );

const aggregationSchema = z
  .enum(TEMPLATE_INDICATOR_AGGREGATIONS, { error: `aggregation phải là một trong: ${TEMPLATE_INDICATOR_AGGREGATIONS.join(", ")}` })
  .describe(
    "Cách tính giá trị cả kỳ từ giá trị từng năm: last (năm cuối kỳ: quy mô, tỷ lệ, bình quân đầu người), sum (tổng các năm: " +
      "vốn đầu tư, thu chi ngân sách, kim ngạch), mean (trung bình cộng: ICOR, số việc làm/năm), growthMean (tăng trưởng bình quân " +
      "nhân từ các tốc độ năm: (Π(1+gᵢ/100))^(1/n)−1), cagr (tăng trưởng bình quân từ mức đầu và cuối kỳ), changePerYear " +
      "(mức thay đổi bình quân mỗi năm, điểm phần trăm)",
  );

const decimalsSchema = z
  .number({ error: "decimals phải là số nguyên" })
  .int({ error: "decimals phải là số nguyên" })
  .min(0)
  .max(6)
  .describe("Số chữ số thập phân khi hiển thị");

export const templateIndicatorSchema = z
  .strictObject({
    code: templateIndicatorCodeSchema,
    name: lineText("Tên chỉ tiêu", L.title).describe("Tên chuẩn của chỉ tiêu trong danh mục"),
    unit: lineText("Đơn vị tính", 50).describe("Đơn vị tính chuẩn, ví dụ \"%\", \"tỷ đồng\", \"triệu USD\""),
    direction: directionSchema,
    aggregation: aggregationSchema,
    decimals: decimalsSchema,
    definition: longText("Định nghĩa", L.note).optional().describe("Định nghĩa, phạm vi, phương pháp tính"),
    sourceAgency: templateAgencyNameSchema.optional().describe("Cơ quan công bố số liệu chính thức"),
    expression: lineText("Biểu thức", 1000)
      .optional()
      .describe(
        "Chỉ tiêu tính toán: biểu thức số học (+ - * / và ngoặc; số viết kiểu Việt Nam \"0,5\", \"1.000\") trên mã các chỉ tiêu khác, " +
          "ví dụ \"VON_DTXH / GRDP_HH * 100\"",
      ),
  })
  .describe("Một chỉ tiêu của danh mục dùng chung; nhập mẫu thêm chỉ tiêu còn thiếu và không tự thay đổi chỉ tiêu đã có");

// ---------------------------------------------------------------------------------------------------
// Phụ lục chỉ tiêu: cột

const columnModeSchema = z
  .enum(["input", "computed"], { error: "mode phải là input hoặc computed" })
  .describe(
    "input: cơ quan nhập; computed: hệ thống tính. Mặc định: cột năm là input; cột giai đoạn là computed khi mọi năm của giai đoạn " +
      "đều là cột số liệu cùng địa bàn trong bảng, ngược lại là input",
  );

const yearSchema = z.number({ error: "Năm phải là số" }).int({ error: "Năm phải là số nguyên" }).min(1900).max(2200);

export const templateColumnSchema = z
  .discriminatedUnion(
    "kind",
    [
      z.strictObject({
        kind: z.literal("group").describe("Nhóm cột có tiêu đề chung"),
        title: lineText("Tiêu đề nhóm cột", L.name).describe("Tiêu đề nhóm đúng như bảng, ví dụ \"Năm\", \"Thực hiện từng năm\""),
        get children() {
          return z.array(templateColumnSchema).min(1).max(200).optional().describe("Các cột con (dùng đúng một trong children, years, areas)");
        },
        years: z
          .strictObject({
            from: yearSchema.describe("Năm đầu"),
            to: yearSchema.describe("Năm cuối"),
            area: templateAreaCodeSchema.optional().describe("Địa bàn (mặc định: địa bàn chính)"),
            mode: columnModeSchema.optional(),
          })
          .optional()
          .describe("Triển khai thành các cột số liệu từng năm, tiêu đề là số năm"),
        areas: z
          .strictObject({
            period: templatePeriodKeySchema,
            codes: z.array(templateAreaCodeSchema).min(1).max(20).describe("Mã các địa bàn theo thứ tự cột"),
            mode: columnModeSchema.optional(),
          })
          .optional()
          .describe("Triển khai thành các cột số liệu của một kỳ theo từng địa bàn, tiêu đề là tên địa bàn"),
      }),
      z.strictObject({
        kind: z.literal("value").describe("Cột số liệu của một kỳ và một địa bàn"),
        period: templatePeriodKeySchema,
        area: templateAreaCodeSchema.optional().describe("Địa bàn (mặc định: địa bàn chính)"),
        mode: columnModeSchema.optional(),
        title: lineText("Tiêu đề cột", L.name).optional().describe("Tiêu đề (mặc định: kỳ)"),
      }),
      z.strictObject({
        kind: z.literal("target").describe("Cột mục tiêu (văn bản mục tiêu của dòng cho kỳ này)"),
        period: templatePeriodKeySchema,
        title: lineText("Tiêu đề cột", L.name),
      }),
      z.strictObject({
        kind: z.literal("evaluation").describe("Cột đánh giá so với mục tiêu (Vượt / Đạt / Không đạt), hệ thống tính"),
        period: templatePeriodKeySchema,
        title: lineText("Tiêu đề cột", L.name),
      }),
      z.strictObject({
        kind: z.literal("proposal").describe("Cột cơ quan đề xuất mục tiêu (văn bản) cho kỳ sau"),
        period: templatePeriodKeySchema,
        title: lineText("Tiêu đề cột", L.name),
      }),
      z.strictObject({
        kind: z.literal("note").describe("Cột ghi chú tự do"),
        title: lineText("Tiêu đề cột", L.name),
      }),
    ],
    { error: "Loại cột (kind) phải là group, value, target, evaluation, proposal hoặc note" },
  )
  .meta({ id: "TemplateColumn", description: "Một nút của cây cột: nhóm cột hoặc cột lá" });

// ---------------------------------------------------------------------------------------------------
// Phụ lục chỉ tiêu: dòng

export const templateIndicatorRowSchema = z
  .strictObject({
    tt: z
      .string({ error: "Số thứ tự phải là chuỗi ký tự" })
      .trim()
      .max(20, { error: "Số thứ tự dài quá 20 ký tự" })
      .optional()
      .describe("Số thứ tự đúng như bảng: \"I\", \"1\", \"7.1\", \"-\"; bỏ trống nếu bảng để trống"),
    name: lineText("Tên dòng", L.title).describe("Tên chỉ tiêu / tiêu đề nhóm đúng như bảng"),
    indicator: templateIndicatorCodeSchema.optional().describe("Mã chỉ tiêu trong danh mục; dòng không có mã là dòng tiêu đề nhóm"),
    unit: lineText("Đơn vị tính", 50).optional().describe("Đơn vị tính đúng như bảng (mặc định: đơn vị của chỉ tiêu)"),
    target: lineText("Mục tiêu", L.target)
      .optional()
      .describe(
        "Văn bản mục tiêu đúng như bảng (\"10,5%/năm\", \"12-17\", \"<4\", \"0,7-1,0\"). Trên dòng tiêu đề nhóm, mục tiêu chỉ để hiển thị; " +
          "ràng buộc giữa các dòng con được kiểm tra bằng validations (ví dụ tổng cơ cấu = 100)",
      ),
    aggregation: aggregationSchema.optional().describe("Ghi đè cách tính cả kỳ của danh mục cho dòng này"),
    direction: directionSchema.optional().describe("Ghi đè chiều tốt của danh mục cho dòng này"),
    decimals: decimalsSchema.optional().describe("Ghi đè số chữ số thập phân"),
    lead: templateAgencyListSchema
      .optional()
      .describe("Cơ quan chủ trì, theo dõi, báo cáo; các dòng con không ghi cơ quan riêng kế thừa cơ quan này"),
    openForAgencies: z
      .literal(true, { error: "openForAgencies chỉ nhận giá trị true" })
      .optional()
      .describe("Dòng mở: các cơ quan trong lead tự thêm chỉ tiêu của mình dưới dòng này (\"Một số chỉ tiêu đề xuất bổ sung,…\")"),
    emphasis: z.enum(["bold", "italic"], { error: "emphasis phải là bold hoặc italic" }).optional().describe("Kiểu chữ của dòng như trong bảng"),
    note: longText("Ghi chú", L.note).optional(),
    get children() {
      return z.array(templateIndicatorRowSchema).max(500).optional().describe("Các dòng con");
    },
  })
  .meta({ id: "TemplateIndicatorRow", description: "Một dòng của phụ lục chỉ tiêu (chỉ tiêu hoặc tiêu đề nhóm)" });

// ---------------------------------------------------------------------------------------------------
// Phụ lục chỉ tiêu: quy tắc kiểm tra

const severitySchema = z
  .enum(["error", "warning"], { error: "severity phải là error hoặc warning" })
  .optional()
  .describe("Mức độ: error chặn gửi số liệu, warning chỉ cảnh báo. Mặc định: sum, compare → error; yoy, zscore → warning");
const ruleId = codeText("Mã quy tắc", /^[A-Za-z0-9_.-]+$/, "chữ không dấu, chữ số, '.', '-', '_'", 64)
  .optional()
  .describe("Mã quy tắc (tùy chọn), trả lại trong kết quả kiểm tra");
const ruleMessage = lineText("Thông báo", L.name).optional().describe("Thông báo hiển thị khi vi phạm (thay thông báo mặc định)");

export const templateValidationSchema = z
  .discriminatedUnion(
    "kind",
    [
      z.strictObject({
        kind: z.literal("sum").describe("Tổng các chỉ tiêu bằng một số (cơ cấu: tỷ trọng cộng lại 100)"),
        id: ruleId,
        of: z.array(templateIndicatorCodeSchema).min(2).max(50).describe("Các chỉ tiêu cộng lại"),
        equals: z.number({ error: "equals phải là số" }).describe("Giá trị tổng phải bằng (ví dụ 100)"),
        tolerance: z.number().min(0).optional().describe("Sai số cho phép (mặc định 0)"),
        severity: severitySchema,
        message: ruleMessage,
      }),
      z.strictObject({
        kind: z.literal("compare").describe("So sánh một chỉ tiêu với chỉ tiêu khác (hoặc một số) cùng năm, cùng địa bàn"),
        id: ruleId,
        left: templateIndicatorCodeSchema,
        op: z.enum(["<", "<=", "=", ">=", ">"], { error: "op phải là <, <=, =, >= hoặc >" }),
        right: z
          .union([templateIndicatorCodeSchema, z.number()], { error: "right phải là mã chỉ tiêu hoặc một số" })
          .describe("Mã chỉ tiêu hoặc một số"),
        tolerance: z.number().min(0).optional().describe("Sai số cho phép (mặc định 0)"),
        severity: severitySchema,
        message: ruleMessage,
      }),
      z.strictObject({
        kind: z.literal("yoy").describe("Biến động so với năm trước không vượt quá tỷ lệ cho phép"),
        id: ruleId,
        code: templateIndicatorCodeSchema,
        maxChangePercent: z.number().positive().describe("Mức thay đổi tối đa (%) so với năm trước"),
        severity: severitySchema,
        message: ruleMessage,
      }),
      z.strictObject({
        kind: z.literal("zscore").describe("Giá trị bất thường: lệch khỏi trung bình các năm khác quá k độ lệch chuẩn"),
        id: ruleId,
        code: templateIndicatorCodeSchema,
        k: z.number().positive().describe("Số độ lệch chuẩn"),
        severity: severitySchema,
        message: ruleMessage,
      }),
    ],
    { error: "Loại quy tắc (kind) phải là sum, compare, yoy hoặc zscore" },
  )
  .describe("Quy tắc kiểm tra số liệu giữa các chỉ tiêu (cùng cú pháp với bộ kiểm tra của lõi nghiệp vụ)");

// ---------------------------------------------------------------------------------------------------
// Phụ lục

const orientationSchema = z
  .enum(["landscape", "portrait"], { error: "orientation phải là landscape hoặc portrait" })
  .optional()
  .describe("Hướng trang khi in (mặc định: landscape cho phụ lục chỉ tiêu, portrait cho danh sách)");

const columnTitleSchema = (label: string) => z.strictObject({ title: lineText(label, L.name).describe("Tiêu đề cột đúng như bảng") });

export const templateIndicatorsAppendixSchema = z
  .strictObject({
    kind: z.literal("indicators").describe("Phụ lục bảng chỉ tiêu"),
    code: templateAppendixCodeSchema,
    title: lineText("Tên phụ lục", L.name).describe("Ví dụ \"Phụ lục 2\""),
    subtitle: lineText("Tiêu đề phụ lục", L.title).optional().describe("Tiêu đề dưới tên phụ lục"),
    note: longText("Ghi chú", L.note).optional().describe("Dòng ghi chú, ví dụ \"(Kèm theo Chỉ thị số …)\""),
    orientation: orientationSchema,
    stubColumns: z
      .strictObject({
        tt: lineText("Tiêu đề cột số thứ tự", 50),
        name: lineText("Tiêu đề cột tên chỉ tiêu", L.name),
        unit: lineText("Tiêu đề cột đơn vị tính", 50),
      })
      .describe("Tiêu đề ba cột đầu (số thứ tự, tên chỉ tiêu, đơn vị tính) đúng như bảng"),
    columnNumbers: z.boolean().optional().describe("Có dòng đánh số cột (A, B, C, 1, 2, 3…) dưới tiêu đề"),
    columns: z.array(templateColumnSchema).min(1).max(200).describe("Cây cột số liệu (giữa cột đơn vị tính và cột cơ quan)"),
    agencyColumn: columnTitleSchema("Tiêu đề cột cơ quan").optional().describe("Cột cơ quan chủ trì/báo cáo (cột cuối)"),
    rows: z.array(templateIndicatorRowSchema).min(1).max(1000).describe("Cây dòng"),
    validations: z.array(templateValidationSchema).max(500).optional().describe("Quy tắc kiểm tra số liệu"),
  })
  .describe("Phụ lục bảng chỉ tiêu");

export const TEMPLATE_RECORD_COLUMN_TYPES = ["text", "long-text", "so-hieu", "date", "choice", "number"] as const;

export const templateRecordColumnSchema = z
  .strictObject({
    key: codeText("Khóa cột", /^[a-z][a-z0-9_]*$/, "chữ thường không dấu, chữ số, dấu gạch dưới, ví dụ trich_yeu", 40).describe(
      "Khóa cột (dùng trong rows.values)",
    ),
    title: lineText("Tiêu đề cột", L.name).describe("Tiêu đề cột đúng như bảng"),
    type: z
      .enum(TEMPLATE_RECORD_COLUMN_TYPES, { error: `Kiểu cột phải là một trong: ${TEMPLATE_RECORD_COLUMN_TYPES.join(", ")}` })
      .describe("text (một dòng), long-text (nhiều dòng), so-hieu (số, ký hiệu văn bản), date (ngày), choice (chọn trong options), number (số)"),
    options: z.array(lineText("Lựa chọn", L.name)).min(1).max(100).optional().describe("Các lựa chọn (chỉ cho kiểu choice)"),
    required: z.boolean().optional().describe("Bắt buộc nhập"),
    prefilled: z.boolean().optional().describe("Do mẫu điền sẵn, cơ quan chỉ đọc"),
    examples: z.array(lineText("Ví dụ", L.name)).min(1).max(20).optional().describe("Giá trị mẫu để hướng dẫn (không phải dữ liệu)"),
  })
  .describe("Một cột của phụ lục danh sách");

export const templateRecordRowSchema = z
  .strictObject({
    values: z
      .record(
        z.string().max(40),
        z.union([lineText("Giá trị", L.note), z.number()], { error: "Giá trị ô phải là chuỗi hoặc số" }),
      )
      .describe("Giá trị các cột điền sẵn, theo khóa cột"),
    agency: templateAgencyNameSchema.describe("Cơ quan báo cáo dòng này"),
  })
  .describe("Một dòng điền sẵn của phụ lục danh sách");

export const templateRecordsAppendixSchema = z
  .strictObject({
    kind: z.literal("records").describe("Phụ lục danh sách (văn bản, dự án…)"),
    code: templateAppendixCodeSchema,
    title: lineText("Tên phụ lục", L.name),
    subtitle: lineText("Tiêu đề phụ lục", L.title).optional(),
    note: longText("Ghi chú", L.note).optional(),
    orientation: orientationSchema,
    rowNumberColumn: columnTitleSchema("Tiêu đề cột số thứ tự").optional().describe("Cột số thứ tự tự đánh (ví dụ \"TT\")"),
    columns: z.array(templateRecordColumnSchema).min(1).max(50).describe("Các cột theo thứ tự"),
    agencyColumn: columnTitleSchema("Tiêu đề cột cơ quan").optional().describe("Cột cơ quan báo cáo (cột cuối)"),
    reporters: templateAgencyListSchema
      .optional()
      .describe("Cơ quan được thêm dòng. Bỏ trống: không ai thêm dòng (chỉ các dòng điền sẵn)"),
    rows: z.array(templateRecordRowSchema).max(5000).optional().describe("Các dòng điền sẵn, mỗi dòng có cơ quan báo cáo"),
  })
  .describe("Phụ lục danh sách");

export const templateAppendixSchema = z
  .discriminatedUnion("kind", [templateIndicatorsAppendixSchema, templateRecordsAppendixSchema], {
    error: "Loại phụ lục (kind) phải là indicators hoặc records",
  })
  .describe("Phụ lục");

// ---------------------------------------------------------------------------------------------------
// Mẫu

export const TEMPLATE_CAMPAIGN_KINDS = ["ke-hoach-5-nam", "ke-hoach-nam", "so-ket", "tong-ket", "bao-cao-nam", "bao-cao-chuyen-de", "khac"] as const;

export const campaignTemplateBaseSchema = z.strictObject({
  formatVersion: z
    .literal(TEMPLATE_FORMAT_VERSION, { error: `formatVersion phải là ${TEMPLATE_FORMAT_VERSION}` })
    .describe("Phiên bản định dạng mẫu"),
  code: templateSlugSchema,
  name: lineText("Tên đợt", L.name).describe("Tên đợt tổng hợp"),
  kind: z
    .enum(TEMPLATE_CAMPAIGN_KINDS, { error: `Loại đợt phải là một trong: ${TEMPLATE_CAMPAIGN_KINDS.join(", ")}` })
    .describe("Loại đợt: ke-hoach-5-nam, ke-hoach-nam, so-ket, tong-ket, bao-cao-nam, bao-cao-chuyen-de, khac"),
  description: longText("Mô tả", L.note).optional().describe("Mô tả ngắn về đợt"),
  coordinator: templateAgencyNameSchema.describe("Cơ quan tổng hợp (đầu mối), ví dụ \"Sở Kế hoạch và Đầu tư\""),
  referenceDate: isoDate("Ngày tham chiếu").describe(
    "Ngày tham chiếu (YYYY-MM-DD), thường là ngày văn bản chỉ đạo: nhóm cơ quan được triển khai theo danh bạ tại ngày này",
  ),
  periods: z.array(templatePeriodSchema).max(50).describe("Các giai đoạn dùng trong mẫu"),
  areas: z.array(templateAreaSchema).min(1, { error: "Phải khai báo ít nhất một địa bàn" }).max(50).describe("Các địa bàn so sánh"),
  legalBasis: z.array(templateLegalDocumentSchema).min(1, { error: "Phải có ít nhất một văn bản" }).max(200).describe("Văn bản chỉ đạo và căn cứ"),
  report: templateReportSchema,
  requirements: templateRequirementsSchema,
  milestones: z.array(templateMilestoneSchema).min(1, { error: "Phải có ít nhất một mốc tiến độ" }).max(200).describe("Mốc tiến độ theo thứ tự thời gian"),
  outline: z.array(templateOutlineItemSchema).min(1, { error: "Đề cương không được rỗng" }).max(500).describe("Đề cương"),
  appendices: z.array(templateAppendixSchema).max(50).describe("Các phụ lục"),
  indicators: z.array(templateIndicatorSchema).max(L.indicators).describe("Các chỉ tiêu của danh mục mà mẫu dùng"),
});

/** Lược đồ đầy đủ của mẫu đợt tổng hợp: cấu trúc và tham chiếu chéo. */
export const campaignTemplateSchema = campaignTemplateBaseSchema
  .superRefine(checkTemplate)
  .meta({
    title: "Mẫu đợt tổng hợp (Tổng hợp)",
    description:
      "Mẫu đợt tổng hợp: văn bản chỉ đạo dưới dạng dữ liệu — văn bản căn cứ, đề cương và phân công, phụ lục, mốc tiến độ, yêu cầu trình bày. " +
      "Xem templates/README.md.",
  });

export type CampaignTemplate = z.infer<typeof campaignTemplateBaseSchema>;
export type CampaignTemplateInput = z.input<typeof campaignTemplateBaseSchema>;
export type TemplatePeriod = z.infer<typeof templatePeriodSchema>;
export type TemplateArea = z.infer<typeof templateAreaSchema>;
export type TemplateLegalDocument = z.infer<typeof templateLegalDocumentSchema>;
export type TemplateReport = z.infer<typeof templateReportSchema>;
export type TemplateFont = z.infer<typeof templateFontSchema>;
export type TemplateRequirements = z.infer<typeof templateRequirementsSchema>;
export type TemplateContribution = z.infer<typeof templateContributionSchema>;
export type TemplateInstruction = z.infer<typeof templateInstructionSchema>;
export type TemplateMilestone = z.infer<typeof templateMilestoneSchema>;
export type TemplateMilestoneScope = z.infer<typeof templateMilestoneScopeSchema>;
export type TemplateOutlineItem = z.infer<typeof templateOutlineItemSchema>;
export type TemplateIndicator = z.infer<typeof templateIndicatorSchema>;
export type TemplateIndicatorDirection = (typeof TEMPLATE_INDICATOR_DIRECTIONS)[number];
export type TemplateIndicatorAggregation = (typeof TEMPLATE_INDICATOR_AGGREGATIONS)[number];
export type TemplateColumn = z.infer<typeof templateColumnSchema>;
export type TemplateColumnGroup = Extract<TemplateColumn, { kind: "group" }>;
export type TemplateColumnLeaf = Exclude<TemplateColumn, { kind: "group" }>;
export type TemplateIndicatorRow = z.infer<typeof templateIndicatorRowSchema>;
export type TemplateValidation = z.infer<typeof templateValidationSchema>;
export type TemplateIndicatorsAppendix = z.infer<typeof templateIndicatorsAppendixSchema>;
export type TemplateRecordColumn = z.infer<typeof templateRecordColumnSchema>;
export type TemplateRecordRow = z.infer<typeof templateRecordRowSchema>;
export type TemplateRecordsAppendix = z.infer<typeof templateRecordsAppendixSchema>;
export type TemplateAppendix = z.infer<typeof templateAppendixSchema>;
