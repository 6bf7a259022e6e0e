import eslintjs from "@eslint/js";
import microsoftPowerApps from "@microsoft/eslint-plugin-power-apps";
import pluginPromise from "eslint-plugin-promise";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import typescriptEslint from "typescript-eslint";

/** @type {import('eslint').Linter.Config[]} */
export default typescriptEslint.config(
  {
    ignores: ["**/generated", "ImportMonitorCsv/libs/**", "out/**", "node_modules/**", "coverage/**", "obj/**", "bin/**", "e2e/screenshots/**", "bench/tmp/**"],
  },
  eslintjs.configs.recommended,
  pluginPromise.configs["flat/recommended"],
  // The control and the tests: type-aware rules (floating promises, unsafe any, …).
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [...typescriptEslint.configs.recommendedTypeChecked, ...typescriptEslint.configs.stylisticTypeChecked],
    plugins: {
      "@microsoft/power-apps": microsoftPowerApps,
      "react-hooks": reactHooks,
    },
    languageOptions: {
      globals: { ...globals.browser, ComponentFramework: true },
      parserOptions: {
        ecmaVersion: 2020,
        sourceType: "module",
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      ...microsoftPowerApps.configs.paCheckerHosted.rules,
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // An empty string is "no value" for Dataverse text columns: `name || fallback` is meant.
      "@typescript-eslint/prefer-nullish-coalescing": ["error", { ignorePrimitives: { string: true } }],
    },
  },
  {
    files: ["__tests__/**/*.ts", "__tests__/**/*.tsx", "sandbox/**/*.ts", "e2e/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  // Node scripts (sandbox server, e2e, bench, CI helpers).
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: { ...globals.node, ...globals.browser }, sourceType: "commonjs" },
  },
  { files: ["**/*.mjs"], languageOptions: { sourceType: "module" } },
);
