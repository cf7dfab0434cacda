import { ConfigError, integerEnv, once, requireEnv } from '../../../src/lib/config.js';

describe('config from the environment', () => {
  it('fails fast naming the missing variable', () => {
    expect(() => requireEnv('JOBS_TABLE_NAME', {})).toThrow(ConfigError);
    expect(() => requireEnv('JOBS_TABLE_NAME', { JOBS_TABLE_NAME: '  ' })).toThrow(/JOBS_TABLE_NAME/);
    expect(requireEnv('JOBS_TABLE_NAME', { JOBS_TABLE_NAME: 'jobs' })).toBe('jobs');
  });

  it('refuses integers out of range or malformed, and uses the default when unset', () => {
    const bounds = { min: 60, max: 3600 };
    expect(integerEnv('TTL', 900, bounds, {})).toBe(900);
    expect(integerEnv('TTL', 900, bounds, { TTL: '120' })).toBe(120);
    expect(() => integerEnv('TTL', 900, bounds, { TTL: '12' })).toThrow(
      /TTL must be an integer from 60 to 3600/,
    );
    expect(() => integerEnv('TTL', 900, bounds, { TTL: '9e9x' })).toThrow(ConfigError);
  });

  it('reads once per container', () => {
    let reads = 0;
    const config = once(() => ++reads);
    expect([config(), config(), config()]).toEqual([1, 1, 1]);
  });
});
