import type { CampaignSummaryDto, CompileDiffDto, CompileDraftDto, CompileDraftSummaryDto, CompileOptionsDto, CompileRequest } from "@tonghop/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "../../api/client";

export const compileKeys = {
  campaigns: ["compile", "campaigns"] as const,
  options: (id: string) => ["compile", "options", id] as const,
  drafts: (id: string) => ["compile", "drafts", id] as const,
  draft: (id: string, draftId: string) => ["compile", "draft", id, draftId] as const,
  diff: (id: string, from: string, to: string) => ["compile", "diff", id, from, to] as const,
};

export function useCompileCampaigns() {
  return useQuery({ queryKey: compileKeys.campaigns, queryFn: () => api.get<CampaignSummaryDto[]>("/api/campaigns") });
}

export function useCompileOptions(campaignId: string | undefined) {
  return useQuery({ queryKey: compileKeys.options(campaignId ?? ""), queryFn: () => api.get<CompileOptionsDto>(`/api/campaigns/${campaignId}/compile/options`), enabled: !!campaignId });
}

export function useDrafts(campaignId: string | undefined) {
  return useQuery({ queryKey: compileKeys.drafts(campaignId ?? ""), queryFn: () => api.get<CompileDraftSummaryDto[]>(`/api/campaigns/${campaignId}/compile/drafts`), enabled: !!campaignId });
}

export function useDraft(campaignId: string, draftId: string | null) {
  return useQuery({
    queryKey: compileKeys.draft(campaignId, draftId ?? ""),
    queryFn: () => api.get<CompileDraftDto>(`/api/campaigns/${campaignId}/compile/drafts/${draftId}`),
    enabled: !!draftId,
  });
}

export function useDiff(campaignId: string, pair: [string, string] | null) {
  return useQuery({
    queryKey: compileKeys.diff(campaignId, pair?.[0] ?? "", pair?.[1] ?? ""),
    queryFn: () => api.get<CompileDiffDto>(`/api/campaigns/${campaignId}/compile/diff${qs({ from: pair![0], to: pair![1] })}`),
    enabled: !!pair,
  });
}

export function useCompile(campaignId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: CompileRequest) => api.post<CompileDraftDto>(`/api/campaigns/${campaignId}/compile`, req),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: compileKeys.drafts(campaignId) });
    },
  });
}

export const fileUrl = (campaignId: string, draftId: string, kind: "docx" | "xlsx" | "pdf") => `/api/campaigns/${campaignId}/compile/drafts/${draftId}/${kind}`;
