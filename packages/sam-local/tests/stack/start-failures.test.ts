/**
 * What cannot work stops the start with one clear line and a non-zero exit, instead of a "ready"
 * stack that fails later: a resource an emulator refuses to create, a template condition that
 * cannot be evaluated, a --static prefix that would hide an API route.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyFixture } from '../support/paths.js';
import { runToExit } from '../../src/public/testing.js';

it('exits non-zero naming a table the DynamoDB emulator refuses to create', async () => {
  const app = await mkdtemp(join(tmpdir(), 'local-stack-broken-'));
  try {
    await copyFixture('sam-app', app);
    const template = join(app, 'template.yaml');
    // Its key names an attribute it never defines: DynamoDB refuses such a table (ValidationException).
    const broken = [
      '  BrokenTable:',
      '    Type: AWS::DynamoDB::Table',
      '    Properties:',
      '      BillingMode: PAY_PER_REQUEST',
      '      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]',
      '      KeySchema: [{ AttributeName: missing, KeyType: HASH }]',
      '',
    ].join('\n');
    await writeFile(
      template,
      (await readFile(template, 'utf8')).replace('Resources:\n', `Resources:\n${broken}`),
    );

    const run = await runToExit(
      ['--port', '0', '--no-watch', '--fresh', '--data', join(app, '.data'), '--template', template],
      { timeoutMs: 60000 },
    );
    expect(run.code).toBe(1);
    const errors = run.output.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^error: could not create a resource of the template: AWS::DynamoDB::Table BrokenTable: ValidationException/,
    );
    expect(run.output).not.toContain('Local stack ready');
  } finally {
    await rm(app, { recursive: true, force: true });
  }
}, 90000);

/** Runs sam-local on a copy of the fixture app, its template changed by `edit`; the error lines it printed. */
async function refusal(edit: (template: string) => string, args: string[] = []) {
  const app = await mkdtemp(join(tmpdir(), 'local-stack-refused-'));
  try {
    await copyFixture('sam-app', app);
    const template = join(app, 'template.yaml');
    await writeFile(template, edit(await readFile(template, 'utf8')));
    const run = await runToExit(
      ['--port', '0', '--no-watch', '--fresh', '--data', join(app, '.data'), '--template', template, ...args],
      { timeoutMs: 60000 },
    );
    expect(run.code).toBe(1);
    expect(run.output).not.toContain('Local stack ready');
    return run.output.split('\n').filter((l) => l.startsWith('error:'));
  } finally {
    await rm(app, { recursive: true, force: true });
  }
}

it('exits non-zero naming a condition that refers to one the template does not have', async () => {
  const errors = await refusal((t) =>
    t.replace("Archiving: !Equals [!Ref Archive, 'true']", 'Archiving: !Condition Missing'),
  );
  expect(errors).toEqual(['error: template condition Archiving: no condition Missing in the template']);
}, 90000);

it('exits non-zero when a --static prefix would hide a route of the API', async () => {
  const errors = await refusal((t) => t, ['--static', `/hello/=${tmpdir()}`]);
  expect(errors).toEqual(['error: --static /hello/: the API serves /hello under that prefix']);
}, 90000);
