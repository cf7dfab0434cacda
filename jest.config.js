// Jest runs TypeScript ESM through ts-jest (type checks are `tsc --noEmit` in `npm run lint`).
// `npm test` needs only Node: the suites that need other programs have their own configs
// (tests/tools: jest.tools.config.js; tests/reliability: jest.reliability.config.js; tests/browser:
// jest.browser.config.js).
/** @type {import('jest').Config} */
export default {
  // Most suites wait on child processes (local stacks, emulators, bundles loaded in fresh Node
  // processes), not on the CPU: jest's default of one worker per core but one (a single worker on
  // a 2-core machine) left the CPU a third used. A global option: it applies to both projects of
  // `npm test`, which reads it from this file.
  maxWorkers: 3,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/tests/reliability/',
    '<rootDir>/tests/deployed/',
    '<rootDir>/tests/tools/',
    '<rootDir>/tests/browser/',
  ],
  setupFiles: ['<rootDir>/tests/support/quiet-logs.ts'],
  testTimeout: 30000,
};
