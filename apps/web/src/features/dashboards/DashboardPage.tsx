import { FileImageOutlined, PrinterOutlined } from "@ant-design/icons";
import { CAMPAIGN_STATUS_LABELS, type CampaignStatus, type DashboardQuery, type VerdictKey } from "@tonghop/contracts";
import { normalizeSearchText } from "@tonghop/domain";
import { Breadcrumb, Button, Card, Select, Space, Spin, Tabs, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDate } from "../../lib/format";
import { clearPage, setEager, setPageLoaded } from "./chart-runtime";
import type { ChartSpec } from "./charts/base";
import { VERDICT_ORDER, VERDICT_STYLES } from "./charts/theme";
import { useFigures, useIndicatorDashboard, useOperations } from "./dashboards.api";
import { FiguresDrawer } from "./FiguresDrawer";
import { IndicatorsTab } from "./IndicatorsTab";
import { InsertFigureModal } from "./InsertFigureModal";
import { OperationsTab } from "./OperationsTab";

const VERDICT_FILTER = [...VERDICT_ORDER.map((v) => ({ value: v, label: `${VERDICT_STYLES[v].symbol} ${VERDICT_STYLES[v].label}` }))];

/** /dot/:campaignId/phan-tich — the analysis dashboards of a campaign (read-only for everyone). */
export function DashboardPage() {
  const { campaignId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const { hasRole } = useSession();
  const tab = params.get("tab") === "tien-do" ? "tien-do" : "chi-tieu";
  const query: DashboardQuery = {
    ...(params.get("nhom") ? { group: params.get("nhom")! } : {}),
    ...(params.get("co-quan") ? { agency: params.get("co-quan")! } : {}),
    ...(params.get("danh-gia") ? { verdict: params.get("danh-gia") as VerdictKey | "none" } : {}),
  };
  const dashboard = useIndicatorDashboard(campaignId, query);
  const ops = useOperations(campaignId, tab === "tien-do");
  // The figures API answers only the coordinator roles of the campaign's coordinator agency: its success is the
  // permission to insert charts into the report.
  const figures = useFigures(campaignId, hasRole("coordinator", "coordinator_leader"));
  const canInsert = figures.isSuccess;
  const [inserting, setInserting] = useState<ChartSpec | null>(null);
  const [drawer, setDrawer] = useState(false);
  const inserted = useMemo(() => new Set((figures.data?.figures ?? []).map((f) => f.chartKey).filter((k): k is string => !!k)), [figures.data]);
  const onInsert = canInsert ? setInserting : undefined;

  const loaded = tab === "chi-tieu" ? dashboard.isSuccess && !dashboard.isFetching : ops.isSuccess && !ops.isFetching;
  const failed = tab === "chi-tieu" ? dashboard.isError : ops.isError;
  useEffect(() => {
    const token = setPageLoaded(loaded || failed);
    return () => clearPage(token);
  }, [loaded, failed, tab]);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const [printing, setPrinting] = useState(false);
  useEffect(() => () => setEager(false), []);
  const print = () => {
    // Every chart must be drawn before printing: draw them all, then print when the page says so.
    setPrinting(true);
    setEager(true);
    const started = Date.now();
    const timer = setInterval(() => {
      if (document.body.dataset.chartsAll === "true" || Date.now() - started > 60_000) {
        clearInterval(timer);
        setPrinting(false);
        window.print();
      }
    }, 100);
  };

  const d = dashboard.data;
  const title = d?.campaign.name ?? "Phân tích";
  return (
    <div data-testid="dashboard-page">
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/phan-tich">Phân tích</Link> }, { title }]} />
      <Card styles={{ body: { paddingBottom: 0 } }} style={{ marginBottom: 16 }}>
        <div style={{ display: "flex", justifyContent: "space-between", gap: 16, flexWrap: "wrap" }}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {d && (
              <Typography.Text type="secondary">
                <Tag>{CAMPAIGN_STATUS_LABELS[d.campaign.status as CampaignStatus] ?? d.campaign.status}</Tag>
                Ngày tham chiếu {fmtDate(d.campaign.referenceDate)} · Số liệu tính lúc {new Date(d.computedAt).toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" })} · Chỉ xem
              </Typography.Text>
            )}
          </div>
          <Space>
            <Button icon={<PrinterOutlined />} loading={printing} onClick={print}>
              In trang
            </Button>
            {canInsert && (
              <Button icon={<FileImageOutlined />} onClick={() => setDrawer(true)}>
                Biểu đồ trong báo cáo ({figures.data?.figures.length ?? 0})
              </Button>
            )}
          </Space>
        </div>
        <Tabs
          activeKey={tab}
          onChange={(k) => set("tab", k === "tien-do" ? "tien-do" : undefined)}
          items={[
            { key: "chi-tieu", label: "Chỉ tiêu" },
            { key: "tien-do", label: "Tiến độ thực hiện" },
          ]}
          style={{ marginTop: 8, marginBottom: 0 }}
        />
      </Card>

      {tab === "chi-tieu" && (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            <Select
              allowClear
              placeholder="Tất cả nhóm chỉ tiêu"
              aria-label="Lọc theo nhóm chỉ tiêu"
              style={{ width: 300 }}
              value={query.group}
              onChange={(v?: string) => set("nhom", v)}
              options={(d?.groups ?? []).map((g) => ({ value: g.id ?? "", label: g.name }))}
            />
            <Select
              allowClear
              showSearch
              placeholder="Tất cả cơ quan chủ trì"
              aria-label="Lọc theo cơ quan"
              style={{ width: 320 }}
              value={query.agency}
              onChange={(v?: string) => set("co-quan", v)}
              filterOption={(input, option) => normalizeSearchText(String(option?.label ?? "")).includes(normalizeSearchText(input))}
              options={(d?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
            <Select
              allowClear
              placeholder="Mọi kết quả đánh giá"
              aria-label="Lọc theo kết quả đánh giá"
              style={{ width: 220 }}
              value={query.verdict}
              onChange={(v?: string) => set("danh-gia", v)}
              options={VERDICT_FILTER}
            />
            {(query.group || query.agency || query.verdict) && (
              <Button
                onClick={() => {
                  const next = new URLSearchParams(params);
                  ["nhom", "co-quan", "danh-gia"].forEach((k) => next.delete(k));
                  setParams(next, { replace: true });
                }}
              >
                Bỏ lọc
              </Button>
            )}
            {dashboard.isFetching && <Spin size="small" />}
          </Space>
          <ErrorAlert error={dashboard.error} />
          {dashboard.isLoading && <Spin tip="Đang tính các chỉ tiêu…" style={{ display: "block", margin: 48 }}><div /></Spin>}
          {d && <IndicatorsTab campaignId={campaignId} data={d} onInsert={onInsert} inserted={inserted} />}
        </>
      )}
      {tab === "tien-do" && (
        <>
          <ErrorAlert error={ops.error} />
          {ops.isLoading && <Spin style={{ display: "block", margin: 48 }} />}
          {ops.data && <OperationsTab campaignId={campaignId} ops={ops.data} onInsert={onInsert} inserted={inserted} />}
        </>
      )}
      {canInsert && <InsertFigureModal campaignId={campaignId} spec={inserting} onClose={() => setInserting(null)} />}
      {canInsert && <FiguresDrawer campaignId={campaignId} open={drawer} onClose={() => setDrawer(false)} />}
    </div>
  );
}

export { DashboardPage as Component };
