/**
 * Unit and component tests (jsdom). End-to-end tests live in e2e/ and run with `npm run test:e2e`.
 *
 * Three projects, one per host profile (docs/platform-contract.md, "Host profiles"; __tests__/pcf/contextFake.ts):
 * every suite runs as "model-driven as documented"; the suites that render the control through its lifecycle
 * run again as "strict" (updatedProperties always empty, metadata Attributes only through get) and as "no-xrm"
 * (a canvas app or a harness: no Xrm global, so no execute and no org Web API).
 */
const base = {
  testEnvironment: "jsdom",
  roots: ["<rootDir>/__tests__"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setupTests.ts"],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      {
        tsconfig: {
          module: "commonjs",
          jsx: "react",
          esModuleInterop: true,
          skipLibCheck: true,
          isolatedModules: true,
        },
        diagnostics: { ignoreCodes: ["TS151001"] },
      },
    ],
  },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};

const profile = (name, testMatch) => ({
  ...base,
  displayName: name,
  testMatch,
  setupFiles: [`<rootDir>/__tests__/pcf/profile-${name}.js`],
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    profile("model-driven", ["**/*.test.ts", "**/*.test.tsx"]),
    profile("strict", ["**/__tests__/index.test.tsx", "**/__tests__/components/*.test.tsx"]),
    profile("no-xrm", ["**/__tests__/index.test.tsx", "**/__tests__/components/previewPanel.test.tsx", "**/__tests__/components/failureLog.test.tsx", "**/__tests__/components/addFiles.test.tsx"]),
  ],
};
