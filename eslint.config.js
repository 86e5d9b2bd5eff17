// Type-aware lint at zero warnings. Layer rules keep the architecture honest:
//   packages/domain   pure: relative imports only (no node:, no packages, no I/O)
//   packages/contracts zod + domain only
//   apps/server routes never reach repositories or the database directly (routes → services → repositories)
//   apps/web          never imports server code
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "coverage/**",
      "data/**",
      "apps/server/migrations/**",
      "test-artifacts/**",
      "**/*.config.js",
      "**/*.config.ts",
      "scripts/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "warn",
      "@typescript-eslint/no-floating-promises": "error",
      // Fastify plugins are async by convention even when their body registers routes synchronously.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "no-console": "off",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    files: ["packages/domain/src/**/*.ts"],
    ignores: ["packages/domain/src/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!\\.{1,2}/)",
              message: "packages/domain là lõi thuần: chỉ import tương đối trong gói (không I/O, không thư viện ngoài).",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "Không I/O trong domain." },
        { name: "process", message: "Không đọc môi trường trong domain." },
        { name: "setTimeout", message: "Đồng hồ là tham số trong domain." },
        { name: "setInterval", message: "Đồng hồ là tham số trong domain." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Không đọc đồng hồ hệ thống trong domain: truyền thời điểm vào làm tham số.",
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "Không đọc đồng hồ hệ thống trong domain: truyền thời điểm vào làm tham số.",
        },
      ],
    },
  },
  {
    files: ["packages/contracts/src/**/*.ts"],
    ignores: ["packages/contracts/src/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!\\.{1,2}/|zod$|zod/|@tonghop/domain$)",
              message: "packages/contracts chỉ dùng zod và @tonghop/domain.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["apps/server/src/routes/**/*.ts"],
    ignores: ["apps/server/src/routes/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/repositories/**", "**/db/**", "drizzle-orm", "drizzle-orm/**"], message: "Route → service → repository: route không truy cập CSDL trực tiếp." },
          ],
        },
      ],
    },
  },
  {
    files: ["apps/web/src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@tonghop/server", "@tonghop/server/**", "node:*"], message: "Giao diện không import mã máy chủ hay mô-đun Node." },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
