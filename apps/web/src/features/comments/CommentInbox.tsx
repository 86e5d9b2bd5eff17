import { Card, Collapse, Empty, Tag } from "antd";
import { Link } from "react-router";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDate } from "../../lib/format";
import { useCommentInbox } from "./comments.api";
import { CommentCard } from "./CommentCard";

/** "Ý kiến cần xử lý": the comments routed to the agency, by round, unanswered first (shown in Việc của đơn vị). */
export function CommentInbox() {
  const { hasRole } = useSession();
  const inbox = useCommentInbox(hasRole("officer", "leader"));
  if (!inbox.data?.length && !inbox.error) return null;
  const rounds = new Map<string, NonNullable<typeof inbox.data>>();
  for (const c of inbox.data ?? []) rounds.set(c.roundId, [...(rounds.get(c.roundId) ?? []), c]);
  const pending = (inbox.data ?? []).filter((c) => c.status === "pending").length;
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={<span data-testid="comment-inbox-title">Ý kiến cần xử lý {pending > 0 && <Tag color="gold">{pending} chưa trả lời</Tag>}</span>}>
      <ErrorAlert error={inbox.error} />
      {rounds.size === 0 && <Empty description="Không có ý kiến nào cần xử lý." />}
      <Collapse
        defaultActiveKey={[...rounds.keys()]}
        items={[...rounds].map(([roundId, list]) => ({
          key: roundId,
          label: (
            <span>
              <Link to={`/gop-y/${roundId}`}>{list[0]!.roundTitle}</Link> — {list[0]!.campaignName} · hạn trả lời {fmtDate(list[0]!.answerDeadline)} · {list.filter((c) => c.status === "pending").length}/{list.length} chưa trả lời
            </span>
          ),
          children: list.map((c) => <CommentCard key={c.id} c={c} canManage={false} />),
        }))}
      />
    </Card>
  );
}
