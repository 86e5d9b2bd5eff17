import type {
  ChaseLetterDraftDto,
  ChaseLetterDto,
  ChaseLetterForm,
  ExtensionRequest,
  ExtensionResultDto,
  ProgressMatrixDto,
  ReminderLogDto,
  ReviewActionRequest,
  ReviewDto,
} from "@tonghop/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs, request } from "../../api/client";
import { progressUrl, takePrefetchedProgress } from "./progress-prefetch";

export const consoleKeys = {
  all: ["console"] as const,
  progress: (id: string) => ["console", "progress", id] as const,
  review: (id: string, itemId: string) => ["console", "review", id, itemId] as const,
  chase: (id: string, milestoneId: string | null, agencyIds: string | null) => ["console", "chase", id, milestoneId, agencyIds] as const,
  letterTasks: (id: string) => ["console", "letter-tasks", id] as const,
};

export function useProgress(campaignId: string) {
  return useQuery({ queryKey: consoleKeys.progress(campaignId), queryFn: () => takePrefetchedProgress(campaignId) ?? api.get<ProgressMatrixDto>(progressUrl(campaignId)) });
}

export function useReview(campaignId: string, itemId: string) {
  return useQuery({ queryKey: consoleKeys.review(campaignId, itemId), queryFn: () => api.get<ReviewDto>(`/api/campaigns/${campaignId}/review/${itemId}`) });
}

export function useReviewAction(campaignId: string, itemId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ assignmentId, body }: { assignmentId: string; body: ReviewActionRequest }) =>
      api.post<ReviewDto>(`/api/campaigns/${campaignId}/review/${itemId}/parts/${assignmentId}`, body),
    onSuccess: (data) => {
      qc.setQueryData(consoleKeys.review(campaignId, itemId), data);
      void qc.invalidateQueries({ queryKey: consoleKeys.progress(campaignId) });
    },
  });
}

export function useExtend(campaignId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ExtensionRequest) => api.post<ExtensionResultDto>(`/api/campaigns/${campaignId}/extensions`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: consoleKeys.all }),
  });
}

export function useChaseDraft(campaignId: string, milestoneId: string | null, agencyIds: string | null) {
  return useQuery({
    queryKey: consoleKeys.chase(campaignId, milestoneId, agencyIds),
    queryFn: () => api.get<ChaseLetterDraftDto>(`/api/campaigns/${campaignId}/chase-letter/draft${qs({ milestoneId, agencyIds })}`),
    staleTime: Infinity,
  });
}

export function useLetterTasks(campaignId: string, enabled: boolean) {
  return useQuery({
    queryKey: consoleKeys.letterTasks(campaignId),
    queryFn: () => api.get<ReminderLogDto>(`/api/campaigns/${campaignId}/reminders/log?level=letter&limit=50`),
    enabled,
  });
}

export function useIssueLetter(campaignId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { form: ChaseLetterForm; applyExtension: boolean }) => api.post<ChaseLetterDto>(`/api/campaigns/${campaignId}/chase-letters`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: consoleKeys.all }),
  });
}

/** Saves a Blob under `name` with the browser's save dialog. */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

/** The DOCX of the edited letter (POST: the form is the body). */
export async function downloadLetterDraft(campaignId: string, form: ChaseLetterForm): Promise<void> {
  const blob = await request<Blob>("POST", `/api/campaigns/${campaignId}/chase-letter/docx`, form);
  saveBlob(blob, `Cong-van-don-doc-${form.date}.docx`);
}
