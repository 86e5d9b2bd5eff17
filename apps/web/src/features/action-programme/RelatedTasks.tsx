import { Typography } from "antd";
import { Link } from "react-router";
import { useRelatedTasks } from "./action-programme.api";
import { TaskStatusTag } from "./StatusTag";

/** "Nhiệm vụ liên quan" on an indicator card: the action-programme tasks that serve the indicator. */
export function RelatedTasks({ campaignId, code }: { campaignId: string; code: string | null }) {
  const related = useRelatedTasks(campaignId);
  const list = code ? (related.data?.byIndicator[code] ?? []) : [];
  if (!list.length) return null;
  return (
    <div style={{ marginTop: 6, fontSize: 12 }} data-testid="related-tasks">
      <Typography.Text type="secondary">Nhiệm vụ liên quan: </Typography.Text>
      {list.slice(0, 5).map((t) => (
        <div key={t.id} data-testid="related-task" data-status={t.status} style={{ lineHeight: 1.6 }}>
          <TaskStatusTag status={t.status} label={t.statusLabel} /> <Link to={`/chuong-trinh-hanh-dong/${t.programmeId}`}>{t.title}</Link>
          <Typography.Text type="secondary">
            {" "}
            — {t.leadName}
            {t.deadlineText ? `, hạn ${t.deadlineText}` : ""}
          </Typography.Text>
        </div>
      ))}
      {list.length > 5 && <Typography.Text type="secondary">… và {list.length - 5} nhiệm vụ khác</Typography.Text>}
    </div>
  );
}
