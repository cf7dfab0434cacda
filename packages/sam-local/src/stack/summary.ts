/** What `sam-local` prints once everything runs: routes, emulators, resources, the AWS CLI environment. */
import type { ApiDefinition } from '../apigw/definition.js';
import type { RunningGateway } from '../apigw/server.js';
import { SERVICES, type Service } from '../aws.js';
import { line, warn } from '../log.js';
import type { SeededUser } from '../provision/seed-user.js';
import type { ProvisionedResource } from '../provision/types.js';
import type { StaticSite } from '../static-site.js';
import type { EventSourceMapping } from '../sqs/event-source.js';

export function printSummary(s: {
  stackName: string;
  gateway?: RunningGateway;
  definition?: ApiDefinition;
  endpoints: Partial<Record<Service, string>>;
  emulatorNames: Partial<Record<Service, string>>;
  external: Set<Service>;
  dataDir: string;
  resources: ProvisionedResource[];
  notEmulated: { type: string; logicalIds: string[]; reason: string }[];
  mappings: EventSourceMapping[];
  awsEnv: Record<string, string>;
  warnings: string[];
  seededUser?: SeededUser;
  faults: Record<string, number>;
  staticSite?: StaticSite;
  watch: boolean;
}): void {
  line('');
  line(`Local stack "${s.stackName}" (state in ${s.dataDir})`);
  if (s.gateway && s.definition) {
    line(`API: ${s.gateway.url}`);
    for (const r of s.definition.routes) {
      const target =
        r.integration.type === 'aws_proxy'
          ? r.integration.functionId
          : r.integration.type === 'mock'
            ? `mock ${r.integration.statusCode}`
            : `not served (${r.integration.description})`;
      const auth = r.authorizer ? `  [authorizer ${r.authorizer.name}]` : '';
      line(`  ${r.method.padEnd(7)} ${r.resourcePath.padEnd(28)} -> ${target}${auth}`);
    }
  }
  if (s.gateway && s.staticSite) {
    // Not part of API Gateway: said where the routes are listed.
    line(`Static files on the API's port (local only, not API Gateway; GET and HEAD):`);
    for (const m of s.staticSite.mounts) line(`  ${s.gateway.url}${m.prefix} -> ${m.dir}`);
    if (s.staticSite.configPath)
      line(`  ${s.gateway.url}${s.staticSite.configPath} -> {"apiUrl": "${s.gateway.url}"}`);
  }
  line('Emulators:');
  const labels: Record<Service, string> = {
    dynamodb: 'DynamoDB',
    sqs: 'SQS',
    s3: 'S3',
    cognito: 'Cognito',
    secretsmanager: 'Secrets Manager',
  };
  for (const svc of SERVICES) {
    const endpoint = s.endpoints[svc];
    if (!endpoint) continue;
    const by = s.external.has(svc) ? 'from your AWS_ENDPOINT_URL' : (s.emulatorNames[svc] ?? '');
    line(`  ${labels[svc].padEnd(15)} ${endpoint}  (${by})`);
  }
  line('Resources:');
  for (const r of s.resources)
    line(`  ${r.type.replace(/^AWS::/, '').padEnd(26)} ${r.logicalId.padEnd(20)} ${r.summary}`);
  for (const m of s.mappings)
    line(
      `  SQS event source           ${m.eventName.padEnd(20)} batch ${m.batchSize}, window ${m.windowSeconds} s${m.reportBatchItemFailures ? ', ReportBatchItemFailures' : ''}`,
    );
  for (const n of s.notEmulated)
    line(`warning: not emulated: ${n.type} ${n.logicalIds.join(', ')} (${n.reason})`);
  for (const w of s.warnings) warn(w);
  if (s.seededUser)
    line(
      `[cognito] seeded user ${s.seededUser.email} / ${s.seededUser.password} (groups: ${s.seededUser.groups.join(', ') || 'none'})`,
    );
  for (const [fn, rate] of Object.entries(s.faults))
    line(
      `[fault] ${fn}: each SQS record, or else each invocation, fails on purpose with probability ${rate} (--fault)`,
    );
  line('AWS CLI environment for the emulators:');
  for (const [k, v] of Object.entries(s.awsEnv)) line(`  export ${k}=${v}`);
  if (s.awsEnv.AWS_ENDPOINT_URL_SQS)
    line(
      '  (AWS CLI v1 overrides the SQS endpoint itself: add --endpoint-url $AWS_ENDPOINT_URL_SQS to `aws sqs` commands)',
    );
  line(
    s.watch
      ? 'Watching function sources: saved edits are rebuilt and live on the next request.'
      : 'Not watching sources (--no-watch).',
  );
}
