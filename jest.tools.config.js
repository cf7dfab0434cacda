// The tools suite (npm run test:tools): the checks that run programs outside npm — cfn-lint,
// moto_server, the AWS CLI and the AWS SAM CLI (validate, build, package). Each fails with its
// install command when its program is missing. One worker: `sam build` already builds in parallel.
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: ['<rootDir>/tests/tools/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60000,
  maxWorkers: 1,
};
