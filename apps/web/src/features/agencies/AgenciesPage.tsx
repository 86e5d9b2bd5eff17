import { PlusOutlined, SearchOutlined } from "@ant-design/icons";
import type { AgencyDto } from "@tonghop/contracts";
import { Button, Card, Col, DatePicker, Empty, Input, Row, Space, Switch, Tabs, Tag, Tree, Typography } from "antd";
import type { DataNode } from "antd/es/tree";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useAgencies } from "./agencies.api";
import { AgencyDetail } from "./AgencyDetail";
import { CreateAgencyModal } from "./agency-modals";
import { GroupsPanel } from "./GroupsPanel";

function buildTree(list: AgencyDto[]): DataNode[] {
  const byParent = new Map<string | null, AgencyDto[]>();
  const ids = new Set(list.map((a) => a.id));
  for (const a of list) {
    const parent = a.parentId && ids.has(a.parentId) ? a.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), a]);
  }
  const make = (parent: string | null): DataNode[] =>
    (byParent.get(parent) ?? []).map((a) => ({
      key: a.id,
      title: (
        <span data-testid={`agency-node-${a.code}`}>
          <span>{a.name}</span>{" "}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.abbreviation}
          </Typography.Text>
          {!a.active && (
            <Tag color="default" style={{ marginLeft: 6 }}>
              Ngừng hoạt động
            </Tag>
          )}
        </span>
      ),
      children: make(a.id),
      isLeaf: !byParent.has(a.id),
    }));
  return make(null);
}

export function AgenciesPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { hasRole } = useSession();
  const [q, setQ] = useState("");
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [creating, setCreating] = useState(false);
  const agencies = useAgencies({ ...(asOf ? { asOf } : {}), q, includeInactive });
  const tree = useMemo(() => buildTree(agencies.data ?? []), [agencies.data]);
  const allKeys = useMemo(() => (agencies.data ?? []).map((a) => a.id), [agencies.data]);

  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card
          title="Danh bạ cơ quan"
          extra={
            hasRole("admin") && (
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                Thêm cơ quan
              </Button>
            )
          }
        >
          <Tabs
            items={[
              {
                key: "agencies",
                label: "Cơ quan",
                children: (
                  <>
                    <Space direction="vertical" style={{ width: "100%", marginBottom: 12 }}>
                      <Input
                        allowClear
                        prefix={<SearchOutlined />}
                        placeholder="Tìm theo tên, tên viết tắt (không cần dấu), ví dụ: so tai chinh, khdt"
                        value={q}
                        onChange={(e) => setQ(e.target.value)}
                        aria-label="Tìm cơ quan"
                      />
                      <Space wrap>
                        <span>Theo ngày</span>
                        <DatePicker
                          format="DD/MM/YYYY"
                          placeholder="Hôm nay"
                          value={asOf ? dayjs(asOf) : null}
                          onChange={(d) => setAsOf(d ? d.format("YYYY-MM-DD") : undefined)}
                        />
                        <Switch checked={includeInactive} onChange={setIncludeInactive} /> <span>Hiện cả cơ quan đã ngừng hoạt động</span>
                      </Space>
                    </Space>
                    <ErrorAlert error={agencies.error} />
                    {agencies.data && agencies.data.length === 0 ? (
                      <Empty description="Không có cơ quan phù hợp" />
                    ) : (
                      <Tree
                        treeData={tree}
                        selectedKeys={id ? [id] : []}
                        expandedKeys={q ? allKeys : undefined}
                        defaultExpandAll={!q}
                        onSelect={(keys) => {
                          const key = keys[0];
                          if (key) void navigate(`/co-quan/${String(key)}`);
                        }}
                        height={640}
                        blockNode
                      />
                    )}
                    <Typography.Text type="secondary">{agencies.data ? `${agencies.data.length} cơ quan` : ""}</Typography.Text>
                  </>
                ),
              },
              { key: "groups", label: "Nhóm cơ quan", children: <GroupsPanel {...(asOf ? { asOf } : {})} /> },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {id ? (
          <AgencyDetail id={id} {...(asOf ? { asOf } : {})} />
        ) : (
          <Card>
            <Empty description="Chọn một cơ quan để xem chi tiết" />
          </Card>
        )}
      </Col>
      {creating && <CreateAgencyModal onClose={() => setCreating(false)} />}
    </Row>
  );
}

