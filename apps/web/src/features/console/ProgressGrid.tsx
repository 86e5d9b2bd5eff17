import { PROGRESS_STATUS_LABELS, progressCellText, type ProgressCellDto, type ProgressMatrixDto } from "@tonghop/contracts";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Tooltip } from "antd";
import { useCallback, useEffect, useRef } from "react";
import { fmtDate } from "../../lib/format";
import { cellColour, cellKey, pct, type ProgressView } from "./progress-view";

const LEFT = 300;
const HEAD = 76;
const ROW = 38;
const COL = 118;

export interface ProgressGridProps {
  matrix: ProgressMatrixDto;
  view: ProgressView;
  height: number;
  onCell: (cell: ProgressCellDto) => void;
  onColumn: (column: number) => void;
  onAgency: (agency: number) => void;
}

/**
 * The agencies × work grid, virtualised in both directions (only the visible cells are in the DOM): a header pane
 * and a left pane kept in step with the scrolling body. Every cell carries its state in words ("Quá hạn 3 ngày",
 * "Đã gửi"), the colour only repeats it. Keyboard: each cell is a button.
 */
export function ProgressGrid({ matrix, view, height, onCell, onColumn, onAgency }: ProgressGridProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const leftRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns new functions on every render, so the React Compiler leaves this component alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({ count: view.rows.length, getScrollElement: () => bodyRef.current, estimateSize: () => ROW, overscan: 6 });
  const cols = useVirtualizer({ horizontal: true, count: view.cols.length, getScrollElement: () => bodyRef.current, estimateSize: () => COL, overscan: 3 });
  const onScroll = useCallback(() => {
    const b = bodyRef.current;
    if (!b) return;
    if (headRef.current) headRef.current.scrollLeft = b.scrollLeft;
    if (leftRef.current) leftRef.current.scrollTop = b.scrollTop;
  }, []);
  useEffect(onScroll, [view, onScroll]);
  const vRows = rows.getVirtualItems();
  const vCols = cols.getVirtualItems();
  const filtered = view.matching;

  return (
    <div
      data-testid="progress-grid"
      data-rows={view.rows.length}
      data-cols={view.cols.length}
      role="grid"
      aria-rowcount={view.rows.length + 1}
      aria-colcount={view.cols.length + 1}
      style={{ display: "grid", gridTemplateColumns: `${LEFT}px 1fr`, gridTemplateRows: `${HEAD}px 1fr`, height, border: "1px solid #d9d9d9", background: "#fff" }}
    >
      <div style={{ borderRight: "1px solid #d9d9d9", borderBottom: "1px solid #d9d9d9", padding: 8, fontSize: 12, background: "#fafafa" }}>
        <strong>Cơ quan</strong> ({view.rows.length})
        <div style={{ color: "#595959" }}>gửi / giao · đầy đủ · đúng hạn</div>
      </div>
      <div ref={headRef} style={{ overflow: "hidden", position: "relative", borderBottom: "1px solid #d9d9d9", background: "#fafafa" }}>
        <div style={{ width: cols.getTotalSize(), height: HEAD, position: "relative" }}>
          {vCols.map((vc) => {
            const ci = view.cols[vc.index]!;
            const c = matrix.columns[ci]!;
            return (
              <Tooltip key={vc.key} title={`${c.label}. ${c.title}${c.milestoneCodes.length ? ` — mốc ${c.milestoneCodes.join(", ")}` : ""}`} placement="bottom">
                <button
                  type="button"
                  role="columnheader"
                  data-testid={`progress-col-${ci}`}
                  onClick={() => onColumn(ci)}
                  style={{
                    position: "absolute",
                    left: vc.start,
                    width: vc.size,
                    top: 0,
                    height: HEAD,
                    padding: "4px 6px",
                    border: 0,
                    borderRight: "1px solid #f0f0f0",
                    background: "transparent",
                    textAlign: "left",
                    cursor: "pointer",
                    fontSize: 12,
                    overflow: "hidden",
                  }}
                >
                  <div style={{ fontWeight: 600, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}>{c.label || c.title}</div>
                  <div style={{ color: "#595959", height: 30, overflow: "hidden", lineHeight: "15px" }}>{c.title}</div>
                  <div style={{ color: c.counts.overdue ? "#a8071a" : "#595959" }}>
                    {c.counts.delivered}/{c.counts.assigned}
                    {c.counts.overdue ? ` · ${c.counts.overdue} quá hạn` : ""}
                  </div>
                </button>
              </Tooltip>
            );
          })}
        </div>
      </div>
      <div ref={leftRef} style={{ overflow: "hidden", position: "relative", borderRight: "1px solid #d9d9d9" }}>
        <div style={{ height: rows.getTotalSize(), position: "relative" }}>
          {vRows.map((vr) => {
            const ai = view.rows[vr.index]!;
            const a = matrix.agencies[ai]!;
            return (
              <button
                key={vr.key}
                type="button"
                role="rowheader"
                data-testid={`progress-agency-${ai}`}
                onClick={() => onAgency(ai)}
                title={a.name}
                style={{
                  position: "absolute",
                  top: vr.start,
                  height: vr.size,
                  left: 0,
                  right: 0,
                  padding: "2px 8px",
                  border: 0,
                  borderBottom: "1px solid #f0f0f0",
                  background: "#fff",
                  textAlign: "left",
                  cursor: "pointer",
                  fontSize: 12,
                  display: "flex",
                  flexDirection: "column",
                  justifyContent: "center",
                }}
              >
                <span style={{ fontWeight: 600, lineHeight: "16px", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}>{a.name}</span>
                <span style={{ color: "#595959", lineHeight: "16px", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}>
                  {a.counts.delivered}/{a.counts.assigned} · {pct(a.rates.completeness)} · {a.rates.timelinessBase ? pct(a.rates.onTime / a.rates.timelinessBase) : "—"}
                  {a.maxOverdueDays ? <span style={{ color: "#a8071a" }}> · quá hạn đến {a.maxOverdueDays} ngày</span> : null}
                  {a.users === 0 ? <span> · chưa có tài khoản</span> : null}
                </span>
              </button>
            );
          })}
        </div>
      </div>
      <div ref={bodyRef} onScroll={onScroll} style={{ overflow: "auto", position: "relative" }} data-testid="progress-body">
        <div style={{ width: cols.getTotalSize(), height: rows.getTotalSize(), position: "relative" }}>
          {vRows.map((vr) => {
            const ai = view.rows[vr.index]!;
            return vCols.map((vc) => {
              const ci = view.cols[vc.index]!;
              const cell = view.cell.get(cellKey(view.width, ai, ci));
              const style = { position: "absolute" as const, top: vr.start, left: vc.start, width: vc.size, height: vr.size, borderRight: "1px solid #f0f0f0", borderBottom: "1px solid #f0f0f0" };
              if (!cell) return <div key={`${vr.key}:${vc.key}`} style={style} aria-hidden />;
              const colour = cellColour(cell[2], cell[4]);
              const dim = !filtered.has(cell);
              const text = progressCellText(cell[2], cell[4]);
              const due = cell[5] ? `hạn ${fmtDate(cell[5])}${cell[6] ? " (gia hạn)" : ""}` : "không có hạn";
              return (
                <button
                  key={`${vr.key}:${vc.key}`}
                  type="button"
                  role="gridcell"
                  data-testid={`progress-cell-${ai}-${ci}`}
                  data-status={cell[2]}
                  title={`${matrix.agencies[ai]!.name} — ${matrix.columns[ci]!.label}: ${PROGRESS_STATUS_LABELS[cell[2]]}${cell[4] ? `, quá hạn ${cell[4]} ngày` : ""}; ${due}${cell[3] ? "; phối hợp" : "; chủ trì"}`}
                  onClick={() => onCell(cell)}
                  style={{
                    ...style,
                    ...colour,
                    opacity: dim ? 0.28 : 1,
                    border: 0,
                    borderRight: "1px solid #fff",
                    borderBottom: "1px solid #fff",
                    fontSize: 12,
                    padding: "0 6px",
                    textAlign: "left",
                    cursor: "pointer",
                    whiteSpace: "nowrap",
                    overflow: "hidden",
                    textOverflow: "ellipsis",
                  }}
                >
                  {/* A plain span: a few hundred cells are drawn at once (bench/matrix.bench.ts). */}
                  {cell[3] ? <span style={{ fontSize: 10, marginRight: 4 }}>PH</span> : null}
                  {text}
                </button>
              );
            });
          })}
        </div>
      </div>
    </div>
  );
}
