/**
 * The lint rules that keep features free of HTTP and configuration readers in one place
 * (eslint.config.js), shown refusing the mistake they exist for. `npm run lint` applies them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { projectRoot } from '../../support/paths.js';

// Only the rules under test, and without type information: they need none, and building the
// project's TypeScript program for the type-aware rules was most of this file's time (30 s on a
// busy 2-core machine). `npm run lint` runs every rule.
const ARCHITECTURE_RULES = ['no-restricted-imports', 'no-restricted-properties'];
const eslint = new ESLint({
  cwd: projectRoot,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ARCHITECTURE_RULES.includes(ruleId),
});

async function ruleIds(file: string, extra: string): Promise<string[]> {
  const source = readFileSync(join(projectRoot, file), 'utf8');
  const [result] = await eslint.lintText(`${extra}\n${source}`, { filePath: join(projectRoot, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('architecture rules', () => {
  it('refuse an HTTP import in a feature, and allow it in a function entry', async () => {
    const httpImport = "import { json as _json } from '../lib/http/response.js';";
    expect(await ruleIds('src/jobs/submit.ts', httpImport)).toContain('no-restricted-imports');
    expect(await ruleIds('src/users/service.ts', httpImport)).toContain('no-restricted-imports');
    expect(await ruleIds('src/functions/health.ts', httpImport)).not.toContain('no-restricted-imports');
  }, 60_000);

  it('refuse process.env outside the settings reader', async () => {
    const read = 'export const _table = process.env.JOBS_TABLE_NAME;';
    expect(await ruleIds('src/jobs/composition.ts', read)).toContain('no-restricted-properties');
    expect(await ruleIds('src/lib/config.ts', read)).not.toContain('no-restricted-properties');
  }, 60_000);

  it('find nothing of theirs to refuse in the code as it is', async () => {
    for (const file of ['src/jobs/submit.ts', 'src/users/service.ts', 'src/jobs/composition.ts'])
      expect(await ruleIds(file, '')).toEqual([]);
  }, 60_000);
});
