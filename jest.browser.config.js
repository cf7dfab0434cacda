// The browser suite (npm run test:browser): the console (web/) in headless Chromium, driven by
// playwright-core against a local stack the test starts. Not part of `npm test`: it needs Chromium
// (Debian's `chromium` package; .ci/run installs it when missing).
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  // One browser, one stack: the steps of the journey run in order.
  maxWorkers: 1,
  testTimeout: 60000,
};
