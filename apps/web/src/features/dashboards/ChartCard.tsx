import { Card, Typography } from "antd";
import type { ReactNode } from "react";
import type { ChartSpec } from "./charts/base";
import { ChartMenu } from "./ChartMenu";
import { EChart } from "./EChart";

interface Props {
  spec: ChartSpec;
  campaignId: string;
  onInsert?: ((spec: ChartSpec) => void) | undefined;
  inserted?: boolean;
  extra?: ReactNode;
}

/** A chart in a card: title, subtitle, the export menu. */
export function ChartCard({ spec, campaignId, onInsert, inserted, extra }: Props) {
  return (
    <Card
      size="small"
      data-testid="chart-card"
      data-chart-key={spec.key}
      title={
        <div style={{ whiteSpace: "normal", lineHeight: 1.35, padding: "4px 0" }}>
          <div>{spec.title}</div>
          {spec.subtitle && (
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
              {spec.subtitle}
            </Typography.Text>
          )}
        </div>
      }
      extra={
        <span style={{ display: "inline-flex", gap: 4, alignItems: "center" }}>
          {inserted && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              Đã chèn vào báo cáo
            </Typography.Text>
          )}
          {extra}
          <ChartMenu spec={spec} campaignId={campaignId} onInsert={onInsert} />
        </span>
      }
      styles={{ body: { padding: 8 } }}
    >
      <EChart option={spec.option} height={spec.height} label={spec.title} />
    </Card>
  );
}
