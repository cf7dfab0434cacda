/**
 * The `sam-local` command: the SAM app of --template on one machine (see README.md). Ctrl-C (SIGINT)
 * or SIGTERM stops every server, worker and child process within 5 seconds. `sam-local lint-api`
 * runs the API Gateway import check alone; `sam-local explain` says what of the template is emulated.
 */
import { StartError } from '../errors.js';
import { flush } from '../log.js';
import type { LocalStack } from '../stack/index.js';
import { parseCli, USAGE } from './args.js';

const STOP_DEADLINE_MS = 4500;

async function main(): Promise<void> {
  if (process.argv[2] === 'lint-api') {
    const { lintApi } = await import('./lint-api.js');
    process.exitCode = lintApi(process.argv.slice(3));
    return;
  }
  if (process.argv[2] === 'explain') {
    const { explain } = await import('./explain.js');
    process.exitCode = explain(process.argv.slice(3));
    return;
  }
  // The SDK warns that it will need Node 22 from 2027: noise for a local tool (functions run on nodejs22.x).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let options;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  let stack: LocalStack | undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the local stack...`);
    setTimeout(() => {
      console.error('could not stop cleanly within 5 s; exiting');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    void (stack?.stop() ?? Promise.resolve()).then(() => {
      flush();
      console.log('stopped.');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  try {
    // Loaded after the arguments are checked: --help and a bad flag answer at once.
    const { startLocalStack } = await import('../stack/index.js');
    stack = await startLocalStack(options);
    if (stopping) await stack.stop();
  } catch (e) {
    flush();
    // Refusals the user acts on (port taken, data folder locked, a definition AWS would refuse, a
    // resource an emulator refuses) print as one message, without a stack trace.
    if (e instanceof StartError) console.error(`error: ${e.message}`);
    else console.error(`error: could not start the local stack: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  }
}

void main();
