import type { AgencyRefDto, AgencyRefInput } from "@tonghop/contracts";
import { normalizeSearchText } from "@tonghop/domain";
import { Select, Tag } from "antd";
import { useMemo } from "react";
import { useAgencies, useAgencyGroups } from "../agencies/agencies.api";

const encode = (r: AgencyRefInput) => `${r.kind}:${r.id}`;
const decode = (v: string): AgencyRefInput => {
  const [kind, id] = v.split(":") as ["agency" | "group", string];
  return { kind, id };
};

export const toRefInputs = (refs: readonly AgencyRefDto[]): AgencyRefInput[] => refs.map((r) => ({ kind: r.kind, id: r.id }));

/**
 * Searchable multi-select of agencies AND groups ("Các sở, ban, ngành thành phố") as of the campaign's date, in
 * the order chosen (the order of the directive). The search ignores diacritics and matches abbreviations.
 */
export function AgencyRefSelect(props: {
  id?: string;
  value?: AgencyRefInput[];
  onChange?: (value: AgencyRefInput[]) => void;
  asOf: string;
  placeholder?: string;
  single?: boolean;
  agenciesOnly?: boolean;
  "aria-label"?: string;
}) {
  const agencies = useAgencies({ asOf: props.asOf });
  const groups = useAgencyGroups(props.asOf);
  type Option = { value: string; label: string; kind: "agency" | "group"; search: string };
  const options = useMemo(() => {
    const g: Option[] = props.agenciesOnly
      ? []
      : (groups.data ?? []).map((x) => ({
          value: `group:${x.id}`,
          label: x.name,
          kind: "group",
          search: normalizeSearchText(`${x.name} ${x.aliases.join(" ")} nhom`),
        }));
    const a: Option[] = (agencies.data ?? []).map((x) => ({
      value: `agency:${x.id}`,
      label: x.name,
      kind: "agency",
      search: normalizeSearchText(`${x.name} ${x.shortName} ${x.abbreviation} ${x.aliases.join(" ")}`),
    }));
    return [
      ...(g.length ? [{ label: "Nhóm cơ quan", title: "groups", options: g }] : []),
      { label: "Cơ quan", title: "agencies", options: a },
    ];
  }, [agencies.data, groups.data, props.agenciesOnly]);
  const kindOf = useMemo(() => new Map(options.flatMap((o) => o.options).map((o) => [o.value, o.kind])), [options]);
  return (
    <Select
      id={props.id}
      aria-label={props["aria-label"]}
      mode={props.single ? undefined : "multiple"}
      showSearch
      allowClear
      loading={agencies.isLoading || groups.isLoading}
      placeholder={props.placeholder ?? "Gõ tên cơ quan hoặc nhóm (không cần dấu)"}
      value={props.single ? props.value?.map(encode)[0] : (props.value ?? []).map(encode)}
      onChange={(v: string | string[] | undefined) => {
        const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
        props.onChange?.(list.map(decode));
      }}
      options={options}
      filterOption={(input, option) => {
        const hay = (option as { search?: string } | undefined)?.search;
        if (!hay) return false;
        const tokens = normalizeSearchText(input).split(" ").filter(Boolean);
        return tokens.every((t) => hay.includes(t) || hay.replace(/\s+/g, "").includes(t));
      }}
      tagRender={(tag) => (
        <Tag closable={tag.closable} onClose={tag.onClose} color={kindOf.get(String(tag.value)) === "group" ? "gold" : undefined} style={{ marginInlineEnd: 4 }}>
          {tag.label}
        </Tag>
      )}
      style={{ width: "100%" }}
    />
  );
}

/** Agency and group names as tags (groups in gold). */
export function AgencyTags({ refs, inherited }: { refs: readonly AgencyRefDto[]; inherited?: boolean }) {
  if (!refs.length) return null;
  return (
    <>
      {refs.map((r) => (
        <Tag key={`${r.kind}:${r.id}`} color={r.kind === "group" ? "gold" : inherited ? undefined : "blue"} style={inherited ? { opacity: 0.7, borderStyle: "dashed" } : undefined} title={r.name !== r.displayName ? `Văn bản ghi: ${r.name}` : undefined}>
          {r.displayName}
        </Tag>
      ))}
    </>
  );
}
