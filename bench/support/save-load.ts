// The input and output of save-load.worker.mjs (the clients of save.bench.ts).
export interface LoadClient {
  assignmentId: string;
  cookie: string;
  csrf: string;
  cells: Array<{ rowId: string; columnKey: string }>;
}

export interface LoadInput {
  base: string;
  clients: LoadClient[];
  phases: Array<{ name: string; seconds: number; paceMs: number }>;
}

export interface LoadOutput {
  phases: Array<{ name: string; latencies: number[]; failures: number; seconds: number }>;
  acknowledged: number;
  /** assignmentId|rowId|columnKey → the last value the server acknowledged. */
  lastValue: Array<[string, number]>;
}

/** What the worker posts: a mark when a phase starts or ends (the bench reads CPU times there), then its result. */
export type LoadMessage = { mark: "start" | "end"; phase: string } | { result: LoadOutput };
