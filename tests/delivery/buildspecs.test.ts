/**
 * buildspec.yml and tests/testspec.yml, parsed: they run what the issue asks, they agree with
 * template.yaml, package.json and the jest configs, and README.md shows exactly their commands (drift
 * either way fails).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from 'jest';
import { parse } from 'yaml';
import { parseCloudFormationYaml, type JsonObject } from 'sam-local/template';
import { projectRoot } from '../support/paths.js';
import { OUTPUT_KEYS } from '../deployed/support/target.js';
import { ADMIN_GROUP } from '../deployed/support/test-users.js';
import { samFunctions, template } from '../support/project.js';
import {
  buildspecCommands,
  commandDrift,
  readmeCommands,
  readmeSection,
  withoutVariables,
} from './lib/commands.js';
import { parameterValueProblems } from './lib/parameters.js';
import { text } from './lib/json.js';

const read = (file: string) => readFileSync(join(projectRoot, file), 'utf8');
type Spec = {
  version: number;
  phases: Record<string, { 'runtime-versions'?: Record<string, unknown>; commands?: string[] }>;
};
const buildspec = parse(read('buildspec.yml')) as Spec & { artifacts: { files: string[] } };
const testspec = parse(read('tests/testspec.yml')) as Spec;
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const readme = read('README.md');
const deploySection = readmeSection(readme, 'deploy');
const pipeline = parseCloudFormationYaml(read('pipeline.yaml')) as JsonObject & {
  Parameters: Record<string, JsonObject>;
  Outputs: Record<string, JsonObject>;
};
/** A jest config file's exported object (a specifier in a variable: the .js configs have no types). */
const jestConfig = async (file: string) =>
  ((await import(pathToFileURL(join(projectRoot, file)).href)) as { default: Config }).default;
const [unitConfig, deployedConfig] = await Promise.all([
  jestConfig('jest.config.js'),
  jestConfig('jest.deployed.config.js'),
]);
const buildCommands = buildspecCommands(buildspec);
const testCommands = buildspecCommands(testspec);

/** Lines of a README section's shell blocks, `\`-continuations joined. */
const shellLines = (section: string) =>
  [...section.matchAll(/```bash\n([\s\S]*?)```/g)]
    .flatMap((m) => (m[1] as string).replace(/\\\n/g, ' ').split('\n'))
    .map((l) => l.replace(/\s+/g, ' ').trim());
const readmeShell = shellLines(deploySection);

/** What would stop the README's `aws cloudformation deploy --template-file pipeline.yaml` command. */
function pipelineCommandProblems(section: string): string[] {
  const command = shellLines(section).find((l) =>
    l.startsWith('aws cloudformation deploy --template-file pipeline.yaml'),
  );
  if (!command) return ['no aws cloudformation deploy --template-file pipeline.yaml command'];
  const problems = /--capabilities CAPABILITY_IAM\b/.test(command)
    ? []
    : ['the pipeline creates IAM roles: --capabilities CAPABILITY_IAM'];
  const overrides = [...(command.split('--parameter-overrides')[1] ?? '').matchAll(/(\w+)=(\S+)/g)];
  if (overrides.length === 0) problems.push('no --parameter-overrides');
  return problems.concat(
    overrides.flatMap(([, k, v]) =>
      parameterValueProblems(k as string, v as string, pipeline.Parameters, 'pipeline.yaml'),
    ),
  );
}

describe('buildspec.yml (the Build stage)', () => {
  it('uses the Node.js major version of the Lambda runtime', () => {
    const runtime = text((template.Globals.Function as JsonObject).Runtime);
    expect(`nodejs${String(buildspec.phases.install?.['runtime-versions']?.nodejs)}.x`).toBe(runtime);
  });

  it('installs, lints, tests, builds with SAM and packages, in that order', () => {
    const order = ['pip install', 'npm ci', 'npm run lint', 'npm test', 'sam build', 'sam package'].map(
      (step) => buildCommands.findIndex((c) => withoutVariables(c).startsWith(step)),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(buildCommands.find((c) => c.startsWith('pip install'))).toMatch(
      /aws-sam-cli .*cfn-lint|cfn-lint .*aws-sam-cli/,
    );
    // aws cloudformation package would skip esbuild and ship TypeScript sources.
    expect(buildCommands.filter((c) => c.includes('cloudformation package'))).toEqual([]);
  });

  it('keeps exactly the templates sam package writes as its artifacts', () => {
    const written = buildCommands
      .filter((c) => c.startsWith('sam package'))
      .map((c) => /--output-template-file (\S+)/.exec(c)?.[1]);
    expect(written).toEqual(buildspec.artifacts.files);
    expect(written).toHaveLength(2);
  });
});

describe('tests/testspec.yml (the Test stage)', () => {
  it('uses the Node.js major version of the Lambda runtime', () => {
    const runtime = text((template.Globals.Function as JsonObject).Runtime);
    expect(`nodejs${String(testspec.phases.install?.['runtime-versions']?.nodejs)}.x`).toBe(runtime);
  });

  it('runs the black-box suite against the stack the pipeline names, with no user set-up of its own', () => {
    expect(testCommands).toEqual(['npm ci', 'npm run test:deployed']);
    // The suite makes and deletes its own users (tests/deployed/support/test-users.ts).
    expect(testCommands.filter((c) => /\baws\b|cognito-idp/.test(c))).toEqual([]);
  });

  it('needs only outputs template.yaml declares, and an admin group it has', () => {
    for (const key of Object.values(OUTPUT_KEYS)) expect(Object.keys(template.Outputs)).toContain(key);
    const groups = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup')
      .map((r) => r.Properties?.GroupName);
    expect(groups).toContain(ADMIN_GROUP);
  });
});

describe('npm scripts the specs run', () => {
  it('exist in package.json, and test:deployed runs tests/deployed, which npm test leaves out', () => {
    const runs = [...buildCommands, ...testCommands].flatMap((c) =>
      [...c.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] as string),
    );
    expect(runs.filter((name) => !(name in scripts))).toEqual([]);
    expect(scripts['test:deployed']).toBe(
      'NODE_OPTIONS=--experimental-vm-modules jest --config jest.deployed.config.js',
    );
    expect(deployedConfig.testMatch).toEqual(['<rootDir>/tests/deployed/**/*.test.ts']);
    expect(unitConfig.testPathIgnorePatterns).toContain('<rootDir>/tests/deployed/');
  });
});

describe('README.md "Deploy to AWS" shows what the pipeline runs, and its commands work', () => {
  it('lists exactly the commands of buildspec.yml and tests/testspec.yml, in order', () => {
    expect(
      commandDrift('buildspec.yml', buildCommands, readmeCommands(deploySection, 'buildspec.yml')),
    ).toEqual([]);
    expect(
      commandDrift('tests/testspec.yml', testCommands, readmeCommands(deploySection, 'tests/testspec.yml')),
    ).toEqual([]);
  });

  it('deploys by hand with the sam build of buildspec.yml (esbuild on PATH) and sam deploy --guided', () => {
    const samBuild = buildCommands.find((c) => withoutVariables(c).startsWith('sam build'));
    expect(samBuild).toBeDefined();
    expect(readmeShell).toEqual(expect.arrayContaining([samBuild, 'sam deploy --guided']));
  });

  it('creates the pipeline with parameters pipeline.yaml has and values it accepts', () => {
    expect(pipelineCommandProblems(deploySection)).toEqual([]);
    expect(readmeShell.join('\n')).toMatch(
      /SourceProvider=CodeStarConnection ConnectionArn=\S+ FullRepositoryId=\S+/,
    );
  });

  it('reads only stack outputs that template.yaml or pipeline.yaml declares', () => {
    const outputs = [...Object.keys(template.Outputs), ...Object.keys(pipeline.Outputs)];
    const keys = [...deploySection.matchAll(/OutputKey=='(\w+)'/g)].map((m) => m[1] as string);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !outputs.includes(key))).toEqual([]);
  });

  it('invokes functions of the template with events that exist', () => {
    const invokes = readmeShell.flatMap((l) => [...l.matchAll(/sam local invoke (\w+) -e (\S+)/g)]);
    expect(invokes.length).toBeGreaterThan(0);
    for (const [, fn, event] of invokes) {
      expect(samFunctions.map((f) => f.logicalId)).toContain(fn);
      expect(() => read(event as string)).not.toThrow();
    }
  });

  describe('would catch a mistake', () => {
    it('a command added to a buildspec but not to the README', () => {
      expect(
        commandDrift(
          'buildspec.yml',
          [...buildCommands, 'npm run bench'],
          readmeCommands(deploySection, 'buildspec.yml'),
        ),
      ).toEqual(['buildspec.yml runs, README does not show: npm run bench']);
    });

    it('a README command the buildspec no longer runs, or commands out of order', () => {
      const edited = deploySection.replace('npm test\n', 'npm test\nnpm run test:unit\n');
      expect(commandDrift('buildspec.yml', buildCommands, readmeCommands(edited, 'buildspec.yml'))).toEqual([
        'README shows, buildspec.yml does not run: npm run test:unit',
      ]);
      const swapped = deploySection.replace('npm run lint\nnpm test\n', 'npm test\nnpm run lint\n');
      expect(commandDrift('buildspec.yml', buildCommands, readmeCommands(swapped, 'buildspec.yml'))).toEqual([
        'README lists the commands of buildspec.yml in another order',
      ]);
    });

    it('a testspec command changed on one side only', () => {
      const changed = testCommands.map((c) =>
        c.replace('npm run test:deployed', 'npm run test:deployed -- --bail'),
      );
      expect(
        commandDrift('tests/testspec.yml', changed, readmeCommands(deploySection, 'tests/testspec.yml')),
      ).toEqual([
        'tests/testspec.yml runs, README does not show: npm run test:deployed -- --bail',
        'README shows, tests/testspec.yml does not run: npm run test:deployed',
      ]);
    });

    it('a pipeline command with a parameter pipeline.yaml lacks, a refused value, or no IAM capability', () => {
      const edited = deploySection
        .replace('SourceProvider=CodeStarConnection', 'SourceProvider=GitHub')
        .replace('BranchName=main', 'Branch=main')
        .replace('--capabilities CAPABILITY_IAM', '');
      expect(pipelineCommandProblems(edited)).toEqual([
        'the pipeline creates IAM roles: --capabilities CAPABILITY_IAM',
        'SourceProvider=GitHub is not one of CodeStarConnection, CodeCommit',
        'Branch is not a parameter of pipeline.yaml',
      ]);
    });

    it('a README without the block', () => {
      expect(
        commandDrift('buildspec.yml', buildCommands, readmeCommands('no blocks here', 'buildspec.yml')),
      ).toEqual(['README.md has no <!-- commands: buildspec.yml --> block']);
    });
  });
});
