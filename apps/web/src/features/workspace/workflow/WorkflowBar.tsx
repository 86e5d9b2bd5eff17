import { HistoryOutlined } from "@ant-design/icons";
import {
  ASSIGNMENT_STATE_LABELS,
  DECLARATION_LABELS,
  DECLARATIONS,
  WORKFLOW_ACTION_LABELS,
  type AssignmentWorkflowDto,
  type Declaration,
  type WorkflowAction,
} from "@tonghop/contracts";
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Popover, Radio, Space, Tag, Timeline, Typography } from "antd";
import { useState, type ReactNode } from "react";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../components/ErrorAlert";
import { fmtDateTime } from "../../../lib/format";
import { DueLabel } from "../../tasks/DueLabel";
import { StateTag } from "../../tasks/TaskList";
import { useTransition, useWorkflow } from "./workflow.api";

/** Steps that need a reason typed in a dialog, with its wording. */
const REASON_DIALOG: Partial<Record<WorkflowAction, { title: string; label: string; ok: string; required: boolean }>> = {
  "return-internal": { title: "Trả lại cho chuyên viên", label: "Lý do trả lại (chuyên viên sẽ thấy)", ok: "Trả lại", required: true },
  return: { title: "Trả lại đơn vị", label: "Lý do trả lại (đơn vị sẽ thấy)", ok: "Trả lại", required: true },
  reopen: { title: "Mở lại nhiệm vụ đã tiếp nhận", label: "Lý do mở lại (đơn vị sẽ thấy)", ok: "Mở lại", required: true },
  declare: { title: "Khai báo", label: "Lý do", ok: "Khai báo", required: true },
};

/** Steps confirmed with one click (no reason). */
const CONFIRM: Partial<Record<WorkflowAction, string>> = {
  submit: "Trình lãnh đạo đơn vị duyệt nội dung này?",
  send: "Gửi cơ quan tổng hợp? Sau khi gửi, nội dung bị khoá cho đến khi cơ quan tổng hợp trả lại.",
  accept: "Tiếp nhận nội dung đơn vị đã gửi?",
  undeclare: "Rút khai báo và soạn lại nội dung?",
};

const BUTTON_LABEL: Record<WorkflowAction, string> = {
  ...WORKFLOW_ACTION_LABELS,
  declare: "Khai báo không có số liệu…",
};

/**
 * The workflow bar of an assignment: state badge, due date (overdue in red), the return reason, the declaration, and
 * the buttons the signed-in user may press now (the server decides which). Used on the section page and on the
 * figures page. `beforeAction` runs first (e.g. to save pending text); returning false cancels the step.
 */
export function WorkflowBar({
  assignmentId,
  initial,
  beforeAction,
  onChanged,
  extra,
}: {
  assignmentId: string;
  initial?: AssignmentWorkflowDto;
  beforeAction?: (action: WorkflowAction) => Promise<boolean>;
  onChanged?: (dto: AssignmentWorkflowDto) => void;
  extra?: ReactNode;
}) {
  const { message, modal } = App.useApp();
  const wf = useWorkflow(assignmentId, initial);
  const transition = useTransition(assignmentId);
  const [dialog, setDialog] = useState<WorkflowAction | null>(null);
  const [form] = Form.useForm<{ reason: string; declaration: Declaration }>();
  const dto = wf.data;
  if (!dto) return null;

  const run = async (action: WorkflowAction, reason?: string, declaration?: Declaration) => {
    if (beforeAction && !(await beforeAction(action))) return false;
    try {
      const next = await transition.mutateAsync({ action, version: dto.version, ...(reason ? { reason } : {}), ...(declaration ? { declaration } : {}) });
      void message.success(`${WORKFLOW_ACTION_LABELS[action]}: ${ASSIGNMENT_STATE_LABELS[next.state]}.`);
      onChanged?.(next);
      return true;
    } catch (e) {
      const problems = e instanceof ApiError ? (e.details as { problems?: string[] } | undefined)?.problems : undefined;
      if (problems?.length) {
        modal.error({ title: "Chưa gửi được", content: <ul style={{ paddingLeft: 18 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul> });
      } else {
        void message.error(errorMessage(e));
      }
      if (e instanceof ApiError && (e.code === "VERSION_CONFLICT" || e.code === "CONFLICT")) void wf.refetch();
      return false;
    }
  };

  const returned = dto.stateReason && (dto.state === "returned" || dto.state === "draft");
  const dialogSpec = dialog ? REASON_DIALOG[dialog] : undefined;

  return (
    <div
      data-testid="workflow-bar"
      style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 12, padding: "8px 12px", background: "#fff", border: "1px solid #f0f0f0", borderRadius: 8, marginBottom: 12 }}
    >
      <Space size={8} wrap>
        <span data-testid="workflow-state">
          <StateTag state={dto.state} />
        </span>
        {dto.declaration && (
          <Tag color="purple" title={dto.declarationReason ?? undefined}>
            {DECLARATION_LABELS[dto.declaration]}
          </Tag>
        )}
        <DueLabel due={dto.dueDate} wording={dto.dueWording} state={dto.state} />
        {dto.extended && <Tag color="gold">Đã gia hạn</Tag>}
        {dto.overdue && <Tag color="red">Quá hạn</Tag>}
        <Popover
          trigger="click"
          title="Lịch sử trình, gửi"
          content={
            dto.events.length ? (
              <Timeline
                style={{ maxWidth: 420, marginTop: 8 }}
                items={dto.events.map((e) => ({
                  key: e.id,
                  content: (
                    <div>
                      <Typography.Text strong>{e.label}</Typography.Text>
                      <div style={{ fontSize: 12, color: "#8c8c8c" }}>
                        {e.actorName ?? "—"} · {fmtDateTime(e.at)}
                      </div>
                      {e.reason && <div>{e.reason}</div>}
                    </div>
                  ),
                }))}
              />
            ) : (
              "Chưa có bước nào."
            )
          }
        >
          <Button size="small" type="text" icon={<HistoryOutlined />}>
            Lịch sử
          </Button>
        </Popover>
      </Space>
      <div style={{ flex: 1 }} />
      <Space wrap>
        {extra}
        {dto.allowedActions.map((action) => {
          const label = BUTTON_LABEL[action];
          const primary = action === "send" || action === "submit" || action === "accept";
          const danger = action === "return" || action === "return-internal";
          if (REASON_DIALOG[action]) {
            return (
              <Button
                key={action}
                danger={danger}
                data-testid={`wf-${action}`}
                onClick={() => {
                  form.resetFields();
                  setDialog(action);
                }}
              >
                {label}
              </Button>
            );
          }
          return (
            <Popconfirm key={action} title={CONFIRM[action] ?? `${label}?`} okText={label} cancelText="Huỷ" onConfirm={() => run(action)}>
              <Button type={primary ? "primary" : "default"} loading={transition.isPending && transition.variables?.action === action} data-testid={`wf-${action}`}>
                {label}
              </Button>
            </Popconfirm>
          );
        })}
      </Space>
      {(returned || (dto.declaration && dto.declarationReason)) && (
        <div style={{ flexBasis: "100%" }}>
          {returned && (
            <Alert
              type={dto.state === "returned" ? "error" : "warning"}
              showIcon
              data-testid="return-reason"
              title={`${dto.state === "returned" ? "Cơ quan tổng hợp trả lại" : "Lãnh đạo đơn vị trả lại"}${dto.stateChangedByName ? ` (${dto.stateChangedByName}, ${fmtDateTime(dto.stateChangedAt)})` : ""}: ${dto.stateReason}`}
            />
          )}
          {dto.declaration && dto.declarationReason && (
            <Alert type="info" showIcon style={{ marginTop: returned ? 8 : 0 }} title={`Đã khai báo "${DECLARATION_LABELS[dto.declaration].toLowerCase()}": ${dto.declarationReason}`} />
          )}
        </div>
      )}
      <Modal
        open={dialog != null}
        title={dialogSpec?.title}
        okText={dialogSpec?.ok}
        cancelText="Huỷ"
        confirmLoading={transition.isPending}
        destroyOnHidden
        onCancel={() => setDialog(null)}
        onOk={async () => {
          const values = await form.validateFields();
          if (dialog && (await run(dialog, values.reason.trim(), dialog === "declare" ? values.declaration : undefined))) setDialog(null);
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ declaration: "no_data" }} preserve={false}>
          {dialog === "declare" && (
            <Form.Item name="declaration" label="Loại khai báo">
              <Radio.Group options={DECLARATIONS.map((d) => ({ value: d, label: DECLARATION_LABELS[d] }))} />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={dialogSpec?.label}
            rules={[
              { required: dialogSpec?.required ?? false, whitespace: true, message: dialog === "declare" ? "Phải nêu lý do khai báo" : dialog === "reopen" ? "Phải nêu lý do mở lại" : "Phải nêu lý do trả lại" },
              { max: 2000, message: "Lý do dài quá 2.000 ký tự" },
            ]}
          >
            <Input.TextArea rows={4} autoFocus data-testid="wf-reason" />
          </Form.Item>
          {dialog === "declare" && (
            <Typography.Paragraph type="secondary">
              Khai báo của lãnh đạo đơn vị được gửi ngay cho cơ quan tổng hợp; khai báo của chuyên viên được trình lãnh đạo trước.
            </Typography.Paragraph>
          )}
        </Form>
      </Modal>
    </div>
  );
}
