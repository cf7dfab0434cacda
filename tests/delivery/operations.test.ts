/** template.yaml operates safely: data outlives the stack, queues give consumers time, alarms reach someone. */
import { rawTemplate, spec } from '../support/project.js';
import {
  alarmProblems,
  alarmsOf,
  retentionProblems,
  subscriptionProblems,
  visibilityProblems,
  type RawTemplate,
} from './lib/operations.js';

const template = rawTemplate as unknown as RawTemplate;
const apiName = (spec.info as { title: string }).title;
const copy = () => structuredClone(template);

describe('data outlives the stack', () => {
  it('keeps the tables and the user pool when the stack is deleted or they are replaced', () => {
    expect(retentionProblems(template)).toEqual([]);
    const kept = Object.entries(template.Resources)
      .filter(([, r]) => r.DeletionPolicy !== undefined)
      .map(([id]) => id)
      .sort();
    expect(kept).toEqual(['JobsTable', 'UserPool', 'UsersTable']);
  });

  it('would catch a table that goes with the stack, or with its replacement', () => {
    const broken = copy();
    delete broken.Resources.JobsTable!.DeletionPolicy;
    broken.Resources.UserPool!.UpdateReplacePolicy = 'Delete';
    expect(retentionProblems(broken)).toEqual([
      'JobsTable: DeletionPolicy is absent (Delete); its data would go with the stack',
      'UserPool: UpdateReplacePolicy is Delete; a replacement would delete the old one',
    ]);
  });
});

describe('SQS event sources', () => {
  it("give every consumer a queue visibility of at least 6x its function's timeout (Globals included)", () => {
    expect(visibilityProblems(template)).toEqual([]);
  });

  it('would catch a queue left at the SQS default (30 s) under a 10 s consumer', () => {
    const broken = copy();
    delete broken.Resources.JobsDlq!.Properties!.VisibilityTimeout;
    expect(visibilityProblems(broken)).toEqual([
      "JobsDlq: VisibilityTimeout 30 s is under 6 x JobDlqFunction's Timeout (10 s) = 60 s",
    ]);
  });

  it("would catch a longer Globals timeout that outgrows a queue's visibility", () => {
    const broken = copy();
    (broken.Globals!.Function as { Timeout: number }).Timeout = 20;
    expect(visibilityProblems(broken)).toEqual([
      "JobsDlq: VisibilityTimeout 60 s is under 6 x JobDlqFunction's Timeout (20 s) = 120 s",
    ]);
  });
});

describe('alarms', () => {
  it('notify the topic: DLQ depth, every function’s errors (the DLQ consumer’s too), the API’s 5XXError', () => {
    expect(alarmProblems(template, 'AlarmTopic', apiName)).toEqual([]);
    expect(alarmsOf(template).length).toBeGreaterThanOrEqual(11);
  });

  it('email the AlarmEmail address only when one is given', () => {
    expect(subscriptionProblems(template, 'AlarmTopic')).toEqual([]);
    expect(template.Resources.AlarmEmailSubscription?.Condition).toBe('HasAlarmEmail');
  });

  describe('would catch a mistake', () => {
    it('an alarm that notifies nobody', () => {
      const broken = copy();
      delete broken.Resources.JobsDlqAlarm!.Properties!.AlarmActions;
      expect(alarmProblems(broken, 'AlarmTopic', apiName)).toEqual([
        'JobsDlqAlarm: no AlarmActions naming AlarmTopic; nobody would hear it',
      ]);
    });

    it('a function without an errors alarm', () => {
      const broken = copy();
      delete broken.Resources.JobDlqFunctionErrorsAlarm;
      expect(alarmProblems(broken, 'AlarmTopic', apiName)).toEqual([
        'JobDlqFunction: 0 Errors alarms (want one)',
      ]);
    });

    it("an API alarm on a name the API does not have (openapi.yaml's title changed)", () => {
      expect(alarmProblems(template, 'AlarmTopic', 'Renamed API')).toEqual([
        `Api5xxAlarm: ApiName ${apiName} is not the API's name (Renamed API)`,
      ]);
    });

    it('a dead-letter queue nobody watches', () => {
      const broken = copy();
      delete broken.Resources.JobsDlqAlarm;
      expect(alarmProblems(broken, 'AlarmTopic', apiName)).toEqual([
        'JobsDlq: no alarm on its depth (ApproximateNumberOfMessagesVisible)',
      ]);
    });

    it('an email subscription made whatever the parameter says', () => {
      const broken = copy();
      delete broken.Resources.AlarmEmailSubscription!.Condition;
      expect(subscriptionProblems(broken, 'AlarmTopic')).toEqual([
        'AlarmEmailSubscription: not created only when AlarmEmail is set',
      ]);
    });
  });
});

describe('secrets', () => {
  /**
   * Function variables whose value is a secret: a dynamic reference resolves at deploy time into the
   * function's configuration, readable by anyone with lambda:GetFunctionConfiguration
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html).
   */
  function secretsInEnvironment(t: RawTemplate): string[] {
    const scopes: [string, unknown][] = [['Globals', t.Globals?.Function]];
    for (const [id, r] of Object.entries(t.Resources))
      if (r.Type === 'AWS::Serverless::Function') scopes.push([id, r.Properties]);
    return scopes.flatMap(([where, props]) => {
      const variables =
        (props as { Environment?: { Variables?: Record<string, unknown> } } | undefined)?.Environment
          ?.Variables ?? {};
      return Object.entries(variables)
        .filter(([, value]) => /\{\{resolve:(secretsmanager|ssm-secure):/.test(JSON.stringify(value)))
        .map(([name]) => `${where}.${name}`);
    });
  }

  it('are never placed in a function environment: functions get the secret ARN and read it at run time', () => {
    expect(secretsInEnvironment(template)).toEqual([]);
    const readers = Object.entries(template.Resources).filter(
      ([, r]) =>
        (r.Properties as { Environment?: { Variables?: Record<string, unknown> } } | undefined)?.Environment
          ?.Variables?.PAGINATION_SECRET_ARN !== undefined,
    );
    expect(readers.map(([id]) => id).sort()).toEqual(['JobStatusFunction', 'UsersFunction']);
    for (const [, r] of readers)
      expect(
        (r.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables
          .PAGINATION_SECRET_ARN,
      ).toEqual({ Ref: 'PaginationSecret' });
  });

  it('would catch the secret value resolved into the environment', () => {
    const broken = copy();
    const props = broken.Resources.UsersFunction!.Properties as {
      Environment: { Variables: Record<string, unknown> };
    };
    props.Environment.Variables.PAGINATION_SECRET = {
      'Fn::Sub': '{{resolve:secretsmanager:${PaginationSecret}:SecretString}}',
    };
    expect(secretsInEnvironment(broken)).toEqual(['UsersFunction.PAGINATION_SECRET']);
  });
});
