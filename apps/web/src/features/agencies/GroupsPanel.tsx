import { Collapse, Empty, Tag, Typography } from "antd";
import { Link } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useAgencyGroups } from "./agencies.api";

export function GroupsPanel({ asOf }: { asOf?: string }) {
  const groups = useAgencyGroups(asOf);
  if (groups.error) return <ErrorAlert error={groups.error} />;
  if (groups.data && groups.data.length === 0) return <Empty description="Chưa có nhóm cơ quan" />;
  return (
    <Collapse
      items={(groups.data ?? []).map((g) => ({
        key: g.id,
        label: (
          <span>
            {g.name} <Tag>{g.members.length}</Tag>
          </span>
        ),
        children: (
          <>
            {g.aliases.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                Cách viết khác: {g.aliases.join("; ")}
              </Typography.Paragraph>
            )}
            {g.members.map((m) => (
              <Tag key={m.agencyId} style={{ marginBottom: 4 }}>
                <Link to={`/co-quan/${m.agencyId}`}>{m.shortName}</Link>
              </Tag>
            ))}
          </>
        ),
      }))}
    />
  );
}
