import { defineConfig } from "vitest/config";

// Test tiers (see docs/ARCHITECTURE.md):
//   unit         pure code: packages/*, server *.test.ts without a database
//   web          React components in jsdom
//   db-pglite    repository/service tests (*.db.test.ts) and API tests (*.api.test.ts) on PGlite memory://
//   db-postgres  the same repository/service tests on PostgreSQL, a fresh database per test file
//   e2e          Playwright (playwright-core + Debian Chromium) against a started server
// Workspace packages resolve to their TypeScript sources (the "source" export condition), not to dist/,
// in every environment: inline them so Vite resolves them instead of Node.
const shared = {
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"], externalConditions: ["source"] } },
};
const inlineWorkspace = { deps: { inline: [/@tonghop\//] } };

export default defineConfig({
  ...shared,
  test: {
    env: { TZ: "UTC" },
    // `npm test` runs with --coverage: the domain core is measured; targets, aggregation and
    // evaluation must keep ≥ 95 % branch coverage.
    coverage: {
      provider: "v8",
      include: ["packages/domain/src/**/*.ts"],
      exclude: ["**/*.test.ts", "**/*.data.ts", "**/index.ts"],
      reporter: ["text-summary", "json-summary"],
      reportsDirectory: "coverage",
      thresholds: {
        "packages/domain/src/targets/**": { branches: 95 },
        "packages/domain/src/aggregation/**": { branches: 95 },
        "packages/domain/src/evaluation/**": { branches: 95 },
      },
    },
    projects: [
      {
        ...shared,
        test: {
          server: inlineWorkspace,
          name: "unit",
          environment: "node",
          include: ["packages/*/src/**/*.test.ts", "apps/server/src/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "**/*.api.test.ts", "**/node_modules/**"],
        },
      },
      {
        ...shared,
        resolve: { ...shared.resolve, alias: [{ find: /^antd$/, replacement: "antd/es/index.js" }] },
        test: {
          // antd's CommonJS build requires ESM-only packages: let Vite load its ES build instead.
          server: { deps: { inline: [/@tonghop\//, /antd\/es\//] } },
          name: "web",
          environment: "jsdom",
          include: ["apps/web/src/**/*.test.{ts,tsx}"],
        },
      },
      {
        ...shared,
        test: {
          server: inlineWorkspace,
          name: "db-pglite",
          environment: "node",
          include: ["apps/server/src/**/*.db.test.ts", "apps/server/src/**/*.api.test.ts"],
          env: { TEST_DB: "pglite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: {
          server: inlineWorkspace,
          name: "db-postgres",
          environment: "node",
          include: ["apps/server/src/**/*.db.test.ts"],
          env: { TEST_DB: "postgres" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: {
          server: inlineWorkspace,
          name: "e2e",
          environment: "node",
          include: ["e2e/**/*.e2e.ts"],
          globalSetup: ["e2e/support/global-setup.ts"],
          fileParallelism: false,
          // A busy CI machine paints slower than a laptop: a screen that takes two seconds to settle is
          // not a failure. Each poll may still pass its own longer timeout.
          expect: { poll: { timeout: 10_000 } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
