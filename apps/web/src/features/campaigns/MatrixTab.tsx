import { ASSIGNMENT_STATE_LABELS, type AssignmentMatrixDto, type CampaignDetailDto } from "@tonghop/contracts";
import { normalizeSearchText } from "@tonghop/domain";
import { Alert, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDate } from "../../lib/format";
import { useAssignmentMatrix } from "./campaigns.api";

type Cell = AssignmentMatrixDto["cells"][number];

/** Phân công: agencies × outline items and appendices; filter by agency to see the grid. */
export function MatrixTab({ campaign }: { campaign: CampaignDetailDto }) {
  const matrix = useAssignmentMatrix(campaign.id);
  const [chosen, setChosen] = useState<string[]>([]);
  const [q, setQ] = useState("");
  const data = matrix.data;
  const cellsByAgency = useMemo(() => {
    const m = new Map<string, Map<string, Cell>>();
    for (const c of data?.cells ?? []) {
      const inner = m.get(c.agencyId) ?? new Map<string, Cell>();
      inner.set(c.key, c);
      m.set(c.agencyId, inner);
    }
    return m;
  }, [data]);
  if (matrix.error) return <ErrorAlert error={matrix.error} />;
  if (!data) return <Typography.Text type="secondary">Đang tải…</Typography.Text>;

  const agencies = data.agencies.filter((a) => !q || normalizeSearchText(a.name).includes(normalizeSearchText(q)));
  const earliest = (agencyId: string) =>
    [...(cellsByAgency.get(agencyId)?.values() ?? [])]
      .map((c) => c.dueDate)
      .filter((d): d is string => !!d)
      .sort()[0];
  const count = (agencyId: string, role: "lead" | "cooperate") => [...(cellsByAgency.get(agencyId)?.values() ?? [])].filter((c) => c.key.startsWith("o:") && c.role === role).length;
  const columnsUsed = data.columns.filter((col) => chosen.some((a) => cellsByAgency.get(a)?.has(col.key)));

  return (
    <>
      {data.preview && (
        <Alert type="info" showIcon title="Đợt chưa ban hành: đây là phân công sẽ được giao khi ban hành (nhóm cơ quan triển khai theo danh bạ tại ngày tham chiếu)." style={{ marginBottom: 12 }} />
      )}
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder="Lọc cơ quan (không cần dấu)" onChange={(e) => setQ(e.target.value)} style={{ width: 300 }} aria-label="Lọc cơ quan" />
        <Select
          mode="multiple"
          allowClear
          placeholder="Chọn cơ quan để xem bảng phân công chi tiết"
          value={chosen}
          onChange={setChosen}
          options={data.agencies.map((a) => ({ value: a.id, label: a.name }))}
          optionFilterProp="label"
          style={{ minWidth: 420 }}
          aria-label="Cơ quan xem chi tiết"
        />
        <Typography.Text type="secondary">
          {data.agencies.length} cơ quan · {data.cells.length} phần việc
        </Typography.Text>
      </Space>
      {chosen.length === 0 ? (
        <Table
          size="small"
          rowKey="id"
          dataSource={agencies}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          onRow={(a) => ({ onClick: () => setChosen([a.id]), style: { cursor: "pointer" } })}
          data-testid="matrix-agencies"
          columns={[
            { title: "Cơ quan", dataIndex: "name" },
            { title: "Mục chủ trì", key: "lead", width: 110, align: "right", render: (_, a) => count(a.id, "lead") },
            { title: "Mục phối hợp", key: "coop", width: 120, align: "right", render: (_, a) => count(a.id, "cooperate") },
            { title: "Phụ lục", dataIndex: "appendices", width: 90, align: "right" },
            { title: "Hạn sớm nhất", key: "due", width: 130, render: (_, a) => fmtDate(earliest(a.id)) || "—" },
          ]}
        />
      ) : (
        <Table
          size="small"
          rowKey="key"
          dataSource={columnsUsed}
          pagination={false}
          scroll={{ x: 400 + chosen.length * 150 }}
          columns={[
            {
              title: "Mục / phụ lục",
              key: "item",
              fixed: "left",
              width: 420,
              render: (_, col) => (
                <span style={{ paddingLeft: (col.depth - 1) * 14 }}>
                  <strong>{col.kind === "outline" ? col.labelPath.join(" / ") : col.label}</strong> {col.kind === "outline" ? col.title : ""}
                </span>
              ),
            },
            ...chosen.map((agencyId) => ({
              title: data.agencies.find((a) => a.id === agencyId)?.name ?? "",
              key: agencyId,
              width: 150,
              render: (_: unknown, col: (typeof columnsUsed)[number]) => {
                const c = cellsByAgency.get(agencyId)?.get(col.key);
                if (!c) return null;
                return (
                  <Space direction="vertical" size={0}>
                    <Tag color={c.role === "lead" ? "blue" : "default"}>{c.role === "lead" ? "Chủ trì" : "Phối hợp"}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmtDate(c.dueDate)} {data.preview ? "" : `· ${ASSIGNMENT_STATE_LABELS[c.state]}`}
                    </Typography.Text>
                  </Space>
                );
              },
            })),
          ]}
        />
      )}
    </>
  );
}
