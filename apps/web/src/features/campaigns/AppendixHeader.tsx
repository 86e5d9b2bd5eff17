import type { AppendixDto } from "@tonghop/contracts";

/** The appendix's multi-level header exactly as the directive's table (colSpan / rowSpan from expandColumns). */
export function AppendixHeader({ appendix }: { appendix: AppendixDto }) {
  const { header, numbers } = appendix.columns;
  const cell: React.CSSProperties = { border: "1px solid #bfbfbf", padding: "4px 6px", textAlign: "center", fontWeight: 600, background: "#fafafa", fontSize: 12 };
  return (
    <div style={{ overflowX: "auto", marginBottom: 12 }}>
      <table style={{ borderCollapse: "collapse", minWidth: "100%" }} data-testid={`header-${appendix.code}`}>
        <thead>
          {header.map((row, i) => (
            <tr key={i}>
              {row.map((c) => (
                <th key={`${i}-${c.col}`} colSpan={c.colSpan} rowSpan={c.rowSpan} style={cell}>
                  {c.title}
                </th>
              ))}
            </tr>
          ))}
          {numbers && (
            <tr>
              {numbers.map((n, i) => (
                <th key={i} style={{ ...cell, fontWeight: 400, fontStyle: "italic" }}>
                  {n}
                </th>
              ))}
            </tr>
          )}
        </thead>
      </table>
    </div>
  );
}
