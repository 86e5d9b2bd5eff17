// The progress matrix is requested as soon as the route matches (router loader), in parallel with loading the page's
// code and the session, and handed to the page's first query (as the dashboard does, dashboards/prefetch.ts). For
// 150 agencies × 200 items this starts the request some 150–300 ms earlier (bench/matrix.bench.ts).

import type { ProgressMatrixDto } from "@tonghop/contracts";
import { api } from "../../api/client";

const pending = new Map<string, { at: number; promise: Promise<ProgressMatrixDto> }>();
const FRESH_MS = 10_000;

export const progressUrl = (campaignId: string) => `/api/campaigns/${campaignId}/progress`;

/** Starts loading the progress matrix of a campaign (errors are left to the page's own request). */
export function prefetchProgress(campaignId: string | undefined): void {
  if (!campaignId || !/^[0-9a-f-]{36}$/i.test(campaignId)) return;
  const promise = api.get<ProgressMatrixDto>(progressUrl(campaignId));
  promise.catch(() => undefined);
  pending.set(campaignId, { at: Date.now(), promise });
}

/** The prefetched response, once, if still fresh. */
export function takePrefetchedProgress(campaignId: string): Promise<ProgressMatrixDto> | null {
  const p = pending.get(campaignId);
  pending.delete(campaignId);
  return p && Date.now() - p.at < FRESH_MS ? p.promise : null;
}
