/**
 * Each test file's stack under test and its users: resolved before the file's tests, every user the
 * file made deleted after them, even when a test (or the set-up itself) failed.
 */
import { resolveStackUnderTest, type StackUnderTest } from './target.js';
import { TestUsers } from './test-users.js';

export interface Suite {
  readonly stack: StackUnderTest;
  readonly users: TestUsers;
}

export function useStackUnderTest(): Suite {
  let stack: StackUnderTest | undefined;
  let users: TestUsers | undefined;
  beforeAll(async () => {
    stack = await resolveStackUnderTest();
    users = new TestUsers(stack);
  }, 60_000);
  afterAll(() => users?.deleteAll(), 60_000);
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('the stack under test was not resolved (see the beforeAll error)');
    return value;
  };
  return {
    get stack() {
      return ready(stack);
    },
    get users() {
      return ready(users);
    },
  };
}
