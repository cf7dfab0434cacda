/** What a local stack is started with (the `sam-local` command line, parsed by cli/args.ts). */
import type { StaticSite } from '../static-site.js';

export interface StackOptions {
  templatePath: string;
  port: number;
  dataDir: string;
  /** Where function bundles are cached by the hash of their inputs (default: .local/cache beside the template). */
  cacheDir?: string;
  fresh: boolean;
  watch: boolean;
  envVarsPath?: string;
  parameterOverrides: Record<string, string>;
  region: string;
  stackName?: string;
  jsonLogs: boolean;
  /** Sum the functions' embedded metrics (EMF) and print them at exit. */
  metrics: boolean;
  verbose: boolean;
  sqsVisibilityTimeout?: number;
  adminEmail: string;
  /** Where to write the stack outputs once ready (besides <dataDir>/stack-outputs.json). */
  outputsFile?: string;
  /** Extra variables per function logical id ('*' = every function), from --function-env. */
  functionEnv: Record<string, Record<string, string>>;
  /** Failure rate (0..1) injected around each function's handler, by logical id, from --fault. */
  faults: Record<string, number>;
  /** A function response its operation's schema refuses is a 502 instead of a warning (--strict-responses). */
  strictResponses?: boolean;
  /** Static files served on the API's port, from --static and --static-config (static-site.ts). */
  staticSite?: StaticSite;
}
