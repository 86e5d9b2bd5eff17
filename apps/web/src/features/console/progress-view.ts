// Pure helpers of the progress page: filters, the visible rows and columns, the cell index. No React.

import type { ProgressCellDto, ProgressMatrixDto, ProgressStatus } from "@tonghop/contracts";
import { normalizeSearchText } from "@tonghop/domain";

export type ProgressFilter = "all" | "late" | "returned" | "not_started" | "declared" | "waiting";

export const FILTER_LABELS: Record<ProgressFilter, string> = {
  all: "Tất cả",
  late: "Quá hạn",
  returned: "Bị trả lại",
  not_started: "Chưa bắt đầu",
  declared: "Không có số liệu / không thuộc phạm vi",
  waiting: "Đã gửi, chờ tiếp nhận",
};

export function cellMatches(cell: ProgressCellDto, filter: ProgressFilter): boolean {
  const status = cell[2];
  switch (filter) {
    case "all":
      return true;
    case "late":
      return cell[4] > 0;
    case "returned":
      return status === "returned";
    case "not_started":
      return status === "not_started";
    case "declared":
      return status === "no_data" || status === "out_of_scope";
    case "waiting":
      return status === "sent";
  }
}

export interface ViewOptions {
  filter: ProgressFilter;
  groupId: string | null;
  milestoneCode: string | null;
  search: string;
}

export interface ProgressView {
  /** Agency indexes (into m.agencies) shown, in order. */
  rows: number[];
  /** Column indexes (into m.columns) shown, in order. */
  cols: number[];
  /** Cell by `${agency index}:${column index}`. */
  cell: Map<number, ProgressCellDto>;
  /** Cells that match the filter (the others are shown dimmed). */
  matching: Set<ProgressCellDto>;
  width: number;
}

/**
 * Rows: agencies of the group and the search with at least one matching cell (all agencies when the filter is "all").
 * Columns: those of the milestone with at least one matching cell among the shown rows.
 */
export function buildView(m: ProgressMatrixDto, o: ViewOptions): ProgressView {
  const width = m.columns.length;
  const cell = new Map<number, ProgressCellDto>();
  for (const c of m.cells) cell.set(c[0] * width + c[1], c);
  const q = normalizeSearchText(o.search.trim());
  const agencyOk = m.agencies.map((a) => (!o.groupId || a.groupIds.includes(o.groupId)) && (!q || normalizeSearchText(`${a.name} ${a.shortName}`).includes(q)));
  const colOk = m.columns.map((c) => !o.milestoneCode || c.milestoneCodes.includes(o.milestoneCode));
  const matching = new Set<ProgressCellDto>();
  const rowHit = new Set<number>();
  const colHit = new Set<number>();
  for (const c of m.cells) {
    if (!agencyOk[c[0]] || !colOk[c[1]]) continue;
    if (!cellMatches(c, o.filter)) continue;
    matching.add(c);
    rowHit.add(c[0]);
    colHit.add(c[1]);
  }
  const all = o.filter === "all";
  const rows = m.agencies.map((_, i) => i).filter((i) => agencyOk[i] && (all ? true : rowHit.has(i)));
  const cols = m.columns.map((_, i) => i).filter((i) => colOk[i] && (all ? true : colHit.has(i)));
  return { rows, cols, cell, matching, width };
}

export const cellKey = (width: number, agency: number, column: number) => agency * width + column;

/** Background colour of a status (the text says the same: readable without colour). */
export function cellColour(status: ProgressStatus, overdueDays: number): { background: string; color: string } {
  if (overdueDays > 0) return { background: "#ffccc7", color: "#820014" };
  switch (status) {
    case "accepted":
      return { background: "#d9f7be", color: "#135200" };
    case "sent":
      return { background: "#bae0ff", color: "#002c8c" };
    case "no_data":
    case "out_of_scope":
      return { background: "#efdbff", color: "#391085" };
    case "returned":
      return { background: "#ffe7ba", color: "#873800" };
    case "submitted":
      return { background: "#fff1b8", color: "#614700" };
    case "drafting":
      return { background: "#ffffff", color: "#262626" };
    case "not_started":
      return { background: "#f5f5f5", color: "#595959" };
  }
}

/** "45%" (Vietnamese: no decimals under 10 points, comma decimals otherwise). */
export function pct(n: number | null): string {
  if (n === null) return "—";
  return `${Math.round(n * 100)}%`;
}

/** The submission behind a cell: the section page, the figures grid or the record list, for that agency. */
export function drillDownPath(m: ProgressMatrixDto, cell: ProgressCellDto): string {
  const col = m.columns[cell[1]]!;
  const agency = m.agencies[cell[0]]!;
  const base = `/dot/${m.campaign.id}`;
  const q = `?agency=${agency.id}`;
  if (col.kind === "outline") return `${base}/muc/${col.id}${q}`;
  if (col.kind === "indicators") return `${base}/phu-luc/${col.id}${q}`;
  return `${base}/danh-sach/${col.id}${q}`;
}
