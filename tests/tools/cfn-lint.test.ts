/**
 * cfn-lint (it runs the SAM transform, so SAM mistakes show too) passes on the real templates and
 * fails on a copy with a deliberate mistake. `npm run lint` runs it as well; this test proves the
 * check can fail. Part of `npm run test:tools`: cfn-lint must be on PATH.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../support/paths.js';
import { template } from '../support/project.js';
import { requireTool } from './support/require-tool.js';

const run = promisify(execFile);
let cfnLintPath: string;

beforeAll(() => {
  cfnLintPath = requireTool('cfn-lint');
});

async function cfnLint(dir: string, files: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(cfnLintPath, files, { cwd: dir });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
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
      // The files template.yaml includes (the API definition), at the same relative paths.
      for (const file of template.includes) {
        const target = join(dir, relative(projectRoot, file));
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(file, target);
      }
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
