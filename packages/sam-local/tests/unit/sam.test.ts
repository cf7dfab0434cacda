/** SAM and CloudFormation semantics of the local runner: intrinsics, function environments, SQS batches. */
import { confirmationCodeIn } from '../../src/emulators/cognito-local.js';
import { functionEnvironment, runtimeInfo } from '../../src/lambda/environment.js';
import type { InvokeOutcome } from '../../src/lambda/function.js';
import {
  referencedIds,
  resolveIntrinsics,
  resolveToString,
  Unresolvable,
  type IntrinsicContext,
} from '../../src/sam/intrinsics.js';
import { recordsToDelete } from '../../src/sqs/event-source.js';
import type { SamFunction } from '../../src/sam/template.js';
import { fixture } from '../support/paths.js';

const ctx: IntrinsicContext = {
  parameters: { Stage: 'dev', 'AWS::Region': 'us-east-1', 'AWS::StackName': 'app' },
  resources: {
    Table: { ref: 'app-Table', attributes: { Arn: 'arn:aws:dynamodb:us-east-1:1:table/app-Table' } },
    Queue: {
      ref: 'http://127.0.0.1:1/0/app-Queue',
      attributes: { Arn: 'arn:aws:sqs:us-east-1:0:app-Queue', QueueName: 'app-Queue' },
    },
  },
};

describe('intrinsic functions', () => {
  it('resolves Ref, both Fn::GetAtt forms, Fn::Sub (with variables and ${!Literal}), Fn::Join and Fn::Select', () => {
    expect(resolveIntrinsics({ Ref: 'Stage' }, ctx)).toBe('dev');
    expect(resolveIntrinsics({ Ref: 'Table' }, ctx)).toBe('app-Table');
    expect(resolveIntrinsics({ 'Fn::GetAtt': ['Queue', 'QueueName'] }, ctx)).toBe('app-Queue');
    expect(resolveIntrinsics({ 'Fn::GetAtt': 'Table.Arn' }, ctx)).toMatch(/table\/app-Table$/);
    expect(
      resolveIntrinsics({ 'Fn::Sub': '${AWS::StackName}-${Stage}-${Queue.QueueName}-${!Keep}' }, ctx),
    ).toBe('app-dev-app-Queue-${Keep}');
    expect(resolveIntrinsics({ 'Fn::Sub': ['${X}/${Stage}', { X: { Ref: 'Table' } }] }, ctx)).toBe(
      'app-Table/dev',
    );
    expect(resolveIntrinsics({ 'Fn::Join': ['-', ['a', { Ref: 'Stage' }]] }, ctx)).toBe('a-dev');
    expect(resolveIntrinsics({ 'Fn::Select': [1, ['a', 'b']] }, ctx)).toBe('b');
  });

  it('says what it cannot know locally instead of guessing', () => {
    expect(() => resolveIntrinsics({ Ref: 'Secret' }, ctx)).toThrow(Unresolvable);
    expect(() => resolveIntrinsics({ 'Fn::GetAtt': ['Queue', 'Nope'] }, ctx)).toThrow(Unresolvable);
    expect(() =>
      resolveToString({ 'Fn::Sub': '{{resolve:secretsmanager:${Stage}:SecretString}}' }, ctx),
    ).toThrow(/dynamic reference/);
  });

  it('finds the logical ids a value references', () => {
    expect([...referencedIds({ 'Fn::Sub': 'x/${Table.Arn}/${Stage}', y: { Ref: 'Queue' } })].sort()).toEqual([
      'Queue',
      'Stage',
      'Table',
    ]);
  });
});

describe('a function environment', () => {
  const fn = {
    logicalId: 'Fn',
    metadata: {},
    properties: {
      MemorySize: 256,
      Timeout: 7,
      Handler: 'fn.handler',
      Environment: {
        Variables: {
          TABLE: { Ref: 'Table' },
          LEVEL: 'INFO',
          SECRET: '{{resolve:secretsmanager:s:SecretString}}',
          OTHER_SECRET: '{{resolve:ssm:/x}}',
        },
      },
    },
  };

  it('keeps emulated resources, takes env.json for the rest, and reports what has no value', () => {
    const runtime = runtimeInfo(fn, 'app', '/build/Fn');
    const { env, missing } = functionEnvironment(fn, {
      intrinsics: ctx,
      emulated: new Set(['Table']),
      envFile: {
        Parameters: { LEVEL: 'DEBUG', UNDECLARED: 'ignored' },
        Fn: { TABLE: 'deployed-name', SECRET: 's3cret' },
      },
      runtime,
      platform: { AWS_REGION: 'us-east-1' },
    });
    expect(env).toMatchObject({
      TABLE: 'app-Table',
      LEVEL: 'DEBUG',
      SECRET: 's3cret',
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: 'app-Fn',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      _HANDLER: 'fn.handler',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
    expect(env.UNDECLARED).toBeUndefined();
    expect(missing.map((m) => m.name)).toEqual(['OTHER_SECRET']);
    expect(runtime.timeoutSeconds).toBe(7);
  });
});

describe('SQS batch results', () => {
  const records = ['m1', 'm2', 'm3'].map((messageId) => ({ messageId, receiptHandle: `h-${messageId}` }));
  const ok = (result: unknown): InvokeOutcome => ({ ok: true, result, durationMs: 1 });

  it('deletes all but the reported failures', () => {
    const r = recordsToDelete(records, ok({ batchItemFailures: [{ itemIdentifier: 'm2' }] }), true);
    expect(r.delete.map((x) => x.messageId)).toEqual(['m1', 'm3']);
    expect(r.failed).toBe(1);
    expect(recordsToDelete(records, ok(null), true).delete).toHaveLength(3);
    expect(recordsToDelete(records, ok({ batchItemFailures: [] }), true).delete).toHaveLength(3);
  });

  it('deletes nothing when the function fails or reports an identifier not in the batch', () => {
    const failed: InvokeOutcome = {
      ok: false,
      kind: 'error',
      errorType: 'Error',
      errorMessage: 'x',
      durationMs: 1,
    };
    expect(recordsToDelete(records, failed, true).delete).toEqual([]);
    expect(
      recordsToDelete(records, ok({ batchItemFailures: [{ itemIdentifier: 'nope' }] }), true).delete,
    ).toEqual([]);
    expect(
      recordsToDelete(records, ok({ batchItemFailures: [{ itemIdentifier: '' }] }), true).delete,
    ).toEqual([]);
  });

  it('deletes the whole batch on success without ReportBatchItemFailures, whatever the result says', () => {
    expect(
      recordsToDelete(records, ok({ batchItemFailures: [{ itemIdentifier: 'm1' }] }), false).delete,
    ).toHaveLength(3);
  });
});

describe('cognito-local confirmation codes', () => {
  const box = [
    '\u001b[33m╭────────────────────────────────╮\u001b[39m',
    '\u001b[33m│\u001b[39m   Confirmation Code Delivery   \u001b[33m│\u001b[39m',
    '\u001b[33m│\u001b[39m   Username:    a@example.com    \u001b[33m│\u001b[39m',
    '\u001b[33m│\u001b[39m   Destination: a@example.com    \u001b[33m│\u001b[39m',
    '\u001b[33m│\u001b[39m   Code:        123456           \u001b[33m│\u001b[39m',
    '\u001b[33m╰────────────────────────────────╯\u001b[39m',
  ].join('\n');

  it('reads the email and code out of its boxed log message', () => {
    const line = JSON.stringify({ level: 30, time: 1, reqId: 'abc', target: 'SignUp', msg: box });
    expect(confirmationCodeIn(line)).toEqual({ email: 'a@example.com', code: '123456' });
  });

  it("reads the one-line report of the local stack's own sender", () => {
    const line = `CONFIRMATION_CODE ${JSON.stringify({ username: 'uuid-1', destination: 'b@example.com', code: '654321' })}`;
    expect(confirmationCodeIn(line)).toEqual({ email: 'b@example.com', code: '654321' });
  });

  it('ignores every other line', () => {
    expect(confirmationCodeIn(JSON.stringify({ level: 30, msg: 'Cognito Local running' }))).toBeUndefined();
    expect(confirmationCodeIn('not json at all')).toBeUndefined();
  });
});

describe('--function-env', () => {
  it('gives one function (or * every function) variables the template need not declare', async () => {
    const { parseCli } = await import('../../src/cli/args.js');
    const options = parseCli(
      [
        '--template',
        fixture('sam-app', 'template.yaml'),
        '--function-env',
        'JobProcessorFunction.RATE=0.2',
        '--function-env',
        '*.DEBUG=1',
        '--function-env',
        'X.EMPTY=',
      ],
      {},
    );
    expect(options).not.toBe('help');
    if (options === 'help') return;
    expect(options.functionEnv).toEqual({
      JobProcessorFunction: { RATE: '0.2' },
      '*': { DEBUG: '1' },
      X: { EMPTY: '' },
    });
    expect(() =>
      parseCli(['--template', fixture('sam-app', 'template.yaml'), '--function-env', 'no-dot=1'], {}),
    ).toThrow(/FunctionLogicalId\.NAME=VALUE/);
  });
});

describe('--parameter-overrides', () => {
  it('takes space-separated Key=Value pairs, the option once or more, as sam deploy does; refuses a pair without a key', async () => {
    const { parseParameterOverrides } = await import('../../src/cli/args.js');
    expect(parseParameterOverrides(['Stage=prod  Empty=', 'Url=a=b'])).toEqual({
      Stage: 'prod',
      Empty: '',
      Url: 'a=b',
    });
    expect(parseParameterOverrides()).toEqual({});
    expect(() => parseParameterOverrides(['Stage=prod =x'])).toThrow(
      '--parameter-overrides =x: expected Key=Value',
    );
    expect(() => parseParameterOverrides(['Stage'])).toThrow(
      '--parameter-overrides Stage: expected Key=Value',
    );
  });
});

describe('a function Handler', () => {
  it('is <module>.<export> split at the last dot, as the Node.js runtime reads it; anything else is refused naming the function', async () => {
    const { handlerOf } = await import('../../src/sam/template.js');
    const fn = (Handler?: string): SamFunction => ({
      logicalId: 'Fn',
      properties: Handler === undefined ? {} : { Handler },
      metadata: {},
    });
    expect(handlerOf(fn('src/handlers/get-all-items.getAllItemsHandler'))).toEqual({
      handler: 'src/handlers/get-all-items.getAllItemsHandler',
      module: 'src/handlers/get-all-items',
      exportName: 'getAllItemsHandler',
    });
    expect(handlerOf(fn('app.v2.handler'))).toMatchObject({ module: 'app.v2', exportName: 'handler' });
    for (const bad of ['handler', '.handler', 'app.', undefined])
      expect(() => handlerOf(fn(bad))).toThrow(/^Fn: Handler .* is not <module>\.<export>$/);
  });
});
