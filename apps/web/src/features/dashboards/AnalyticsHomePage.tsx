import { BarChartOutlined } from "@ant-design/icons";
import { CAMPAIGN_KIND_LABELS, CAMPAIGN_STATUS_LABELS, type AnalyticsCampaignDto, type CampaignStatus } from "@tonghop/contracts";
import { Card, Empty, List, Progress, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDate } from "../../lib/format";
import { useAnalyticsCampaigns } from "./dashboards.api";

/** /phan-tich — the campaigns whose dashboards one may open (the landing page of the leadership view). */
export function AnalyticsHomePage() {
  const list = useAnalyticsCampaigns();
  return (
    <Card title="Phân tích các đợt tổng hợp" data-testid="analytics-home">
      <Typography.Paragraph type="secondary">
        Chỉ tiêu so với mục tiêu, so sánh theo năm, giai đoạn và địa bàn, tiến độ thực hiện của các cơ quan. Trang chỉ để xem; mọi biểu đồ tải được dưới
        dạng ảnh và số liệu.
      </Typography.Paragraph>
      <ErrorAlert error={list.error} />
      <List<AnalyticsCampaignDto>
        loading={list.isLoading}
        dataSource={list.data ?? []}
        locale={{ emptyText: <Empty description="Chưa có đợt tổng hợp nào đã ban hành mà bạn được xem" /> }}
        renderItem={(c) => {
          const sent = c.assignments ? Math.round((c.sent / c.assignments) * 100) : 0;
          const accepted = c.assignments ? Math.round((c.accepted / c.assignments) * 100) : 0;
          return (
            <List.Item
              actions={[
                <Link key="open" to={`/dot/${c.id}/phan-tich`} aria-label={`Mở phân tích: ${c.name}`}>
                  <BarChartOutlined /> Xem phân tích
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={<Link to={`/dot/${c.id}/phan-tich`}>{c.name}</Link>}
                description={
                  <Space direction="vertical" size={2} style={{ width: "100%" }}>
                    <span>
                      <Tag>{CAMPAIGN_KIND_LABELS[c.kind as keyof typeof CAMPAIGN_KIND_LABELS] ?? c.kind}</Tag>
                      <Tag color={c.status === "published" ? "blue" : undefined}>{CAMPAIGN_STATUS_LABELS[c.status as CampaignStatus] ?? c.status}</Tag>
                      {c.coordinatorName} · ngày tham chiếu {fmtDate(c.referenceDate)}
                      {c.nextDue && <> · hạn gần nhất {fmtDate(c.nextDue)}</>}
                    </span>
                    {c.assignments > 0 && (
                      <span style={{ display: "flex", gap: 12, alignItems: "center", maxWidth: 560 }}>
                        <Progress percent={sent} success={{ percent: accepted }} size="small" style={{ flex: 1, margin: 0 }} aria-label={`Đã gửi ${sent}%, đã tiếp nhận ${accepted}%`} />
                        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
                          {c.sent}/{c.assignments} phần việc đã gửi · {c.accepted} đã tiếp nhận{c.overdue ? ` · ${c.overdue} quá hạn` : ""}
                        </Typography.Text>
                      </span>
                    )}
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

export { AnalyticsHomePage as Component };
