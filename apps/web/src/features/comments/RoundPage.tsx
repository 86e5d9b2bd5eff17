import type { CommentListQuery, CommentRoundDto, CreateCommentRequest, RoundDocumentDto } from "@tonghop/contracts";
import { FileExcelOutlined, FileWordOutlined, MessageOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Modal, Select, Space, Spin, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { useParams } from "react-router";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SentRemindersTable } from "../../components/SentRemindersTable";
import { fmtDate } from "../../lib/format";
import { AgencySelect } from "../agencies/AgencySelect";
import { CommentCard } from "./CommentCard";
import { tableUrl, useAddComment, useCloseRound, useComments, useRound, useRoundDocument } from "./comments.api";

type Target = { anchor: CreateCommentRequest["anchor"]; where: string; quote: string };

function CommentModal({ round, target, onClose }: { round: CommentRoundDto; target: Target; onClose: () => void }) {
  const add = useAddComment(round.id);
  const [body, setBody] = useState("");
  const [reviewerId, setReviewerId] = useState<string | undefined>(round.commentAs[0]?.id);
  const submit = async () => {
    await add.mutateAsync({ anchor: target.anchor, body, ...(reviewerId ? { reviewerId } : {}) });
    onClose();
  };
  return (
    <Modal open title="Góp ý" okText="Gửi góp ý" cancelText="Huỷ" onOk={() => void submit()} onCancel={onClose} confirmLoading={add.isPending} okButtonProps={{ disabled: !body.trim(), ...({ "data-testid": "comment-submit" } as object) }} width={640}>
      <ErrorAlert error={add.error} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {target.where}
      </Typography.Paragraph>
      {target.quote && <blockquote style={{ borderLeft: "3px solid #d9d9d9", margin: "0 0 12px", padding: "4px 12px", color: "rgba(0,0,0,0.65)", maxHeight: 160, overflow: "auto" }}>{target.quote}</blockquote>}
      {round.commentAs.length > 1 && (
        <Form.Item label="Góp ý với tư cách" style={{ marginBottom: 12 }}>
          <Select value={reviewerId} onChange={setReviewerId} options={round.commentAs.map((r) => ({ value: r.id, label: r.name }))} data-testid="comment-as" />
        </Form.Item>
      )}
      <Input.TextArea rows={5} value={body} onChange={(e) => setBody(e.target.value)} placeholder="Nội dung góp ý" data-testid="comment-body" aria-label="Nội dung góp ý" />
    </Modal>
  );
}

function DocumentView({ round, doc, onComment }: { round: CommentRoundDto; doc: RoundDocumentDto; onComment: (t: Target) => void }) {
  const can = round.commentAs.length > 0;
  return (
    <div>
      {!can && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={round.status === "open" ? "Bạn xem dự thảo; cơ quan của bạn không góp ý trong đợt này (hoặc đã hết hạn góp ý)." : "Đợt lấy ý kiến đã kết thúc."} />}
      {doc.sections.map((s) => (
        <div key={s.itemId} style={{ marginBottom: 16 }} data-testid="draft-section" data-item={s.itemId}>
          <Space align="baseline">
            <Typography.Text strong>
              {s.path}. {s.title}
            </Typography.Text>
            {can && (
              <Button size="small" type="link" icon={<MessageOutlined />} onClick={() => onComment({ anchor: { kind: "section", itemId: s.itemId }, where: `Mục ${s.path}. ${s.title}`, quote: "" })} data-testid="comment-section">
                Góp ý mục này
              </Button>
            )}
          </Space>
          {s.parts.map((p, pi) => (
            <div key={pi}>
              {s.parts.length > 1 && <Typography.Text type="secondary">[{p.agency}]</Typography.Text>}
              {p.paragraphs.map((text, i) => (
                <p
                  key={i}
                  data-testid="paragraph"
                  data-item={s.itemId}
                  data-index={i}
                  style={{ textAlign: "justify", textIndent: 24, margin: "4px 0", cursor: can ? "pointer" : "default" }}
                  title={can ? "Bấm để góp ý đoạn này" : undefined}
                  onClick={() => can && onComment({ anchor: { kind: "paragraph", itemId: s.itemId, partIndex: pi, paragraphIndex: i }, where: `Mục ${s.path}. ${s.title}, đoạn ${i + 1}`, quote: text })}
                >
                  {text}
                </p>
              ))}
            </div>
          ))}
        </div>
      ))}
      {doc.appendices.map((a) => (
        <div key={a.code} style={{ marginTop: 24 }} data-testid="draft-appendix" data-code={a.code}>
          <Typography.Title level={5}>{a.title}</Typography.Title>
          <div style={{ overflow: "auto", maxHeight: 560, border: "1px solid #f0f0f0" }}>
            <table style={{ borderCollapse: "collapse", fontSize: 12, minWidth: "100%" }}>
              <thead>
                <tr>
                  <th style={{ position: "sticky", top: 0, background: "#fafafa", border: "1px solid #e8e8e8", padding: 4, minWidth: 240 }}>Chỉ tiêu</th>
                  {a.columns.map((c) => (
                    <th key={c.key} style={{ position: "sticky", top: 0, background: "#fafafa", border: "1px solid #e8e8e8", padding: 4, minWidth: 90 }}>
                      {c.title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {a.rows.map((r) => (
                  <tr key={r.rowId}>
                    <td style={{ border: "1px solid #e8e8e8", padding: 4 }}>{r.label}</td>
                    {a.columns.map((c) => (
                      <td
                        key={c.key}
                        data-testid={`cell-${r.rowId}-${c.key}`}
                        data-row-label={r.label}
                        data-column={c.title}
                        style={{ border: "1px solid #e8e8e8", padding: 4, textAlign: "right", cursor: can ? "pointer" : "default" }}
                        onClick={() => can && onComment({ anchor: { kind: "cell", appendixCode: a.code, rowId: r.rowId, columnKey: c.key }, where: `${a.title} › ${r.label} › ${c.title}`, quote: r.cells[c.key] ?? "" })}
                      >
                        {r.cells[c.key] ?? ""}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </div>
  );
}

function CommentsView({ round }: { round: CommentRoundDto }) {
  const [q, setQ] = useState<CommentListQuery>({});
  const list = useComments(round.id, q);
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 180 }}
          value={q.status ?? "all"}
          onChange={(v) => setQ({ ...q, status: v === "all" ? undefined : (v as "pending" | "answered") })}
          options={[
            { value: "all", label: "Mọi trạng thái" },
            { value: "pending", label: "Chưa trả lời" },
            { value: "answered", label: "Đã trả lời" },
          ]}
          data-testid="filter-status"
        />
        <Select
          style={{ width: 170 }}
          value={q.anchorKind ?? "all"}
          onChange={(v) => setQ({ ...q, anchorKind: v === "all" ? undefined : (v as "section" | "paragraph" | "cell") })}
          options={[
            { value: "all", label: "Mọi vị trí" },
            { value: "section", label: "Mục" },
            { value: "paragraph", label: "Đoạn văn" },
            { value: "cell", label: "Ô phụ lục" },
          ]}
        />
        <Select style={{ width: 220 }} allowClear placeholder="Cơ quan góp ý" value={q.reviewerId} onChange={(v: string | undefined) => setQ({ ...q, reviewerId: v })} options={round.reviewers.map((r) => ({ value: r.id, label: r.name }))} />
        <AgencySelect style={{ width: 280 }} placeholder="Cơ quan xử lý" value={q.agencyId} onChange={(v) => setQ({ ...q, agencyId: (v as string | undefined) || undefined })} />
      </Space>
      <ErrorAlert error={list.error} />
      {list.isLoading && <Spin />}
      {list.data?.length === 0 && <Empty description="Không có ý kiến nào." />}
      {list.data?.map((c) => <CommentCard key={c.id} c={c} canManage={round.canManage} />)}
    </div>
  );
}

/** One round: the draft to comment on (sections, paragraphs, appendix cells) and the comments with their answers. */
export function RoundPage() {
  const { roundId = "" } = useParams();
  const round = useRound(roundId);
  const doc = useRoundDocument(roundId);
  const close = useCloseRound();
  const [target, setTarget] = useState<Target | null>(null);
  const [tab, setTab] = useState("comments");
  const { hasRole } = useSession();
  if (round.error) return <ErrorAlert error={round.error} />;
  if (!round.data) return <Spin />;
  const r = round.data;
  return (
    <div>
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={r.title}
        extra={
          <Space>
            {(r.canManage || hasRole("admin", "viewer")) && (
              <>
                <Button icon={<FileWordOutlined />} href={tableUrl(r.id, "docx")} data-testid="table-docx">
                  Bảng tiếp thu, giải trình (Word)
                </Button>
                <Button icon={<FileExcelOutlined />} href={tableUrl(r.id, "xlsx")} data-testid="table-xlsx">
                  Excel
                </Button>
              </>
            )}
            {r.canManage && r.status === "open" && (
              <Button danger onClick={() => void close.mutateAsync(r.id)} loading={close.isPending}>
                Kết thúc đợt
              </Button>
            )}
          </Space>
        }
      >
        <ErrorAlert error={close.error} />
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="Dự thảo">{r.draftLabel}</Descriptions.Item>
          <Descriptions.Item label="Đợt tổng hợp">{r.campaignName}</Descriptions.Item>
          <Descriptions.Item label="Trạng thái">{r.status === "open" ? <Tag color="blue">Đang lấy ý kiến</Tag> : <Tag>Đã kết thúc</Tag>}</Descriptions.Item>
          <Descriptions.Item label="Hạn góp ý">{fmtDate(r.deadline)}</Descriptions.Item>
          <Descriptions.Item label="Hạn trả lời">{fmtDate(r.answerDeadline)}</Descriptions.Item>
          <Descriptions.Item label="Ý kiến">
            <span data-testid="round-counts">
              {r.counts.total} ý kiến, đã trả lời {r.counts.answered}, chưa trả lời {r.counts.pending}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="Được lấy ý kiến" span={3}>
            {r.reviewers.map((x) => x.name).join("; ")}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: "comments", label: `Ý kiến (${r.counts.total})`, children: <CommentsView round={r} /> },
            {
              key: "draft",
              label: r.commentAs.length ? "Dự thảo — góp ý" : "Dự thảo",
              children: doc.data ? <DocumentView round={r} doc={doc.data} onComment={setTarget} /> : doc.error ? <ErrorAlert error={doc.error} /> : <Spin />,
            },
            ...(r.canManage
              ? [
                  {
                    key: "reminders",
                    label: "Nhắc trả lời đã gửi",
                    children: <SentRemindersTable url={`/api/comment-rounds/${r.id}/reminders`} emptyText="Chưa có lần nhắc nào: các cơ quan được nhắc khi đến hạn trả lời mà còn ý kiến chưa xử lý." />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {target && <CommentModal round={r} target={target} onClose={() => setTarget(null)} />}
    </div>
  );
}

export { RoundPage as Component };
