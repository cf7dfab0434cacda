/**
 * `sam-local lint-api`: the import check's command line, on fixture templates. One line per finding,
 * `error|warning <rule> <path>: <message> (<docUrl>)`, and a non-zero exit on any error.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SAM_LOCAL_BIN } from '../../src/public/testing.js';
import { fixture, packageRoot } from '../support/paths.js';

const fixtures = fixture('api-import');

async function lintApi(...args: string[]): Promise<{ code: number; stdout: string }> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // jest's --experimental-vm-modules is not for the CLI
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [SAM_LOCAL_BIN, 'lint-api', ...args], {
      cwd: packageRoot,
      env,
    });
    return { code: 0, stdout };
  } catch (e) {
    const failed = e as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('sam-local lint-api', () => {
  it('prints each finding with its rule, path and AWS page, and fails on an error', async () => {
    const { code, stdout } = await lintApi('--template', join(fixtures, 'template.yaml'));
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines).toContain(
      'IncludedApi (definitions/root-security.yaml): 2 error(s), 1 warning(s), 0 accepted',
    );
    expect(stdout).toMatch(
      /^error root-security \/security: API Gateway doesn't use root level security.* \(https:\/\/docs\.aws\.amazon\.com\/apigateway\/latest\/developerguide\/api-gateway-known-issues\.html#api-gateway-known-issues-rest-apis\)$/m,
    );
    expect(stdout).toMatch(
      /^error operation-security-missing \/paths\/~1items\/get: .*declare security: \[\] to make it public explicitly/m,
    );
    expect(stdout).toMatch(
      /^accepted parameter-attribute-ignored \/paths\/~1items~1\{id\}\/get\/parameters\/0\/schema\/maxLength: the function checks/m,
    );
    expect(stdout).toMatch(/^S3Api: not checked \(an S3 location/m);
  });

  it('passes with warnings only, printing them and the accepted ones', async () => {
    const { code, stdout } = await lintApi('--template', join(fixtures, 'warnings-only.yaml'));
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^warning parameter-attribute-ignored \/paths\/~1items~1\{id\}\/get\/parameters\/0\/schema\/pattern: /m,
    );
    expect(stdout).toMatch(
      /^accepted gateway-response-not-customizable \/x-amazon-apigateway-gateway-responses\/REQUEST_TOO_LARGE: kept for/m,
    );
    expect(stdout).not.toMatch(/^error /m);
  });

  it('lists its rules', async () => {
    const { code, stdout } = await lintApi('--rules');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^error {3}root-security: .* \(https:\/\/docs\.aws\.amazon\.com\//m);
    expect(stdout).toMatch(/^warning parameter-attribute-ignored: /m);
  });
});
