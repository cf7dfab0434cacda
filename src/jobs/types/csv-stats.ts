import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { NonRetryableJobError } from '../errors.js';
import type { FileChunks, JobResult, JobTypeModule } from './job-type.js';

type Result = JobResult<'csv-stats'>;
type Column = Result['columns'][number];

// A decimal number as CSV files write them: 42, -3.5, .5, 1e6 (no thousands separators, no NaN).
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** One column's running figures: only these are kept, never the values. */
class ColumnStats {
  empty = 0;
  private numeric = true;
  private seen = false;
  private minNumber = Infinity;
  private maxNumber = -Infinity;
  private minText = '';
  private maxText = '';

  constructor(private readonly name: string) {}

  add(value: string): void {
    if (value === '') {
      this.empty += 1;
      return;
    }
    if (!this.seen || value < this.minText) this.minText = value;
    if (!this.seen || value > this.maxText) this.maxText = value;
    this.seen = true;
    if (this.numeric && NUMBER.test(value)) {
      const n = Number(value);
      this.minNumber = Math.min(this.minNumber, n);
      this.maxNumber = Math.max(this.maxNumber, n);
    } else this.numeric = false;
  }

  result(): Column {
    if (!this.seen) return { name: this.name, type: 'empty', empty: this.empty };
    return this.numeric
      ? { name: this.name, type: 'number', empty: this.empty, min: this.minNumber, max: this.maxNumber }
      : { name: this.name, type: 'string', empty: this.empty, min: this.minText, max: this.maxText };
  }
}

/**
 * The statistics of CSV text given in chunks, parsed as a stream by csv-parse (RFC 4180 quoting, records ended by \r\n, \n or \r; a
 * record with another field count than the header is an error naming its line), keeping per column
 * only its figures. Malformed CSV cannot become valid by retrying: that fails the job.
 */
async function csvStats(chunks: FileChunks | Iterable<Uint8Array>): Promise<Result> {
  let columns: ColumnStats[] | undefined;
  let rows = 0;
  try {
    await pipeline(
      Readable.from(chunks),
      parse({ bom: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }),
      async (records: AsyncIterable<string[]>) => {
        for await (const record of records) {
          if (!columns) columns = record.map((name) => new ColumnStats(name));
          else {
            rows += 1;
            record.forEach((value, i) => columns![i]!.add(value));
          }
        }
      },
    );
  } catch (error) {
    if (error instanceof CsvError) throw new NonRetryableJobError(`The CSV is malformed: ${error.message}`);
    throw error;
  }
  return { rows, columns: (columns ?? []).map((c) => c.result()) };
}

/** `csv-stats`: rows, columns, and each column's type and smallest and largest value, of `payload.text` or a file. */
export const csvStatsJob: JobTypeModule<'csv-stats'> = {
  run(payload) {
    const text: unknown = payload.text;
    if (typeof text !== 'string')
      throw new NonRetryableJobError('csv-stats needs a string "text" field in the payload');
    return csvStats([Buffer.from(text, 'utf8')]);
  },
  runFile: csvStats,
};
