import type { APIGatewayProxyResult } from 'aws-lambda';
import type { HttpProblem } from './problem.js';
import { corsOrigin } from './cors.js';

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

export function problem(p: HttpProblem): APIGatewayProxyResult {
  return {
    statusCode: p.status,
    headers: { ...baseHeaders('application/problem+json'), ...p.headers },
    body: JSON.stringify(p.toJSON()),
  };
}
