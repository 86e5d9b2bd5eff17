import type { AssignmentWorkflowDto, SendAllPreviewDto, SendAllResultDto, WorkflowRequest } from "@tonghop/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";

export const workflowKeys = {
  one: (assignmentId: string) => ["workflow", assignmentId] as const,
  sendAll: (campaignId: string) => ["workflow", "send-all", campaignId] as const,
};

/** The workflow view of an assignment for the signed-in user (state, due date, buttons, history). */
export function useWorkflow(assignmentId: string, initialData?: AssignmentWorkflowDto) {
  return useQuery({
    queryKey: workflowKeys.one(assignmentId),
    queryFn: () => api.get<AssignmentWorkflowDto>(`/api/workspace/workflow/${assignmentId}`),
    ...(initialData ? { initialData } : {}),
  });
}

/** One workflow step; on success the workflow, the section pages and the task lists are refreshed. */
export function useTransition(assignmentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: WorkflowRequest) => api.post<AssignmentWorkflowDto>(`/api/workspace/workflow/${assignmentId}`, req),
    onSuccess: (dto) => {
      qc.setQueryData(workflowKeys.one(assignmentId), dto);
      void qc.invalidateQueries({ queryKey: ["sections"] });
      void qc.invalidateQueries({ queryKey: ["me"] });
      void qc.invalidateQueries({ queryKey: ["workspace-progress"] });
    },
  });
}

export function useSendAllPreview(campaignId: string, enabled: boolean) {
  return useQuery({
    queryKey: workflowKeys.sendAll(campaignId),
    queryFn: () => api.get<SendAllPreviewDto>(`/api/workspace/workflow/campaigns/${campaignId}/send-all`),
    enabled,
  });
}

export function useSendAll(campaignId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<SendAllResultDto>(`/api/workspace/workflow/campaigns/${campaignId}/send-all`, {}),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ["workflow"] });
      void qc.invalidateQueries({ queryKey: ["sections"] });
      void qc.invalidateQueries({ queryKey: ["me"] });
      void qc.invalidateQueries({ queryKey: ["workspace-progress"] });
    },
  });
}
