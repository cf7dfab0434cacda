/**
 * THE table of what sam-local does with each part of a SAM app, against AWS: every resource type,
 * resource property, event source property, API definition feature and gateway response type it
 * knows, as `emulated` (behaves as AWS documents it), `approximated` (works, differently: `how`
 * says how) or `ignored` (no local effect). `general` holds the differences every app has, whatever
 * its template. `sam-local explain` lists what a template uses against this table (anything not in
 * it is ignored, by name), and the README's "How it differs from AWS" section is generated from it
 * (scripts/docs.ts; a test fails when the README drifts). Change behaviour, change this table.
 */
import { AWS_DOCS } from '../apigw/aws-docs.js';
import type { ResponseType } from '../apigw/gateway-response-types.js';

export type Status = 'emulated' | 'approximated' | 'ignored';

export interface Rule {
  readonly status: Status;
  /** One line: what sam-local does, and for anything not emulated, what that means. */
  readonly how: string;
  /** The AWS page that states the behaviour (emulated) or the feature (approximated, ignored). */
  readonly docUrl?: string;
}

export interface TypeRules {
  readonly rule: Rule;
  /** Its properties; one not listed is ignored. */
  readonly properties: Readonly<Record<string, Rule>>;
}

const emulated = (how: string, docUrl?: string): Rule => ({ status: 'emulated', how, docUrl });
const approximated = (how: string, docUrl?: string): Rule => ({ status: 'approximated', how, docUrl });
const ignored = (how: string, docUrl?: string): Rule => ({ status: 'ignored', how, docUrl });

const LAMBDA = 'https://docs.aws.amazon.com/lambda/latest/dg';
const SAM = 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide';
const CFN = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference';
const CFN_GUIDE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide';
const APIGW = 'https://docs.aws.amazon.com/apigateway/latest/developerguide';

const DOCS = {
  autoPublishAlias: `${SAM}/sam-specification-generated-resources-function.html#sam-specification-generated-resources-function-autopublishalias`,
  gradualDeployment: `${SAM}/automating-updates-to-serverless-apps.html`,
  samApi: `${SAM}/sam-resource-api.html`,
  samApiAuth: `${SAM}/sam-property-api-apiauth.html`,
  samApiCors: `${SAM}/sam-property-api-corsconfiguration.html`,
  samApiEvent: `${SAM}/sam-property-function-api.html`,
  samApiEventAuth: `${SAM}/sam-property-function-apifunctionauth.html`,
  simpleTable: `${SAM}/sam-resource-simpletable.html`,
  policyTemplates: `${SAM}/serverless-policy-templates.html`,
  esbuild: `${SAM}/serverless-sam-cli-using-build-typescript.html`,
  nodejsHandler: `${LAMBDA}/nodejs-handler.html`,
  nodejsRuntimeSdk: `${LAMBDA}/lambda-nodejs.html`,
  eventSourceMapping: `${CFN}/aws-resource-lambda-eventsourcemapping.html`,
  // "If you don't specify otherwise in the configuration of your app client, your access tokens are valid for one hour."
  userPoolClientType:
    'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html',
  executionEnvironment: `${LAMBDA}/lambda-runtime-environment.html`,
  reservedConcurrency: `${LAMBDA}/configuration-concurrency.html`,
  sqsBatchFailures: `${LAMBDA}/services-sqs-errorhandling.html#services-sqs-batchfailurereporting`,
  sqsScaling: `${LAMBDA}/services-sqs-scaling.html`,
  sqsEventSource: `${LAMBDA}/services-sqs-configure.html`,
  lambdaEnv: `${LAMBDA}/configuration-envvars.html#configuration-envvars-runtime`,
  tracing: `${LAMBDA}/services-xray.html`,
  dynamoTtl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html',
  s3Lifecycle: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html',
  s3Presigned: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html',
  s3PostPolicy: 'https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html',
  s3Cors: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html',
  s3Encryption: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/serv-side-encryption.html',
  cognitoTokens:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html',
  cognitoLockout:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior',
  cognitoPasswordPolicy:
    'https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html',
  throttling: `${APIGW}/api-gateway-request-throttling.html`,
  apiQuotas: `${APIGW}/limits.html`,
  proxyOutput: `${APIGW}/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format`,
  binaryMedia: `${APIGW}/api-gateway-payload-encodings.html`,
  lambdaAuthorizer: `${APIGW}/apigateway-use-lambda-authorizer.html`,
  cognitoAuthorizer: `${APIGW}/apigateway-integrate-with-cognito.html`,
  cognitoClaims: `${APIGW}/apigateway-enable-cognito-user-pool.html`,
  apiKeys: `${APIGW}/api-gateway-api-usage-plans.html`,
  resourcePolicies: `${APIGW}/apigateway-resource-policies.html`,
  mockIntegration: `${APIGW}/how-to-mock-integration.html`,
  // The Conditions section's syntax is in the User Guide (the Template Reference has the functions).
  conditions: `${CFN_GUIDE}/conditions-section-structure.html`,
  sdkEndpoints: 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html',
  dynamicReferences: `${CFN_GUIDE}/dynamic-references-secretsmanager.html`,
} as const;

const NO_IAM =
  'no IAM locally: every function may call every emulated resource (test permissions in AWS; `cfn-lint` and `sam validate` check their shape)';
const NO_CLOUDWATCH = 'no CloudWatch locally: metrics are printed (summed with `--metrics`), never stored';
const TAGS = ignored('tags have no local effect');

const FUNCTION_PROPERTIES: Record<string, Rule> = {
  Handler: emulated(
    'the exported handler of the esbuild bundle, or of the module under CodeUri (`.js`, `.mjs`, `.cjs`) of a function with no BuildMethod, loaded in a worker thread',
    DOCS.nodejsHandler,
  ),
  CodeUri: emulated(
    'the folder the esbuild bundle is built from, as `sam build` does; with no BuildMethod, the code that runs in place',
  ),
  // Its `how` is the start-up error of a function that has it (lambda/plain-code.ts).
  InlineCode: ignored(
    'not run: sam-local runs code from CodeUri, built or in place (the function fails to start)',
  ),
  Runtime: approximated(
    "runs in this machine's Node.js, not the declared runtime (match them: nvm, .nvmrc)",
    DOCS.executionEnvironment,
  ),
  Architectures: ignored("runs on this machine's CPU architecture"),
  MemorySize: approximated(
    "each worker's heap limit; CPU is not scaled with memory as Lambda scales it",
    DOCS.executionEnvironment,
  ),
  Timeout: emulated(
    'an invocation past it fails (through the API, a 502 as in AWS)',
    DOCS.executionEnvironment,
  ),
  Environment: emulated(
    'Globals merged, intrinsics resolved, names of emulated resources; env.json for the rest',
    DOCS.lambdaEnv,
  ),
  Events: emulated('each event source by its Type (see "Event sources")'),
  FunctionName: emulated('AWS_LAMBDA_FUNCTION_NAME and the log group name'),
  ReservedConcurrentExecutions: approximated(
    'the most workers (concurrent invocations) the function gets; default 4 when unset',
    DOCS.reservedConcurrency,
  ),
  // Its `how` is the start-up note naming a template's policy templates (sam/transform.ts).
  Policies: ignored(
    'no IAM locally: SAM policy templates (`DynamoDBCrudPolicy`, ...), managed policies and statements grant and restrict nothing, every function may call every emulated resource (test permissions in AWS; `cfn-lint` and `sam validate` check their shape)',
    DOCS.policyTemplates,
  ),
  Role: ignored(NO_IAM),
  AutoPublishAlias: approximated(
    'no version is published: an integration or authorizer naming the alias (`<Function>Alias<Name>`, `<Function>.Alias`) is served by the function, with its latest code',
    DOCS.autoPublishAlias,
  ),
  DeploymentPreference: ignored(
    'no CodeDeploy: no traffic shifting, no pre-traffic hook, no alarm rollback; a canary exists only in AWS',
    DOCS.gradualDeployment,
  ),
  Tracing: ignored('no X-Ray: Powertools Tracer stays off', DOCS.tracing),
  LoggingConfig: approximated(
    'function logs go to this terminal (Powertools JSON lines made readable; raw with `--json-logs`), not CloudWatch Logs',
  ),
  Description: ignored('documentation only'),
  Layers: ignored('layers are not unpacked: a bundle must contain what it imports'),
  VpcConfig: ignored('no VPC locally'),
  ProvisionedConcurrencyConfig: ignored('workers start on the first invocation (a cold start each)'),
  DeadLetterQueue: ignored('asynchronous invocations are not emulated'),
  EventInvokeConfig: ignored('asynchronous invocations are not emulated'),
  FunctionUrlConfig: ignored('function URLs are not served'),
  EphemeralStorage: ignored('`/tmp` is this machine’s'),
  KmsKeyArn: ignored('no KMS locally'),
  Tags: TAGS,
};

/** A function's `Metadata.BuildMethod`, by value (explain lists it with the properties). */
const FUNCTION_BUILDS = {
  esbuild: emulated(
    'bundled by esbuild with its BuildProperties, as `sam build` does (cached; rebuilt on a saved edit)',
    DOCS.esbuild,
  ),
  none: approximated(
    "the code under CodeUri runs in place with its node_modules, as Lambda runs the unzipped package; the AWS SDK the Node.js runtime provides is not: `@aws-sdk/*` resolves from CodeUri's node_modules or a parent folder's",
    DOCS.nodejsRuntimeSdk,
  ),
} satisfies Record<string, Rule>;

/** Parts of SAM's `Auth` (on an API, or on an Api event) that have no local effect; named at start. */
const AUTH_NOT_EMULATED = {
  ApiKeyRequired: ignored('no API keys locally: the operation is served without one', DOCS.apiKeys),
  UsagePlan: ignored('no usage plans locally: no API keys, quotas or throttling', DOCS.apiKeys),
  ResourcePolicy: ignored(
    'no resource policies locally: every caller reaches the API',
    DOCS.resourcePolicies,
  ),
} satisfies Record<string, Rule>;

const API_PROPERTIES: Record<string, Rule> = {
  DefinitionBody: emulated('the REST API served on --port from the definition (see "API definition")'),
  DefinitionUri: approximated(
    'checked by the import check (a local file); the API is served from DefinitionBody',
  ),
  StageName: approximated(
    'the API is served at the root, as behind a custom domain; `requestContext.path` and .stage carry the stage',
  ),
  OpenApiVersion: ignored('the definition is served as written'),
  MethodSettings: ignored('no throttling, caching or metrics settings locally', DOCS.throttling),
  TracingEnabled: ignored('no X-Ray locally', DOCS.tracing),
  BinaryMediaTypes: emulated('bodies of these types reach the function base64-encoded', DOCS.binaryMedia),
  Auth: ignored(
    "on an API with its own DefinitionBody, SAM's Auth is not applied (SAM adds it to the definition): the definition's own security schemes are what is served",
    DOCS.samApiAuth,
  ),
  Cors: ignored(
    "on an API with its own DefinitionBody, SAM's Cors is not applied (SAM adds OPTIONS methods to the definition): the definition's own OPTIONS methods are what is served",
    DOCS.samApiCors,
  ),
  GatewayResponses: ignored(
    "SAM's GatewayResponses is not applied: the definition's x-amazon-apigateway-gateway-responses are",
  ),
  EndpointConfiguration: ignored('one local endpoint'),
  Domain: ignored('served on 127.0.0.1 on `--port`'),
  CacheClusterEnabled: ignored('no API cache locally'),
  AccessLogSetting: approximated('one line per request in this terminal, in its own format'),
  Variables: ignored('no stage variables locally: `$stageVariables` render as nothing'),
  Tags: TAGS,
};

/**
 * The properties of an AWS::Serverless::Api whose definition SAM generates from the functions' Api
 * events (sam/implicit-api.ts: the implicit ServerlessRestApi, or one without DefinitionBody and
 * DefinitionUri), where they differ from API_PROPERTIES; `Globals.Api` is merged in.
 */
const GENERATED_API_PROPERTIES = {
  Auth: emulated(
    'Authorizers (Lambda TOKEN and REQUEST, Cognito `UserPoolArn`, AWS_IAM) become security schemes; DefaultAuthorizer on every operation whose event names none, and on the CORS preflights unless AddDefaultAuthorizerToCorsPreflight is false; AuthorizationScopes',
    DOCS.samApiAuth,
  ),
  'Auth.ApiKeyRequired': AUTH_NOT_EMULATED.ApiKeyRequired,
  'Auth.UsagePlan': AUTH_NOT_EMULATED.UsagePlan,
  'Auth.ResourcePolicy': AUTH_NOT_EMULATED.ResourcePolicy,
  Cors: emulated(
    'an OPTIONS mock on every path answering the Access-Control-Allow-* headers (AllowMethods defaults to what SAM writes: the path’s methods and OPTIONS); the functions add their own CORS headers, as behind a Lambda proxy',
    DOCS.samApiCors,
  ),
} satisfies Record<string, Rule>;

const REST_API_PROPERTIES: Record<string, Rule> = {
  Body: emulated('the REST API served on --port from the definition (see "API definition")'),
  BodyS3Location: approximated('checked by the import check (a local path); the API is served from Body'),
  Name: ignored('names only the deployed API'),
  BinaryMediaTypes: API_PROPERTIES.BinaryMediaTypes as Rule,
  EndpointConfiguration: ignored('one local endpoint'),
  Policy: ignored('no resource policies locally'),
  Tags: TAGS,
};

/** An SQS event's properties, which an AWS::Lambda::EventSourceMapping has under the same names. */
const SQS_MAPPING_PROPERTIES = {
  BatchSize: emulated('the most records per batch (default 10)'),
  MaximumBatchingWindowInSeconds: emulated('how long a batch is gathered'),
  FunctionResponseTypes: emulated(
    'ReportBatchItemFailures: only the failed records return to the queue',
    DOCS.sqsBatchFailures,
  ),
  ScalingConfig: approximated(
    'MaximumConcurrency caps concurrent invocations (two when unset, where Lambda starts with five and scales with the backlog), and never beyond the function’s workers',
    DOCS.sqsScaling,
  ),
  Enabled: emulated('false: not polled'),
  FilterCriteria: ignored('every message is delivered: filters are not applied'),
} satisfies Record<string, Rule>;

export const RULES = {
  resources: {
    'AWS::Serverless::Function': {
      rule: emulated(
        'built by esbuild as `sam build` does (or, with no BuildMethod, run in place from CodeUri), in worker threads (one invocation each)',
      ),
      properties: FUNCTION_PROPERTIES,
    },
    'AWS::Serverless::Api': {
      rule: emulated(
        'served on --port from its definition, or from the one SAM generates from the functions’ Api events when it has none (one REST API per template; others are named)',
        DOCS.samApi,
      ),
      properties: API_PROPERTIES,
    },
    'AWS::ApiGateway::RestApi': {
      rule: emulated('served on --port from its Body (one REST API per template; others are named)'),
      properties: REST_API_PROPERTIES,
    },
    'AWS::DynamoDB::Table': {
      rule: emulated('a table in dynalite (LevelDB on disk)'),
      properties: {
        TableName: emulated('the physical name'),
        AttributeDefinitions: emulated('passed to CreateTable'),
        KeySchema: emulated('passed to CreateTable'),
        BillingMode: emulated('passed to CreateTable (capacity is not enforced)'),
        ProvisionedThroughput: approximated('passed to CreateTable; no throttling locally'),
        GlobalSecondaryIndexes: emulated('created with the table (a later change needs --fresh)'),
        LocalSecondaryIndexes: emulated('created with the table'),
        StreamSpecification: approximated('the stream is enabled in dynalite; no event source reads it'),
        TimeToLiveSpecification: ignored(
          'items do not expire: dynalite lacks UpdateTimeToLive (a reader must check the expiry itself)',
          DOCS.dynamoTtl,
        ),
        PointInTimeRecoverySpecification: ignored('no backups locally'),
        SSESpecification: ignored('no encryption at rest locally'),
        DeletionProtectionEnabled: ignored('the data folder is deleted with --fresh'),
        ContributorInsightsSpecification: ignored(NO_CLOUDWATCH),
        Tags: TAGS,
      },
    },
    'AWS::Serverless::SimpleTable': {
      rule: emulated(
        'a DynamoDB table of the same logical id (`!Ref` gives its name), as SAM transforms it',
        DOCS.simpleTable,
      ),
      properties: {
        PrimaryKey: emulated('the hash key (default `id` of type String)'),
        ProvisionedThroughput: approximated(
          'passed to CreateTable (on demand when unset); no throttling locally',
        ),
        TableName: emulated('the physical name'),
        SSESpecification: ignored('no encryption at rest locally'),
        PointInTimeRecoverySpecification: ignored('no backups locally'),
        Tags: TAGS,
      },
    },
    'AWS::Lambda::EventSourceMapping': {
      rule: emulated(
        "on an SQS queue of the template, polled as a function's SQS event is (the same properties); on any other source, named at start and never polled",
        DOCS.eventSourceMapping,
      ),
      properties: {
        EventSourceArn: emulated('a queue of the template (its Arn)'),
        FunctionName: emulated('a function of the template (`!Ref`, or `!GetAtt .Arn`)'),
        ...SQS_MAPPING_PROPERTIES,
      },
    },
    'AWS::SQS::Queue': {
      rule: emulated('a queue in fauxqs, written to the data folder before each change is answered'),
      properties: {
        QueueName: emulated('the physical name'),
        FifoQueue: emulated('a FIFO queue'),
        VisibilityTimeout: approximated(
          'applied; `--sqs-visibility-timeout` overrides every queue locally for faster retries',
        ),
        RedrivePolicy: emulated('messages reach the DLQ after maxReceiveCount receives'),
        DelaySeconds: emulated('passed to CreateQueue'),
        MaximumMessageSize: emulated('passed to CreateQueue'),
        MessageRetentionPeriod: emulated('passed to CreateQueue'),
        ReceiveMessageWaitTimeSeconds: emulated('passed to CreateQueue'),
        ContentBasedDeduplication: emulated('passed to CreateQueue'),
        DeduplicationScope: emulated('passed to CreateQueue'),
        FifoThroughputLimit: emulated('passed to CreateQueue'),
        SqsManagedSseEnabled: ignored('no encryption at rest locally'),
        KmsMasterKeyId: ignored('no KMS locally'),
        Tags: TAGS,
      },
    },
    'AWS::S3::Bucket': {
      rule: emulated('a bucket in fauxqs, each object on disk before its PUT is answered'),
      properties: {
        BucketName: emulated('the physical name'),
        BucketEncryption: ignored('no encryption at rest locally', DOCS.s3Encryption),
        LifecycleConfiguration: ignored(
          'lifecycle rules are not applied: objects never expire or change storage class',
          DOCS.s3Lifecycle,
        ),
        VersioningConfiguration: ignored('no object versions locally'),
        NotificationConfiguration: ignored('no S3 event notifications locally'),
        OwnershipControls: ignored('no ACLs locally'),
        PublicAccessBlockConfiguration: ignored('no access control locally'),
        CorsConfiguration: emulated(
          'sent as PutBucketCors at start: preflights answered and CORS headers added from its rules (src/emulators/s3-post.ts)',
          DOCS.s3Cors,
        ),
        Tags: TAGS,
      },
    },
    'AWS::Cognito::UserPool': {
      rule: approximated(
        'a user pool in cognito-local (see the cognito-local rows of "Everywhere")',
        DOCS.cognitoTokens,
      ),
      properties: {
        UserPoolName: emulated('the pool name (its id stays the same across restarts)'),
        UsernameAttributes: emulated('passed to cognito-local'),
        AliasAttributes: emulated('passed to cognito-local'),
        AutoVerifiedAttributes: emulated('passed to cognito-local; codes are printed, not sent'),
        Schema: emulated('passed to cognito-local'),
        UsernameConfiguration: emulated('passed to cognito-local'),
        Policies: ignored(
          'passed to cognito-local, which does not enforce the password policy',
          DOCS.cognitoPasswordPolicy,
        ),
        AccountRecoverySetting: approximated('passed to cognito-local; codes are printed, not sent'),
        AdminCreateUserConfig: approximated('passed to cognito-local'),
        MfaConfiguration: ignored('cognito-local has no MFA flow'),
        UserAttributeUpdateSettings: approximated('passed to cognito-local'),
        VerificationMessageTemplate: ignored('no email is sent: the code is printed'),
        EmailConfiguration: ignored('no email is sent: the code is printed'),
        LambdaConfig: ignored('Cognito triggers are not invoked locally'),
        UserPoolTags: TAGS,
      },
    },
    'AWS::Cognito::UserPoolClient': {
      rule: emulated('an app client in cognito-local'),
      properties: {
        UserPoolId: emulated('its pool'),
        ClientName: emulated('the client name (its id stays the same across restarts)'),
        ExplicitAuthFlows: emulated('passed to cognito-local'),
        GenerateSecret: emulated('passed to cognito-local'),
        PreventUserExistenceErrors: emulated('passed to cognito-local'),
        EnableTokenRevocation: emulated('passed to cognito-local'),
        AccessTokenValidity: approximated(
          'token lifetime; cognito-local issues 24 h tokens when it is unset, where Cognito defaults to 1 h',
          DOCS.userPoolClientType,
        ),
        IdTokenValidity: approximated(
          'token lifetime; cognito-local issues 24 h tokens when it is unset, where Cognito defaults to 1 h',
          DOCS.userPoolClientType,
        ),
        RefreshTokenValidity: emulated('token lifetime'),
        TokenValidityUnits: emulated('units of the lifetimes'),
        ReadAttributes: emulated('passed to cognito-local'),
        WriteAttributes: emulated('passed to cognito-local'),
        AllowedOAuthFlows: ignored('no hosted UI or OAuth endpoints locally'),
        AllowedOAuthScopes: ignored('no hosted UI or OAuth endpoints locally'),
        AllowedOAuthFlowsUserPoolClient: ignored('no hosted UI or OAuth endpoints locally'),
        CallbackURLs: ignored('no hosted UI or OAuth endpoints locally'),
        LogoutURLs: ignored('no hosted UI or OAuth endpoints locally'),
        SupportedIdentityProviders: ignored('no federation locally'),
      },
    },
    'AWS::Cognito::UserPoolGroup': {
      rule: emulated('a group in cognito-local; the seeded admin is put in every group'),
      properties: {
        UserPoolId: emulated('its pool'),
        GroupName: emulated('the group name (in the tokens’ cognito:groups)'),
        Description: emulated('passed to cognito-local'),
        Precedence: emulated('passed to cognito-local'),
        RoleArn: ignored(NO_IAM),
      },
    },
    'AWS::SecretsManager::Secret': {
      rule: approximated(
        'a secret in the built-in emulator (see "Secrets Manager emulator" under "Everywhere")',
      ),
      properties: {
        Name: emulated('the physical name'),
        Description: emulated('kept with the secret'),
        SecretString: emulated('the value'),
        GenerateSecretString: emulated('a value made once and kept in the data folder'),
        KmsKeyId: ignored('no KMS locally: values are kept in plain text in the data folder'),
        ReplicaRegions: ignored('one region locally'),
        Tags: TAGS,
      },
    },
    'AWS::Lambda::Permission': {
      rule: ignored('the local API may always invoke the functions'),
      properties: {},
    },
    'AWS::Logs::LogGroup': { rule: ignored('function logs go to this terminal'), properties: {} },
    'AWS::S3::BucketPolicy': { rule: ignored('no S3 bucket policies locally'), properties: {} },
    'AWS::SQS::QueuePolicy': { rule: ignored('no SQS queue policies locally'), properties: {} },
    'AWS::IAM::Role': { rule: ignored(NO_IAM), properties: {} },
    'AWS::IAM::Policy': { rule: ignored(NO_IAM), properties: {} },
    'AWS::IAM::ManagedPolicy': { rule: ignored(NO_IAM), properties: {} },
    'AWS::CloudWatch::Alarm': { rule: ignored('no CloudWatch locally: alarms never fire'), properties: {} },
    'AWS::CloudWatch::Dashboard': { rule: ignored(NO_CLOUDWATCH), properties: {} },
    'AWS::SNS::Topic': { rule: ignored('no SNS locally; alarms do not run either'), properties: {} },
    'AWS::SNS::Subscription': { rule: ignored('no SNS locally; alarms do not run either'), properties: {} },
  } satisfies Record<string, TypeRules>,

  /** A function's `Metadata.BuildMethod` by value (`none`: not set); any other value fails its start. */
  functionBuilds: FUNCTION_BUILDS,

  /**
   * The properties of an AWS::Serverless::Api whose definition SAM generates from Api events, where
   * they differ from RULES.resources['AWS::Serverless::Api']; `Auth.<key>` is a key of its Auth.
   */
  generatedApi: GENERATED_API_PROPERTIES,

  /** Function `Events` by their Type. */
  eventSources: {
    SQS: {
      rule: emulated('polled; the function gets real SQS batch events', DOCS.sqsEventSource),
      properties: { Queue: emulated('a queue of the template (its Arn)'), ...SQS_MAPPING_PROPERTIES },
    },
    Api: {
      rule: emulated(
        'an operation (a Lambda proxy integration) of the REST API SAM generates: the implicit ServerlessRestApi (stage Prod) without RestApiId, else the named AWS::Serverless::Api without a definition; an API with its own definition must hold the operation itself, as in SAM',
        DOCS.samApiEvent,
      ),
      properties: {
        Path: emulated('the resource path; `{id}` and `{proxy+}` path parameters'),
        Method: emulated('the HTTP method; ANY is every method'),
        RestApiId: emulated(
          'an AWS::Serverless::Api of the template (without a definition: its operation is added)',
        ),
        Auth: emulated(
          "Authorizer (one of the API's Authorizers, AWS_IAM, or NONE to opt out of the DefaultAuthorizer) and AuthorizationScopes",
          DOCS.samApiEventAuth,
        ),
        'Auth.ApiKeyRequired': AUTH_NOT_EMULATED.ApiKeyRequired,
        'Auth.ResourcePolicy': AUTH_NOT_EMULATED.ResourcePolicy,
        RequestModel: ignored('no request validator is generated: bodies are not validated'),
        RequestParameters: ignored('no request validator is generated: parameters are not required'),
        TimeoutInMillis: ignored('the 29 s limit applies'),
      },
    },
  } satisfies Record<string, TypeRules>,

  /** The REST API definition's features, as explain detects them (explain/api-features.ts). */
  apiFeatures: {
    'integration aws_proxy': emulated(
      'the function gets a v1 proxy event (`requestContext.operationName` too); its result is checked as API Gateway checks it',
      DOCS.proxyOutput,
    ),
    'integration mock': approximated(
      "answers the integration's default response: its status, static header values and first template, with no VTL",
      DOCS.mockIntegration,
    ),
    'integration (other types)': ignored('HTTP and AWS service integrations are not served (named at start)'),
    'integration timeoutInMillis': emulated(
      "the limit of the call, at most 29 s, API Gateway's default quota (a quota AWS raised for a Regional or private API is not applied locally); 504 INTEGRATION_TIMEOUT",
      DOCS.apiQuotas,
    ),
    'x-amazon-apigateway-any-method': emulated('every method of the resource'),
    'greedy path {proxy+}': emulated('matches the rest of the path'),
    'Lambda TOKEN authorizer': emulated(
      'runs the authorizer function; its policy evaluated against the method ARN; its context in `requestContext.authorizer`; results cached per token for authorizerResultTtlInSeconds',
      DOCS.lambdaAuthorizer,
    ),
    'Lambda REQUEST authorizer': approximated(
      'runs the authorizer function with the request; identity sources from headers and query strings only',
      DOCS.lambdaAuthorizer,
    ),
    'COGNITO_USER_POOLS authorizer': emulated(
      'the token in its identity source header verified against the local pool (aws-jwt-verify, its JWKS): an ID token without method scopes, an access token holding one of them with; any app client of the pool; 401 otherwise',
      DOCS.cognitoAuthorizer,
    ),
    'COGNITO_USER_POOLS claims': approximated(
      "`requestContext.authorizer.claims` holds the token's claims as text (`exp` as its digits, lists space-separated); API Gateway's own formatting of some claims may differ",
      DOCS.cognitoClaims,
    ),
    'AWS_IAM authorization': ignored('no SigV4 checks locally (named at start)'),
    'API key (x-api-key)': ignored('no API keys or usage plans locally'),
    'document-level security': emulated(
      'ignored, as API Gateway ignores it (the import check refuses a definition relying on it)',
      AWS_DOCS.restImportNotes,
    ),
    'request validator: parameters': emulated(
      'required path, query and header parameters present and non-blank; their schemas are not enforced',
      AWS_DOCS.requestValidation,
    ),
    'request validator: body': approximated(
      "JSON bodies against the operation's draft-4 model without the keywords API Gateway's models do not support; `format` is not checked",
      AWS_DOCS.requestValidation,
    ),
    'response schemas': approximated(
      "API Gateway does not validate responses (request validation is the only validation it does); sam-local checks each function's response against the schema for its status and prints a warning (`--strict-responses`: a 502): a development aid",
      AWS_DOCS.requestValidation,
    ),
    'x-amazon-apigateway-gateway-responses': approximated(
      'templates rendered by plain substitution of the documented $context variables; `$stageVariables` render as nothing; header values from `method.request.*` are not sent (static values are)',
      AWS_DOCS.gatewayResponses,
    ),
    'x-amazon-apigateway-binary-media-types': emulated(
      'bodies of these types reach the function base64-encoded',
      DOCS.binaryMedia,
    ),
    'x-amazon-apigateway-policy': ignored('no resource policies locally'),
    'x-amazon-apigateway-api-key-source': ignored('no API keys or usage plans locally'),
    'x-amazon-apigateway-minimum-compression-size': ignored('responses are not compressed locally'),
    'x-amazon-apigateway-endpoint-configuration': ignored('one local endpoint'),
    'x-amazon-apigateway-documentation': ignored('documentation only'),
  } satisfies Record<string, Rule>,

  /** Gateway response types (GATEWAY_RESPONSE_TYPES): which ones the local gateway ever answers. */
  gatewayResponses: {
    ACCESS_DENIED: emulated("the authorizer's policy denies the method ARN"),
    API_CONFIGURATION_ERROR: ignored('never produced locally'),
    AUTHORIZER_CONFIGURATION_ERROR: emulated("the authorizer's result is not a valid policy"),
    AUTHORIZER_FAILURE: emulated('the authorizer function failed'),
    BAD_REQUEST_BODY: emulated('the body validator refused the body'),
    BAD_REQUEST_PARAMETERS: emulated('the parameter validator found a required parameter missing'),
    DEFAULT_4XX: emulated('the fallback of every 4XX type not customized'),
    DEFAULT_5XX: emulated('the fallback of every 5XX type not customized; a failed function is 502'),
    EXPIRED_TOKEN: ignored('never produced locally (no SigV4)'),
    INTEGRATION_FAILURE: ignored('never produced locally: a failed function is DEFAULT_5XX 502, as in AWS'),
    INTEGRATION_TIMEOUT: emulated('a call past its limit (29 s at most); the function runs on'),
    INVALID_API_KEY: ignored('never produced locally (no API keys)'),
    INVALID_SIGNATURE: ignored('never produced locally (no SigV4)'),
    MISSING_AUTHENTICATION_TOKEN: emulated('no such resource or method'),
    QUOTA_EXCEEDED: ignored('never produced locally (no usage plans)'),
    REQUEST_TOO_LARGE: emulated(
      'a body over 10 MB; a customization is not applied, as AWS does not apply it',
      AWS_DOCS.restImportNotes,
    ),
    RESOURCE_NOT_FOUND: ignored('never produced locally'),
    THROTTLED: ignored('never produced locally (no throttling)', DOCS.throttling),
    UNAUTHORIZED: emulated(
      'no token, a token the identity validation refuses, or the authorizer says Unauthorized',
    ),
    UNSUPPORTED_MEDIA_TYPE: ignored('never produced locally'),
    WAF_FILTERED: ignored('never produced locally (no WAF)'),
  } satisfies Record<ResponseType, Rule>,

  /** Differences every app has, whatever its template uses. */
  general: {
    'Workers are execution environments': approximated(
      'each worker runs one invocation at a time, as in Lambda (module-level state relies on it); concurrent calls start more workers on demand, a cold start each, up to `ReservedConcurrentExecutions` (default 4), and wait beyond it',
      DOCS.executionEnvironment,
    ),
    'API timeouts': emulated(
      'an API call still running after 29 s gets 504 INTEGRATION_TIMEOUT while the function runs on to its own Timeout',
      DOCS.apiQuotas,
    ),
    IAM: ignored(
      `${NO_IAM}; \`!GetAtt <Function>Role.Arn\` (the role SAM generates) resolves to a local ARN`,
    ),
    'X-Ray, CloudWatch Logs, metrics, alarms, dashboards': ignored(
      'not emulated: logs and EMF metric lines are printed (summed with `--metrics`), nothing is stored or queryable; Powertools Tracer is off',
    ),
    'Event sources other than SQS and Api': ignored(
      'a function event of another Type (Schedule, S3, SNS, DynamoDB streams, ...), or an EventSourceMapping on another source, is named at start and never fires',
    ),
    'API Gateway throttling and usage plans': ignored(
      'no throttling, quotas or API keys locally',
      DOCS.throttling,
    ),
    'One REST API per template': approximated(
      'the first REST API with a definition (its own, or one SAM generates from Api events; the implicit ServerlessRestApi comes last) is served on --port; the others are named in a warning',
    ),
    'Definitions SAM generates': approximated(
      "a definition generated from Api events is SAM's (written by hand after SAM's translator: no JavaScript library implements SAM's transform), not the project's: the import check does not check it",
      DOCS.samApiEvent,
    ),
    'Stage in the URL': approximated(
      'the API is served at the root (`http://127.0.0.1:3000/health`), as behind a custom domain; in AWS the default URL carries the stage; `requestContext.path` still carries it, and the stack outputs give the local root URL',
    ),
    'Gateway response variables AWS does not document': approximated(
      'a template variable AWS does not document (e.g. `$context.error.statusCode`) renders as nothing (the import check refuses such templates)',
      AWS_DOCS.contextVariables,
    ),
    'The import check': approximated(
      'checks what AWS documents about OpenAPI import (its rules cite the pages), not everything the importer does: an undocumented refusal still shows only at deploy',
      AWS_DOCS.importErrorsWarnings,
    ),
    'Response validation': approximated(
      'API Gateway does not validate responses; sam-local warns on a response its schema refuses (a 502 with `--strict-responses`): a development aid, not AWS behaviour',
      AWS_DOCS.requestValidation,
    ),
    'cognito-local tokens': approximated(
      'the issuer is `http://127.0.0.1:<port>/<poolId>` (functions get `COGNITO_ISSUER_BASE_URL` so an authorizer can accept it)',
      DOCS.cognitoTokens,
    ),
    'cognito-local signing key': ignored(
      'tokens are signed with a key published in its npm package, so anyone can mint a valid local token: the local stack is for development, not a security boundary',
    ),
    'cognito-local wrong password': approximated(
      'answered with InvalidPasswordException where Cognito says NotAuthorizedException',
    ),
    'cognito-local disabled users and resent codes': emulated(
      'sam-local refuses sign-in and refresh for a disabled user and adds ResendConfirmationCode (the new code printed like the first), as Cognito does',
    ),
    'cognito-local attempt limits': ignored(
      'no temporary lock-out after failed sign-ins and no TooManyRequestsException: test a client’s handling of them with mocks',
      DOCS.cognitoLockout,
    ),
    'dynalite API gaps': ignored(
      'dynalite lacks TransactWriteItems, UpdateTimeToLive and ReturnValuesOnConditionCheckFailure',
    ),
    'Presigned URLs': ignored('no emulator checks presigned-URL signatures or expiry', DOCS.s3Presigned),
    'S3 presigned POST (browser form uploads)': approximated(
      'sam-local adds POST Object to fauxqs: the policy is enforced as S3 does (expiration, conditions, extra fields, content-length-range), its signature and credential are not checked, and the form is read whole into memory',
      DOCS.s3PostPolicy,
    ),
    'Secrets Manager emulator': approximated(
      'GetSecretValue, CreateSecret, PutSecretValue, GetRandomPassword only: no rotation, KMS, resource policies, binary secrets or versions other than the current one; values in plain text in the data folder',
    ),
    '`{{resolve:secretsmanager:...}}` references': ignored(
      'dynamic references in a template are not resolved from the emulator: their values come from the env-vars file',
      DOCS.dynamicReferences,
    ),
    'Physical names and account id': approximated(
      '`<stack>-<LogicalId>` (buckets lower-cased), stable across restarts, where CloudFormation adds random suffixes; account `123456789012` in ARNs sam-local builds (fauxqs uses `000000000000` in queue ARNs)',
    ),
    'AWS CLI v1 and SQS': approximated(
      'AWS CLI v1 forces its own SQS endpoint: pass `--endpoint-url $AWS_ENDPOINT_URL_SQS` (v2 and the SDKs read `AWS_ENDPOINT_URL_*`)',
      DOCS.sdkEndpoints,
    ),
    'Stack outputs': approximated(
      'outputs that cannot be resolved locally (naming a resource not emulated, a `{{resolve:...}}` reference) are left out, each with a warning; an output whose Condition is false does not exist',
    ),
    Conditions: emulated(
      'evaluated from the parameters as CloudFormation does (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`; `Fn::If` and `AWS::NoValue` in values); one that cannot be evaluated stops the start',
      DOCS.conditions,
    ),
    'Hot reload': approximated(
      'a saved source edit is rebuilt and live on the next request; a template change needs a restart',
    ),
    '`--static` files': ignored(
      'a development convenience on the API’s port, not API Gateway: deployed, such files are served from elsewhere',
    ),
    '`--fault` and `--sqs-visibility-timeout`': ignored(
      'local-only knobs: nothing like them can be switched on in a deployed stage',
    ),
  } satisfies Record<string, Rule>,
} as const;

/** A rule's text without its Markdown code marks (the README keeps them; a terminal does not need them). */
export const plain = (text: string) => text.replace(/`/g, '');

/** The rule of a resource type (a type not in the table is ignored). */
export function resourceRule(type: string): Rule {
  return (
    (RULES.resources as Record<string, TypeRules>)[type]?.rule ??
    ignored('not emulated: references to it resolve only through env.json')
  );
}

/** The rule of a function's `Metadata.BuildMethod` (undefined: none). */
export function buildRule(method: string | undefined): Rule {
  return (
    (RULES.functionBuilds as Record<string, Rule>)[method ?? 'none'] ??
    ignored(
      `BuildMethod ${method} is not built: only esbuild is (the function fails to start, named at start)`,
    )
  );
}

/** The parts of SAM's `Auth` that have no local effect, by key, each named at start (sam/implicit-api.ts). */
export const AUTH_IGNORED: Readonly<Record<string, Rule>> = AUTH_NOT_EMULATED;

/** The rule of a property of a type or event source (one not in the table is ignored). */
export function propertyRule(table: Record<string, TypeRules>, type: string, property: string): Rule {
  return table[type]?.properties[property] ?? ignored('not read by sam-local: no local effect');
}
