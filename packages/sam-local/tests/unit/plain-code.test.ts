/**
 * A function with no BuildMethod runs in place from CodeUri (src/lambda/plain-code.ts); one with
 * InlineCode is refused at start with the reason explain gives for the property (one source).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explainTemplate } from '../../src/explain/explain.js';
import { plainCode } from '../../src/lambda/plain-code.js';
import type { JsonObject, SamTemplate } from '../../src/sam/template.js';

const dir = mkdtempSync(join(tmpdir(), 'plain-code-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const templateWith = (properties: JsonObject): SamTemplate => ({
  path: join(dir, 'template.yaml'),
  dir,
  raw: {},
  includes: [],
  Parameters: {},
  Globals: {},
  Outputs: {},
  Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: properties } },
});

it('finds the handler module under CodeUri', () => {
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'app.mjs'), 'export const handler = async () => 1;\n');
  const properties = { CodeUri: 'src/', Handler: 'app.handler', Runtime: 'nodejs20.x' };
  const { bundle } = plainCode(templateWith(properties), { logicalId: 'Fn', properties, metadata: {} });
  expect(bundle).toEqual({
    handlerFile: join(dir, 'src', 'app.mjs'),
    handlerExport: 'handler',
    taskRoot: join(dir, 'src'),
  });
});

it('refuses InlineCode with the reason explain prints for it', () => {
  // An index.js beside the template: InlineCode must not fall back to running it.
  writeFileSync(join(dir, 'index.js'), 'exports.handler = async () => 1;\n');
  const properties = {
    InlineCode: 'exports.handler = async () => 2;',
    Handler: 'index.handler',
    Runtime: 'nodejs20.x',
  };
  const template = templateWith(properties);
  const inline = explainTemplate(template).rows.find(
    (r) => r.subject === 'AWS::Serverless::Function InlineCode',
  );
  expect(inline?.rule.status).toBe('ignored');
  expect(() => plainCode(template, { logicalId: 'Fn', properties, metadata: {} })).toThrow(
    `Fn: InlineCode: ${inline?.rule.how}`,
  );
});
