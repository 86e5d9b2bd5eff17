import type { ActionTaskDto, CreateProgrammeRequest, OutlineChoiceDto, ProgrammeDto, RelatedTasksDto, SaveTaskRequest, TaskListQuery, TaskReportDto, TaskReportRequest } from "@tonghop/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { sentRemindersKey } from "../../components/SentRemindersTable";
import { api, qs } from "../../api/client";

export const programmeKeys = {
  all: ["action-programme"] as const,
  list: ["action-programme", "list"] as const,
  one: (id: string) => ["action-programme", "one", id] as const,
  tasks: (id: string, q: TaskListQuery) => ["action-programme", "tasks", id, q] as const,
  outline: (id: string) => ["action-programme", "outline", id] as const,
  reports: (taskId: string) => ["action-programme", "reports", taskId] as const,
  related: (campaignId: string) => ["action-programme", "related", campaignId] as const,
};

export const exportUrl = (id: string, kind: "docx" | "xlsx") => `/api/action-programmes/${id}/export/${kind}`;

export function useProgrammes() {
  return useQuery({ queryKey: programmeKeys.list, queryFn: () => api.get<ProgrammeDto[]>("/api/action-programmes") });
}

export function useProgramme(id: string) {
  return useQuery({ queryKey: programmeKeys.one(id), queryFn: () => api.get<ProgrammeDto>(`/api/action-programmes/${id}`) });
}

export function useTasks(id: string, q: TaskListQuery) {
  return useQuery({ queryKey: programmeKeys.tasks(id, q), queryFn: () => api.get<ActionTaskDto[]>(`/api/action-programmes/${id}/tasks${qs({ ...q })}`) });
}

export function useOutlineChoices(id: string, enabled: boolean) {
  return useQuery({ queryKey: programmeKeys.outline(id), queryFn: () => api.get<OutlineChoiceDto[]>(`/api/action-programmes/${id}/outline`), enabled });
}

export function useTaskReports(taskId: string) {
  return useQuery({ queryKey: programmeKeys.reports(taskId), queryFn: () => api.get<TaskReportDto[]>(`/api/action-tasks/${taskId}/reports`) });
}

/** Tasks by indicator code for a campaign's dashboard (one request shared by every card). */
export function useRelatedTasks(campaignId: string) {
  return useQuery({ queryKey: programmeKeys.related(campaignId), queryFn: () => api.get<RelatedTasksDto>(`/api/analytics/campaigns/${campaignId}/related-tasks`), staleTime: 60_000 });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: programmeKeys.all });
}

export function useCreateProgramme() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: CreateProgrammeRequest) => api.post<ProgrammeDto>("/api/action-programmes", body), onSuccess: invalidate });
}

export function useSaveTask(programmeId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: SaveTaskRequest }) => (id ? api.put<ActionTaskDto>(`/api/action-tasks/${id}`, body) : api.post<ActionTaskDto>(`/api/action-programmes/${programmeId}/tasks`, body)),
    onSuccess: invalidate,
  });
}

export function useDeleteTask() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.delete<void>(`/api/action-tasks/${id}`), onSuccess: invalidate });
}

export function useFromOutline(programmeId: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (itemIds: string[]) => api.post<ActionTaskDto[]>(`/api/action-programmes/${programmeId}/tasks/from-outline`, { itemIds }), onSuccess: invalidate });
}

export function useImportTasks(programmeId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return api.upload<{ imported: number }>(`/api/action-programmes/${programmeId}/import`, form);
    },
    onSuccess: invalidate,
  });
}

export function useReportTask() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: TaskReportRequest }) => api.post<ActionTaskDto>(`/api/action-tasks/${id}/reports`, body), onSuccess: invalidate });
}

export function useRemindNow(programmeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ sent: number }>(`/api/action-programmes/${programmeId}/remind`),
    onSuccess: () => qc.invalidateQueries({ queryKey: sentRemindersKey(`/api/action-programmes/${programmeId}/reminders`) }),
  });
}
