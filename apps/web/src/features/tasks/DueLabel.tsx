import type { AssignmentState } from "@tonghop/contracts";
import { Typography } from "antd";
import { fmtDate, todayVn } from "../../lib/format";
import { dueStatus, dueStatusText } from "./due-status";

/** "10/5/2024 · còn 8 ngày làm việc", or "Quá hạn 3 ngày" in red; the directive's wording as a tooltip. */
export function DueLabel({ due, wording, state, today = todayVn() }: { due: string | null; wording?: string | null; state: AssignmentState; today?: string }) {
  const s = dueStatus(due, today, state);
  const text = dueStatusText(s);
  return (
    <span title={wording ?? undefined} data-testid="due-label">
      {due && <span>{fmtDate(due)}</span>}
      {text && (
        <Typography.Text type={s.kind === "overdue" ? "danger" : s.kind === "today" ? "warning" : "secondary"} strong={s.kind === "overdue"} style={{ marginLeft: due ? 8 : 0 }}>
          {text}
        </Typography.Text>
      )}
    </span>
  );
}
