// Generated from openapi.yaml by `npm run generate`. Do not edit.
import type { ValidateFunction } from 'ajv';

/** Precompiled validators, by the names api/operations.json gives (src/lib/validator-names.ts). */
declare const validators: Record<string, ValidateFunction | undefined>;
export = validators;
