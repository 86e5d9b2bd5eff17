// The data behind a chart as a table: what the CSV and XLSX exports contain.

export type Cell = string | number | null;

export interface ChartTable {
  columns: string[];
  rows: Cell[][];
  /** Decimals of each numeric column (null: as is). */
  decimals?: Array<number | null>;
}

const BOM = "\uFEFF";

/** A number as Vietnamese Excel reads it from CSV: decimal comma, no thousands separator ("84199,2"). */
function csvNumber(n: number, decimals: number | null | undefined): string {
  const s = decimals === null || decimals === undefined ? String(Number(n.toPrecision(15))) : n.toFixed(decimals);
  return s.replace(".", ",");
}

function csvText(s: string): string {
  return /[";\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV for Excel in Vietnamese: UTF-8 with BOM (diacritics survive), ";" between fields (the list separator of the
 * Vietnamese locale, since "," is the decimal mark), CRLF line ends, Vietnamese headers.
 */
export function toCsv(table: ChartTable): string {
  const lines = [table.columns.map(csvText).join(";")];
  for (const row of table.rows) {
    lines.push(
      table.columns
        .map((_, i) => {
          const v = row[i] ?? null;
          if (v === null) return "";
          return typeof v === "number" ? (Number.isFinite(v) ? csvNumber(v, table.decimals?.[i]) : "") : csvText(v);
        })
        .join(";"),
    );
  }
  return BOM + lines.join("\r\n") + "\r\n";
}
