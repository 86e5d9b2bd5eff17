import type { AuditEntryDto } from "@tonghop/contracts";
import { useQuery } from "@tanstack/react-query";
import { Card, DatePicker, Input, Space, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { api, qs } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDateTime } from "../../lib/format";

const PAGE = 50;

export function AuditPage() {
  const [q, setQ] = useState("");
  const [entityType, setEntityType] = useState("");
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const params = {
    q,
    entityType,
    from: range?.[0]?.format("YYYY-MM-DD"),
    to: range?.[1]?.format("YYYY-MM-DD"),
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const log = useQuery({
    queryKey: ["audit", params],
    queryFn: () => api.get<{ items: AuditEntryDto[]; total: number }>(`/api/audit${qs(params)}`),
  });
  return (
    <Card title="Nhật ký thay đổi">
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search allowClear placeholder="Tìm theo nội dung, người thực hiện" onSearch={(v) => (setQ(v), setPage(1))} style={{ width: 300 }} aria-label="Tìm trong nhật ký" />
        <Input allowClear placeholder="Loại đối tượng (vd: user, agency)" value={entityType} onChange={(e) => (setEntityType(e.target.value), setPage(1))} style={{ width: 220 }} />
        <DatePicker.RangePicker format="DD/MM/YYYY" value={range} onChange={(v) => (setRange(v), setPage(1))} placeholder={["Từ ngày", "Đến ngày"]} />
      </Space>
      <ErrorAlert error={log.error} />
      <Table<AuditEntryDto>
        rowKey="id"
        size="small"
        loading={log.isLoading}
        dataSource={log.data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE, total: log.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `${t} mục` }}
        expandable={{
          rowExpandable: (r) => r.before != null || r.after != null,
          expandedRowRender: (r) => (
            <Space align="start" style={{ width: "100%" }}>
              <div>
                <Typography.Text strong>Trước</Typography.Text>
                <pre style={{ fontSize: 12, maxWidth: 520, whiteSpace: "pre-wrap" }}>{JSON.stringify(r.before, null, 2)}</pre>
              </div>
              <div>
                <Typography.Text strong>Sau</Typography.Text>
                <pre style={{ fontSize: 12, maxWidth: 520, whiteSpace: "pre-wrap" }}>{JSON.stringify(r.after, null, 2)}</pre>
              </div>
            </Space>
          ),
        }}
        columns={[
          { title: "Thời điểm", dataIndex: "at", width: 150, render: (v: string) => fmtDateTime(v) },
          { title: "Người thực hiện", dataIndex: "actorName", width: 180 },
          { title: "Thao tác", dataIndex: "action", width: 170, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: "Nội dung", dataIndex: "summary" },
        ]}
      />
    </Card>
  );
}
