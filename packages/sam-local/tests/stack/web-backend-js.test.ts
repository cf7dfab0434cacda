/**
 * The shape of `sam init`'s JavaScript web backend (tests/fixtures/web-backend-js): plain .mjs
 * handlers with no BuildMethod (run in place from CodeUri), an implicit API, a SimpleTable (a
 * DynamoDB table with the `id` String key, `!Ref` giving its name) and DynamoDBCrudPolicy, which
 * is listed as ignored, not refused.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fixture } from '../support/paths.js';
import { stackOutputs } from '../support/outputs.js';
import { startStack, type StackTarget } from '../../src/public/testing.js';

let stack: StackTarget;

beforeAll(async () => {
  stack = await startStack({ template: fixture('web-backend-js', 'template.yaml') });
}, 90000);

afterAll(async () => {
  await stack?.stop();
});

const call = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${stack.baseUrl}${path}`, init);
  return { status: response.status, body: await response.json() };
};
const put = (item: Record<string, string>) =>
  call('/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(item) });

describe('a JavaScript web backend on a SimpleTable', () => {
  it('puts items, lists them, gets one by id and answers 404 for another, each route its own plain handler', async () => {
    expect(await put({ id: 'b', name: 'Bee' })).toEqual({ status: 200, body: { id: 'b', name: 'Bee' } });
    expect(await put({ id: 'a', name: 'Ay' })).toEqual({ status: 200, body: { id: 'a', name: 'Ay' } });
    expect(await call('/')).toEqual({
      status: 200,
      body: [
        { id: 'a', name: 'Ay' },
        { id: 'b', name: 'Bee' },
      ],
    });
    expect(await call('/a')).toEqual({ status: 200, body: { id: 'a', name: 'Ay' } });
    expect(await call('/zz')).toEqual({ status: 404, body: { message: 'no item zz' } });
    expect(stack.logs()).toMatch(/GET \/a -> 200 \(\d+ ms\) getByIdFunction/);
  });

  it('creates the SimpleTable as a DynamoDB table keyed by its PrimaryKey, named as !Ref gives it', async () => {
    const dynamodb = new DynamoDBClient({
      endpoint: stack.awsEnv.AWS_ENDPOINT_URL_DYNAMODB,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { Table } = await dynamodb.send(
      new DescribeTableCommand({ TableName: 'web-backend-js-SampleTable' }),
    );
    dynamodb.destroy();
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(Table?.AttributeDefinitions).toEqual([{ AttributeName: 'id', AttributeType: 'S' }]);
  });

  it('lists the SAM policy templates as ignored (no IAM locally) instead of refusing them', () => {
    expect(stack.logs()).toMatch(
      /warning: Policies ignored \(no IAM locally.*\): getAllItemsFunction \(DynamoDBCrudPolicy\); getByIdFunction \(DynamoDBCrudPolicy\); putItemFunction \(DynamoDBCrudPolicy\)/,
    );
  });

  it('resolves the WebEndpoint output to the local API', async () => {
    expect((await stackOutputs(stack.dataDir)).WebEndpoint).toBe(`${stack.baseUrl}/`);
  });
});
