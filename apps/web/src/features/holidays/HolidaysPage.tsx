import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { HolidayEntryDto, HolidayYearDto, SaveHolidayRequest } from "@tonghop/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Radio, Space, Table, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { api } from "../../api/client";
import { useSession } from "../../api/session";
import { fmtDate } from "../../lib/format";

const WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

/** Lịch nghỉ lễ: the holidays and compensating working days of a year; administrators add, change and remove days. */
export function HolidaysPage() {
  const { user } = useSession();
  const isAdmin = !!user?.roles.includes("admin");
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState(() => dayjs().year());
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ date: Dayjs; kind: "off" | "work"; note: string }>();
  const data = useQuery({ queryKey: ["holidays", year], queryFn: () => api.get<HolidayYearDto>(`/api/holidays?year=${year}`) });
  const save = useMutation({
    mutationFn: (body: SaveHolidayRequest) => api.put<HolidayEntryDto>("/api/holidays", body),
    onSuccess: () => {
      void message.success("Đã lưu vào lịch nghỉ.");
      setAdding(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ["holidays"] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/holidays/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["holidays"] }),
    onError: (e: Error) => void message.error(e.message),
  });
  const d = data.data;
  return (
    <Card
      title="Lịch nghỉ lễ, Tết và ngày làm bù"
      extra={
        <Space>
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} aria-label="Năm" />
          {isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              Thêm ngày
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        Ngày làm việc là thứ Hai đến thứ Sáu trừ các ngày nghỉ dưới đây, cộng các ngày thứ Bảy, Chủ nhật phải làm bù. Hạn, số ngày làm việc còn lại và lịch
        nhắc hạn đều tính theo lịch này. Lịch có sẵn theo Bộ luật Lao động và thông báo nghỉ hằng năm; quản trị hệ thống thêm ngày nghỉ riêng, ngày làm bù hoặc
        bãi bỏ một ngày có sẵn (thêm ngày làm việc trùng ngày đó).
      </Typography.Paragraph>
      {d && !d.shippedCoverage && <Alert style={{ marginBottom: 12 }} type="warning" showIcon title={`Chưa có lịch nghỉ có sẵn cho năm ${year}: hãy nhập các ngày nghỉ lễ, Tết của năm này.`} />}
      {d && (
        <Typography.Paragraph>
          Năm {d.year} có <strong>{d.workingDays}</strong> ngày làm việc.
        </Typography.Paragraph>
      )}
      <Table<HolidayEntryDto>
        size="small"
        rowKey="date"
        loading={data.isLoading}
        dataSource={d?.entries ?? []}
        pagination={false}
        columns={[
          { title: "Ngày", dataIndex: "date", width: 110, render: (v: string) => fmtDate(v) },
          { title: "Thứ", dataIndex: "date", key: "dow", width: 100, render: (v: string) => WEEKDAYS[dayjs(v).day()] },
          { title: "Loại", dataIndex: "kind", width: 140, render: (v: string) => (v === "off" ? <Tag color="red">Nghỉ</Tag> : <Tag color="blue">Làm việc (làm bù)</Tag>) },
          { title: "Ghi chú", dataIndex: "name" },
          {
            title: "Nguồn",
            key: "src",
            width: 200,
            render: (_, r) => (
              <>
                {r.source === "shipped" ? "Có sẵn" : "Quản trị sửa"}
                {r.provisional ? <Tag style={{ marginLeft: 4 }}>dự kiến</Tag> : null}
              </>
            ),
          },
          {
            title: "",
            key: "del",
            width: 60,
            render: (_, r) =>
              isAdmin && r.id ? (
                <Popconfirm title="Bỏ ngày này? Ngày trở lại theo lịch có sẵn." okText="Bỏ" cancelText="Hủy" onConfirm={() => remove.mutate(r.id!)}>
                  <Button size="small" icon={<DeleteOutlined />} aria-label="Bỏ" />
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Modal open={adding} title="Thêm ngày vào lịch" okText="Lưu" cancelText="Hủy" onCancel={() => setAdding(false)} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: "off" }} onFinish={(v) => save.mutate({ date: v.date.format("YYYY-MM-DD"), kind: v.kind, note: v.note })}>
          <Form.Item name="date" label="Ngày" rules={[{ required: true, message: "Chọn ngày" }]}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item name="kind" label="Loại">
            <Radio.Group
              options={[
                { value: "off", label: "Ngày nghỉ (thêm ngày nghỉ, hoặc bỏ một ngày làm bù có sẵn)" },
                { value: "work", label: "Ngày làm việc (làm bù thứ Bảy/Chủ nhật, hoặc bãi bỏ một ngày nghỉ có sẵn)" },
              ]}
            />
          </Form.Item>
          <Form.Item name="note" label="Ghi chú (căn cứ)" rules={[{ required: true, whitespace: true, message: "Ghi căn cứ, ví dụ số thông báo" }]}>
            <Input maxLength={300} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export { HolidaysPage as Component };
