import { Card, Empty, Spin } from "antd";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CommentInbox } from "../comments/CommentInbox";
import { SendAllButton } from "../workspace/workflow/SendAllButton";
import { CampaignTasks } from "./TaskList";
import { useMyAssignments, useProgress } from "./tasks.api";

/** "Việc của đơn vị": the agency's assignments, grouped by campaign, with due dates and states. */
export function TasksPage() {
  const { user, hasRole } = useSession();
  const tasks = useMyAssignments();
  const progress = useProgress();
  const leader = hasRole("leader");
  return (
    <div>
      <Card style={{ marginBottom: 16 }} title={`Việc của đơn vị${user?.agencyName ? ` — ${user.agencyName}` : ""}`} size="small">
        Các phần việc cơ quan tổng hợp giao cho đơn vị trong các đợt đã ban hành: mục đề cương phải viết (chủ trì hoặc phối hợp) và phụ lục phải điền, kèm hạn và phần còn thiếu. Bấm vào một phần việc để soạn hoặc nhập số liệu.
      </Card>
      <CommentInbox />
      <ErrorAlert error={tasks.error} />
      {tasks.isLoading && <Spin />}
      {tasks.data && tasks.data.length === 0 && <Empty description="Đơn vị chưa được giao phần việc nào." />}
      {tasks.data?.map((g) => (
        <CampaignTasks
          key={g.campaign.id}
          group={g}
          progress={progress.data}
          extra={leader && g.campaign.status === "published" && g.assignments.some((a) => a.state !== "sent" && a.state !== "accepted") ? <SendAllButton campaignId={g.campaign.id} /> : null}
        />
      ))}
    </div>
  );
}
