/**
 * The console's logic that needs no browser (web/src): the admin group against the template, token
 * claims, problem messages, payload checks and the session's refresh. The pages themselves run in
 * Chromium: tests/browser (npm run test:browser).
 */
import { createApiClient, type ApiClient } from '../../../api/client.js';
import { problemLines } from '../../../web/src/problems.js';
import { ADMIN_GROUP, claimsOf, Session } from '../../../web/src/session.js';
import { retryAndCancel } from '../../../web/src/job-actions.js';
import { storageProblem, uploadContentTypeOf } from '../../../web/src/upload.js';
import { parsePayload } from '../../../web/src/views/submit.js';
import { template } from '../../support/project.js';
import { fakeFetch } from '../api/fake-fetch.js';

const jwt = (claims: object) =>
  ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');

class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  readonly items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

describe('console', () => {
  it('shows the admin view to the group template.yaml names AdminGroup', () => {
    expect(template.Resources.AdminGroup?.Properties?.GroupName).toBe(ADMIN_GROUP);
  });

  it('reads claims, UTF-8 included, and survives a token that is not a JWT', () => {
    expect(claimsOf(jwt({ email: 'zoë@example.test', 'cognito:groups': ['admin'] }))).toEqual({
      email: 'zoë@example.test',
      'cognito:groups': ['admin'],
    });
    expect(claimsOf('not-a-jwt')).toEqual({});
  });

  it('words a problem as title (status), detail and pointer: message lines', () => {
    expect(
      problemLines({
        error: {
          type: 'https://problems.jobs-service.dev/validation',
          title: 'Bad Request',
          status: 400,
          detail: 'The request does not match the API contract.',
          errors: [
            { pointer: '/jobType', message: 'must be equal to one of the allowed values' },
            { pointer: '', message: 'must be object' },
          ],
        },
      }),
    ).toEqual({
      title: 'Bad Request (400)',
      detail: 'The request does not match the API contract.',
      errors: ['/jobType: must be equal to one of the allowed values', '(the whole body): must be object'],
    });
    expect(problemLines({ error: { type: 'x', title: 'Forbidden' } }).title).toBe('Forbidden');
    expect(
      problemLines({ response: new Response(null, { status: 502, statusText: 'Bad Gateway' }) }).title,
    ).toBe('The API answered 502 Bad Gateway');
    expect(problemLines({ thrown: new TypeError('Failed to fetch') })).toEqual({
      title: 'The API cannot be reached',
      detail: 'Failed to fetch',
      errors: [],
    });
  });

  it('accepts a payload only as a JSON object within 256 KiB', () => {
    expect(parsePayload('{"text":"hi"}')).toEqual({ payload: { text: 'hi' } });
    expect(parsePayload('{"text":')).toMatchObject({ message: expect.stringMatching(/^Not valid JSON: /) });
    for (const notObject of ['[]', '"text"', 'null', '3'])
      expect(parsePayload(notObject)).toEqual({
        message: 'The payload must be a JSON object, e.g. {"text": "..."}.',
      });
    const big = JSON.stringify({ text: 'x'.repeat(256 * 1024) });
    expect(parsePayload(big)).toMatchObject({
      message: expect.stringContaining('the limit is 262144 bytes'),
    });
  });
});

describe('session', () => {
  const login = {
    idToken: jwt({ sub: 'u1', email: 'ann@example.test' }),
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    expiresIn: 3600,
    tokenType: 'Bearer' as const,
  };
  let sessions: Session[] = [];
  const open = (identity: ApiClient, storage: MemoryStorage, changes: (string | undefined)[]) => {
    const session = new Session(identity, (reason) => changes.push(reason), storage as unknown as Storage);
    sessions.push(session);
    return session;
  };
  afterEach(() => {
    // Stop the refresh timers.
    for (const s of sessions) if (s.signedIn) s.end();
    sessions = [];
  });

  it('keeps the tokens in storage, refreshes them with the refresh token, and picks them up again', async () => {
    const { fetch, sent } = fakeFetch([
      {
        status: 200,
        body: { idToken: 'id-2', accessToken: 'access-2', expiresIn: 3600, tokenType: 'Bearer' },
      },
    ]);
    const storage = new MemoryStorage();
    const changes: (string | undefined)[] = [];
    const session = open(createApiClient('https://api.example.test', { fetch }), storage, changes);
    session.start(login);
    expect(session.token()).toBe(login.idToken);
    expect(session.claims.email).toBe('ann@example.test');
    expect(session.isAdmin).toBe(false);
    await expect(session.refresh()).resolves.toBe('id-2');
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual({ refreshToken: 'refresh-1' });
    expect(sent[0]?.authorization).toBeNull();
    const again = open(createApiClient('https://api.example.test', { fetch }), storage, []);
    expect(again.token()).toBe('id-2');
    expect(changes).toEqual([undefined]);
  });

  it('ends the session, with a reason, when the API refuses the refresh token', async () => {
    const { fetch } = fakeFetch([{ status: 401, body: { type: 'x', title: 'Unauthorized', status: 401 } }]);
    const storage = new MemoryStorage();
    const changes: (string | undefined)[] = [];
    const session = open(createApiClient('https://api.example.test', { fetch }), storage, changes);
    session.start(login);
    await expect(session.refresh()).resolves.toBeUndefined();
    expect(session.signedIn).toBe(false);
    expect(storage.items.size).toBe(0);
    expect(changes).toEqual([undefined, 'Your session has expired: log in again.']);
  });

  it("uploads a file as the content type the API knows: the browser's, else by extension, else bytes", () => {
    expect(uploadContentTypeOf({ name: 'a.csv', type: 'text/csv' })).toBe('text/csv');
    expect(uploadContentTypeOf({ name: 'notes.MD', type: '' })).toBe('text/markdown');
    expect(uploadContentTypeOf({ name: 'data.csv', type: 'application/vnd.ms-excel' })).toBe('text/csv');
    expect(uploadContentTypeOf({ name: 'photo.png', type: 'image/png' })).toBe('application/octet-stream');
  });

  it("words storage's XML refusal as a problem", () => {
    const xml =
      '<?xml version="1.0"?><Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>';
    expect(problemLines({ error: storageProblem(400, xml) })).toEqual({
      title: 'Storage refused the file (400)',
      detail: 'EntityTooLarge: Your proposed upload exceeds the maximum allowed size',
      errors: [],
    });
  });

  it('offers Retry for a failed job only and Cancel for a queued one only', () => {
    const offered = (jobStatus: string) =>
      retryAndCancel.filter((a) => a.appliesTo({ jobStatus } as never)).map((a) => a.label);
    expect(['queued', 'processing', 'complete', 'failed', 'cancelled'].map(offered)).toEqual([
      ['Cancel'],
      [],
      [],
      ['Retry'],
      [],
    ]);
  });
});
