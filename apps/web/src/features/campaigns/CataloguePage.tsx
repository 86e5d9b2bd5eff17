import type { CatalogueIndicatorDetailDto, CatalogueIndicatorDto } from "@tonghop/contracts";
import { AGGREGATION_LABELS } from "@tonghop/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Badge, Button, Card, Descriptions, Drawer, Input, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDateTime } from "../../lib/format";
import { useCatalogue, useCatalogueIndicator } from "./campaigns.api";

const CHANGE_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: "Chờ quyết định", color: "orange" },
  accepted: { label: "Đã chấp nhận", color: "green" },
  rejected: { label: "Đã từ chối", color: "default" },
};

function IndicatorDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const detail = useCatalogueIndicator(id);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const decide = useMutation({
    mutationFn: (v: { changeId: string; decision: "accept" | "reject" }) => api.post<CatalogueIndicatorDetailDto>(`/api/catalogue/changes/${v.changeId}/decision`, { decision: v.decision }),
    onSuccess: async (_, v) => {
      await queryClient.invalidateQueries({ queryKey: ["catalogue"] });
      void message.success(v.decision === "accept" ? "Danh mục đã nhận giá trị mới." : "Đã từ chối; danh mục giữ nguyên.");
    },
    onError: (e) => void message.error(e.message, 6),
  });
  const d = detail.data;
  return (
    <Drawer open width={760} title={d ? `${d.code} — ${d.name}` : "Chỉ tiêu"} onClose={onClose}>
      <ErrorAlert error={detail.error} />
      {d && (
        <>
          <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="Đơn vị tính">{d.unit}</Descriptions.Item>
            <Descriptions.Item label="Chiều tốt">{d.direction === "lower" ? "Càng thấp càng tốt" : "Càng cao càng tốt"}</Descriptions.Item>
            <Descriptions.Item label="Cách tính cả kỳ">{AGGREGATION_LABELS[d.aggregation as keyof typeof AGGREGATION_LABELS] ?? d.aggregation}</Descriptions.Item>
            <Descriptions.Item label="Số chữ số thập phân">{d.decimals}</Descriptions.Item>
            {d.definition && <Descriptions.Item label="Định nghĩa">{d.definition}</Descriptions.Item>}
            {d.sourceAgencyName && <Descriptions.Item label="Cơ quan công bố">{d.sourceAgencyName}</Descriptions.Item>}
            {d.expression && (
              <Descriptions.Item label="Biểu thức">
                <Typography.Text code>{d.expression}</Typography.Text>
              </Descriptions.Item>
            )}
            <Descriptions.Item label="Dùng trong các đợt">
              {d.campaigns.map((c) => (
                <div key={c.id}>
                  <Link to={`/dot-tong-hop/${c.id}`}>{c.name}</Link>
                </div>
              ))}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>Thay đổi do mẫu đề xuất</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            dataSource={d.changes}
            pagination={false}
            locale={{ emptyText: "Không có khác biệt nào." }}
            columns={[
              { title: "Trường", dataIndex: "fieldLabel", width: 130 },
              { title: "Trong danh mục", dataIndex: "currentText" },
              { title: "Mẫu đề xuất", dataIndex: "proposedText" },
              {
                title: "Nguồn",
                key: "src",
                width: 150,
                render: (_, c) => (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.campaignName ?? "—"}
                    <br />
                    {fmtDateTime(c.createdAt)}
                  </Typography.Text>
                ),
              },
              {
                title: "",
                key: "actions",
                width: 170,
                render: (_, c) =>
                  c.status === "pending" && hasRole("coordinator", "coordinator_leader") ? (
                    <Space>
                      <Button size="small" type="primary" loading={decide.isPending} onClick={() => decide.mutate({ changeId: c.id, decision: "accept" })}>
                        Chấp nhận
                      </Button>
                      <Button size="small" loading={decide.isPending} onClick={() => decide.mutate({ changeId: c.id, decision: "reject" })}>
                        Từ chối
                      </Button>
                    </Space>
                  ) : (
                    <Tag color={CHANGE_STATUS[c.status ?? "pending"]?.color}>{CHANGE_STATUS[c.status ?? "pending"]?.label}</Tag>
                  ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

/** The indicator catalogue shared by every campaign, with the differences templates proposed. */
export function CataloguePage() {
  const [q, setQ] = useState("");
  const [pending, setPending] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const list = useCatalogue(q, pending);
  return (
    <Card title="Danh mục chỉ tiêu">
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search allowClear placeholder="Tìm mã, tên, định nghĩa (không cần dấu)" onSearch={setQ} style={{ width: 360 }} aria-label="Tìm chỉ tiêu" />
        <Switch checked={pending} onChange={setPending} /> Chỉ chỉ tiêu có thay đổi chờ quyết định
      </Space>
      <ErrorAlert error={list.error} />
      <Table<CatalogueIndicatorDto>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: "pointer" } })}
        columns={[
          { title: "Mã", dataIndex: "code", width: 260, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
          { title: "Tên", dataIndex: "name" },
          { title: "ĐVT", dataIndex: "unit", width: 110 },
          { title: "Cách tính", dataIndex: "aggregation", width: 120 },
          { title: "Cơ quan công bố", dataIndex: "sourceAgencyName", width: 220 },
          { title: "", dataIndex: "pendingChanges", width: 60, render: (n: number) => (n ? <Badge count={n} title={`${n} thay đổi chờ quyết định`} /> : null) },
        ]}
      />
      {open && <IndicatorDrawer id={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
