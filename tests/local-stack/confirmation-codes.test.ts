/**
 * Sign-up confirmation with the code itself, which only the local stack can show (it prints the
 * code cognito-local would email; a deployed pool emails it, so the black-box suite in
 * tests/deployed confirms with AdminConfirmSignUp): the printed code confirms, a wrong one does not,
 * a used one does not again, and a resent code replaces the first.
 */
import { randomUUID } from 'node:crypto';
import { createApiClient, type ApiClient } from '../../api/client.js';
import { checked } from '../support/api-responses.js';
import { startStack, type StackTarget } from '../support/stack.js';

let stack: StackTarget;
let api: ApiClient;
const email = () => `code-${randomUUID().slice(0, 8)}@example.test`;
const PASSWORD = 'Correct-Horse-9';

beforeAll(async () => {
  stack = await startStack();
  api = createApiClient(stack.baseUrl);
}, 90_000);
afterAll(() => stack?.stop());

const signUp = async (address: string) =>
  checked(
    'signUp',
    await api.POST('/auth/signup', { body: { email: address, password: PASSWORD, name: 'Ann' } }),
  );
const confirm = async (address: string, code: string) =>
  checked('confirmSignUp', await api.POST('/auth/confirm', { body: { email: address, code } }));
const login = async (address: string) =>
  checked('login', await api.POST('/auth/login', { body: { email: address, password: PASSWORD } }));

it('confirms with the printed code; a wrong code is 400 and the right one still works; a used one is 400', async () => {
  const address = email();
  expect((await signUp(address)).status).toBe(201);
  const code = await stack.confirmationCode(address);
  expect(code).toMatch(/^\d{6}$/);
  const wrong = code === '000000' ? '111111' : '000000';
  expect((await confirm(address, wrong)).status).toBe(400);
  expect((await confirm(address, code)).status).toBe(204);
  expect((await login(address)).status).toBe(200);
  expect((await confirm(address, code)).status).toBe(400);
});

it('resends a new code that confirms the account; the old one no longer does', async () => {
  const address = email();
  await signUp(address);
  const first = await stack.confirmationCode(address);
  expect(
    checked('resendConfirmationCode', await api.POST('/auth/resend-code', { body: { email: address } }))
      .status,
  ).toBe(204);
  let second = first;
  for (let i = 0; i < 50 && second === first; i++) {
    await new Promise((r) => setTimeout(r, 100));
    second = await stack.confirmationCode(address);
  }
  expect(second).not.toBe(first);
  expect((await confirm(address, first)).status).toBe(400);
  expect((await confirm(address, second)).status).toBe(204);
  expect((await login(address)).status).toBe(200);
});
