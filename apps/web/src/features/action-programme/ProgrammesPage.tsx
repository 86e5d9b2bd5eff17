import type { ProgrammeDto } from "@tonghop/contracts";
import { REPORT_FREQUENCY_LABELS } from "@tonghop/domain";
import { Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useCompileCampaigns } from "../compile/compile.api";
import { useCreateProgramme, useProgrammes } from "./action-programme.api";

function CreateModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<{ campaignId: string; title: string; reportFrequency: ProgrammeDto["reportFrequency"] }>();
  const campaigns = useCompileCampaigns();
  const create = useCreateProgramme();
  const navigate = useNavigate();
  const submit = async () => {
    const v = await form.validateFields();
    const p = await create.mutateAsync(v);
    onClose();
    void navigate(`/chuong-trinh-hanh-dong/${p.id}`);
  };
  return (
    <Modal open title="Lập chương trình hành động" okText="Lập" cancelText="Huỷ" onOk={() => void submit()} onCancel={onClose} confirmLoading={create.isPending} okButtonProps={{ ...({ "data-testid": "programme-submit" } as object) }}>
      <ErrorAlert error={create.error} />
      <Form form={form} layout="vertical" initialValues={{ reportFrequency: "quarter" }}>
        <Form.Item name="campaignId" label="Kế hoạch (đợt tổng hợp) được thực hiện" rules={[{ required: true, message: "Chọn đợt tổng hợp" }]}>
          <Select data-testid="programme-campaign" showSearch optionFilterProp="label" options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="title" label="Tên chương trình hành động" rules={[{ required: true, message: "Nhập tên chương trình" }]}>
          <Input data-testid="programme-title" />
        </Form.Item>
        <Form.Item name="reportFrequency" label="Kỳ báo cáo tiến độ">
          <Select options={Object.entries(REPORT_FREQUENCY_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** "Chương trình hành động": the programmes, their task counts by status; coordinators create new ones. */
export function ProgrammesPage() {
  const list = useProgrammes();
  const { hasRole } = useSession();
  const [open, setOpen] = useState(false);
  return (
    <Card
      title="Chương trình hành động"
      extra={
        hasRole("coordinator", "coordinator_leader") && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="create-programme">
            Lập chương trình hành động
          </Button>
        )
      }
    >
      <ErrorAlert error={list.error} />
      <Table<ProgrammeDto>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description="Chưa có chương trình hành động nào." /> }}
        columns={[
          { title: "Chương trình", render: (_, p) => <Link to={`/chuong-trinh-hanh-dong/${p.id}`}>{p.title}</Link> },
          { title: "Thực hiện", render: (_, p) => p.campaignName },
          { title: "Nhiệm vụ", render: (_, p) => p.taskCount, width: 90 },
          {
            title: "Tình hình",
            render: (_, p) => (
              <Space size={2} wrap>
                <Tag color="green">Hoàn thành {p.counts["hoan-thanh"]}</Tag>
                <Tag color="blue">Đang thực hiện {p.counts["dang-thuc-hien"]}</Tag>
                <Tag>Chưa triển khai {p.counts["chua-trien-khai"]}</Tag>
                <Tag color="red">Chậm tiến độ {p.counts["cham-tien-do"]}</Tag>
              </Space>
            ),
          },
        ]}
      />
      {open && <CreateModal onClose={() => setOpen(false)} />}
    </Card>
  );
}

export { ProgrammesPage as Component };
