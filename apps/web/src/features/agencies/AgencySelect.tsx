import { normalizeSearchText } from "@tonghop/domain";
import { Select } from "antd";
import { useAgencies } from "./agencies.api";

/** Searchable agency picker; the search ignores diacritics and matches abbreviations. */
export function AgencySelect(props: {
  /** Set by Form.Item so that its label points at the input. */
  id?: string;
  value?: string | string[] | undefined;
  onChange?: (value: string | string[]) => void;
  multiple?: boolean;
  placeholder?: string;
  excludeId?: string;
  asOf?: string;
  style?: React.CSSProperties;
}) {
  const agencies = useAgencies(props.asOf ? { asOf: props.asOf } : {});
  const options = (agencies.data ?? [])
    .filter((a) => a.id !== props.excludeId)
    .map((a) => ({ value: a.id, label: a.name, search: normalizeSearchText(`${a.name} ${a.shortName} ${a.abbreviation} ${a.aliases.join(" ")}`) }));
  return (
    <Select
      id={props.id}
      showSearch
      mode={props.multiple ? "multiple" : undefined}
      value={props.value}
      onChange={(v: string | string[]) => props.onChange?.(v)}
      loading={agencies.isLoading}
      placeholder={props.placeholder ?? "Chọn cơ quan"}
      options={options}
      optionFilterProp="label"
      filterOption={(input, option) => {
        const tokens = normalizeSearchText(input).split(" ").filter(Boolean);
        const hay = option?.search ?? "";
        return tokens.every((t) => hay.includes(t) || hay.replace(/\s+/g, "").includes(t));
      }}
      style={props.style ?? { width: "100%" }}
      allowClear
    />
  );
}
