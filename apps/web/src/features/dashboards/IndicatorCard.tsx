import type { IndicatorAnalysisDto, StructureDto } from "@tonghop/contracts";
import { VERSUS_LABELS } from "@tonghop/contracts";
import { Card, Typography } from "antd";
import { memo, useMemo } from "react";
import { StatusBadge, VerdictBadge } from "./badges";
import type { ChartSpec } from "./charts/base";
import { buildIndicatorChart } from "./charts/indicator-chart";
import { buildStructureChart } from "./charts/structure-chart";
import { signedText, valueText } from "./charts/vn-format";
import { ChartMenu } from "./ChartMenu";
import { EChart } from "./EChart";
import { RelatedTasks } from "../action-programme/RelatedTasks";

interface Props {
  item: IndicatorAnalysisDto;
  structure: StructureDto | undefined;
  campaignId: string;
  onInsert?: ((spec: ChartSpec) => void) | undefined;
  inserted: boolean;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ fontSize: 12, lineHeight: 1.5 }}>
      <Typography.Text type="secondary">{label}: </Typography.Text>
      {children}
    </div>
  );
}

/** One indicator: its series against the target, verdict, figures' status, periods, areas, lead agencies. */
export const IndicatorCard = memo(function IndicatorCard({ item, structure, campaignId, onInsert, inserted }: Props) {
  const spec = useMemo(() => (item.kind === "composite" && structure ? buildStructureChart(structure) : buildIndicatorChart(item)), [item, structure]);
  const title = [item.tt && item.tt !== "-" ? item.tt : null, item.name].filter(Boolean).join(". ");
  const e = item.evaluation;
  const primaryPeriods = item.periods.filter((p) => p.primary && p.value !== null);
  return (
    <Card
      size="small"
      data-testid="indicator-card"
      data-indicator={item.indicatorCode ?? item.rowId}
      data-verdict={item.verdict ?? "none"}
      title={
        <div style={{ whiteSpace: "normal", lineHeight: 1.35, padding: "4px 0" }}>
          {item.path.length > 0 && (
            <div title={item.path.join(" › ")} style={{ fontSize: 11, fontWeight: 400, color: "rgba(0,0,0,0.55)", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
              {item.path.join(" › ")}
            </div>
          )}
          <span>{title}</span>
          {item.unit && (
            <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
              {" "}
              ({item.unit})
            </Typography.Text>
          )}
        </div>
      }
      extra={<ChartMenu spec={spec} campaignId={campaignId} onInsert={onInsert} />}
      styles={{ body: { padding: "8px 12px 12px" } }}
    >
      <div style={{ display: "flex", gap: 6, flexWrap: "wrap", marginBottom: 6 }}>
        <VerdictBadge item={item} />
        <StatusBadge status={item.status} />
        {inserted && <Typography.Text type="secondary" style={{ fontSize: 12 }}>Đã chèn vào báo cáo</Typography.Text>}
      </div>
      <EChart option={spec.option} height={spec.height} label={`${title}: biểu đồ`} />
      <div style={{ marginTop: 6 }}>
        {item.target && (
          <Fact label={`Mục tiêu ${item.target.period}`}>
            <b>{item.target.text}</b>
            {item.target.error && <Typography.Text type="danger"> ({item.target.error})</Typography.Text>}
          </Fact>
        )}
        {e && e.value !== null && (
          <Fact label="Thực hiện so với mục tiêu">
            {valueText(e.value, item.decimals, item.unit)}
            {e.gap !== null && e.gap !== 0 && <> (chênh lệch {signedText(e.gap, item.decimals)})</>}
            <Typography.Text type="secondary"> · {item.aggregationLabel.toLowerCase()}</Typography.Text>
          </Fact>
        )}
        {e?.note && item.kind === "composite" && <Fact label="Từng thành phần">{e.note}</Fact>}
        {primaryPeriods.length > 0 && (
          <Fact label="Giai đoạn">
            {primaryPeriods.map((p, i) => (
              <span key={p.period}>
                {i > 0 && " · "}
                {p.label.replace(/^Giai đoạn /, "")}: <b>{valueText(p.value, item.decimals)}</b>
              </span>
            ))}
          </Fact>
        )}
        {item.versus && (
          <Fact label={`So sánh ${item.versus.label.replace(/^Giai đoạn/, "giai đoạn").replace(/^Năm/, "năm")}`}>
            {valueText(item.versus.primaryValue, item.decimals)}
            {item.versus.others.map((o) => (
              <span key={o.area}>
                {" · "}
                {o.areaName}: {valueText(o.value, item.decimals)}
                {o.assessment && <Typography.Text type="secondary"> ({VERSUS_LABELS[o.assessment].toLowerCase()})</Typography.Text>}
              </span>
            ))}
          </Fact>
        )}
        {item.leadAgencies.length > 0 && (
          <Fact label="Chủ trì">
            <span title={item.leadAgencies.map((a) => a.name).join(", ")}>{item.leadAgencies.map((a) => a.name).join(", ")}</span>
          </Fact>
        )}
        <RelatedTasks campaignId={campaignId} code={item.indicatorCode} />
      </div>
    </Card>
  );
});
