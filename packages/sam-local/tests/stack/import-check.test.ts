/**
 * `sam-local` runs the API Gateway import check first: a definition API Gateway would refuse, or
 * deploy differently from what it says, does not start (a non-zero exit naming each rule and path).
 * Local only: nothing is deployed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SAM_LOCAL_BIN } from '../../src/public/testing.js';
import { fixture, packageRoot } from '../support/paths.js';

describe('sam-local on a definition with import errors', () => {
  it('refuses to start, naming the rule and the path of each error', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'local-stack-'));
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    try {
      const run = promisify(execFile)(
        process.execPath,
        [
          SAM_LOCAL_BIN,
          '--template',
          fixture('api-import', 'template.yaml'),
          '--port',
          '0',
          '--data',
          dataDir,
          '--no-watch',
        ],
        { cwd: packageRoot, env },
      );
      const failure = (await run.then(
        () => undefined,
        (e: unknown) => e,
      )) as { code: number; stdout: string; stderr: string } | undefined;
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(/^error: the REST API definition would not deploy as written/m);
      expect(failure?.stderr).toMatch(
        /^ {2}error root-security \/security: .*\(https:\/\/docs\.aws\.amazon\.com\/apigateway\//m,
      );
      expect(failure?.stderr).toMatch(/^ {2}error operation-security-missing \/paths\/~1items\/get: /m);
      expect(failure?.stderr).not.toMatch(/ at .*\.ts:\d+/); // a message, not a stack trace
      expect(failure?.stdout).not.toMatch(/Local stack ready/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60000);
});
