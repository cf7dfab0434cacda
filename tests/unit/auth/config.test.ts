import { authorizerConfigFromEnv, CLOCK_SKEW_SECONDS } from '../../../src/auth/config.js';
import { ConfigError } from '../../../src/lib/config.js';

const base = { AWS_REGION: 'eu-west-1', USER_POOL_ID: 'eu-west-1_AbC123', USER_POOL_CLIENT_ID: 'client-1' };

describe('authorizer configuration from the environment', () => {
  it("defaults to the AWS Cognito issuer and JWKS of the pool's region", () => {
    expect(authorizerConfigFromEnv(base)).toEqual({
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
      audience: 'client-1',
      jwksUri: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json',
      graceSeconds: CLOCK_SKEW_SECONDS,
    });
  });

  it("takes the emulator's issuer (cognito-local) and its JWKS from the Cognito endpoint", () => {
    const config = authorizerConfigFromEnv({
      ...base,
      USER_POOL_ID: 'local_5Tq8x0mZ',
      COGNITO_ISSUER_BASE_URL: 'http://127.0.0.1:9229/',
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:9229',
    });
    expect(config.issuer).toBe('http://127.0.0.1:9229/local_5Tq8x0mZ');
    expect(config.jwksUri).toBe('http://127.0.0.1:9229/local_5Tq8x0mZ/.well-known/jwks.json');
  });

  it("keeps AWS's issuer but reads the JWKS from one endpoint for every service (moto)", () => {
    const config = authorizerConfigFromEnv({ ...base, AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' });
    expect(config.issuer).toBe('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123');
    expect(config.jwksUri).toBe('http://127.0.0.1:5000/eu-west-1_AbC123/.well-known/jwks.json');
  });

  it('prefers the Cognito-specific endpoint over the general one', () => {
    const config = authorizerConfigFromEnv({
      ...base,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:9229',
    });
    expect(config.jwksUri).toBe('http://127.0.0.1:9229/eu-west-1_AbC123/.well-known/jwks.json');
  });

  it.each(['AWS_REGION', 'USER_POOL_ID', 'USER_POOL_CLIENT_ID'])('fails fast naming a missing %s', (name) => {
    const env: NodeJS.ProcessEnv = { ...base, [name]: undefined };
    expect(() => authorizerConfigFromEnv(env)).toThrow(ConfigError);
    expect(() => authorizerConfigFromEnv(env)).toThrow(name);
  });

  it('refuses a pool id that could bend the issuer or JWKS URL', () => {
    for (const USER_POOL_ID of ['eu-west-1_AbC/../x', 'pool', 'eu-west-1_AbC?x=1', 'eu-west-1_AbC#']) {
      expect(() => authorizerConfigFromEnv({ ...base, USER_POOL_ID })).toThrow(ConfigError);
    }
  });
});
