import { BellOutlined, FileWordOutlined, ReloadOutlined } from "@ant-design/icons";
import type { ProgressCellDto, ProgressMatrixDto } from "@tonghop/contracts";
import { Alert, Breadcrumb, Button, Card, Col, Collapse, Drawer, Input, Result, Row, Select, Segmented, Space, Spin, Statistic, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { fmtDate } from "../../lib/format";
import { useProgress } from "./console.api";
import { ExtensionModal, type ExtensionTarget } from "./ExtensionModal";
import { ProgressGrid } from "./ProgressGrid";
import { buildView, drillDownPath, FILTER_LABELS, pct, type ProgressFilter } from "./progress-view";

const FILTERS = Object.keys(FILTER_LABELS) as ProgressFilter[];

function useWindowHeight(): number {
  const [h, setH] = useState(() => (typeof window === "undefined" ? 900 : window.innerHeight));
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener("resize", on);
    return () => window.removeEventListener("resize", on);
  }, []);
  return h;
}

function Definitions() {
  return (
    <Collapse
      size="small"
      items={[
        {
          key: "def",
          label: "Cách tính mức đầy đủ và mức đúng hạn",
          children: (
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              <strong>Đầy đủ (phần việc)</strong> = số phần việc đơn vị đã gửi, đã được tiếp nhận hoặc đã khai báo "không có số liệu" / "không thuộc phạm vi"
              chia cho số phần việc được giao (mỗi mục đề cương, mỗi phụ lục là một phần việc).
              <br />
              <strong>Đầy đủ (ô số liệu)</strong> = số ô số liệu cần nhập (cột nhập, không tính cột tự tính) của các dòng chỉ tiêu đơn vị chủ trì đã có giá trị
              chia cho tổng số ô đó.
              <br />
              <strong>Đúng hạn</strong> = số phần việc đơn vị gửi lần đầu trong hoặc trước hạn của chính đơn vị (hạn của mốc, hoặc hạn được cơ quan tổng hợp gia
              hạn) chia cho số phần việc đã gửi hoặc đã quá hạn. Phần việc chưa đến hạn và chưa gửi không tính.
              <br />
              <strong>Quá hạn N ngày</strong>: đã qua hạn của đơn vị N ngày (theo lịch) mà chưa gửi; tính lại mỗi ngày, không ai nhập tay.
            </Typography.Paragraph>
          ),
        },
      ]}
    />
  );
}

function Summary({ m }: { m: ProgressMatrixDto }) {
  const t = m.totals;
  const lateAgencies = m.agencies.filter((a) => a.counts.overdue > 0).length;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={4}>
        <Statistic title="Đầy đủ (phần việc)" value={pct(t.rates.completeness)} />
        <Typography.Text type="secondary">
          {t.counts.delivered}/{t.counts.assigned} đã gửi
        </Typography.Text>
      </Col>
      <Col xs={12} md={4}>
        <Statistic title="Đầy đủ (ô số liệu)" value={t.rates.cellsTotal ? pct(t.rates.cellsFilled / t.rates.cellsTotal) : "—"} />
        <Typography.Text type="secondary">
          {t.rates.cellsFilled}/{t.rates.cellsTotal} ô
        </Typography.Text>
      </Col>
      <Col xs={12} md={4}>
        <Statistic title="Đúng hạn" value={t.rates.timelinessBase ? pct(t.rates.onTime / t.rates.timelinessBase) : "—"} />
        <Typography.Text type="secondary">
          {t.rates.onTime}/{t.rates.timelinessBase} phần việc
        </Typography.Text>
      </Col>
      <Col xs={12} md={4}>
        <Statistic title="Quá hạn" value={t.counts.overdue} valueStyle={{ color: t.counts.overdue ? "#a8071a" : undefined }} />
        <Typography.Text type="secondary">{lateAgencies} cơ quan</Typography.Text>
      </Col>
      <Col xs={12} md={4}>
        <Statistic title="Bị trả lại" value={t.counts.returned} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title="Đã tiếp nhận" value={t.counts.accepted} />
      </Col>
    </Row>
  );
}

/** Tiến độ: the progress matrix of a campaign with filters, rates and drill-down. */
export function ProgressPage() {
  const { campaignId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const progress = useProgress(campaignId);
  const filter = (FILTERS.includes(params.get("loc") as ProgressFilter) ? params.get("loc") : "all") as ProgressFilter;
  const groupId = params.get("nhom");
  const milestoneCode = params.get("moc");
  const [search, setSearch] = useState("");
  const [agency, setAgency] = useState<number | null>(null);
  const [extension, setExtension] = useState<ExtensionTarget | null>(null);
  const height = Math.max(360, useWindowHeight() - 330);
  const m = progress.data;
  const view = useMemo(() => (m ? buildView(m, { filter, groupId, milestoneCode, search }) : null), [m, filter, groupId, milestoneCode, search]);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  if (progress.isLoading) return <Spin style={{ margin: 48 }} />;
  if (progress.error) return <Result status={progress.error.message.includes("quyền") || progress.error.message.includes("Chỉ") ? "403" : "warning"} title={progress.error.message} extra={<Link to="/dot-tong-hop">Về danh sách đợt</Link>} />;
  if (!m || !view) return null;
  const onCell = (cell: ProgressCellDto) => void navigate(drillDownPath(m, cell));
  const onColumn = (ci: number) => {
    const c = m.columns[ci]!;
    if (c.kind === "outline") void navigate(`/dot/${m.campaign.id}/xem-xet/${c.id}`);
    else void navigate(`/dot/${m.campaign.id}/${c.kind === "indicators" ? "phu-luc" : "danh-sach"}/${c.id}`);
  };
  const a = agency !== null ? m.agencies[agency] : null;
  const agencyCells = agency !== null ? m.cells.filter((c) => c[0] === agency) : [];

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Breadcrumb items={[{ title: <Link to="/dot-tong-hop">Đợt tổng hợp</Link> }, { title: <Link to={`/dot-tong-hop/${m.campaign.id}`}>{m.campaign.code}</Link> }, { title: "Tiến độ" }]} />
      <Card>
        <Space style={{ width: "100%", justifyContent: "space-between" }} wrap align="start">
          <div>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              Tiến độ: {m.campaign.name}
            </Typography.Title>
            <Typography.Text type="secondary">Tính đến ngày {fmtDate(m.today)}. Bấm một ô để mở bài, số liệu của đơn vị; bấm tiêu đề cột để xem xét mục đó.</Typography.Text>
          </div>
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={() => void progress.refetch()} loading={progress.isFetching}>
              Cập nhật
            </Button>
            {m.canReview && (
              <>
                <Link to={`/dot/${m.campaign.id}/nhac-han`}>
                  <Button icon={<BellOutlined />}>Nhắc hạn</Button>
                </Link>
                <Link to={`/dot/${m.campaign.id}/don-doc${milestoneCode ? `?moc=${m.milestones.find((x) => x.code === milestoneCode)?.id ?? ""}` : ""}`} data-testid="to-chase-letter">
                  <Button type="primary" icon={<FileWordOutlined />}>
                    Công văn đôn đốc
                  </Button>
                </Link>
              </>
            )}
          </Space>
        </Space>
        <div style={{ marginTop: 16 }}>
          <Summary m={m} />
        </div>
      </Card>
      <Definitions />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented<ProgressFilter>
            value={filter}
            onChange={(v) => set("loc", v === "all" ? null : v)}
            options={FILTERS.map((f) => ({ value: f, label: <span data-testid={`filter-${f}`}>{FILTER_LABELS[f]}</span> }))}
          />
          <Select
            allowClear
            placeholder="Nhóm cơ quan"
            style={{ width: 260 }}
            value={groupId ?? undefined}
            onChange={(v: string | undefined) => set("nhom", v ?? null)}
            options={m.groups.map((g) => ({ value: g.id, label: g.name }))}
            showSearch
            optionFilterProp="label"
          />
          <Select
            allowClear
            placeholder="Mốc thời hạn"
            style={{ width: 220 }}
            value={milestoneCode ?? undefined}
            onChange={(v: string | undefined) => set("moc", v ?? null)}
            options={m.milestones.map((x) => ({ value: x.code, label: `${x.code} — ${x.wording || fmtDate(x.due)}` }))}
          />
          <Input.Search allowClear placeholder="Tìm cơ quan (gõ không dấu được)" style={{ width: 260 }} value={search} onChange={(e) => setSearch(e.target.value)} />
          <Typography.Text type="secondary" data-testid="progress-count">
            {view.rows.length} cơ quan × {view.cols.length} phần việc
          </Typography.Text>
        </Space>
        {view.rows.length === 0 ? (
          <Alert type="success" showIcon title={filter === "late" ? "Không có cơ quan nào quá hạn." : "Không có ô nào khớp bộ lọc."} />
        ) : (
          <ProgressGrid matrix={m} view={view} height={height} onCell={onCell} onColumn={onColumn} onAgency={setAgency} />
        )}
      </Card>
      <Drawer open={a != null} onClose={() => setAgency(null)} title={a?.name} width={560}>
        {a && (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Typography.Text>
              Đã gửi {a.counts.delivered}/{a.counts.assigned} phần việc ({pct(a.rates.completeness)}); ô số liệu {a.rates.cellsFilled}/{a.rates.cellsTotal}; đúng hạn{" "}
              {a.rates.timelinessBase ? `${a.rates.onTime}/${a.rates.timelinessBase}` : "—"}.
              {a.users === 0 ? " Đơn vị chưa có tài khoản trên hệ thống: chỉ đôn đốc được bằng công văn." : ""}
            </Typography.Text>
            {m.canReview && (
              <Space wrap>
                <Button onClick={() => setExtension({ agencyId: a.id, agencyName: a.name })} data-testid="agency-extend">
                  Gia hạn mọi phần việc chưa gửi
                </Button>
                <Link to={`/dot/${m.campaign.id}/don-doc?agencyIds=${a.id}`}>
                  <Button>Công văn đôn đốc đơn vị này</Button>
                </Link>
              </Space>
            )}
            {agencyCells.map((c) => {
              const col = m.columns[c[1]]!;
              return (
                <Card key={c[1]} size="small" hoverable onClick={() => void navigate(drillDownPath(m, c))}>
                  <Typography.Text strong>{col.label}</Typography.Text> <Typography.Text type="secondary">{col.title.slice(0, 120)}</Typography.Text>
                  <div>
                    {c[4] ? <Typography.Text type="danger">Quá hạn {c[4]} ngày</Typography.Text> : null} {c[5] ? `· hạn ${fmtDate(c[5])}${c[6] ? " (đã gia hạn)" : ""}` : ""} · {c[3] ? "phối hợp" : "chủ trì"}
                  </div>
                </Card>
              );
            })}
          </Space>
        )}
      </Drawer>
      {extension && <ExtensionModal campaignId={m.campaign.id} target={extension} onClose={() => setExtension(null)} />}
    </Space>
  );
}

export { ProgressPage as Component };
