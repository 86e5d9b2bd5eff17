import type {
  AddAgencyRowRequest,
  FigureHistoryDto,
  IndicatorGridDto,
  SaveFiguresRequest,
  SaveFiguresResultDto,
  UpdateAgencyRowRequest,
} from "@tonghop/contracts";
import { useQuery } from "@tanstack/react-query";
import { api, qs } from "../../../api/client";

export const gridKeys = {
  all: ["figures-grid"] as const,
  grid: (appendixId: string, agencyId: string | null) => ["figures-grid", appendixId, agencyId ?? ""] as const,
  history: (appendixId: string, rowId: string, columnKey: string, agencyId: string | null) => ["figures-history", appendixId, rowId, columnKey, agencyId ?? ""] as const,
};

export function useIndicatorGrid(appendixId: string, agencyId: string | null) {
  return useQuery({
    queryKey: gridKeys.grid(appendixId, agencyId),
    queryFn: () => api.get<IndicatorGridDto>(`/api/workspace/indicators/${appendixId}${qs({ agencyId })}`),
    // Pending edits live in the page; a refetch on focus must not surprise the user mid-entry.
    refetchOnWindowFocus: false,
  });
}

export function useFigureHistory(appendixId: string, rowId: string | null, columnKey: string | null, agencyId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: gridKeys.history(appendixId, rowId ?? "", columnKey ?? "", agencyId),
    queryFn: () => api.get<FigureHistoryDto>(`/api/workspace/indicators/${appendixId}/history${qs({ rowId, columnKey, agencyId })}`),
    enabled: enabled && !!rowId && !!columnKey,
  });
}

export function saveFigures(assignmentId: string, body: SaveFiguresRequest) {
  return api.post<SaveFiguresResultDto>(`/api/workspace/indicators/assignments/${assignmentId}/cells`, body);
}

export function addAgencyRow(assignmentId: string, body: AddAgencyRowRequest) {
  return api.post<{ rowId: string; indicatorCode: string; version: number }>(`/api/workspace/indicators/assignments/${assignmentId}/rows`, body);
}

export function updateAgencyRow(assignmentId: string, rowId: string, body: UpdateAgencyRowRequest) {
  return api.patch<{ rowId: string; indicatorCode: string; version: number }>(`/api/workspace/indicators/assignments/${assignmentId}/rows/${rowId}`, body);
}

export function deleteAgencyRow(assignmentId: string, rowId: string, version: number) {
  return api.delete<void>(`/api/workspace/indicators/assignments/${assignmentId}/rows/${rowId}${qs({ version })}`);
}
