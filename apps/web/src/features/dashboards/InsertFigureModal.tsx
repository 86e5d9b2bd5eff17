import { normalizeSearchText } from "@tonghop/domain";
import { App, Form, Input, Modal, Select, Typography } from "antd";
import { useMemo } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import type { ChartSpec } from "./charts/base";
import { chartPngDataUrl } from "./chart-export";
import { useFigureMutations, useFigures } from "./dashboards.api";

interface Props {
  campaignId: string;
  spec: ChartSpec | null;
  onClose: () => void;
}

const END = "__end__";

/** "Chèn vào báo cáo": the chart becomes a numbered figure ("Biểu đồ N: …") after the chosen outline item. */
export function InsertFigureModal({ campaignId, spec, onClose }: Props) {
  const open = spec !== null;
  const { message } = App.useApp();
  const figures = useFigures(campaignId, open);
  const { create } = useFigureMutations(campaignId);
  const [form] = Form.useForm<{ caption: string; anchor: string }>();
  const image = useMemo(() => (spec ? chartPngDataUrl(spec, { titled: false }) : null), [spec]);
  const options = useMemo(
    () => [
      { value: END, label: "Sau phần nội dung (cuối báo cáo)", search: "cuoi bao cao" },
      ...(figures.data?.outline ?? []).map((o) => ({
        value: o.id,
        label: `${"\u2003".repeat(Math.min(o.depth, 6))}${o.label}. ${o.title}`,
        search: normalizeSearchText(`${o.path} ${o.title}`),
      })),
    ],
    [figures.data],
  );

  const submit = async () => {
    const v = await form.validateFields();
    if (!image || !spec) return;
    await create.mutateAsync({ caption: v.caption, outlineItemId: v.anchor === END ? null : v.anchor, imageDataUrl: image, chartKey: spec.key });
    void message.success("Đã chèn biểu đồ vào báo cáo; biểu đồ có trong lần tổng hợp tiếp theo.");
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title="Chèn biểu đồ vào báo cáo"
      okText="Chèn vào báo cáo"
      cancelText="Hủy"
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={create.isPending}
      onCancel={() => {
        create.reset();
        onClose();
      }}
      width={720}
      destroyOnHidden
    >
      <ErrorAlert error={figures.error ?? create.error} />
      {spec && (
        <Form form={form} layout="vertical" initialValues={{ caption: spec.title, anchor: END }} preserve={false}>
          <Form.Item
            label="Chú thích (đứng sau “Biểu đồ N:”, số thứ tự do hệ thống đánh)"
            name="caption"
            rules={[
              { required: true, whitespace: true, message: "Nhập chú thích của biểu đồ" },
              { max: 300, message: "Chú thích dài quá 300 ký tự" },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item label="Đặt sau mục" name="anchor" rules={[{ required: true, message: "Chọn vị trí chèn" }]}>
            <Select
              showSearch
              loading={figures.isLoading}
              options={options}
              optionFilterProp="search"
              filterOption={(input, option) => (option?.search ?? "").includes(normalizeSearchText(input))}
              aria-label="Đặt sau mục"
            />
          </Form.Item>
          <Typography.Text type="secondary">Xem trước</Typography.Text>
          {image && <img src={image} alt={`Xem trước: ${spec.title}`} style={{ width: "100%", border: "1px solid #f0f0f0", marginTop: 4 }} />}
        </Form>
      )}
    </Modal>
  );
}
