// "Phụ lục nhiệm vụ" of an action programme: a DOCX per Nghị định 30 (the campaign's issuer in the header, the
// programme's title, a short body, "Nơi nhận:" and the signature, then the tasks table as an appendix on its own
// landscape pages) and an XLSX with the columns the import reads (so the list can be edited and imported again).

import type { FileChild } from "docx";
import { newWorkbook } from "../../exports/xlsx/workbook.js";
import type { ActionTaskDto, TemplateReport } from "@tonghop/contracts";
import type { PlainDate } from "@tonghop/domain";
import { bodyParagraph, centered, closingTable, headerTable, nd30Document, nd30Section, packDocx, textWidth, titleBlock } from "../../exports/docx/nd30.js";
import { listTable } from "../../exports/docx/list-table.js";
import { TASK_COLUMNS } from "./task-workbook.js";

export interface TaskAppendixModel {
  programmeTitle: string;
  campaign: { name: string; report: unknown };
  date: PlainDate;
  tasks: ActionTaskDto[];
}

const DOCX_COLUMNS = ["TT", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời hạn hoàn thành", "Tình hình thực hiện"] as const;
const SHARES = [5, 30, 14, 16, 13, 9, 13];

export function taskCells(t: ActionTaskDto): string[] {
  return [
    t.tt,
    t.title,
    t.lead.name + (t.assignedLead ? ` (tiếp nhận từ ${t.assignedLead.name})` : ""),
    t.cooperate.map((c) => c.name).join("; "),
    t.product,
    t.deadline?.text ?? "",
    t.statusLabel + (t.daysLate > 0 ? ` (chậm ${t.daysLate} ngày)` : ""),
  ];
}

function tableOf(tasks: readonly ActionTaskDto[], width: number) {
  const rows = tasks.map((t, n) => taskCells({ ...t, tt: t.tt || String(n + 1) }));
  return listTable({ columns: DOCX_COLUMNS, shares: SHARES, width, rows, fontSize: 11, centered: [0, 5], emptyText: "(Chưa có nhiệm vụ nào)" });
}

export async function renderTaskAppendixDocx(m: TaskAppendixModel): Promise<Buffer> {
  const report = m.campaign.report as TemplateReport;
  const late = m.tasks.filter((t) => t.status === "cham-tien-do").length;
  const done = m.tasks.filter((t) => t.status === "hoan-thanh").length;
  const body: FileChild[] = [
    headerTable({ system: report.system, parent: report.issuer.parent ?? null, issuer: report.issuer.name, number: null, symbol: report.symbol.replace(/^BC/, "CTr"), place: report.place, date: m.date }),
    ...titleBlock("CHƯƠNG TRÌNH HÀNH ĐỘNG", m.programmeTitle),
    bodyParagraph(
      `Để tổ chức thực hiện ${m.campaign.name}, chương trình hành động gồm ${m.tasks.length} nhiệm vụ, giải pháp được giao cho các cơ quan chủ trì và phối hợp với sản phẩm và thời hạn hoàn thành cụ thể; đến nay đã hoàn thành ${done} nhiệm vụ, ${late} nhiệm vụ chậm tiến độ.`,
    ),
    bodyParagraph("Các cơ quan chủ trì báo cáo tiến độ thực hiện định kỳ theo quy định; danh mục nhiệm vụ chi tiết tại Phụ lục kèm theo chương trình hành động này."),
    closingTable(report.recipients, report.signature),
  ];
  const width = textWidth("landscape");
  const appendix: FileChild[] = [
    centered("Phụ lục", { size: 14, bold: true }),
    centered("DANH MỤC NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN CHƯƠNG TRÌNH HÀNH ĐỘNG", { size: 14, bold: true }),
    centered(`(${m.programmeTitle})`, { size: 13, italics: true }, { after: 120 }),
    tableOf(m.tasks, width),
  ];
  return packDocx(nd30Document([nd30Section(body, { newPage: false }), nd30Section(appendix, { orientation: "landscape", restartNumbering: true })], { title: `Phụ lục nhiệm vụ — ${m.programmeTitle}`, creator: report.issuer.name }));
}

export async function renderTaskAppendixXlsx(m: TaskAppendixModel): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = "Tổng hợp";
  const ws = wb.addWorksheet("Phụ lục nhiệm vụ", { pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const cols = [...TASK_COLUMNS, { key: "status", title: "Tình hình thực hiện", width: 20 }];
  ws.columns = cols.map((c) => ({ width: c.width }));
  const font = { name: "Times New Roman", size: 12 };
  const t = ws.addRow(["PHỤ LỤC NHIỆM VỤ, GIẢI PHÁP"]);
  ws.mergeCells(t.number, 1, t.number, cols.length);
  t.getCell(1).font = { ...font, size: 13, bold: true };
  t.getCell(1).alignment = { horizontal: "center" };
  const s = ws.addRow([`${m.programmeTitle} — ${m.campaign.name}`]);
  ws.mergeCells(s.number, 1, s.number, cols.length);
  s.getCell(1).font = { ...font, italic: true };
  s.getCell(1).alignment = { horizontal: "center", wrapText: true };
  const border = { top: { style: "thin" as const }, left: { style: "thin" as const }, bottom: { style: "thin" as const }, right: { style: "thin" as const } };
  const header = ws.addRow(cols.map((c) => c.title));
  header.eachCell((c) => {
    c.font = { ...font, bold: true };
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    c.border = border;
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
  });
  ws.views = [{ state: "frozen", ySplit: header.number }];
  for (const task of m.tasks) {
    const row = ws.addRow([task.tt, task.title, task.lead.name, task.cooperate.map((c) => c.name).join("; "), task.product, task.deadline?.text ?? "", task.indicatorCodes.join("; "), task.statusLabel]);
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.font = col === 8 && task.status === "cham-tien-do" ? { ...font, color: { argb: "FFC00000" } } : font;
      c.alignment = { vertical: "top", wrapText: true, horizontal: col === 1 || col === 6 ? "center" : "left" };
      c.border = border;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
