import type { AssignmentProgressDto, MyAssignmentGroupDto } from "@tonghop/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";

export const myAssignmentsKey = ["me", "assignments"] as const;

/** The signed-in agency user's assignments in published campaigns, grouped by campaign. */
export function useMyAssignments() {
  return useQuery({ queryKey: myAssignmentsKey, queryFn: () => api.get<MyAssignmentGroupDto[]>("/api/me/assignments") });
}

/** What is done and missing in each assignment (sections written, figure cells filled, rows complete). */
export function useProgress() {
  return useQuery({
    queryKey: ["workspace-progress"] as const,
    queryFn: () => api.get<AssignmentProgressDto[]>("/api/workspace/progress"),
    select: (list) => new Map(list.map((p) => [p.assignmentId, p])),
  });
}
