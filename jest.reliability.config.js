// The reliability suite (npm run test:reliability): faults, fuzzing, hostile tokens, object-level
// authorization and limits against the local stack. RELIABILITY_SCALE=ci runs a bounded size.
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: ['<rootDir>/tests/reliability/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/tests/reliability/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/reliability/global-teardown.mjs',
  testTimeout: 600000,
  maxWorkers: 1,
};
