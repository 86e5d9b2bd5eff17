import { DIRECTION_LABELS, TREND_LABELS, VALUE_STATUS_SHORT_LABELS, type IndicatorAnalysisDto } from "@tonghop/contracts";
import { VALUE_STATUS_LABELS } from "@tonghop/domain";
import { Tag, Tooltip } from "antd";
import { ASSESSMENT_STYLES, VERDICT_STYLES } from "./charts/theme";
import { signedText, valueText } from "./charts/vn-format";

const ARROW = { higher: "↑", lower: "↓", neutral: "↕" } as const;

/** Which way is better, in words (the badge carries it so that a lower-is-better verdict reads right). */
export function directionHint(direction: IndicatorAnalysisDto["direction"]): string {
  return `${ARROW[direction]} ${DIRECTION_LABELS[direction].toLowerCase()}`;
}

function evaluationExplanation(item: IndicatorAnalysisDto): string {
  const e = item.evaluation;
  if (!e) return "";
  if (e.verdict === "thieu-so-lieu") return e.missingYears.length ? `Thiếu số liệu năm ${e.missingYears.join(", ")}` : (e.note ?? "Chưa đủ số liệu");
  if (e.verdict === null) return e.note ?? "";
  const parts = [`Thực hiện ${valueText(e.value, item.decimals, item.unit)} so với mục tiêu ${item.target?.text ?? ""}`];
  if (e.gap !== null && e.gap !== 0) parts.push(`chênh lệch ${signedText(e.gap, item.decimals)}`);
  if (e.note && item.kind === "composite") parts.push(e.note);
  return parts.join("; ");
}

/**
 * Verdict against the target, with a symbol and text (never colour alone) and the good direction; for rows without
 * a target, the change since the base year.
 */
export function VerdictBadge({ item }: { item: IndicatorAnalysisDto }) {
  if (item.evaluation) {
    const key = item.verdict ?? "none";
    const s = VERDICT_STYLES[key];
    const label = item.verdict ? s.label : item.evaluation.label;
    return (
      <Tooltip title={evaluationExplanation(item)}>
        <Tag data-testid="verdict-badge" style={{ color: s.text, background: s.background, borderColor: s.color, marginInlineEnd: 0, fontWeight: 600 }}>
          {s.symbol} {label}
          {item.kind === "indicator" && <span style={{ fontWeight: 400, marginInlineStart: 6 }}>· {directionHint(item.direction)}</span>}
        </Tag>
      </Tooltip>
    );
  }
  if (item.trend) {
    const a = item.trend.assessment ?? "na";
    const style = ASSESSMENT_STYLES[a];
    return (
      <Tooltip title={`Năm ${item.trend.toYear} so với năm ${item.trend.fromYear}: ${signedText(item.trend.change, item.decimals)}${item.unit ? ` ${item.unit}` : ""}`}>
        <Tag data-testid="trend-badge" style={{ color: "#262626", borderColor: style.color, background: "#fff", marginInlineEnd: 0 }}>
          <span style={{ color: style.color }}>{style.symbol}</span> {a === "na" ? `${signedText(item.trend.change, item.decimals)} so với ${item.trend.fromYear}` : `${TREND_LABELS[a]} so với ${item.trend.fromYear}`}
          <span style={{ marginInlineStart: 6 }}>· {directionHint(item.direction)}</span>
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tag data-testid="verdict-badge" style={{ marginInlineEnd: 0 }}>
      {VERDICT_STYLES.none.symbol} {item.hasData ? "Không có mục tiêu" : "Chưa có số liệu"}
    </Tag>
  );
}

const STATUS_COLORS = { uoc: "#8a3c00", "so-bo": "#5c4a00", "chinh-thuc": "#004a75" } as const;

/** The weakest status of the figures used: Ước / Sơ bộ / Chính thức. */
export function StatusBadge({ status }: { status: IndicatorAnalysisDto["status"] }) {
  if (!status) return null;
  return (
    <Tooltip title={`Số liệu yếu nhất được dùng: ${VALUE_STATUS_LABELS[status]}`}>
      <Tag data-testid="status-badge" bordered={false} style={{ color: STATUS_COLORS[status], background: "#f5f5f5", marginInlineEnd: 0 }}>
        Số liệu: {VALUE_STATUS_SHORT_LABELS[status]}
      </Tag>
    </Tooltip>
  );
}
