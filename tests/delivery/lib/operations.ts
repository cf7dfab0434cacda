/**
 * Checks that a deployed stack can be operated safely: data kept when the stack goes, queues that
 * give their consumers time, alarms that reach someone. Each returns the problems it finds, so a
 * test shows both the clean template and the mistake it would catch.
 */
import { functionsOf, type Json, type JsonObject } from 'sam-local/template';
import { isObject, text } from './json.js';

export interface RawResource {
  Type: string;
  Properties?: JsonObject;
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
export interface RawTemplate {
  Parameters?: Record<string, JsonObject>;
  Conditions?: JsonObject;
  Globals?: JsonObject;
  Resources: Record<string, RawResource>;
}

const props = (r: RawResource | undefined): JsonObject => r?.Properties ?? {};
const refTo = (value: Json | undefined): string | undefined =>
  isObject(value) && typeof value.Ref === 'string' ? value.Ref : undefined;
const getAttTo = (value: Json | undefined): string | undefined => {
  const att = isObject(value) ? value['Fn::GetAtt'] : undefined;
  return Array.isArray(att) && typeof att[0] === 'string' ? att[0] : undefined;
};

/** Resource types that hold data nobody can recreate: user accounts, profiles, jobs. */
export const STATEFUL_TYPES = ['AWS::DynamoDB::Table', 'AWS::Cognito::UserPool'];

/**
 * Stateful resources must survive the stack's deletion and their own replacement. DeletionPolicy
 * Retain or RetainExceptOnCreate (which still deletes what a failed first creation made), and
 * UpdateReplacePolicy Retain (RetainExceptOnCreate is not a value it takes).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatereplacepolicy.html
 */
export function retentionProblems(template: RawTemplate): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => STATEFUL_TYPES.includes(r.Type))
    .flatMap(([id, r]) => [
      ...(['Retain', 'RetainExceptOnCreate'].includes(r.DeletionPolicy ?? '')
        ? []
        : [
            `${id}: DeletionPolicy is ${r.DeletionPolicy ?? 'absent (Delete)'}; its data would go with the stack`,
          ]),
      ...(r.UpdateReplacePolicy === 'Retain'
        ? []
        : [
            `${id}: UpdateReplacePolicy is ${r.UpdateReplacePolicy ?? 'absent (Delete)'}; a replacement would delete the old one`,
          ]),
    ]);
}

/** Lambda's default function timeout, when neither the function nor Globals sets one. */
const LAMBDA_DEFAULT_TIMEOUT = 3;
/**
 * SQS's default visibility timeout, when the queue sets none.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
 */
const SQS_DEFAULT_VISIBILITY = 30;

/**
 * Every SQS event source's queue: visibility timeout at least six times its function's timeout
 * ("set the source queue's visibility timeout to at least six times the configuration timeout on
 * your function", https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).
 */
export function visibilityProblems(template: RawTemplate): string[] {
  const functions = functionsOf({
    Globals: template.Globals ?? {},
    Resources: template.Resources,
  } as never);
  return functions.flatMap((fn) => {
    const timeout = Number(fn.properties.Timeout ?? LAMBDA_DEFAULT_TIMEOUT); // Globals merged
    const events = isObject(fn.properties.Events) ? fn.properties.Events : {};
    return Object.entries(events).flatMap(([name, event]) => {
      if (!isObject(event) || event.Type !== 'SQS') return [];
      const queueId = getAttTo(isObject(event.Properties) ? event.Properties.Queue : undefined);
      const queue = queueId ? template.Resources[queueId] : undefined;
      if (!queueId || queue?.Type !== 'AWS::SQS::Queue')
        return [`${fn.logicalId}.${name}: its Queue is not a queue of this template (use !GetAtt Queue.Arn)`];
      const visibility = Number(props(queue).VisibilityTimeout ?? SQS_DEFAULT_VISIBILITY);
      return visibility >= 6 * timeout
        ? []
        : [
            `${queueId}: VisibilityTimeout ${visibility} s is under 6 x ${fn.logicalId}'s Timeout (${timeout} s) = ${6 * timeout} s`,
          ];
    });
  });
}

export interface Alarm {
  id: string;
  namespace: string;
  metric: string;
  dimensions: Record<string, Json>;
  actions: Json[];
}

export function alarmsOf(template: RawTemplate): Alarm[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm')
    .map(([id, r]) => {
      const p = props(r);
      const dimensions = Array.isArray(p.Dimensions) ? p.Dimensions : [];
      return {
        id,
        namespace: text(p.Namespace),
        metric: text(p.MetricName),
        dimensions: Object.fromEntries(
          dimensions.filter(isObject).map((d) => [text(d.Name), d.Value ?? null]),
        ),
        actions: Array.isArray(p.AlarmActions) ? p.AlarmActions : [],
      };
    });
}

/** Every alarm notifies the topic, and every function, the DLQ and the API have one. */
export function alarmProblems(template: RawTemplate, topicId: string, apiName: string): string[] {
  const alarms = alarmsOf(template);
  const problems: string[] = [];
  if (template.Resources[topicId]?.Type !== 'AWS::SNS::Topic')
    problems.push(`${topicId} is not an SNS topic`);
  for (const a of alarms)
    if (!a.actions.some((action) => refTo(action) === topicId))
      problems.push(`${a.id}: no AlarmActions naming ${topicId}; nobody would hear it`);

  const functionIds = Object.keys(template.Resources).filter(
    (id) => template.Resources[id]?.Type === 'AWS::Serverless::Function',
  );
  for (const id of functionIds) {
    const found = alarms.filter(
      (a) => a.namespace === 'AWS/Lambda' && a.metric === 'Errors' && refTo(a.dimensions.FunctionName) === id,
    );
    if (found.length !== 1) problems.push(`${id}: ${found.length} Errors alarms (want one)`);
  }
  const consumedQueues = new Set(
    functionIds.flatMap((id) => {
      const events = props(template.Resources[id]).Events;
      return Object.values(isObject(events) ? events : {}).flatMap((e) =>
        isObject(e) && e.Type === 'SQS' && isObject(e.Properties) ? [getAttTo(e.Properties.Queue)] : [],
      );
    }),
  );
  const deadLetterQueues = Object.values(template.Resources).flatMap((r) => {
    const redrive = props(r).RedrivePolicy;
    return r.Type === 'AWS::SQS::Queue' && isObject(redrive) ? [getAttTo(redrive.deadLetterTargetArn)] : [];
  });
  for (const dlq of deadLetterQueues) {
    if (!dlq) continue;
    const depth = alarms.some(
      (a) =>
        a.namespace === 'AWS/SQS' &&
        a.metric === 'ApproximateNumberOfMessagesVisible' &&
        getAttTo(a.dimensions.QueueName) === dlq,
    );
    if (!depth) problems.push(`${dlq}: no alarm on its depth (ApproximateNumberOfMessagesVisible)`);
    if (!consumedQueues.has(dlq)) problems.push(`${dlq}: no function consumes this dead-letter queue`);
  }
  const api = alarms.filter((a) => a.namespace === 'AWS/ApiGateway' && a.metric === '5XXError');
  if (api.length !== 1) problems.push(`${api.length} API 5XXError alarms (want one)`);
  for (const a of api) {
    if (a.dimensions.ApiName !== apiName)
      problems.push(`${a.id}: ApiName ${text(a.dimensions.ApiName)} is not the API's name (${apiName})`);
    if (refTo(a.dimensions.Stage) !== 'Stage') problems.push(`${a.id}: Stage is not !Ref Stage`);
  }
  return problems;
}

/** An optional email subscription: only under a condition on a parameter whose default is empty. */
export function subscriptionProblems(template: RawTemplate, topicId: string): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::SNS::Subscription' && refTo(props(r).TopicArn) === topicId)
    .flatMap(([id, r]) => {
      const parameter = refTo(props(r).Endpoint);
      const condition = r.Condition ? template.Conditions?.[r.Condition] : undefined;
      const problems: string[] = [];
      if (!parameter || template.Parameters?.[parameter]?.Default !== '')
        problems.push(`${id}: Endpoint is not a parameter whose default is empty`);
      const expected = { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: parameter }, ''] }] };
      if (JSON.stringify(condition) !== JSON.stringify(expected))
        problems.push(`${id}: not created only when ${parameter ?? 'its parameter'} is set`);
      return problems;
    });
}
