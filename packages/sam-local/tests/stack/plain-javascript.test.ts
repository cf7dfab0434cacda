/**
 * A function with no BuildMethod runs in place from its CodeUri (src/lambda/plain-code.ts), and a
 * saved edit reaches the next invocation without a restart, as for a built function. The app is
 * written here, outside this repository, in the shape of `sam init`'s JavaScript hello world
 * (`Handler: app.lambdaHandler` in `hello-world/`), CommonJS: no package.json says otherwise.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../../src/public/testing.js';

let app: string;

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  HelloWorldFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello-world/
      Handler: app.lambdaHandler
      Runtime: nodejs20.x
      Events:
        HelloWorld:
          Type: Api
          Properties:
            Path: /hello
            Method: get
`;
const handler = (message: string) =>
  `exports.lambdaHandler = async () => ({ statusCode: 200, body: JSON.stringify({ message: '${message}', root: process.env.LAMBDA_TASK_ROOT }) });\n`;

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'plain-js-app-'));
  await mkdir(join(app, 'hello-world'));
  await writeFile(join(app, 'template.yaml'), TEMPLATE);
  await writeFile(join(app, 'hello-world', 'app.js'), handler('hello world'));
});

afterAll(async () => {
  await rm(app, { recursive: true, force: true });
});

it('runs the handler from CodeUri (its task root), and serves a saved edit on the next request', async () => {
  const stack = await startStack({ template: join(app, 'template.yaml'), watch: true });
  try {
    expect(stack.logs()).toMatch(/0 building in the background, 1 run in place \(no BuildMethod\)/);
    const first = (await (await fetch(`${stack.baseUrl}/hello`)).json()) as Record<string, string>;
    expect(first).toEqual({ message: 'hello world', root: join(app, 'hello-world') });

    await writeFile(join(app, 'hello-world', 'app.js'), handler('hello again'));
    await stack.waitForLog(/\[reload\] HelloWorldFunction/, 20000);
    const second = (await (await fetch(`${stack.baseUrl}/hello`)).json()) as Record<string, string>;
    expect(second.message).toBe('hello again');
  } finally {
    await stack.stop();
  }
}, 60000);
