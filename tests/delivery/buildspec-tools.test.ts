/**
 * buildspec.yml's install phase installs every program its later commands run: `npm test` needs only
 * Node, `npm run lint` needs cfn-lint, `sam build` needs the SAM CLI and esbuild on PATH. The cases
 * below break one thing each and show the check names it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../support/paths.js';
import { samFunctions } from '../support/project.js';
import { externalTools } from '../support/external-tools.js';
import { buildspecToolProblems, type ProjectFacts } from './lib/tool-needs.js';

type Buildspec = { phases: Record<string, { commands: string[] }> };
const buildspec = parse(readFileSync(join(projectRoot, 'buildspec.yml'), 'utf8')) as Buildspec;
const scripts = (
  JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;
const facts: ProjectFacts = {
  root: projectRoot,
  scripts,
  samBuildsWithEsbuild: samFunctions.some((f) => f.metadata.BuildMethod === 'esbuild'),
};

/** buildspec.yml with one phase's commands changed. */
function edited(phase: string, change: (commands: string[]) => string[]): Buildspec {
  const copy = structuredClone(buildspec);
  const target = copy.phases[phase];
  if (!target) throw new Error(`buildspec.yml has no ${phase} phase`);
  target.commands = change(target.commands);
  return copy;
}
const samBuild = (c: string) => /\bsam build\b/.test(c);

describe('buildspec.yml installs every tool its commands need', () => {
  it('the real buildspec: nothing missing', async () => {
    expect(await buildspecToolProblems(buildspec, facts)).toEqual([]);
  }, 60_000);

  it('npm test needs no tool outside npm; npm run test:tools needs each of them', async () => {
    const nodeOnly = (command: string) => ({
      phases: { install: { commands: ['npm ci'] }, build: { commands: [command] } },
    });
    expect(await buildspecToolProblems(nodeOnly('npm test'), facts)).toEqual([]);
    const problems = await buildspecToolProblems(nodeOnly('npm run test:tools'), facts);
    expect(
      problems.map((p) => /^npm run test:tools: needs (\S+) \(tests\/tools\//.exec(p)?.[1]).sort(),
    ).toEqual(Object.keys(externalTools).sort());
  }, 60_000);

  describe('would catch a mistake', () => {
    it('npm test running tests that need Python tools (moto_server, the AWS CLI), which the install phase does not install', async () => {
      const wrong = { ...facts, scripts: { ...scripts, test: scripts['test:tools'] as string } };
      const problems = await buildspecToolProblems(buildspec, wrong);
      // sam and cfn-lint are installed: only what is missing is named, with the tests that need it.
      expect(problems).toEqual([
        'npm test: needs aws (tests/tools/aws-cli.test.ts), which the install phase does not install; pip install awscli (or AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)',
        'npm test: needs moto_server (tests/tools/moto.test.ts via tests/tools/support/moto.ts, tests/tools/sam-cli.test.ts via tests/tools/support/moto.ts), which the install phase does not install; pip install "moto[server]"',
      ]);
    }, 60_000);

    it('npm run lint without cfn-lint installed', async () => {
      const wrong = edited('install', (cs) => cs.map((c) => c.replace(/\s+cfn-lint\b/, '')));
      expect(await buildspecToolProblems(wrong, facts)).toEqual([
        'npm run lint: needs cfn-lint (scripts/cfn-lint.sh), which the install phase does not install; pip install cfn-lint',
      ]);
    }, 60_000);

    it('sam build without node_modules/.bin on PATH, and what fixes it', async () => {
      const bare = edited('build', (cs) => cs.map((c) => (samBuild(c) ? 'sam build' : c)));
      expect(await buildspecToolProblems(bare, facts)).toEqual([
        'sam build: needs esbuild (template.yaml builds with esbuild, which sam build runs from PATH), which the install phase does not install; npm ci puts it in node_modules/.bin, which is not on PATH: run PATH="$PWD/node_modules/.bin:$PATH" sam build',
      ]);
      const exported = edited('build', (cs) =>
        cs.flatMap((c) => (samBuild(c) ? ['export PATH="$PWD/node_modules/.bin:$PATH"', 'sam build'] : [c])),
      );
      expect(await buildspecToolProblems(exported, facts)).toEqual([]);
      const global = edited('build', (cs) => cs.map((c) => (samBuild(c) ? 'sam build' : c)));
      global.phases.install?.commands.push('npm install -g esbuild@0.28.2');
      expect(await buildspecToolProblems(global, facts)).toEqual([]);
    }, 60_000);

    it('sam commands without the SAM CLI installed', async () => {
      const wrong = edited('install', (cs) => cs.map((c) => c.replace(/\s+aws-sam-cli\b/, '')));
      const problems = await buildspecToolProblems(wrong, facts);
      expect(problems).toHaveLength(3);
      for (const p of problems)
        expect(p).toMatch(/^(PATH=\S+ )?sam (build|package)\b.*: needs sam \(the SAM CLI\)/);
    }, 60_000);
  });
});
