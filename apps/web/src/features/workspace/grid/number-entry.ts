/**
 * Number entry in the indicator grid: what the officer types or pastes is read the Vietnamese way (84.199,2) with the
 * domain's parser; anything else (1.5, 84,199.2) is reported, never guessed.
 */
import { formatVnNumber, roundTo, tryParseVnNumber } from "@tonghop/domain";

export type CellInput = { ok: true; value: number | null } | { ok: false; error: string };

/** Reads a typed value: empty clears the cell. */
export function parseCellInput(text: string): CellInput {
  if (text.trim() === "") return { ok: true, value: null };
  const r = tryParseVnNumber(text);
  return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
}

/** How a figure is shown: with the row's decimals, unless more were entered (nothing typed is hidden). */
export function displayNumber(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return roundTo(value, decimals) === value ? formatVnNumber(value, decimals) : formatVnNumber(value);
}

/** The text put in the editor when a cell is opened for editing (no grouping dots to fight with). */
export function editText(value: number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return formatVnNumber(value).replace(/\./g, "");
}

/**
 * Splits text copied from Excel (or any spreadsheet) into rows of cells: rows by newline, cells by tab. Quoted cells
 * ("a""b", or containing tabs and newlines) are unquoted as Excel writes them. A trailing newline adds no row.
 */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  let atCellStart = true;
  const t = text.replace(/\r\n?/g, "\n");
  while (i < t.length) {
    const ch = t[i]!;
    if (quoted) {
      if (ch === '"') {
        if (t[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
      i++;
      continue;
    }
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      atCellStart = true;
      i++;
      continue;
    }
    if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atCellStart = true;
      i++;
      continue;
    }
    cell += ch;
    atCellStart = false;
    i++;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export interface PasteCell {
  row: number;
  col: number;
  text: string;
}

export interface PastePlan {
  /** Cells to write (row and column indexes of the grid) with the parsed value. */
  writes: Array<{ row: number; col: number; value: number | null; text: string }>;
  /** Cells whose text is not a Vietnamese number. */
  errors: Array<PasteCell & { error: string }>;
  /** Cells of the block that fall on read-only cells or outside the grid. */
  skipped: number;
}

/**
 * Where a pasted block goes: from the top-left of the selection; a single value pasted into a larger selection fills
 * it (as in Excel). `kindOf` tells whether a target cell takes a number, a text, or nothing.
 */
export function planPaste(
  block: string[][],
  selection: { top: number; left: number; bottom: number; right: number },
  size: { rows: number; cols: number },
  kindOf: (row: number, col: number) => "number" | "text" | null,
): PastePlan & { texts: Array<{ row: number; col: number; text: string }> } {
  const plan: PastePlan & { texts: Array<{ row: number; col: number; text: string }> } = { writes: [], errors: [], skipped: 0, texts: [] };
  const single = block.length === 1 && block[0]!.length === 1;
  const height = single ? selection.bottom - selection.top + 1 : block.length;
  const width = single ? selection.right - selection.left + 1 : Math.max(...block.map((r) => r.length));
  for (let dr = 0; dr < height; dr++) {
    for (let dc = 0; dc < width; dc++) {
      const text = single ? block[0]![0]! : (block[dr]?.[dc] ?? "");
      const row = selection.top + dr;
      const col = selection.left + dc;
      if (row >= size.rows || col >= size.cols) {
        plan.skipped++;
        continue;
      }
      const kind = kindOf(row, col);
      if (kind === null) {
        if (text.trim() !== "") plan.skipped++;
        continue;
      }
      if (kind === "text") {
        plan.texts.push({ row, col, text: text.trim() });
        continue;
      }
      const parsed = parseCellInput(text);
      if (parsed.ok) plan.writes.push({ row, col, value: parsed.value, text });
      else plan.errors.push({ row, col, text, error: parsed.error });
    }
  }
  return plan;
}
