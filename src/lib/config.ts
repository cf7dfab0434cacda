/**
 * Configuration comes from the environment that template.yaml (or the local stack) sets. A feature
 * declares each variable it reads once, as a Setting; a function reads its settings into one typed
 * object once per container (readConfig) and fails fast with a message naming every variable that
 * is missing or malformed. tests/delivery/function-settings.test.ts ties each function's settings to
 * the variables template.yaml declares for it.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Where a variable's value comes from in AWS:
 * - `template`: template.yaml declares it for the function (its own Environment or Globals);
 * - `lambda`: the Lambda runtime sets it (a reserved variable such as AWS_REGION,
 *   https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime);
 * - `local`: nothing sets it in AWS, where its fallback applies; the local stack sets it.
 */
export type SettingSource = 'template' | 'lambda' | 'local';

export interface Setting<T> {
  readonly variable: string;
  readonly source: SettingSource;
  /** For an integer: the range it must be in (the same as the template parameter that feeds it). */
  readonly bounds?: { min: number; max: number };
  /** The value for the raw variable, or a ConfigError naming the variable. */
  parse(raw: string | undefined): T;
}

export type Settings = Record<string, Setting<unknown>>;
export type Config<S extends Settings> = {
  readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never;
};

const blank = (raw: string | undefined): raw is undefined => raw === undefined || raw.trim() === '';

const WHO_SETS: Record<SettingSource, string> = {
  template: 'template.yaml sets it for this function',
  lambda: 'the Lambda runtime sets it',
  local: 'the local stack sets it',
};

function required(variable: string, source: SettingSource, raw: string | undefined): string {
  if (blank(raw))
    throw new ConfigError(`Missing required environment variable ${variable} (${WHO_SETS[source]})`);
  return raw;
}

/** A required text value. */
export function text(variable: string, source: SettingSource = 'template'): Setting<string> {
  return { variable, source, parse: (raw) => required(variable, source, raw) };
}

/** A text value with a fallback when unset (a `local` override, or a template default). */
export function optionalText(variable: string, fallback: string, source: SettingSource): Setting<string> {
  return { variable, source, parse: (raw) => (blank(raw) ? fallback : raw) };
}

/** A required integer within bounds (the template parameter that feeds it has the same bounds). */
export function integer(variable: string, bounds: { min: number; max: number }): Setting<number> {
  return {
    variable,
    source: 'template',
    bounds,
    parse(raw) {
      const value = Number(required(variable, 'template', raw));
      if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
        throw new ConfigError(
          `Environment variable ${variable} must be an integer from ${bounds.min} to ${bounds.max}, got "${raw}"`,
        );
      }
      return value;
    },
  };
}

/** Reads every setting, reporting all the bad ones at once. Call it once per container. */
export function readConfig<S extends Settings>(settings: S, env: NodeJS.ProcessEnv = process.env): Config<S> {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings)) {
    try {
      config[key] = setting.parse(env[setting.variable]);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return config as Config<S>;
}

/** The variables a group of settings reads. */
export const variablesOf = (settings: Settings): string[] => Object.values(settings).map((s) => s.variable);

/** Memoises a reader or a builder so it runs once per container, on first use. */
export function once<T>(read: () => T): () => T {
  let cached: { value: T } | undefined;
  return () => (cached ??= { value: read() }).value;
}

/**
 * Memoises an async builder (one that reads a secret from Secrets Manager): one read per container,
 * shared by every caller. A failed read is not kept: the next invocation tries again, so a passing
 * outage does not break the container for its whole life.
 */
export function onceAsync<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= read().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
