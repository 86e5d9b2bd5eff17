// The clients of save.bench.ts, on their own thread so that building requests and reading answers does not share the
// server's event loop (as real browsers do not). Each client saves its 50 cells in one batch, waits for the answer,
// then waits `paceMs` (the grid's autosave delay; 0 = as fast as the server answers) before the next batch.
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import type { LoadInput, LoadOutput } from "./save-load.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One POST over a kept-alive connection (as a browser keeps one per origin), answered with status and body. node:http
 * rather than fetch: fetch's streams cost the load thread several times more CPU, and that thread shares the machine
 * with the server it measures.
 */
function post(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function run(input: LoadInput): Promise<LoadOutput> {
  const versions = input.clients.map(() => new Map<string, number>());
  const lastValue = new Map<string, number>();
  let acknowledged = 0;
  let round = 0;
  const phases: LoadOutput["phases"] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: input.clients.length });
  for (const phase of input.phases) {
    const latencies: number[] = [];
    let failures = 0;
    parentPort?.postMessage({ mark: "start", phase: phase.name });
    const started = performance.now();
    const deadline = started + phase.seconds * 1000;
    await Promise.all(
      input.clients.map(async (c, ci) => {
        const seen = versions[ci]!;
        const url = new URL(`${input.base}/api/workspace/indicators/assignments/${c.assignmentId}/cells`);
        // Spread the first saves over one pace interval, as users do not all stop typing at the same instant.
        if (phase.paceMs) await sleep((phase.paceMs * ci) / input.clients.length);
        while (performance.now() < deadline) {
          round++;
          const body = {
            cells: c.cells.map((cell, k) => ({
              rowId: cell.rowId,
              columnKey: cell.columnKey,
              value: round * 1000 + k + ci / 100,
              status: "uoc",
              baseVersion: seen.get(`${cell.rowId}|${cell.columnKey}`) ?? 0,
            })),
          };
          const t0 = performance.now();
          const res = await post(agent, url, { "content-type": "application/json", cookie: c.cookie, "x-csrf-token": c.csrf }, JSON.stringify(body));
          const text = res.text;
          latencies.push(performance.now() - t0);
          if (res.status !== 200) {
            failures++;
            if (failures < 5) process.stderr.write(`Lỗi lưu ${res.status}: ${text.slice(0, 300)}\n`);
          } else {
            const result = JSON.parse(text) as { cells: Array<{ rowId: string; columnKey: string; version: number; value: number }> };
            for (const s of result.cells) {
              seen.set(`${s.rowId}|${s.columnKey}`, s.version);
              lastValue.set(`${c.assignmentId}|${s.rowId}|${s.columnKey}`, s.value);
            }
            acknowledged += result.cells.length;
          }
          if (phase.paceMs) await sleep(phase.paceMs);
        }
      }),
    );
    phases.push({ name: phase.name, latencies, failures, seconds: (performance.now() - started) / 1000 });
    parentPort?.postMessage({ mark: "end", phase: phase.name });
  }
  agent.destroy();
  return { phases, acknowledged, lastValue: [...lastValue] };
}

if (parentPort) parentPort.postMessage({ result: await run(workerData as LoadInput) });
