// Starts each reliability run with an empty report (tests/reliability/report.ts appends to it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function globalSetup() {
  const dir = join(new URL('.', import.meta.url).pathname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'parts.ndjson'), '');
}
