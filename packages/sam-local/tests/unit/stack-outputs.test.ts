/** The template's Outputs as the local stack resolves them for its outputs file. */
import { resolveOutputs } from '../../src/stack-outputs.js';
import type { IntrinsicContext } from '../../src/sam/intrinsics.js';

const ctx: IntrinsicContext = {
  parameters: {
    'AWS::Region': 'eu-west-1',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': 'app',
    Stage: 'dev',
  },
  resources: {
    Api: { ref: 'abcdefghij', attributes: { RootResourceId: 'root00' } },
    OtherApi: { ref: 'zyxwvutsrq', attributes: {} },
    Queue: { ref: 'http://127.0.0.1:9324/000000000000/app-Queue', attributes: { Arn: 'arn:aws:sqs:q' } },
    Pool: { ref: 'local_pool1', attributes: {} },
  },
};
const served = { apiId: 'abcdefghij', stage: 'dev', url: 'http://127.0.0.1:3000' };
const values = (outputs: Record<string, unknown>) => {
  const { outputs: resolved, skipped } = resolveOutputs(outputs as never, ctx, served);
  return { values: Object.fromEntries(resolved.map((o) => [o.OutputKey, o.OutputValue])), skipped };
};

describe('stack outputs on the local stack', () => {
  it('resolves Ref, GetAtt, Sub and parameters to the local physical ids', () => {
    expect(
      values({
        QueueUrl: { Value: { Ref: 'Queue' } },
        QueueArn: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] } },
        PoolId: { Value: { Ref: 'Pool' }, Description: 'the pool' },
        Name: { Value: { 'Fn::Sub': '${AWS::StackName}-${Stage}' } },
        Literal: { Value: 'as written' },
      }).values,
    ).toEqual({
      QueueUrl: 'http://127.0.0.1:9324/000000000000/app-Queue',
      QueueArn: 'arn:aws:sqs:q',
      PoolId: 'local_pool1',
      Name: 'app-dev',
      Literal: 'as written',
    });
  });

  it('keeps a Description, as describe-stacks prints it', () => {
    const { outputs } = resolveOutputs(
      { PoolId: { Value: { Ref: 'Pool' }, Description: 'the pool' } },
      ctx,
      served,
    );
    expect(outputs).toEqual([{ OutputKey: 'PoolId', OutputValue: 'local_pool1', Description: 'the pool' }]);
  });

  it("turns the served API's invoke URL (with or without the stage, with a path) into the local URL", () => {
    expect(
      values({
        ApiUrl: {
          Value: { 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}' },
        },
        HealthUrl: {
          Value: { 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}/health' },
        },
        Root: { Value: { 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com' } },
        Command: {
          Value: { 'Fn::Sub': 'curl https://${Api}.execute-api.${AWS::Region}.amazonaws.com/dev/x -v' },
        },
        NotTheStage: {
          Value: { 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com/development' },
        },
      }).values,
    ).toEqual({
      ApiUrl: 'http://127.0.0.1:3000',
      HealthUrl: 'http://127.0.0.1:3000/health',
      Root: 'http://127.0.0.1:3000',
      Command: 'curl http://127.0.0.1:3000/x -v',
      NotTheStage: 'http://127.0.0.1:3000/development',
    });
  });

  it('leaves out, with the reason, what it cannot resolve locally', () => {
    const { values: resolved, skipped } = values({
      Fine: { Value: { Ref: 'Pool' } },
      TopicArn: { Value: { Ref: 'Topic' } },
      Conditional: { Condition: 'IsProd', Value: 'x' },
      Secret: { Value: '{{resolve:secretsmanager:s:SecretString}}' },
      Other: { Value: { 'Fn::Sub': 'https://${OtherApi}.execute-api.${AWS::Region}.amazonaws.com/v1' } },
      External: { Value: 'https://abc.execute-api.us-east-1.amazonaws.com/prod' },
    });
    expect(resolved).toEqual({
      Fine: 'local_pool1',
      External: 'https://abc.execute-api.us-east-1.amazonaws.com/prod',
    });
    expect(skipped).toEqual([
      { key: 'TopicArn', reason: 'Ref Topic is not known locally' },
      { key: 'Conditional', reason: 'its condition IsProd is not true' },
      { key: 'Secret', reason: 'a {{resolve:...}} dynamic reference' },
      {
        key: 'Other',
        reason:
          'https://zyxwvutsrq.execute-api.eu-west-1.amazonaws.com/v1 is the URL of an API the local stack does not serve',
      },
    ]);
  });

  it('with no API served, an invoke URL of the stack is left out rather than pointing at nothing', () => {
    const { outputs, skipped } = resolveOutputs(
      { ApiUrl: { Value: { 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com/dev' } } },
      ctx,
      undefined,
    );
    expect(outputs).toEqual([]);
    expect(skipped.map((s) => s.key)).toEqual(['ApiUrl']);
  });
});
