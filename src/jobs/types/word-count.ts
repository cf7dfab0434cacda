import { NonRetryableJobError } from '../errors.js';
import type { JobTypeModule } from './job-type.js';

const TOP_WORDS = 10;
// A word is a run of letters or digits, with inner apostrophes or hyphens (don't, well-known), in any script.
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** `word-count`: counts words, lines and characters of `payload.text`, with the most frequent words. */
export const wordCount: JobTypeModule<'word-count'> = {
  run(payload) {
    const text: unknown = payload.text;
    // A job stored before `text` was required (the contract refuses such a payload at submit now).
    if (typeof text !== 'string') {
      throw new NonRetryableJobError('word-count needs a string "text" field in the payload');
    }
    const counts = new Map<string, number>();
    let words = 0;
    for (const [word] of text.toLowerCase().matchAll(WORD)) {
      words += 1;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    const topWords = [...counts]
      .sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, TOP_WORDS)
      .map(([word, count]) => ({ word, count }));
    return {
      words,
      uniqueWords: counts.size,
      characters: [...text].length,
      lines: text === '' ? 0 : text.split(/\r\n|\r|\n/).length,
      topWords,
    };
  },
};
