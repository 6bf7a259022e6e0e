/** Unit and component tests (jsdom). End-to-end tests live in e2e/ and run with `npm run test:e2e`. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "jsdom",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
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
