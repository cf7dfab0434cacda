/**
 * `npm run docs`: writes README.md's "How it differs from AWS" section from the table of rules
 * (src/explain/rules.ts). `--check` writes nothing and exits 1 when the README differs from it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDifferences } from '../src/explain/readme.js';

const readmePath = join(fileURLToPath(new URL('..', import.meta.url)), 'README.md');
const current = readFileSync(readmePath, 'utf8');
const generated = withDifferences(current);
if (process.argv.includes('--check')) {
  if (generated !== current) {
    console.error('README.md differs from src/explain/rules.ts: run `npm run docs` in packages/sam-local');
    process.exit(1);
  }
} else if (generated !== current) {
  writeFileSync(readmePath, generated);
  console.log('README.md: "How it differs from AWS" written from src/explain/rules.ts');
}
