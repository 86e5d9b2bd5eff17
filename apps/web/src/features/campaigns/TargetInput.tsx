import { tryParseTarget } from "@tonghop/domain";
import { Input, Typography } from "antd";

const COMPARATORS: Record<string, string> = {
  ">=": "tối thiểu",
  ">": "trên",
  "<=": "tối đa",
  "<": "dưới",
  "=": "đạt",
  range: "trong khoảng",
  composite: "cơ cấu",
};

/** The check of a target text by the domain's grammar: null when empty or valid, else the Vietnamese error. */
export function targetError(text: string | null | undefined): string | null {
  if (!text?.trim()) return null;
  const r = tryParseTarget(text.trim());
  return r.ok ? null : r.error;
}

/** Target text ("10,5%/năm", "12-17", "<4") checked live by the domain's grammar, with how it will be read. */
export function TargetInput(props: { id?: string; value?: string | null; onChange?: (v: string) => void }) {
  const text = props.value ?? "";
  const r = text.trim() ? tryParseTarget(text.trim()) : null;
  let hint: React.ReactNode = <Typography.Text type="secondary">Ví dụ: 10,5%/năm · 12-17 · &lt;4 · tối thiểu 16%/năm · 57 - 37,7 - 5,3</Typography.Text>;
  if (r && r.ok) {
    const t = r.target;
    const value =
      t.comparator === "range" ? `${t.min} – ${t.max}` : t.comparator === "composite" ? (t.components ?? []).join(" – ") : String(t.value ?? "");
    hint = (
      <Typography.Text type="success">
        Hiểu là: {COMPARATORS[t.comparator] ?? t.comparator} {value.replace(/\./g, ",")}
        {t.percent ? "%" : ""}
        {t.perYear ? " mỗi năm" : ""}
      </Typography.Text>
    );
  } else if (r && !r.ok) {
    hint = <Typography.Text type="danger">{r.error}</Typography.Text>;
  }
  return (
    <div>
      <Input id={props.id} value={text} status={r && !r.ok ? "error" : undefined} onChange={(e) => props.onChange?.(e.target.value)} aria-label="Mục tiêu" />
      <div style={{ marginTop: 4, fontSize: 12 }} data-testid="target-hint">
        {hint}
      </div>
    </div>
  );
}
