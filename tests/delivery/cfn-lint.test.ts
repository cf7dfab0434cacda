/**
 * cfn-lint (it runs the SAM transform, so SAM mistakes show too) passes on the real templates and
 * fails on a copy with a deliberate mistake. `npm run lint` runs it as well; this test proves the
 * check can fail. cfn-lint is required, as for `npm run lint` (pip install cfn-lint).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../support/paths.js';

const run = promisify(execFile);

async function cfnLint(dir: string, files: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run('cfn-lint', files, { cwd: dir });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error('cfn-lint is not installed: pip install cfn-lint', { cause: error });
    return { code: Number(e.code), output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('cfn-lint', () => {
  it('passes template.yaml and pipeline.yaml', async () => {
    const result = await cfnLint(projectRoot, ['template.yaml', 'pipeline.yaml']);
    expect(result).toEqual({ code: 0, output: '' });
  }, 60_000);

  it('fails a template with a deliberate mistake (a runtime Lambda does not offer, a dangling GetAtt)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
    try {
      mkdirSync(join(dir, 'api'));
      copyFileSync(join(projectRoot, 'api/gateway.yaml'), join(dir, 'api/gateway.yaml'));
      const broken = readFileSync(join(projectRoot, 'template.yaml'), 'utf8')
        .replace('Runtime: nodejs22.x', 'Runtime: nodejs7.x')
        .replace('Queue: !GetAtt JobsQueue.Arn', 'Queue: !GetAtt JobsQueueTypo.Arn');
      writeFileSync(join(dir, 'template.yaml'), broken);
      const result = await cfnLint(dir, ['template.yaml']);
      expect(result.code).not.toBe(0);
      expect(result.output).toMatch(/nodejs7\.x/);
      expect(result.output).toMatch(/JobsQueueTypo/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
