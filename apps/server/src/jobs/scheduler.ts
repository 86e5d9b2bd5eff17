/**
 * Background jobs of one server process: reminders (every minute) and the e-mail outbox (every few seconds).
 * Every instance runs the same handlers on timers — on PGlite the single process, on PostgreSQL as many instances
 * as there are; the database is the arbiter (unique keys for reminders, leases with SKIP LOCKED for mail), so
 * nothing is done twice however many run. A run never overlaps the previous run of the same job (the next timer is
 * armed when a run ends). `stop()` disarms the timers and waits for the runs in flight, so that the database can be
 * closed after it (main.ts does so on SIGTERM).
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Container } from "../app/container.js";
import type { SentReminder } from "../services/reminders/reminders.service.js";
import type { ProcessResult } from "../services/mail/outbox.service.js";

export interface JobLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SchedulerOptions {
  reminderIntervalMs?: number;
  mailIntervalMs?: number;
  /**
   * Wait before the first run of each job (default: its interval, at most START_DELAY_MS). The first reminder run
   * reads every open campaign; on the embedded database it would hold up the first requests of a server just started.
   */
  startDelayMs?: number;
  /** Lease owner name (default: host:pid:random). */
  instance?: string;
  logger?: JobLogger;
}

export const START_DELAY_MS = 5_000;

const silent: JobLogger = { info: () => undefined, error: () => undefined };

export class JobScheduler {
  readonly instance: string;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = true;
  private readonly logger: JobLogger;

  constructor(
    private readonly container: Container,
    private readonly opts: SchedulerOptions = {},
  ) {
    this.instance = opts.instance ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.logger = opts.logger ?? silent;
  }

  /** One reminders run at the container's clock. */
  async runReminders(): Promise<SentReminder[]> {
    const sent = await this.container.services.reminders.runDue(this.container.clock.now(), this.instance);
    // [H] unanswered comments and late action-programme tasks, through the same notifications and outbox.
    const comments = await this.container.services.comments.runReminders(this.container.clock.now(), this.instance);
    const tasks = await this.container.services.actionProgramme.runReminders(this.container.clock.now(), this.instance);
    if (comments.length || tasks.length) this.logger.info({ job: "reminders", comments: comments.length, tasks: tasks.length }, "comment and task reminders sent");
    if (sent.length) this.logger.info({ job: "reminders", sent: sent.length }, "reminders sent");
    return sent;
  }

  /** Sends what the outbox has due, batch after batch, until nothing is left for now. */
  async runMail(): Promise<ProcessResult> {
    const total: ProcessResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
    for (let i = 0; i < 50; i++) {
      const r = await this.container.services.outbox.processDue(this.instance, this.container.clock);
      total.claimed += r.claimed;
      total.sent += r.sent;
      total.retried += r.retried;
      total.failed += r.failed;
      total.skipped += r.skipped;
      if (r.claimed === 0 || this.stopped) break;
    }
    if (total.claimed) this.logger.info({ job: "mail", ...total }, "outbox processed");
    return total;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const reminders = this.opts.reminderIntervalMs ?? 60_000;
    const mail = this.opts.mailIntervalMs ?? 5_000;
    const first = (interval: number) => this.opts.startDelayMs ?? Math.min(interval, START_DELAY_MS);
    this.loop("reminders", reminders, () => this.runReminders(), first(reminders));
    this.loop("mail", mail, () => this.runMail(), first(mail));
  }

  private loop(name: string, intervalMs: number, run: () => Promise<unknown>, delay = 0): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(name);
      const p = run()
        .catch((error: unknown) => this.logger.error({ job: name, err: error instanceof Error ? error.message : String(error) }, "job failed"))
        .finally(() => {
          this.running.delete(p);
          this.loop(name, intervalMs, run, intervalMs);
        });
      this.running.add(p);
    }, delay);
    timer.unref();
    this.timers.set(name, timer);
  }

  /** Disarms the timers and waits for the runs in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
