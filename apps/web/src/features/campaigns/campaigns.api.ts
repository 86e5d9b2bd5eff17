import type {
  AgencyRefInput,
  AssignmentMatrixDto,
  CampaignDetailDto,
  CampaignSummaryDto,
  CatalogueIndicatorDetailDto,
  CatalogueIndicatorDto,
  ImportTemplateResultDto,
} from "@tonghop/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { api, ApiError, qs } from "../../api/client";

export const campaignKeys = {
  all: ["campaigns"] as const,
  list: () => ["campaigns", "list"] as const,
  detail: (id: string) => ["campaigns", "detail", id] as const,
  matrix: (id: string) => ["campaigns", "matrix", id] as const,
  catalogue: (q: string, pending: boolean) => ["catalogue", q, pending] as const,
  indicator: (id: string) => ["catalogue", "indicator", id] as const,
};

export function useCampaigns() {
  return useQuery({ queryKey: campaignKeys.list(), queryFn: () => api.get<CampaignSummaryDto[]>("/api/campaigns") });
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: campaignKeys.detail(id ?? ""),
    queryFn: () => api.get<CampaignDetailDto>(`/api/campaigns/${id}`),
    enabled: !!id,
  });
}

export function useAssignmentMatrix(id: string, enabled = true) {
  return useQuery({
    queryKey: campaignKeys.matrix(id),
    queryFn: () => api.get<AssignmentMatrixDto>(`/api/campaigns/${id}/assignments`),
    enabled,
  });
}

export function useCatalogue(q: string, pending: boolean) {
  return useQuery({
    queryKey: campaignKeys.catalogue(q, pending),
    queryFn: () => api.get<CatalogueIndicatorDto[]>(`/api/catalogue/indicators${qs({ q, pending: pending ? "true" : undefined })}`),
    staleTime: 30_000,
  });
}

export function useCatalogueIndicator(id: string | null) {
  return useQuery({
    queryKey: campaignKeys.indicator(id ?? ""),
    queryFn: () => api.get<CatalogueIndicatorDetailDto>(`/api/catalogue/indicators/${id}`),
    enabled: !!id,
  });
}

export function importTemplate(input: { file: File; dryRun: boolean; code?: string; name?: string }): Promise<ImportTemplateResultDto> {
  const form = new FormData();
  form.set("dryRun", input.dryRun ? "true" : "false");
  if (input.code) form.set("code", input.code);
  if (input.name) form.set("name", input.name);
  form.set("file", input.file, input.file.name);
  return api.upload<ImportTemplateResultDto>("/api/campaigns/import/file", form);
}

export type RefInput = AgencyRefInput;

/**
 * One setup edit: sends the campaign's version, stores the returned campaign, tells the user, and on a version
 * conflict reloads the campaign so that the editor shows the other person's change.
 */
export function useCampaignEdit(campaignId: string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (op: { method: "POST" | "PATCH" | "DELETE"; path: string; body?: Record<string, unknown>; done?: string }) => {
      const url = `/api/campaigns/${campaignId}${op.path}`;
      if (op.method === "DELETE") return api.delete<CampaignDetailDto>(url);
      if (op.method === "PATCH") return api.patch<CampaignDetailDto>(url, op.body ?? {});
      return api.post<CampaignDetailDto>(url, op.body ?? {});
    },
    onSuccess: (c, op) => {
      queryClient.setQueryData(campaignKeys.detail(campaignId), c);
      void queryClient.invalidateQueries({ queryKey: campaignKeys.matrix(campaignId) });
      void queryClient.invalidateQueries({ queryKey: campaignKeys.list() });
      if (op.done) void message.success(op.done);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === "VERSION_CONFLICT") void queryClient.invalidateQueries({ queryKey: campaignKeys.detail(campaignId) });
      void message.error(e.message, 6);
    },
  });
}
