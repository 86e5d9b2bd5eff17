import type { IndicatorDashboardDto } from "@tonghop/contracts";
import { TREND_LABELS } from "@tonghop/contracts";
import { Card, Empty, Statistic, Typography } from "antd";
import { useMemo, type ReactNode } from "react";
import type { ChartSpec } from "./charts/base";
import { buildAreaComparisonCharts, buildPeriodComparisonCharts, comparisonPeriod } from "./charts/comparison-chart";
import { buildTrendOverviewChart, buildVerdictOverviewChart, buildVersusOverviewChart } from "./charts/overview-chart";
import { buildStructureChart } from "./charts/structure-chart";
import { ASSESSMENT_STYLES, VERDICT_ORDER, VERDICT_STYLES } from "./charts/theme";
import { ChartCard } from "./ChartCard";
import { IndicatorCard } from "./IndicatorCard";
import { LazyBlock } from "./LazyBlock";

interface Props {
  campaignId: string;
  data: IndicatorDashboardDto;
  onInsert?: ((spec: ChartSpec) => void) | undefined;
  inserted: ReadonlySet<string>;
}

export function Section({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <section id={id} style={{ marginBottom: 24 }} aria-labelledby={`${id}-title`}>
      <Typography.Title level={5} id={`${id}-title`} style={{ marginBottom: hint ? 0 : 12 }}>
        {title}
      </Typography.Title>
      {hint && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 12 }}>
          {hint}
        </Typography.Paragraph>
      )}
      {children}
    </section>
  );
}

export const GRID = (min: number) => ({ display: "grid", gridTemplateColumns: `repeat(auto-fill, minmax(${min}px, 1fr))`, gap: 12 }) as const;

export function IndicatorsTab({ campaignId, data, onInsert, inserted }: Props) {
  const charts = useMemo(() => {
    const overview: ChartSpec[] = [];
    if (data.overview.length) {
      if (data.hasTargets) overview.push(buildVerdictOverviewChart(data.overview));
      if (data.indicators.some((i) => i.trend)) overview.push(buildTrendOverviewChart(data.overview, data.baseYear, data.lastYear));
      const cp = comparisonPeriod(data);
      const primary = data.areas.find((a) => a.primary);
      const firstOther = data.indicators.find((i) => i.versus?.period === cp?.period)?.versus?.others[0];
      if (cp && primary && firstOther) overview.push(buildVersusOverviewChart(data.overview, primary.name, firstOther.areaName, cp.label.toLowerCase()));
    }
    return {
      overview,
      structures: data.structures.map(buildStructureChart),
      areas: buildAreaComparisonCharts(data),
      periods: buildPeriodComparisonCharts(data),
    };
  }, [data]);
  const structureOf = useMemo(() => new Map(data.structures.map((s) => [s.key, s])), [data.structures]);
  const t = data.totals;
  const areaNames = data.areas.map((a) => a.name).join(", ");

  return (
    <div>
      <div style={{ ...GRID(150), marginBottom: 20 }} data-testid="kpis">
        <Card size="small">
          <Statistic title="Số chỉ tiêu" value={t.indicators} />
        </Card>
        {data.hasTargets
          ? VERDICT_ORDER.filter((v) => v !== "none" || t.verdicts.none > 0).map((v) => (
              <Card size="small" key={v} style={{ borderTop: `3px solid ${VERDICT_STYLES[v].color}` }}>
                <Statistic title={`${VERDICT_STYLES[v].symbol} ${VERDICT_STYLES[v].label}`} value={t.verdicts[v]} />
              </Card>
            ))
          : (["better", "same", "worse"] as const).map((a) => (
              <Card size="small" key={a} style={{ borderTop: `3px solid ${ASSESSMENT_STYLES[a].color}` }}>
                <Statistic title={`${ASSESSMENT_STYLES[a].symbol} ${TREND_LABELS[a]}${data.baseYear ? ` so với ${data.baseYear}` : ""}`} value={t.trend[a]} />
              </Card>
            ))}
      </div>

      {data.indicators.length === 0 ? (
        <Empty description="Không có chỉ tiêu nào khớp bộ lọc" />
      ) : (
        <>
          {charts.overview.length > 0 && (
            <Section id="tong-quan" title="Tổng quan theo nhóm chỉ tiêu">
              <div style={GRID(420)}>
                {charts.overview.map((s) => (
                  <LazyBlock key={s.key} minHeight={s.height + 60}>
                    <ChartCard spec={s} campaignId={campaignId} onInsert={onInsert} inserted={inserted.has(s.key)} />
                  </LazyBlock>
                ))}
              </div>
            </Section>
          )}
          {charts.structures.length > 0 && (
            <Section id="co-cau" title="Cơ cấu" hint="Cột chồng 100%: mỗi cột là tổng các thành phần; rê chuột để xem số liệu đã nhập.">
              <div style={GRID(420)}>
                {charts.structures.map((s) => (
                  <LazyBlock key={s.key} minHeight={s.height + 60}>
                    <ChartCard spec={s} campaignId={campaignId} onInsert={onInsert} inserted={inserted.has(s.key)} />
                  </LazyBlock>
                ))}
              </div>
            </Section>
          )}
          {charts.areas.length > 0 && (
            <Section id="dia-ban" title={`So sánh theo địa bàn: ${areaNames}`} hint="Chỉ tiêu cùng nhóm, cùng đơn vị tính được đặt chung một biểu đồ.">
              <div style={GRID(460)}>
                {charts.areas.map((s) => (
                  <LazyBlock key={s.key} minHeight={s.height + 60}>
                    <ChartCard spec={s} campaignId={campaignId} onInsert={onInsert} inserted={inserted.has(s.key)} />
                  </LazyBlock>
                ))}
              </div>
            </Section>
          )}
          {charts.periods.length > 0 && (
            <Section id="giai-doan" title="So sánh giữa các giai đoạn" hint="Giá trị cả giai đoạn theo cách tính của từng chỉ tiêu (bình quân, tổng, năm cuối kỳ…).">
              <div style={GRID(460)}>
                {charts.periods.map((s) => (
                  <LazyBlock key={s.key} minHeight={s.height + 60}>
                    <ChartCard spec={s} campaignId={campaignId} onInsert={onInsert} inserted={inserted.has(s.key)} />
                  </LazyBlock>
                ))}
              </div>
            </Section>
          )}
          <Section id="chi-tieu" title={`Từng chỉ tiêu (${data.indicators.length})`}>
            <div style={GRID(360)}>
              {data.indicators.map((i) => (
                <LazyBlock key={i.key} minHeight={400} testId="indicator-placeholder">
                  <IndicatorCard
                    item={i}
                    structure={i.structureKey ? structureOf.get(i.structureKey) : undefined}
                    campaignId={campaignId}
                    onInsert={onInsert}
                    inserted={inserted.has(i.key) || (i.structureKey !== null && inserted.has(i.structureKey))}
                  />
                </LazyBlock>
              ))}
            </div>
          </Section>
        </>
      )}
    </div>
  );
}
