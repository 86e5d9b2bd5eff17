import type {
  AnalyticsCampaignDto,
  ChartDataExportRequest,
  CreateFigureRequest,
  DashboardQuery,
  IndicatorDashboardDto,
  OperationsDto,
  ReportFigureDto,
  ReportFiguresDto,
  UpdateFigureRequest,
} from "@tonghop/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "../../api/client";
import { indicatorsUrl, takePrefetched } from "./prefetch";

const base = (campaignId: string) => `/api/analytics/campaigns/${campaignId}`;

export const analyticsKeys = {
  campaigns: ["analytics", "campaigns"] as const,
  indicators: (id: string, q: DashboardQuery) => ["analytics", "indicators", id, q.group ?? "", q.agency ?? "", q.verdict ?? ""] as const,
  operations: (id: string) => ["analytics", "operations", id] as const,
  figures: (id: string) => ["analytics", "figures", id] as const,
};

export function useAnalyticsCampaigns() {
  return useQuery({ queryKey: analyticsKeys.campaigns, queryFn: () => api.get<AnalyticsCampaignDto[]>("/api/analytics/campaigns"), staleTime: 30_000 });
}

export function useIndicatorDashboard(campaignId: string, query: DashboardQuery) {
  return useQuery({
    queryKey: analyticsKeys.indicators(campaignId, query),
    queryFn: () => {
      const filtered = !!(query.group || query.agency || query.verdict);
      return (!filtered && takePrefetched(campaignId)) || api.get<IndicatorDashboardDto>(indicatorsUrl(campaignId, qs({ group: query.group, agency: query.agency, verdict: query.verdict })));
    },
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useOperations(campaignId: string, enabled: boolean) {
  return useQuery({ queryKey: analyticsKeys.operations(campaignId), queryFn: () => api.get<OperationsDto>(`${base(campaignId)}/operations`), enabled, staleTime: 30_000 });
}

export function useFigures(campaignId: string, enabled: boolean) {
  return useQuery({ queryKey: analyticsKeys.figures(campaignId), queryFn: () => api.get<ReportFiguresDto>(`${base(campaignId)}/figures`), enabled });
}

export function figureImageUrl(campaignId: string, figureId: string): string {
  return `${base(campaignId)}/figures/${figureId}/image.png`;
}

export function useFigureMutations(campaignId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: analyticsKeys.figures(campaignId) });
  return {
    create: useMutation({ mutationFn: (body: CreateFigureRequest) => api.post<ReportFigureDto>(`${base(campaignId)}/figures`, body), onSuccess: refresh }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateFigureRequest }) => api.patch<ReportFigureDto>(`${base(campaignId)}/figures/${id}`, body), onSuccess: refresh }),
    reorder: useMutation({ mutationFn: (ids: string[]) => api.put<ReportFiguresDto>(`${base(campaignId)}/figures/order`, { ids }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => api.delete<void>(`${base(campaignId)}/figures/${id}`), onSuccess: refresh }),
  };
}

export function exportXlsx(campaignId: string, body: ChartDataExportRequest): Promise<Blob> {
  return api.post<Blob>(`${base(campaignId)}/export.xlsx`, body);
}
