// Thời gian nhập mẫu Công văn 2830 (247 mục đề cương, 219 dòng Phụ lục 2, 11 công trình Phụ lục 3, ~100 chỉ tiêu) qua
// dịch vụ nhập mẫu thật (phân tích YAML, kiểm tra, đối chiếu danh bạ, ghi trong một giao dịch), trên PGlite (bộ nhớ) và
// trên PostgreSQL (cơ sở dữ liệu mới). Trung vị của nhiều lần chạy sau khi chạy khởi động. Mục tiêu: < 1 s.
// Chạy: npm run bench -- template-import
// In:
//   BENCH template-import-pglite <ms> ms
//   BENCH template-import-postgres <ms> ms
import { importSeedCampaign } from "../apps/server/src/test/campaign-fixtures.js";
import { createTestContext } from "../apps/server/src/test/test-app.js";
import { median } from "./support/started-server.js";

const WARMUP = 2;
const RUNS = 7;


async function measure(kind: "pglite" | "postgres"): Promise<number> {
  const t = await createTestContext({ kind });
  try {
    const times: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const started = performance.now();
      await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { code: `bench-cv2830-${i}` });
      const ms = performance.now() - started;
      if (i >= WARMUP) times.push(ms);
    }
    return median(times);
  } finally {
    await t.close();
  }
}

for (const kind of ["pglite", "postgres"] as const) {
  try {
    const ms = await measure(kind);
    console.log(`BENCH template-import-${kind} ${ms.toFixed(1)} ms`);
  } catch (err) {
    console.error(`template-import-${kind}: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
