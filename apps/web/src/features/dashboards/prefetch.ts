// The dashboard's data is requested as soon as the route matches (router loader), in parallel with loading the
// dashboard's code, and handed to the page's first query.

import type { IndicatorDashboardDto } from "@tonghop/contracts";
import { api } from "../../api/client";

const pending = new Map<string, { at: number; promise: Promise<IndicatorDashboardDto> }>();
const FRESH_MS = 10_000;

export function indicatorsUrl(campaignId: string, query = ""): string {
  return `/api/analytics/campaigns/${campaignId}/indicators${query}`;
}

/** Starts loading the unfiltered dashboard of a campaign (errors are left to the page's own request). */
export function prefetchIndicators(campaignId: string | undefined): void {
  if (!campaignId || !/^[0-9a-f-]{36}$/i.test(campaignId)) return;
  const promise = api.get<IndicatorDashboardDto>(indicatorsUrl(campaignId));
  promise.catch(() => undefined);
  pending.set(campaignId, { at: Date.now(), promise });
}

/** The prefetched response, once, if still fresh. */
export function takePrefetched(campaignId: string): Promise<IndicatorDashboardDto> | null {
  const p = pending.get(campaignId);
  pending.delete(campaignId);
  return p && Date.now() - p.at < FRESH_MS ? p.promise : null;
}
