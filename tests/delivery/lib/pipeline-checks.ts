/** Checks of pipeline.yaml against the files it runs and the template it deploys. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateConditions } from 'sam-local/intrinsics';
import type { Json, JsonObject } from 'sam-local/template';
import { branches, roleStatements, type Statement } from './iam.js';
import { isObject, text } from './json.js';

export type Template = JsonObject & {
  Resources: Record<string, JsonObject>;
  Parameters: Record<string, JsonObject>;
};

export interface Action {
  stage: string;
  name: string;
  provider: string;
  configuration: JsonObject;
  runOrder: number;
  inputs: string[];
  outputs: string[];
}

const props = (r: JsonObject | undefined): JsonObject => (isObject(r?.Properties) ? r.Properties : {});
const names = (v: Json | undefined) => (Array.isArray(v) ? v.map((a) => text((a as JsonObject).Name)) : []);

/** The pipeline's stages and actions; an action under Fn::If counts once per branch. */
export function pipelineActions(pipeline: Template): Action[] {
  const resource = Object.values(pipeline.Resources).find((r) => r.Type === 'AWS::CodePipeline::Pipeline');
  const stages = props(resource).Stages;
  return (Array.isArray(stages) ? stages : []).flatMap(branches).flatMap((stage) => {
    const s = stage as JsonObject;
    return (Array.isArray(s.Actions) ? s.Actions : []).flatMap(branches).map((action) => {
      const a = action as JsonObject;
      const type = (a.ActionTypeId ?? {}) as JsonObject;
      return {
        stage: text(s.Name),
        name: text(a.Name),
        provider: text(type.Provider),
        configuration: (a.Configuration ?? {}) as JsonObject,
        runOrder: typeof a.RunOrder === 'number' ? a.RunOrder : 1,
        inputs: names(a.InputArtifacts),
        outputs: names(a.OutputArtifacts),
      };
    });
  });
}

/** A CodeBuild project's buildspec path must exist in the repository. */
export function buildSpecProblems(pipeline: Template, root: string): string[] {
  return Object.entries(pipeline.Resources)
    .filter(([, r]) => r.Type === 'AWS::CodeBuild::Project')
    .flatMap(([id, r]) => {
      const spec = (props(r).Source as JsonObject | undefined)?.BuildSpec;
      if (typeof spec !== 'string') return [`${id}: Source.BuildSpec is not a path`];
      return existsSync(join(root, spec)) ? [] : [`${id}: BuildSpec ${spec} does not exist`];
    });
}

/** Each deploy action's TemplatePath must be a file the build action's buildspec outputs. */
export function templatePathProblems(actions: Action[], builtFiles: string[]): string[] {
  return actions
    .filter((a) => a.provider === 'CloudFormation')
    .flatMap((a) => {
      const [artifact, file] = text(a.configuration.TemplatePath).split('::');
      const producer = actions.find((p) => p.outputs.includes(artifact ?? ''));
      if (!producer) return [`${a.stage}: no action outputs the artifact ${artifact}`];
      return builtFiles.includes(file ?? '')
        ? []
        : [`${a.stage}: ${file} is not an artifact of the buildspec`];
    });
}

/** CloudFormation type prefix -> IAM service prefix; SAM types by what they expand to. */
const SAM_TYPES: Record<string, string[]> = {
  'AWS::Serverless::Function': ['lambda', 'iam'],
  'AWS::Serverless::Api': ['apigateway'],
};
const IAM_PREFIX: Record<string, string> = {
  ApiGateway: 'apigateway',
  CloudWatch: 'cloudwatch',
  Cognito: 'cognito-idp',
  DynamoDB: 'dynamodb',
  IAM: 'iam',
  Lambda: 'lambda',
  Logs: 'logs',
  S3: 's3',
  SecretsManager: 'secretsmanager',
  SNS: 'sns',
  SQS: 'sqs',
};

/** The parameters each CloudFormation deploy action passes (ParameterOverrides; `${...}` left as text). */
export function deployedParameters(actions: Action[]): Record<string, string>[] {
  return actions
    .filter((a) => a.provider === 'CloudFormation')
    .map((a) => {
      const raw = a.configuration.ParameterOverrides;
      const textValue = isObject(raw) ? raw['Fn::Sub'] : raw;
      return typeof textValue === 'string' ? (JSON.parse(textValue) as Record<string, string>) : {};
    });
}

/** Whether a resource is created by some deployment (its Condition true under that deployment's parameters). */
function createdBySome(app: Template, resource: JsonObject, deployments: Record<string, string>[]): boolean {
  if (resource.Condition === undefined) return true;
  return deployments.some((overrides) => {
    const parameters: Record<string, string> = {};
    for (const [name, p] of Object.entries(app.Parameters))
      parameters[name] = text(overrides[name] ?? p.Default);
    const conditions = evaluateConditions(app.Conditions as Record<string, Json> | undefined, { parameters });
    return conditions[text(resource.Condition)] === true;
  });
}

/**
 * Services whose resources template.yaml declares but the deploy role may not touch. With
 * `deployments` (deployedParameters), only resources some deployment creates count: a resource
 * under a condition the pipeline never turns on (DeployConsole) needs no permission.
 */
export function deployRoleGaps(
  app: Template,
  deployRole: Statement[],
  deployments?: Record<string, string>[],
): string[] {
  const allowed = new Set(
    deployRole.filter((s) => s.effect === 'Allow').flatMap((s) => s.actions.map((a) => a.split(':')[0])),
  );
  const needed = new Map<string, string>();
  const unknown = new Set<string>();
  for (const r of Object.values(app.Resources)) {
    if (deployments && !createdBySome(app, r, deployments)) continue;
    const type = text(r.Type);
    // A DeploymentPreference makes SAM add a CodeDeploy application and deployment group.
    if (type === 'AWS::Serverless::Function' && isObject(r.Properties) && r.Properties.DeploymentPreference)
      needed.set('codedeploy', `${type} with a DeploymentPreference`);
    const prefix = IAM_PREFIX[type.split('::')[1] ?? ''];
    const services = SAM_TYPES[type] ?? (prefix ? [prefix] : []);
    if (services.length === 0) unknown.add(type);
    for (const s of services) needed.set(s, type);
  }
  return [
    ...[...unknown].map(
      (type) =>
        `${type}: unknown service; add its IAM prefix to tests/delivery/lib/pipeline-checks.ts and its permissions to the deploy role`,
    ),
    ...[...needed]
      .filter(([service]) => !allowed.has(service))
      .map(([service, type]) => `${type} needs ${service} permissions in CloudFormationDeployRole`),
  ];
}

/** Actions IAM cannot scope to a resource ARN: the only ones allowed on Resource '*'. */
export const UNSCOPABLE_ACTIONS = [
  'cloudformation:ValidateTemplate',
  'cloudwatch:DescribeAlarms',
  'cognito-idp:CreateUserPool',
  'lambda:CreateEventSourceMapping',
  'lambda:DeleteEventSourceMapping',
  'lambda:GetEventSourceMapping',
  'lambda:ListEventSourceMappings',
  'lambda:ListTags',
  'lambda:TagResource',
  'lambda:UpdateEventSourceMapping',
  'logs:DescribeLogGroups',
  'secretsmanager:GetRandomPassword',
];

/** Wildcard grants: any action '*', or Resource '*' for an action that could be scoped. */
export function wildcardProblems(role: string, statements: Statement[]): string[] {
  return statements.flatMap((s) => {
    const where = `${role}/${s.policy}/${s.sid}`;
    const problems: string[] = [];
    if (s.actions.some((a) => a === '*' || a === '*:*')) problems.push(`${where}: Action '*'`);
    if (s.effect === 'Allow' && s.resources.includes('*'))
      for (const a of s.actions.filter((a) => !UNSCOPABLE_ACTIONS.includes(a)))
        problems.push(`${where}: ${a} on Resource '*' (scope it to ARNs)`);
    return problems;
  });
}

export const roleOf = (t: Template, id: string) => roleStatements(t.Resources[id]);
