/** /users and /users/{userId}: the HTTP mapping of UsersService (its rules: tests/unit/users/service.test.ts). */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { usersHandler } from '../../../src/functions/users.js';
import { pageTokenCodec } from '../../../src/lib/pagination.js';
import { UsersService } from '../../../src/users/service.js';
import { contractViolations } from '../../support/contract.js';
import { apiEvent } from '../../support/events.js';
import { fixedClock } from '../../support/fakes/jobs.js';
import { annRecord, InMemoryUserStore } from '../../support/fakes/users.js';

let store: InMemoryUserStore;
const handler = usersHandler(
  () =>
    new UsersService({
      store,
      tokens: () => Promise.resolve(pageTokenCodec('users-test-pagination-secret-0123456789')),
      clock: fixedClock(),
    }),
);
beforeEach(() => {
  store = new InMemoryUserStore();
});

const ANN = { principalId: 'user-a', sub: 'user-a', email: 'ann@example.com', groups: '' };
const BOB = { principalId: 'user-b', sub: 'user-b', email: 'bob@example.com', groups: 'staff' };
const ADMIN = { principalId: 'admin-1', sub: 'admin-1', email: 'root@example.com', groups: 'staff,admin' };
type Authorizer = typeof ANN;
type Op = 'createUser' | 'getMe' | 'getUser' | 'updateUser' | 'deleteUser' | 'listUsers';

async function call(
  operationName: Op,
  authorizer: Authorizer | null,
  request: { userId?: string; body?: unknown; query?: Record<string, string> } = {},
) {
  const overrides: Partial<APIGatewayProxyEvent> = {
    requestContext: { operationName, authorizer } as never,
    pathParameters: request.userId !== undefined ? { userId: request.userId } : null,
    queryStringParameters: request.query ?? null,
    body:
      request.body === undefined
        ? null
        : typeof request.body === 'string'
          ? request.body
          : JSON.stringify(request.body),
  };
  const result = await handler(apiEvent('users', overrides));
  const body = result.body ? (JSON.parse(result.body) as Record<string, unknown>) : undefined;
  expect(
    contractViolations(operationName, result.statusCode, result.headers?.['Content-Type'] as string, body),
  ).toEqual([]);
  return { status: result.statusCode, body };
}

describe('the users event file', () => {
  it('is a getUser call by the profile owner, as API Gateway sends it', async () => {
    const event = apiEvent('users');
    store.seed({ ...annRecord, userId: event.pathParameters?.userId as string });
    expect((await handler(event)).statusCode).toBe(200);
  });
});

describe('statuses', () => {
  it('201 on create, 200 on read and replace, 204 on delete', async () => {
    expect((await call('createUser', ANN, { body: { userId: 'user-a', name: 'Ann' } })).status).toBe(201);
    expect((await call('getMe', ANN)).status).toBe(200);
    expect((await call('getUser', ADMIN, { userId: 'user-a' })).status).toBe(200);
    expect((await call('updateUser', ANN, { userId: 'user-a', body: { name: 'Ann B' } })).status).toBe(200);
    expect((await call('deleteUser', ANN, { userId: 'user-a' })).status).toBe(204);
  });

  it("403 for another user's profile on create, 409 for an existing one", async () => {
    store.seed(annRecord);
    expect((await call('createUser', BOB, { body: { userId: 'user-a', name: 'X' } })).status).toBe(403);
    const taken = await call('createUser', ANN, { body: { userId: 'user-a', name: 'Ann' } });
    expect(taken.status).toBe(409);
    expect(taken.body?.type).toMatch(/conflict/);
  });

  it('the same 404 for a missing profile and for one the caller may not see', async () => {
    store.seed(annRecord);
    const missing = await call('getUser', ADMIN, { userId: 'nobody' });
    expect(missing.status).toBe(404);
    for (const [operation, extra] of [
      ['getUser', {}],
      ['updateUser', { body: { name: 'Hijacked' } }],
      ['deleteUser', {}],
    ] as const)
      expect(await call(operation, BOB, { userId: 'user-a', ...extra })).toEqual(missing);
  });

  it('401 without a verified identity, 403 for a non-admin listing', async () => {
    expect((await call('getMe', null)).status).toBe(401);
    expect((await call('listUsers', ANN)).status).toBe(403);
  });

  it('500 with no internals for a store failure', async () => {
    store.failNext(new Error('arn:aws:dynamodb:us-east-1:123:table/users-table-test throttled'));
    const { status, body } = await call('createUser', ANN, { body: { userId: 'user-a', name: 'Ann' } });
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/arn:|users-table-test/);
  });
});

/** Bodies that break a documented field limit, for POST (with userId) and PUT (without). */
const badFields: [string, Record<string, unknown>][] = [
  ['a missing name', { email: 'ann@example.com' }],
  ['an empty name', { name: '' }],
  ['a blank name', { name: '   ' }],
  ['a name of 101 characters', { name: 'n'.repeat(101) }],
  ['a bio of 501 characters', { name: 'Ann', bio: 'b'.repeat(501) }],
  ['an email without @', { name: 'Ann', email: 'ann.example.com' }],
  ['an email of 255 characters', { name: 'Ann', email: `${'a'.repeat(243)}@example.com` }],
  ['a name that is a number', { name: 42 }],
  ['an unknown field', { name: 'Ann', isAdmin: true }],
  ['a createdAt field', { name: 'Ann', createdAt: '2020-01-01T00:00:00Z' }],
];

describe.each([
  ['createUser' as const, (b: Record<string, unknown>) => ({ body: { userId: 'user-a', ...b } })],
  ['updateUser' as const, (b: Record<string, unknown>) => ({ userId: 'user-a', body: b })],
])('%s enforces the contract', (operation, request) => {
  it.each(badFields)('refuses %s: 400 naming the field, the store untouched', async (_, fields) => {
    const { status, body } = await call(operation, ANN, request(fields));
    expect(status).toBe(400);
    expect((body?.errors as unknown[]).length).toBeGreaterThan(0);
    expect(store.calls).toEqual([]);
  });

  it.each([
    ['not JSON', '{"name":'],
    ['a JSON array', '[{"name":"Ann"}]'],
    ['JSON null', 'null'],
    ['no body', undefined],
  ])('refuses a body that is %s: 400, the store untouched', async (_, raw) => {
    expect((await call(operation, ANN, { ...request({}), body: raw })).status).toBe(400);
    expect(store.calls).toEqual([]);
  });
});

describe('parameters', () => {
  it.each([['user a'], ['u'.repeat(129)], ['a%2Fb']])(
    'refuses the malformed userId %j: 400',
    async (userId) => {
      expect((await call('getUser', ADMIN, { userId })).status).toBe(400);
      expect(store.calls).toEqual([]);
    },
  );

  it.each([
    ['with a space', 'user a'],
    ['with a slash', 'user/a'],
    ['of 129 characters', 'u'.repeat(129)],
    ['empty', ''],
  ])('refuses a created userId %s', async (_, userId) => {
    expect((await call('createUser', ADMIN, { body: { userId, name: 'X' } })).status).toBe(400);
    expect(store.calls).toEqual([]);
  });

  it('lists with the contract default page size, and refuses out-of-range limits and foreign tokens', async () => {
    for (let i = 0; i < 25; i++) store.seed({ ...annRecord, userId: `u${String(i).padStart(2, '0')}` });
    const page = await call('listUsers', ADMIN);
    expect((page.body?.items as unknown[]).length).toBe(20);
    expect(page.body?.nextToken).toEqual(expect.any(String));
    for (const query of [
      { limit: '0' },
      { limit: '101' },
      { limit: 'ten' },
      { nextToken: 'garbage' },
    ] as Record<string, string>[])
      expect((await call('listUsers', ADMIN, { query })).status).toBe(400);
  });
});
