/** pipeline.yaml: the stages the issue asks for, wired to the files they run, with least-privilege roles. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseCloudFormationYaml, type JsonObject } from 'sam-local/template';
import { projectRoot } from '../support/paths.js';
import { rawTemplate } from '../support/project.js';
import { TARGET_VARIABLES } from '../deployed/support/target.js';
import { awsCallsOf, typeScriptFiles } from './lib/aws-calls.js';
import { buildspecCommands, variablesFromOutside } from './lib/commands.js';
import { roleStatements, trustedServices } from './lib/iam.js';
import { overrideProblems } from './lib/parameters.js';
import {
  buildSpecProblems,
  deployedParameters,
  deployRoleGaps,
  pipelineActions,
  roleOf,
  templatePathProblems,
  wildcardProblems,
  type Template,
} from './lib/pipeline-checks.js';
import { text } from './lib/json.js';

const pipeline = parseCloudFormationYaml(
  readFileSync(join(projectRoot, 'pipeline.yaml'), 'utf8'),
) as Template;
const app = rawTemplate as Template;
const buildspec = parse(readFileSync(join(projectRoot, 'buildspec.yml'), 'utf8')) as {
  artifacts: { files: string[] };
};
const testspec = parse(readFileSync(join(projectRoot, 'tests/testspec.yml'), 'utf8')) as unknown;
const actions = pipelineActions(pipeline);
const resources = pipeline.Resources;
const projectProps = (id: string) => resources[id]?.Properties as JsonObject & { Environment: JsonObject };
const roles = Object.keys(resources).filter((id) => resources[id]?.Type === 'AWS::IAM::Role');

/** Pipeline parameter defaults, to read a `Fn::Sub` configuration value as CloudFormation would. */
function withDefaults(value: unknown): string {
  const template = typeof value === 'string' ? value : text((value as { 'Fn::Sub'?: unknown })['Fn::Sub']);
  return template.replace(/\$\{(\w+)\}/g, (_, name: string) => text(pipeline.Parameters[name]?.Default));
}

describe('pipeline.yaml', () => {
  it('is one V2 pipeline: Source -> Build -> DeployTesting -> Test -> DeployProduction', () => {
    const pipelines = Object.values(resources).filter((r) => r.Type === 'AWS::CodePipeline::Pipeline');
    expect(pipelines).toHaveLength(1);
    expect((pipelines[0]?.Properties as JsonObject).PipelineType).toBe('V2');
    expect([...new Set(actions.map((a) => a.stage))]).toEqual([
      'Source',
      'Build',
      'DeployTesting',
      'Test',
      'DeployProduction',
    ]);
  });

  it('takes its source from CodeCommit or a CodeStar connection, chosen by a parameter', () => {
    expect(pipeline.Parameters.SourceProvider?.AllowedValues).toEqual(['CodeStarConnection', 'CodeCommit']);
    expect(actions.filter((a) => a.stage === 'Source').map((a) => a.provider)).toEqual([
      'CodeCommit',
      'CodeStarSourceConnection',
    ]);
  });

  it('builds with buildspec.yml and tests with tests/testspec.yml, which exist', () => {
    expect(projectProps('BuildProject').Source).toMatchObject({ BuildSpec: 'buildspec.yml' });
    expect(projectProps('TestProject').Source).toMatchObject({ BuildSpec: 'tests/testspec.yml' });
    expect(buildSpecProblems(pipeline, projectRoot)).toEqual([]);
  });

  it('deploys the packaged templates the build outputs, with the capabilities SAM needs', () => {
    expect(templatePathProblems(actions, buildspec.artifacts.files)).toEqual([]);
    const deploys = actions.filter((a) => a.provider === 'CloudFormation');
    expect(deploys.map((a) => [a.stage, a.configuration.StackName])).toEqual([
      ['DeployTesting', { Ref: 'TestingStackName' }],
      ['DeployProduction', { Ref: 'ProductionStackName' }],
    ]);
    for (const a of deploys) {
      expect(a.configuration).toMatchObject({
        Capabilities: 'CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND',
        RoleArn: { 'Fn::GetAtt': ['CloudFormationDeployRole', 'Arn'] },
      });
    }
  });

  it('replaces a failed testing stack by itself, never production', () => {
    // REPLACE_ON_FAILURE deletes a stack in a failed state (a first deploy left in
    // ROLLBACK_COMPLETE cannot be updated) and creates it again; AWS suggests it for testing.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/continuous-delivery-codepipeline-action-reference.html
    const modes = actions
      .filter((a) => a.provider === 'CloudFormation')
      .map((a) => [a.stage, a.configuration.ActionMode]);
    expect(modes).toEqual([
      ['DeployTesting', 'REPLACE_ON_FAILURE'],
      ['DeployProduction', 'CREATE_UPDATE'],
    ]);
    // Replacing means deleting: the pipeline may delete the testing stack and no other.
    const deletes = roleOf(pipeline, 'PipelineRole').filter((s) =>
      s.actions.some((a) => a === 'cloudformation:DeleteStack' || a === 'cloudformation:*'),
    );
    expect(deletes.map((s) => s.resources)).toEqual([
      [
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${TestingStackName}/*',
        },
      ],
    ]);
  });

  it('overrides only parameters template.yaml has, with values it accepts', () => {
    for (const a of actions.filter((a) => a.provider === 'CloudFormation')) {
      const overrides = JSON.parse(withDefaults(a.configuration.ParameterOverrides)) as Record<
        string,
        string
      >;
      expect({ stage: a.stage, problems: overrideProblems(overrides, app.Parameters as never) }).toEqual({
        stage: a.stage,
        problems: [],
      });
    }
  });

  it('tests the testing stack between the two deployments, and approves production only when asked', () => {
    const test = actions.find((a) => a.stage === 'Test');
    expect(test?.configuration.ProjectName).toEqual({ Ref: 'TestProject' });
    expect(projectProps('TestProject').Environment.EnvironmentVariables).toEqual([
      { Name: 'STACK_NAME', Value: { Ref: 'TestingStackName' } },
    ]);
    const production = actions.filter((a) => a.stage === 'DeployProduction');
    expect(production.map((a) => [a.provider, a.runOrder])).toEqual([
      ['Manual', 1],
      ['CloudFormation', 2],
    ]);
    expect(JSON.stringify(resources.Pipeline)).toContain('{"Fn::If":["ManualApproval",{"Name":"Approve"');
    expect(pipeline.Conditions).toMatchObject({
      ManualApproval: { 'Fn::Equals': [{ Ref: 'RequireManualApproval' }, 'true'] },
    });
  });

  it('gives each buildspec every variable it reads from outside, and the suite the stack to test', () => {
    const provided = (id: string) =>
      (projectProps(id).Environment.EnvironmentVariables as { Name: string }[]).map((v) => v.Name);
    expect(variablesFromOutside(buildspecCommands(buildspec))).toEqual(provided('BuildProject'));
    // The testspec's commands read nothing themselves; the suite reads the stack name.
    expect(variablesFromOutside(buildspecCommands(testspec))).toEqual([]);
    expect(provided('TestProject')).toEqual([TARGET_VARIABLES.stackName]);
  });

  it('keeps artifacts in a private, encrypted, versioned bucket reachable only over TLS', () => {
    expect(resources.ArtifactBucket?.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    expect(JSON.stringify(resources.ArtifactBucketPolicy)).toContain(
      '"Effect":"Deny","Principal":"*","Action":"s3:*"',
    );
    expect(JSON.stringify(resources.ArtifactBucketPolicy)).toContain(
      '{"Bool":{"aws:SecureTransport":"false"}}',
    );
  });

  describe('roles', () => {
    it('each role is trusted by its one service and carries no managed (broad) policy', () => {
      expect(Object.fromEntries(roles.map((id) => [id, trustedServices(resources[id])]))).toEqual({
        BuildProjectRole: ['codebuild.amazonaws.com'],
        TestProjectRole: ['codebuild.amazonaws.com'],
        CloudFormationDeployRole: ['cloudformation.amazonaws.com'],
        PipelineRole: ['codepipeline.amazonaws.com'],
        SourceChangeRuleRole: ['events.amazonaws.com'],
      });
      for (const id of roles)
        expect((resources[id]?.Properties as JsonObject).ManagedPolicyArns).toBeUndefined();
    });

    it('grants no wildcard action, and Resource * only for actions IAM cannot scope', () => {
      expect(roles.flatMap((id) => wildcardProblems(id, roleOf(pipeline, id)))).toEqual([]);
    });

    it('lets CloudFormation create every kind of resource its deployments of template.yaml create', () => {
      const deployments = deployedParameters(actions);
      expect(deployments.map((d) => d.Stage)).toEqual(['testing', 'prod']);
      expect(deployRoleGaps(app, roleOf(pipeline, 'CloudFormationDeployRole'), deployments)).toEqual([]);
    });

    it('passes roles only where needed: function roles to Lambda, the CodeDeploy role to CodeDeploy, the deploy role (by CodePipeline) to CloudFormation', () => {
      const passes = roles.flatMap((id) =>
        roleOf(pipeline, id)
          .filter((s) => s.actions.includes('iam:PassRole'))
          .map((s) => ({ id, resources: s.resources, condition: s.condition })),
      );
      expect(passes).toEqual([
        {
          id: 'CloudFormationDeployRole',
          resources: expect.any(Array),
          condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
        },
        {
          // The role SAM creates for DeploymentPreference (logical id CodeDeployServiceRole).
          id: 'CloudFormationDeployRole',
          resources: [
            {
              'Fn::Sub':
                'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${TestingStackName}-CodeDeployServiceRole-*',
            },
            {
              'Fn::Sub':
                'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${ProductionStackName}-CodeDeployServiceRole-*',
            },
          ],
          condition: { StringEquals: { 'iam:PassedToService': 'codedeploy.amazonaws.com' } },
        },
        {
          id: 'PipelineRole',
          resources: [{ 'Fn::GetAtt': ['CloudFormationDeployRole', 'Arn'] }],
          condition: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
        },
      ]);
    });

    it('lets the integration tests manage users only in the pool template.yaml tags with the testing stack', () => {
      const cognito = roleOf(pipeline, 'TestProjectRole').filter((s) =>
        s.actions.some((a) => a.startsWith('cognito-idp:')),
      );
      expect(cognito).toHaveLength(1);
      const [key, value] = Object.entries(
        (cognito[0]?.condition as { StringEquals: JsonObject }).StringEquals,
      )[0]!;
      expect(value).toEqual({ Ref: 'TestingStackName' });
      const tags = (app.Resources.UserPool?.Properties as { UserPoolTags: JsonObject }).UserPoolTags;
      expect(tags[key.replace('aws:ResourceTag/', '')]).toEqual({ Ref: 'AWS::StackName' });
    });

    it('gives the Test stage exactly the AWS calls the testspec and the deployed suite make', () => {
      const pascal = (op: string) => op.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
      const cli = buildspecCommands(testspec).flatMap((c) =>
        [...c.matchAll(/\baws ([a-z-]+) ([a-z-]+)/g)].map(([, service, op]) => `${service}:${pascal(op!)}`),
      );
      const suite = awsCallsOf(typeScriptFiles(join(projectRoot, 'tests/deployed')));
      expect(suite).toEqual(
        expect.arrayContaining(['cloudformation:DescribeStacks', 'cognito-idp:AdminCreateUser']),
      );
      const granted = roleOf(pipeline, 'TestProjectRole')
        .flatMap((s) => s.actions)
        .filter((a) => !a.startsWith('logs:') && !a.startsWith('s3:'));
      expect(granted.sort()).toEqual([...new Set([...cli, ...suite])].sort());
    });

    it('scopes the deploy role by stack name where AWS names resources after the stack, and those names fit', () => {
      // CloudFormation names a function <stack>-<LogicalId>-<random> and its SAM role
      // <stack>-<LogicalId>Role-<random> (up to 13 random characters); past 64 characters it would
      // shorten the stack name and the role's stack-name prefix would no longer match.
      const pattern = text(pipeline.Parameters.TestingStackName?.AllowedPattern);
      expect(pipeline.Parameters.ProductionStackName?.AllowedPattern).toBe(pattern);
      const longestStack = 1 + Number(/\{0,(\d+)\}\$$/.exec(pattern)?.[1]);
      const tooLong = Object.entries(app.Resources)
        .filter(([, r]) => r.Type === 'AWS::Serverless::Function')
        .map(([id]) => `${'s'.repeat(longestStack)}-${id}Role-${'r'.repeat(13)}`)
        .filter((name) => name.length > 64);
      expect(tooLong).toEqual([]);
      const functions = roleStatements(resources.CloudFormationDeployRole).find((s) => s.sid === 'Functions');
      expect(functions?.resources).toEqual([
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${TestingStackName}-*',
        },
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${ProductionStackName}-*',
        },
      ]);
    });
  });

  describe('would catch a mistake', () => {
    it('a buildspec path that does not exist', () => {
      const broken = structuredClone(pipeline);
      (broken.Resources.TestProject!.Properties as { Source: JsonObject }).Source.BuildSpec = 'testspec.yml';
      expect(buildSpecProblems(broken, projectRoot)).toEqual([
        'TestProject: BuildSpec testspec.yml does not exist',
      ]);
    });

    it('a deployment of a template the build does not output', () => {
      expect(templatePathProblems(actions, ['packaged.yaml'])).toEqual([
        'DeployTesting: packaged-testing.yaml is not an artifact of the buildspec',
        'DeployProduction: packaged-production.yaml is not an artifact of the buildspec',
      ]);
    });

    it('a new kind of resource in template.yaml that the deploy role cannot create', () => {
      const grown = structuredClone(app);
      grown.Resources.Workflow = { Type: 'AWS::StepFunctions::StateMachine', Properties: {} };
      expect(
        deployRoleGaps(grown, roleOf(pipeline, 'CloudFormationDeployRole'), deployedParameters(actions)),
      ).toEqual([
        'AWS::StepFunctions::StateMachine: unknown service; add its IAM prefix to tests/delivery/lib/pipeline-checks.ts and its permissions to the deploy role',
      ]);
      const narrower = roleOf(pipeline, 'CloudFormationDeployRole').filter((s) => s.sid !== 'Queues');
      expect(deployRoleGaps(app, narrower, deployedParameters(actions))).toEqual([
        'AWS::SQS::Queue needs sqs permissions in CloudFormationDeployRole',
      ]);
      const noCodeDeploy = roleOf(pipeline, 'CloudFormationDeployRole').filter(
        (s) => !s.actions.some((a) => a.startsWith('codedeploy:')),
      );
      expect(deployRoleGaps(app, noCodeDeploy, deployedParameters(actions))).toEqual([
        'AWS::Serverless::Function with a DeploymentPreference needs codedeploy permissions in CloudFormationDeployRole',
      ]);
      // A deployment that turns the console on creates CloudFront resources the role cannot.
      const withConsole = [...deployedParameters(actions), { Stage: 'demo', DeployConsole: 'true' }];
      expect(deployRoleGaps(app, roleOf(pipeline, 'CloudFormationDeployRole'), withConsole)).toEqual([
        'AWS::CloudFront::OriginAccessControl: unknown service; add its IAM prefix to tests/delivery/lib/pipeline-checks.ts and its permissions to the deploy role',
        'AWS::CloudFront::Distribution: unknown service; add its IAM prefix to tests/delivery/lib/pipeline-checks.ts and its permissions to the deploy role',
      ]);
    });

    it('a command the suite sends that the test role is not granted, or an SDK client of unknown prefix', () => {
      const dir = mkdtempSync(join(tmpdir(), 'aws-calls-'));
      try {
        const file = (name: string, text: string) => {
          writeFileSync(join(dir, name), text);
          return join(dir, name);
        };
        file('b.ts', "import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';\n");
        const a = file(
          'a.ts',
          "import { ListUsersCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';\n" +
            "import { x } from './b.js';\n",
        );
        expect(awsCallsOf([a])).toEqual(['cloudformation:DescribeStacks', 'cognito-idp:ListUsers']);
        const c = file('c.ts', "import { GetItemCommand } from '@aws-sdk/client-dynamodb';\n");
        expect(() => awsCallsOf([c])).toThrow(/add the IAM prefix of @aws-sdk\/client-dynamodb/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a statement on Resource * that could have been scoped', () => {
      const statements = roleOf(pipeline, 'TestProjectRole').map((s) =>
        s.sid === 'ReadTestingStackOutputs' ? { ...s, resources: ['*'] } : s,
      );
      expect(wildcardProblems('TestProjectRole', statements)).toEqual([
        "TestProjectRole/integration-tests/ReadTestingStackOutputs: cloudformation:DescribeStacks on Resource '*' (scope it to ARNs)",
      ]);
    });

    it('a production override the template refuses', () => {
      expect(overrideProblems({ Stage: 'Production' }, app.Parameters as never)).toEqual([
        `Stage=Production does not match ${text(app.Parameters.Stage?.AllowedPattern)}`,
      ]);
    });
  });
});
