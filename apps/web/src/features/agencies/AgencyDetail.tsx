import { AGENCY_KIND_LABELS } from "@tonghop/contracts";
import { Button, Card, Descriptions, List, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDate } from "../../lib/format";
import { useAgency } from "./agencies.api";
import { DissolveAgencyModal, MergeAgencyModal, RenameAgencyModal, SplitAgencyModal } from "./agency-modals";

type Dialog = "rename" | "merge" | "split" | "dissolve" | null;

export function AgencyDetail({ id, asOf }: { id: string; asOf?: string }) {
  const agency = useAgency(id, asOf);
  const { hasRole } = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const a = agency.data;
  return (
    <Card
      loading={agency.isLoading}
      title={a ? <span data-testid="agency-detail-title">{a.name}</span> : "Cơ quan"}
      extra={
        a &&
        hasRole("admin") &&
        a.active && (
          <Space>
            <Button onClick={() => setDialog("rename")}>Đổi tên</Button>
            <Button onClick={() => setDialog("merge")}>Sáp nhập</Button>
            <Button onClick={() => setDialog("split")}>Chia tách</Button>
            <Button danger onClick={() => setDialog("dissolve")}>
              Giải thể
            </Button>
          </Space>
        )
      }
    >
      <ErrorAlert error={agency.error} />
      {a && (
        <>
          <Descriptions column={1} bordered size="small" styles={{ label: { width: 170 } }}>
            <Descriptions.Item label="Tên viết gọn">{a.shortName}</Descriptions.Item>
            <Descriptions.Item label="Chữ viết tắt">{a.abbreviation}</Descriptions.Item>
            <Descriptions.Item label="Loại">{AGENCY_KIND_LABELS[a.kind]}</Descriptions.Item>
            <Descriptions.Item label="Cơ quan cấp trên">{a.parentName ?? "—"}</Descriptions.Item>
            <Descriptions.Item label="Mã">{a.code}</Descriptions.Item>
            <Descriptions.Item label="Tình trạng">
              {a.active ? <Tag color="green">Đang hoạt động</Tag> : <Tag>Ngừng hoạt động từ {fmtDate(a.validTo)}</Tag>}
            </Descriptions.Item>
            {a.aliases.length > 0 && <Descriptions.Item label="Tên gọi khác">{a.aliases.join("; ")}</Descriptions.Item>}
            <Descriptions.Item label="Thuộc nhóm">{a.groups.length ? a.groups.map((g) => <Tag key={g.id}>{g.name}</Tag>) : "—"}</Descriptions.Item>
          </Descriptions>
          {(a.successors.length > 0 || a.predecessors.length > 0) && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                Kế tục
              </Typography.Title>
              <List
                size="small"
                dataSource={[
                  ...a.predecessors.map((p) => ({ ...p, dir: "Tiếp nhận từ" })),
                  ...a.successors.map((s) => ({ ...s, dir: "Chuyển sang" })),
                ]}
                renderItem={(l) => (
                  <List.Item>
                    {l.dir} <Link to={`/co-quan/${l.id}`}>{l.name}</Link> ({l.kind === "merge" ? "sáp nhập" : l.kind === "split" ? "chia tách" : l.kind}) từ ngày{" "}
                    {fmtDate(l.effectiveDate)}
                  </List.Item>
                )}
              />
            </>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            Lịch sử tên gọi
          </Typography.Title>
          <Table
            size="small"
            rowKey={(r) => `${r.name}-${r.validFrom ?? ""}`}
            pagination={false}
            dataSource={a.names}
            columns={[
              { title: "Tên", dataIndex: "name" },
              { title: "Viết gọn", dataIndex: "shortName" },
              { title: "Từ ngày", dataIndex: "validFrom", render: (v: string | null) => (v ? fmtDate(v) : "—") },
              { title: "Đến ngày", dataIndex: "validTo", render: (v: string | null) => (v ? fmtDate(v) : "nay") },
            ]}
          />
        </>
      )}
      {a && dialog === "rename" && <RenameAgencyModal agency={a} onClose={() => setDialog(null)} />}
      {a && dialog === "merge" && <MergeAgencyModal agency={a} onClose={() => setDialog(null)} />}
      {a && dialog === "split" && <SplitAgencyModal agency={a} onClose={() => setDialog(null)} />}
      {a && dialog === "dissolve" && <DissolveAgencyModal agency={a} onClose={() => setDialog(null)} />}
    </Card>
  );
}
