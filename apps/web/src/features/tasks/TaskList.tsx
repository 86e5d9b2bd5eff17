import {
  ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_STATE_LABELS,
  type AssignmentProgressDto,
  type AssignmentState,
  type MyAssignmentDto,
  type MyAssignmentGroupDto,
} from "@tonghop/contracts";
import { Card, Progress, Table, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { DueLabel } from "./DueLabel";

export const STATE_COLORS: Record<AssignmentState, string> = {
  draft: "default",
  submitted: "processing",
  sent: "green",
  returned: "red",
  accepted: "success",
};

export function StateTag({ state }: { state: AssignmentState }) {
  return <Tag color={STATE_COLORS[state]}>{ASSIGNMENT_STATE_LABELS[state]}</Tag>;
}

/** Where the agency does this work: the section page, the indicator grid or the record list. */
export function workspacePath(campaignId: string, a: MyAssignmentDto): string | null {
  if (a.outlineItem) return `/dot/${campaignId}/muc/${a.outlineItem.id}`;
  if (a.appendix) return `/dot/${campaignId}/${a.appendix.kind === "records" ? "danh-sach" : "phu-luc"}/${a.appendix.id}`;
  return null;
}

/** What the work is: "Phần II / A / I / 4 / (i) Vận tải biển…" or "Phụ lục 3 — 6 dòng"; a link when `to` is given. */
export function WorkTitle({ a, to }: { a: MyAssignmentDto; to?: string | null }) {
  const wrap = (node: ReactNode) => (to ? <Link to={to}>{node}</Link> : node);
  if (a.outlineItem) {
    return wrap(
      <span>
        <Typography.Text strong>{a.outlineItem.labelPath.join(" / ")}</Typography.Text> {a.outlineItem.title}
      </span>,
    );
  }
  if (a.appendix) {
    const rows = a.appendix.kind === "indicators" ? `${a.appendix.rows} chỉ tiêu` : a.appendix.rows ? `${a.appendix.rows} dòng` : "thêm dòng của đơn vị";
    return wrap(
      <span>
        <Typography.Text strong>{a.appendix.title}</Typography.Text> — {rows}
      </span>,
    );
  }
  return null;
}

/** "2/3 mục" with a bar and what is missing (at most a few lines). */
export function ProgressCell({ p }: { p: AssignmentProgressDto | undefined }) {
  if (!p) return <Typography.Text type="secondary">—</Typography.Text>;
  const percent = p.total ? Math.round((p.done / p.total) * 100) : 0;
  return (
    <div data-testid="task-progress">
      {p.total > 0 && (
        <div style={{ display: "flex", alignItems: "center", gap: 8 }}>
          <Progress percent={percent} size="small" showInfo={false} style={{ width: 90, margin: 0 }} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.done}/{p.total} {p.unit}
          </Typography.Text>
        </div>
      )}
      {p.missing.map((m) => (
        <div key={m} style={{ fontSize: 12 }}>
          <Typography.Text type="warning">{m}</Typography.Text>
        </div>
      ))}
      {p.more > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          và {p.more} mục khác
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * One campaign's assignments of the agency: each links into the workspace; with `progress`, what is done and missing.
 * `action` renders an extra cell per row and `extra` goes in the card header (e.g. "Gửi tất cả").
 */
export function CampaignTasks({
  group,
  action,
  progress,
  extra,
}: {
  group: MyAssignmentGroupDto;
  action?: (a: MyAssignmentDto) => ReactNode;
  progress?: Map<string, AssignmentProgressDto>;
  extra?: ReactNode;
}) {
  const outline = group.assignments.filter((a) => a.outlineItem).length;
  const appendices = group.assignments.length - outline;
  return (
    <Card
      title={
        <span>
          <Link to={`/dot-tong-hop/${group.campaign.id}`}>{group.campaign.name}</Link>
        </span>
      }
      extra={
        <span style={{ display: "inline-flex", alignItems: "center", gap: 12 }}>
          <Typography.Text type="secondary">
            {outline} mục đề cương · {appendices} phụ lục
          </Typography.Text>
          {extra}
        </span>
      }
      style={{ marginBottom: 16 }}
      data-testid={`tasks-${group.campaign.code}`}
    >
      <Table<MyAssignmentDto>
        size="small"
        rowKey="id"
        dataSource={group.assignments}
        tableLayout="fixed"
        pagination={false}
        columns={[
          { title: "Phần việc", key: "work", render: (_, a) => <WorkTitle a={a} to={group.campaign.status === "published" ? workspacePath(group.campaign.id, a) : null} /> },
          {
            title: "Vai trò",
            dataIndex: "role",
            width: 100,
            render: (r: "lead" | "cooperate") => <Tag color={r === "lead" ? "blue" : "default"}>{ASSIGNMENT_ROLE_LABELS[r]}</Tag>,
          },
          { title: "Hạn", key: "due", width: 260, render: (_, a) => <DueLabel due={a.dueDate} wording={a.dueWording} state={a.state} /> },
          ...(progress ? [{ title: "Đã làm / còn thiếu", key: "progress", width: 300, render: (_: unknown, a: MyAssignmentDto) => <ProgressCell p={progress.get(a.id)} /> }] : []),
          { title: "Trạng thái", dataIndex: "state", width: 140, render: (s: AssignmentState) => <StateTag state={s} /> },
          ...(action ? [{ title: "", key: "action", width: 140, render: (_: unknown, a: MyAssignmentDto) => action(a) }] : []),
        ]}
      />
    </Card>
  );
}
