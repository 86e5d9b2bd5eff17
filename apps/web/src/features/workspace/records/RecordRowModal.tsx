import type { RecordColumnDto, RecordListRowDto } from "@tonghop/contracts";
import { formatVnDate, tryParseVnDate, tryParseVnNumber } from "@tonghop/domain";
import { Alert, Form, Input, Modal, Select } from "antd";
import type { Rule } from "antd/es/form";
import type { RecordValues } from "./records.api";

/** What the form shows for a stored value: dates as 05/5/2024, numbers the Vietnamese way. */
export function formValue(col: RecordColumnDto, v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (col.type === "date" && typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatVnDate(v);
  if (typeof v === "number") return String(v).replace(".", ",");
  return v;
}

function rules(col: RecordColumnDto): Rule[] {
  const out: Rule[] = [];
  if (col.required) out.push({ required: true, whitespace: true, message: `Nhập "${col.title}"` });
  if (col.type === "date") {
    out.push({
      validator: async (_, v: string | undefined) => {
        if (v?.trim() && !tryParseVnDate(v)) throw new Error("Nhập ngày dạng ngày/tháng/năm, ví dụ 05/5/2024");
      },
    });
  }
  if (col.type === "number") {
    out.push({
      validator: async (_, v: string | undefined) => {
        if (!v?.trim()) return;
        const r = tryParseVnNumber(v);
        if (!r.ok) throw new Error(r.error);
      },
    });
  }
  if (col.type === "so-hieu") {
    out.push({
      validator: async (_, v: string | undefined) => {
        if (v?.trim() && !/\d/.test(v)) throw new Error("Ghi cả số của văn bản, ví dụ: Kế hoạch số 15/KH-UBND");
      },
    });
  }
  return out;
}

/** Adds or edits one row of a record list with a field per typed column; the server checks again and names the cell. */
export function RecordRowModal({
  open,
  columns,
  row,
  busy,
  serverError,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  columns: RecordColumnDto[];
  row: RecordListRowDto | null;
  busy: boolean;
  serverError: string | null;
  onCancel: () => void;
  onSubmit: (values: RecordValues) => void;
}) {
  const [form] = Form.useForm<Record<string, string>>();
  const initial = Object.fromEntries(columns.map((c) => [c.key, formValue(c, row?.values[c.key])]));
  return (
    <Modal
      open={open}
      width={760}
      title={row ? "Sửa dòng" : "Thêm dòng"}
      okText={row ? "Lưu" : "Thêm"}
      cancelText="Hủy"
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() =>
        void form.validateFields().then((v) => {
          const values: RecordValues = {};
          for (const c of columns) {
            if (row?.prefilled && c.prefilled) continue;
            values[c.key] = v[c.key]?.trim() ? v[c.key]!.trim() : null;
          }
          onSubmit(values);
        })
      }
      destroyOnHidden
    >
      {serverError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={serverError} data-testid="record-error" />}
      <Form form={form} layout="vertical" initialValues={initial} requiredMark="optional" preserve={false}>
        {columns.map((c) => {
          const locked = !!row?.prefilled && c.prefilled;
          const placeholder = c.examples?.[0] ?? (c.type === "date" ? "05/5/2024" : undefined);
          return (
            <Form.Item key={c.key} name={c.key} label={c.title} rules={locked ? [] : rules(c)} extra={locked ? "Do mẫu điền sẵn, không sửa được." : undefined}>
              {c.type === "long-text" ? (
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} disabled={locked} placeholder={placeholder} maxLength={20000} data-testid={`field-${c.key}`} />
              ) : c.type === "choice" ? (
                <Select disabled={locked} allowClear options={(c.options ?? []).map((o) => ({ value: o, label: o }))} data-testid={`field-${c.key}`} />
              ) : (
                <Input disabled={locked} placeholder={placeholder} maxLength={c.type === "so-hieu" ? 300 : 500} data-testid={`field-${c.key}`} />
              )}
            </Form.Item>
          );
        })}
      </Form>
    </Modal>
  );
}
