import type { AgencyDetailDto, AgencyDto, AgencyGroupDto } from "@tonghop/contracts";
import { useQuery } from "@tanstack/react-query";
import { api, qs } from "../../api/client";

export const agencyKeys = {
  all: ["agencies"] as const,
  list: (asOf: string | undefined, q: string, includeInactive: boolean) => ["agencies", "list", asOf, q, includeInactive] as const,
  detail: (id: string, asOf?: string) => ["agencies", "detail", id, asOf] as const,
  groups: (asOf?: string) => ["agencies", "groups", asOf] as const,
};

export function useAgencies(opts: { asOf?: string; q?: string; includeInactive?: boolean } = {}) {
  const q = opts.q ?? "";
  const includeInactive = opts.includeInactive ?? false;
  return useQuery({
    queryKey: agencyKeys.list(opts.asOf, q, includeInactive),
    queryFn: () => api.get<AgencyDto[]>(`/api/agencies${qs({ asOf: opts.asOf, q, includeInactive: includeInactive ? "true" : undefined })}`),
    staleTime: 60_000,
  });
}

export function useAgency(id: string | undefined, asOf?: string) {
  return useQuery({
    queryKey: agencyKeys.detail(id ?? "", asOf),
    queryFn: () => api.get<AgencyDetailDto>(`/api/agencies/${id}${qs({ asOf })}`),
    enabled: !!id,
  });
}

export function useAgencyGroups(asOf?: string) {
  return useQuery({
    queryKey: agencyKeys.groups(asOf),
    queryFn: () => api.get<AgencyGroupDto[]>(`/api/agency-groups${qs({ asOf })}`),
    staleTime: 60_000,
  });
}
