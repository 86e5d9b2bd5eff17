// Drawing many charts without freezing the page. A dashboard of a large campaign has hundreds of charts; drawing
// one costs a few milliseconds, so charts are drawn lazily: a chart is drawn when it comes near the viewport (one
// screen ahead), in slices of at most SLICE_MS so that the page stays responsive, and stays drawn afterwards.
// "Eager" mode (printing, exports of the whole page) draws every chart.
//
// Readiness — an explicit signal for tests and benchmarks: every chart reports its state (observing: mounted, not
// yet placed; pending: in view, not yet drawn; painted: its first render "finished"; deferred: off screen, not
// needed yet). When the page says its data is loaded and no chart is observing or pending, every chart the reader
// can see is painted: <body> gets data-charts-ready="true" and data-charts-ready-ms = performance.now() at that
// moment (the time from navigation), with data-charts-painted / data-charts-deferred counts.

const SLICE_MS = 40;

export type ChartState = "observing" | "pending" | "painted" | "deferred";

export interface RenderJob {
  run: () => void;
}

const queue: RenderJob[] = [];
let scheduled = false;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // A macrotask: the browser may paint between slices (unlike microtasks).
  setTimeout(pump, 0);
}

function pump(): void {
  scheduled = false;
  const start = performance.now();
  while (queue.length > 0 && performance.now() - start < SLICE_MS) {
    const job = queue.shift()!;
    try {
      job.run();
    } catch (error) {
      // One chart that cannot be drawn must not stop the others (the job reports its own failure).
      console.error("Không vẽ được biểu đồ", error);
    }
  }
  if (queue.length > 0) schedule();
}

export function enqueueRender(job: RenderJob): void {
  queue.push(job);
  schedule();
}

export function cancelRender(job: RenderJob): void {
  const i = queue.indexOf(job);
  if (i >= 0) queue.splice(i, 1);
}

// --- eager mode

let eager = false;
const eagerListeners = new Set<() => void>();

export function isEager(): boolean {
  return eager;
}

/** Draws every chart (for printing): deferred charts start drawing at once. */
export function setEager(on: boolean): void {
  if (eager === on) return;
  eager = on;
  for (const l of [...eagerListeners]) l();
}

export function onEagerChange(listener: () => void): () => void {
  eagerListeners.add(listener);
  return () => eagerListeners.delete(listener);
}

// --- readiness

const charts = new Map<number, ChartState>();
let nextId = 1;
let pageLoaded = false;
let generation = 0;

function publish(): void {
  if (typeof document === "undefined") return;
  const body = document.body;
  let painted = 0;
  let deferred = 0;
  let busy = 0;
  for (const s of charts.values()) {
    if (s === "painted") painted += 1;
    else if (s === "deferred") deferred += 1;
    else busy += 1;
  }
  const ready = pageLoaded && busy === 0;
  body.dataset.chartsPainted = String(painted);
  body.dataset.chartsDeferred = String(deferred);
  body.dataset.chartsAll = String(ready && deferred === 0);
  if (ready && body.dataset.chartsReady !== "true") {
    body.dataset.chartsReady = "true";
    body.dataset.chartsReadyMs = String(Math.round(performance.now()));
  } else if (!ready && body.dataset.chartsReady !== "false") {
    body.dataset.chartsReady = "false";
    delete body.dataset.chartsReadyMs;
  }
}

let publishQueued = false;
function publishSoon(): void {
  if (publishQueued) return;
  publishQueued = true;
  // After React has mounted this chart's siblings (they register in the same commit).
  setTimeout(() => {
    publishQueued = false;
    publish();
  }, 0);
}

export function registerChart(): number {
  const id = nextId++;
  charts.set(id, "observing");
  publishSoon();
  return id;
}

export function setChartState(id: number, state: ChartState): void {
  if (!charts.has(id) || charts.get(id) === state) return;
  charts.set(id, state);
  publishSoon();
}

export function unregisterChart(id: number): void {
  charts.delete(id);
  publishSoon();
}

/** The page's data is loaded (true) or loading again (false). Returns a token to clear it on unmount. */
export function setPageLoaded(loaded: boolean): number {
  pageLoaded = loaded;
  generation += 1;
  publishSoon();
  return generation;
}

export function clearPage(token: number): void {
  if (token !== generation) return;
  pageLoaded = false;
  if (typeof document !== "undefined") {
    delete document.body.dataset.chartsReady;
    delete document.body.dataset.chartsReadyMs;
  }
}
