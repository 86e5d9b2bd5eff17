// compile:demo as a function: a fresh in-memory database with the seeded directory, the template imported and
// published, every assignment filled with generated content and accepted, the final report compiled and written
// to OUTDIR as report.docx, appendices.xlsx and report.pdf. Used by the CLI, tests and the benchmark.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { addDays } from "@tonghop/domain";
import { createContainer, type Container } from "../app/container.js";
import { loadConfig } from "../config/env.js";
import { openDatabase } from "../db/client.js";
import { campaignMilestones, campaigns } from "../db/schema/index.js";
import { sharedConverter, type LibreOfficeConverter } from "../exports/pdf/libreoffice.js";
import { FakeClock } from "../http/clock.js";
import { seedIfEmpty } from "../seed/seed.js";
import { compileReport, type CompileOutput } from "../services/compile/compile-report.js";
import { fillCampaign, type FillResult } from "./fill-campaign.js";

export interface CompileDemoResult {
  campaignId: string;
  fill: FillResult;
  output: CompileOutput;
  files: { docx: string; xlsx: string; pdf: string | null };
  container: Container;
  close(): Promise<void>;
}

export interface CompileDemoOptions {
  seed?: number | string;
  /** Narrative length in pages (default: 90 % of the template's limit, or 60). */
  pages?: number;
  pdf?: boolean;
  converter?: LibreOfficeConverter | null;
  /** Keep the database open (the caller closes it). */
  keepOpen?: boolean;
}

/** The day the coordinator compiles: its first own milestone, else a month after the reference date. */
async function compileDate(c: Container, campaignId: string): Promise<string> {
  const [campaign] = await c.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  const ms = await c.db.select().from(campaignMilestones).where(eq(campaignMilestones.campaignId, campaignId)).orderBy(asc(campaignMilestones.due));
  const own = ms.find((m) => (m.scope as { kind: string }).kind === "coordinator");
  return own?.due ?? addDays(campaign!.referenceDate, 30);
}

export async function runCompileDemo(templateFile: string, outDir: string, opts: CompileDemoOptions = {}): Promise<CompileDemoResult> {
  const text = readFileSync(templateFile, "utf8");
  const database = await openDatabase({ pgliteDir: "memory://" });
  await database.migrate();
  // NODE_ENV test: the directory and accounts only, without the demo campaigns of a first start.
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DEMO_PASSWORD: "Demo-compile-2024" });
  // The clock moves to the compile day once the campaign's dates are known.
  const clock = new FakeClock(new Date());
  const container = createContainer({ database, clock, config });
  try {
    await seedIfEmpty(container, { demoPassword: "Demo-compile-2024" });
    const user = await container.repos.users.findByUsername(container.db, "tonghop");
    if (!user) throw new Error("Thiếu tài khoản tonghop sau khi khởi tạo dữ liệu");
    const ctx = { actor: container.services.auth.toActor(user), requestId: "compile-demo", ip: null, now: new Date() };
    const imported = await container.services.campaigns.importTemplate(ctx, { text });
    if (!imported.campaignId) throw new Error(`Không nhập được mẫu ${templateFile}`);
    const campaignId = imported.campaignId;
    await container.services.campaigns.publish(ctx, campaignId);
    const date = await compileDate(container, campaignId);
    const now = new Date(`${date}T08:00:00+07:00`);
    clock.set(now);
    const fill = await fillCampaign(container, campaignId, { seed: opts.seed ?? 2024, accept: true, now, ...(opts.pages ? { pages: opts.pages } : {}) });
    const dir = await container.services.agencies.directory();
    const converter = opts.converter === undefined ? sharedConverter() : opts.converter;
    const output = await compileReport(container.db, dir, converter, { campaignId, scope: { kind: "whole" }, mode: "final", date, pdf: opts.pdf ?? true });
    mkdirSync(outDir, { recursive: true });
    const files = { docx: path.join(outDir, "report.docx"), xlsx: path.join(outDir, "appendices.xlsx"), pdf: output.pdf ? path.join(outDir, "report.pdf") : null };
    writeFileSync(files.docx, output.docx);
    writeFileSync(files.xlsx, output.xlsx);
    if (output.pdf && files.pdf) writeFileSync(files.pdf, output.pdf);
    const result: CompileDemoResult = { campaignId, fill, output, files, container, close: () => database.close() };
    if (!opts.keepOpen) await database.close();
    return result;
  } catch (err) {
    await database.close();
    throw err;
  }
}
