/**
 * The console's resources in template.yaml (DeployConsole=true), checked offline: a private bucket
 * that only the stack's distribution reads, through origin access control (not the legacy origin
 * access identity), over TLS only; a distribution that serves the page for any path; outputs that
 * exist only with it; and one origin for CORS, the same in the functions' environment and in the
 * generated gateway definition. Each check is shown catching the mistake it guards against.
 */
import { activeTemplate, evaluateConditions, resolveToString } from 'sam-local/intrinsics';
import { functionsOf, text, type Json, type SamTemplate } from 'sam-local/template';
import { CORS_ORIGIN_VALUE } from '../../scripts/api/gateway-definition.js';
import { rawTemplate, template as loaded } from '../support/project.js';

type Node = Record<string, unknown>;
type Template = { Resources: Record<string, Node>; Outputs: Record<string, Node>; Globals: Node };

const template = rawTemplate as unknown as Template;
const props = (t: Template, id: string) => (t.Resources[id]?.Properties ?? {}) as Node;
const at = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Node)[k] : undefined), node);

/** What is wrong with the console's resources, as messages. */
function consoleProblems(t: Template): string[] {
  const problems: string[] = [];
  const bucket = props(t, 'ConsoleBucket');
  const block = (bucket.PublicAccessBlockConfiguration ?? {}) as Node;
  for (const key of ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'])
    if (block[key] !== true) problems.push(`ConsoleBucket: ${key} is not true`);
  if (at(bucket, 'OwnershipControls', 'Rules', '0', 'ObjectOwnership') !== 'BucketOwnerEnforced')
    problems.push('ConsoleBucket: ACLs are not disabled (BucketOwnerEnforced)');
  if (
    !at(bucket, 'BucketEncryption', 'ServerSideEncryptionConfiguration', '0', 'ServerSideEncryptionByDefault')
  )
    problems.push('ConsoleBucket: no default encryption');

  const statements = (at(props(t, 'ConsoleBucketPolicy'), 'PolicyDocument', 'Statement') ?? []) as Node[];
  if (
    !statements.some(
      (s) => s.Effect === 'Deny' && at(s, 'Condition', 'Bool', 'aws:SecureTransport') === 'false',
    )
  )
    problems.push('ConsoleBucketPolicy: requests without TLS are not denied');
  for (const s of statements.filter((x) => x.Effect === 'Allow')) {
    const source = JSON.stringify(at(s, 'Condition', 'StringEquals', 'AWS:SourceArn') ?? null);
    if (JSON.stringify(s.Principal) !== JSON.stringify({ Service: 'cloudfront.amazonaws.com' }))
      problems.push('ConsoleBucketPolicy: allows a principal other than CloudFront');
    if (!source.includes(':distribution/${ConsoleDistribution}'))
      problems.push("ConsoleBucketPolicy: allows reads not tied to the stack's distribution (AWS:SourceArn)");
    if (JSON.stringify(s.Action) !== '"s3:GetObject"')
      problems.push('ConsoleBucketPolicy: allows more than s3:GetObject');
  }

  const config = (props(t, 'ConsoleDistribution').DistributionConfig ?? {}) as Node;
  const origin = ((config.Origins ?? []) as Node[])[0] ?? {};
  if (
    JSON.stringify(origin.OriginAccessControlId) !==
    JSON.stringify({ 'Fn::GetAtt': ['ConsoleOriginAccessControl', 'Id'] })
  )
    problems.push('ConsoleDistribution: its origin does not use the origin access control');
  if (at(origin, 'S3OriginConfig', 'OriginAccessIdentity') !== '')
    problems.push('ConsoleDistribution: a legacy origin access identity is set');
  if (config.DefaultRootObject !== 'index.html') problems.push('ConsoleDistribution: no default root object');
  if (at(config, 'DefaultCacheBehavior', 'ViewerProtocolPolicy') !== 'redirect-to-https')
    problems.push('ConsoleDistribution: plain HTTP is served');
  const errors = (config.CustomErrorResponses ?? []) as Node[];
  for (const code of [403, 404])
    if (
      !errors.some(
        (e) => e.ErrorCode === code && e.ResponseCode === 200 && e.ResponsePagePath === '/index.html',
      )
    )
      problems.push(`ConsoleDistribution: a ${code} from S3 does not answer with the page`);

  for (const [id, r] of Object.entries({ ...t.Resources, ...t.Outputs }))
    if (id.startsWith('Console') && r.Condition !== 'ConsoleDeployed')
      problems.push(`${id}: not under the ConsoleDeployed condition`);
  return problems;
}

describe('the console in template.yaml', () => {
  it('is private, read by its distribution only, over TLS, and created only with DeployConsole', () => {
    expect(consoleProblems(template)).toEqual([]);
    expect(Object.keys(template.Outputs).filter((k) => k.startsWith('Console'))).toEqual([
      'ConsoleUrl',
      'ConsoleBucketName',
      'ConsoleDistributionId',
    ]);
  });

  it.each<[string, (t: Template) => void, string]>([
    [
      'a public bucket',
      (t) =>
        ((at(props(t, 'ConsoleBucket'), 'PublicAccessBlockConfiguration') as Node).RestrictPublicBuckets =
          false),
      'ConsoleBucket: RestrictPublicBuckets is not true',
    ],
    [
      'any distribution may read',
      (t) =>
        delete ((at(props(t, 'ConsoleBucketPolicy'), 'PolicyDocument', 'Statement') as Node[])[1] as Node)
          .Condition,
      "ConsoleBucketPolicy: allows reads not tied to the stack's distribution (AWS:SourceArn)",
    ],
    [
      'a legacy origin access identity',
      (t) =>
        ((
          (at(props(t, 'ConsoleDistribution'), 'DistributionConfig', 'Origins') as Node[])[0] as Node
        ).OriginAccessControlId = undefined),
      'ConsoleDistribution: its origin does not use the origin access control',
    ],
    [
      'no TLS-only statement',
      (t) =>
        ((at(props(t, 'ConsoleBucketPolicy'), 'PolicyDocument') as Node).Statement = [
          (at(props(t, 'ConsoleBucketPolicy'), 'PolicyDocument', 'Statement') as Node[])[1],
        ]),
      'ConsoleBucketPolicy: requests without TLS are not denied',
    ],
    [
      'a resource created without the parameter',
      (t) => delete t.Resources.ConsoleBucket!.Condition,
      'ConsoleBucket: not under the ConsoleDeployed condition',
    ],
  ])('would catch %s', (_, mutate, problem) => {
    const broken = structuredClone(template);
    mutate(broken);
    expect(consoleProblems(broken)).toContain(problem);
  });

  it('gives the functions the same allowed origin as the generated gateway definition (one expression)', () => {
    const env = at(template.Globals, 'Function', 'Environment', 'Variables', 'CORS_ALLOWED_ORIGIN');
    expect(env).toEqual(CORS_ORIGIN_VALUE);
    expect(CORS_ORIGIN_VALUE['Fn::If'][0]).toBe('ConsoleDeployed');
  });
});

/** The template as CloudFormation creates it under these parameter overrides (the others at their default). */
function under(overrides: Record<string, string>): SamTemplate {
  const parameters: Record<string, string> = {};
  for (const [name, p] of Object.entries(loaded.Parameters))
    parameters[name] = overrides[name] ?? text(p.Default);
  return activeTemplate(loaded, evaluateConditions(loaded.Conditions, { parameters }));
}

describe('the console under DeployConsole (conditions evaluated as CloudFormation does)', () => {
  const consoleIds = [
    'ConsoleBucket',
    'ConsoleBucketPolicy',
    'ConsoleOriginAccessControl',
    'ConsoleDistribution',
  ];

  it('creates no console resource or output by default, so the local stack has none', () => {
    const active = under({});
    for (const id of consoleIds) expect(active.Resources[id]).toBeUndefined();
    expect(Object.keys(active.Outputs).filter((k) => k.startsWith('Console'))).toEqual([]);
  });

  it('creates them with DeployConsole=true, and the functions then allow only the console origin', () => {
    const active = under({ DeployConsole: 'true' });
    for (const id of consoleIds) expect(active.Resources[id]).toBeDefined();
    const variables = (functionsOf(active)[0]?.properties.Environment as { Variables: Record<string, Json> })
      .Variables;
    const origin = variables.CORS_ALLOWED_ORIGIN ?? null;
    const parameters = { CorsAllowedOrigin: '*' };
    const distribution = {
      ConsoleDistribution: { ref: 'E123', attributes: { DomainName: 'd1.cloudfront.net' } },
    };
    expect(
      resolveToString(origin, { parameters, resources: distribution, conditions: { ConsoleDeployed: true } }),
    ).toBe('https://d1.cloudfront.net');
    expect(
      resolveToString(origin, { parameters, resources: {}, conditions: { ConsoleDeployed: false } }),
    ).toBe('*');
  });
});
