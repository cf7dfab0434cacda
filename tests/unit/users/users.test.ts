import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../src/functions/users.js';
import { pageTokenCodec } from '../../../src/lib/pagination.js';
import { contractViolations } from '../../support/contract.js';
import { apiEvent } from '../../support/events.js';

const TABLE = 'users-table-test';
const SECRET = 'users-test-pagination-secret-0123456789';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:PaginationSecret-AbCdEf';
const ddb = mockClient(DynamoDBDocumentClient);
// The function reads its pagination key from Secrets Manager, by the ARN in its environment.
const secrets = mockClient(SecretsManagerClient);
secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: SECRET });
const savedEnv = { ...process.env };

beforeAll(() => {
  Object.assign(process.env, { USERS_TABLE_NAME: TABLE, PAGINATION_SECRET_ARN: SECRET_ARN });
});
afterAll(() => {
  process.env = savedEnv;
});
beforeEach(() => ddb.reset());

const ANN = { principalId: 'user-a', sub: 'user-a', email: 'ann@example.com', groups: '' };
const BOB = { principalId: 'user-b', sub: 'user-b', email: 'bob@example.com', groups: 'staff' };
const ADMIN = { principalId: 'admin-1', sub: 'admin-1', email: 'root@example.com', groups: 'staff,admin' };
type Authorizer = typeof ANN;

type Op = 'createUser' | 'getMe' | 'getUser' | 'updateUser' | 'deleteUser' | 'listUsers';

const annRecord = {
  userId: 'user-a',
  name: 'Ann',
  email: 'ann@example.com',
  bio: 'Hello',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-02T10:00:00.000Z',
};

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
  const violations = contractViolations(
    operationName,
    result.statusCode,
    result.headers?.['Content-Type'] as string,
    body,
  );
  return { status: result.statusCode, body, headers: result.headers ?? {}, violations };
}

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

describe('the users event file', () => {
  it('is a getUser call by the profile owner, as API Gateway sends it', async () => {
    const event = apiEvent('users');
    ddb.on(GetCommand).resolves({ Item: { ...annRecord, userId: event.pathParameters?.userId } });
    const result = await handler(event);
    expect(result.statusCode).toBe(200);
  });
});

describe('POST /users', () => {
  it("creates the caller's own profile with one conditional write: 201", async () => {
    ddb.on(PutCommand).resolves({});
    const { status, body, violations } = await call('createUser', ANN, {
      body: { userId: 'user-a', name: 'Ann', email: 'ann@example.com', bio: 'Hello' },
    });
    expect(status).toBe(201);
    expect(violations).toEqual([]);
    expect(body).toMatchObject({ userId: 'user-a', name: 'Ann', email: 'ann@example.com', bio: 'Hello' });
    expect(body?.createdAt).toBe(body?.updatedAt);
    const put = ddb.commandCalls(PutCommand);
    expect(put).toHaveLength(1);
    expect(put[0]?.args[0].input).toMatchObject({
      TableName: TABLE,
      ConditionExpression: 'attribute_not_exists(userId)',
      Item: { userId: 'user-a', name: 'Ann', email: 'ann@example.com', bio: 'Hello' },
    });
  });

  it("refuses to create another user's profile for a non-admin: 403, nothing written", async () => {
    const { status, violations } = await call('createUser', BOB, {
      body: { userId: 'user-a', name: 'Not Ann' },
    });
    expect(status).toBe(403);
    expect(violations).toEqual([]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it("lets an admin create anyone's profile", async () => {
    ddb.on(PutCommand).resolves({});
    const { status } = await call('createUser', ADMIN, { body: { userId: 'user-a', name: 'Ann' } });
    expect(status).toBe(201);
  });

  it('answers 409 when the profile exists (the conditional write failed), overwriting nothing', async () => {
    ddb.on(PutCommand).rejects(conditionFailed());
    const { status, violations, body } = await call('createUser', ANN, {
      body: { userId: 'user-a', name: 'Ann' },
    });
    expect(status).toBe(409);
    expect(violations).toEqual([]);
    expect(body?.type).toMatch(/conflict/);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('maps an unexpected DynamoDB failure to a 500 without internals', async () => {
    ddb.on(PutCommand).rejects(new Error('arn:aws:dynamodb:us-east-1:123:table/users-table-test throttled'));
    const { status, body, violations } = await call('createUser', ANN, {
      body: { userId: 'user-a', name: 'Ann' },
    });
    expect(status).toBe(500);
    expect(violations).toEqual([]);
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
  [
    'createUser' as const,
    'POST /users',
    (b: Record<string, unknown>) => ({ body: { userId: 'user-a', ...b } }),
  ],
  [
    'updateUser' as const,
    'PUT /users/{userId}',
    (b: Record<string, unknown>) => ({ userId: 'user-a', body: b }),
  ],
])('%s (%s) enforces the field limits', (operation, _route, request) => {
  it.each(badFields)('refuses %s: 400 problem+json, nothing written', async (_, fields) => {
    const { status, violations, body } = await call(operation, ANN, request(fields));
    expect(status).toBe(400);
    expect(violations).toEqual([]);
    expect((body?.errors as unknown[]).length).toBeGreaterThan(0);
    expect(ddb.calls()).toHaveLength(0);
  });

  it.each([
    ['not JSON', '{"name":'],
    ['a JSON array', '[{"name":"Ann"}]'],
    ['JSON null', 'null'],
    ['no body', undefined],
  ])('refuses a body that is %s: 400, nothing written', async (_, raw) => {
    const req = request({});
    const { status } = await call(operation, ANN, { ...req, body: raw });
    expect(status).toBe(400);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('POST /users userId limits', () => {
  it.each([
    ['with a space', 'user a'],
    ['with a slash', 'user/a'],
    ['of 129 characters', 'u'.repeat(129)],
    ['empty', ''],
  ])('refuses a userId %s', async (_, userId) => {
    const { status } = await call('createUser', ADMIN, { body: { userId, name: 'X' } });
    expect(status).toBe(400);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /users/me', () => {
  it("returns the caller's profile, keyed by the authorizer's sub", async () => {
    ddb.on(GetCommand).resolves({ Item: { ...annRecord, internalFlag: 'x' } });
    const { status, body, violations } = await call('getMe', ANN);
    expect(status).toBe(200);
    expect(violations).toEqual([]);
    expect(body).toEqual(annRecord);
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Key: { userId: 'user-a' },
    });
  });

  it('answers 404 when the caller has no profile yet', async () => {
    ddb.on(GetCommand).resolves({});
    const { status, violations } = await call('getMe', ANN);
    expect(status).toBe(404);
    expect(violations).toEqual([]);
  });

  it('answers 401 without a verified identity', async () => {
    const { status } = await call('getMe', null);
    expect(status).toBe(401);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe("another user's profile (user B on user A's id) is invisible: 404 without touching the table", () => {
  const notFoundBody = async () => {
    ddb.on(GetCommand).resolves({});
    const { body } = await call('getUser', ANN, { userId: 'user-a' });
    ddb.reset();
    return body;
  };

  it.each([
    ['getUser' as const, {}],
    ['updateUser' as const, { body: { name: 'Hijacked' } }],
    ['deleteUser' as const, {}],
  ])('%s: 404, the same answer as a missing profile', async (operation, extra) => {
    const missing = await notFoundBody();
    const { status, body, violations } = await call(operation, BOB, { userId: 'user-a', ...extra });
    expect(status).toBe(404);
    expect(violations).toEqual([]);
    expect(body).toEqual(missing);
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('GET /users/{userId}', () => {
  it('returns the profile to its owner and to an admin', async () => {
    ddb.on(GetCommand).resolves({ Item: annRecord });
    for (const caller of [ANN, ADMIN]) {
      const { status, body, violations } = await call('getUser', caller, { userId: 'user-a' });
      expect(status).toBe(200);
      expect(violations).toEqual([]);
      expect(body).toEqual(annRecord);
    }
  });

  it('answers 404 for a missing profile', async () => {
    ddb.on(GetCommand).resolves({});
    expect((await call('getUser', ADMIN, { userId: 'nobody' })).status).toBe(404);
  });

  it.each([['user a'], ['u'.repeat(129)], ['a%2Fb']])(
    'refuses the malformed userId %j: 400',
    async (userId) => {
      const { status } = await call('getUser', ADMIN, { userId });
      expect(status).toBe(400);
      expect(ddb.calls()).toHaveLength(0);
    },
  );
});

describe('PUT /users/{userId}', () => {
  it("replaces the profile's fields with one conditional update (omitted optional fields removed)", async () => {
    ddb.on(UpdateCommand).resolves({
      Attributes: { ...annRecord, name: 'Ann B', bio: undefined, updatedAt: '2026-11-25T00:00:00.000Z' },
    });
    const { status, violations } = await call('updateUser', ANN, {
      userId: 'user-a',
      body: { name: 'Ann B', email: 'ann@example.com' },
    });
    expect(status).toBe(200);
    expect(violations).toEqual([]);
    const input = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      TableName: TABLE,
      Key: { userId: 'user-a' },
      ConditionExpression: 'attribute_exists(#userId)',
      ReturnValues: 'ALL_NEW',
    });
    expect(input?.UpdateExpression).toMatch(
      /^SET #name = :name, #updatedAt = :updatedAt, #email = :email REMOVE #bio$/,
    );
    expect(input?.ExpressionAttributeValues).toMatchObject({ ':name': 'Ann B', ':email': 'ann@example.com' });
  });

  it("lets an admin update anyone's profile", async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: annRecord });
    expect((await call('updateUser', ADMIN, { userId: 'user-a', body: { name: 'Ann' } })).status).toBe(200);
  });

  it('answers 404 for a missing profile without creating it', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    const { status, violations } = await call('updateUser', ANN, { userId: 'user-a', body: { name: 'Ann' } });
    expect(status).toBe(404);
    expect(violations).toEqual([]);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });
});

describe('DELETE /users/{userId}', () => {
  it('deletes with one conditional write: 204 for the owner and for an admin', async () => {
    ddb.on(DeleteCommand).resolves({});
    for (const caller of [ANN, ADMIN]) {
      const { status, violations } = await call('deleteUser', caller, { userId: 'user-a' });
      expect(status).toBe(204);
      expect(violations).toEqual([]);
    }
    expect(ddb.commandCalls(DeleteCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Key: { userId: 'user-a' },
      ConditionExpression: 'attribute_exists(userId)',
    });
  });

  it('answers 404 when there was nothing to delete', async () => {
    ddb.on(DeleteCommand).rejects(conditionFailed());
    const { status, violations } = await call('deleteUser', ANN, { userId: 'user-a' });
    expect(status).toBe(404);
    expect(violations).toEqual([]);
  });
});

describe('GET /users', () => {
  it('is for admins only: 403 for anyone else, nothing read', async () => {
    for (const caller of [ANN, BOB]) {
      const { status, violations } = await call('listUsers', caller);
      expect(status).toBe(403);
      expect(violations).toEqual([]);
    }
    expect(ddb.calls()).toHaveLength(0);
  });

  it('pages with limit and an opaque nextToken that leads to the next page', async () => {
    ddb
      .on(ScanCommand)
      .resolvesOnce({ Items: [annRecord], LastEvaluatedKey: { userId: 'user-a' } })
      .resolvesOnce({ Items: [] });
    const first = await call('listUsers', ADMIN, { query: { limit: '1' } });
    expect(first.status).toBe(200);
    expect(first.violations).toEqual([]);
    expect(first.body?.items).toEqual([annRecord]);
    const nextToken = first.body?.nextToken as string;
    expect(nextToken).toEqual(expect.any(String));
    expect(nextToken).not.toContain('user-a');

    const second = await call('listUsers', ADMIN, { query: { limit: '1', nextToken } });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ items: [] });
    const scans = ddb.commandCalls(ScanCommand).map((c) => c.args[0].input);
    expect(scans[0]).toEqual({ TableName: TABLE, Limit: 1 });
    expect(scans[1]).toEqual({ TableName: TABLE, Limit: 1, ExclusiveStartKey: { userId: 'user-a' } });
  });

  it('uses the spec default page size of 20', async () => {
    ddb.on(ScanCommand).resolves({ Items: [] });
    await call('listUsers', ADMIN);
    expect(ddb.commandCalls(ScanCommand)[0]?.args[0].input.Limit).toBe(20);
  });

  it("refuses forged, tampered and other listings' tokens, and out-of-range limits: 400", async () => {
    const other = pageTokenCodec(SECRET);
    const forged = pageTokenCodec('another-secret-of-enough-length').encode({ userId: 'x' }, 'users') ?? '';
    const otherScope = other.encode({ ownerId: 'user-a', jobId: 'j1' }, 'jobs:user-a') ?? '';
    const wrongShape = other.encode({ ownerId: 'user-a', jobId: 'j1' }, 'users') ?? '';
    const queries: Record<string, string>[] = [
      { nextToken: forged },
      { nextToken: otherScope },
      { nextToken: wrongShape },
      { nextToken: 'garbage' },
      { limit: '0' },
      { limit: '101' },
      { limit: 'ten' },
    ];
    for (const query of queries) {
      const { status, violations } = await call('listUsers', ADMIN, { query });
      expect(status).toBe(400);
      expect(violations).toEqual([]);
    }
    expect(ddb.calls()).toHaveLength(0);
  });
});
