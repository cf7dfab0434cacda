import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as validators from '../../../api/validators.js';
import { httpHandler } from '../../../src/lib/http/handler.js';
import { callerOf } from '../../../src/lib/http/identity.js';
import { UnauthenticatedError } from '../../../src/lib/errors.js';
import { UserExistsError } from '../../../src/users/errors.js';
import { json } from '../../../src/lib/http/response.js';
import { MAX_JSON_DEPTH } from '../../../src/lib/http/request.js';
import { apiEvent } from '../../support/events.js';

function event(operationName: string, overrides: Partial<APIGatewayProxyEvent> = {}) {
  return apiEvent('health', {
    ...overrides,
    requestContext: { operationName, ...(overrides.requestContext ?? {}) } as never,
  });
}

const authorizer = { sub: 'user-1', email: 'a@example.com', groups: 'admin,staff', principalId: 'user-1' };

describe('httpHandler: one place from event to response', () => {
  const handler = httpHandler(
    {
      createUser: ({ body, caller }) => json(201, { ...body, by: caller.sub }),
      listUsers: ({ query }) => json(200, { query }),
      getUser: ({ path }) => {
        if (path.userId === 'taken') throw new UserExistsError();
        if (path.userId === 'boom') throw new Error('database password is hunter2');
        return json(200, path);
      },
    },
    { createUser: validators.createUser, listUsers: validators.listUsers, getUser: validators.getUser },
  );

  it('validates the body against the spec and lists every failing field', async () => {
    const result = await handler(
      event('createUser', {
        body: JSON.stringify({ userId: 'bad id!', extra: 1 }),
        requestContext: { authorizer } as never,
      }),
    );
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['Content-Type']).toBe('application/problem+json');
    const problem = JSON.parse(result.body) as { errors: { pointer: string }[] };
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual(['/extra', '/name', '/userId']);
  });

  it('refuses a body that is not JSON with 400, not 500', async () => {
    const result = await handler(
      event('createUser', { body: '{"userId":', requestContext: { authorizer } as never }),
    );
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toMatchObject({
      status: 400,
      type: expect.stringContaining('validation'),
    });
  });

  it('refuses JSON nested deeper than the limit with 400, even far too deep to recurse', async () => {
    for (const depth of [MAX_JSON_DEPTH + 1, 200_000]) {
      const body = `{"userId":"u1","name":"n","bio":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const result = await handler(event('createUser', { body, requestContext: { authorizer } as never }));
      expect(result.statusCode).toBe(400);
      expect(JSON.parse(result.body)).toMatchObject({
        detail: expect.stringContaining(`${MAX_JSON_DEPTH} levels`),
      });
    }
    const inString = `{"userId":"u1","name":"${'['.repeat(500)}"}`;
    const ok = await handler(
      event('createUser', { body: inString, requestContext: { authorizer } as never }),
    );
    expect(ok.statusCode).not.toBe(500);
    expect(JSON.parse(ok.body)).not.toMatchObject({ detail: expect.stringContaining('levels') });
  });

  it('passes a valid body and the caller from the authorizer context', async () => {
    const result = await handler(
      event('createUser', {
        body: JSON.stringify({ userId: 'u1', name: 'Ann' }),
        requestContext: { authorizer } as never,
      }),
    );
    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body)).toEqual({ userId: 'u1', name: 'Ann', by: 'user-1' });
  });

  it('coerces and range-checks query parameters, applying spec defaults', async () => {
    const ok = await handler(
      event('listUsers', { queryStringParameters: { limit: '5' }, requestContext: { authorizer } as never }),
    );
    expect(JSON.parse(ok.body)).toEqual({ query: { limit: 5 } });
    const dflt = await handler(event('listUsers', { requestContext: { authorizer } as never }));
    expect(JSON.parse(dflt.body)).toEqual({ query: { limit: 20 } });
    for (const limit of ['0', '101', 'ten', '1.5']) {
      const bad = await handler(
        event('listUsers', { queryStringParameters: { limit }, requestContext: { authorizer } as never }),
      );
      expect(bad.statusCode).toBe(400);
    }
  });

  it('answers an operation it does not serve, or a name that is no operation, with 404', async () => {
    for (const name of ['getHealth', 'noSuchOperation', 'constructor', '__proto__', 'toString']) {
      const result = await handler(event(name, { requestContext: { authorizer } as never }));
      expect({ name, status: result.statusCode }).toEqual({ name, status: 404 });
    }
  });

  it('refuses a secured operation with no authorizer identity (401)', async () => {
    const result = await handler(event('getUser', { pathParameters: { userId: 'u1' } }));
    expect(result.statusCode).toBe(401);
  });

  it('maps known problems to their status and unknown errors to a 500 with no internals', async () => {
    const taken = await handler(
      event('getUser', { pathParameters: { userId: 'taken' }, requestContext: { authorizer } as never }),
    );
    expect(taken.statusCode).toBe(409);
    const boom = await handler(
      event('getUser', { pathParameters: { userId: 'boom' }, requestContext: { authorizer } as never }),
    );
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toMatch(/hunter2|database|\bat \w/);
    expect(JSON.parse(boom.body)).toMatchObject({ status: 500, title: 'Internal Server Error' });
  });
});

describe('body validation: the handlers are the only check (API Gateway validates parameters only)', () => {
  const handler = httpHandler(
    {
      createUser: ({ body }) => json(201, body),
      submitJob: ({ body }) => json(202, body),
    },
    { createUser: validators.createUser, submitJob: validators.submitJob },
  );
  const call = async (operationName: 'createUser' | 'submitJob', body: string | null) => {
    const result = await handler(event(operationName, { body, requestContext: { authorizer } as never }));
    return {
      status: result.statusCode,
      type: result.headers?.['Content-Type'],
      problem: JSON.parse(result.body) as { status: number; errors?: { pointer: string; message: string }[] },
    };
  };
  const pointers = (r: Awaited<ReturnType<typeof call>>) => r.problem.errors?.map((e) => e.pointer).sort();

  it('requires the body the contract requires', async () => {
    for (const body of [null, '']) {
      const r = await call('createUser', body);
      expect(r).toMatchObject({ status: 400, type: 'application/problem+json' });
      expect(r.problem.errors).toEqual([{ pointer: '', message: 'a JSON body is required' }]);
    }
  });

  it('requires a JSON object where the schema says so', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) {
      const r = await call('submitJob', body);
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
    }
  });

  it('enforces enums, lengths, formats and patterns with a pointer per field', async () => {
    const enumR = await call('submitJob', JSON.stringify({ jobType: 'resize', payload: {} }));
    expect(pointers(enumR)).toEqual(['/jobType']);
    const tooLong = await call('createUser', JSON.stringify({ userId: 'u1', name: 'n'.repeat(101) }));
    expect(pointers(tooLong)).toEqual(['/name']);
    const empty = await call('createUser', JSON.stringify({ userId: '', name: 'Ann' }));
    expect(pointers(empty)).toEqual(['/userId', '/userId']);
    const email = await call('createUser', JSON.stringify({ userId: 'u1', name: 'Ann', email: 'nope' }));
    expect(pointers(email)).toEqual(['/email']);
    const blank = await call('createUser', JSON.stringify({ userId: 'u1', name: '   ' }));
    expect(pointers(blank)).toEqual(['/name']);
  });

  it('stays valid JSON whatever the field names hold, with RFC 6901 pointers', async () => {
    const r = await call('createUser', JSON.stringify({ userId: 'u1', name: 'Ann', 'say "hi"/~x': 1 }));
    expect(r.status).toBe(400);
    expect(r.problem.errors).toEqual([{ pointer: '/say "hi"~1~0x', message: 'is not allowed' }]);
  });
});

describe('callerOf', () => {
  it('reads sub, email and groups from the authorizer context only', () => {
    const caller = callerOf(event('getMe', { requestContext: { authorizer } as never }));
    expect(caller).toEqual({
      sub: 'user-1',
      email: 'a@example.com',
      groups: ['admin', 'staff'],
      isAdmin: true,
    });
  });

  it('compares group names exactly: " admin", "admin " or "Admin" is not the admin group', () => {
    for (const groups of [' admin', 'admin ', 'staff, admin', 'Admin', 'admin\t']) {
      const caller = callerOf(
        event('getMe', { requestContext: { authorizer: { ...authorizer, groups } } as never }),
      );
      expect({ groups, isAdmin: caller.isAdmin }).toEqual({ groups, isAdmin: false });
    }
    const admin = callerOf(
      event('getMe', { requestContext: { authorizer: { ...authorizer, groups: 'staff,admin' } } as never }),
    );
    expect(admin.isAdmin).toBe(true);
  });

  it('treats a missing or empty sub as unauthenticated', () => {
    expect(() => callerOf(event('getMe'))).toThrow(UnauthenticatedError);
    expect(() => callerOf(event('getMe', { requestContext: { authorizer: { sub: '' } } as never }))).toThrow(
      /identity/,
    );
  });
});
