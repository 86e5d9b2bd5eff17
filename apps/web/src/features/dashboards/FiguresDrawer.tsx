import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined } from "@ant-design/icons";
import type { ReportFigureDto } from "@tonghop/contracts";
import { App, Button, Drawer, Empty, Form, Input, List, Modal, Popconfirm, Select, Space, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDateTime } from "../../lib/format";
import { figureImageUrl, useFigureMutations, useFigures } from "./dashboards.api";

const END = "__end__";

/** The figures inserted into the report: order, place, caption, removal. */
export function FiguresDrawer({ campaignId, open, onClose }: { campaignId: string; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const figures = useFigures(campaignId, open);
  const m = useFigureMutations(campaignId);
  const [editing, setEditing] = useState<ReportFigureDto | null>(null);
  const [form] = Form.useForm<{ caption: string; anchor: string }>();
  const list = figures.data?.figures ?? [];

  const move = (index: number, delta: number) => {
    const ids = list.map((f) => f.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id!);
    m.reorder.mutate(ids, { onError: () => undefined });
  };
  const save = async () => {
    if (!editing) return;
    const v = await form.validateFields();
    await m.update.mutateAsync({ id: editing.id, body: { caption: v.caption, outlineItemId: v.anchor === END ? null : v.anchor } });
    void message.success("Đã lưu biểu đồ");
    setEditing(null);
  };

  return (
    <Drawer open={open} onClose={onClose} title="Biểu đồ trong báo cáo" size="large">
      <Typography.Paragraph type="secondary">
        Các biểu đồ được đánh số “Biểu đồ 1, 2, …” theo thứ tự xuất hiện trong báo cáo khi tổng hợp. Thứ tự dưới đây là thứ tự giữa các biểu đồ
        đặt sau cùng một mục.
      </Typography.Paragraph>
      <ErrorAlert error={figures.error ?? m.reorder.error ?? m.remove.error} />
      <List
        loading={figures.isLoading}
        dataSource={list}
        locale={{ emptyText: <Empty description="Chưa có biểu đồ nào được chèn vào báo cáo" /> }}
        renderItem={(f, i) => (
          <List.Item
            actions={[
              <Button key="up" size="small" icon={<ArrowUpOutlined />} disabled={i === 0 || m.reorder.isPending} onClick={() => move(i, -1)} aria-label="Lên trên" />,
              <Button key="down" size="small" icon={<ArrowDownOutlined />} disabled={i === list.length - 1 || m.reorder.isPending} onClick={() => move(i, 1)} aria-label="Xuống dưới" />,
              <Button
                key="edit"
                size="small"
                icon={<EditOutlined />}
                onClick={() => {
                  setEditing(f);
                  form.setFieldsValue({ caption: f.caption, anchor: f.outlineItemId ?? END });
                }}
                aria-label="Sửa"
              />,
              <Popconfirm key="del" title="Bỏ biểu đồ này khỏi báo cáo?" okText="Bỏ" cancelText="Không" onConfirm={() => m.remove.mutate(f.id)}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label="Bỏ khỏi báo cáo" />
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              avatar={<img src={figureImageUrl(campaignId, f.id)} alt={f.caption} style={{ width: 120, border: "1px solid #f0f0f0" }} />}
              title={f.caption}
              description={
                <Space direction="vertical" size={0}>
                  <span>{f.anchorLabel ? `Sau mục ${f.anchorLabel}` : "Cuối báo cáo (sau phần nội dung)"}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {f.widthPx} × {f.heightPx} điểm ảnh · {f.createdByName ?? ""} · {fmtDateTime(f.createdAt)}
                  </Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Modal open={editing !== null} title="Sửa biểu đồ trong báo cáo" okText="Lưu" cancelText="Hủy" onOk={() => void save().catch(() => undefined)} confirmLoading={m.update.isPending} onCancel={() => setEditing(null)}>
        <ErrorAlert error={m.update.error} />
        <Form form={form} layout="vertical">
          <Form.Item label="Chú thích" name="caption" rules={[{ required: true, whitespace: true, message: "Nhập chú thích" }, { max: 300, message: "Chú thích dài quá 300 ký tự" }]}>
            <Input />
          </Form.Item>
          <Form.Item label="Đặt sau mục" name="anchor">
            <Select
              showSearch
              optionFilterProp="label"
              options={[{ value: END, label: "Sau phần nội dung (cuối báo cáo)" }, ...(figures.data?.outline ?? []).map((o) => ({ value: o.id, label: `${o.path}. ${o.title}` }))]}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
