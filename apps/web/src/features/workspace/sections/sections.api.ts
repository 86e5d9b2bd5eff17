import type {
  SectionDiffDto,
  SectionPageDto,
  SectionVersionDetailDto,
  SectionVersionDto,
  SectionWriteResultDto,
} from "@tonghop/contracts";
import { useQuery } from "@tanstack/react-query";
import { api, qs } from "../../../api/client";

export const sectionKeys = {
  page: (campaignId: string, itemId: string, agency: string | null) => ["sections", "page", campaignId, itemId, agency ?? ""] as const,
  versions: (assignmentId: string, itemId: string) => ["sections", "versions", assignmentId, itemId] as const,
  version: (assignmentId: string, itemId: string, version: number) => ["sections", "version", assignmentId, itemId, version] as const,
  diff: (assignmentId: string, itemId: string, from: number, to: number) => ["sections", "diff", assignmentId, itemId, from, to] as const,
};

const base = (assignmentId: string, itemId: string) => `/api/workspace/sections/${assignmentId}/${itemId}`;

export function useSectionPage(campaignId: string, itemId: string, agency: string | null) {
  return useQuery({
    queryKey: sectionKeys.page(campaignId, itemId, agency),
    queryFn: () => api.get<SectionPageDto>(`/api/workspace/sections/page/${campaignId}/${itemId}${qs({ agency })}`),
    // The editor owns the text once loaded (it only reads the page when it mounts): no refetch on focus.
    refetchOnWindowFocus: false,
  });
}

export function useSectionVersions(assignmentId: string, itemId: string, enabled: boolean) {
  return useQuery({
    queryKey: sectionKeys.versions(assignmentId, itemId),
    queryFn: () => api.get<SectionVersionDto[]>(`${base(assignmentId, itemId)}/versions`),
    enabled,
  });
}

export function useSectionVersion(assignmentId: string, itemId: string, version: number | null) {
  return useQuery({
    queryKey: sectionKeys.version(assignmentId, itemId, version ?? 0),
    queryFn: () => api.get<SectionVersionDetailDto>(`${base(assignmentId, itemId)}/versions/${version}`),
    enabled: version != null && version > 0,
  });
}

export function useSectionDiff(assignmentId: string, itemId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: sectionKeys.diff(assignmentId, itemId, from ?? -1, to ?? -1),
    queryFn: () => api.get<SectionDiffDto>(`${base(assignmentId, itemId)}/diff${qs({ from, to })}`),
    enabled: from != null && to != null && to > 0,
  });
}

export function saveSection(assignmentId: string, itemId: string, html: string, baseVersion: number) {
  return api.put<SectionWriteResultDto>(base(assignmentId, itemId), { html, baseVersion });
}

export function restoreSection(assignmentId: string, itemId: string, version: number, baseVersion: number) {
  return api.post<SectionWriteResultDto>(`${base(assignmentId, itemId)}/restore`, { version, baseVersion });
}

export function mergeContribution(assignmentId: string, itemId: string, sourceSectionId: string, baseVersion: number) {
  return api.post<SectionWriteResultDto>(`${base(assignmentId, itemId)}/merge`, { sourceSectionId, baseVersion });
}

export function uploadDocx(assignmentId: string, itemId: string, file: File, baseVersion: number, mode: "replace" | "append") {
  const form = new FormData();
  form.set("baseVersion", String(baseVersion));
  form.set("mode", mode);
  form.set("file", file);
  return api.upload<SectionWriteResultDto>(`${base(assignmentId, itemId)}/upload`, form);
}
