/** Template YAML parsed once per content, then read back as JSON. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCloudFormationYaml } from '../../src/sam/cfn-yaml.js';
import { cachedYamlParser } from '../../src/sam/parse-cache.js';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'parse-cache-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const text =
  'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub "${AWS::StackName}-q"\n';

it('parses as parseCloudFormationYaml does, and keeps the result', async () => {
  const parse = cachedYamlParser(dir);
  expect(parse(text)).toEqual(parseCloudFormationYaml(text));
  expect(await readdir(dir)).toHaveLength(1);
});

it('reads a text it has seen from the cache, and parses a changed one', async () => {
  cachedYamlParser(dir)(text);
  const [entry] = await readdir(dir);
  await writeFile(join(dir, entry as string), JSON.stringify({ from: 'the cache' }));
  expect(cachedYamlParser(dir)(text)).toEqual({ from: 'the cache' });
  const changed = text.replace('-q', '-r');
  expect(cachedYamlParser(dir)(changed)).toEqual(parseCloudFormationYaml(changed));
});

it('parses anyway when the cache cannot be written', () => {
  const parse = cachedYamlParser(join(dir, 'missing', '\0'));
  expect(parse(text)).toEqual(parseCloudFormationYaml(text));
});
