/**
 * The SAM CLI commands README.md and buildspec.yml give, run with the real AWS SAM CLI (`sam` on
 * PATH). buildspec.yml's build phase runs verbatim, as CodeBuild runs it (one bash, in order), in a
 * copy of the project as a clone has it (git's files; node_modules linked, as `npm ci` left it):
 * `sam build` must build every function of template.yaml to the file its Handler names, and both
 * `sam package` commands must upload to S3 (moto_server's, on 127.0.0.1) and write their packaged
 * template. `sam build` installs each function's production dependencies with npm; it runs offline
 * here, from the npm cache `npm ci` filled, so the test reaches no registry.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { parse } from 'yaml';
import { parseCloudFormationYaml } from 'sam-local/template';
import { functionBuild } from 'sam-local/esbuild';
import { functionsOf, loadTemplate, text, type JsonObject } from 'sam-local/template';
import { buildspecCommands } from '../delivery/lib/commands.js';
import { loadBundle } from '../support/bundle-load.js';
import { projectRoot } from '../support/paths.js';
import { motoCredentials, motoRegion, startMoto, type Moto } from './support/moto.js';
import { requireTool } from './support/require-tool.js';

const run = promisify(execFile);
const BUCKET = 'jobs-service-artifacts';

interface Buildspec {
  env?: { variables?: Record<string, string> };
  phases: Record<string, { commands?: string[] }>;
  artifacts: { files: string[] };
}
const buildspec = parse(readFileSync(join(projectRoot, 'buildspec.yml'), 'utf8')) as Buildspec;
const buildCommands = buildspecCommands({ phases: { build: buildspec.phases.build } });

let moto: Moto | undefined;
let workDir: string;
let app: string;
/** The environment SAM runs in: moto for AWS, dummy credentials, no profile, npm offline. */
let samEnv: NodeJS.ProcessEnv | undefined;

/** Nothing runs unless moto_server is up: a failed setup must never send a command to AWS. */
function ready(): { motoUrl: string; env: NodeJS.ProcessEnv } {
  if (!moto || !samEnv)
    throw new Error('the setup failed (see the first error), so nothing runs: never against AWS');
  return { motoUrl: moto.url, env: samEnv };
}

/** Runs a shell script; rejects with the end of its output when it fails. */
async function bash(script: string, cwd: string): Promise<string> {
  const { env } = ready();
  try {
    const { stdout, stderr } = await run('bash', ['-e', '-o', 'pipefail', '-x', '-c', script], {
      cwd,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    const hint = /ENOTCACHED/.test(output)
      ? "\n(sam build's npm install runs offline here, from npm's cache: run npm ci first)"
      : '';
    const tail = output.split('\n').slice(-40).join('\n');
    throw new Error(`failed:\n${script}${hint}\n--- last lines of its output ---\n${tail}`, { cause: error });
  }
}

/** The project as a fresh clone has it: the files git knows (committed or new, not ignored). */
async function copyProject(to: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: projectRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const file of stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(projectRoot, file))) continue; // deleted, not yet committed
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(join(projectRoot, file), join(to, file));
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(to, 'node_modules'), 'dir');
}

beforeAll(async () => {
  requireTool('sam');
  moto = await startMoto();
  workDir = mkdtempSync(join(tmpdir(), 'sam-cli-'));
  app = join(workDir, 'app');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...buildspec.env?.variables,
    ARTIFACT_BUCKET: BUCKET,
    AWS_ENDPOINT_URL: moto.url,
    AWS_ACCESS_KEY_ID: motoCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: motoCredentials.secretAccessKey,
    AWS_REGION: motoRegion,
    AWS_DEFAULT_REGION: motoRegion,
    AWS_CONFIG_FILE: join(workDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(workDir, 'no-aws-credentials'),
    npm_config_offline: 'true',
  };
  for (const name of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'NODE_OPTIONS']) delete env[name];
  await copyProject(app);
  samEnv = env;
}, 120_000);

afterAll(() => {
  moto?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const s3 = () =>
  new S3Client({
    region: motoRegion,
    endpoint: ready().motoUrl,
    forcePathStyle: true,
    credentials: motoCredentials,
  });

it('sam validate --lint passes template.yaml', async () => {
  const output = await bash('sam validate --lint', app);
  expect(output).toMatch(/template\.yaml is a valid SAM Template/);
}, 180_000);

describe("buildspec.yml's build phase, verbatim", () => {
  let buildOutput = '';

  beforeAll(async () => {
    const client = s3();
    try {
      await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    } finally {
      client.destroy();
    }
    buildOutput = await bash(buildCommands.join('\n'), app);
  }, 900_000);

  it('runs sam build and two sam package commands', () => {
    expect(buildCommands.map((c) => /\bsam (\w+)/.exec(c)?.[1])).toEqual(['build', 'package', 'package']);
    expect(buildOutput).toMatch(/Build Succeeded/);
  });

  it('builds every function of template.yaml to the file its Handler names, which loads and exports it', async () => {
    const template = loadTemplate(join(app, 'template.yaml'));
    const functions = functionsOf(template);
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      const built = functionBuild(template, fn, join(app, '.aws-sam', 'build', fn.logicalId));
      const result = existsSync(built.handlerFile)
        ? await loadBundle(built.handlerFile, fn.logicalId, built.handlerExport)
        : `missing ${built.handlerFile}`;
      expect({ fn: fn.logicalId, result }).toEqual({ fn: fn.logicalId, result: 'loaded' });
    }
  }, 120_000);

  it("writes each function's source map without the sources' text, as SourcesContent 'false' asks", () => {
    const template = loadTemplate(join(app, 'template.yaml'));
    for (const fn of functionsOf(template)) {
      const built = functionBuild(template, fn, join(app, '.aws-sam', 'build', fn.logicalId));
      const map = JSON.parse(readFileSync(`${built.handlerFile}.map`, 'utf8')) as {
        mappings: string;
        sourcesContent?: unknown;
      };
      expect({
        fn: fn.logicalId,
        mapped: map.mappings.length > 0,
        sourcesContent: map.sourcesContent,
      }).toEqual({
        fn: fn.logicalId,
        mapped: true,
        sourcesContent: undefined,
      });
    }
  });

  it('writes both packaged templates, each pointing at the same code uploaded under its own prefix', async () => {
    const packages = buildCommands
      .filter((c) => /\bsam package\b/.test(c))
      .map((c) => ({
        prefix: /--s3-prefix (\S+)/.exec(c)?.[1] ?? '',
        file: /--output-template-file (\S+)/.exec(c)?.[1] ?? '',
      }));
    expect(packages.map((p) => p.file)).toEqual(buildspec.artifacts.files);
    const client = s3();
    try {
      const keysByPrefix: string[][] = [];
      for (const { prefix, file } of packages) {
        const packaged = parseCloudFormationYaml(readFileSync(join(app, file), 'utf8')) as {
          Resources: Record<string, { Type: string; Properties: JsonObject }>;
        };
        // Every uploaded artifact: each function's code and the included API definition.
        const uris = [
          ...Object.values(packaged.Resources)
            .filter((r) => r.Type === 'AWS::Serverless::Function')
            .map((r) => text(r.Properties.CodeUri)),
          ...[...JSON.stringify(packaged).matchAll(/"Location":("[^"]*")/g)].map(
            (m) => JSON.parse(m[1] as string) as string,
          ),
        ];
        expect(uris.length).toBeGreaterThan(1);
        const keys: string[] = [];
        for (const uri of uris) {
          const match = new RegExp(`^s3://${BUCKET}/(${prefix}/([0-9a-f]{32}))$`).exec(uri);
          expect({ file, uri, inBucketUnderPrefix: Boolean(match) }).toEqual({
            file,
            uri,
            inBucketUnderPrefix: true,
          });
          await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: match?.[1] }));
          keys.push(match?.[2] ?? '');
        }
        keysByPrefix.push(keys.sort());
      }
      // sam package names each upload by its content's MD5: equal names, byte-identical code.
      expect(keysByPrefix[1]).toEqual(keysByPrefix[0]);
    } finally {
      client.destroy();
    }
  }, 60_000);
});
