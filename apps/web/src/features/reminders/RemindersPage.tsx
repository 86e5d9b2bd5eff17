import { EditOutlined } from "@ant-design/icons";
import { REMINDER_LEVEL_LABELS, type ReminderLogDto, type ReminderRules, type ReminderScheduleDto, type ReminderSchedulesDto } from "@tonghop/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Breadcrumb, Button, Card, Checkbox, DatePicker, Form, InputNumber, Modal, Result, Select, Space, Spin, Switch, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, ApiError } from "../../api/client";
import { fmtDate, fmtDateTime } from "../../lib/format";

const SOURCE_LABELS = { "built-in": "Lịch mặc định của hệ thống", campaign: "Lịch mặc định của đợt", milestone: "Lịch riêng của mốc" } as const;

function rulesText(r: ReminderRules): string {
  const parts = [];
  if (r.beforeDays.length) parts.push(`trước hạn ${[...r.beforeDays].sort((a, b) => b - a).join(", ")} ngày làm việc`);
  if (r.onDueDay) parts.push("ngày hạn");
  parts.push(`quá hạn: mỗi ${r.lateEveryDays} ngày làm việc${r.lateMaxCount !== null ? `, tối đa ${r.lateMaxCount} lần` : ""}${r.lateUntil ? `, đến ${fmtDate(r.lateUntil)}` : ""}`);
  if (r.leaderFromLate !== null) parts.push(`nhắc lãnh đạo đơn vị từ lần quá hạn thứ ${r.leaderFromLate}`);
  if (r.letterFromLate !== null) parts.push(`đề nghị công văn đôn đốc ở lần thứ ${r.letterFromLate}`);
  parts.push(`gửi lúc ${r.sendHour} giờ${r.email ? ", kèm thư điện tử" : ", chỉ trong ứng dụng"}`);
  return parts.join("; ");
}

function ScheduleModal({ campaignId, s, onClose }: { campaignId: string; s: ReminderScheduleDto; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ReminderRules & { enabled: boolean; lateUntilDay: dayjs.Dayjs | null }>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: { rules: ReminderRules; enabled: boolean; version: number }) =>
      api.put<ReminderSchedulesDto>(`/api/campaigns/${campaignId}/reminders/schedules/${s.milestoneId ?? "mac-dinh"}`, body),
    onSuccess: (data) => {
      qc.setQueryData(["reminders", campaignId], data);
      void message.success("Đã lưu lịch nhắc.");
      onClose();
    },
    onError: (e: Error) => {
      const details = e instanceof ApiError && Array.isArray(e.details) ? (e.details as { field?: string; message: string }[]) : [];
      setFieldErrors(Object.fromEntries(details.filter((d) => d.field).map((d) => [d.field!.replace(/^rules\./, ""), d.message])));
      void message.error(e.message);
    },
  });
  const err = (k: string) => (fieldErrors[k] ? { validateStatus: "error" as const, help: fieldErrors[k] } : {});
  return (
    <Modal open title={s.milestoneCode ? `Lịch nhắc mốc ${s.milestoneCode} (hạn ${fmtDate(s.milestoneDue)})` : "Lịch nhắc mặc định của đợt"} okText="Lưu" cancelText="Hủy" width={640} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...s.rules, enabled: s.enabled, lateUntilDay: s.rules.lateUntil ? dayjs(s.rules.lateUntil) : null }}
        onFinish={(v) => {
          setFieldErrors({});
          const rules: ReminderRules = {
            beforeDays: v.beforeDays,
            onDueDay: v.onDueDay,
            lateEveryDays: v.lateEveryDays,
            lateMaxCount: v.lateMaxCount ?? null,
            lateUntil: v.lateUntilDay ? v.lateUntilDay.format("YYYY-MM-DD") : null,
            leaderFromLate: v.leaderFromLate ?? null,
            letterFromLate: v.letterFromLate ?? null,
            sendHour: v.sendHour,
            email: v.email,
          };
          save.mutate({ rules, enabled: v.enabled, version: s.version });
        }}
      >
        <Form.Item name="enabled" label="Nhắc hạn" valuePropName="checked">
          <Switch checkedChildren="Bật" unCheckedChildren="Tắt" />
        </Form.Item>
        <Form.Item name="beforeDays" label="Nhắc trước hạn (số ngày làm việc)" {...err("beforeDays")}>
          <Select mode="tags" tokenSeparators={[",", " "]} options={[1, 2, 3, 5, 7].map((n) => ({ value: n, label: String(n) }))} onChange={(v: (string | number)[]) => form.setFieldValue("beforeDays", v.map(Number).filter((n) => !Number.isNaN(n)))} />
        </Form.Item>
        <Form.Item name="onDueDay" valuePropName="checked">
          <Checkbox>Nhắc vào ngày hạn (ngày làm việc cuối trước hạn nếu hạn rơi vào ngày nghỉ)</Checkbox>
        </Form.Item>
        <Space wrap>
          <Form.Item name="lateEveryDays" label="Khi quá hạn: nhắc mỗi (ngày làm việc)" {...err("lateEveryDays")}>
            <InputNumber min={0} max={30} step={1} />
          </Form.Item>
          <Form.Item name="lateMaxCount" label="Tối đa (lần)" {...err("lateMaxCount")}>
            <InputNumber min={0} max={30} placeholder="không giới hạn" />
          </Form.Item>
          <Form.Item name="lateUntilDay" label="Hoặc đến ngày" {...err("lateUntil")}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="leaderFromLate" label="Nhắc lãnh đạo đơn vị từ lần quá hạn thứ" {...err("leaderFromLate")}>
            <InputNumber min={1} max={20} placeholder="không" />
          </Form.Item>
          <Form.Item name="letterFromLate" label="Đề nghị công văn đôn đốc ở lần thứ" {...err("letterFromLate")}>
            <InputNumber min={1} max={20} placeholder="không" />
          </Form.Item>
          <Form.Item name="sendHour" label="Giờ gửi" {...err("sendHour")}>
            <InputNumber min={0} max={23} />
          </Form.Item>
        </Space>
        <Form.Item name="email" valuePropName="checked">
          <Checkbox>Gửi kèm thư điện tử (cho tài khoản có địa chỉ thư)</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Nhắc hạn: the schedules of the campaign and its milestones (as data), their planned days, the reminders sent. */
export function RemindersPage() {
  const { campaignId = "" } = useParams();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<ReminderScheduleDto | null>(null);
  const [level, setLevel] = useState<string | undefined>();
  const schedules = useQuery({ queryKey: ["reminders", campaignId], queryFn: () => api.get<ReminderSchedulesDto>(`/api/campaigns/${campaignId}/reminders/schedules`) });
  const log = useQuery({
    queryKey: ["reminders", campaignId, "log", level],
    queryFn: () => api.get<ReminderLogDto>(`/api/campaigns/${campaignId}/reminders/log?limit=300${level ? `&level=${level}` : ""}`),
  });
  const reset = useMutation({
    mutationFn: (milestoneId: string) => api.delete<ReminderSchedulesDto>(`/api/campaigns/${campaignId}/reminders/schedules/${milestoneId}`),
    onSuccess: (d) => {
      qc.setQueryData(["reminders", campaignId], d);
      void message.success("Mốc dùng lại lịch mặc định của đợt.");
    },
    onError: (e: Error) => void message.error(e.message),
  });
  if (schedules.isLoading) return <Spin style={{ margin: 48 }} />;
  if (schedules.error) return <Result status="403" title={schedules.error.message} />;
  const s = schedules.data!;
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Breadcrumb items={[{ title: <Link to="/dot-tong-hop">Đợt tổng hợp</Link> }, { title: <Link to={`/dot/${campaignId}/tien-do`}>Tiến độ</Link> }, { title: "Nhắc hạn" }]} />
      <Card title={`Lịch nhắc hạn — ${s.campaignName}`}>
        <Typography.Paragraph type="secondary">
          Hệ thống tự nhắc các đơn vị chưa gửi (không nhắc đơn vị đã gửi hoặc đã khai báo “không có số liệu”, “không thuộc phạm vi”) vào các ngày làm việc
          dưới đây, theo lịch nghỉ lễ hiện hành; đơn vị được gia hạn được nhắc theo hạn riêng. Mỗi lần nhắc gửi đúng một lần cho mỗi người nhận.
        </Typography.Paragraph>
        <Table<ReminderScheduleDto>
          rowKey={(r) => r.milestoneId ?? "mac-dinh"}
          pagination={false}
          dataSource={s.schedules}
          columns={[
            {
              title: "Mốc",
              key: "m",
              width: 220,
              render: (_, r) =>
                r.milestoneId ? (
                  <>
                    <strong>{r.milestoneCode}</strong> — {r.milestoneWording || fmtDate(r.milestoneDue)}
                    <div>
                      <Typography.Text type="secondary">{r.pendingAgencies} cơ quan chưa gửi</Typography.Text>
                    </div>
                  </>
                ) : (
                  <strong>Mặc định của đợt</strong>
                ),
            },
            {
              title: "Lịch",
              key: "rules",
              render: (_, r) => (
                <>
                  <Tag>{SOURCE_LABELS[r.source]}</Tag>
                  {!r.enabled && <Tag color="red">Đã tắt</Tag>}
                  <div>{rulesText(r.rules)}</div>
                </>
              ),
            },
            {
              title: "Các ngày nhắc dự kiến",
              key: "steps",
              render: (_, r) => (
                <Space size={[4, 4]} wrap>
                  {r.steps.map((x) => (
                    <Tag key={x.step + x.date} color={x.level === "letter" ? "red" : x.level === "leader" ? "orange" : "blue"} title={x.label}>
                      {fmtDate(x.date)} · {x.level === "letter" ? "công văn" : x.level === "leader" ? "lãnh đạo" : "chuyên viên"}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: "",
              key: "edit",
              width: 170,
              render: (_, r) =>
                s.canEdit && (
                  <Space direction="vertical">
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid={`edit-schedule-${r.milestoneCode ?? "default"}`}>
                      Sửa
                    </Button>
                    {r.own && r.milestoneId && (
                      <Button size="small" type="link" onClick={() => reset.mutate(r.milestoneId!)}>
                        Dùng lịch mặc định
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Card
        title="Các lần nhắc đã gửi"
        extra={
          <Select
            allowClear
            placeholder="Mức"
            style={{ width: 200 }}
            value={level}
            onChange={setLevel}
            options={Object.entries(REMINDER_LEVEL_LABELS).map(([value, label]) => ({ value, label }))}
          />
        }
      >
        {log.data && log.data.letterTasks.length > 0 && (
          <Alert
            style={{ marginBottom: 12 }}
            type="warning"
            showIcon
            title={`${log.data.letterTasks.length} cơ quan cần công văn đôn đốc`}
            action={
              <Link to={`/dot/${campaignId}/don-doc?agencyIds=${log.data.letterTasks.map((t) => t.agencyId).join(",")}`}>
                <Button size="small">Soạn công văn</Button>
              </Link>
            }
          />
        )}
        <Table
          size="small"
          rowKey="id"
          loading={log.isLoading}
          dataSource={log.data?.items ?? []}
          pagination={{ pageSize: 50 }}
          columns={[
            { title: "Ngày", dataIndex: "createdAt", width: 140, render: (v: string) => fmtDateTime(v) },
            { title: "Mốc", dataIndex: "milestoneCode", width: 60 },
            { title: "Cơ quan", dataIndex: "agencyName" },
            { title: "Lần nhắc", dataIndex: "stepLabel" },
            { title: "Người nhận", dataIndex: "recipientName" },
            { title: "Hạn", dataIndex: "dueDate", width: 100, render: (v: string) => fmtDate(v) },
            { title: "Thư điện tử", dataIndex: "mailStatus", width: 120, render: (v: string | null) => (v === "sent" ? "Đã gửi" : v === "failed" ? <Tag color="red">Không gửi được</Tag> : v ? "Đang chờ" : "—") },
          ]}
        />
      </Card>
      {editing && <ScheduleModal campaignId={campaignId} s={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

export { RemindersPage as Component };
