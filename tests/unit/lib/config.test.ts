import {
  ConfigError,
  integer,
  once,
  optionalText,
  readConfig,
  text,
  variablesOf,
} from '../../../src/lib/config.js';

const settings = {
  table: text('JOBS_TABLE_NAME'),
  ttl: integer('TTL', { min: 60, max: 3600 }),
  issuer: optionalText('ISSUER', 'https://default.example', 'local'),
  region: text('AWS_REGION', 'lambda'),
};
const good = { JOBS_TABLE_NAME: 'jobs', TTL: '120', AWS_REGION: 'eu-west-1' };

describe('settings read from the environment', () => {
  it('reads every setting into one typed object, with fallbacks for the optional ones', () => {
    expect(readConfig(settings, good)).toEqual({
      table: 'jobs',
      ttl: 120,
      issuer: 'https://default.example',
      region: 'eu-west-1',
    });
    expect(readConfig(settings, { ...good, ISSUER: 'http://127.0.0.1:9229' }).issuer).toBe(
      'http://127.0.0.1:9229',
    );
  });

  it('fails fast naming every missing or malformed variable at once, and who should set it', () => {
    const read = () => readConfig(settings, { JOBS_TABLE_NAME: '  ', TTL: '12' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      'Missing required environment variable JOBS_TABLE_NAME (template.yaml sets it for this function); ' +
        'Environment variable TTL must be an integer from 60 to 3600, got "12"; ' +
        'Missing required environment variable AWS_REGION (the Lambda runtime sets it)',
    );
    expect(() => readConfig(settings, { ...good, TTL: '9e9x' })).toThrow(/TTL must be an integer/);
    expect(() => readConfig(settings, { ...good, TTL: '' })).toThrow(
      /Missing required environment variable TTL/,
    );
  });

  it('names the variables a group of settings reads', () => {
    expect(variablesOf(settings)).toEqual(['JOBS_TABLE_NAME', 'TTL', 'ISSUER', 'AWS_REGION']);
  });

  it('reads once per container', () => {
    let reads = 0;
    const config = once(() => ++reads);
    expect([config(), config(), config()]).toEqual([1, 1, 1]);
  });
});
