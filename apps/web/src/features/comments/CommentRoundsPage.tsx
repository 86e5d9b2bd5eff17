import type { CommentRoundDto } from "@tonghop/contracts";
import { Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDate, todayVn } from "../../lib/format";
import { AgencySelect } from "../agencies/AgencySelect";
import { useCompileCampaigns, useDrafts } from "../compile/compile.api";
import { useOpenRound, useRounds } from "./comments.api";

interface OpenForm {
  campaignId: string;
  draftId: string;
  title: string;
  deadline: string;
  answerDeadline?: string;
  agencyIds?: string[];
  externalNames?: string[];
}

/** The coordinator opens a round on a compiled draft for chosen agencies and bodies outside the directory. */
function OpenRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<OpenForm>();
  const campaignId = Form.useWatch("campaignId", form);
  const campaigns = useCompileCampaigns();
  const drafts = useDrafts(campaignId);
  const openRound = useOpenRound();
  const navigate = useNavigate();
  const submit = async () => {
    const v = await form.validateFields();
    const round = await openRound.mutateAsync({
      campaignId: v.campaignId,
      body: { draftId: v.draftId, title: v.title, deadline: v.deadline, ...(v.answerDeadline ? { answerDeadline: v.answerDeadline } : {}), agencyIds: v.agencyIds ?? [], externalNames: v.externalNames ?? [] },
    });
    onClose();
    void navigate(`/gop-y/${round.id}`);
  };
  return (
    <Modal open={open} title="Mở đợt lấy ý kiến dự thảo" okText="Mở đợt lấy ý kiến" cancelText="Huỷ" onOk={() => void submit()} onCancel={onClose} confirmLoading={openRound.isPending} width={720} okButtonProps={{ ...({ "data-testid": "open-round-submit" } as object) }}>
      <ErrorAlert error={openRound.error} />
      <Form form={form} layout="vertical" initialValues={{ deadline: todayVn() }}>
        <Form.Item name="campaignId" label="Đợt tổng hợp" rules={[{ required: true, message: "Chọn đợt tổng hợp" }]}>
          <Select data-testid="round-campaign" options={(campaigns.data ?? []).filter((c) => c.status !== "draft").map((c) => ({ value: c.id, label: c.name }))} placeholder="Chọn đợt" showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="draftId" label="Bản dự thảo đưa ra lấy ý kiến" rules={[{ required: true, message: "Chọn bản dự thảo" }]}>
          <Select
            data-testid="round-draft"
            loading={drafts.isLoading}
            options={(drafts.data ?? []).filter((d) => d.scope !== "agency").map((d) => ({ value: d.id, label: `${d.label} (${fmtDate(d.createdAt)})` }))}
            placeholder={campaignId ? "Chọn bản dự thảo đã lập" : "Chọn đợt trước"}
            notFoundContent="Chưa có bản dự thảo nào: hãy lập dự thảo ở trang Lập báo cáo."
          />
        </Form.Item>
        <Form.Item name="title" label="Tên đợt lấy ý kiến" rules={[{ required: true, message: "Nhập tên đợt lấy ý kiến" }]}>
          <Input data-testid="round-title" placeholder="Lấy ý kiến dự thảo báo cáo lần 1" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="deadline" label="Hạn góp ý" rules={[{ required: true, message: "Chọn hạn góp ý" }]}>
            <Input type="date" data-testid="round-deadline" />
          </Form.Item>
          <Form.Item name="answerDeadline" label="Hạn trả lời (mặc định 5 ngày sau hạn góp ý)">
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="agencyIds" label="Cơ quan được lấy ý kiến">
          <AgencySelect multiple placeholder="Chọn các sở, ngành, địa phương" />
        </Form.Item>
        <Form.Item name="externalNames" label="Cơ quan, tổ chức ngoài danh bạ (cơ quan tổng hợp ghi ý kiến thay)">
          <Select mode="tags" data-testid="round-externals" placeholder="Ban Thường vụ Thành ủy, Thường trực HĐND thành phố…" open={false} tokenSeparators={[";"]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** "Góp ý dự thảo": the rounds the user may see; coordinators open new ones. */
export function CommentRoundsPage() {
  const rounds = useRounds();
  const { hasRole } = useSession();
  const [open, setOpen] = useState(false);
  const coordinator = hasRole("coordinator", "coordinator_leader");
  return (
    <Card
      title="Lấy ý kiến dự thảo"
      extra={
        coordinator && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="open-round">
            Mở đợt lấy ý kiến
          </Button>
        )
      }
    >
      <ErrorAlert error={rounds.error} />
      <Table<CommentRoundDto>
        rowKey="id"
        loading={rounds.isLoading}
        dataSource={rounds.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description="Chưa có đợt lấy ý kiến nào." /> }}
        columns={[
          { title: "Đợt lấy ý kiến", render: (_, r) => <Link to={`/gop-y/${r.id}`}>{r.title}</Link> },
          { title: "Dự thảo", render: (_, r) => `${r.draftLabel} — ${r.campaignName}` },
          { title: "Hạn góp ý", render: (_, r) => fmtDate(r.deadline), width: 110 },
          { title: "Hạn trả lời", render: (_, r) => fmtDate(r.answerDeadline), width: 110 },
          { title: "Ý kiến", render: (_, r) => `${r.counts.total} (chưa trả lời ${r.counts.pending})`, width: 170 },
          { title: "Trạng thái", render: (_, r) => (r.status === "open" ? <Tag color="blue">Đang lấy ý kiến</Tag> : <Tag>Đã kết thúc</Tag>), width: 140 },
        ]}
      />
      {open && <OpenRoundModal open={open} onClose={() => setOpen(false)} />}
    </Card>
  );
}

export { CommentRoundsPage as Component };
