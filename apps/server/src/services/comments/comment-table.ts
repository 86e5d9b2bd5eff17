// "Bảng tổng hợp tiếp thu, giải trình ý kiến" of a round: a DOCX per Nghị định 30 (the report's header, a short
// body saying how many comments were taken in or explained, "Nơi nhận:" and the signature, then the table as an
// appendix on its own landscape pages) and the same table as an XLSX. Columns: TT, cơ quan góp ý, nội dung góp ý,
// vị trí trong dự thảo, ý kiến tiếp thu/giải trình, cơ quan xử lý.

import type { FileChild } from "docx";
import { newWorkbook } from "../../exports/xlsx/workbook.js";
import type { AnswerKind, CommentDto, TemplateReport } from "@tonghop/contracts";
import { ANSWER_KIND_LABELS } from "@tonghop/contracts";
import { formatVnDate, type PlainDate } from "@tonghop/domain";
import { listTable } from "../../exports/docx/list-table.js";
import { bodyParagraph, centered, closingTable, headerTable, nd30Document, nd30Section, packDocx, textWidth, titleBlock } from "../../exports/docx/nd30.js";

export const TABLE_COLUMNS = ["TT", "Cơ quan góp ý", "Nội dung góp ý", "Vị trí trong dự thảo", "Ý kiến tiếp thu, giải trình", "Cơ quan xử lý"] as const;

export interface TableRowModel {
  tt: number;
  reviewer: string;
  body: string;
  location: string;
  /** "Tiếp thu: …", "Giải trình: …", "Không tiếp thu: …" or "(Chưa trả lời)". */
  answer: string;
  agency: string;
}

export interface CommentTableModel {
  report: TemplateReport;
  issuer: { parent: string | null; name: string };
  date: PlainDate;
  roundTitle: string;
  draftLabel: string;
  campaignName: string;
  rows: TableRowModel[];
}

export function answerText(c: Pick<CommentDto, "answer" | "anchorState" | "quote">): string {
  if (!c.answer) return "(Chưa trả lời)";
  return `${ANSWER_KIND_LABELS[c.answer.kind]}: ${c.answer.text}`;
}

export function locationText(c: Pick<CommentDto, "location" | "anchorState" | "quote" | "anchorKind">): string {
  const quote = c.anchorKind === "section" || !c.quote ? "" : ` — "${c.quote.length > 300 ? `${c.quote.slice(0, 300)}…` : c.quote}"`;
  return `${c.location}${quote}${c.anchorState === "changed" ? " (đoạn văn đã bị sửa/xoá)" : ""}`;
}

export function tableRows(list: readonly CommentDto[]): TableRowModel[] {
  return list.map((c, i) => ({ tt: i + 1, reviewer: c.reviewerName, body: c.body, location: locationText(c), answer: answerText(c), agency: c.routedAgencyName }));
}

const SHARES = [5, 15, 26, 18, 24, 12];

function tableOf(rows: readonly TableRowModel[], width: number) {
  return listTable({
    columns: TABLE_COLUMNS,
    shares: SHARES,
    width,
    rows: rows.map((r) => [String(r.tt), r.reviewer, r.body, r.location, r.answer, r.agency]),
    fontSize: 12,
    centered: [0],
    emptyText: "(Chưa có ý kiến nào)",
    marginX: 60,
    keepRows: false,
  });
}

export async function renderCommentTableDocx(m: CommentTableModel): Promise<Buffer> {
  const r = m.report;
  const counts = { "tiep-thu": 0, "giai-trinh": 0, "khong-tiep-thu": 0, none: 0 };
  for (const row of m.rows) {
    const kind = (Object.keys(ANSWER_KIND_LABELS) as AnswerKind[]).find((k) => row.answer.startsWith(`${ANSWER_KIND_LABELS[k]}:`));
    counts[kind ?? "none"] += 1;
  }
  const body: FileChild[] = [
    headerTable({ system: r.system, parent: m.issuer.parent, issuer: m.issuer.name, number: null, symbol: r.symbol, place: r.place, date: m.date }),
    ...titleBlock("BÁO CÁO", `Tổng hợp tiếp thu, giải trình ý kiến góp ý ${m.draftLabel.replace(/^Dự thảo/, "dự thảo")}`),
    bodyParagraph(
      `Thực hiện ${m.campaignName}, cơ quan tổng hợp đã lấy ý kiến các cơ quan, tổ chức đối với ${m.draftLabel} (${m.roundTitle}). Đến ngày ${formatVnDate(m.date)} đã nhận ${m.rows.length} ý kiến góp ý; các cơ quan chủ trì đã tiếp thu ${counts["tiep-thu"]} ý kiến, giải trình ${counts["giai-trinh"]} ý kiến, không tiếp thu ${counts["khong-tiep-thu"]} ý kiến${counts.none ? `; còn ${counts.none} ý kiến chưa trả lời` : ""}.`,
    ),
    bodyParagraph("Nội dung tiếp thu, giải trình từng ý kiến được tổng hợp tại Phụ lục kèm theo báo cáo này, làm căn cứ hoàn thiện dự thảo trước khi trình cấp có thẩm quyền."),
    closingTable(r.recipients, r.signature),
  ];
  const width = textWidth("landscape");
  const appendix: FileChild[] = [
    centered("Phụ lục", { size: 14, bold: true }),
    centered("BẢNG TỔNG HỢP TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý", { size: 14, bold: true }),
    centered(`(${m.draftLabel} — ${m.roundTitle})`, { size: 13, italics: true }, { after: 120 }),
    tableOf(m.rows, width),
  ];
  const doc = nd30Document([nd30Section(body, { newPage: false }), nd30Section(appendix, { orientation: "landscape", restartNumbering: true })], { title: "Bảng tổng hợp tiếp thu, giải trình ý kiến", creator: m.issuer.name });
  return packDocx(doc);
}

export async function renderCommentTableXlsx(m: CommentTableModel): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = "Tổng hợp";
  const ws = wb.addWorksheet("Tiếp thu, giải trình", { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [6, 26, 50, 36, 50, 26].map((width) => ({ width }));
  const font = { name: "Times New Roman", size: 12 };
  const title = (text: string, bold: boolean) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, 6);
    row.getCell(1).font = { ...font, size: 13, bold, italic: !bold };
    row.getCell(1).alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  };
  title("BẢNG TỔNG HỢP TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý", true);
  title(`${m.draftLabel} — ${m.roundTitle} (${m.campaignName})`, false);
  ws.addRow([]);
  const border = { top: { style: "thin" as const }, left: { style: "thin" as const }, bottom: { style: "thin" as const }, right: { style: "thin" as const } };
  const header = ws.addRow([...TABLE_COLUMNS]);
  header.eachCell((c) => {
    c.font = { ...font, bold: true };
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    c.border = border;
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
  });
  ws.views = [{ state: "frozen", ySplit: header.number }];
  for (const r of m.rows) {
    const row = ws.addRow([r.tt, r.reviewer, r.body, r.location, r.answer, r.agency]);
    row.eachCell((c, col) => {
      c.font = font;
      c.alignment = { vertical: "top", wrapText: true, horizontal: col === 1 ? "center" : "left" };
      c.border = border;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
