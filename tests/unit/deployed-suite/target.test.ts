/**
 * How the black-box suite finds its stack (tests/deployed/support/target.ts): from a stack name, an
 * outputs file in either shape, or environment variables, and nothing else. CloudFormation is mocked.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { outputEnvName, resolveStackUnderTest } from '../../deployed/support/target.js';

const cloudFormation = mockClient(CloudFormationClient);
let dir: string;
const NO_LOCAL_FILE = '/nonexistent/stack-outputs.json';
const resolve = (env: NodeJS.ProcessEnv, localFile = NO_LOCAL_FILE) => resolveStackUnderTest(env, localFile);
const describeStacksOutput = {
  Stacks: [
    {
      StackName: 'jobs-service-testing',
      StackStatus: 'UPDATE_COMPLETE' as const,
      CreationTime: new Date('2026-01-01T00:00:00Z'),
      StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/jobs-service-testing/abc',
      Outputs: [
        { OutputKey: 'ApiUrl', OutputValue: 'https://abc123.execute-api.eu-west-1.amazonaws.com/testing/' },
        { OutputKey: 'UserPoolId', OutputValue: 'eu-west-1_AbCdEf123', Description: 'pool' },
        { OutputKey: 'UserPoolClientId', OutputValue: 'client123' },
        { OutputKey: 'JobsTableName', OutputValue: 'jobs' },
      ],
    },
  ],
};
const deployed = {
  baseUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/testing',
  userPoolId: 'eu-west-1_AbCdEf123',
  userPoolClientId: 'client123',
  cognito: { region: 'eu-west-1' },
};
const file = async (name: string, content: unknown) => {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(content));
  return path;
};

beforeEach(async () => {
  cloudFormation.reset();
  dir = await mkdtemp(join(tmpdir(), 'target-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the stack under test', () => {
  it('comes from DescribeStacks on STACK_NAME, in the region of its pool', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves(describeStacksOutput);
    const target = await resolve({ STACK_NAME: 'jobs-service-testing' });
    expect(target).toEqual({ ...deployed, source: 'STACK_NAME=jobs-service-testing' });
    expect(cloudFormation).toHaveReceivedCommandWith(DescribeStacksCommand, {
      StackName: 'jobs-service-testing',
    });
  });

  it('comes from a file of what `aws cloudformation describe-stacks` prints', async () => {
    const path = await file('describe.json', describeStacksOutput);
    expect(await resolve({ STACK_OUTPUTS_FILE: path, STACK_NAME: 'ignored' })).toMatchObject(deployed);
    expect(cloudFormation).not.toHaveReceivedCommand(DescribeStacksCommand);
  });

  it('comes from a flat {OutputKey: value} file', async () => {
    const path = await file('flat.json', {
      ApiUrl: deployed.baseUrl,
      UserPoolId: deployed.userPoolId,
      UserPoolClientId: deployed.userPoolClientId,
    });
    expect(await resolve({ STACK_OUTPUTS_FILE: path })).toMatchObject(deployed);
  });

  it("comes from the local stack's file, whose Environment points the Cognito client at the emulator", async () => {
    const path = await file('local.json', {
      Stacks: [
        {
          StackName: 'local',
          Outputs: [
            { OutputKey: 'ApiUrl', OutputValue: 'http://127.0.0.1:3000' },
            { OutputKey: 'UserPoolId', OutputValue: 'local_5Z2cBSPW' },
            { OutputKey: 'UserPoolClientId', OutputValue: 'c1' },
          ],
        },
      ],
      Environment: {
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:9229',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      },
    });
    expect(await resolve({ STACK_OUTPUTS_FILE: path })).toMatchObject({
      baseUrl: 'http://127.0.0.1:3000',
      userPoolId: 'local_5Z2cBSPW',
      cognito: {
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9229',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      },
    });
  });

  it('comes from API_URL, USER_POOL_ID and USER_POOL_CLIENT_ID', async () => {
    expect(['ApiUrl', 'UserPoolId', 'UserPoolClientId'].map(outputEnvName)).toEqual([
      'API_URL',
      'USER_POOL_ID',
      'USER_POOL_CLIENT_ID',
    ]);
    const target = await resolve({
      API_URL: `${deployed.baseUrl}/`,
      USER_POOL_ID: deployed.userPoolId,
      USER_POOL_CLIENT_ID: deployed.userPoolClientId,
    });
    expect(target).toMatchObject(deployed);
  });

  it("falls back to a running local stack's outputs file, and only when nothing else is set", async () => {
    const local = await file('stack-outputs.json', {
      ApiUrl: 'http://127.0.0.1:3000',
      UserPoolId: 'local_x',
      UserPoolClientId: 'c',
    });
    expect((await resolve({ AWS_REGION: 'us-east-1' }, local)).baseUrl).toBe('http://127.0.0.1:3000');
    cloudFormation.on(DescribeStacksCommand).resolves(describeStacksOutput);
    expect((await resolve({ STACK_NAME: 'jobs-service-testing' }, local)).baseUrl).toBe(deployed.baseUrl);
  });

  it('refuses a stack without the outputs the suite needs, saying how to choose one', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [{ StackName: 'x', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Outputs: [] }],
    });
    await expect(resolve({ STACK_NAME: 'x' })).rejects.toThrow(
      /^STACK_NAME=x: no ApiUrl, UserPoolId, UserPoolClientId output\. Run against a stack with STACK_NAME=/,
    );
    await expect(resolve({})).rejects.toThrow(
      /^environment variables: no ApiUrl, UserPoolId, UserPoolClientId output/,
    );
    await expect(resolve({ STACK_OUTPUTS_FILE: join(dir, 'missing.json') })).rejects.toThrow(/ENOENT/);
  });

  it('refuses a pool whose region it cannot tell', async () => {
    await expect(
      resolve({
        API_URL: 'http://127.0.0.1:3000',
        USER_POOL_ID: 'local_x',
        USER_POOL_CLIENT_ID: 'c',
        AWS_REGION: '',
      }),
    ).rejects.toThrow('cannot tell the region of user pool local_x: set AWS_REGION');
  });
});
