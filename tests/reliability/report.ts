/**
 * The reliability suite's report: each test file adds its counts (jobs, faults injected, bodies
 * fuzzed, tokens tried, 5xx seen, leaks, ...) and the global teardown prints the total and writes
 * tests/reliability/results/latest.json.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../support/paths.js';

export const resultsDir = join(projectRoot, 'tests', 'reliability', 'results');
const partsFile = join(resultsDir, 'parts.ndjson');

export type Counts = Record<string, number>;

export function record(section: string, counts: Counts): void {
  mkdirSync(resultsDir, { recursive: true });
  appendFileSync(partsFile, JSON.stringify({ section, counts }) + '\n');
}

/** How big a run is: `full` (npm run test:reliability) or `ci` (bounded, for .ci/run). */
export const scale = process.env.RELIABILITY_SCALE === 'ci' ? 'ci' : 'full';
export const sized = (full: number, ci: number) => (scale === 'ci' ? ci : full);
