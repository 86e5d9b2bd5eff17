import { FIGURE_STATUS_LABELS, type FigureConflictDto } from "@tonghop/contracts";
import { Alert, Button, Modal, Radio, Space, Table, Typography } from "antd";
import { useState } from "react";
import { fmtDateTime } from "../../../lib/format";
import { displayNumber } from "./number-entry";

type Side = FigureConflictDto["yours"] | FigureConflictDto["theirs"];

function describe(kind: FigureConflictDto["kind"], side: Side): string {
  if (kind === "text") return side.text ? `"${side.text}"` : "(trống)";
  if (side.value === null || side.value === undefined) return "(trống)";
  return `${displayNumber(side.value, 0)}${side.status ? ` — ${FIGURE_STATUS_LABELS[side.status]}` : ""}`;
}

/**
 * After a refused save: for every cell changed meanwhile by someone else, the user's value and the stored one with
 * who and when; the user keeps one or the other per cell (nothing is overwritten silently).
 */
export function FigureConflictDialog({
  conflicts,
  onResolve,
}: {
  conflicts: FigureConflictDto[];
  onResolve: (choices: Array<{ conflict: FigureConflictDto; keep: "mine" | "theirs" }>) => void;
}) {
  // The choices belong to one list of conflicts: a new list starts empty.
  const [picked, setPicked] = useState<{ for: FigureConflictDto[]; choice: Record<string, "mine" | "theirs"> }>({ for: conflicts, choice: {} });
  const choice = picked.for === conflicts ? picked.choice : {};
  const setChoice = (next: Record<string, "mine" | "theirs">) => setPicked({ for: conflicts, choice: next });
  if (!conflicts.length) return null;
  const key = (c: FigureConflictDto) => `${c.rowId}|${c.columnKey}`;
  const all = (keep: "mine" | "theirs") => setChoice(Object.fromEntries(conflicts.map((c) => [key(c), keep])));
  const done = conflicts.every((c) => choice[key(c)]);
  return (
    <Modal
      open
      width={980}
      title="Xung đột: số liệu vừa được người khác lưu"
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Space>
          <Button onClick={() => all("theirs")}>Dùng tất cả số đang lưu</Button>
          <Button onClick={() => all("mine")}>Giữ tất cả số của tôi</Button>
          <Button type="primary" disabled={!done} data-testid="conflict-apply" onClick={() => onResolve(conflicts.map((c) => ({ conflict: c, keep: choice[key(c)]! })))}>
            Áp dụng lựa chọn
          </Button>
        </Space>
      }
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="Trong lúc bạn nhập, các ô dưới đây đã được lưu bởi người khác. Lần lưu của bạn chưa ghi ô nào. Chọn giữ số của bạn hoặc dùng số đang lưu cho từng ô."
      />
      <Table<FigureConflictDto>
        size="small"
        rowKey={key}
        pagination={false}
        dataSource={conflicts}
        columns={[
          { title: "Ô", key: "cell", render: (_, c) => <span>{c.rowName} <Typography.Text type="secondary">— {c.columnTitle}</Typography.Text></span> },
          { title: "Số của bạn", key: "mine", width: 190, render: (_, c) => describe(c.kind, c.yours) },
          {
            title: "Số đang lưu",
            key: "theirs",
            width: 260,
            render: (_, c) => (
              <span>
                {describe(c.kind, c.theirs)}
                <br />
                <Typography.Text type="secondary">
                  {c.theirs.byName ?? "—"}
                  {c.theirs.at ? `, ${fmtDateTime(c.theirs.at)}` : ""}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: "Giữ",
            key: "keep",
            width: 210,
            render: (_, c) => (
              <Radio.Group value={choice[key(c)]} onChange={(e) => setChoice({ ...choice, [key(c)]: e.target.value as "mine" | "theirs" })} data-testid={`conflict-choice-${c.columnKey}`}>
                <Radio value="mine">Của tôi</Radio>
                <Radio value="theirs">Đang lưu</Radio>
              </Radio.Group>
            ),
          },
        ]}
      />
    </Modal>
  );
}
