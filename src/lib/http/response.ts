import type { APIGatewayProxyResult } from 'aws-lambda';
import { corsOrigin } from './cors.js';
import { problemFor } from './problems.js';

function baseHeaders(contentType?: string): Record<string, string> {
  return {
    ...(contentType ? { 'Content-Type': contentType } : {}),
    'Access-Control-Allow-Origin': corsOrigin(),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { ...baseHeaders('application/json'), ...headers },
    body: JSON.stringify(body),
  };
}

export function noContent(headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode: 204, headers: { ...baseHeaders(), ...headers }, body: '' };
}

/** The problem+json answer for any error (src/lib/http/problems.ts decides which). */
export function problem(error: unknown): APIGatewayProxyResult {
  const answer = problemFor(error);
  return {
    statusCode: answer.status,
    headers: { ...baseHeaders('application/problem+json'), ...answer.headers },
    body: JSON.stringify(answer.body),
  };
}
