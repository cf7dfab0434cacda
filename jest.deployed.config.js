// The black-box suite (npm run test:deployed): tests/deployed against any stack, local or deployed,
// given only its outputs (STACK_NAME, STACK_OUTPUTS_FILE or API_URL/USER_POOL_ID/USER_POOL_CLIENT_ID;
// see tests/deployed/support/target.ts). Not part of `npm test`: it needs a running stack.
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: ['<rootDir>/tests/deployed/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  // Not the unit tests' setup: it defaults AWS_REGION, which would hide the region of a real profile.
  setupFiles: ['<rootDir>/tests/deployed/support/setup.ts'],
  // Requests to a stack, not CPU work: files run side by side even on a small machine.
  maxWorkers: 4,
  // A deployed stage has cold starts and a queue between submit and result.
  testTimeout: 90000,
};
