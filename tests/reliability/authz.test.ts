/**
 * Object-level authorization: user A owns a profile and a completed job; user B calls every secured
 * operation of the spec with A's ids (path parameters) and lists everything B may list. Nothing of
 * A's (sub, email, job id, result link) may appear in any response B gets, and B can change nothing
 * of A's.
 */
import { createApiClient } from '../../api/client.js';
import { specOperations } from '../support/project.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { signUpConfirmAndLogin } from '../support/users.js';
import { problemViolation, send } from './http.js';
import { record } from './report.js';

describe('object-level authorization across every secured route', () => {
  let stack: StackTarget;
  let a: Awaited<ReturnType<typeof signUpConfirmAndLogin>>;
  let b: Awaited<ReturnType<typeof signUpConfirmAndLogin>>;
  let jobId = '';
  const counts = { routesTried: 0, leaks: 0, changesByOtherUser: 0, fiveXX: 0 };

  beforeAll(async () => {
    stack = await startStack();
    a = await signUpConfirmAndLogin(stack);
    b = await signUpConfirmAndLogin(stack);
    const client = createApiClient(stack.baseUrl, { headers: { Authorization: `Bearer ${a.idToken}` } });
    const created = await client.POST('/users', {
      body: { userId: a.sub, name: 'Alice', bio: 'secret-bio-of-alice' },
    });
    expect(created.response.status).toBe(201);
    const submitted = await client.POST('/submit-job-request', {
      body: { jobType: 'echo', payload: { secret: 'alice-payload' } },
    });
    expect(submitted.response.status).toBe(202);
    jobId = submitted.data!.jobId;
    for (let i = 0; i < 100; i++) {
      const status = await client.GET('/job-status/{jobId}', { params: { path: { jobId } } });
      if (status.data?.jobStatus === 'complete') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 180_000);

  afterAll(async () => {
    record('objectAuthorization', counts);
    await stack?.stop();
  });

  const secured = specOperations().filter(
    ({ method, op }) => method !== 'options' && !(Array.isArray(op.security) && op.security.length === 0),
  );

  it.each(
    secured.map(({ path, method, op }) => ({
      path,
      method: method.toUpperCase(),
      operationId: String(op.operationId),
    })),
  )("$method $path as another user shows and changes nothing of the owner's", async ({ path, method }) => {
    const url = path.replace('{userId}', a.sub).replace('{jobId}', jobId);
    const body =
      method === 'PUT'
        ? JSON.stringify({ name: 'Mallory' })
        : method === 'POST' && path === '/users'
          ? JSON.stringify({ userId: a.sub, name: 'Mallory' })
          : method === 'POST'
            ? JSON.stringify({ jobType: 'echo', payload: {} })
            : undefined;
    const r = await send(stack.baseUrl, method, url, {
      body,
      headers: { authorization: `Bearer ${b.idToken}` },
    });
    counts.routesTried++;
    if (r.status >= 500) counts.fiveXX++;
    expect(r.status).toBeLessThan(500);
    expect(problemViolation(r)).toBeUndefined();
    for (const secret of [a.sub, a.email, jobId, 'secret-bio-of-alice', 'alice-payload']) {
      if (r.text.includes(secret)) {
        counts.leaks++;
        throw new Error(`${method} ${url} as B leaked ${secret}: ${r.text.slice(0, 200)}`);
      }
    }
    if (path.includes('{') || path === '/users') {
      // B addressed A's resource (or tried to create A's profile): refused without confirming it exists.
      expect([403, 404, 409]).toContain(r.status);
      if (path.includes('{')) expect(r.status).toBe(404);
    }
  });

  it("leaves the owner's data unchanged", async () => {
    const client = createApiClient(stack.baseUrl, { headers: { Authorization: `Bearer ${a.idToken}` } });
    const profile = await client.GET('/users/{userId}', { params: { path: { userId: a.sub } } });
    expect(profile.data).toMatchObject({ userId: a.sub, name: 'Alice', bio: 'secret-bio-of-alice' });
    const job = await client.GET('/job-status/{jobId}', { params: { path: { jobId } } });
    expect(job.response.status).toBe(200);
    if (profile.data?.name !== 'Alice') counts.changesByOtherUser++;
  });
});
