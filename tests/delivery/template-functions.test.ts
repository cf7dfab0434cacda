/** What `sam build` and `sam deploy --guided` need from template.yaml: files that exist, parameters with defaults, outputs. */
import type { JsonObject, SamFunction } from 'sam-local/template';
import { samFunctions, template } from '../support/project.js';
import { exportsName, functionFileProblems } from './lib/function-files.js';

const withProps = (
  fn: SamFunction,
  properties: JsonObject,
  metadata: JsonObject = fn.metadata,
): SamFunction => ({
  ...fn,
  properties: { ...fn.properties, ...properties },
  metadata,
});

describe('template.yaml functions point at files that exist', () => {
  it('every CodeUri, esbuild entry point and Handler export exists', () => {
    expect(samFunctions.length).toBeGreaterThan(0);
    expect(functionFileProblems(template.dir, samFunctions)).toEqual([]);
  });

  describe('would catch a mistake', () => {
    const health = samFunctions.find((f) => f.logicalId === 'HealthFunction')!;

    it('a Handler whose module is not an entry point', () => {
      expect(functionFileProblems(template.dir, [withProps(health, { Handler: 'helth.handler' })])).toEqual([
        'HealthFunction: Handler helth.handler names none of the entry points (src/functions/health.ts)',
      ]);
    });

    it('an entry point that does not exist', () => {
      const metadata = { ...health.metadata, BuildProperties: { EntryPoints: ['src/functions/gone.ts'] } };
      expect(
        functionFileProblems(template.dir, [withProps(health, { Handler: 'gone.handler' }, metadata)]),
      ).toEqual(['HealthFunction: entry point src/functions/gone.ts does not exist']);
    });

    it('a Handler export the entry point does not have', () => {
      expect(functionFileProblems(template.dir, [withProps(health, { Handler: 'health.main' })])).toEqual([
        'HealthFunction: src/functions/health.ts does not export main',
      ]);
    });

    it('a CodeUri that is not a folder', () => {
      expect(functionFileProblems(template.dir, [withProps(health, { CodeUri: './nowhere' })])).toEqual([
        'HealthFunction: CodeUri ./nowhere is not a folder',
      ]);
    });
  });

  it('recognises the ways a module exports its handler', () => {
    expect(exportsName('export const handler = httpHandler({});', 'handler')).toBe(true);
    expect(exportsName('export async function handler(event) {}', 'handler')).toBe(true);
    expect(exportsName('const main = 1;\nexport { main as handler };', 'handler')).toBe(true);
    expect(exportsName('export const handlerFactory = 1;', 'handler')).toBe(false);
    expect(exportsName('const handler = 1;', 'handler')).toBe(false);
  });
});

describe('template.yaml parameters and outputs for deployment', () => {
  it('every parameter has a default, so `sam deploy --guided` only asks what a user wants to change', () => {
    const missing = Object.entries(template.Parameters)
      .filter(([, p]) => p.Default === undefined)
      .map(([name]) => name);
    expect(missing).toEqual([]);
    expect(Object.keys(template.Parameters)).toEqual(
      expect.arrayContaining([
        'Stage',
        'LogLevel',
        'PresignedUrlExpirySeconds',
        'CorsAllowedOrigin',
        'LogRetentionDays',
      ]),
    );
  });

  it('outputs the API URL, the user pool and client ids, queues, tables, bucket and the token command', () => {
    const outputs = template.Outputs;
    expect(outputs.ApiUrl?.Value).toEqual({
      'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}',
    });
    const refs = Object.fromEntries(
      Object.entries(outputs).map(([name, o]) => [name, (o.Value as { Ref?: string }).Ref]),
    );
    expect(refs).toMatchObject({
      UserPoolId: 'UserPool',
      UserPoolClientId: 'UserPoolClient',
      JobsQueueUrl: 'JobsQueue',
      JobsDlqUrl: 'JobsDlq',
      JobsTableName: 'JobsTable',
      UsersTableName: 'UsersTable',
      ResultsBucketName: 'ResultsBucket',
    });
    const command = (outputs.GetTokenCommand?.Value as { 'Fn::Sub': string })['Fn::Sub'];
    expect(command).toMatch(
      /^aws cognito-idp initiate-auth .*--auth-flow USER_PASSWORD_AUTH .*--client-id \$\{UserPoolClient\}/,
    );
    // The client must allow the flow the printed command uses.
    const client = template.Resources.UserPoolClient?.Properties as { ExplicitAuthFlows: string[] };
    expect(client.ExplicitAuthFlows).toContain('ALLOW_USER_PASSWORD_AUTH');
  });
});
