/**
 * Export names of the precompiled validators in api/validators.js. The generators of the validators
 * and of the operations table (scripts/api/) and the job types' payload check (src/jobs/types/)
 * share them, so all agree. Names must be JavaScript identifiers.
 */
const identifier = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');

export const bodyValidatorName = (operationId: string) => `body_${identifier(operationId)}`;

export const parameterValidatorName = (operationId: string, location: string, name: string) =>
  `param_${identifier(operationId)}_${location}_${identifier(name)}`;

/** The validator of a job type's payload schema (`<Type>JobPayload` in openapi.yaml). */
export const jobPayloadValidatorName = (jobType: string) => `jobPayload_${identifier(jobType)}`;
