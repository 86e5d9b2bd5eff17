import { ArrowDownOutlined, ArrowLeftOutlined, ArrowRightOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, OrderedListOutlined, PlusOutlined } from "@ant-design/icons";
import type { AgencyRefInput, CampaignDetailDto, OutlineNodeDto } from "@tonghop/contracts";
import { matchesSearch } from "@tonghop/domain";
import { Button, Dropdown, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tooltip, Typography } from "antd";
import { useMemo, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { AgencyRefSelect, AgencyTags, toRefInputs } from "./AgencyRefSelect";
import { useCampaignEdit } from "./campaigns.api";

type Editing = { mode: "edit"; item: OutlineNodeDto } | { mode: "add"; parentId: string | null; afterId?: string | null; where: string };

interface ItemForm {
  label?: string;
  title: string;
  guidance?: string;
  pageBudget?: number | null;
  lead?: AgencyRefInput[];
  cooperate?: AgencyRefInput[];
}

function ItemModal({ campaign, editing, onClose }: { campaign: CampaignDetailDto; editing: Editing; onClose: () => void }) {
  const [form] = Form.useForm<ItemForm>();
  const edit = useCampaignEdit(campaign.id);
  const item = editing.mode === "edit" ? editing.item : null;
  const submit = (v: ItemForm) => {
    const body = {
      version: campaign.version,
      title: v.title,
      guidance: v.guidance?.trim() ? v.guidance : null,
      pageBudget: v.pageBudget ?? null,
      lead: v.lead ?? [],
      cooperate: v.cooperate ?? [],
    };
    const op =
      editing.mode === "edit"
        ? { method: "PATCH" as const, path: `/outline/${item!.id}`, body: { ...body, ...(v.label && v.label !== item!.label ? { label: v.label } : {}) }, done: "Đã lưu mục." }
        : {
            method: "POST" as const,
            path: "/outline",
            body: { ...body, parentId: editing.parentId, ...(editing.afterId !== undefined ? { afterId: editing.afterId } : {}), ...(v.label ? { label: v.label } : {}) },
            done: "Đã thêm mục.",
          };
    edit.mutate(op, { onSuccess: onClose });
  };
  return (
    <Modal
      open
      width={760}
      title={item ? `Sửa mục ${item.labelPath.join(" / ")}` : `Thêm mục ${editing.mode === "add" ? editing.where : ""}`}
      okText="Lưu"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: edit.isPending }}
      destroyOnHidden
    >
      <ErrorAlert error={edit.error} />
      <Form<ItemForm>
        form={form}
        layout="vertical"
        initialValues={
          item
            ? { label: item.label, title: item.title, guidance: item.guidance ?? "", pageBudget: item.pageBudget, lead: toRefInputs(item.lead), cooperate: toRefInputs(item.cooperate) }
            : { lead: [], cooperate: [] }
        }
        onFinish={submit}
      >
        <Space align="start" style={{ width: "100%" }}>
          <Form.Item name="label" label="Nhãn" tooltip="Để trống khi thêm: hệ thống đánh số tiếp theo" style={{ width: 120 }}>
            <Input placeholder="tự đánh số" />
          </Form.Item>
          <Form.Item name="pageBudget" label="Số trang dự kiến" style={{ width: 160 }}>
            <InputNumber min={0.5} max={1000} step={0.5} decimalSeparator="," style={{ width: "100%" }} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label="Tiêu đề" rules={[{ required: true, whitespace: true, message: "Hãy nhập tiêu đề mục" }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="guidance" label="Hướng dẫn cho người viết (không in vào báo cáo)">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
        </Form.Item>
        <Form.Item name="lead" label="Cơ quan chủ trì (theo thứ tự văn bản)" extra="Để trống: mục do cơ quan được giao mục cha viết, hoặc cơ quan tổng hợp.">
          <AgencyRefSelect asOf={campaign.referenceDate} aria-label="Cơ quan chủ trì" />
        </Form.Item>
        <Form.Item name="cooperate" label="Cơ quan phối hợp">
          <AgencyRefSelect asOf={campaign.referenceDate} aria-label="Cơ quan phối hợp" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Đề cương: the outline with its lead agencies; coordinators add, edit, move, indent, renumber. */
export function OutlineTab({ campaign }: { campaign: CampaignDetailDto }) {
  const canEdit = campaign.permissions.canEdit;
  const edit = useCampaignEdit(campaign.id);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [q, setQ] = useState("");
  const rows = useMemo(
    () =>
      campaign.outline.filter(
        (o) => !q || matchesSearch(q, o.title, o.labelPath.join(" "), ...o.lead.map((l) => l.displayName), ...o.cooperate.map((l) => l.displayName)),
      ),
    [campaign.outline, q],
  );
  const assigned = campaign.outline.filter((o) => o.lead.length || o.inheritedLead.length).length;
  const move = (o: OutlineNodeDto, action: "up" | "down" | "indent" | "outdent") =>
    edit.mutate({ method: "POST", path: `/outline/${o.id}/move`, body: { version: campaign.version, action } });

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder="Tìm mục hoặc cơ quan (không cần dấu)" onChange={(e) => setQ(e.target.value)} style={{ width: 340 }} aria-label="Tìm trong đề cương" />
        <Typography.Text type="secondary">
          {campaign.outline.length} mục, {assigned} mục có cơ quan viết
        </Typography.Text>
        {canEdit && (
          <>
            <Button icon={<PlusOutlined />} onClick={() => setEditing({ mode: "add", parentId: null, where: "ở cấp cao nhất" })}>
              Thêm mục
            </Button>
            <Popconfirm
              title="Đánh số lại toàn bộ đề cương?"
              description="Nhãn mỗi cấp được đánh lại theo thứ tự hiện tại, giữ kiểu đánh số (I, 1, a), (i), …)."
              okText="Đánh số lại"
              cancelText="Hủy"
              onConfirm={() => edit.mutate({ method: "POST", path: "/outline/renumber", body: { version: campaign.version }, done: "Đã đánh số lại đề cương." })}
            >
              <Button icon={<OrderedListOutlined />}>Đánh số lại</Button>
            </Popconfirm>
          </>
        )}
      </Space>
      <Table<OutlineNodeDto>
        size="small"
        rowKey="id"
        dataSource={rows}
        loading={edit.isPending}
        pagination={{ pageSize: 100, showSizeChanger: false, hideOnSinglePage: true }}
        data-testid="outline-table"
        tableLayout="fixed"
        columns={[
          {
            title: "Mục",
            key: "item",
            render: (_, o) => (
              <div style={{ paddingLeft: (o.depth - 1) * 18 }}>
                <Typography.Text strong={o.depth <= 2}>
                  {o.label} {o.title}
                </Typography.Text>
                {o.guidance && (
                  <div>
                    <Typography.Text type="secondary" italic style={{ fontSize: 12 }} ellipsis={{ tooltip: o.guidance }}>
                      {o.guidance}
                    </Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          {
            title: "Cơ quan chủ trì",
            key: "lead",
            width: 260,
            render: (_, o) => (o.lead.length ? <AgencyTags refs={o.lead} /> : <AgencyTags refs={o.inheritedLead} inherited />),
          },
          { title: "Phối hợp", key: "coop", width: 170, render: (_, o) => <AgencyTags refs={o.cooperate} /> },
          { title: "Trang", dataIndex: "pageBudget", width: 56, align: "right", render: (v: number | null) => (v == null ? "" : String(v).replace(".", ",")) },
          ...(canEdit
            ? [
                {
                  title: "",
                  key: "actions",
                  width: 190,
                  render: (_: unknown, o: OutlineNodeDto) => (
                    <Space size={2}>
                      <Tooltip title="Sửa">
                        <Button size="small" type="text" icon={<EditOutlined />} aria-label={`Sửa mục ${o.labelPath.join(" ")}`} onClick={() => setEditing({ mode: "edit", item: o })} />
                      </Tooltip>
                      <Dropdown
                        menu={{
                          items: [
                            { key: "child", label: "Thêm mục con", onClick: () => setEditing({ mode: "add", parentId: o.id, where: `trong mục ${o.labelPath.join(" / ")}` }) },
                            { key: "after", label: "Thêm mục ngay sau", onClick: () => setEditing({ mode: "add", parentId: o.parentId, afterId: o.id, where: `sau mục ${o.labelPath.join(" / ")}` }) },
                          ],
                        }}
                      >
                        <Button size="small" type="text" icon={<PlusOutlined />} aria-label="Thêm mục" />
                      </Dropdown>
                      <Tooltip title="Chuyển lên">
                        <Button size="small" type="text" icon={<ArrowUpOutlined />} onClick={() => move(o, "up")} aria-label="Chuyển lên" />
                      </Tooltip>
                      <Tooltip title="Chuyển xuống">
                        <Button size="small" type="text" icon={<ArrowDownOutlined />} onClick={() => move(o, "down")} aria-label="Chuyển xuống" />
                      </Tooltip>
                      <Tooltip title="Đưa ra (lên một cấp)">
                        <Button size="small" type="text" icon={<ArrowLeftOutlined />} onClick={() => move(o, "outdent")} aria-label="Đưa ra" />
                      </Tooltip>
                      <Tooltip title="Lùi vào (thành mục con của mục trên)">
                        <Button size="small" type="text" icon={<ArrowRightOutlined />} onClick={() => move(o, "indent")} aria-label="Lùi vào" />
                      </Tooltip>
                      <Popconfirm
                        title={`Xóa mục ${o.labelPath.join(" / ")} và các mục con?`}
                        okText="Xóa"
                        okButtonProps={{ danger: true }}
                        cancelText="Hủy"
                        onConfirm={() => edit.mutate({ method: "DELETE", path: `/outline/${o.id}?version=${campaign.version}`, done: "Đã xóa mục." })}
                      >
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="Xóa mục" />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <ItemModal campaign={campaign} editing={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
