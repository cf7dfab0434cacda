/**
 * The environment the local stack prints at start-up works for the AWS CLI as it is: the CLI finds
 * the template's tables in the emulators. Part of `npm run test:tools`: `aws` must be on PATH.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startStack, type StackTarget } from '../support/stack.js';
import { requireTool } from './support/require-tool.js';

let aws: string;
let stack: StackTarget;

beforeAll(async () => {
  aws = requireTool('aws');
  stack = await startStack();
}, 90000);

afterAll(async () => {
  await stack?.stop();
});

it('lists the tables of the local stack with the printed environment', async () => {
  const { stdout } = await promisify(execFile)(aws, ['dynamodb', 'list-tables', '--output', 'json'], {
    env: { ...process.env, ...stack.awsEnv },
  });
  expect((JSON.parse(stdout) as { TableNames: string[] }).TableNames).toContainEqual(
    expect.stringMatching(/-JobsTable$/),
  );
});
