import { FIGURE_STATUSES, FIGURE_STATUS_LABELS, type FigureStatus, type GridCellDto, type IndicatorGridDto } from "@tonghop/contracts";
import { AGGREGATION_LABELS, isAggregation } from "@tonghop/domain";
import { Button, Card, Descriptions, Empty, Input, Select, Space, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { fmtDateTime } from "../../../lib/format";
import { useFigureHistory } from "./grid.api";
import type { ActiveCell } from "./IndicatorGrid";
import { longTitle } from "./IndicatorGrid";
import { displayNumber } from "./number-entry";
import type { PendingCell } from "./useFigureAutosave";

const VERDICT_COLORS = { vuot: "green", dat: "blue", "khong-dat": "red", "thieu-so-lieu": "default" } as const;

/**
 * The side panel of the active cell: status (ước / sơ bộ / chính thức), note and source of a figure, who entered it
 * and when, its history; for computed cells how they are computed or why they are empty.
 */
export function CellPanel({
  grid,
  active,
  pending,
  editable,
  onChange,
}: {
  grid: IndicatorGridDto;
  active: ActiveCell | null;
  pending: PendingCell | undefined;
  editable: boolean;
  onChange: (patch: { status?: FigureStatus; note?: string | null; source?: string | null }) => void;
}) {
  const cell = active ? active.row.cells[active.column.key] : undefined;
  if (!active) {
    return (
      <Card size="small" title="Ô đang chọn">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chọn một ô để xem trạng thái, ghi chú, nguồn và lịch sử." />
      </Card>
    );
  }
  const { row, column } = active;
  const title = longTitle(grid, column.key);
  const canEdit = editable && cell?.kind === "value" && cell.editable;
  return (
    <Card size="small" title={<span title={row.name}>{row.name}</span>} extra={<Typography.Text type="secondary">{title}</Typography.Text>} data-testid="cell-panel">
      {cell?.kind === "value" && (
        <ValueDetails key={`${row.id}|${column.key}`} grid={grid} active={active} cell={cell} pending={pending?.kind === "value" ? pending : null} canEdit={!!canEdit} onChange={onChange} />
      )}
      {cell?.kind === "computed" && (
        <Space orientation="vertical">
          <strong>{cell.value === null ? "—" : displayNumber(cell.value, row.decimals)}</strong>
          <Typography.Text type="secondary">
            {cell.formula ? `Tính theo công thức: ${cell.formula}. ` : `Hệ thống tính từ các năm: ${isAggregation(row.aggregation) ? AGGREGATION_LABELS[row.aggregation] : ""}. `}
            {cell.reason ?? ""}
          </Typography.Text>
        </Space>
      )}
      {cell?.kind === "evaluation" && (
        <Space orientation="vertical">
          {cell.verdict && <Tag color={VERDICT_COLORS[cell.verdict]}>{cell.label}</Tag>}
          <Typography.Text type="secondary">
            Mục tiêu: {row.target ?? "—"}
            {cell.value !== null ? ` · Thực hiện: ${displayNumber(cell.value, row.decimals)}` : ""}
            {cell.gap !== null ? ` · Chênh lệch: ${displayNumber(cell.gap, row.decimals)}` : ""}
          </Typography.Text>
          {cell.reason && <Typography.Text type="secondary">{cell.reason}</Typography.Text>}
        </Space>
      )}
      {cell?.kind === "text" && (
        <Space orientation="vertical">
          <Typography.Text>{cell.text || "(trống)"}</Typography.Text>
          {cell.error && <Typography.Text type="danger">{cell.error}</Typography.Text>}
          {column.kind === "proposal" && <Typography.Text type="secondary">Ghi mục tiêu như "10,5%/năm", "12-17", "&lt;4".</Typography.Text>}
        </Space>
      )}
      {cell?.kind === "target" && <Typography.Text>{cell.text}</Typography.Text>}
      {!cell && <Typography.Text type="secondary">Ô trống.</Typography.Text>}
      {row.issues.length > 0 && (
        <div style={{ marginTop: 12 }}>
          {row.issues.map((i, k) => (
            <Typography.Paragraph key={k} type={i.severity === "error" ? "danger" : "warning"} style={{ marginBottom: 4 }}>
              {i.message}
            </Typography.Paragraph>
          ))}
        </div>
      )}
    </Card>
  );
}

type ValueCell = Extract<GridCellDto, { kind: "value" }>;

/** Status, note, source, author and history of one figure (keyed by cell: its inputs start from the cell's values). */
function ValueDetails({
  grid,
  active,
  cell,
  pending,
  canEdit,
  onChange,
}: {
  grid: IndicatorGridDto;
  active: ActiveCell;
  cell: ValueCell;
  pending: Extract<PendingCell, { kind: "value" }> | null;
  canEdit: boolean;
  onChange: (patch: { status?: FigureStatus; note?: string | null; source?: string | null }) => void;
}) {
  const { row, column } = active;
  const [showHistory, setShowHistory] = useState(false);
  const [note, setNote] = useState(pending?.note ?? cell.note ?? "");
  const [source, setSource] = useState(pending?.source ?? cell.source ?? "");
  const history = useFigureHistory(grid.appendix.id, row.id, column.key, grid.agency?.id ?? null, showHistory);
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: "v", label: "Giá trị", children: <strong>{displayNumber(pending ? pending.value : cell.value, row.decimals) || "(trống)"}</strong> },
          { key: "u", label: "Đơn vị tính", children: row.unit ?? "" },
        ]}
      />
      <div>
        <Typography.Text type="secondary">Trạng thái</Typography.Text>
        <Select<FigureStatus>
          style={{ width: "100%" }}
          value={pending?.status ?? cell.status ?? column.defaultStatus ?? "uoc"}
          disabled={!canEdit}
          data-testid="status-select"
          options={FIGURE_STATUSES.map((s) => ({ value: s, label: FIGURE_STATUS_LABELS[s] }))}
          onChange={(s) => onChange({ status: s })}
        />
      </div>
      <div>
        <Typography.Text type="secondary">Ghi chú</Typography.Text>
        <Input.TextArea rows={2} maxLength={2000} value={note} disabled={!canEdit} onChange={(e) => setNote(e.target.value)} onBlur={() => note !== (pending?.note ?? cell.note ?? "") && onChange({ note: note || null })} />
      </div>
      <div>
        <Typography.Text type="secondary">Nguồn số liệu</Typography.Text>
        <Input
          maxLength={500}
          value={source}
          disabled={!canEdit}
          placeholder="Ví dụ: Niên giám thống kê 2023"
          onChange={(e) => setSource(e.target.value)}
          onBlur={() => source !== (pending?.source ?? cell.source ?? "") && onChange({ source: source || null })}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {cell.enteredByName ? `Nhập bởi ${cell.enteredByName}, ${fmtDateTime(cell.enteredAt)}.` : "Chưa có số liệu."}
        {cell.sourceAgencyName ? ` Cơ quan báo cáo: ${cell.sourceAgencyName}.` : ""}
        {cell.campaignName ? ` Số liệu dùng chung, nhập trong đợt "${cell.campaignName}".` : ""}
      </Typography.Text>
      {cell.version > 0 && (
        <Button size="small" onClick={() => setShowHistory((s) => !s)} data-testid="history-toggle">
          {showHistory ? "Ẩn lịch sử" : `Lịch sử (${cell.version} lần nhập)`}
        </Button>
      )}
      {showHistory && history.data && (
        <Timeline
          style={{ marginTop: 8 }}
          items={history.data.vintages.map((v) => ({
            color: v.current ? "blue" : "gray",
            content: (
              <div>
                <strong>{v.value === null ? "(xóa)" : displayNumber(v.value, row.decimals)}</strong> <Tag>{FIGURE_STATUS_LABELS[v.status]}</Tag>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v.enteredByName ?? "—"}, {fmtDateTime(v.enteredAt)}
                  {v.campaignName ? ` · ${v.campaignName}` : ""}
                  {v.note ? ` · ${v.note}` : ""}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Space>
  );
}
