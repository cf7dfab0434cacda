/**
 * Export names of the precompiled validators in api/validators.cjs. The generators of the validators
 * and of the operations table (which hands the names to the handlers) share them, so both agree.
 * Names must be JavaScript identifiers.
 */
const identifier = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');

export const bodyValidatorName = (operationId: string) => `body_${identifier(operationId)}`;

export const parameterValidatorName = (operationId: string, location: string, name: string) =>
  `param_${identifier(operationId)}_${location}_${identifier(name)}`;
