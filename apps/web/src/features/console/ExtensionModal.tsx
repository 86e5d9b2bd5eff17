import { App, DatePicker, Form, Input, Modal, Radio, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { fmtDate } from "../../lib/format";
import { useExtend } from "./console.api";

export interface ExtensionTarget {
  agencyId: string;
  agencyName: string;
  /** One item or appendix; absent: every open piece of work of the agency. */
  outlineItemId?: string;
  appendixId?: string;
  what?: string;
  currentDue?: string | null;
  extended?: boolean;
}

/** Gia hạn cho một đơn vị: new date and a required reason (or remove the extension). */
export function ExtensionModal({ campaignId, target, onClose }: { campaignId: string; target: ExtensionTarget; onClose: () => void }) {
  const { message } = App.useApp();
  const extend = useExtend(campaignId);
  const [form] = Form.useForm<{ mode: "set" | "remove"; date: Dayjs | null; reason: string }>();
  const [mode, setMode] = useState<"set" | "remove">("set");
  const submit = (v: { mode: "set" | "remove"; date: Dayjs | null; reason: string }) => {
    extend.mutate(
      {
        agencyId: target.agencyId,
        ...(target.outlineItemId ? { outlineItemId: target.outlineItemId } : {}),
        ...(target.appendixId ? { appendixId: target.appendixId } : {}),
        dueDate: v.mode === "remove" ? null : (v.date?.format("YYYY-MM-DD") ?? null),
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      },
      {
        onSuccess: (r) => {
          void message.success(v.mode === "remove" ? `Đã bỏ gia hạn (${r.updated.length} phần việc).` : `Đã gia hạn ${r.updated.length} phần việc đến ${fmtDate(v.date!.format("YYYY-MM-DD"))}.`);
          onClose();
        },
        onError: (e) => void message.error(e.message),
      },
    );
  };
  return (
    <Modal
      open
      title={`Gia hạn cho ${target.agencyName}`}
      okText={mode === "remove" ? "Bỏ gia hạn" : "Gia hạn"}
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: extend.isPending, "data-testid": "extension-ok" }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {target.what ? <>Phần việc: {target.what}. </> : <>Mọi phần việc chưa gửi của đơn vị trong đợt. </>}
        {target.currentDue ? <>Hạn hiện tại: {fmtDate(target.currentDue)}{target.extended ? " (đã gia hạn)" : ""}.</> : null}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ mode: "set", date: null, reason: "" }} onFinish={submit} onValuesChange={(c: { mode?: "set" | "remove" }) => c.mode && setMode(c.mode)}>
        {target.extended && (
          <Form.Item name="mode">
            <Radio.Group options={[{ value: "set", label: "Đặt hạn mới" }, { value: "remove", label: "Bỏ gia hạn (trở về hạn của mốc)" }]} />
          </Form.Item>
        )}
        {mode === "set" && (
          <Form.Item name="date" label="Hạn mới" rules={[{ required: true, message: "Chọn hạn mới" }]}>
            <DatePicker format="DD/MM/YYYY" disabledDate={(d) => d.isBefore(dayjs().startOf("day"))} style={{ width: 200 }} data-testid="extension-date" />
          </Form.Item>
        )}
        <Form.Item name="reason" label="Lý do" rules={mode === "set" ? [{ required: true, whitespace: true, message: "Phải nêu lý do gia hạn" }] : []}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="extension-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
