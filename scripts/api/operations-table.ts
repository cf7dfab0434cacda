/**
 * The operations table (api/operations.json) that handlers read instead of the spec: see
 * src/lib/operations.ts for its format and its one consumer.
 */
import type { OperationsTable, ParameterEntry } from '../../src/lib/operations.js';
import { contractOperations, type Contract } from './contract.js';
import { bodyValidatorName, parameterValidatorName } from '../../src/lib/validator-names.js';

const isPrimitive = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

export function operationsTable(contract: Contract): OperationsTable {
  const table: OperationsTable = {};
  for (const op of contractOperations(contract)) {
    const parameters = op.parameters.flatMap((p): ParameterEntry[] => {
      if (p.in === 'cookie') throw new Error(`${op.operationId}: cookie parameters are not supported`);
      const schema = p.schema ?? {};
      return [
        {
          name: p.name,
          in: p.in,
          required: p.in === 'path' || p.required === true,
          ...(typeof schema.type === 'string' ? { type: schema.type } : {}),
          ...(isPrimitive(schema.default) ? { default: schema.default } : {}),
          ...(p.schema ? { validator: parameterValidatorName(op.operationId, p.in, p.name) } : {}),
        },
      ];
    });
    const json = op.requestBody?.content['application/json'];
    if (op.requestBody && (!json?.schema || Object.keys(op.requestBody.content).length > 1))
      throw new Error(`${op.operationId}: handlers read JSON bodies only (application/json with a schema)`);
    table[op.operationId] = {
      method: op.method.toUpperCase(),
      path: op.path,
      secured: op.security.length > 0,
      parameters,
      ...(json?.schema
        ? {
            body: {
              required: op.requestBody?.required === true,
              validator: bodyValidatorName(op.operationId),
            },
          }
        : {}),
    };
  }
  return table;
}
