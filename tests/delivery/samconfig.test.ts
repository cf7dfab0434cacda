/** samconfig.toml: what `sam build`, `sam deploy --guided` and `sam local` read, checked against template.yaml. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { projectRoot } from '../support/paths.js';
import { template } from '../support/project.js';
import { overrideProblems as checkOverrides, parameterOverrides } from './lib/parameters.js';
import { text } from './lib/json.js';

type Config = { version: number; default: Record<string, { parameters: Record<string, unknown> }> };
const config = parse(readFileSync(join(projectRoot, 'samconfig.toml'), 'utf8')) as unknown as Config;
const section = (command: string) => config.default[command]?.parameters ?? {};

const overrideProblems = (text: string) => checkOverrides(parameterOverrides(text), template.Parameters);

describe('samconfig.toml', () => {
  it('is a version 0.1 SAM CLI configuration with a stack name for every command', () => {
    expect(config.version).toBe(0.1);
    expect(section('global').stack_name).toEqual(expect.stringMatching(/^[A-Za-z][A-Za-z0-9-]*$/));
  });

  it('builds cached and in parallel, and validates with cfn-lint', () => {
    expect(section('build')).toMatchObject({ cached: true, parallel: true });
    expect(section('validate')).toMatchObject({ lint: true });
  });

  it('deploys with a managed artifact bucket, the capabilities SAM needs and a changeset to confirm', () => {
    expect(section('deploy')).toMatchObject({
      resolve_s3: true,
      capabilities: 'CAPABILITY_IAM CAPABILITY_AUTO_EXPAND',
      confirm_changeset: true,
    });
  });

  it('overrides only parameters template.yaml has, with values it accepts', () => {
    const overrides = text(section('deploy').parameter_overrides ?? '');
    expect(Object.keys(parameterOverrides(overrides)).length).toBeGreaterThan(0);
    expect(overrideProblems(overrides)).toEqual([]);
  });

  it('points sam local invoke and start-api at env.json', () => {
    for (const command of ['local_invoke', 'local_start_api']) {
      expect(section(command).env_vars).toBe('env.json');
    }
    expect(existsSync(join(projectRoot, 'env.json'))).toBe(true);
  });

  describe('would catch a mistake', () => {
    it('an override of a parameter the template does not have, or with a value it refuses', () => {
      expect(overrideProblems('Stag="dev" LogLevel="VERBOSE" PresignedUrlExpirySeconds=5')).toEqual([
        'Stag is not a parameter of template.yaml',
        'LogLevel=VERBOSE is not one of DEBUG, INFO, WARN, ERROR',
        'PresignedUrlExpirySeconds=5 is below 60',
      ]);
      expect(overrideProblems('Stage="Prod_1"')).toEqual([
        `Stage=Prod_1 does not match ${text(template.Parameters.Stage?.AllowedPattern)}`,
      ]);
    });

    it('parses quoted and bare values as SAM does', () => {
      expect(
        parameterOverrides('Stage="dev" CorsAllowedOrigin="https://app.example.com" LogRetentionDays=7'),
      ).toEqual({
        Stage: 'dev',
        CorsAllowedOrigin: 'https://app.example.com',
        LogRetentionDays: '7',
      });
    });
  });
});
