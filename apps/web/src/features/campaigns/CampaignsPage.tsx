import { ImportOutlined } from "@ant-design/icons";
import { CAMPAIGN_KIND_LABELS, CAMPAIGN_STATUS_LABELS, type CampaignStatus, type CampaignSummaryDto } from "@tonghop/contracts";
import { Button, Card, Empty, Input, Space, Table, Tag, Typography } from "antd";
import { normalizeSearchText } from "@tonghop/domain";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDate } from "../../lib/format";
import { useCampaigns } from "./campaigns.api";

export const STATUS_COLORS: Record<CampaignStatus, string> = { draft: "default", published: "green", closed: "purple" };

export function StatusTag({ status }: { status: CampaignStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{CAMPAIGN_STATUS_LABELS[status]}</Tag>;
}

/** "Đợt tổng hợp": the campaigns the user may see; coordinators import new ones here. */
export function CampaignsPage() {
  const campaigns = useCampaigns();
  const { hasRole } = useSession();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  const canImport = hasRole("coordinator", "coordinator_leader");
  const rows = (campaigns.data ?? []).filter((c) => !q || normalizeSearchText(`${c.name} ${c.code}`).includes(normalizeSearchText(q)));
  return (
    <Card
      title="Đợt tổng hợp"
      extra={
        canImport && (
          <Button type="primary" icon={<ImportOutlined />} onClick={() => void navigate("/dot-tong-hop/nhap-mau")}>
            Nhập mẫu đợt mới
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder="Tìm theo tên hoặc mã đợt" onChange={(e) => setQ(e.target.value)} style={{ width: 360 }} aria-label="Tìm đợt" />
      </Space>
      <ErrorAlert error={campaigns.error} />
      <Table<CampaignSummaryDto>
        rowKey="id"
        loading={campaigns.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={canImport ? "Chưa có đợt nào. Nhập mẫu từ văn bản chỉ đạo để bắt đầu." : "Chưa có đợt nào."} /> }}
        columns={[
          {
            title: "Đợt",
            dataIndex: "name",
            render: (name: string, c) => (
              <div>
                <Link to={`/dot-tong-hop/${c.id}`}>{name}</Link>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.code} · {CAMPAIGN_KIND_LABELS[c.kind as keyof typeof CAMPAIGN_KIND_LABELS] ?? c.kind}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          { title: "Trạng thái", dataIndex: "status", width: 140, render: (s: CampaignStatus) => <StatusTag status={s} /> },
          { title: "Ngày tham chiếu", dataIndex: "referenceDate", width: 130, render: (d: string) => fmtDate(d) },
          { title: "Cơ quan tổng hợp", dataIndex: "coordinatorName", width: 200 },
          {
            title: "Quy mô",
            key: "size",
            width: 200,
            render: (_, c) => (
              <Typography.Text type="secondary">
                {c.outlineItemCount} mục · {c.appendixCount} phụ lục{c.status !== "draft" ? ` · ${c.agencyCount} cơ quan` : ""}
              </Typography.Text>
            ),
          },
          {
            title: "Mốc tiếp theo",
            key: "next",
            width: 200,
            render: (_, c) => (c.nextMilestone ? `${c.nextMilestone.code}: ${fmtDate(c.nextMilestone.due)}` : "—"),
          },
        ]}
      />
    </Card>
  );
}
