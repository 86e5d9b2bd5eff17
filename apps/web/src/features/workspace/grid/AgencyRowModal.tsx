import type { AddAgencyRowRequest, GridRowDto } from "@tonghop/contracts";
import { AGGREGATIONS, AGGREGATION_LABELS, tryParseTarget } from "@tonghop/domain";
import { Form, Input, InputNumber, Modal, Select } from "antd";
import { useEffect } from "react";

type Fields = Omit<AddAgencyRowRequest, "parentRowId">;

/** Add (under an open group) or edit an indicator the agency proposes: name, unit, aggregation, direction, decimals, target. */
export function AgencyRowModal({
  open,
  parent,
  row,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  parent: GridRowDto | null;
  row: GridRowDto | null;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (fields: Fields) => void;
}) {
  const [form] = Form.useForm<Fields>();
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      row
        ? { name: row.name, unit: row.unit ?? "", aggregation: (row.aggregation ?? "last") as Fields["aggregation"], direction: (row.direction ?? "higher") as Fields["direction"], decimals: row.decimals, target: row.target ?? "" }
        : { name: "", unit: "", aggregation: "last", direction: "higher", decimals: 1, target: "" },
    );
  }, [open, row, form]);
  return (
    <Modal
      open={open}
      title={row ? `Sửa chỉ tiêu "${row.name}"` : `Thêm chỉ tiêu dưới "${parent?.name ?? ""}"`}
      okText={row ? "Lưu" : "Thêm"}
      cancelText="Hủy"
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => onSubmit({ ...v, target: v.target?.trim() || null }))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="name" label="Tên chỉ tiêu" rules={[{ required: true, whitespace: true, message: "Nhập tên chỉ tiêu" }, { max: 500 }]}>
          <Input autoFocus data-testid="row-name" />
        </Form.Item>
        <Form.Item name="unit" label="Đơn vị tính" rules={[{ required: true, whitespace: true, message: "Nhập đơn vị tính (%, tỷ đồng, người…)" }, { max: 50 }]}>
          <Input data-testid="row-unit" />
        </Form.Item>
        <Form.Item name="aggregation" label="Giá trị cả giai đoạn tính bằng" rules={[{ required: true }]}>
          <Select options={AGGREGATIONS.map((a) => ({ value: a, label: AGGREGATION_LABELS[a] }))} />
        </Form.Item>
        <Form.Item name="direction" label="Chiều tốt" rules={[{ required: true }]}>
          <Select
            options={[
              { value: "higher", label: "Càng cao càng tốt" },
              { value: "lower", label: "Càng thấp càng tốt" },
            ]}
          />
        </Form.Item>
        <Form.Item name="decimals" label="Số chữ số thập phân" rules={[{ required: true }]}>
          <InputNumber min={0} max={6} />
        </Form.Item>
        <Form.Item
          name="target"
          label="Mục tiêu (nếu có)"
          rules={[
            {
              validator: async (_, v: string | undefined) => {
                if (!v?.trim()) return;
                const r = tryParseTarget(v.trim());
                if (!r.ok) throw new Error(r.error);
              },
            },
          ]}
        >
          <Input placeholder='Ví dụ: "10%/năm", "12-17", "<4"' />
        </Form.Item>
      </Form>
    </Modal>
  );
}
