/**
 * The indicator grid: the template's multi-level header (rowSpan / colSpan), the agency's rows with TT, name and unit
 * sticky on the left, input cells entered the Vietnamese way and validated as you type, computed cells read-only and
 * grey, validation issues beside the row, keyboard navigation like a spreadsheet and pasting blocks copied from Excel.
 *
 * A custom component rather than a data-grid library: none of the maintained React grids that are free to use renders
 * merged multi-level headers from a colSpan/rowSpan matrix as the templates need, and the behaviour needed here
 * (Vietnamese number parsing as you type, per-cell status, paste with locale checks) is a thin layer on a table.
 *
 * Keys: arrows move (Shift extends the selection), Tab / Shift+Tab move right / left, Enter or F2 edits (Enter again
 * commits and moves down), typing replaces the cell, Esc cancels, Delete clears the selected cells, Ctrl+C copies the
 * selection, Ctrl+V pastes a block from the top-left of the selection.
 */
import { CheckCircleTwoTone, CloseCircleTwoTone, WarningTwoTone } from "@ant-design/icons";
import { FIGURE_STATUS_LABELS, type FigureStatus, type GridCellDto, type GridColumnDto, type GridRowDto, type IndicatorGridDto } from "@tonghop/contracts";
import { Tooltip } from "antd";
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { displayNumber, editText, parseCellInput, parseClipboard, planPaste } from "./number-entry";
import "./grid.css";

/** What the page overlays on a server cell: an unsaved value or text, and its save state. */
export interface CellOverlay {
  value?: number | null;
  text?: string;
  status?: FigureStatus;
  state: "pending" | "saving" | "conflict";
}

export type GridEdit = { rowId: string; columnKey: string; kind: "value"; value: number | null } | { rowId: string; columnKey: string; kind: "text"; text: string };

export interface ActiveCell {
  row: GridRowDto;
  column: GridColumnDto;
}

export interface PasteReport {
  applied: number;
  skipped: number;
  /** "Dòng … – cột …: '1.5' không phải số hợp lệ…" */
  errors: string[];
}

interface Props {
  grid: IndicatorGridDto;
  overlay: (rowId: string, columnKey: string) => CellOverlay | undefined;
  /** The user may edit now (the assignment is editable). */
  editable: boolean;
  onCommit: (edits: GridEdit[]) => void;
  onActiveChange?: (cell: ActiveCell | null) => void;
  onPasteReport?: (report: PasteReport) => void;
  rowActions?: (row: GridRowDto) => ReactNode;
}

interface Pos {
  r: number;
  c: number;
}

const DATA_KINDS = new Set(["value", "target", "evaluation", "proposal", "note"]);
const WIDTHS: Record<GridColumnDto["kind"], number> = { tt: 48, name: 340, unit: 80, agency: 200, value: 112, target: 100, evaluation: 100, proposal: 150, note: 180 };

type Editing = { pos: Pos; text: string; error: string | null; typed: boolean };

function cellKind(row: GridRowDto, col: GridColumnDto): "number" | "text" | null {
  const cell = row.cells[col.key];
  if (!cell) return null;
  if (cell.kind === "value" && cell.editable) return "number";
  if (cell.kind === "text" && cell.editable) return "text";
  return null;
}

const statusClass = (s: FigureStatus | null | undefined) => (s === "uoc" ? "fg-status" : s === "so-bo" ? "fg-status fg-so-bo" : null);
const STATUS_MARK: Record<FigureStatus, string> = { uoc: "ước", "so-bo": "sơ bộ", "chinh-thuc": "" };

export function IndicatorGrid({ grid, overlay, editable, onCommit, onActiveChange, onPasteReport, rowActions }: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const navCols = useMemo(() => grid.columns.filter((c) => DATA_KINDS.has(c.kind)), [grid.columns]);
  const navIndex = useMemo(() => new Map(navCols.map((c, i) => [c.key, i])), [navCols]);
  const rows = grid.rows;
  const [active, setActive] = useState<Pos | null>(null);
  const [anchor, setAnchor] = useState<Pos | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);

  const clamp = useCallback((p: Pos): Pos => ({ r: Math.max(0, Math.min(rows.length - 1, p.r)), c: Math.max(0, Math.min(navCols.length - 1, p.c)) }), [rows.length, navCols.length]);

  useEffect(() => {
    if (!onActiveChange) return;
    const row = active ? rows[active.r] : undefined;
    const column = active ? navCols[active.c] : undefined;
    onActiveChange(row && column ? { row, column } : null);
  }, [active, rows, navCols, onActiveChange]);

  useEffect(() => {
    if (!active) return;
    const wrap = wrapRef.current;
    const el = wrap?.querySelector<HTMLElement>(`[data-pos="${active.r}:${active.c}"]`);
    if (!wrap || !el) return;
    // Keep the cell clear of the sticky header and stub columns (scrollIntoView would leave it under them).
    const stub = WIDTHS.tt + WIDTHS.name + WIDTHS.unit;
    const head = wrap.querySelector("thead")?.getBoundingClientRect().height ?? 0;
    const left = el.offsetLeft;
    const top = el.offsetTop;
    if (left - wrap.scrollLeft < stub) wrap.scrollLeft = Math.max(0, left - stub);
    else if (left + el.offsetWidth > wrap.scrollLeft + wrap.clientWidth) wrap.scrollLeft = left + el.offsetWidth - wrap.clientWidth;
    if (top - wrap.scrollTop < head) wrap.scrollTop = Math.max(0, top - head);
    else if (top + el.offsetHeight > wrap.scrollTop + wrap.clientHeight) wrap.scrollTop = top + el.offsetHeight - wrap.clientHeight;
  }, [active]);

  const selection = useMemo(() => {
    if (!active) return null;
    const a = anchor ?? active;
    return { top: Math.min(a.r, active.r), bottom: Math.max(a.r, active.r), left: Math.min(a.c, active.c), right: Math.max(a.c, active.c) };
  }, [active, anchor]);

  const kindAt = useCallback(
    (r: number, c: number) => {
      const row = rows[r];
      const col = navCols[c];
      if (!row || !col || !editable) return null;
      return cellKind(row, col);
    },
    [rows, navCols, editable],
  );

  const shownValue = useCallback(
    (row: GridRowDto, col: GridColumnDto): { value: number | null; text: string } => {
      const o = overlay(row.id, col.key);
      const cell = row.cells[col.key];
      if (cell?.kind === "text") return { value: null, text: o?.text ?? cell.text };
      const v = o && o.value !== undefined ? o.value : cell?.kind === "value" || cell?.kind === "computed" ? cell.value : null;
      return { value: v, text: "" };
    },
    [overlay],
  );

  const move = useCallback(
    (to: Pos, extend = false) => {
      const p = clamp(to);
      if (extend) setAnchor((a) => a ?? active ?? p);
      else setAnchor(null);
      setActive(p);
    },
    [clamp, active],
  );

  const startEdit = useCallback(
    (pos: Pos, initial: string | null) => {
      const kind = kindAt(pos.r, pos.c);
      if (!kind) return;
      const row = rows[pos.r]!;
      const col = navCols[pos.c]!;
      const shown = shownValue(row, col);
      const text = initial ?? (kind === "number" ? editText(shown.value) : shown.text);
      setEditing({ pos, text, error: kind === "number" && initial !== null ? (parseCellInput(text).ok ? null : messageOf(text)) : null, typed: initial !== null });
    },
    [kindAt, rows, navCols, shownValue],
  );

  const commitEdit = useCallback((): boolean => {
    if (!editing) return true;
    const row = rows[editing.pos.r]!;
    const col = navCols[editing.pos.c]!;
    const kind = kindAt(editing.pos.r, editing.pos.c);
    if (kind === "text") {
      onCommit([{ rowId: row.id, columnKey: col.key, kind: "text", text: editing.text.trim() }]);
      setEditing(null);
      return true;
    }
    const parsed = parseCellInput(editing.text);
    if (!parsed.ok) {
      setEditing({ ...editing, error: parsed.error });
      return false;
    }
    const before = shownValue(row, col).value;
    if (parsed.value !== before) onCommit([{ rowId: row.id, columnKey: col.key, kind: "value", value: parsed.value }]);
    setEditing(null);
    return true;
  }, [editing, rows, navCols, kindAt, onCommit, shownValue]);

  const focusGrid = () => wrapRef.current?.focus({ preventScroll: true });

  const clearSelection = useCallback(() => {
    if (!selection) return;
    const edits: GridEdit[] = [];
    for (let r = selection.top; r <= selection.bottom; r++) {
      for (let c = selection.left; c <= selection.right; c++) {
        const kind = kindAt(r, c);
        const row = rows[r]!;
        const col = navCols[c]!;
        if (kind === "number" && shownValue(row, col).value !== null) edits.push({ rowId: row.id, columnKey: col.key, kind: "value", value: null });
        if (kind === "text" && shownValue(row, col).text !== "") edits.push({ rowId: row.id, columnKey: col.key, kind: "text", text: "" });
      }
    }
    if (edits.length) onCommit(edits);
  }, [selection, kindAt, rows, navCols, shownValue, onCommit]);

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing || e.target !== wrapRef.current) return;
    if (!active) {
      if (e.key.startsWith("Arrow") || e.key === "Tab") {
        e.preventDefault();
        move({ r: 0, c: 0 });
      }
      return;
    }
    const ctrl = e.ctrlKey || e.metaKey;
    switch (e.key) {
      case "ArrowUp":
      case "ArrowDown":
      case "ArrowLeft":
      case "ArrowRight": {
        e.preventDefault();
        const d = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key];
        const jump = ctrl ? (d[0] !== 0 ? rows.length : navCols.length) : 1;
        move({ r: active.r + d[0]! * jump, c: active.c + d[1]! * jump }, e.shiftKey);
        return;
      }
      case "Tab":
        e.preventDefault();
        move({ r: active.r, c: active.c + (e.shiftKey ? -1 : 1) });
        return;
      case "Home":
        e.preventDefault();
        move({ r: ctrl ? 0 : active.r, c: 0 });
        return;
      case "End":
        e.preventDefault();
        move({ r: ctrl ? rows.length - 1 : active.r, c: navCols.length - 1 });
        return;
      case "PageDown":
      case "PageUp":
        e.preventDefault();
        move({ r: active.r + (e.key === "PageDown" ? 15 : -15), c: active.c });
        return;
      case "Enter":
      case "F2":
        e.preventDefault();
        if (kindAt(active.r, active.c)) startEdit(active, null);
        else move({ r: active.r + (e.shiftKey ? -1 : 1), c: active.c });
        return;
      case "Delete":
      case "Backspace":
        e.preventDefault();
        clearSelection();
        return;
      case "Escape":
        setAnchor(null);
        return;
      default:
        if (!ctrl && !e.altKey && e.key.length === 1 && kindAt(active.r, active.c)) {
          e.preventDefault();
          setAnchor(null);
          startEdit(active, e.key);
        }
    }
  };

  const onEditorKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!editing) return;
    const at = editing.pos;
    const go = (p: Pos) => {
      if (commitEdit()) {
        move(p);
        focusGrid();
      }
    };
    switch (e.key) {
      case "Enter":
        e.preventDefault();
        go({ r: at.r + (e.shiftKey ? -1 : 1), c: at.c });
        return;
      case "Tab":
        e.preventDefault();
        go({ r: at.r, c: at.c + (e.shiftKey ? -1 : 1) });
        return;
      case "Escape":
        e.preventDefault();
        setEditing(null);
        focusGrid();
        return;
      case "ArrowUp":
      case "ArrowDown":
        if (editing.typed) {
          e.preventDefault();
          go({ r: at.r + (e.key === "ArrowDown" ? 1 : -1), c: at.c });
        }
        return;
      case "ArrowLeft":
      case "ArrowRight":
        if (editing.typed) {
          e.preventDefault();
          go({ r: at.r, c: at.c + (e.key === "ArrowRight" ? 1 : -1) });
        }
        return;
      default:
        return;
    }
  };

  const onPaste = (e: React.ClipboardEvent<HTMLDivElement>) => {
    if (editing || !selection) return;
    const text = e.clipboardData.getData("text/plain");
    if (!text) return;
    e.preventDefault();
    const plan = planPaste(parseClipboard(text), selection, { rows: rows.length, cols: navCols.length }, kindAt);
    const edits: GridEdit[] = [
      ...plan.writes.map((w): GridEdit => ({ rowId: rows[w.row]!.id, columnKey: navCols[w.col]!.key, kind: "value", value: w.value })),
      ...plan.texts.map((w): GridEdit => ({ rowId: rows[w.row]!.id, columnKey: navCols[w.col]!.key, kind: "text", text: w.text })),
    ];
    if (edits.length) onCommit(edits);
    onPasteReport?.({
      applied: edits.length,
      skipped: plan.skipped,
      errors: plan.errors.map((x) => `Dòng "${rows[x.row]!.name}", cột "${longTitle(grid, navCols[x.col]!.key)}": ${x.error}`),
    });
  };

  const onCopy = (e: React.ClipboardEvent<HTMLDivElement>) => {
    if (editing || !selection) return;
    e.preventDefault();
    const lines: string[] = [];
    for (let r = selection.top; r <= selection.bottom; r++) {
      const cells: string[] = [];
      for (let c = selection.left; c <= selection.right; c++) {
        const row = rows[r]!;
        const col = navCols[c]!;
        const cell = row.cells[col.key];
        const shown = shownValue(row, col);
        if (!cell) cells.push("");
        else if (cell.kind === "value" || cell.kind === "computed") cells.push(displayNumber(shown.value, row.decimals));
        else if (cell.kind === "text") cells.push(shown.text);
        else if (cell.kind === "target") cells.push(cell.text ?? "");
        else cells.push(cell.label ?? "");
      }
      lines.push(cells.join("\t"));
    }
    e.clipboardData.setData("text/plain", lines.join("\n"));
  };

  const depth = grid.header.length + (grid.numbers ? 1 : 0);
  const colIndexOf = useMemo(() => new Map(grid.columns.map((c, i) => [c.key, i])), [grid.columns]);

  return (
    <div
      ref={wrapRef}
      className="fg-wrap"
      tabIndex={0}
      role="grid"
      aria-label={`${grid.appendix.title}${grid.agency ? ` — ${grid.agency.name}` : ""}`}
      aria-rowcount={rows.length}
      onKeyDown={onGridKey}
      onPaste={onPaste}
      onCopy={onCopy}
      data-testid="indicator-grid"
    >
      <table className="fg-table" style={{ width: grid.columns.reduce((sum, c) => sum + WIDTHS[c.kind], 74) }}>
        <colgroup>
          {grid.columns.map((c) => (
            <col key={c.key} style={{ width: WIDTHS[c.kind] }} />
          ))}
          <col style={{ width: 74 }} />
        </colgroup>
        <thead>
          {grid.header.map((line, level) => (
            <tr key={level}>
              {line.map((h) => {
                const i = h.col;
                const sticky = i < 3 ? `fg-sticky fg-c${i}` : "";
                return (
                  <th key={`${level}-${h.col}`} colSpan={h.colSpan} rowSpan={h.rowSpan} className={sticky} scope="col">
                    {h.title}
                  </th>
                );
              })}
              {level === 0 && (
                <th rowSpan={depth} scope="col">
                  Kiểm tra
                </th>
              )}
            </tr>
          ))}
          {grid.numbers && (
            <tr>
              {grid.numbers.map((n, i) => (
                <th key={i} className={`fg-num ${i < 3 ? `fg-sticky fg-c${i}` : ""}`}>
                  {n}
                </th>
              ))}
            </tr>
          )}
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <GridRow
              key={row.id}
              row={row}
              r={r}
              grid={grid}
              navIndex={navIndex}
              colIndexOf={colIndexOf}
              active={active?.r === r ? active.c : null}
              sel={selection && r >= selection.top && r <= selection.bottom ? [selection.left, selection.right] : null}
              editing={editing?.pos.r === r ? editing : null}
              overlay={overlay}
              editable={editable}
              rowActions={rowActions}
              onCellDown={(c, shift) => {
                if (editing && !(editing.pos.r === r && editing.pos.c === c) && !commitEdit()) return;
                move({ r, c }, shift);
                focusGrid();
              }}
              onCellDouble={(c) => startEdit({ r, c }, null)}
              onEditorChange={(text) => {
                if (!editing) return;
                const kind = kindAt(editing.pos.r, editing.pos.c);
                setEditing({ ...editing, text, error: kind === "number" ? (parseCellInput(text).ok ? null : messageOf(text)) : null });
              }}
              onEditorKey={onEditorKey}
              onEditorBlur={() => {
                if (editing && !commitEdit()) setEditing(null);
              }}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function messageOf(text: string): string {
  const r = parseCellInput(text);
  return r.ok ? "" : r.error;
}

/** "Giai đoạn 2019-2023 – Cả nước": the header titles above a column. */
export function longTitle(grid: Pick<IndicatorGridDto, "header" | "columns">, key: string): string {
  const i = grid.columns.findIndex((c) => c.key === key);
  const parts: string[] = [];
  for (const line of grid.header) for (const h of line) if (h.col <= i && i < h.col + h.colSpan) parts.push(h.title.trim());
  return parts.join(" – ") || key;
}

interface RowProps {
  row: GridRowDto;
  r: number;
  grid: IndicatorGridDto;
  navIndex: Map<string, number>;
  colIndexOf: Map<string, number>;
  active: number | null;
  sel: [number, number] | null;
  editing: Editing | null;
  overlay: (rowId: string, columnKey: string) => CellOverlay | undefined;
  editable: boolean;
  rowActions: ((row: GridRowDto) => ReactNode) | undefined;
  onCellDown: (c: number, shift: boolean) => void;
  onCellDouble: (c: number) => void;
  onEditorChange: (text: string) => void;
  onEditorKey: (e: KeyboardEvent<HTMLInputElement>) => void;
  onEditorBlur: () => void;
}

const GridRow = memo(function GridRow(p: RowProps) {
  const { row, grid } = p;
  const heading = !row.indicatorCode;
  const issueCols = new Map<string, "error" | "warning">();
  for (const i of row.issues) for (const k of i.columnKeys) if (issueCols.get(k) !== "error") issueCols.set(k, i.severity);
  const cls = [heading ? "fg-heading" : "", row.own ? "" : "fg-context", p.active !== null ? "fg-has-active" : ""].join(" ");
  return (
    <tr className={cls} data-row={row.indicatorCode ?? row.id} aria-rowindex={p.r + 1}>
      {grid.columns.map((col, i) => {
        const sticky = i < 3 ? ` fg-sticky fg-c${i}` : "";
        switch (col.kind) {
          case "tt":
            return (
              <td key={col.key} className={`fg-tt${sticky}`}>
                {row.tt}
              </td>
            );
          case "name":
            return (
              <td
                key={col.key}
                className={`fg-name${sticky}`}
                style={{ paddingLeft: 6 + Math.min(row.depth, 6) * 12, fontWeight: row.emphasis === "bold" ? 600 : undefined, fontStyle: row.emphasis === "italic" ? "italic" : undefined }}
                title={row.name}
              >
                {row.name}
                {row.computed && (
                  <Tooltip title="Chỉ tiêu tính theo công thức từ các chỉ tiêu khác">
                    <span style={{ color: "#8c8c8c", marginLeft: 4 }}>ƒ</span>
                  </Tooltip>
                )}
                {p.rowActions && <span className="fg-row-actions">{p.rowActions(row)}</span>}
              </td>
            );
          case "unit":
            return (
              <td key={col.key} className={`fg-unit${sticky}`}>
                {row.unit}
              </td>
            );
          case "agency":
            return (
              <td key={col.key} title={row.leadNames}>
                {row.leadNames}
              </td>
            );
          default: {
            const c = p.navIndex.get(col.key)!;
            return (
              <DataCell
                key={col.key}
                row={row}
                col={col}
                c={c}
                cell={row.cells[col.key]}
                overlay={p.overlay(row.id, col.key)}
                editable={p.editable}
                active={p.active === c}
                selected={!!p.sel && c >= p.sel[0] && c <= p.sel[1]}
                issue={issueCols.get(col.key)}
                editing={p.editing && p.editing.pos.c === c ? p.editing : null}
                r={p.r}
                onDown={(shift) => p.onCellDown(c, shift)}
                onDouble={() => p.onCellDouble(c)}
                onEditorChange={p.onEditorChange}
                onEditorKey={p.onEditorKey}
                onEditorBlur={p.onEditorBlur}
              />
            );
          }
        }
      })}
      <td className="fg-issues">
        <IssuesMark row={row} />
      </td>
    </tr>
  );
});

function IssuesMark({ row }: { row: GridRowDto }) {
  if (!row.issues.length) return row.own && row.indicatorCode && !row.computed ? <CheckCircleTwoTone twoToneColor="#d9f7be" /> : null;
  const errors = row.issues.filter((i) => i.severity === "error");
  return (
    <Tooltip
      title={
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {row.issues.map((i, k) => (
            <li key={k}>{i.message}</li>
          ))}
        </ul>
      }
    >
      <span data-testid={`issues-${row.indicatorCode ?? row.id}`}>
        {errors.length ? <CloseCircleTwoTone twoToneColor="#ff4d4f" /> : <WarningTwoTone twoToneColor="#faad14" />} {row.issues.length}
      </span>
    </Tooltip>
  );
}

interface DataCellProps {
  row: GridRowDto;
  col: GridColumnDto;
  c: number;
  r: number;
  cell: GridCellDto | undefined;
  overlay: CellOverlay | undefined;
  editable: boolean;
  active: boolean;
  selected: boolean;
  issue: "error" | "warning" | undefined;
  editing: Editing | null;
  onDown: (shift: boolean) => void;
  onDouble: () => void;
  onEditorChange: (text: string) => void;
  onEditorKey: (e: KeyboardEvent<HTMLInputElement>) => void;
  onEditorBlur: () => void;
}

function DataCell(p: DataCellProps) {
  const { cell, overlay, row } = p;
  const classes: string[] = [];
  let content: ReactNode = null;
  let title: string | undefined;
  if (cell?.kind === "value") {
    classes.push("fg-value");
    if (cell.editable && p.editable) classes.push("fg-editable");
    const value = overlay && overlay.value !== undefined ? overlay.value : cell.value;
    const status = overlay?.status ?? cell.status;
    const mark = value !== null && status ? statusClass(status) : null;
    content = (
      <>
        {mark && <span className={mark}>{STATUS_MARK[status!]}</span>}
        {displayNumber(value, row.decimals)}
        {cell.note && <span className="fg-note-mark" />}
      </>
    );
    const who = cell.enteredByName ? `${cell.enteredByName}` : null;
    title = [status ? FIGURE_STATUS_LABELS[status] : null, cell.note, who, cell.campaignName ? `Nhập trong đợt: ${cell.campaignName}` : null].filter(Boolean).join(" · ") || undefined;
  } else if (cell?.kind === "computed") {
    classes.push("fg-computed");
    if (cell.value === null) classes.push("fg-missing");
    content = cell.value === null ? "—" : displayNumber(cell.value, row.decimals);
    title = cell.reason ?? (cell.formula ? `= ${cell.formula}` : "Hệ thống tính");
  } else if (cell?.kind === "target") {
    content = cell.text;
    title = cell.error ?? undefined;
  } else if (cell?.kind === "evaluation") {
    classes.push("fg-evaluation");
    content = cell.verdict ? <span className={`fg-verdict-${cell.verdict}`}>{cell.label}</span> : null;
    title = cell.reason ?? undefined;
  } else if (cell?.kind === "text") {
    if (cell.editable && p.editable) classes.push("fg-editable");
    content = overlay?.text ?? cell.text;
    title = cell.error ?? (typeof content === "string" && content ? content : undefined);
  }
  if (overlay?.state === "pending" || overlay?.state === "saving") classes.push("fg-pending");
  if (overlay?.state === "conflict") classes.push("fg-conflict");
  if (p.issue) classes.push(`fg-issue-${p.issue}`);
  if (p.selected) classes.push("fg-selected");
  if (p.active) classes.push("fg-active");
  if (p.editing) classes.push("fg-editing");
  return (
    <td
      className={classes.join(" ")}
      data-pos={`${p.r}:${p.c}`}
      data-cell={`${row.indicatorCode ?? row.id}|${p.col.key}`}
      aria-selected={p.active || p.selected}
      title={p.editing ? undefined : title}
      onMouseDown={(e) => {
        if (p.editing) return;
        e.preventDefault();
        p.onDown(e.shiftKey);
      }}
      onDoubleClick={p.onDouble}
    >
      {p.editing ? (
        <>
          <input
            className={`fg-editor${cell?.kind === "text" ? " fg-text-editor" : ""}${p.editing.error ? " fg-invalid" : ""}`}
            autoFocus
            value={p.editing.text}
            aria-invalid={!!p.editing.error}
            aria-label={`${row.name} – ${p.col.title}`}
            data-testid="cell-editor"
            onChange={(e) => p.onEditorChange(e.target.value)}
            onKeyDown={p.onEditorKey}
            onBlur={p.onEditorBlur}
          />
          {p.editing.error && (
            <div className="fg-editor-error" role="alert" data-testid="cell-error">
              {p.editing.error}
            </div>
          )}
        </>
      ) : (
        content
      )}
    </td>
  );
}
