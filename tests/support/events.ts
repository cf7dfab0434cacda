/** The realistic sample events in events/, shared by the unit tests and `sam local invoke`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { projectRoot } from './paths.js';

export function loadEvent<T = APIGatewayProxyEvent>(name: string): T {
  return JSON.parse(readFileSync(join(projectRoot, 'events', `${name}.json`), 'utf8')) as T;
}

/** A copy of an API event with some fields replaced (deep enough for requestContext and headers). */
export function apiEvent(name: string, overrides: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  const base = loadEvent(name);
  return {
    ...base,
    ...overrides,
    headers: { ...base.headers, ...(overrides.headers ?? {}) },
    requestContext: { ...base.requestContext, ...(overrides.requestContext ?? {}) },
  };
}
