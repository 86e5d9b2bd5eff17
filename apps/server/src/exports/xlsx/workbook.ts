import type ExcelJS from "exceljs";

let loading: Promise<typeof ExcelJS> | null = null;

/**
 * A new exceljs workbook. exceljs takes about 0.3 s to load, so it is loaded with the first workbook a user asks
 * for, not at start-up (the server answers sooner after a restart).
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  loading ??= import("exceljs").then((m) => m.default);
  const excel = await loading;
  return new excel.Workbook();
}
