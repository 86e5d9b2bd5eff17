import type { AnswerKind, CommentDto } from "@tonghop/contracts";
import { ANSWER_KIND_LABELS, ANSWER_TEXT_LABELS } from "@tonghop/contracts";
import { Button, Card, Input, Modal, Radio, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDateTime } from "../../lib/format";
import { AgencySelect } from "../agencies/AgencySelect";
import { useAnswer, useReroute } from "./comments.api";

const KIND_COLORS: Record<AnswerKind, string> = { "tiep-thu": "green", "giai-trinh": "blue", "khong-tiep-thu": "orange" };

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

/** Why the anchor no longer matches the report: a changed figure, a deleted row, an edited or deleted paragraph. */
export function changedLabel(c: Pick<CommentDto, "anchorKind" | "currentText">): string {
  if (c.anchorKind === "cell") return c.currentText !== null ? "Số liệu đã thay đổi" : "Dòng đã bị xoá";
  return c.anchorKind === "paragraph" ? "Đoạn văn đã bị sửa/xoá" : "Mục đã bị xoá";
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
        {c.anchorState === "changed" && <Tag color="red">{changedLabel(c)}</Tag>}
      </Space>
      <div style={{ fontSize: 12, color: "rgba(0,0,0,0.6)" }} data-testid="comment-location">
        {c.location}
      </div>
      {c.quote && c.anchorKind !== "section" && (
        <blockquote style={{ borderLeft: "3px solid #d9d9d9", margin: "4px 0", padding: "2px 10px", color: "rgba(0,0,0,0.6)", fontSize: 12, maxHeight: 96, overflow: "auto" }}>{c.quote}</blockquote>
      )}
      {c.currentText !== null && (
        <div style={{ fontSize: 12 }} data-testid="comment-current-text">
          Số liệu hiện nay: <Typography.Text strong>{c.currentText === "" ? "(trống)" : c.currentText}</Typography.Text>
        </div>
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
