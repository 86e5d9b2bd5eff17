import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import type { AgencyRefInput, CampaignDetailDto, MilestoneDto, TemplateMilestoneScope } from "@tonghop/contracts";
import { formatVnDate } from "@tonghop/domain";
import { Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDate } from "../../lib/format";
import { AgencyRefSelect, AgencyTags, toRefInputs } from "./AgencyRefSelect";
import { useCampaignEdit } from "./campaigns.api";

const SCOPE_LABELS: Record<TemplateMilestoneScope["kind"], string> = {
  all: "Mọi phần việc (đề cương và phụ lục)",
  outline: "Các mục đề cương",
  appendices: "Các phụ lục nêu tên",
  contributions: "Tham luận",
  coordinator: "Việc của cơ quan tổng hợp",
};

export function scopeText(scope: unknown): string {
  const s = scope as TemplateMilestoneScope;
  if (s.kind === "appendices" || s.kind === "contributions") return `${SCOPE_LABELS[s.kind]}: ${s.codes.join(", ")}`;
  return SCOPE_LABELS[s.kind];
}

interface MilestoneForm {
  code: string;
  from: AgencyRefInput[];
  to: string;
  deliverable: string;
  due: Dayjs;
  wording?: string;
  scopeKind: TemplateMilestoneScope["kind"];
  codes?: string[];
  note?: string;
}

function MilestoneModal({ campaign, milestone, onClose }: { campaign: CampaignDetailDto; milestone: MilestoneDto | null; onClose: () => void }) {
  const [form] = Form.useForm<MilestoneForm>();
  const edit = useCampaignEdit(campaign.id);
  const scopeKind = Form.useWatch("scopeKind", form);
  const contributions = ((campaign.requirements.contributions as { code: string; name: string }[] | undefined) ?? []).map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }));
  const scope0 = milestone?.scope as TemplateMilestoneScope | undefined;
  const submit = (v: MilestoneForm) => {
    const scope: TemplateMilestoneScope =
      v.scopeKind === "appendices" || v.scopeKind === "contributions" ? { kind: v.scopeKind, codes: v.codes ?? [] } : { kind: v.scopeKind };
    const body = {
      version: campaign.version,
      code: v.code.trim(),
      from: v.from,
      to: v.to,
      deliverable: v.deliverable,
      due: v.due.format("YYYY-MM-DD"),
      wording: v.wording?.trim() ? v.wording.trim() : null,
      scope,
      note: v.note?.trim() ? v.note.trim() : null,
    };
    edit.mutate(
      milestone ? { method: "PATCH", path: `/milestones/${milestone.id}`, body, done: "Đã lưu mốc." } : { method: "POST", path: "/milestones", body, done: "Đã thêm mốc." },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal
      open
      width={720}
      title={milestone ? `Sửa mốc ${milestone.code}` : "Thêm mốc tiến độ"}
      okText="Lưu"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: edit.isPending }}
      destroyOnHidden
    >
      <ErrorAlert error={edit.error} />
      <Form<MilestoneForm>
        form={form}
        layout="vertical"
        initialValues={
          milestone
            ? {
                code: milestone.code,
                from: toRefInputs(milestone.from),
                to: milestone.to,
                deliverable: milestone.deliverable,
                due: dayjs(milestone.due),
                wording: milestone.wording,
                scopeKind: scope0!.kind,
                codes: scope0 && "codes" in scope0 ? scope0.codes : [],
                note: milestone.note ?? "",
              }
            : { code: `M${campaign.milestones.length + 1}`, from: [], scopeKind: "all", to: campaign.coordinatorName }
        }
        onValuesChange={(changed: Partial<MilestoneForm>) => {
          // Propose the directive's usual wording for a new due date.
          if (changed.due && (!form.getFieldValue("wording") || /^trước ngày /.test(String(form.getFieldValue("wording"))))) {
            form.setFieldValue("wording", `trước ngày ${formatVnDate(changed.due.format("YYYY-MM-DD"))}`);
          }
        }}
        onFinish={submit}
      >
        <Space align="start" wrap>
          <Form.Item name="code" label="Mã mốc" rules={[{ required: true, message: "Hãy nhập mã mốc" }]} style={{ width: 100 }}>
            <Input />
          </Form.Item>
          <Form.Item name="due" label="Hạn" rules={[{ required: true, message: "Hãy chọn hạn" }]}>
            <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" aria-label="Hạn" />
          </Form.Item>
          <Form.Item name="wording" label="Lời văn của văn bản" style={{ width: 300 }} extra="Ví dụ: trước ngày 05/5/2024">
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="from" label="Cơ quan phải gửi" rules={[{ required: true, type: "array", min: 1, message: "Chọn ít nhất một cơ quan" }]}>
          <AgencyRefSelect asOf={campaign.referenceDate} aria-label="Cơ quan phải gửi" />
        </Form.Item>
        <Form.Item name="to" label="Gửi đến" rules={[{ required: true, message: "Hãy nhập nơi nhận" }]}>
          <Input />
        </Form.Item>
        <Form.Item name="deliverable" label="Sản phẩm" rules={[{ required: true, message: "Hãy nhập sản phẩm phải gửi" }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="scopeKind" label="Phạm vi" style={{ width: 320 }}>
            <Select options={Object.entries(SCOPE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {scopeKind === "appendices" && (
            <Form.Item name="codes" label="Phụ lục" rules={[{ required: true, type: "array", min: 1, message: "Chọn phụ lục" }]} style={{ minWidth: 240 }}>
              <Select mode="multiple" options={campaign.appendices.map((a) => ({ value: a.code, label: a.title }))} />
            </Form.Item>
          )}
          {scopeKind === "contributions" && (
            <Form.Item name="codes" label="Tham luận" rules={[{ required: true, type: "array", min: 1, message: "Chọn tham luận" }]} style={{ minWidth: 240 }}>
              <Select mode="multiple" options={contributions} />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="note" label="Ghi chú (bắt buộc khi văn bản không nêu hạn: ghi giả định)">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Mốc tiến độ: chronological deadlines; the earliest applicable one is each assignment's due date. */
export function MilestonesTab({ campaign }: { campaign: CampaignDetailDto }) {
  const canEdit = campaign.permissions.canEdit;
  const edit = useCampaignEdit(campaign.id);
  const [editing, setEditing] = useState<MilestoneDto | null | "new">(null);
  return (
    <>
      {canEdit && (
        <Button icon={<PlusOutlined />} onClick={() => setEditing("new")} style={{ marginBottom: 12 }}>
          Thêm mốc
        </Button>
      )}
      <Table<MilestoneDto>
        size="small"
        rowKey="id"
        dataSource={campaign.milestones}
        tableLayout="fixed"
        pagination={false}
        columns={[
          { title: "Mốc", dataIndex: "code", width: 60 },
          {
            title: "Hạn",
            key: "due",
            width: 190,
            render: (_, m) => (
              <div>
                <strong>{fmtDate(m.due)}</strong>
                {m.wording && m.wording !== `trước ngày ${fmtDate(m.due)}` && (
                  <div>
                    <Typography.Text type="secondary">{m.wording}</Typography.Text>
                  </div>
                )}
                {!m.wording && <Tag color="orange">văn bản không nêu hạn</Tag>}
              </div>
            ),
          },
          { title: "Cơ quan gửi", key: "from", render: (_, m) => <AgencyTags refs={m.from} /> },
          { title: "Gửi đến", dataIndex: "to", width: 170 },
          {
            title: "Sản phẩm",
            key: "deliverable",
            render: (_, m) => (
              <div>
                {m.deliverable}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {scopeText(m.scope)}
                  </Typography.Text>
                </div>
                {m.note && (
                  <Typography.Text type="secondary" italic style={{ fontSize: 12 }}>
                    {m.note}
                  </Typography.Text>
                )}
              </div>
            ),
          },
          ...(canEdit
            ? [
                {
                  title: "",
                  key: "actions",
                  width: 90,
                  render: (_: unknown, m: MilestoneDto) => (
                    <Space size={2}>
                      <Button size="small" type="text" icon={<EditOutlined />} aria-label={`Sửa mốc ${m.code}`} onClick={() => setEditing(m)} />
                      <Popconfirm
                        title={`Xóa mốc ${m.code}?`}
                        okText="Xóa"
                        okButtonProps={{ danger: true }}
                        cancelText="Hủy"
                        onConfirm={() => edit.mutate({ method: "DELETE", path: `/milestones/${m.id}?version=${campaign.version}`, done: "Đã xóa mốc." })}
                      >
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`Xóa mốc ${m.code}`} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <MilestoneModal campaign={campaign} milestone={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
