import type { AnswerKind, CommentDto, CommentListQuery, CommentRoundDto, CreateCommentRequest, RoundDocumentDto } from "@tonghop/contracts";
import { ANSWER_KIND_LABELS, ANSWER_TEXT_LABELS } from "@tonghop/contracts";
import { FileExcelOutlined, FileWordOutlined, MessageOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Modal, Radio, Select, Space, Spin, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { useParams } from "react-router";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDate, fmtDateTime } from "../../lib/format";
import { AgencySelect } from "../agencies/AgencySelect";
import { tableUrl, useAddComment, useAnswer, useCloseRound, useComments, useReroute, useRound, useRoundDocument } from "./comments.api";

type Target = { anchor: CreateCommentRequest["anchor"]; where: string; quote: string };

const KIND_COLORS: Record<AnswerKind, string> = { "tiep-thu": "green", "giai-trinh": "blue", "khong-tiep-thu": "orange" };

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

function AnswerModal({ comment, mode, onClose }: { comment: CommentDto; mode: "answer" | "override"; onClose: () => void }) {
  const answer = useAnswer();
  const [kind, setKind] = useState<AnswerKind>(comment.answer?.kind ?? "tiep-thu");
  const [text, setText] = useState(comment.answer?.text ?? "");
  const submit = async () => {
    await answer.mutateAsync({ id: comment.id, mode, body: { kind, text, version: comment.version } });
    onClose();
  };
  return (
    <Modal
      open
      title={mode === "answer" ? "Trả lời ý kiến góp ý" : "Cơ quan tổng hợp quyết định nội dung trả lời"}
      okText="Lưu trả lời"
      cancelText="Huỷ"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={answer.isPending}
      okButtonProps={{ disabled: !text.trim(), ...({ "data-testid": "answer-submit" } as object) }}
      width={640}
    >
      <ErrorAlert error={answer.error} />
      <Typography.Paragraph type="secondary">
        {comment.reviewerName}: {comment.body}
      </Typography.Paragraph>
      <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as AnswerKind)} optionType="button" buttonStyle="solid" style={{ marginBottom: 12 }} data-testid="answer-kind">
        {(Object.keys(ANSWER_KIND_LABELS) as AnswerKind[]).map((k) => (
          <Radio.Button key={k} value={k}>
            {ANSWER_KIND_LABELS[k]}
          </Radio.Button>
        ))}
      </Radio.Group>
      <Input.TextArea rows={5} value={text} onChange={(e) => setText(e.target.value)} placeholder={ANSWER_TEXT_LABELS[kind]} aria-label={ANSWER_TEXT_LABELS[kind]} data-testid="answer-text" />
    </Modal>
  );
}

function RerouteModal({ comment, onClose }: { comment: CommentDto; onClose: () => void }) {
  const reroute = useReroute();
  const [agencyId, setAgencyId] = useState<string | undefined>();
  return (
    <Modal
      open
      title="Chuyển ý kiến cho cơ quan khác xử lý"
      okText="Chuyển"
      cancelText="Huỷ"
      onCancel={onClose}
      confirmLoading={reroute.isPending}
      okButtonProps={{ disabled: !agencyId }}
      onOk={() => void reroute.mutateAsync({ id: comment.id, body: { agencyId: agencyId!, version: comment.version } }).then(onClose)}
    >
      <ErrorAlert error={reroute.error} />
      <Typography.Paragraph>Đang giao: {comment.routedAgencyName}. Nội dung trả lời đã có (nếu có) sẽ bị bỏ.</Typography.Paragraph>
      <AgencySelect value={agencyId} onChange={(v) => setAgencyId(v as string)} excludeId={comment.routedAgencyId} />
    </Modal>
  );
}

export function CommentCard({ c, canManage }: { c: CommentDto; canManage: boolean }) {
  const [modal, setModal] = useState<null | "answer" | "override" | "reroute">(null);
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="comment-item" data-id={c.id} data-status={c.status}>
      <Space wrap size={4} style={{ marginBottom: 4 }}>
        <Typography.Text strong>{c.reviewerName}</Typography.Text>
        <Typography.Text type="secondary">
          · {c.authorName} · {fmtDateTime(c.createdAt)}
        </Typography.Text>
        <Tag>{c.anchorKind === "cell" ? "Ô phụ lục" : c.anchorKind === "paragraph" ? "Đoạn văn" : "Mục"}</Tag>
        {c.anchorState === "changed" && <Tag color="red">Đoạn văn đã bị sửa/xoá</Tag>}
      </Space>
      <div style={{ fontSize: 12, color: "rgba(0,0,0,0.6)" }} data-testid="comment-location">
        {c.location}
      </div>
      {c.quote && c.anchorKind !== "section" && (
        <blockquote style={{ borderLeft: "3px solid #d9d9d9", margin: "4px 0", padding: "2px 10px", color: "rgba(0,0,0,0.6)", fontSize: 12, maxHeight: 96, overflow: "auto" }}>{c.quote}</blockquote>
      )}
      <Typography.Paragraph style={{ margin: "4px 0" }} data-testid="comment-body-text">
        {c.body}
      </Typography.Paragraph>
      <Space wrap size={4}>
        <Typography.Text type="secondary">Cơ quan xử lý:</Typography.Text>
        <Typography.Text data-testid="comment-agency">{c.routedAgencyName}</Typography.Text>
        {c.routeSource === "coordinator" && <Tag>đã chuyển</Tag>}
        {c.answer ? (
          <Tag color={KIND_COLORS[c.answer.kind]} data-testid="comment-answer-kind">
            {c.answer.label}
            {c.answer.source === "coordinator" ? " (cơ quan tổng hợp quyết định)" : ""}
          </Tag>
        ) : (
          <Tag color="gold">Chưa trả lời</Tag>
        )}
      </Space>
      {c.answer && (
        <Typography.Paragraph style={{ margin: "4px 0 0", background: "#f6ffed", padding: "4px 8px" }} data-testid="comment-answer-text">
          {c.answer.text} <Typography.Text type="secondary">— {c.answer.byName}, {fmtDateTime(c.answer.at)}</Typography.Text>
        </Typography.Paragraph>
      )}
      {c.agencyAnswer && c.answer?.source === "coordinator" && (
        <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0", fontSize: 12 }}>
          Cơ quan chủ trì đã trả lời: {ANSWER_KIND_LABELS[c.agencyAnswer.kind]} — {c.agencyAnswer.text}
        </Typography.Paragraph>
      )}
      <Space style={{ marginTop: 6 }}>
        {c.canAnswer && (
          <Button size="small" type="primary" onClick={() => setModal("answer")} data-testid="answer-button">
            {c.answer ? "Sửa trả lời" : "Trả lời"}
          </Button>
        )}
        {canManage && (
          <>
            <Button size="small" onClick={() => setModal("reroute")} data-testid="reroute-button">
              Chuyển cơ quan
            </Button>
            <Button size="small" onClick={() => setModal("override")} data-testid="override-button">
              Quyết định thay
            </Button>
          </>
        )}
      </Space>
      {(modal === "answer" || modal === "override") && <AnswerModal comment={c} mode={modal} onClose={() => setModal(null)} />}
      {modal === "reroute" && <RerouteModal comment={c} onClose={() => setModal(null)} />}
    </Card>
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
          ]}
        />
      </Card>
      {target && <CommentModal round={r} target={target} onClose={() => setTarget(null)} />}
    </div>
  );
}

export { RoundPage as Component };
