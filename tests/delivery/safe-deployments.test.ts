/**
 * template.yaml ships a change to a fraction of traffic first and can take it back, and keeps a
 * burst from overrunning the service, read from the template as SAM transforms it:
 * - every function API Gateway or a queue invokes is published as an alias (AutoPublishAlias) and
 *   deployed by CodeDeploy with the strategy the DeploymentStrategy parameter picks, its errors alarm
 *   and the API's 5xx alarm as rollback triggers, and the pre-traffic hook when PreTrafficHook is on
 *   (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/automating-updates-to-serverless-apps.html);
 * - API Gateway and the queues invoke the alias (the generated definition names SAM's
 *   `<Function>Alias<name>`, the permissions `<Function>.Alias`; SAM points event source mappings at
 *   the alias by itself);
 * - the processor's queue has a maximum concurrency and the stage a rate and burst, from parameters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json, JsonObject } from 'sam-local/template';
import { aliasLogicalId } from '../../scripts/api/function-aliases.js';
import { projectRoot } from '../support/paths.js';
import { gateway, rawTemplate, targetInUri } from '../support/project.js';
import { isObject, text } from './lib/json.js';

type Resource = { Type: string; Condition?: string; Properties: JsonObject };
type Template = {
  Parameters: Record<string, JsonObject>;
  Conditions: JsonObject;
  Resources: Record<string, Resource>;
};
const template = rawTemplate as unknown as Template;
const pipeline = readFileSync(join(projectRoot, 'pipeline.yaml'), 'utf8');

const functions = (t: Template) =>
  Object.entries(t.Resources).filter(([, r]) => r.Type === 'AWS::Serverless::Function');
const ref = (v: Json | undefined) => (isObject(v) && typeof v.Ref === 'string' ? v.Ref : undefined);

/** Every integration and authorizer URI of the generated definition, with where it is. */
function gatewayUris(): { where: string; uri: unknown }[] {
  const found: { where: string; uri: unknown }[] = [];
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${where}/${i}`));
    if (!isObject(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'uri' || k === 'authorizerUri') && isObject(v) && 'Fn::Sub' in v)
        found.push({ where: `${where}/${k}`, uri: v });
      else visit(v, `${where}/${k}`);
    }
  };
  visit(gateway, '');
  return found;
}

/** Functions API Gateway invokes (integrations and the authorizer) or a queue triggers. */
const invokedByGateway = new Set(gatewayUris().map((u) => targetInUri(u.uri)?.functionId));
const apiProxyFunctions = new Set(
  gatewayUris()
    .filter((u) => u.where.endsWith('/uri'))
    .map((u) => targetInUri(u.uri)?.functionId),
);
const servingFunctions = (t: Template) =>
  functions(t).filter(
    ([id, r]) =>
      invokedByGateway.has(id) ||
      Object.values((r.Properties.Events ?? {}) as Record<string, { Type?: string }>).some(
        (e) => e.Type === 'SQS',
      ),
  );

/** The Errors alarm of a function: AWS/Lambda Errors on FunctionName Ref <function>. */
const errorsAlarmOf = (t: Template, fn: string) =>
  Object.entries(t.Resources).find(([, r]) => {
    const p = r.Properties;
    const dims = Array.isArray(p.Dimensions) ? p.Dimensions : [];
    return (
      r.Type === 'AWS::CloudWatch::Alarm' &&
      p.Namespace === 'AWS/Lambda' &&
      p.MetricName === 'Errors' &&
      dims.some((d) => isObject(d) && d.Name === 'FunctionName' && ref(d.Value) === fn)
    );
  })?.[0];
const api5xxAlarm = Object.entries(template.Resources).find(
  ([, r]) =>
    r.Type === 'AWS::CloudWatch::Alarm' &&
    r.Properties.Namespace === 'AWS/ApiGateway' &&
    r.Properties.MetricName === '5XXError',
)?.[0];

/** What is wrong with the functions' aliases and deployment preferences. */
function deploymentProblems(t: Template): string[] {
  const problems: string[] = [];
  for (const [id, r] of servingFunctions(t)) {
    const p = r.Properties;
    if (typeof p.AutoPublishAlias !== 'string') {
      problems.push(`${id}: no AutoPublishAlias, so nothing can shift traffic to a new version`);
      continue;
    }
    const pref = isObject(p.DeploymentPreference) ? p.DeploymentPreference : undefined;
    if (!pref || pref.Enabled === false) {
      problems.push(`${id}: no DeploymentPreference, so a new version takes all traffic at once`);
      continue;
    }
    if (ref(pref.Type) !== 'DeploymentStrategy')
      problems.push(`${id}: Type is not the DeploymentStrategy parameter`);
    const alarms = (Array.isArray(pref.Alarms) ? pref.Alarms : []).map(ref);
    const own = errorsAlarmOf(t, id);
    if (!own || !alarms.includes(own)) problems.push(`${id}: its errors alarm is not a rollback trigger`);
    if (!api5xxAlarm || !alarms.includes(api5xxAlarm))
      problems.push(`${id}: the API 5xx alarm is not a rollback trigger`);
    const hook = isObject(pref.Hooks) ? pref.Hooks.PreTraffic : undefined;
    const wanted = {
      'Fn::If': ['PreTrafficHookEnabled', { Ref: 'PreTrafficHookFunction' }, { Ref: 'AWS::NoValue' }],
    };
    if (apiProxyFunctions.has(id) && JSON.stringify(hook) !== JSON.stringify(wanted))
      problems.push(`${id}: the pre-traffic hook is not wired (when PreTrafficHook is true)`);
  }
  return problems;
}

describe('safe deployments', () => {
  it('publishes every function API Gateway or a queue invokes as alias `live`, deployed by CodeDeploy', () => {
    expect(
      servingFunctions(template)
        .map(([id]) => id)
        .sort(),
    ).toEqual([
      'AuthorizerFunction',
      'HealthFunction',
      'IdentityFunction',
      'JobDlqFunction',
      'JobProcessorFunction',
      'JobStatusFunction',
      'OpenApiFunction',
      'SubmitJobFunction',
      'UsersFunction',
    ]);
    for (const [, r] of servingFunctions(template)) expect(r.Properties.AutoPublishAlias).toBe('live');
    expect(deploymentProblems(template)).toEqual([]);
  });

  it('publishes a version when only a parameter changes (AWS::LanguageExtensions before the SAM transform)', () => {
    // Else SAM hashes `!Ref LogLevel` as written: the new value would reach $LATEST only, which
    // nothing invokes once every caller invokes the alias.
    expect(rawTemplate.Transform).toEqual(['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31']);
  });

  it('lets a parameter pick the strategy among the SAM ones, all at once by default', () => {
    const strategy = template.Parameters.DeploymentStrategy!;
    expect(strategy.Default).toBe('AllAtOnce');
    expect(strategy.AllowedValues).toEqual(
      expect.arrayContaining(['AllAtOnce', 'Canary10Percent5Minutes', 'Linear10PercentEvery1Minute']),
    );
    // Each name is a CodeDeploy predefined configuration: CodeDeployDefault.Lambda<Type>.
    for (const v of strategy.AllowedValues as string[])
      expect(v).toMatch(
        /^(AllAtOnce|Canary10Percent(5|10|15|30)Minutes|Linear10PercentEvery(1Minute|(2|3|10)Minutes))$/,
      );
  });

  it('ships production through a canary and testing all at once (pipeline.yaml)', () => {
    expect(pipeline).toContain('"DeploymentStrategy": "AllAtOnce"');
    expect(pipeline).toContain('"DeploymentStrategy": "${ProductionDeploymentStrategy}"');
    expect(pipeline).toMatch(
      /ProductionDeploymentStrategy:\n\s+Type: String\n\s+Default: Canary10Percent5Minutes/,
    );
  });

  it('runs the pre-traffic hook only when PreTrafficHook is true, under the name CodeDeploy may invoke', () => {
    expect(template.Parameters.PreTrafficHook?.Default).toBe('false');
    expect(template.Conditions.PreTrafficHookEnabled).toEqual({
      'Fn::Equals': [{ Ref: 'PreTrafficHook' }, 'true'],
    });
    const hook = template.Resources.PreTrafficHookFunction!;
    expect(hook.Condition).toBe('PreTrafficHookEnabled');
    // AWSCodeDeployRoleForLambda allows lambda:InvokeFunction on function:CodeDeployHook_* only.
    expect(text((hook.Properties.FunctionName as JsonObject)['Fn::Sub'])).toMatch(/^CodeDeployHook_/);
    expect(hook.Properties.AutoPublishAlias).toBeUndefined();
    expect(hook.Properties.DeploymentPreference).toBeUndefined();
  });

  it("gives the hook exactly the API functions' new versions to check, and the right to invoke only those", () => {
    const hook = template.Resources.PreTrafficHookFunction!.Properties;
    const env = ((hook.Environment as JsonObject).Variables as JsonObject)
      .API_FUNCTION_VERSIONS as JsonObject;
    const listed = [...text(env['Fn::Sub']).matchAll(/\$\{([A-Za-z0-9]+)\.Version\}/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...apiProxyFunctions].sort());
    const statements = (hook.Policies as JsonObject[])[0]!.Statement as JsonObject[];
    const invoke = statements.find((s) => s.Action === 'lambda:InvokeFunction');
    expect((invoke?.Resource as JsonObject[]).map((r) => ref(r)).sort()).toEqual(
      [...apiProxyFunctions].map((fn) => `${fn}.Version`).sort(),
    );
    const report = statements.find((s) => s.Action === 'codedeploy:PutLifecycleEventHookExecutionStatus');
    expect(text((report?.Resource as JsonObject)['Fn::Sub'])).toMatch(
      /:deploymentgroup:\$\{ServerlessDeploymentApplication\}\/\*$/,
    );
  });

  it('has API Gateway invoke each function through its alias, as SAM names it', () => {
    for (const { where, uri } of gatewayUris()) {
      const target = targetInUri(uri);
      const alias = template.Resources[target?.functionId ?? '']?.Properties.AutoPublishAlias;
      expect({ where, alias: target?.aliasId }).toEqual({
        where,
        alias: aliasLogicalId(String(target?.functionId), text(alias)),
      });
    }
    for (const [id, r] of Object.entries(template.Resources))
      if (r.Type === 'AWS::Lambda::Permission')
        expect({ id, fn: ref(r.Properties.FunctionName) }).toEqual({
          id,
          fn: expect.stringMatching(/\.Alias$/),
        });
  });

  it('names the alias logical id as SAM does', () => {
    expect(aliasLogicalId('MyFunction', 'live')).toBe('MyFunctionAliaslive');
    expect(aliasLogicalId('MyFunction', 'prod-v2_b')).toBe('MyFunctionAliasprodDv2Ub');
    expect(() => aliasLogicalId('MyFunction', '123')).toThrow(/not a name SAM accepts/);
  });

  describe('would catch a mistake', () => {
    const copy = () => structuredClone(template);
    it('a function published without an alias, or deployed without its own alarm', () => {
      const broken = copy();
      delete broken.Resources.SubmitJobFunction!.Properties.AutoPublishAlias;
      (
        (broken.Resources.JobProcessorFunction!.Properties.DeploymentPreference as JsonObject)
          .Alarms as Json[]
      ).shift();
      expect(deploymentProblems(broken)).toEqual([
        'SubmitJobFunction: no AutoPublishAlias, so nothing can shift traffic to a new version',
        'JobProcessorFunction: its errors alarm is not a rollback trigger',
      ]);
    });

    it('a strategy fixed in the template, or an API function without the hook', () => {
      const broken = copy();
      (broken.Resources.UsersFunction!.Properties.DeploymentPreference as JsonObject).Type = 'AllAtOnce';
      delete (broken.Resources.HealthFunction!.Properties.DeploymentPreference as JsonObject).Hooks;
      expect(deploymentProblems(broken)).toEqual([
        'HealthFunction: the pre-traffic hook is not wired (when PreTrafficHook is true)',
        'UsersFunction: Type is not the DeploymentStrategy parameter',
      ]);
    });
  });
});

describe('bounded processing', () => {
  it('caps the processor at JobsMaximumConcurrency instances, a parameter within what Lambda allows (2-1000)', () => {
    const events = template.Resources.JobProcessorFunction!.Properties.Events as Record<string, JsonObject>;
    const sqs = Object.values(events).find((e) => e.Type === 'SQS')!;
    expect((sqs.Properties as JsonObject).ScalingConfig).toEqual({
      MaximumConcurrency: { Ref: 'JobsMaximumConcurrency' },
    });
    // https://docs.aws.amazon.com/lambda/latest/dg/API_ScalingConfig.html: minimum 2, maximum 1000.
    const p = template.Parameters.JobsMaximumConcurrency!;
    expect({ type: p.Type, min: p.MinValue, max: p.MaxValue }).toEqual({ type: 'Number', min: 2, max: 1000 });
    expect(Number(p.Default)).toBeGreaterThanOrEqual(2);
    expect(Number(p.Default)).toBeLessThanOrEqual(10);
  });

  it('throttles every method of the stage at a rate and burst from parameters', () => {
    const api = Object.values(template.Resources).find((r) => r.Type === 'AWS::Serverless::Api')!;
    expect(api.Properties.MethodSettings).toEqual([
      {
        ResourcePath: '/*',
        HttpMethod: '*',
        ThrottlingBurstLimit: { Ref: 'ApiThrottlingBurstLimit' },
        ThrottlingRateLimit: { Ref: 'ApiThrottlingRateLimit' },
      },
    ]);
    expect(template.Parameters.ApiThrottlingRateLimit).toMatchObject({ Type: 'Number', Default: 100 });
    expect(template.Parameters.ApiThrottlingBurstLimit).toMatchObject({ Type: 'Number', Default: 200 });
  });

  it('answers a throttled request with 429 problem+json and Retry-After (the THROTTLED gateway response)', () => {
    const throttled = (gateway['x-amazon-apigateway-gateway-responses'] as Record<string, JsonObject>)
      .THROTTLED!;
    const headers = throttled.responseParameters as JsonObject;
    expect(throttled.statusCode).toBe('429');
    expect(headers['gatewayresponse.header.Content-Type']).toBe("'application/problem+json'");
    expect(headers['gatewayresponse.header.Retry-After']).toBe("'1'");
    expect(JSON.parse(text((throttled.responseTemplates as JsonObject)['application/json']))).toMatchObject({
      type: 'https://problems.jobs-service.dev/too-many-requests',
      status: 429,
    });
  });
});
