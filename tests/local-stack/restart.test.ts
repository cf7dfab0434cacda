/**
 * A restart on the same data keeps the stack's endpoints: the emulators come back on their ports, so
 * the printed AWS_ENDPOINT_URL_* values are the same and an ID token issued before the restart (its
 * issuer names the Cognito emulator's port) is still accepted after it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../support/stack.js';

it('keeps endpoints and accepts a token from before the restart', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'local-stack-restart-'));
  try {
    const first = await startStack({ dataDir });
    const before = first.awsEnv;
    const login = await fetch(`${first.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(first.adminCredentials),
    });
    expect(login.status).toBe(200);
    const { idToken } = (await login.json()) as { idToken: string };
    await first.stop();

    const second = await startStack({ dataDir, fresh: false });
    try {
      expect(second.awsEnv).toEqual(before);
      const jobs = await fetch(`${second.baseUrl}/jobs`, { headers: { Authorization: `Bearer ${idToken}` } });
      expect(jobs.status).toBe(200);
    } finally {
      await second.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 120000);
