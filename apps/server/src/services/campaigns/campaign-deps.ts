import type { Db } from "../../db/client.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { CampaignsRepository } from "./campaigns.repository.js";

/** What the campaign operations (one per file) work with. */
export interface CampaignDeps {
  db: Db;
  repo: CampaignsRepository;
  audit: AuditRepository;
  agencies: AgenciesService;
  notifications: NotificationsService;
}
