/**
 * What the function bundles leave out (Metadata.BuildProperties.External in template.yaml), and why
 * each is safe to leave out:
 * - the Powertools Tracer: a tracing container imports it from the Powertools layer every function
 *   has, the layer of the very Powertools release package.json pins;
 * - the SDK's credential providers other than the environment's: the SDK's default chain imports them
 *   dynamically, only after the environment's credentials, which Lambda always sets
 *   (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 * tests/contract/bundles.test.ts shows the bundles load without them and trace with the layer. And
 * every function puts the ES module builds of packages first (MainFields), as `sam build` needs told.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectRoot } from '../support/paths.js';
import { rawTemplate, samFunctions } from '../support/project.js';

const TRACER = '@aws-lambda-powertools/tracer';
const packageJson = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const externalsOf = (fn: (typeof samFunctions)[number]) =>
  ((fn.metadata.BuildProperties as { External?: string[] }).External ?? []).slice().sort();

/** The modules `@aws-sdk/credential-provider-node`'s default chain imports with `import()`. */
function credentialChainDynamicImports(): string[] {
  const require = createRequire(join(projectRoot, 'package.json'));
  const dir = join(dirname(require.resolve('@aws-sdk/credential-provider-node/package.json')), 'dist-es');
  const code = ['defaultProvider.js', 'remoteProvider.js']
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  return [...code.matchAll(/await import\("([^"]+)"\)/g)].map((m) => m[1]!);
}

describe('what the bundles leave out', () => {
  it('every function leaves out the same modules', () => {
    const lists = new Set(samFunctions.map((fn) => JSON.stringify(externalsOf(fn))));
    expect(lists.size).toBe(1);
  });

  it("leaves out the Tracer, and no credential provider but those the SDK's chain imports only on demand", () => {
    const dynamic = credentialChainDynamicImports();
    for (const fn of samFunctions) {
      const externals = externalsOf(fn);
      expect(externals).toContain(TRACER);
      expect({
        fn: fn.logicalId,
        notOnDemand: externals.filter((e) => e !== TRACER && !dynamic.includes(e)),
      }).toEqual({
        fn: fn.logicalId,
        notOnDemand: [],
      });
    }
  });

  it("the SDK's chain tries the environment's credentials before any module left out", () => {
    const require = createRequire(join(projectRoot, 'package.json'));
    const file = join(
      dirname(require.resolve('@aws-sdk/credential-provider-node/package.json')),
      'dist-es',
      'defaultProvider.js',
    );
    const code = readFileSync(file, 'utf8');
    expect(code.indexOf('fromEnv(init)()')).toBeGreaterThan(-1);
    expect(code.indexOf('fromEnv(init)()')).toBeLessThan(code.indexOf('await import('));
  });

  it("attaches the Powertools layer of package.json's Powertools release to every function", () => {
    const parameters = rawTemplate.Parameters as Record<string, { Type: string; Default: string }>;
    const layer = parameters.PowertoolsLayerArn!;
    expect(layer.Type).toBe('AWS::SSM::Parameter::Value<String>');
    expect(layer.Default).toBe(
      `/aws/service/powertools/typescript/generic/all/${packageJson.dependencies[TRACER]}`,
    );
    const globals = (rawTemplate.Globals as { Function: { Layers: unknown[] } }).Function;
    expect(globals.Layers).toEqual([{ Ref: 'PowertoolsLayerArn' }]);
    for (const fn of samFunctions)
      expect({ fn: fn.logicalId, layers: fn.properties.Layers }).toEqual({
        fn: fn.logicalId,
        layers: [{ Ref: 'PowertoolsLayerArn' }],
      });
  });

  it('pins one Powertools release for every Powertools package', () => {
    const versions = new Set(
      Object.entries(packageJson.dependencies)
        .filter(([name]) => name.startsWith('@aws-lambda-powertools/'))
        .map(([, version]) => version),
    );
    expect([...versions]).toEqual([packageJson.dependencies[TRACER]]);
  });
});

describe('what the bundles are made of', () => {
  it("every function takes packages' ES module builds first, so sam build bundles what npm run build bundles", () => {
    // SAM passes --main-fields only when MainFields is set, else esbuild puts main (CommonJS) first.
    for (const fn of samFunctions)
      expect({
        fn: fn.logicalId,
        mainFields: (fn.metadata.BuildProperties as { MainFields?: string }).MainFields,
      }).toEqual({
        fn: fn.logicalId,
        mainFields: 'module,main',
      });
  });
});
