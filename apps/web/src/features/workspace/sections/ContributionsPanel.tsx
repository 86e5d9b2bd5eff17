import { ASSIGNMENT_ROLE_LABELS, ASSIGNMENT_STATE_LABELS, type ContributionDto, type SectionPageDto } from "@tonghop/contracts";
import { Button, Card, Empty, Popconfirm, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { fmtDateTime, fmtNumber } from "../../../lib/format";
import { StateTag } from "../../tasks/TaskList";

/**
 * Other agencies' text for the same item: for the lead agency, the cooperating agencies' sent contributions with an
 * action to insert one into its own text; for coordinators and viewers, every agency's text with who wrote it, when.
 */
export function ContributionsPanel({ page, canMerge, onMerge }: { page: SectionPageDto; canMerge: boolean; onMerge: (c: ContributionDto) => Promise<void> }) {
  const [busy, setBusy] = useState<string | null>(null);
  const { contributions, pendingContributors } = page;
  if (!contributions.length && !pendingContributors.length) return null;
  return (
    <Card size="small" title="Ý kiến của các cơ quan khác" style={{ marginBottom: 16 }} data-testid="contributions">
      {pendingContributors.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          Chưa gửi: {pendingContributors.map((p) => `${p.agencyName} (${ASSIGNMENT_STATE_LABELS[p.state].toLowerCase()})`).join("; ")}.
        </Typography.Paragraph>
      )}
      {contributions.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có ý kiến nào được gửi." />}
      {contributions.map((c) => (
        <div key={c.agencyId} style={{ borderTop: "1px solid #f0f0f0", paddingTop: 8, marginTop: 8 }} data-testid={`contribution-${c.agencyId}`}>
          <Space size={4} wrap style={{ marginBottom: 4 }}>
            <Typography.Text strong>{c.agencyName}</Typography.Text>
            <Tag>{ASSIGNMENT_ROLE_LABELS[c.role]}</Tag>
            <StateTag state={c.state} />
            {c.mergedVersion != null && (
              <Tag color={c.mergedVersion === c.version ? "green" : "orange"}>
                {c.mergedVersion === c.version ? "Đã đưa vào bài" : `Đã đưa vào bản ${c.mergedVersion}; có bản mới ${c.version}`}
              </Tag>
            )}
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4, fontSize: 12 }}>
            {c.version === 0 ? "Chưa viết" : `${c.updatedBy?.name ?? "—"} · ${fmtDateTime(c.updatedAt)} · ${fmtNumber(c.wordCount)} từ`}
          </Typography.Paragraph>
          {c.html && <div className="section-html" style={{ maxHeight: 240, overflow: "auto", background: "#fafafa", padding: 8 }} dangerouslySetInnerHTML={{ __html: c.html }} />}
          {canMerge && c.id && c.html && (
            <Popconfirm
              title="Đưa ý kiến này vào cuối bài của đơn vị?"
              description="Nội dung được thêm vào cuối mục để bạn biên tập; lưu thành một phiên bản mới."
              okText="Đưa vào"
              cancelText="Huỷ"
              onConfirm={async () => {
                setBusy(c.agencyId);
                try {
                  await onMerge(c);
                } finally {
                  setBusy(null);
                }
              }}
            >
              <Button size="small" style={{ marginTop: 6 }} loading={busy === c.agencyId} data-testid="merge-contribution">
                Đưa vào bài
              </Button>
            </Popconfirm>
          )}
        </div>
      ))}
    </Card>
  );
}
