import type {
  AnswerCommentRequest,
  CommentDto,
  CommentInboxItemDto,
  CommentListQuery,
  CommentRoundDto,
  CreateCommentRequest,
  OpenRoundRequest,
  RerouteCommentRequest,
  RoundDocumentDto,
} from "@tonghop/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "../../api/client";

export const commentKeys = {
  all: ["comments"] as const,
  rounds: (campaignId?: string) => ["comments", "rounds", campaignId ?? ""] as const,
  round: (id: string) => ["comments", "round", id] as const,
  document: (id: string) => ["comments", "document", id] as const,
  list: (id: string, q: CommentListQuery) => ["comments", "list", id, q] as const,
  inbox: ["comments", "inbox"] as const,
};

export const tableUrl = (roundId: string, kind: "docx" | "xlsx") => `/api/comment-rounds/${roundId}/table/${kind}`;

export function useRounds(campaignId?: string) {
  return useQuery({ queryKey: commentKeys.rounds(campaignId), queryFn: () => api.get<CommentRoundDto[]>(`/api/comment-rounds${qs({ campaignId })}`) });
}

export function useRound(id: string) {
  return useQuery({ queryKey: commentKeys.round(id), queryFn: () => api.get<CommentRoundDto>(`/api/comment-rounds/${id}`) });
}

export function useRoundDocument(id: string) {
  return useQuery({ queryKey: commentKeys.document(id), queryFn: () => api.get<RoundDocumentDto>(`/api/comment-rounds/${id}/document`) });
}

export function useComments(id: string, q: CommentListQuery) {
  return useQuery({ queryKey: commentKeys.list(id, q), queryFn: () => api.get<CommentDto[]>(`/api/comment-rounds/${id}/comments${qs({ ...q })}`) });
}

export function useCommentInbox(enabled: boolean) {
  return useQuery({ queryKey: commentKeys.inbox, queryFn: () => api.get<CommentInboxItemDto[]>("/api/comment-inbox"), enabled });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: commentKeys.all });
}

export function useOpenRound() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ campaignId, body }: { campaignId: string; body: OpenRoundRequest }) => api.post<CommentRoundDto>(`/api/campaigns/${campaignId}/comment-rounds`, body),
    onSuccess: invalidate,
  });
}

export function useCloseRound() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.post<CommentRoundDto>(`/api/comment-rounds/${id}/close`), onSuccess: invalidate });
}

export function useAddComment(roundId: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: CreateCommentRequest) => api.post<CommentDto>(`/api/comment-rounds/${roundId}/comments`, body), onSuccess: invalidate });
}

export function useAnswer() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, mode, body }: { id: string; mode: "answer" | "override"; body: AnswerCommentRequest }) => api.post<CommentDto>(`/api/comments/${id}/${mode}`, body),
    onSuccess: invalidate,
  });
}

export function useReroute() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: RerouteCommentRequest }) => api.post<CommentDto>(`/api/comments/${id}/reroute`, body), onSuccess: invalidate });
}
