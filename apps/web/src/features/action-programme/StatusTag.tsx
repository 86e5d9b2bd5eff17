import type { TaskStatusKey } from "@tonghop/contracts";
import { Tag } from "antd";

const COLORS: Record<TaskStatusKey, string> = { "chua-trien-khai": "default", "dang-thuc-hien": "blue", "hoan-thanh": "green", "cham-tien-do": "red" };

export function TaskStatusTag({ status, label, daysLate }: { status: TaskStatusKey; label: string; daysLate?: number }) {
  return (
    <Tag color={COLORS[status]} data-testid="task-status" data-status={status}>
      {label}
      {daysLate ? ` (${daysLate} ngày)` : ""}
    </Tag>
  );
}
