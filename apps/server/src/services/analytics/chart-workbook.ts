// A chart's data as an Excel workbook: a title, the campaign, the time of export, a bold header row, numbers as
// numbers with their decimals ("#,##0.0" shows 84.199,2 in a Vietnamese Excel), a frozen header and column widths.

import { newWorkbook } from "../../exports/xlsx/workbook.js";
import { formatVnDate, toVnPlainDate } from "@tonghop/domain";

export interface ChartWorkbookInput {
  title: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
  decimals?: Array<number | null> | undefined;
  note?: string | undefined;
  campaignName: string;
  exportedAt: Date;
}

const FONT = "Times New Roman";

function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
}

export async function buildChartWorkbook(input: ChartWorkbookInput): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = "Tổng hợp";
  wb.created = input.exportedAt;
  const ws = wb.addWorksheet("Số liệu", { views: [{ state: "frozen", ySplit: 5 }] });
  const width = input.columns.length;
  const title = ws.getRow(1);
  title.getCell(1).value = input.title;
  title.font = { name: FONT, size: 14, bold: true };
  ws.getRow(2).getCell(1).value = input.campaignName;
  ws.getRow(2).font = { name: FONT, size: 12, italic: true };
  ws.getRow(3).getCell(1).value = `Xuất ngày ${formatVnDate(toVnPlainDate(input.exportedAt))}${input.note ? ` — ${input.note}` : ""}`;
  ws.getRow(3).font = { name: FONT, size: 11, italic: true };
  if (width > 1) {
    ws.mergeCells(1, 1, 1, width);
    ws.mergeCells(2, 1, 2, width);
    ws.mergeCells(3, 1, 3, width);
  }
  const header = ws.getRow(5);
  input.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c;
    cell.font = { name: FONT, size: 12, bold: true };
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8E8E8" } };
    cell.border = { bottom: { style: "thin" } };
  });
  input.rows.forEach((r, k) => {
    const row = ws.getRow(6 + k);
    for (let i = 0; i < width; i++) {
      const v = r[i] ?? null;
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.font = { name: FONT, size: 12 };
      const d = input.decimals?.[i];
      if (typeof v === "number" && d !== undefined && d !== null) cell.numFmt = numberFormat(d);
    }
  });
  input.columns.forEach((c, i) => {
    const longest = Math.max(c.length, ...input.rows.map((r) => String(r[i] ?? "").length));
    ws.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
