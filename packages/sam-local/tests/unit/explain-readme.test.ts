/**
 * The README's "How it differs from AWS" section is generated from the table of rules
 * (src/explain/rules.ts, `npm run docs`): this fails when either changes without the other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEGIN_MARKER, differencesMarkdown, END_MARKER, withDifferences } from '../../src/explain/readme.js';
import { RULES } from '../../src/explain/rules.js';
import { packageRoot } from '../support/paths.js';

const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');

it('README.md holds the section generated from the table (run `npm run docs` in packages/sam-local)', () => {
  expect(withDifferences(readme)).toBe(readme);
});

it('the section lists what is approximated or ignored, with its AWS page, and every difference of every app', () => {
  const section = differencesMarkdown();
  expect(section).toContain(
    '| `AWS::DynamoDB::Table` `TimeToLiveSpecification` | ignored | items do not expire: dynalite lacks UpdateTimeToLive',
  );
  expect(section).toContain('| `AWS::S3::Bucket` `LifecycleConfiguration` | ignored |');
  expect(section).toContain('| `THROTTLED` | ignored |');
  expect(section).not.toContain('| `UNAUTHORIZED` |');
  for (const subject of Object.keys(RULES.general)) expect(section).toContain(`- **${subject}** (`);
  expect(section).toContain(
    '([AWS](https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html))',
  );
});

it('a README whose section was edited by hand, or lost its markers, is caught', () => {
  const begin = readme.indexOf(BEGIN_MARKER);
  const edited = readme.slice(0, begin) + readme.slice(begin).replace('items do not expire', 'items expire');
  expect(withDifferences(edited)).not.toBe(edited);
  expect(() => withDifferences(readme.replace(BEGIN_MARKER, ''))).toThrow(/no <!-- differences:begin/);
  expect(() => withDifferences(readme.replace(END_MARKER, ''))).toThrow(/differences:end/);
});
