import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Container } from "../app/container.js";
import { JobScheduler, START_DELAY_MS } from "./scheduler.js";

/** A container with only what the scheduler calls, counting the runs. */
function fakeContainer() {
  const calls = { reminders: 0, mail: 0 };
  const none = () => Promise.resolve([]);
  const container = {
    clock: { now: () => new Date("2026-11-23T03:00:00Z") },
    services: {
      reminders: {
        runDue: () => {
          calls.reminders++;
          return Promise.resolve([]);
        },
      },
      comments: { runReminders: none },
      actionProgramme: { runReminders: none },
      outbox: {
        processDue: () => {
          calls.mail++;
          return Promise.resolve({ claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 });
        },
      },
    },
  } as unknown as Container;
  return { container, calls };
}

describe("JobScheduler start-up", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("lets a server just started answer first: no job runs before START_DELAY_MS, then both run on their intervals", async () => {
    const { container, calls } = fakeContainer();
    const jobs = new JobScheduler(container, { instance: "t" });
    jobs.start();
    await vi.advanceTimersByTimeAsync(START_DELAY_MS - 1);
    expect(calls).toEqual({ reminders: 0, mail: 0 });
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual({ reminders: 1, mail: 1 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual({ reminders: 1, mail: 2 });
    await vi.advanceTimersByTimeAsync(55_000);
    expect(calls.reminders).toBe(2);
    await jobs.stop();
  });

  it("short intervals start after one interval; startDelayMs overrides", async () => {
    const { container, calls } = fakeContainer();
    const jobs = new JobScheduler(container, { instance: "t", reminderIntervalMs: 300, mailIntervalMs: 200 });
    jobs.start();
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toEqual({ reminders: 0, mail: 1 });
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.reminders).toBe(1);
    await jobs.stop();

    const other = fakeContainer();
    const now = new JobScheduler(other.container, { instance: "u", startDelayMs: 0 });
    now.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(other.calls).toEqual({ reminders: 1, mail: 1 });
    await now.stop();
  });
});
