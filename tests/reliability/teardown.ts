import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectReport, resultsDir, scale } from './report.js';

export default function globalTeardown(): void {
  const report = collectReport();
  writeFileSync(
    join(resultsDir, 'latest.json'),
    JSON.stringify({ scale, at: new Date().toISOString(), report }, null, 2) + '\n',
  );
  console.log(`\nReliability report (${scale} scale):`);
  for (const [section, counts] of Object.entries(report)) {
    console.log(
      `  ${section.padEnd(22)} ${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join('  ')}`,
    );
  }
}
