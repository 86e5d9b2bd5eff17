import type { ActionTaskDto, SaveTaskRequest, TaskListQuery, TaskStatusKey } from "@tonghop/contracts";
import { TASK_KIND_LABELS, TASK_PROGRESS_LABELS } from "@tonghop/contracts";
import { REPORT_FREQUENCY_LABELS, TASK_STATUS_LABELS } from "@tonghop/domain";
import { BellOutlined, FileExcelOutlined, FileWordOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Space, Spin, Table, Typography } from "antd";
import { useRef, useState } from "react";
import { useParams } from "react-router";
import { ApiError } from "../../api/client";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SentRemindersTable } from "../../components/SentRemindersTable";
import { fmtDateTime } from "../../lib/format";
import { AgencySelect } from "../agencies/AgencySelect";
import { exportUrl, useDeleteTask, useFromOutline, useImportTasks, useOutlineChoices, useProgramme, useRemindNow, useReportTask, useSaveTask, useTaskReports, useTasks } from "./action-programme.api";
import { TaskStatusTag } from "./StatusTag";

function TaskModal({ programmeId, task, onClose }: { programmeId: string; task: ActionTaskDto | null; onClose: () => void }) {
  const save = useSaveTask(programmeId);
  const [form] = Form.useForm<SaveTaskRequest & { indicatorText?: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    const { indicatorText, ...rest } = v;
    const body: SaveTaskRequest = {
      ...rest,
      deadline: v.deadline?.trim() ? v.deadline : null,
      indicatorCodes: (indicatorText ?? "").split(/[;,\s]+/).filter(Boolean),
      ...(task ? { version: task.version } : {}),
    };
    await save.mutateAsync(task ? { id: task.id, body } : { body });
    onClose();
  };
  return (
    <Modal open title={task ? "Sửa nhiệm vụ" : "Thêm nhiệm vụ"} okText="Lưu" cancelText="Huỷ" onOk={() => void submit()} onCancel={onClose} confirmLoading={save.isPending} width={680}>
      <ErrorAlert error={save.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={
          task
            ? { tt: task.tt, title: task.title, kind: task.kind, leadAgencyId: task.lead.id, cooperateAgencyIds: task.cooperate.map((c) => c.id), product: task.product, deadline: task.deadline?.text ?? "", indicatorText: task.indicatorCodes.join("; ") }
            : { kind: "nhiem-vu" }
        }
      >
        <Space>
          <Form.Item name="tt" label="TT">
            <Input style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="kind" label="Loại">
            <Radio.Group options={Object.entries(TASK_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label="Nhiệm vụ, giải pháp" rules={[{ required: true, message: "Nhập nội dung nhiệm vụ" }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="leadAgencyId" label="Cơ quan chủ trì" rules={[{ required: true, message: "Chọn cơ quan chủ trì" }]}>
          <AgencySelect />
        </Form.Item>
        <Form.Item name="cooperateAgencyIds" label="Cơ quan phối hợp">
          <AgencySelect multiple />
        </Form.Item>
        <Form.Item name="product" label="Sản phẩm">
          <Input />
        </Form.Item>
        <Form.Item name="deadline" label="Thời hạn hoàn thành (31/12/2027, Quý II/2027, Tháng 6/2027 hoặc 2027)">
          <Input />
        </Form.Item>
        <Form.Item name="indicatorText" label="Chỉ tiêu liên quan (mã chỉ tiêu, cách nhau bằng dấu ;)">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function OutlineModal({ programmeId, onClose }: { programmeId: string; onClose: () => void }) {
  const choices = useOutlineChoices(programmeId, true);
  const create = useFromOutline(programmeId);
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <Modal open title="Tạo nhiệm vụ từ đề cương" okText={`Tạo ${chosen.length} nhiệm vụ`} cancelText="Huỷ" width={760} onCancel={onClose} confirmLoading={create.isPending} okButtonProps={{ disabled: !chosen.length }} onOk={() => void create.mutateAsync(chosen).then(onClose)}>
      <ErrorAlert error={create.error} />
      <Typography.Paragraph type="secondary">Chọn các mục nhiệm vụ, giải pháp của kế hoạch; mỗi mục thành một nhiệm vụ với cơ quan chủ trì, phối hợp của mục.</Typography.Paragraph>
      {choices.isLoading && <Spin />}
      <div style={{ maxHeight: 480, overflow: "auto" }}>
        <Checkbox.Group value={chosen} onChange={(v) => setChosen(v)} style={{ display: "block" }}>
          {(choices.data ?? []).map((i) => (
            <div key={i.id} style={{ paddingLeft: i.depth * 20, lineHeight: 2 }}>
              <Checkbox value={i.id} disabled={i.hasTask}>
                {i.label} {i.title}
                {i.lead && <Typography.Text type="secondary"> — {i.lead}</Typography.Text>}
                {i.hasTask && <Typography.Text type="secondary"> (đã có nhiệm vụ)</Typography.Text>}
              </Checkbox>
            </div>
          ))}
        </Checkbox.Group>
      </div>
    </Modal>
  );
}

function ReportModal({ task, periodLabel, onClose }: { task: ActionTaskDto; periodLabel: string; onClose: () => void }) {
  const report = useReportTask();
  const reports = useTaskReports(task.id);
  const [form] = Form.useForm<{ progress: ActionTaskDto["progress"]; percent?: number | null; content: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    await report.mutateAsync({ id: task.id, body: { progress: v.progress, percent: v.percent ?? null, content: v.content, version: task.version } });
    onClose();
  };
  return (
    <Modal open title={`Báo cáo tiến độ ${periodLabel}`} okText="Gửi báo cáo" cancelText="Huỷ" onOk={() => void submit()} onCancel={onClose} confirmLoading={report.isPending} width={680} okButtonProps={{ ...({ "data-testid": "report-submit" } as object) }}>
      <ErrorAlert error={report.error} />
      <Typography.Paragraph strong>{task.title}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ progress: task.progress === "not-started" ? "in-progress" : task.progress, percent: task.lastReport?.percent ?? null }}>
        <Form.Item name="progress" label="Tình hình">
          <Radio.Group optionType="button" options={Object.entries(TASK_PROGRESS_LABELS).map(([value, label]) => ({ value, label }))} data-testid="report-progress" />
        </Form.Item>
        <Form.Item name="percent" label="Tỷ lệ hoàn thành (%)">
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="content" label="Kết quả thực hiện trong kỳ" rules={[{ required: true, message: "Nhập kết quả thực hiện" }]}>
          <Input.TextArea rows={4} data-testid="report-content" />
        </Form.Item>
      </Form>
      {(reports.data ?? []).length > 0 && (
        <>
          <Typography.Text strong>Các kỳ đã báo cáo</Typography.Text>
          {reports.data!.map((r) => (
            <div key={r.id} style={{ fontSize: 12, marginTop: 4 }}>
              <b>{r.periodLabel}</b> — {TASK_PROGRESS_LABELS[r.progress]}
              {r.percent !== null ? ` (${r.percent}%)` : ""}: {r.content} <Typography.Text type="secondary">— {r.reportedByName}, {fmtDateTime(r.reportedAt)}</Typography.Text>
            </div>
          ))}
        </>
      )}
    </Modal>
  );
}

/** One action programme: tasks with their derived status, import, creation from the outline, progress reports, exports. */
export function ProgrammePage() {
  const { programmeId = "" } = useParams();
  const { hasRole } = useSession();
  const { message } = App.useApp();
  const programme = useProgramme(programmeId);
  const [q, setQ] = useState<TaskListQuery>({});
  const tasks = useTasks(programmeId, q);
  const importTasks = useImportTasks(programmeId);
  const remind = useRemindNow(programmeId);
  const [showReminders, setShowReminders] = useState(false);
  const del = useDeleteTask();
  const fileRef = useRef<HTMLInputElement>(null);
  const [modal, setModal] = useState<null | { kind: "task"; task: ActionTaskDto | null } | { kind: "outline" } | { kind: "report"; task: ActionTaskDto }>(null);
  if (programme.error) return <ErrorAlert error={programme.error} />;
  if (!programme.data) return <Spin />;
  const p = programme.data;
  const importErrors = importTasks.error instanceof ApiError ? ((importTasks.error.details as { errors?: Array<{ cell: string; message: string }> } | undefined)?.errors ?? []) : [];
  return (
    <div>
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={p.title}
        extra={
          <Space wrap>
            <Button icon={<FileWordOutlined />} href={exportUrl(p.id, "docx")} data-testid="export-docx">
              Phụ lục nhiệm vụ (Word)
            </Button>
            <Button icon={<FileExcelOutlined />} href={exportUrl(p.id, "xlsx")} data-testid="export-xlsx">
              Excel
            </Button>
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="Thực hiện">{p.campaignName}</Descriptions.Item>
          <Descriptions.Item label="Báo cáo tiến độ">
            {REPORT_FREQUENCY_LABELS[p.reportFrequency]} (kỳ hiện tại: {p.currentPeriod.label})
          </Descriptions.Item>
          <Descriptions.Item label="Nhiệm vụ">
            <span data-testid="programme-counts">
              {p.taskCount} nhiệm vụ: hoàn thành {p.counts["hoan-thanh"]}, đang thực hiện {p.counts["dang-thuc-hien"]}, chưa triển khai {p.counts["chua-trien-khai"]}, chậm tiến độ {p.counts["cham-tien-do"]}
            </span>
          </Descriptions.Item>
        </Descriptions>
        {p.canManage && (
          <Space wrap style={{ marginTop: 8 }}>
            <Button type="primary" onClick={() => setModal({ kind: "task", task: null })}>
              Thêm nhiệm vụ
            </Button>
            <Button onClick={() => setModal({ kind: "outline" })} data-testid="from-outline">
              Tạo từ đề cương
            </Button>
            <Button icon={<UploadOutlined />} loading={importTasks.isPending} onClick={() => fileRef.current?.click()} data-testid="import-button">
              Nhập từ Excel
            </Button>
            <input
              ref={fileRef}
              type="file"
              accept=".xlsx"
              style={{ display: "none" }}
              data-testid="import-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = "";
                if (f) void importTasks.mutateAsync(f).then((r) => message.success(`Đã nhập ${r.imported} nhiệm vụ.`), () => undefined);
              }}
            />
            <Button icon={<BellOutlined />} loading={remind.isPending} onClick={() => void remind.mutateAsync().then((r) => message.success(r.sent ? `Đã gửi ${r.sent} lượt nhắc việc.` : "Không có lượt nhắc mới (các lượt đến hạn đã gửi)."))} data-testid="remind-button">
              Nhắc việc chậm tiến độ
            </Button>
            <Button onClick={() => setShowReminders((v) => !v)} data-testid="show-reminders">
              {showReminders ? "Ẩn các lần nhắc" : "Các lần nhắc đã gửi"}
            </Button>
          </Space>
        )}
        {p.canManage && showReminders && (
          <div style={{ marginTop: 12 }}>
            <SentRemindersTable url={`/api/action-programmes/${programmeId}/reminders`} emptyText="Chưa có lần nhắc việc nào." />
          </div>
        )}
        {importTasks.error && (
          <Alert
            style={{ marginTop: 8 }}
            type="error"
            showIcon
            data-testid="import-error"
            title={importTasks.error.message.split(". Ô ")[0]}
            description={importErrors.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{importErrors.slice(0, 30).map((e, i) => <li key={i}>{e.message}</li>)}</ul> : undefined}
          />
        )}
      </Card>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            style={{ width: 200 }}
            value={q.status ?? "all"}
            onChange={(v) => setQ({ ...q, status: v === "all" ? undefined : (v as TaskStatusKey) })}
            options={[{ value: "all", label: "Mọi tình trạng" }, ...Object.entries(TASK_STATUS_LABELS).map(([value, label]) => ({ value, label }))]}
            data-testid="task-status-filter"
          />
          <AgencySelect style={{ width: 300 }} placeholder="Cơ quan chủ trì hoặc phối hợp" value={q.agencyId} onChange={(v) => setQ({ ...q, agencyId: (v as string | undefined) || undefined })} />
          {hasRole("officer", "leader") && (
            <Checkbox checked={q.mine === "true"} onChange={(e) => setQ({ ...q, mine: e.target.checked ? "true" : undefined })} data-testid="mine-filter">
              Nhiệm vụ đơn vị chủ trì
            </Checkbox>
          )}
        </Space>
        <ErrorAlert error={tasks.error ?? del.error} />
        <Table<ActionTaskDto>
          rowKey="id"
          size="small"
          loading={tasks.isLoading}
          dataSource={tasks.data ?? []}
          pagination={{ pageSize: 100, hideOnSinglePage: true }}
          scroll={{ x: 1500 }}
          onRow={(t) => ({ "data-testid": "task-row", "data-title": t.title }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: "TT", dataIndex: "tt", width: 60 },
            {
              title: "Nhiệm vụ, giải pháp",
              width: 380,
              render: (_, t) => (
                <div>
                  {t.title}
                  {t.outlineLabel && <div style={{ fontSize: 12, color: "rgba(0,0,0,0.5)" }}>Theo mục {t.outlineLabel}</div>}
                  {t.indicatorCodes.length > 0 && <div style={{ fontSize: 12, color: "rgba(0,0,0,0.5)" }}>Chỉ tiêu: {t.indicatorCodes.join(", ")}</div>}
                </div>
              ),
            },
            {
              title: "Chủ trì",
              width: 190,
              render: (_, t) => (
                <div>
                  {t.lead.name}
                  {t.assignedLead && <div style={{ fontSize: 12, color: "rgba(0,0,0,0.5)" }}>tiếp nhận từ {t.assignedLead.name}</div>}
                </div>
              ),
            },
            { title: "Phối hợp", width: 190, render: (_, t) => t.cooperate.map((c) => c.name).join("; ") },
            { title: "Sản phẩm", dataIndex: "product", width: 150 },
            { title: "Thời hạn", width: 110, render: (_, t) => t.deadline?.text ?? "" },
            {
              title: "Tình hình",
              width: 200,
              render: (_, t) => (
                <div>
                  <TaskStatusTag status={t.status} label={t.statusLabel} daysLate={t.daysLate} />
                  {t.lastReport && (
                    <div style={{ fontSize: 12, color: "rgba(0,0,0,0.55)" }}>
                      {t.lastReport.periodLabel}: {t.lastReport.content.slice(0, 80)}
                      {t.lastReport.percent !== null ? ` (${t.lastReport.percent}%)` : ""}
                    </div>
                  )}
                </div>
              ),
            },
            {
              title: "",
              width: 150,
              render: (_, t) => (
                <Space direction="vertical" size={2}>
                  {t.canReport && (
                    <Button size="small" type={t.reportedThisPeriod ? "default" : "primary"} onClick={() => setModal({ kind: "report", task: t })} data-testid="report-button">
                      {t.reportedThisPeriod ? "Sửa báo cáo kỳ này" : "Báo cáo tiến độ"}
                    </Button>
                  )}
                  {p.canManage && (
                    <Space size={2}>
                      <Button size="small" type="link" onClick={() => setModal({ kind: "task", task: t })}>
                        Sửa
                      </Button>
                      <Button size="small" type="link" danger onClick={() => Modal.confirm({ title: `Xoá nhiệm vụ "${t.title}"?`, okText: "Xoá", cancelText: "Huỷ", onOk: () => del.mutateAsync(t.id) })}>
                        Xoá
                      </Button>
                    </Space>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {modal?.kind === "task" && <TaskModal programmeId={p.id} task={modal.task} onClose={() => setModal(null)} />}
      {modal?.kind === "outline" && <OutlineModal programmeId={p.id} onClose={() => setModal(null)} />}
      {modal?.kind === "report" && <ReportModal task={modal.task} periodLabel={p.currentPeriod.label} onClose={() => setModal(null)} />}
    </div>
  );
}

export { ProgrammePage as Component };
