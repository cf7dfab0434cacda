/**
 * Cognito user pools: cognito-local in a child process, its state under <data>/cognito/.cognito.
 * It logs each confirmation code in a boxed block; we turn that block into one line naming the
 * user's email, so a developer (or a test) can confirm local accounts. ResendConfirmationCode, which
 * cognito-local lacks, is added to it, a disabled user is refused sign-in and refresh as in Cognito,
 * and its store writes whole files (see startCognitoLocal).
 */
import { mkdir, writeFile, access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { packageRoot } from '../package-root.js';
import { freePort } from '../ports.js';
import { spawnEmulator } from './child.js';
import type { RunningEmulator } from './dynalite.js';

// Resolved from this package's folder: the bundle bin/sam-local.js runs sits elsewhere.
const require = createRequire(join(packageRoot, 'package.json'));

export interface ConfirmationCode {
  email: string;
  code: string;
}

/** How our cognito-local child reports a code (its own sender prints a box; see startCognitoLocal). */
const CODE_LINE = 'CONFIRMATION_CODE ';

/**
 * The confirmation code in one line of cognito-local's output (pino JSON; the message is a boxen
 * box with `Username:`, `Destination:` and `Code:` lines), or undefined.
 */
export function confirmationCodeIn(line: string): ConfirmationCode | undefined {
  if (line.startsWith(CODE_LINE)) {
    const { destination, username, code } = JSON.parse(line.slice(CODE_LINE.length)) as Record<
      string,
      string
    >;
    const email = destination || username;
    return email && code ? { email, code } : undefined;
  }
  if (!line.includes('Confirmation Code Delivery')) return undefined;
  let message = line;
  try {
    const msg = (JSON.parse(line) as { msg?: unknown }).msg;
    if (typeof msg === 'string') message = msg;
  } catch {
    // not JSON: read the line as it is
  }
  const fields: Record<string, string> = {};
  for (const raw of stripVTControlCharacters(message).split('\n')) {
    const m = /^([A-Za-z ]+):\s+(.*)$/.exec(raw.replace(/[│╭╮╰╯─]/g, '').trim());
    if (m) fields[(m[1] as string).trim()] = (m[2] as string).trim();
  }
  const email = fields.Destination ?? fields.Username;
  return email && fields.Code ? { email, code: fields.Code } : undefined;
}

export async function startCognitoLocal(
  dataDir: string,
  onLine: (line: string) => void,
  debug = false,
  /** Chosen by the caller (cognito-local cannot listen on port 0: see below); default any free one. */
  chosenPort?: number,
): Promise<RunningEmulator & { port: number }> {
  const configDir = join(dataDir, '.cognito');
  await mkdir(configDir, { recursive: true });
  const configFile = join(configDir, 'config.json');
  // Email addresses as plain usernames (the app signs up with Username = email).
  const exists = await access(configFile).then(
    () => true,
    () => false,
  );
  if (!exists) await writeFile(configFile, JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }));
  // cognito-local puts its port in the token issuer before it listens, so it cannot use port 0.
  const port = chosenPort ?? (await freePort());
  // Its own start script logs through pino-pretty, whose asynchronous output can hold a line back in
  // a pipe: run its server with pino writing JSON synchronously, and report codes with one
  // synchronous line each (its console sender would log a boxen box).
  const cognitoDir = dirname(require.resolve('cognito-local/package.json'));
  const pino = require.resolve('pino', { paths: [cognitoDir] });
  const sender = join(cognitoDir, 'lib', 'services', 'messageDelivery', 'consoleMessageSender');
  const stormEngine = require.resolve('stormdb/src/engine/local', { paths: [cognitoDir] });
  const proc = spawnEmulator({
    name: 'cognito-local',
    code: [
      // cognito-local loads the whole AWS SDK v2 (every client) and the AWS Encryption SDK at
      // start, for Lambda triggers and a KMS-encrypted custom email sender, which the local stack
      // never configures: about half of its start-up. They load on first use instead.
      `const cognitoDir = ${JSON.stringify(cognitoDir)};`,
      'const onFirstUse = (request, exportsOf) => {',
      '  const file = require.resolve(request, { paths: [cognitoDir] });',
      '  let real;',
      '  const load = () => {',
      '    if (!real) { delete require.cache[file]; real = require(file); }',
      '    return real;',
      '  };',
      '  require.cache[file] = { id: file, filename: file, loaded: true, exports: exportsOf(load) };',
      '};',
      'const clientOnFirstUse = (load, name) => function (config) {',
      '  let client;',
      '  return new Proxy({}, { get: (_, key) => {',
      '    client = client || new (load()[name])(config);',
      "    return typeof client[key] === 'function' ? client[key].bind(client) : client[key];",
      '  } });',
      '};',
      "onFirstUse('aws-sdk', (load) => ({ Lambda: clientOnFirstUse(load, 'Lambda'), KMS: clientOnFirstUse(load, 'KMS') }));",
      "onFirstUse('@aws-crypto/client-node', (load) => ({",
      "  CommitmentPolicy: { REQUIRE_ENCRYPT_ALLOW_DECRYPT: 'REQUIRE_ENCRYPT_ALLOW_DECRYPT' },",
      '  buildClient: (policy) => ({ encrypt: (...args) => load().buildClient(policy).encrypt(...args) }),',
      '  get KmsKeyringNode() { return load().KmsKeyringNode; },',
      '}));',
      `const { ConsoleMessageSender } = require(${JSON.stringify(sender)});`,
      'ConsoleMessageSender.prototype.sendToConsole = (ctx, user, destination, message) => {',
      `  const line = ${JSON.stringify(CODE_LINE)} + JSON.stringify({ username: user.Username, destination, code: message.__code });`,
      "  require('node:fs').writeSync(1, line + '\\n');",
      '  return Promise.resolve();',
      '};',
      // cognito-local 5.3 lacks ResendConfirmationCode; add it to its target table, built from its
      // own services as its SignUp is (a new code, delivered and saved on the unconfirmed user).
      `const { Targets } = require(${JSON.stringify(join(cognitoDir, 'lib', 'targets', 'targets'))});`,
      `const errors = require(${JSON.stringify(join(cognitoDir, 'lib', 'errors'))});`,
      'Targets.ResendConfirmationCode = ({ cognito, messages, otp }) => async (ctx, req) => {',
      '  const userPool = await cognito.getUserPoolForClientId(ctx, req.ClientId);',
      '  const user = await userPool.getUserByUsername(ctx, req.Username);',
      '  if (!user) throw new errors.UserNotFoundError();',
      "  if (user.UserStatus === 'CONFIRMED') throw new errors.InvalidParameterError('User is already confirmed.');",
      "  const email = (user.Attributes || []).find((a) => a.Name === 'email');",
      "  const details = { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: email ? email.Value : user.Username };",
      '  const code = otp();',
      "  await messages.deliver(ctx, 'ResendCode', req.ClientId, userPool.options.Id, user, code, req.ClientMetadata, details);",
      '  await userPool.saveUser(ctx, { ...user, ConfirmationCode: code });',
      '  return { CodeDeliveryDetails: details };',
      '};',
      // cognito-local lets a disabled user sign in and refresh. Cognito does not: "A deactivated user
      // can't sign in" (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html).
      "for (const name of ['InitiateAuth', 'AdminInitiateAuth']) {",
      '  const original = Targets[name];',
      '  Targets[name] = (services) => {',
      '    const run = original(services);',
      '    return async (ctx, req) => {',
      "      const userPool = name === 'InitiateAuth'",
      '        ? await services.cognito.getUserPoolForClientId(ctx, req.ClientId)',
      '        : await services.cognito.getUserPool(ctx, req.UserPoolId);',
      '      const params = req.AuthParameters || {};',
      '      const user = params.REFRESH_TOKEN',
      '        ? await userPool.getUserByRefreshToken(ctx, params.REFRESH_TOKEN)',
      '        : params.USERNAME ? await userPool.getUserByUsername(ctx, params.USERNAME) : null;',
      "      if (user && user.Enabled === false) throw new errors.NotAuthorizedError('User is disabled.');",
      '      return run(ctx, req);',
      '    };',
      '  };',
      '}',
      // Its store (stormdb) rewrites each pool's JSON file in place, asynchronously: two saves can
      // interleave and a kill -9 mid-write leaves a truncated file that stops the next start. Write
      // whole files instead: synchronously (saves land in call order) to a temporary file, renamed.
      `const LocalEngine = require(${JSON.stringify(stormEngine)});`,
      'let writes = 0;',
      'LocalEngine.prototype.write = function (data) {',
      "  const fs = require('node:fs');",
      "  const tmp = this.path + '.' + process.pid + '.' + writes++ + '.tmp';",
      '  fs.writeFileSync(tmp, this.serialize(data));',
      '  fs.renameSync(tmp, this.path);',
      '  return this.async ? Promise.resolve() : null;',
      '};',
      `const pino = require(${JSON.stringify(pino)});`,
      `const { createDefaultServer } = require(${JSON.stringify(join(cognitoDir, 'lib', 'server'))});`,
      "const logger = pino({ level: process.env.DEBUG ? 'debug' : 'info' }, pino.destination({ fd: 1, sync: true }));",
      'createDefaultServer(logger)',
      '  .then((server) => server.start())',
      "  .then(() => console.log('Cognito Local running on port ' + process.env.PORT))",
      '  .catch((e) => { console.error(e); process.exit(1); });',
    ].join('\n'),
    cwd: dataDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FORCE_COLOR: '0', DEBUG: debug ? '1' : '' },
    onLine,
  });
  await proc.waitFor(/Cognito Local running on/);
  return { endpoint: `http://127.0.0.1:${port}`, port, stop: () => proc.stop() };
}
