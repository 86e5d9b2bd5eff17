/**
 * Progress of figure and record assignments for "Việc của đơn vị", computed by their own workspaces (the indicator
 * grid's summary of input cells; the record list's rows with required columns missing). Wired in the container.
 */
import type { IndicatorsWorkspaceService } from "./indicators.service.js";
import type { RecordsWorkspaceService } from "./records.service.js";
import type { WorkflowService } from "./workflow.service.js";

export function registerWorkspaceProgress(workflow: WorkflowService, indicators: IndicatorsWorkspaceService, records: RecordsWorkspaceService): void {
  workflow.registerProgress("indicators", async (ctx, a) => {
    if (!a.appendixId) return null;
    const grid = await indicators.grid(ctx, a.appendixId, a.agencyId);
    const empty = grid.summary.inputCells - grid.summary.filledCells;
    const missing: string[] = [];
    if (empty > 0) missing.push(`${empty} ô số liệu chưa nhập`);
    if (grid.summary.errors > 0) missing.push(`${grid.summary.errors} lỗi kiểm tra số liệu`);
    return { done: grid.summary.filledCells, total: grid.summary.inputCells, unit: "ô", missing };
  });
  workflow.registerProgress("records", async (ctx, a) => {
    if (!a.appendixId) return null;
    const list = await records.list(ctx, a.appendixId, a.agencyId);
    const own = list.rows.filter((r) => r.agencyId === a.agencyId);
    const incomplete = own.filter((r) => r.missing.length > 0);
    const missing = incomplete.length ? [`${incomplete.length} dòng còn thiếu thông tin bắt buộc`] : own.length === 0 ? ["Chưa có dòng nào"] : [];
    return { done: own.length - incomplete.length, total: own.length, unit: "dòng", missing };
  });
}
