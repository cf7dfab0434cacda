/**
 * The AWS API calls a set of test files can make: every `XCommand` each file (and each local module
 * it imports, transitively) takes from an AWS SDK client package, as the IAM action `prefix:X`. The
 * pipeline's test role must grant exactly these for the suite it runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** AWS SDK v3 client package -> IAM service prefix. */
const IAM_PREFIXES: Record<string, string> = {
  'client-cloudformation': 'cloudformation',
  'client-cognito-identity-provider': 'cognito-idp',
};

const IMPORT = /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g;

/** Every .ts file under `dir`. */
export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? typeScriptFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** `prefix:Action` for every SDK command reachable from `entries`; throws for a client it cannot map. */
export function awsCallsOf(entries: string[]): string[] {
  const calls = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, names = '', from = ''] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (from.startsWith('.')) {
        const target = resolve(dirname(file), from.replace(/\.js$/, '.ts'));
        if (existsSync(target)) visit(target);
        continue;
      }
      const client = /^@aws-sdk\/(client-[a-z0-9-]+)$/.exec(from)?.[1];
      if (!client) continue;
      const commands = names
        .split(',')
        .map((n) => n.trim().replace(/^type\s+/, ''))
        .filter((n) => n.endsWith('Command'));
      if (commands.length === 0) continue;
      const prefix = IAM_PREFIXES[client];
      if (!prefix)
        throw new Error(
          `${file}: add the IAM prefix of @aws-sdk/${client} to tests/delivery/lib/aws-calls.ts`,
        );
      for (const c of commands) calls.add(`${prefix}:${c.replace(/Command$/, '')}`);
    }
  };
  entries.forEach(visit);
  return [...calls].sort();
}
