import type { SectionConflictDto } from "@tonghop/contracts";
import { Alert, Button, Col, Modal, Row, Space, Typography } from "antd";
import { fmtDateTime } from "../../../lib/format";

/** Both versions side by side after a VERSION_CONFLICT: keep mine, take theirs, or merge by hand. */
export function ConflictDialog({
  conflict,
  mine,
  onKeepMine,
  onTakeTheirs,
  onMergeByHand,
}: {
  conflict: SectionConflictDto | null;
  /** My current text (the editor's, which may have changed since the refused save). */
  mine: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onMergeByHand: () => void;
}) {
  if (!conflict) return null;
  const { theirs } = conflict;
  return (
    <Modal
      open
      width={1100}
      title="Xung đột: mục vừa được người khác lưu"
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Space>
          <Button onClick={onTakeTheirs} data-testid="conflict-theirs">
            Dùng bản của {theirs.updatedBy?.name ?? "người kia"}
          </Button>
          <Button onClick={onMergeByHand} data-testid="conflict-merge">
            Gộp thủ công
          </Button>
          <Button type="primary" onClick={onKeepMine} data-testid="conflict-mine">
            Giữ bản của tôi
          </Button>
        </Space>
      }
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={`${theirs.updatedBy?.name ?? "Người khác"} đã lưu phiên bản ${theirs.version} lúc ${fmtDateTime(theirs.updatedAt)} trong khi bạn đang sửa từ phiên bản ${conflict.yours.baseVersion}. Nội dung của bạn chưa ghi đè lên bản đó.`}
        description="Giữ bản của tôi: lưu bản của bạn thành phiên bản mới (bản kia vẫn còn trong lịch sử). Dùng bản kia: bỏ thay đổi của bạn. Gộp thủ công: đưa cả hai bản vào trình soạn thảo để bạn sửa lại rồi lưu."
      />
      <Row gutter={16}>
        <Col span={12}>
          <Typography.Title level={5}>Bản của bạn</Typography.Title>
          <div className="section-html" style={{ border: "1px solid #f0f0f0", padding: 12, maxHeight: 420, overflow: "auto" }} data-testid="conflict-yours" dangerouslySetInnerHTML={{ __html: mine }} />
        </Col>
        <Col span={12}>
          <Typography.Title level={5}>
            Bản của {theirs.updatedBy?.name ?? "người kia"} (phiên bản {theirs.version})
          </Typography.Title>
          <div className="section-html" style={{ border: "1px solid #f0f0f0", padding: 12, maxHeight: 420, overflow: "auto" }} data-testid="conflict-theirs-html" dangerouslySetInnerHTML={{ __html: theirs.html }} />
        </Col>
      </Row>
    </Modal>
  );
}

/** The text put in the editor for a hand merge: theirs first, then mine under a marked heading. */
export function handMergeHtml(theirs: string, mine: string): string {
  return `${theirs}<h6>— Bản của tôi (gộp rồi xoá phần trùng) —</h6>${mine}`;
}
