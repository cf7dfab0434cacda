// Jest runs TypeScript ESM through ts-jest (type checks are `tsc --noEmit` in `npm run lint`).
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/reliability/', '<rootDir>/tests/deployed/'],
  setupFiles: ['<rootDir>/tests/support/quiet-logs.ts'],
  testTimeout: 30000,
};
