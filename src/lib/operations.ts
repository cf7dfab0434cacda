/**
 * The operations table (api/operations.json, generated from openapi.yaml by `npm run generate`):
 * per operationId, what a handler needs to serve it: method and path, whether it is secured, its
 * parameters and body with the names of their precompiled validators (api/validators.js). API
 * Gateway puts the matched operationId in `requestContext.operationName`, so handlers dispatch on
 * it; the contract stays the only route list, and no function walks or carries the spec.
 */
import table from '../../api/operations.json' with { type: 'json' };
import type { operations } from '../../api/schema.js';

export type OperationId = keyof operations;

export interface ParameterEntry {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  /** The schema's type, for coercing the raw string (integer and number become numbers). */
  type?: string;
  /** The schema's default, used when the parameter is absent. */
  default?: string | number;
  /** Export name of its validator in api/validators.js. */
  validator?: string;
}

export interface OperationEntry {
  method: string;
  path: string;
  secured: boolean;
  parameters: ParameterEntry[];
  body?: { required: boolean; validator: string };
}

export type OperationsTable = Record<string, OperationEntry>;

const entries = table as unknown as OperationsTable;

/** The operation API Gateway matched; undefined for a name that is not one (never a prototype key). */
export function operationEntry(operationId: string): OperationEntry | undefined {
  return Object.hasOwn(entries, operationId) ? entries[operationId] : undefined;
}
