import type { ExcelPreviewDto } from "@tonghop/contracts";
import { api, download } from "../../../api/client";

const base = (assignmentId: string) => `/api/workspace/indicators/assignments/${assignmentId}/workbook`;

export function downloadWorkbook(assignmentId: string, fallbackName: string): Promise<void> {
  return download(base(assignmentId), fallbackName);
}

export function previewWorkbook(assignmentId: string, file: File): Promise<ExcelPreviewDto> {
  const form = new FormData();
  form.append("file", file, file.name);
  return api.upload<ExcelPreviewDto>(`${base(assignmentId)}/preview`, form);
}

export function applyWorkbook(assignmentId: string, previewId: string, confirmOverOfficial: boolean): Promise<{ cells: number; texts: number }> {
  return api.post(`${base(assignmentId)}/apply`, { previewId, ...(confirmOverOfficial ? { confirmOverOfficial: true } : {}) });
}
