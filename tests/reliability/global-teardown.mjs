// Sums what each reliability test recorded, prints it and writes results/latest.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default function globalTeardown() {
  const dir = join(new URL('.', import.meta.url).pathname, 'results');
  const parts = join(dir, 'parts.ndjson');
  const report = {};
  if (existsSync(parts)) {
    for (const line of readFileSync(parts, 'utf8').split('\n').filter(Boolean)) {
      const { section, counts } = JSON.parse(line);
      const into = (report[section] ??= {});
      for (const [k, v] of Object.entries(counts)) into[k] = (into[k] ?? 0) + v;
    }
  }
  const scale = process.env.RELIABILITY_SCALE === 'ci' ? 'ci' : 'full';
  writeFileSync(
    join(dir, 'latest.json'),
    JSON.stringify({ scale, at: new Date().toISOString(), report }, null, 2) + '\n',
  );
  console.log(`\nReliability report (${scale} scale):`);
  for (const [section, counts] of Object.entries(report)) {
    console.log(
      `  ${section.padEnd(20)} ${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join('  ')}`,
    );
  }
}
