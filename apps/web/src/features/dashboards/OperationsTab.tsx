import { ASSIGNMENT_STATE_LABELS, type AssignmentState, type OperationsDto, type SlowItemDto } from "@tonghop/contracts";
import { Card, Empty, Statistic, Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import { fmtDate } from "../../lib/format";
import type { ChartSpec } from "./charts/base";
import { buildAgencyRankingChart, buildProgressChart } from "./charts/operations-chart";
import type { ChartTable } from "./charts/table";
import { percentText } from "./charts/vn-format";
import { ChartCard } from "./ChartCard";
import { ChartMenu } from "./ChartMenu";
import { GRID, Section } from "./IndicatorsTab";

const KIND_LABELS: Record<SlowItemDto["kind"], string> = { outline: "Đề cương", indicators: "Phụ lục chỉ tiêu", records: "Phụ lục danh sách" };

/** The slowest items as a "chart" whose export is its table (CSV / Excel). */
function slowestSpec(ops: OperationsDto): ChartSpec {
  const table: ChartTable = {
    columns: ["Cơ quan", "Phần việc", "Loại", "Trạng thái", "Hạn", "Ngày gửi", "Số ngày làm việc chậm", "Số lần bị trả lại"],
    rows: ops.slowest.map((s) => [s.agencyName, s.title, KIND_LABELS[s.kind], s.stateLabel, s.dueDate ? fmtDate(s.dueDate) : null, s.sentAt ? fmtDate(s.sentAt) : null, s.daysLate, s.returns]),
    decimals: [null, null, null, null, null, null, 0, 0],
  };
  return { key: "operations:slowest", title: "Các phần việc chậm nhất", option: {}, table, height: 0 };
}

export function OperationsTab({ campaignId, ops, onInsert, inserted }: { campaignId: string; ops: OperationsDto; onInsert?: ((spec: ChartSpec) => void) | undefined; inserted: ReadonlySet<string> }) {
  const charts = useMemo(() => ({ progress: buildProgressChart(ops), ranking: buildAgencyRankingChart(ops.agencies), slowest: slowestSpec(ops) }), [ops]);
  const t = ops.totals;
  if (t.assignments === 0) return <Empty description="Đợt chưa có phân công (chưa ban hành)" />;
  return (
    <div>
      <div style={{ ...GRID(170), marginBottom: 20 }}>
        <Card size="small">
          <Statistic title="Phần việc" value={t.assignments} />
        </Card>
        <Card size="small">
          <Statistic title="Đã gửi" value={t.sent} suffix={<Typography.Text type="secondary">({percentText(t.sent / t.assignments)})</Typography.Text>} />
        </Card>
        <Card size="small">
          <Statistic title="Đã tiếp nhận" value={t.accepted} suffix={<Typography.Text type="secondary">({percentText(t.accepted / t.assignments)})</Typography.Text>} />
        </Card>
        <Card size="small">
          <Statistic title="Gửi đúng hạn / đã đến hạn" value={`${t.onTime}/${t.due}`} />
        </Card>
        <Card size="small" style={{ borderTop: t.overdue ? "3px solid #D55E00" : undefined }}>
          <Statistic title="Quá hạn chưa gửi" value={t.overdue} />
        </Card>
        <Card size="small">
          <Statistic title="Bị trả lại ít nhất một lần" value={t.returned} />
        </Card>
      </div>
      {ops.days.length > 0 && (
        <Section id="tien-do" title="Tiến độ theo thời gian" hint={`Đến ngày ${fmtDate(ops.today)}; các đường đứt đoạn dọc là hạn của các mốc.`}>
          <ChartCard spec={charts.progress} campaignId={campaignId} onInsert={onInsert} inserted={inserted.has(charts.progress.key)} />
        </Section>
      )}
      <Section id="xep-hang" title="Xếp hạng cơ quan">
        <ChartCard spec={charts.ranking} campaignId={campaignId} onInsert={onInsert} inserted={inserted.has(charts.ranking.key)} />
      </Section>
      <Section id="cham-nhat" title="Các phần việc chậm nhất" hint="Số ngày làm việc sau hạn (không tính thứ Bảy, Chủ nhật và ngày lễ, Tết) đến khi gửi, hoặc đến hôm nay nếu chưa gửi.">
        <Card size="small" extra={<ChartMenu spec={charts.slowest} campaignId={campaignId} />} title="Phần việc chậm">
          <Table<SlowItemDto>
            rowKey="assignmentId"
            size="small"
            pagination={false}
            dataSource={ops.slowest}
            locale={{ emptyText: "Không có phần việc nào chậm hạn" }}
            columns={[
              { title: "Cơ quan", dataIndex: "agencyName", width: 220 },
              { title: "Phần việc", dataIndex: "title", render: (v: string, r) => (<><div>{v}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{KIND_LABELS[r.kind]}</Typography.Text></>) },
              {
                title: "Trạng thái",
                dataIndex: "state",
                width: 130,
                render: (s: string) => <Tag color={s === "sent" || s === "accepted" ? "blue" : s === "returned" ? "orange" : "default"}>{ASSIGNMENT_STATE_LABELS[s as AssignmentState] ?? s}</Tag>,
              },
              { title: "Hạn", dataIndex: "dueDate", width: 100, render: (d: string | null) => (d ? fmtDate(d) : "") },
              { title: "Ngày gửi", dataIndex: "sentAt", width: 100, render: (d: string | null) => (d ? fmtDate(d) : <Typography.Text type="danger">Chưa gửi</Typography.Text>) },
              { title: "Chậm (ngày làm việc)", dataIndex: "daysLate", width: 120, align: "right" },
              { title: "Bị trả lại", dataIndex: "returns", width: 90, align: "right" },
            ]}
          />
        </Card>
      </Section>
    </div>
  );
}
