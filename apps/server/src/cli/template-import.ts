// npm run template:import -- FILE [--code MÃ] [--name "TÊN"] [--publish] [--dry-run]
// Imports a campaign template into the configured database (DATABASE_URL, or PGlite in DATA_DIR) through the same
// service as the web app: all or nothing, audited as "cli:template-import". PGlite allows one process per data
// directory: while the server runs on DATA_DIR this refuses (stop the server, or import through the web app).

import path from "node:path";
import { parseCampaignTemplate, summarizeTemplate } from "@tonghop/contracts";
import { parse } from "yaml";
import { createContainer } from "../app/container.js";
import { systemContext } from "../auth/actor.js";
import { EnvError, loadConfig } from "../config/env.js";
import { openDatabase } from "../db/client.js";
import { lockDataDir } from "../db/data-dir-lock.js";
import { AppError } from "../http/errors.js";
import { systemClock } from "../http/clock.js";
import { seedIfEmpty } from "../seed/seed.js";
import { TemplateImportError } from "../services/campaigns/import-template.js";
import { printProblems, readTemplateArg, summaryJson } from "./template-cli-support.js";

const USAGE = 'Cách dùng: npm run template:import -- TỆP.yaml [--code MÃ-MỚI] [--name "Tên đợt"] [--publish] [--dry-run]';
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith("--") && !["--code", "--name"].includes(args[i - 1] ?? ""));
const { text, file } = readTemplateArg(positional[0], USAGE);

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : String(error));
  process.exit(1);
}
let unlock: () => void = () => undefined;
if (!config.databaseUrl) {
  try {
    unlock = lockDataDir(config.dataDir);
  } catch (err) {
    console.error(
      `${err instanceof Error ? err.message : String(err)}\nMáy chủ Tổng hợp đang chạy trên thư mục dữ liệu này: dừng máy chủ trước khi nhập bằng dòng lệnh, hoặc nhập mẫu trong giao diện web (Đợt tổng hợp → Nhập mẫu).`,
    );
    process.exit(1);
  }
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, "pglite") });
try {
  await database.migrate();
  const container = createContainer({ database, clock: systemClock, config });
  await seedIfEmpty(container, { demoPassword: config.demoPassword });
  const ctx = systemContext(systemClock.now(), "cli:template-import");
  const code = option("--code");
  const name = option("--name");
  const result = await container.services.campaigns.importTemplate(ctx, {
    text,
    dryRun: flag("--dry-run"),
    ...(code ? { code } : {}),
    ...(name ? { name } : {}),
  });
  let published = false;
  if (result.campaignId && flag("--publish")) {
    await container.services.campaigns.publish(ctx, result.campaignId);
    published = true;
  }
  const parsed = parseCampaignTemplate(parse(text));
  const summary = parsed.ok ? summaryJson(summarizeTemplate(parsed.template)) : {};
  console.log(
    JSON.stringify(
      { ...summary, code: result.preview.code, campaignId: result.campaignId, dryRun: result.dryRun, published, newIndicators: result.preview.counts.newIndicators, warnings: result.preview.warnings },
      null,
      2,
    ),
  );
} catch (err) {
  if (err instanceof TemplateImportError) printProblems(file, err.problems, true);
  else if (err instanceof AppError) {
    console.log(err.message);
    const reasons = (err.details as { reasons?: string[] } | undefined)?.reasons;
    reasons?.forEach((r) => console.log(`  ${r}`));
  } else console.error(`Không nhập được mẫu: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await database.close();
  unlock();
}
