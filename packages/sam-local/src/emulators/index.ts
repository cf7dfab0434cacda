/**
 * Starts, in parallel, an emulator for each service the template uses, unless the user already
 * named an endpoint for it (AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>: LocalStack, moto_server).
 */
import { join } from 'node:path';
import { configuredEndpoint, SERVICES, type Service } from '../aws.js';
import { confirmationCodeIn, startCognitoLocal, type ConfirmationCode } from './cognito-local.js';
import { startDynalite, type RunningEmulator } from './dynalite.js';
import { startFauxqs } from './fauxqs.js';
import { savedPorts } from './saved-ports.js';
import { startSecretsManager } from './secrets-manager.js';

export interface Emulators {
  endpoints: Partial<Record<Service, string>>;
  /** Which emulator answers each service we started. */
  names: Partial<Record<Service, string>>;
  /** Services answered by an endpoint the user configured. */
  external: Set<Service>;
  /** cognito-local's port (its tokens' issuer), when we started it. */
  cognitoPort?: number;
  stop(): Promise<void>;
}

export async function startEmulators(options: {
  used: ReadonlySet<Service>;
  dataDir: string;
  region: string;
  env: NodeJS.ProcessEnv;
  verbose: boolean;
  onCode(code: ConfirmationCode): void;
  onOutput(emulator: string, line: string): void;
}): Promise<Emulators> {
  const { used, dataDir } = options;
  const result: Emulators = { endpoints: {}, names: {}, external: new Set(), stop: () => Promise.resolve() };
  for (const s of SERVICES) {
    const configured = configuredEndpoint(s, options.env);
    if (configured && used.has(s)) {
      result.endpoints[s] = configured;
      result.external.add(s);
    }
  }
  const wanted = (s: Service) => used.has(s) && !result.external.has(s);
  const ports = await savedPorts(dataDir);
  const remember =
    <E extends RunningEmulator & { port: number }>(name: string) =>
    (e: E) =>
      // Losing the record costs only a port change at the next start: never fail a start for it.
      ports.remember(name, e.port).then(
        () => e,
        () => e,
      );

  const starts: Promise<RunningEmulator>[] = [];
  if (wanted('dynamodb')) {
    starts.push(
      ports
        .preferred('dynalite')
        .then((port) =>
          startDynalite(join(dataDir, 'dynamodb'), (l) => options.onOutput('dynalite', l), port),
        )
        .then(remember('dynalite'))
        .then((e) => {
          result.endpoints.dynamodb = e.endpoint;
          result.names.dynamodb = 'dynalite';
          return e;
        }),
    );
  }
  if (wanted('sqs') || wanted('s3')) {
    starts.push(
      ports
        .preferred('fauxqs')
        .then((port) => startFauxqs({ dataDir: join(dataDir, 'fauxqs'), region: options.region, port }))
        .then(remember('fauxqs'))
        .then((e) => {
          for (const s of ['sqs', 's3'] as const) {
            if (!wanted(s)) continue;
            result.endpoints[s] = e.endpoint;
            result.names[s] = 'fauxqs';
          }
          return e;
        }),
    );
  }
  if (wanted('cognito')) {
    starts.push(
      ports
        .chosen('cognito-local')
        .then((port) =>
          startCognitoLocal(
            join(dataDir, 'cognito'),
            (l) => {
              const found = confirmationCodeIn(l);
              if (found) options.onCode(found);
              else options.onOutput('cognito-local', l);
            },
            options.verbose,
            port,
          ),
        )
        .then(remember('cognito-local'))
        .then((e) => {
          result.endpoints.cognito = e.endpoint;
          result.cognitoPort = e.port;
          result.names.cognito = 'cognito-local';
          return e;
        }),
    );
  }

  if (wanted('secretsmanager')) {
    starts.push(
      ports
        .preferred('secrets-manager')
        .then((port) =>
          startSecretsManager({ dataDir: join(dataDir, 'secretsmanager'), region: options.region, port }),
        )
        .then(remember('secrets-manager'))
        .then((e) => {
          result.endpoints.secretsmanager = e.endpoint;
          result.names.secretsmanager = 'built in: sam-local src/emulators/secrets-manager.ts';
          return e;
        }),
    );
  }

  // Wait for all, so a failure still stops the ones that did start.
  const settled = await Promise.allSettled(starts);
  const running = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  result.stop = async () => {
    await Promise.all(running.map((e) => e.stop()));
  };
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await result.stop();
    throw failed.reason;
  }
  return result;
}
