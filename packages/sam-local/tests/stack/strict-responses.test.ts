/**
 * Response validation through the command, on the fixture app: GET /shape's function answers
 * `{"count":"three"}` where the operation's schema says an integer. By default the response goes
 * out as the function returned it (API Gateway does not validate responses) with one warning line;
 * `--strict-responses` makes it a 502, so a test run catches it.
 */
import { fixture } from '../support/paths.js';
import { startStack, type StackTarget } from '../../src/public/testing.js';

const template = fixture('sam-app', 'template.yaml');
const WARNING =
  'warning: ApiFunction: response of shape (GET /shape) 200 does not match its schema at /count: must be integer';
const stacks: StackTarget[] = [];

afterAll(() => Promise.all(stacks.map((s) => s.stop())));

it('by default: the response as returned, and one warning line naming the operation, status and pointer', async () => {
  const stack = await startStack({ template });
  stacks.push(stack);
  const response = await fetch(`${stack.baseUrl}/shape`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ count: 'three' });
  await stack.waitForLog(/does not match its schema/);
  expect(
    stack
      .logs()
      .split('\n')
      .filter((l) => l.includes('does not match its schema')),
  ).toEqual([`  [gateway] ${WARNING}`]);
  // A route without a response schema is not checked.
  expect((await fetch(`${stack.baseUrl}/hello`)).status).toBe(200);
}, 90000);

it('with --strict-responses: a 502, the same warning, and matching routes untouched', async () => {
  const stack = await startStack({ template, args: ['--strict-responses'] });
  stacks.push(stack);
  const response = await fetch(`${stack.baseUrl}/shape`);
  expect(response.status).toBe(502);
  expect(await response.json()).toEqual({
    message: 'Response does not match the API definition (--strict-responses)',
  });
  await stack.waitForLog(/does not match its schema/);
  expect(stack.logs()).toContain(WARNING);
  expect((await fetch(`${stack.baseUrl}/hello`)).status).toBe(200);
}, 90000);
