// The runner's own tests: unit tests of its modules, and the runner started on its fixture apps
// (tests/fixtures). `npm test` at the repository root runs them too (jest --projects).
/** @type {import('jest').Config} */
export default {
  displayName: 'sam-local',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  setupFiles: ['<rootDir>/tests/support/setup.ts'],
  testTimeout: 30000,
};
