import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import {
  jobTypeProblems as contractProblems,
  jobTypeSchemas,
  pascalCase,
} from '../../../scripts/api/job-types.js';
import type { Contract } from '../../../scripts/api/contract.js';
import { NonRetryableJobError } from '../../../src/jobs/errors.js';
import { jobTypes, runJob } from '../../../src/jobs/types/index.js';
import { payloadProblems } from '../../../src/jobs/types/payloads.js';
import { projectRoot } from '../../support/paths.js';
import { validatorFor } from '../../support/schema-validator.js';
import { spec } from '../../support/project.js';

const run = (type: string, payload: Record<string, unknown>) => runJob(type, payload);
const contract = () => parse(readFileSync(join(projectRoot, 'openapi.yaml'), 'utf8')) as Contract;

/** The job type modules under src/jobs/types/: every file but the registry, the module interface and the payload check. */
function moduleFiles(dir = join(projectRoot, 'src/jobs/types')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !['index.ts', 'job-type.ts', 'payloads.ts'].includes(f))
    .map((f) => basename(f, '.ts'))
    .sort();
}

/** Where the contract's JobType values, the module files and the registry disagree. */
function jobTypeProblems(values: string[], files: string[], registered: string[]): string[] {
  return [
    ...values.filter((v) => !files.includes(v)).map((v) => `${v}: no module src/jobs/types/${v}.ts`),
    ...files.filter((f) => !values.includes(f)).map((f) => `src/jobs/types/${f}.ts: not a value of JobType`),
    ...files.filter((f) => !registered.includes(f)).map((f) => `${f}: not in the registry (index.ts)`),
  ];
}

describe('job types: the contract and src/jobs/types agree', () => {
  const enumValues = (spec.components.schemas?.JobType as { enum: string[] }).enum;

  it("has one module file, named after the value, and one registry entry for each value of the contract's JobType", () => {
    expect(jobTypeProblems(enumValues, moduleFiles(), Object.keys(jobTypes))).toEqual([]);
    expect(Object.keys(jobTypes).sort()).toEqual([...enumValues].sort());
  });

  it('would catch a value without a module, a module without a value, or one left out of the registry', () => {
    const registered = Object.keys(jobTypes);
    expect(jobTypeProblems([...enumValues, 'resize'], moduleFiles(), registered)).toEqual([
      'resize: no module src/jobs/types/resize.ts',
    ]);
    expect(
      jobTypeProblems(enumValues, [...moduleFiles(), 'thumbnail'], [...registered, 'thumbnail']),
    ).toEqual(['src/jobs/types/thumbnail.ts: not a value of JobType']);
    expect(
      jobTypeProblems(
        enumValues,
        moduleFiles(),
        registered.filter((r) => r !== 'echo'),
      ),
    ).toEqual(['echo: not in the registry (index.ts)']);
  });

  it('gives each value a payload and a result schema, named by the rule, and refuses a contract that does not', () => {
    expect(jobTypeSchemas(contract()).map((t) => [t.type, t.payload, t.result])).toEqual([
      ['echo', 'EchoJobPayload', 'EchoJobResult'],
      ['word-count', 'WordCountJobPayload', 'WordCountJobResult'],
      ['sha256', 'Sha256JobPayload', 'Sha256JobResult'],
      ['csv-stats', 'CsvStatsJobPayload', 'CsvStatsJobResult'],
    ]);
    expect(contractProblems(contract())).toEqual([]);
    const missing = contract();
    delete missing.components.schemas?.Sha256JobResult;
    expect(contractProblems(missing)).toEqual(['job type sha256 has no schema Sha256JobResult']);
    const orphan = contract();
    (orphan.components.schemas as Record<string, unknown>).ResizeJobPayload = { type: 'object' };
    expect(contractProblems(orphan)).toEqual(['schema ResizeJobPayload belongs to no value of JobType']);
    const notObject = contract();
    (notObject.components.schemas as Record<string, unknown>).EchoJobPayload = { type: 'string' };
    expect(contractProblems(notObject)).toEqual([
      'EchoJobPayload: a payload is a JSON object (type: object)',
    ]);
    expect(pascalCase('word-count')).toBe('WordCount');
  });

  it('knows nothing else, including inherited object keys', async () => {
    for (const type of ['fail', 'toString', '__proto__'])
      await expect(runJob(type, {})).rejects.toThrow(NonRetryableJobError);
  });
});

/** Each module's results match its type's result schema in the contract. */
function resultProblems(type: string, result: unknown): unknown[] {
  const validate = validatorFor({ $ref: `#/components/schemas/${pascalCase(type)}JobResult` });
  return validate(result) ? [] : (validate.errors ?? []);
}

describe('echo', () => {
  it('returns the payload unchanged', async () => {
    const payload = { a: 1, nested: { list: [1, 'two', null] } };
    expect(await run('echo', payload)).toEqual(payload);
    expect(resultProblems('echo', await run('echo', payload))).toEqual([]);
    expect(payloadProblems('echo', payload)).toEqual([]);
  });
});

describe('word-count', () => {
  it('counts words, unique words, characters and lines, with the most frequent words', async () => {
    const result = await run('word-count', {
      text: "The cat saw the other cat.\nDon't stop—well-known café!",
    });
    expect(result).toEqual({
      words: 10,
      uniqueWords: 8,
      characters: 54,
      lines: 2,
      topWords: [
        { word: 'cat', count: 2 },
        { word: 'the', count: 2 },
        { word: 'café', count: 1 },
        { word: "don't", count: 1 },
        { word: 'other', count: 1 },
        { word: 'saw', count: 1 },
        { word: 'stop', count: 1 },
        { word: 'well-known', count: 1 },
      ],
    });
    expect(resultProblems('word-count', result)).toEqual([]);
  });

  it('keeps the ten most frequent words, ties in alphabetical order', async () => {
    const text = Array.from({ length: 12 }, (_, i) => `w${String(i).padStart(2, '0')}`).join(' ');
    const result = (await run('word-count', { text: `${text} w11 w11` })) as { topWords: { word: string }[] };
    expect(result.topWords.map((t) => t.word)).toEqual([
      'w11',
      'w00',
      'w01',
      'w02',
      'w03',
      'w04',
      'w05',
      'w06',
      'w07',
      'w08',
    ]);
    expect(resultProblems('word-count', result)).toEqual([]);
  });

  it('handles empty text', async () => {
    const result = await run('word-count', { text: '' });
    expect(result).toEqual({ words: 0, uniqueWords: 0, characters: 0, lines: 0, topWords: [] });
    expect(resultProblems('word-count', result)).toEqual([]);
  });

  it('is deterministic', async () => {
    const text = 'b a c a b a '.repeat(1000);
    expect(JSON.stringify(await run('word-count', { text }))).toBe(
      JSON.stringify(await run('word-count', { text })),
    );
  });

  it('its contract schema refuses a payload without a string text, with the contract message', () => {
    for (const payload of [{}, { text: 42 }, { text: ['a'] }, { words: 'no text' }])
      expect(payloadProblems('word-count', payload, '/payload')).toEqual([
        { pointer: '/payload/text', message: 'must be a string' },
      ]);
    expect(payloadProblems('word-count', { text: 'ok', other: 1 })).toEqual([]);
  });

  it('still refuses, as non-retryable, a stored payload without a string text', async () => {
    for (const payload of [{}, { text: 42 }, { text: ['a'] }])
      await expect(run('word-count', payload)).rejects.toThrow(NonRetryableJobError);
  });
});

describe('sha256', () => {
  it('digests the canonical JSON of the payload, whatever the key order', async () => {
    const canonical = '{"a":1,"b":{"c":[3,{"d":"é","e":null}]}}';
    const expected = createHash('sha256').update(canonical, 'utf8').digest('hex');
    const result = await run('sha256', { b: { c: [3, { e: null, d: 'é' }] }, a: 1 });
    expect(result).toEqual({ algorithm: 'sha256', digest: expected, bytes: Buffer.byteLength(canonical) });
    expect(await run('sha256', { a: 1, b: { c: [3, { d: 'é', e: null }] } })).toEqual(result);
    expect(resultProblems('sha256', result)).toEqual([]);
  });

  it('gives different digests for different payloads', async () => {
    expect(await run('sha256', { a: 1 })).not.toEqual(await run('sha256', { a: 2 }));
  });

  it('matches a known vector: {} is sha256("{}")', async () => {
    expect(await run('sha256', {})).toMatchObject({
      digest: '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      bytes: 2,
    });
  });

  it("would catch a result that breaks the type's result schema", () => {
    expect(resultProblems('sha256', { algorithm: 'md5', digest: 'x', bytes: 2 })).not.toEqual([]);
  });
});
