import type { RecordListDto } from "@tonghop/contracts";
import { useQuery } from "@tanstack/react-query";
import { api, qs } from "../../../api/client";

export type RecordValues = Record<string, string | number | null>;

export const recordKeys = {
  all: ["record-list"] as const,
  list: (appendixId: string, agencyId: string | null) => ["record-list", appendixId, agencyId ?? ""] as const,
};

export function useRecordList(appendixId: string, agencyId: string | null) {
  return useQuery({
    queryKey: recordKeys.list(appendixId, agencyId),
    queryFn: () => api.get<RecordListDto>(`/api/workspace/records/${appendixId}${qs({ agencyId })}`),
  });
}

const base = (assignmentId: string) => `/api/workspace/records/assignments/${assignmentId}/rows`;

export const addRecord = (assignmentId: string, values: RecordValues) => api.post<{ id: string; version: number }>(base(assignmentId), { values });
export const updateRecord = (assignmentId: string, rowId: string, values: RecordValues, version: number) =>
  api.patch<{ id: string; version: number }>(`${base(assignmentId)}/${rowId}`, { values, version });
export const deleteRecord = (assignmentId: string, rowId: string, version: number) => api.delete<void>(`${base(assignmentId)}/${rowId}${qs({ version })}`);
export const moveRecord = (assignmentId: string, rowId: string, direction: "up" | "down", version: number) =>
  api.post<{ id: string; version: number }>(`${base(assignmentId)}/${rowId}/move`, { direction, version });
