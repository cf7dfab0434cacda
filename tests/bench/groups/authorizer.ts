/**
 * authorizer: verifications per second of one valid Cognito-shaped ID token by the authorizer's own
 * verifier (src/auth/verifier.ts), warm (JWKS cached), on one core (this process's thread).
 */
import { CognitoIdTokenVerifier } from '../../../src/auth/verifier.js';
import { systemClock } from '../../../src/lib/clock.js';
import { CLOCK_SKEW_SECONDS } from '../../../src/auth/config.js';
import { createSigningSetup, jwksOf, signIdToken } from '../../support/signing.js';
import { check, type GroupResult } from '../report.js';
import { median, round } from '../stats.js';

const GOAL_PER_SECOND = 10_000;

export async function authorizer(options: { seconds: number; rounds: number }): Promise<GroupResult> {
  const setup = await createSigningSetup({
    issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Bench1',
    audience: 'bench-client',
  });
  const body = new TextEncoder().encode(JSON.stringify(jwksOf(setup)));
  let jwksFetches = 0;
  const verifier = new CognitoIdTokenVerifier(
    {
      issuer: setup.issuer,
      audience: setup.audience,
      jwksUri: `${setup.issuer}/.well-known/jwks.json`,
      graceSeconds: CLOCK_SKEW_SECONDS,
    },
    systemClock,
    {
      fetch: () => {
        jwksFetches++;
        return Promise.resolve(body.buffer);
      },
    },
  );
  const token = await signIdToken(setup);
  for (let i = 0; i < 200; i++) await verifier.verify(token); // warm: JWKS cached, JIT settled

  const rates: number[] = [];
  for (let r = 0; r < options.rounds; r++) {
    let n = 0;
    const started = performance.now();
    const until = started + (options.seconds * 1000) / options.rounds;
    while (performance.now() < until) {
      for (let i = 0; i < 100; i++) await verifier.verify(token);
      n += 100;
    }
    rates.push(n / ((performance.now() - started) / 1000));
  }
  const perSecond = median(rates);
  return {
    figures: {
      verificationsPerSecond: round(perSecond, 0),
      rounds: rates.map((r) => round(r, 0)),
      jwksFetches,
    },
    checks: [
      check(
        'verifications/s (1 core)',
        round(perSecond, 0),
        `>= ${GOAL_PER_SECOND}`,
        perSecond >= GOAL_PER_SECOND,
      ),
    ],
  };
}
