// CPU time (ms) spent by the server's thread and by every PostgreSQL process of this machine, read from /proc (Linux).
// Latency percentiles move with whatever else the machine does; the CPU each save costs does not, so the save bench
// also prints it (a change that makes saves cheaper shows here even when the percentiles are noisy).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

let ticksPerSecond: number | null = null;
function tickMs(): number {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return 1000 / ticksPerSecond;
}

/** utime + stime of a /proc stat line, in ms (the command name may hold spaces: fields are counted after ")"). */
function statMs(line: string): number {
  const fields = line.slice(line.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * tickMs();
}

function readOr(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null; // the process ended meanwhile
  }
}

export interface CpuSnapshot {
  serverThreadMs: number;
  postgresMs: number;
}

/** null where /proc is missing (not Linux). PostgreSQL counts only when it runs on this machine. */
export function cpuSnapshot(): CpuSnapshot | null {
  const own = readOr(`/proc/self/task/${process.pid}/stat`);
  if (own == null) return null;
  let postgresMs = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const line = readOr(`/proc/${pid}/stat`);
    if (line?.includes(" (postgres) ")) postgresMs += statMs(line);
  }
  return { serverThreadMs: statMs(own), postgresMs };
}
