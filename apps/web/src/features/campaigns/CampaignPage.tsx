import { BarChartOutlined, CopyOutlined, DownloadOutlined, EditOutlined, SendOutlined } from "@ant-design/icons";
import { CAMPAIGN_KIND_LABELS, type CampaignDetailDto } from "@tonghop/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Result, Space, Spin, Tabs, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { api, ApiError, download } from "../../api/client";
import { useSession } from "../../api/session";
import { ErrorAlert, errorMessage } from "../../components/ErrorAlert";
import { fmtDate, fmtDateTime } from "../../lib/format";
import { AppendicesTab } from "./AppendicesTab";
import { campaignKeys, useCampaign, useCampaignEdit } from "./campaigns.api";
import { StatusTag } from "./CampaignsPage";
import { MatrixTab } from "./MatrixTab";
import { MilestonesTab } from "./MilestonesTab";
import { OutlineTab } from "./OutlineTab";

function PublishButton({ campaign }: { campaign: CampaignDetailDto }) {
  const queryClient = useQueryClient();
  const { modal, message } = App.useApp();
  const publish = useMutation({
    mutationFn: () => api.post<{ assignments: number; agencies: number }>(`/api/campaigns/${campaign.id}/publish`, { version: campaign.version }),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      void message.success(`Đã ban hành: ${r.assignments} phần việc cho ${r.agencies} cơ quan. Các cơ quan đã được thông báo.`, 6);
    },
    onError: (e) => {
      const reasons = e instanceof ApiError ? (e.details as { reasons?: string[] } | undefined)?.reasons : undefined;
      modal.error({
        title: errorMessage(e),
        width: 640,
        content: reasons ? (
          <ul style={{ paddingLeft: 18 }}>
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : undefined,
        okText: "Đóng",
      });
    },
  });
  return (
    <Button
      type="primary"
      icon={<SendOutlined />}
      loading={publish.isPending}
      onClick={() =>
        modal.confirm({
          title: `Ban hành đợt "${campaign.name}"?`,
          content: "Mỗi cơ quan được giao phần việc theo bảng phân công (nhóm cơ quan triển khai theo danh bạ tại ngày tham chiếu) và nhận thông báo. Sau khi ban hành, mọi thay đổi cấu trúc đều được ghi nhật ký và báo cho cơ quan liên quan.",
          okText: "Ban hành",
          cancelText: "Hủy",
          onOk: () => publish.mutateAsync().catch(() => undefined),
        })
      }
    >
      Ban hành
    </Button>
  );
}

function CopyModal({ campaign, onClose }: { campaign: CampaignDetailDto; onClose: () => void }) {
  const [form] = Form.useForm<{ code: string; name: string; referenceDate: Dayjs }>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const copy = useMutation({
    mutationFn: (v: { code: string; name: string; referenceDate: Dayjs }) =>
      api.post<{ campaignId: string }>(`/api/campaigns/${campaign.id}/copy`, { code: v.code.trim(), name: v.name.trim(), referenceDate: v.referenceDate.format("YYYY-MM-DD") }),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      onClose();
      void navigate(`/dot-tong-hop/${r.campaignId}`);
    },
  });
  return (
    <Modal open title="Sao chép thành đợt mới" okText="Sao chép" cancelText="Hủy" onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: copy.isPending }} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        Đợt mới giữ đề cương, phân công, phụ lục và mốc tiến độ (dời theo ngày tham chiếu mới); số liệu không chép vì thuộc về chỉ tiêu và dùng chung cho mọi
        đợt. Đợt mới ở trạng thái Đang thiết lập.
      </Typography.Paragraph>
      <ErrorAlert error={copy.error} />
      <Form form={form} layout="vertical" initialValues={{ code: `${campaign.code}-moi`, name: campaign.name, referenceDate: dayjs() }} onFinish={(v) => copy.mutate(v)}>
        <Form.Item name="code" label="Mã đợt mới" rules={[{ required: true, pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/, message: "Chữ thường không dấu, số và gạch nối" }]}>
          <Input />
        </Form.Item>
        <Form.Item name="name" label="Tên đợt mới" rules={[{ required: true, whitespace: true, message: "Hãy nhập tên" }]}>
          <Input />
        </Form.Item>
        <Form.Item name="referenceDate" label="Ngày tham chiếu (ngày văn bản chỉ đạo mới)" rules={[{ required: true, message: "Hãy chọn ngày" }]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RenameModal({ campaign, onClose }: { campaign: CampaignDetailDto; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string; description: string }>();
  const edit = useCampaignEdit(campaign.id);
  return (
    <Modal open title="Tên và mô tả đợt" okText="Lưu" cancelText="Hủy" onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: edit.isPending }} destroyOnHidden>
      <ErrorAlert error={edit.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: campaign.name, description: campaign.description ?? "" }}
        onFinish={(v) => edit.mutate({ method: "PATCH", path: "", body: { version: campaign.version, name: v.name, description: v.description.trim() ? v.description : null }, done: "Đã lưu." }, { onSuccess: onClose })}
      >
        <Form.Item name="name" label="Tên đợt" rules={[{ required: true, whitespace: true, message: "Hãy nhập tên" }]}>
          <Input.TextArea autoSize />
        </Form.Item>
        <Form.Item name="description" label="Mô tả">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const TABS = ["de-cuong", "phu-luc", "moc-tien-do", "phan-cong"] as const;

/** One campaign: outline, appendices, milestones, the assignment matrix; publish, copy, export. */
export function CampaignPage() {
  const { id } = useParams();
  const campaign = useCampaign(id);
  const [params, setParams] = useSearchParams();
  const [copying, setCopying] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const { message } = App.useApp();
  const { hasRole } = useSession();
  if (campaign.isLoading) return <Spin />;
  if (campaign.error) {
    if (campaign.error instanceof ApiError && (campaign.error.status === 403 || campaign.error.status === 404)) {
      return <Result status={campaign.error.status === 403 ? "403" : "404"} title={campaign.error.message} extra={<Link to="/dot-tong-hop">Về danh sách đợt</Link>} />;
    }
    return <ErrorAlert error={campaign.error} />;
  }
  const c = campaign.data!;
  const tab = TABS.includes(params.get("tab") as (typeof TABS)[number]) ? params.get("tab")! : "de-cuong";
  const directive = (c.legalBasis as { role?: string; kind: string; number?: string; date?: string; issuer: string; summary: string }[]).find((d) => d.role === "directive");
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Breadcrumb items={[{ title: <Link to="/dot-tong-hop">Đợt tổng hợp</Link> }, { title: c.code }]} />
      <Card>
        <Space style={{ width: "100%", justifyContent: "space-between" }} align="start" wrap>
          <div style={{ maxWidth: 900 }}>
            <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="campaign-title">
              {c.name} <StatusTag status={c.status} />
            </Typography.Title>
            <Descriptions size="small" column={{ xs: 1, md: 2, lg: 3 }}>
              <Descriptions.Item label="Mã">{c.code}</Descriptions.Item>
              <Descriptions.Item label="Loại">{CAMPAIGN_KIND_LABELS[c.kind as keyof typeof CAMPAIGN_KIND_LABELS] ?? c.kind}</Descriptions.Item>
              <Descriptions.Item label="Cơ quan tổng hợp">{c.coordinatorName}</Descriptions.Item>
              <Descriptions.Item label="Ngày tham chiếu">{fmtDate(c.referenceDate)}</Descriptions.Item>
              {directive && (
                <Descriptions.Item label="Văn bản chỉ đạo" span={2}>
                  {directive.number ? `Số ${directive.number}` : ""} {directive.date ? `ngày ${fmtDate(directive.date)}` : ""} của {directive.issuer}
                </Descriptions.Item>
              )}
              {c.publishedAt && <Descriptions.Item label="Ban hành">{fmtDateTime(c.publishedAt)}</Descriptions.Item>}
              {c.status !== "draft" && (
                <Descriptions.Item label="Phân công">
                  {c.assignmentCount} phần việc, {c.agencyCount} cơ quan
                </Descriptions.Item>
              )}
            </Descriptions>
          </div>
          <Space wrap>
            {c.status !== "draft" && hasRole("coordinator", "coordinator_leader", "admin", "viewer") && (
              <Link to={`/dot/${c.id}/tien-do`} data-testid="to-progress">
                <Button type="primary" icon={<BarChartOutlined />}>
                  Tiến độ
                </Button>
              </Link>
            )}
            {c.permissions.canPublish && <PublishButton campaign={c} />}
            {c.permissions.canEdit && (
              <Button icon={<EditOutlined />} onClick={() => setRenaming(true)}>
                Sửa tên
              </Button>
            )}
            {c.permissions.canEdit && (
              <Button icon={<CopyOutlined />} onClick={() => setCopying(true)}>
                Sao chép thành đợt mới
              </Button>
            )}
            <Button icon={<DownloadOutlined />} onClick={() => void download(`/api/campaigns/${c.id}/export`, `${c.code}.yaml`).catch((e: unknown) => void message.error(errorMessage(e)))}>
              Xuất mẫu YAML
            </Button>
          </Space>
        </Space>
        {c.status === "published" && c.permissions.canEdit && (
          <Alert type="info" showIcon title="Đợt đã ban hành: mỗi thay đổi cấu trúc được ghi nhật ký, phân công được tính lại (giữ trạng thái phần việc) và cơ quan liên quan được thông báo." style={{ marginTop: 12 }} />
        )}
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: "de-cuong", label: `Đề cương (${c.outline.length})`, children: <OutlineTab campaign={c} /> },
            { key: "phu-luc", label: `Phụ lục (${c.appendices.length})`, children: <AppendicesTab campaign={c} /> },
            { key: "moc-tien-do", label: `Mốc tiến độ (${c.milestones.length})`, children: <MilestonesTab campaign={c} /> },
            ...(hasRole("coordinator", "coordinator_leader", "admin", "viewer") ? [{ key: "phan-cong", label: "Phân công", children: <MatrixTab campaign={c} /> }] : []),
          ]}
        />
      </Card>
      {copying && <CopyModal campaign={c} onClose={() => setCopying(false)} />}
      {renaming && <RenameModal campaign={c} onClose={() => setRenaming(false)} />}
    </Space>
  );
}
