import { NonRetryableJobError } from '../errors.js';
import type { JobResult, JobTypeModule } from './job-type.js';

const TOP_WORDS = 10;
// A word is a run of letters or digits, with inner apostrophes or hyphens (don't, well-known), in any script.
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
// The last character no word can span (a code point, never half a surrogate pair), and what follows it.
const LAST_CUT = /[^\p{L}\p{N}'’-][\p{L}\p{N}'’-]*$/u;
const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Counts a text given in pieces, cut anywhere: each piece is counted up to its last character no
 * word can span, and the rest is carried into the next, so the counts equal those of the whole
 * text. Holds the distinct words (what the result needs) and at most one unfinished word.
 */
class WordCounter {
  private readonly counts = new Map<string, number>();
  private words = 0;
  private characters = 0;
  private breaks = 0;
  private carry = '';

  push(piece: string): void {
    const text = this.carry + piece;
    const last = LAST_CUT.exec(text);
    // Counted up to and with that character; a trailing \r may be half of \r\n, so it is carried.
    const separator = last ? String.fromCodePoint(last[0].codePointAt(0)!) : '';
    const cut = !last ? 0 : last[0] === '\r' ? last.index : last.index + separator.length;
    this.count(text.slice(0, cut));
    this.carry = text.slice(cut);
  }

  end(): JobResult<'word-count'> {
    this.count(this.carry);
    this.carry = '';
    const topWords = [...this.counts]
      .sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, TOP_WORDS)
      .map(([word, count]) => ({ word, count }));
    return {
      words: this.words,
      uniqueWords: this.counts.size,
      characters: this.characters,
      lines: this.characters === 0 ? 0 : this.breaks + 1,
      topWords,
    };
  }

  private count(text: string): void {
    for (const [word] of text.toLowerCase().matchAll(WORD)) {
      this.words += 1;
      this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
    }
    this.characters += [...text].length;
    this.breaks += text.match(LINE_BREAK)?.length ?? 0;
  }
}

/** `word-count`: counts words, lines and characters of `payload.text` (or a file), with the most frequent words. */
export const wordCount: JobTypeModule<'word-count'> = {
  run(payload) {
    const text: unknown = payload.text;
    // A job stored before `text` was required (the contract refuses such a payload at submit now).
    if (typeof text !== 'string') {
      throw new NonRetryableJobError('word-count needs a string "text" field in the payload');
    }
    const counter = new WordCounter();
    counter.push(text);
    return counter.end();
  },
  async runFile(file) {
    const counter = new WordCounter();
    // stream: a character cut between two chunks is decoded once both are in.
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of file) counter.push(decoder.decode(chunk, { stream: true }));
    counter.push(decoder.decode());
    return counter.end();
  },
};
