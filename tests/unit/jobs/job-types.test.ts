import { createHash } from 'node:crypto';
import { NonRetryableJobError } from '../../../src/jobs/errors.js';
import { jobTypeModule, jobTypes } from '../../../src/jobs/types/index.js';
import { spec } from '../../support/project.js';

const run = (type: string, payload: Record<string, unknown>) => jobTypeModule(type)?.run(payload);

describe('job type registry', () => {
  it("has exactly one module for each value of the spec's JobType enum", () => {
    const specTypes = (spec.components.schemas?.JobType as { enum: string[] }).enum;
    expect(Object.keys(jobTypes).sort()).toEqual([...specTypes].sort());
  });

  it('knows nothing else, including inherited object keys', () => {
    expect(jobTypeModule('fail')).toBeUndefined();
    expect(jobTypeModule('toString')).toBeUndefined();
    expect(jobTypeModule('__proto__')).toBeUndefined();
  });
});

describe('echo', () => {
  it('returns the payload unchanged', () => {
    const payload = { a: 1, nested: { list: [1, 'two', null] } };
    expect(run('echo', payload)).toEqual(payload);
  });
});

describe('word-count', () => {
  it('counts words, unique words, characters and lines, with the most frequent words', () => {
    const result = run('word-count', { text: "The cat saw the other cat.\nDon't stop—well-known café!" });
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
  });

  it('keeps the ten most frequent words, ties in alphabetical order', () => {
    const text = Array.from({ length: 12 }, (_, i) => `w${String(i).padStart(2, '0')}`).join(' ');
    const result = run('word-count', { text: `${text} w11 w11` }) as { topWords: { word: string }[] };
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
  });

  it('handles empty text', () => {
    expect(run('word-count', { text: '' })).toEqual({
      words: 0,
      uniqueWords: 0,
      characters: 0,
      lines: 0,
      topWords: [],
    });
  });

  it('is deterministic', () => {
    const text = 'b a c a b a '.repeat(1000);
    expect(JSON.stringify(run('word-count', { text }))).toBe(JSON.stringify(run('word-count', { text })));
  });

  it('refuses a payload without a string text as non-retryable', () => {
    for (const payload of [{}, { text: 42 }, { text: ['a'] }]) {
      expect(() => run('word-count', payload)).toThrow(NonRetryableJobError);
    }
  });
});

describe('sha256', () => {
  it('digests the canonical JSON of the payload, whatever the key order', () => {
    const canonical = '{"a":1,"b":{"c":[3,{"d":"é","e":null}]}}';
    const expected = createHash('sha256').update(canonical, 'utf8').digest('hex');
    const result = run('sha256', { b: { c: [3, { e: null, d: 'é' }] }, a: 1 });
    expect(result).toEqual({ algorithm: 'sha256', digest: expected, bytes: Buffer.byteLength(canonical) });
    expect(run('sha256', { a: 1, b: { c: [3, { d: 'é', e: null }] } })).toEqual(result);
  });

  it('gives different digests for different payloads', () => {
    expect(run('sha256', { a: 1 })).not.toEqual(run('sha256', { a: 2 }));
  });

  it('matches a known vector: {} is sha256("{}")', () => {
    expect(run('sha256', {})).toMatchObject({
      digest: '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      bytes: 2,
    });
  });
});
