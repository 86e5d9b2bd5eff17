import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { AGENCY_KIND_LABELS, AGENCY_KINDS, type AgencyDetailDto } from "@tonghop/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useNavigate } from "react-router";
import { api } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { AgencySelect } from "./AgencySelect";
import { agencyKeys } from "./agencies.api";

const kindOptions = AGENCY_KINDS.map((k) => ({ value: k, label: AGENCY_KIND_LABELS[k] }));
const day = (d: Dayjs | undefined | null) => (d ? d.format("YYYY-MM-DD") : undefined);
const required = (message: string) => [{ required: true, message }];

/** A modal form that posts to the API and refreshes the directory on success. */
function AgencyFormModal<T extends object>(props: {
  title: string;
  okText: string;
  danger?: boolean;
  onClose: () => void;
  submit: (values: T) => Promise<unknown>;
  success: string;
  initialValues?: Partial<T>;
  children: React.ReactNode;
  afterSuccess?: (result: unknown) => void;
}) {
  const [form] = Form.useForm<T>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: props.submit,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: agencyKeys.all });
      void message.success(props.success);
      props.afterSuccess?.(result);
      props.onClose();
    },
  });
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText="Hủy"
      okButtonProps={{ danger: props.danger ?? false, loading: mutation.isPending }}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      width={640}
      destroyOnHidden
    >
      <ErrorAlert error={mutation.error} />
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} initialValues={props.initialValues}>
        {props.children}
      </Form>
    </Modal>
  );
}

function NameFields() {
  return (
    <>
      <Form.Item name="name" label="Tên đầy đủ" rules={required("Hãy nhập tên cơ quan")}>
        <Input />
      </Form.Item>
      <Space.Compact block>
        <Form.Item name="shortName" label="Tên viết gọn" rules={required("Hãy nhập tên viết gọn")} style={{ width: "60%" }}>
          <Input />
        </Form.Item>
        <Form.Item name="abbreviation" label="Chữ viết tắt" rules={required("Hãy nhập chữ viết tắt")} style={{ width: "40%" }}>
          <Input />
        </Form.Item>
      </Space.Compact>
    </>
  );
}

export function CreateAgencyModal({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  type V = { code: string; name: string; shortName: string; abbreviation: string; kind: string; parentId?: string; validFrom?: Dayjs };
  return (
    <AgencyFormModal<V>
      title="Thêm cơ quan"
      okText="Thêm"
      success="Đã thêm cơ quan."
      onClose={onClose}
      submit={(v) =>
        api.post<AgencyDetailDto>("/api/agencies", {
          code: v.code,
          name: v.name,
          shortName: v.shortName,
          abbreviation: v.abbreviation,
          kind: v.kind,
          parentId: v.parentId ?? null,
          validFrom: day(v.validFrom) ?? null,
        })
      }
      afterSuccess={(r) => void navigate(`/co-quan/${(r as AgencyDetailDto).id}`)}
    >
      <Form.Item name="code" label="Mã (chữ thường không dấu, gạch ngang)" rules={required("Hãy nhập mã")}>
        <Input placeholder="vd: so-tai-chinh" />
      </Form.Item>
      <NameFields />
      <Form.Item name="kind" label="Loại" rules={required("Hãy chọn loại cơ quan")}>
        <Select options={kindOptions} />
      </Form.Item>
      <Form.Item name="parentId" label="Cơ quan cấp trên">
        <AgencySelect />
      </Form.Item>
      <Form.Item name="validFrom" label="Hoạt động từ ngày">
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
    </AgencyFormModal>
  );
}

export function RenameAgencyModal({ agency, onClose }: { agency: AgencyDetailDto; onClose: () => void }) {
  type V = { name: string; shortName: string; abbreviation: string; effectiveDate: Dayjs };
  return (
    <AgencyFormModal<V>
      title={`Đổi tên: ${agency.name}`}
      okText="Đổi tên"
      success="Đã đổi tên; tên cũ được giữ trong lịch sử."
      onClose={onClose}
      initialValues={{ name: agency.name, shortName: agency.shortName, abbreviation: agency.abbreviation }}
      submit={(v) => api.post(`/api/agencies/${agency.id}/rename`, { ...v, effectiveDate: day(v.effectiveDate) })}
    >
      <NameFields />
      <Form.Item name="effectiveDate" label="Hiệu lực từ ngày" rules={required("Hãy chọn ngày hiệu lực")}>
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
    </AgencyFormModal>
  );
}

export function MergeAgencyModal({ agency, onClose }: { agency: AgencyDetailDto; onClose: () => void }) {
  type V = { successorId: string; effectiveDate: Dayjs; note?: string };
  return (
    <AgencyFormModal<V>
      title={`Sáp nhập ${agency.name} vào cơ quan khác`}
      okText="Sáp nhập"
      danger
      success="Đã sáp nhập. Tài khoản của cơ quan cũ đã chuyển sang cơ quan tiếp nhận."
      onClose={onClose}
      submit={(v) => api.post(`/api/agencies/${agency.id}/merge`, { successorId: v.successorId, effectiveDate: day(v.effectiveDate), note: v.note })}
    >
      <Form.Item name="successorId" label="Cơ quan tiếp nhận" rules={required("Hãy chọn cơ quan tiếp nhận")}>
        <AgencySelect excludeId={agency.id} />
      </Form.Item>
      <Form.Item name="effectiveDate" label="Hiệu lực từ ngày" rules={required("Hãy chọn ngày hiệu lực")}>
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
      <Form.Item name="note" label="Căn cứ, ghi chú">
        <Input.TextArea rows={2} placeholder="vd: Nghị quyết số … của HĐND thành phố" />
      </Form.Item>
    </AgencyFormModal>
  );
}

export function SplitAgencyModal({ agency, onClose }: { agency: AgencyDetailDto; onClose: () => void }) {
  type NewPart = { code: string; name: string; shortName: string; abbreviation: string; kind: string };
  type V = { effectiveDate: Dayjs; note?: string; existing?: string[]; created?: NewPart[] };
  return (
    <AgencyFormModal<V>
      title={`Chia tách ${agency.name}`}
      okText="Chia tách"
      danger
      success="Đã chia tách."
      onClose={onClose}
      initialValues={{ created: [] }}
      submit={(v) =>
        api.post(`/api/agencies/${agency.id}/split`, {
          effectiveDate: day(v.effectiveDate),
          note: v.note,
          into: [
            ...(v.existing ?? []).map((existingId) => ({ existingId })),
            ...(v.created ?? []).map((p) => ({ ...p, parentId: agency.parentId, aliases: [] })),
          ],
        })
      }
    >
      <Form.Item name="effectiveDate" label="Hiệu lực từ ngày" rules={required("Hãy chọn ngày hiệu lực")}>
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
      <Form.Item name="existing" label="Cơ quan kế tục đã có">
        <AgencySelect multiple excludeId={agency.id} />
      </Form.Item>
      <Form.List name="created">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, "code"]} rules={required("Mã")}>
                  <Input placeholder="Mã" style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={[f.name, "name"]} rules={required("Tên")}>
                  <Input placeholder="Tên đầy đủ" style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name={[f.name, "shortName"]} rules={required("Tên gọn")}>
                  <Input placeholder="Tên gọn" style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={[f.name, "abbreviation"]} rules={required("Viết tắt")}>
                  <Input placeholder="Viết tắt" style={{ width: 80 }} />
                </Form.Item>
                <Form.Item name={[f.name, "kind"]} rules={required("Loại")} initialValue={agency.kind}>
                  <Select options={kindOptions} style={{ width: 140 }} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="Bỏ" />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
              Thêm cơ quan mới tách ra
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="note" label="Căn cứ, ghi chú" style={{ marginTop: 16 }}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </AgencyFormModal>
  );
}

export function DissolveAgencyModal({ agency, onClose }: { agency: AgencyDetailDto; onClose: () => void }) {
  type V = { effectiveDate: Dayjs; note?: string };
  return (
    <AgencyFormModal<V>
      title={`Giải thể ${agency.name}`}
      okText="Giải thể"
      danger
      success="Đã ghi nhận giải thể."
      onClose={onClose}
      submit={(v) => api.post(`/api/agencies/${agency.id}/dissolve`, { effectiveDate: day(v.effectiveDate), note: v.note })}
    >
      <Form.Item name="effectiveDate" label="Hiệu lực từ ngày" rules={required("Hãy chọn ngày hiệu lực")}>
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
      <Form.Item name="note" label="Căn cứ, ghi chú">
        <Input.TextArea rows={2} />
      </Form.Item>
    </AgencyFormModal>
  );
}
