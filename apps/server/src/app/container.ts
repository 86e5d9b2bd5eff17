import type { AppConfig } from "../config/env.js";
import type { Database } from "../db/client.js";
import type { Clock } from "../http/clock.js";
import { AgenciesRepository } from "../repositories/agencies.repository.js";
import { AuditRepository } from "../repositories/audit.repository.js";
import { LoginFailuresRepository, SessionsRepository, UsersRepository } from "../repositories/users.repository.js";
import { AgenciesService } from "../services/agencies/agencies.service.js";
import { AuditService } from "../services/audit.service.js";
import { AuthService } from "../services/auth.service.js";
import { HealthService } from "../services/health.service.js";
import { UsersService } from "../services/users.service.js";
import { HolidaysService } from "../services/holidays/holidays.service.js";
import { createMailTransport } from "../services/mail/mail-transport.js";
import { OutboxService } from "../services/mail/outbox.service.js";
import { RemindersService } from "../services/reminders/reminders.service.js";
import { ConsoleService } from "../services/console/console.service.js";
import { ChaseLetterService } from "../services/console/chase-letter.service.js";
import { CampaignsRepository } from "../services/campaigns/campaigns.repository.js";
import { CampaignsService } from "../services/campaigns/campaigns.service.js";
import { NotificationsService } from "../services/notifications/notifications.service.js";
import { AnalyticsService } from "../services/analytics/analytics.service.js";
import { FiguresService } from "../services/analytics/figures.service.js";
import { CompileService } from "../services/compile/compile.service.js";
import { sharedConverter } from "../exports/pdf/libreoffice.js";
import { SectionsService } from "../services/workspace/sections.service.js";
import { WorkflowService } from "../services/workspace/workflow.service.js";
import { registerWorkspaceProgress } from "../services/workspace/workflow-progress.js";
import { ValuesRepository } from "../services/values/values.repository.js";
import { ValuesService } from "../services/values/values.service.js";
import { IndicatorsWorkspaceService } from "../services/workspace/indicators.service.js";
import { RecordsWorkspaceService } from "../services/workspace/records.service.js";
import { ExcelWorkspaceService } from "../services/workspace/excel.service.js";
import { CommentsService } from "../services/comments/comments.service.js";
import { ActionProgrammeService } from "../services/action-programme/action-programme.service.js";

export interface ContainerDeps {
  database: Database;
  clock: Clock;
  config: AppConfig;
}

/** Wires repositories into services. One instance per process (or per test). */
export function createContainer(deps: ContainerDeps) {
  const db = deps.database.db;
  const repos = {
    audit: new AuditRepository(),
    users: new UsersRepository(),
    sessions: new SessionsRepository(),
    loginFailures: new LoginFailuresRepository(),
    agencies: new AgenciesRepository(),
  };
  // Coordinator console: one holiday calendar (cached) and one outbox per process, shared by the reminders.
  const holidays = new HolidaysService(db, repos.audit);
  const outbox = new OutboxService({ db, audit: repos.audit, transport: createMailTransport(deps.config.smtpUrl), publicUrl: deps.config.publicUrl });
  // Stateless services shared by the others.
  const agencies = new AgenciesService(db, repos.agencies, repos.users, repos.audit);
  const notifications = new NotificationsService(db);
  const values = new ValuesService(new ValuesRepository());
  const indicatorsWorkspace = new IndicatorsWorkspaceService(db, values, repos.audit, agencies);
  // Workspace: one workflow service (it holds the send checks other areas register) shared by sections.
  const workflow = new WorkflowService({ db, audit: repos.audit, agencies, notifications });
  const services = {
    auth: new AuthService(db, repos.users, repos.sessions, repos.loginFailures, repos.audit),
    users: new UsersService(db, repos.users, repos.sessions, repos.agencies, repos.audit),
    agencies,
    audit: new AuditService(db, repos.audit),
    health: new HealthService(db),
    notifications,
    holidays,
    outbox,
    reminders: new RemindersService({
      db,
      audit: repos.audit,
      notifications,
      outbox,
      holidays,
      agencies,
      publicUrl: deps.config.publicUrl,
    }),
    console: new ConsoleService({
      db,
      audit: repos.audit,
      agencies,
      notifications,
      indicators: indicatorsWorkspace,
      workflow,
    }),
    chaseLetters: new ChaseLetterService({
      db,
      audit: repos.audit,
      agencies,
      notifications,
      holidays,
    }),
    campaigns: new CampaignsService({
      db,
      repo: new CampaignsRepository(),
      audit: repos.audit,
      agencies,
      notifications,
    }),
    analytics: new AnalyticsService({ db, agencies }),
    figures: new FiguresService({ db, agencies, audit: repos.audit }),
    compile: new CompileService(db, repos.audit, agencies, sharedConverter),
    workflow,
    sections: new SectionsService({ db, audit: repos.audit, agencies, workflow }),
    values,
    indicatorsWorkspace,
    recordsWorkspace: new RecordsWorkspaceService(db, repos.audit, agencies),
    excelWorkspace: new ExcelWorkspaceService(
      db,
      indicatorsWorkspace,
      agencies,
    ),
    // [H] comment rounds ("tiếp thu, giải trình") and the action programme; their reminders share the outbox.
    comments: new CommentsService({ db, audit: repos.audit, agencies, notifications, outbox, holidays, publicUrl: deps.config.publicUrl }),
    actionProgramme: new ActionProgrammeService({ db, audit: repos.audit, agencies, notifications, outbox, holidays, publicUrl: deps.config.publicUrl }),
  };
  // Việc của đơn vị: the figures and records workspaces report the progress of their assignments.
  registerWorkspaceProgress(workflow, services.indicatorsWorkspace, services.recordsWorkspace);
  return { ...deps, db, repos, services };
}

export type Container = ReturnType<typeof createContainer>;
export type Services = Container["services"];
